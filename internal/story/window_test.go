package story

import (
	"fmt"
	"testing"
	"time"
)

// TestDuplicateIndexBounded: the duplicate index holds the active window
// only, even when the stream opens with an undated article and its dates
// go back and forth (each used to pin everything after it).
func TestDuplicateIndexBounded(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dated bool
	}{{"undated", false}, {"dated, out of order", true}} {
		t.Run(tc.name, func(t *testing.T) {
			p := DefaultParams
			p.DuplicateArticles = 2000
			c := New(p)
			c.Add(Doc{ID: "first", Text: "An undated notice about the harbour opening hours for the winter season."})
			day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			text := func(i int) string {
				return fmt.Sprintf("Report number %d on item%d tells of subject%d and place%d in some detail.", i, i, i*7, i*13)
			}
			const n = 12000
			for i := range n {
				d := Doc{ID: fmt.Sprint("a", i), Text: text(i)}
				if tc.dated {
					// Ten minutes apart, every third one a day late.
					d.Published = day.Add(time.Duration(i) * 10 * time.Minute)
					if i%3 == 0 {
						d.Published = d.Published.Add(-24 * time.Hour)
					}
				}
				c.Add(d)
			}
			if got := len(c.dups.entries); got > 3000 {
				t.Errorf("duplicate index holds %d of %d articles, want at most the last ~%d", got, n+1, p.DuplicateArticles+1000)
			}
			if got := len(c.dups.exact); got > 3000 {
				t.Errorf("exact-hash index holds %d entries", got)
			}
			// The window still works: a copy of a recent article is found.
			last := Doc{ID: "copy", Text: text(n - 1)}
			if tc.dated {
				last.Published = day.Add(time.Duration(n-1) * 10 * time.Minute)
			}
			if a := c.Add(last); a.DuplicateOf != fmt.Sprint("a", n-1) {
				t.Errorf("copy of the latest article: duplicate_of %q", a.DuplicateOf)
			}
		})
	}
}

// TestDormantStoriesForgotten: stories asleep for DuplicateArticles
// arrivals leave the clusterer (the store keeps them), so memory per story
// ever seen is one slot; a story still in the window stays findable.
func TestDormantStoriesForgotten(t *testing.T) {
	p := DefaultParams
	p.IdleArticles, p.DuplicateArticles = 1000, 2000
	c := New(p)
	const n = 12000
	for i := range n {
		c.Add(Doc{ID: fmt.Sprint("a", i), Text: fmt.Sprintf("Item%d about topic%d and subject%d, told once.", i, i, i)})
	}
	held := 0
	for _, st := range c.stories {
		if st != nil {
			held++
		}
	}
	if held > 4000 || len(c.byID) != held {
		t.Errorf("%d of %d stories held (%d by id), want at most the last ~%d", held, len(c.stories), len(c.byID), p.DuplicateArticles+p.IdleArticles+1000)
	}
	if _, ok := c.Story("s-a0"); ok {
		t.Error("the first story, asleep for 11,000 arrivals, is still held")
	}
	if st, ok := c.Story(fmt.Sprint("s-a", n-1)); !ok || st.Size != 1 {
		t.Errorf("the latest story: %+v, %v", st, ok)
	}
}

// TestVocabularyBounded: terms unseen for DuplicateArticles arrivals and
// held by no active story are forgotten and their numbers reused, so the
// vocabulary follows the recent stream; every term an active story holds
// stays known.
func TestVocabularyBounded(t *testing.T) {
	p := DefaultParams
	p.IdleArticles, p.DuplicateArticles = 1000, 2000
	c := New(p)
	const n = 30000
	for i := range n {
		// Five new terms per article, and words every article shares.
		c.Add(Doc{ID: fmt.Sprint("a", i), Text: fmt.Sprintf("The council said item%d, topic%d, subject%d, place%d and 1%05d were reported.", i, i, i, i, i)})
	}
	if got := int64(len(c.idf.ids)); got > 6*(p.DuplicateArticles+pruneEvery) {
		t.Errorf("vocabulary of %d terms after %d articles of 5 new terms each, want those of the last ~%d arrivals", got, n, p.DuplicateArticles+pruneEvery)
	}
	if got := int64(len(c.idf.keys)); got > 6*(p.DuplicateArticles+2*pruneEvery) {
		t.Errorf("%d term numbers in use: forgotten numbers are not reused", got)
	}
	for _, i := range c.active {
		for id := range c.stories[i].centroid {
			if k := c.idf.keys[id]; k == "" || c.idf.ids[c.idf.hashes[id]] != id {
				t.Fatalf("active story %s holds forgotten term %d (%q)", c.stories[i].id, id, k)
			}
		}
	}
	if id, ok := c.idf.ids[termHash(kindWord+"council")]; !ok || c.idf.df[id] != n {
		t.Errorf("a word in every article: df %d, want %d", c.idf.df[id], n)
	}
}
