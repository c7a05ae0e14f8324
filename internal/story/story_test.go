package story_test

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/story"
)

var day = time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)

func docs() []story.Doc {
	return []story.Doc{
		{ID: "a1", Title: "Veloria ferry strike ends after talks", Text: "The ferry strike in Veloria ended on Tuesday after talks between the Ferry Crews Union and the Port Authority. Crossings to the Marren Islands resume on Wednesday.", Published: day, Entities: []string{"Veloria", "Ferry Crews Union", "Port Authority"}},
		{ID: "b1", Title: "Earthquake of magnitude 6.1 hits Calder Valley", Text: "An earthquake of magnitude 6.1 struck the Calder Valley on Tuesday, damaging houses in Norrby. No deaths were reported.", Published: day, Entities: []string{"Calder Valley", "Norrby"}},
		{ID: "a2", Title: "Ferry deal reached in Veloria, crossings resume", Text: "Ferries between Veloria and the Marren Islands will sail again after the Ferry Crews Union and the Port Authority agreed a deal ending the strike.", Published: day.Add(3 * time.Hour), Entities: []string{"Veloria", "Ferry Crews Union", "Port Authority", "Marren Islands"}},
		{ID: "b2", Title: "Magnitude 5.8 earthquake shakes Calder Valley again", Text: "A second earthquake, of magnitude 5.8, shook the Calder Valley on Friday near the town of Ostby, a week after the first.", Published: day.Add(10 * 24 * time.Hour), Entities: []string{"Calder Valley", "Ostby"}},
	}
}

func TestStreamingClusters(t *testing.T) {
	c := story.New(story.DefaultParams)
	got := map[string]string{}
	for _, d := range docs() {
		got[d.ID] = c.Add(d).Story
	}
	if got["a1"] != got["a2"] {
		t.Errorf("ferry reports split: %v", got)
	}
	if got["a1"] == got["b1"] || got["b1"] == got["b2"] {
		t.Errorf("distinct events merged (two earthquakes a week apart are two stories): %v", got)
	}
	if got["a1"] != "s-a1" {
		t.Errorf("story id %q, want s-a1", got["a1"])
	}
	// The ferry story went dormant when the stream moved 10 days on, but
	// is still findable.
	st, ok := c.Story("s-a1")
	if !ok || !st.Dormant || st.Size != 2 {
		t.Errorf("story s-a1 = %+v, %v", st, ok)
	}
}

func TestDeterministic(t *testing.T) {
	run := func() string {
		c := story.New(story.DefaultParams)
		var b strings.Builder
		for _, d := range docs() {
			a := c.Add(d)
			fmt.Fprintln(&b, a.ArticleID, a.Story, a.DuplicateOf)
		}
		return b.String()
	}
	if a, b := run(), run(); a != b {
		t.Errorf("two runs differ:\n%s\n%s", a, b)
	}
}

func TestDuplicates(t *testing.T) {
	text := strings.Repeat("The wire agency reported that the ferry strike in Veloria ended after eleven hours of talks on Tuesday. ", 4)
	c := story.New(story.DefaultParams)
	c.Add(story.Doc{ID: "wire", Text: text, Published: day})
	exact := c.Add(story.Doc{ID: "copy", Text: strings.ToUpper(text), Published: day})
	near := c.Add(story.Doc{ID: "near", Text: text + " Additional reporting by Ana Ruiz.", Published: day})
	other := c.Add(story.Doc{ID: "other", Text: strings.Repeat("A storm warning was issued for the north coast with gusts expected overnight. ", 4), Published: day})
	if exact.DuplicateOf != "wire" || near.DuplicateOf != "wire" || other.DuplicateOf != "" {
		t.Errorf("duplicates: exact %q near %q other %q", exact.DuplicateOf, near.DuplicateOf, other.DuplicateOf)
	}
	if exact.Story != "s-wire" {
		t.Errorf("a copy joins its original's story, got %q", exact.Story)
	}
}

// TestShortBoilerplate: feed items that share a short boilerplate text
// ("Click here to read the full story") are not copies of each other, and
// each goes to its own story; a short item with the same title and text
// is a copy.
func TestShortBoilerplate(t *testing.T) {
	const teaser = "Click here to read the full story on our website."
	c := story.New(story.DefaultParams)
	quake := c.Add(story.Doc{ID: "quake", Title: "Earthquake of magnitude 6.1 hits Calder Valley", Text: teaser, Published: day})
	budget := c.Add(story.Doc{ID: "budget", Title: "Parliament passes the budget after a night of votes", Text: teaser, Published: day})
	again := c.Add(story.Doc{ID: "again", Title: "Earthquake of magnitude 6.1 hits Calder Valley", Text: teaser, Published: day})
	if budget.DuplicateOf != "" || budget.Story == quake.Story {
		t.Errorf("the budget item copies the quake item? %+v", budget)
	}
	if again.DuplicateOf != "quake" || again.Story != quake.Story {
		t.Errorf("the repeated quake item is not a copy: %+v", again)
	}
}

// TestCopyOfACopy: an exact copy of a near-copy is reported as a copy of
// the original (the earliest article it copies), as doc.go says.
func TestCopyOfACopy(t *testing.T) {
	text := strings.Repeat("The wire agency reported that the ferry strike in Veloria ended after eleven hours of talks on Tuesday. ", 4)
	c := story.New(story.DefaultParams)
	c.Add(story.Doc{ID: "a", Text: text, Published: day})
	b := c.Add(story.Doc{ID: "b", Text: text + " Additional reporting by Ana Ruiz.", Published: day})
	cc := c.Add(story.Doc{ID: "c", Text: text + " Additional reporting by Ana Ruiz.", Published: day})
	if b.DuplicateOf != "a" || cc.DuplicateOf != "a" || cc.Story != "s-a" {
		t.Errorf("b %+v, c %+v: both copy a", b, cc)
	}
}

// TestRepeatedIDs: two different articles under one id (a corpus error)
// open two stories with two ids, not one id for both.
func TestRepeatedIDs(t *testing.T) {
	ds := docs()
	c := story.New(story.DefaultParams)
	ferry := c.Add(story.Doc{ID: "x", Title: ds[0].Title, Text: ds[0].Text, Published: day, Entities: ds[0].Entities})
	quake := c.Add(story.Doc{ID: "x", Title: ds[1].Title, Text: ds[1].Text, Published: day, Entities: ds[1].Entities})
	again := c.Add(story.Doc{ID: "x", Title: ds[3].Title, Text: ds[3].Text, Published: day.Add(time.Hour), Entities: ds[3].Entities})
	if ferry.Story != "s-x" || quake.Story != "s-x~2" {
		t.Errorf("stories %q and %q, want s-x and s-x~2", ferry.Story, quake.Story)
	}
	if again.Story == ferry.Story {
		t.Errorf("the second quake report joined the ferry story: %+v", again)
	}
}

// TestRepublishedWeekLater: a word-for-word copy published a week after
// its original (out of the time window) is still its duplicate, and joins
// its story; a near copy that late is not looked for.
func TestRepublishedWeekLater(t *testing.T) {
	text := strings.Repeat("The wire agency reported that the ferry strike in Veloria ended after eleven hours of talks on Tuesday. ", 4)
	c := story.New(story.DefaultParams)
	first := c.Add(story.Doc{ID: "wire", Text: text, Published: day})
	for i := range 50 { // the stream moves on, a few hours at a time
		c.Add(story.Doc{ID: fmt.Sprint("f", i), Text: fmt.Sprintf("Unrelated item number %d about topic%d and subject%d.", i, i, i), Published: day.Add(time.Duration(i) * 4 * time.Hour)})
	}
	late := c.Add(story.Doc{ID: "again", Text: text, Published: day.Add(9 * 24 * time.Hour)})
	if late.DuplicateOf != "wire" || late.Story != first.Story {
		t.Errorf("a word-for-word re-publication 9 days on: %+v", late)
	}
	near := c.Add(story.Doc{ID: "near", Text: text + " Additional reporting by Ana Ruiz.", Published: day.Add(20 * 24 * time.Hour)})
	if near.DuplicateOf != "" {
		t.Errorf("a near copy 20 days on is flagged: %+v", near)
	}
}

func TestLateCopyWakesDormantStory(t *testing.T) {
	text := strings.Repeat("The wire agency reported that the ferry strike in Veloria ended after eleven hours of talks on Tuesday. ", 4)
	p := story.DefaultParams
	p.IdleArticles = 1000
	c := story.New(p)
	first := c.Add(story.Doc{ID: "wire", Text: text})
	for i := range 2000 { // undated filler: the story sleeps after 1,000 idle arrivals
		c.Add(story.Doc{ID: fmt.Sprint("f", i), Text: fmt.Sprintf("Unrelated item number %d about topic%d and subject%d.", i, i, i)})
	}
	if st, _ := c.Story(first.Story); !st.Dormant {
		t.Fatal("story not dormant after 2,000 idle arrivals")
	}
	late := c.Add(story.Doc{ID: "copy", Text: text})
	if late.DuplicateOf != "wire" || late.Story != first.Story {
		t.Errorf("a late copy should rejoin its dormant story: %+v", late)
	}
}

func TestStoryQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	eval.Need(t, "stories/articles.jsonl")
	scores, err := eval.EvalStories(eval.DataDir(), story.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range scores {
		t.Log(s)
	}
	// The quality bar: B-cubed F1 0.95 and pairwise F1 0.90 on the whole
	// set (measured 0.957 / 0.918).
	all := scores[0]
	if all.B3F1 < 0.95 || all.PairF1 < 0.90 {
		t.Errorf("B-cubed F1 %.4f / pairwise F1 %.4f below the bar 0.95 / 0.90", all.B3F1, all.PairF1)
	}
	ds, err := eval.EvalDuplicates(eval.Need(t, "bulk/bbc-2225.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if ds.Precision() < 0.99 || ds.Flagged < 100 {
		t.Errorf("near-duplicates: %+v precision %.3f", ds, ds.Precision())
	}
}

// BenchmarkCluster37k feeds all of allsides-37k through the clustering
// stage in date order, as the pipeline runs it: features (Prepare) on a
// worker pool of GOMAXPROCS goroutines, assignment (AddPrepared) serial
// (features from title and text; entity analysis is a separate stage). It
// reports articles/s and the clusterer's heap at the end.
func BenchmarkCluster37k(b *testing.B) {
	ignore := func(news.Assignment) error { return nil }
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var all []story.Doc
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			b.Fatal(err)
		}
		doc := story.Doc{ID: d.Hint.ID, Title: d.Hint.Title, Text: d.Hint.Text}
		if t, err := time.Parse(time.DateOnly, d.Hint.Published); err == nil {
			doc.Published = t
		}
		all = append(all, doc)
	}
	story.SortForStream(all)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	var c *story.Clusterer
	for b.Loop() {
		c = story.New(story.DefaultParams)
		src := func(yield func(story.Doc, error) bool) {
			for _, d := range all {
				if !yield(d, nil) {
					return
				}
			}
		}
		w := story.NewWindow(c)
		for p, err := range pipeline.Map(context.Background(), src, 0, func(d story.Doc) (story.Prepared, error) { return story.Prepare(d), nil }) {
			if err != nil {
				b.Fatal(err)
			}
			w.Push(p, ignore) // ignore never fails
		}
		w.Flush(ignore)
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(len(all)*b.N)/b.Elapsed().Seconds(), "articles/s")
	// The clusterer's own memory: the heap beyond the loaded input.
	b.ReportMetric(float64(int64(ms.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "clustererMB")
	b.ReportMetric(float64(c.Active()), "active-stories")
}

// TestSeedsOneStory: the founding case, RT and The Moscow Times on one
// event, is one story.
func TestSeedsOneStory(t *testing.T) {
	dir := eval.Need(t, "seeds")
	an, err := pipeline.NewAnalyser()
	if err != nil {
		t.Fatal(err)
	}
	var docs []story.Doc
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{dir}) {
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.Article(d, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, story.DocFrom(an.Analyse(a)))
	}
	story.SortForStream(docs)
	c := story.New(story.DefaultParams)
	if a, b := c.Add(docs[0]), c.Add(docs[1]); a.Story != b.Story {
		t.Errorf("the seeds are split: %+v %+v", a, b)
	}
}

// TestTimeEvidence: undated reports of two rehab check-ins years apart
// (another actress, another year: what ECB+ tests) stay apart, while two
// reports of one check-in join; a chain of daily developments on one topic
// does not grow past MaxSpan from the story's first article.
func TestTimeEvidence(t *testing.T) {
	c := story.New(story.DefaultParams)
	doc := func(id, text string, entities ...string) story.Doc {
		return story.Doc{ID: id, Text: text, Entities: entities}
	}
	a := c.Add(doc("r1", "Actress Lena Marsh checked into the Promises rehab clinic in Malibu on Friday, her publicist said in December 2008. "+
		"Marsh, who starred in two comedies last year, promised fans to return to work after treatment.", "Marsh", "Promises", "Malibu", "Marsh"))
	b := c.Add(doc("r2", "Singer Dana Cole has entered a treatment centre in Palm Springs for exhaustion, her manager told reporters in May 2012. "+
		"Cole cancelled the last dates of her European tour and will spend a month at the centre.", "Cole", "Palm Springs", "Cole"))
	a2 := c.Add(doc("r3", "Lena Marsh is in rehab at Promises in Malibu, her publicist confirmed late in 2008; the actress checked in on Friday "+
		"and asked fans to respect her privacy.", "Marsh", "Promises", "Malibu"))
	if a.Story == b.Story {
		t.Errorf("check-ins of two stars in 2008 and 2012 merged: %v %v", a, b)
	}
	if a2.Story != a.Story {
		t.Errorf("two reports of the 2008 check-in split: %v %v", a, a2)
	}
	// A chain of daily developments: full reports join a story up to
	// MaxSpan from its first article, short items (a title and a lead)
	// only the same news day (ShortMaxSpan).
	background := strings.Repeat(" The airport has been the only way out since the capital fell, and the crowds outside its walls grew every night.", 12)
	for _, tc := range []struct {
		name   string
		extra  string
		joined func(day int) bool
	}{
		{"full reports", background, func(i int) bool { return i <= 2 }},
		{"short items", "", func(i int) bool { return i == 0 }},
	} {
		c = story.New(story.DefaultParams)
		var first string
		for i := range 6 {
			as := c.Add(story.Doc{ID: fmt.Sprint("d", i), Title: "Kabul airlift continues as Taliban hold the city",
				Text: fmt.Sprintf("The airlift from Kabul airport continued as the Taliban held the city. %s%s",
					[]string{"Thousands waited at the gates.", "Officials counted the flights that left overnight.", "Crowds pressed against the fences again.",
						"Aid groups asked for more planes to land.", "The last evacuation flights were being planned.", "Diplomats met to discuss what comes next."}[i], tc.extra),
				Published: day.Add(time.Duration(i) * 24 * time.Hour), Entities: []string{"Kabul", "Taliban"}})
			if i == 0 {
				first = as.Story
			}
			if joined := as.Story == first; joined != tc.joined(i) {
				t.Errorf("%s, day %d: in the first story = %v, want %v (max span %s, %s under %d bytes)", tc.name, i, joined, tc.joined(i),
					story.DefaultParams.MaxSpan, story.DefaultParams.ShortMaxSpan, story.DefaultParams.ShortText)
			}
		}
	}
}

// BenchmarkPrepare37k and BenchmarkAddPrepared37k time the two halves of
// BenchmarkCluster37k on one goroutine each: the per-article features
// and the serial assignment.
func BenchmarkPrepare37k(b *testing.B) {
	all := load37k(b)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range all {
			story.Prepare(d)
		}
	}
	b.ReportMetric(float64(len(all)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkAddPrepared37k(b *testing.B) {
	all := load37k(b)
	ps := make([]story.Prepared, len(all))
	for i, d := range all {
		ps[i] = story.Prepare(d)
	}
	b.ResetTimer()
	for b.Loop() {
		c := story.New(story.DefaultParams)
		for _, p := range ps {
			c.AddPrepared(p)
		}
	}
	b.ReportMetric(float64(len(all)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func load37k(b *testing.B) []story.Doc {
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var all []story.Doc
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			b.Fatal(err)
		}
		doc := story.Doc{ID: d.Hint.ID, Title: d.Hint.Title, Text: d.Hint.Text}
		if t, err := time.Parse(time.DateOnly, d.Hint.Published); err == nil {
			doc.Published = t
		}
		all = append(all, doc)
	}
	story.SortForStream(all)
	return all
}

// TestPrepareSame checks prepare against the per-term strings version it
// replaced (prepareMapped) on real articles.
func TestPrepareSame(t *testing.T) {
	path := eval.Need(t, "bulk/allsides-37k.jsonl.gz")
	n := 0
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			t.Fatal(err)
		}
		doc := story.Doc{ID: d.Hint.ID, Title: d.Hint.Title, Text: d.Hint.Text, Entities: []string{"Joe Biden", "U.N.", "Éva Łódź"}}
		if diff := story.SamePrepared(doc); diff != "" {
			t.Fatal(diff)
		}
		if n++; n == 3000 {
			break
		}
	}
}

func TestParamsValidate(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(p *story.Params)
		ok   bool
	}{
		{"default", func(*story.Params) {}, true},
		{"threshold 1", func(p *story.Params) { p.Threshold = 1 }, true},
		{"threshold NaN", func(p *story.Params) { p.Threshold = math.NaN() }, false},
		{"threshold 0", func(p *story.Params) { p.Threshold = 0 }, false},
		{"threshold -1", func(p *story.Params) { p.Threshold = -1 }, false},
		{"threshold 1.5", func(p *story.Params) { p.Threshold = 1.5 }, false},
		{"window 0", func(p *story.Params) { p.Window = 0 }, false},
		{"window -5h", func(p *story.Params) { p.Window = -5 * time.Hour }, false},
		{"no span bound", func(p *story.Params) { p.MaxSpan = 0 }, true},
		{"negative span", func(p *story.Params) { p.MaxSpan = -time.Hour }, false},
		{"no query terms", func(p *story.Params) { p.QueryTerms = 0 }, false},
	} {
		p := story.DefaultParams
		c.edit(&p)
		if err := p.Validate(); (err == nil) != c.ok {
			t.Errorf("%s: Validate() = %v", c.name, err)
		}
	}
}
