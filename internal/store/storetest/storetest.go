// Package storetest is the contract every store.Store implementation
// passes: call Run from the implementation's tests with a function that
// opens a fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
)

// Article builds a small analysed article for tests.
func Article(id, outlet, published, title, body string, quotes ...news.Quote) news.AnalysedArticle {
	a := news.AnalysedArticle{Article: news.Article{ID: id, Source: id + ".txt", Outlet: outlet, Published: published, Title: title, Text: body, Language: "en"}}
	a.Sentences = sentences(body)
	for _, q := range quotes {
		q.Article = id
		a.Quotes = append(a.Quotes, q)
	}
	return a
}

// sentences splits like the analysis stage (stores may recompute them).
func sentences(s string) []news.Sentence { return text.Sentences(s) }

// Item pairs an article with its story.
func Item(a news.AnalysedArticle, story, dupOf string) store.Item {
	return store.Item{Article: a, Assignment: news.Assignment{ArticleID: a.ID, Story: story, DuplicateOf: dupOf}}
}

// Run runs the contract suite.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	ferry := Article("a1", "The Harbour Ledger", "2026-03-03", "Ferry strike ends", "The ferry strike in Veloria ended on Tuesday.",
		news.Quote{Text: "Nobody wins", Kind: news.Direct, Speaker: "Lena Ortiz", Start: 1, End: 12})
	ferry2 := Article("a2", "North Star Daily", "2026-03-03T11:40:00+01:00", "Ferry deal reached", "Ferries sail again on Wednesday after the deal.")
	storm := Article("b1", "Coastal Wire", "2026-03-05", "Storm warning", "A storm warning was issued for the north coast.")
	batch := []store.Item{Item(ferry, "s-a1", ""), Item(ferry2, "s-a1", ""), Item(storm, "s-b1", "")}

	t.Run("put and read back", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		n, err := s.Put(ctx, batch)
		if err != nil || n != 3 {
			t.Fatalf("Put = %d, %v", n, err)
		}
		got, err := s.Article(ctx, "a1")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ferry, got); diff != "" {
			t.Errorf("article round trip (-want +got):\n%s", diff)
		}
		arts, ass, err := s.Story(ctx, "s-a1")
		if err != nil || len(arts) != 2 || ass[0].Story != "s-a1" {
			t.Fatalf("Story = %d, %+v, %v", len(arts), ass, err)
		}
		if _, err := s.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown article: %v", err)
		}
		if _, _, err := s.Story(ctx, "s-nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown story: %v", err)
		}
		if _, err := s.StoryInfo(ctx, "s-nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown story info: %v", err)
		}
	})

	t.Run("idempotent", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if _, err := s.Put(ctx, batch); err != nil {
			t.Fatal(err)
		}
		n, err := s.Put(ctx, batch)
		if err != nil || n != 0 {
			t.Fatalf("second Put = %d, %v; want 0 new", n, err)
		}
		sts, _ := s.Stories(ctx, store.StoryQuery{})
		if len(sts) != 2 || sts[0].ID != "s-b1" || sts[1].Articles != 2 || sts[1].Outlets != 2 || sts[1].Title != "Ferry strike ends" {
			t.Errorf("stories = %+v", sts)
		}
	})

	t.Run("a bad item rolls the batch back", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		bad := append(batch[:1:1], store.Item{Article: Article("", "X", "", "No id", "text")})
		if _, err := s.Put(ctx, bad); err == nil {
			t.Fatal("want an error for an article without id")
		}
		if _, err := s.Article(ctx, "a1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("half a batch was stored: %v", err)
		}
	})

	t.Run("stories and search", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if _, err := s.Put(ctx, batch); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			q    store.SearchQuery
			want []string
		}{
			{"words", store.SearchQuery{Text: "ferry"}, []string{"a2", "a1"}},
			{"quote words", store.SearchQuery{Text: "nobody wins"}, []string{"a1"}},
			{"outlet", store.SearchQuery{Text: "ferry", Outlet: "North Star Daily"}, []string{"a2"}},
			{"speaker", store.SearchQuery{Speaker: "ortiz"}, []string{"a1"}},
			{"entity", store.SearchQuery{Entity: "north coast"}, []string{"b1"}},
			{"dates", store.SearchQuery{From: "2026-03-04", To: "2026-03-31"}, []string{"b1"}},
			{"a month", store.SearchQuery{From: "2026-03", To: "2026-03"}, []string{"b1", "a2", "a1"}},
			{"hostile query", store.SearchQuery{Text: `ferry" OR * NEAR(`}, nil},
			{"control characters", store.SearchQuery{Text: "ferry\x00\x1b", Speaker: "ortiz\x00"}, []string{"a1"}},
			{"a word many times", store.SearchQuery{Text: strings.Repeat("ferry ", 3000)}, []string{"a2", "a1"}},
		} {
			hits, err := s.Search(ctx, c.q)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			var ids []string
			for _, h := range hits {
				ids = append(ids, h.ArticleID)
			}
			if diff := cmp.Diff(c.want, ids); diff != "" {
				t.Errorf("%s (-want +got):\n%s", c.name, diff)
			}
		}
		sts, err := s.Stories(ctx, store.StoryQuery{Outlet: "Coastal Wire"})
		if err != nil || len(sts) != 1 || sts[0].ID != "s-b1" {
			t.Errorf("stories by outlet = %+v, %v", sts, err)
		}
		sts, _ = s.Stories(ctx, store.StoryQuery{Since: "2026-03-04"})
		if len(sts) != 1 {
			t.Errorf("stories since = %+v", sts)
		}
	})

	t.Run("recent and has", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if _, err := s.Put(ctx, batch); err != nil {
			t.Fatal(err)
		}
		arts, ass, err := s.Recent(ctx, 2)
		if err != nil || len(arts) != 2 || arts[0].ID != "a2" || arts[1].ID != "b1" || ass[1].Story != "s-b1" {
			t.Errorf("Recent = %d %+v, %v", len(arts), ass, err)
		}
		has, err := s.Has(ctx, []string{"a1", "zz"})
		if err != nil || !has["a1"] || has["zz"] {
			t.Errorf("Has = %v, %v", has, err)
		}
	})

	t.Run("many batches", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		for b := range 20 {
			var items []store.Item
			for i := range 50 {
				id := fmt.Sprintf("m%d-%d", b, i)
				items = append(items, Item(Article(id, fmt.Sprint("Outlet ", i%5), "2026-01-01", "Title "+id, "Text of "+id), fmt.Sprint("s-", b), ""))
			}
			if n, err := s.Put(ctx, items); err != nil || n != 50 {
				t.Fatalf("batch %d: %d, %v", b, n, err)
			}
		}
		sts, _ := s.Stories(ctx, store.StoryQuery{Limit: 100})
		if len(sts) != 20 || sts[0].Articles != 50 || sts[0].Outlets != 5 {
			t.Errorf("stories = %d, first %+v", len(sts), sts[0])
		}
	})

	t.Run("quotes, speakers, outlets, walk and stats", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		third := Article("a3", "Coastal Wire", "2026-03-04", "Ortiz speaks", "Ortiz spoke again.",
			news.Quote{Text: "We will sail", Kind: news.Direct, Speaker: "Lena Ortiz", Start: 0, End: 5},
			news.Quote{Text: "the coast is clear", Kind: news.Indirect, Speaker: "Mayor Bo Tan", Start: 0, End: 5})
		if _, err := s.Put(ctx, append(slices.Clone(batch), Item(third, "s-a1", ""))); err != nil {
			t.Fatal(err)
		}
		qs, err := s.Quotes(ctx, store.QuoteQuery{Speaker: "ORTIZ"})
		if err != nil || len(qs) != 2 || qs[0].ArticleID != "a3" || qs[0].Text != "We will sail" || qs[1].Outlet != "The Harbour Ledger" || qs[1].Story != "s-a1" || qs[1].Kind != "direct" {
			t.Errorf("Quotes(ortiz) = %+v, %v", qs, err)
		}
		qs, _ = s.Quotes(ctx, store.QuoteQuery{Speaker: "ortiz", Outlet: "Coastal Wire"})
		if len(qs) != 1 {
			t.Errorf("Quotes(ortiz, Coastal Wire) = %+v", qs)
		}
		qs, _ = s.Quotes(ctx, store.QuoteQuery{Story: "s-b1"})
		if len(qs) != 0 {
			t.Errorf("Quotes(story s-b1) = %+v", qs)
		}
		sp, err := s.Speakers(ctx, 10)
		if err != nil || len(sp) != 2 || sp[0] != (store.SpeakerSummary{Name: "Lena Ortiz", Quotes: 2, Articles: 2, Outlets: 2}) {
			t.Errorf("Speakers = %+v, %v", sp, err)
		}
		// A person's page: the whole name, in any case; a part finds nothing.
		qs, _ = s.Quotes(ctx, store.QuoteQuery{Speaker: "lena ORTIZ", Exact: true})
		if len(qs) != 2 {
			t.Errorf("Quotes(lena ORTIZ, exact) = %+v", qs)
		}
		qs, _ = s.Quotes(ctx, store.QuoteQuery{Speaker: "Ortiz", Exact: true})
		if len(qs) != 0 {
			t.Errorf("Quotes(Ortiz, exact) = %+v", qs)
		}
		one, err := s.Speaker(ctx, "LENA ortiz")
		if err != nil || one != (store.SpeakerSummary{Name: "LENA ortiz", Quotes: 2, Articles: 2, Outlets: 2}) {
			t.Errorf("Speaker(LENA ortiz) = %+v, %v", one, err)
		}
		if none, err := s.Speaker(ctx, "Nobody"); err != nil || none.Quotes != 0 {
			t.Errorf("Speaker(Nobody) = %+v, %v", none, err)
		}
		outs, err := s.Outlets(ctx)
		if err != nil || len(outs) != 3 || outs[0] != (store.OutletSummary{Name: "Coastal Wire", Articles: 2, Stories: 2, Quotes: 2, First: "2026-03-04", Last: "2026-03-05"}) {
			t.Errorf("Outlets = %+v, %v", outs, err)
		}
		var walked []string
		err = s.Walk(ctx, func(a news.AnalysedArticle, as news.Assignment) error {
			if as.ArticleID != a.ID || as.Story == "" {
				t.Errorf("walk: assignment %+v for %s", as, a.ID)
			}
			walked = append(walked, a.ID)
			return nil
		})
		if err != nil || !slices.Equal(walked, []string{"a1", "a2", "b1", "a3"}) {
			t.Errorf("Walk = %v, %v", walked, err)
		}
		stop := errors.New("stop")
		if err := s.Walk(ctx, func(news.AnalysedArticle, news.Assignment) error { return stop }); !errors.Is(err, stop) {
			t.Errorf("Walk did not pass fn's error back: %v", err)
		}
		st, err := s.Stats(ctx)
		if err != nil || st.Articles != 4 || st.Stories != 2 || st.Quotes != 3 {
			t.Errorf("Stats = %+v, %v", st, err)
		}
	})

	t.Run("story summary follows its articles", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		steps := []struct {
			a                  news.AnalysedArticle
			title, first, last string
			articles, outlets  int
		}{
			{Article("t1", "A", "", "Undated first", "x"), "Undated first", "", "", 1, 1},
			{Article("t2", "B", "2026-03-05", "Later report", "x"), "Later report", "2026-03-05", "2026-03-05", 2, 2},
			{Article("t3", "A", "2026-03-04", "Earliest report", "x"), "Earliest report", "2026-03-04", "2026-03-05", 3, 2},
			{Article("t4", "C", "2026-03-06", "Latest report", "x"), "Earliest report", "2026-03-04", "2026-03-06", 4, 3},
		}
		for i, st := range steps {
			if _, err := s.Put(ctx, []store.Item{Item(st.a, "s-t", "")}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Stories(ctx, store.StoryQuery{})
			want := store.StorySummary{ID: "s-t", Title: st.title, First: st.first, Last: st.last, Articles: st.articles, Outlets: st.outlets}
			if err != nil || len(got) != 1 || got[0] != want {
				t.Errorf("after article %d: %+v, %v; want %+v", i+1, got, err, want)
			}
			if info, err := s.StoryInfo(ctx, "s-t"); err != nil || info != want {
				t.Errorf("StoryInfo after article %d: %+v, %v; want %+v", i+1, info, err, want)
			}
		}
	})

	t.Run("feeds", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		fs, ok := s.(store.Feeds)
		if !ok {
			t.Fatal("the store does not keep feeds")
		}
		for _, u := range []string{"https://a.example/rss", "https://b.example/atom", "https://a.example/rss"} {
			if err := fs.AddFeed(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		list, err := fs.ListFeeds(ctx)
		if err != nil || len(list) != 2 || list[0].URL != "https://a.example/rss" || list[0].Added.IsZero() {
			t.Fatalf("ListFeeds = %+v, %v", list, err)
		}
		f := list[1]
		now := time.Now().UTC().Truncate(time.Second)
		f.LastCheck, f.LastSuccess, f.NextCheck = now, now, now.Add(time.Hour)
		f.LastError, f.Errors, f.Items, f.ETag, f.LastModified = "HTTP 500", 2, 7, `"abc"`, "Mon, 02 Mar 2026 10:00:00 GMT"
		if err := fs.UpdateFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
		list, _ = fs.ListFeeds(ctx)
		got := list[1]
		if !got.LastCheck.Equal(now) || !got.NextCheck.Equal(now.Add(time.Hour)) || got.LastError != "HTTP 500" || got.Errors != 2 ||
			got.Items != 7 || got.ETag != `"abc"` || got.LastModified != f.LastModified {
			t.Errorf("after UpdateFeed: %+v", got)
		}
		if err := fs.MarkSeen(ctx, f.URL, []string{"https://b.example/1", "https://b.example/2"}); err != nil {
			t.Fatal(err)
		}
		if err := fs.MarkSeen(ctx, f.URL, []string{"https://b.example/2"}); err != nil {
			t.Fatal(err)
		}
		seen, err := fs.SeenItems(ctx, f.URL, []string{"https://b.example/2", "https://b.example/3"})
		if err != nil || !seen["https://b.example/2"] || seen["https://b.example/3"] || len(seen) != 1 {
			t.Errorf("SeenItems = %v, %v", seen, err)
		}
		if seen, _ := fs.SeenItems(ctx, "https://a.example/rss", []string{"https://b.example/2"}); len(seen) != 0 {
			t.Errorf("items are per feed: %v", seen)
		}
		if err := fs.RemoveFeed(ctx, "https://a.example/rss"); err != nil {
			t.Fatal(err)
		}
		if err := fs.RemoveFeed(ctx, "https://a.example/rss"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removing twice: %v", err)
		}
		if list, _ := fs.ListFeeds(ctx); len(list) != 1 {
			t.Errorf("after remove: %+v", list)
		}
	})
}
