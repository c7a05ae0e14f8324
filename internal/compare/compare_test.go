package compare_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/source"
)

func load(t testing.TB, args ...string) []news.AnalysedArticle {
	t.Helper()
	an, err := pipeline.NewAnalyser()
	if err != nil {
		t.Fatal(err)
	}
	tab, err := outlet.Load("../../examples/outlets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out []news.AnalysedArticle
	for d, err := range (&source.Opener{}).Documents(context.Background(), args) {
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.Article(d, extract.Options{Outlets: tab})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, an.Analyse(a))
	}
	return out
}

// claimWith finds the claim group holding a sentence that contains s.
func claimWith(r compare.StoryReport, s string) *compare.Claim {
	for i, c := range r.Claims {
		for _, cs := range c.Sentences {
			if strings.Contains(cs.Text, s) {
				return &r.Claims[i]
			}
		}
	}
	return nil
}

func voice(r compare.StoryReport, name string) *compare.Voice {
	for i, v := range r.Voices {
		if strings.Contains(v.Speaker, name) {
			return &r.Voices[i]
		}
	}
	return nil
}

// TestFoundingCase is the seeds: what a reader must see without reading
// the articles.
func TestFoundingCase(t *testing.T) {
	arts := load(t, eval.Need(t, "seeds"))
	tab, _ := outlet.Load("../../examples/outlets.yaml")
	r := compare.Build(compare.Input{ID: "seeds", Articles: arts, Outlets: tab})
	if len(r.Articles) != 2 {
		t.Fatalf("%d articles", len(r.Articles))
	}
	for _, c := range []struct {
		sentence     string
		corroborated bool
		outlet       string
	}{
		{"led by Prime Minister Medvedev to Washington", true, ""},
		{"unable to receive our delegation in Washington", true, ""},
		{"The agreement on the military-technical measures", true, ""},
		{"Baghdad-based anti-terrorism center", false, "RT"},
		{"showing our cards", false, "RT"},
		{"I think this position is non-constructive", false, "The Moscow Times"},
		{"Its weakness is based on a lack of agenda", false, "The Moscow Times"},
		{"said White House spokesman Josh Earnest", false, "The Moscow Times"},
		{"air strikes in Syria since Sept. 30", false, "The Moscow Times"},
	} {
		cl := claimWith(r, c.sentence)
		if cl == nil {
			t.Errorf("no claim with %q", c.sentence)
			continue
		}
		if cl.Corroborated != c.corroborated || (c.outlet != "" && !slices.Equal(cl.Outlets, []string{c.outlet})) {
			t.Errorf("%q: corroborated %v outlets %v", c.sentence, cl.Corroborated, cl.Outlets)
		}
	}
	for _, o := range r.Outlets {
		switch o.Name {
		case "RT":
			if !slices.Equal(o.Quotes, []string{"Sergei Lavrov"}) || !slices.Contains(o.Omits, "Vladimir Putin") || !slices.Contains(o.Omits, "Josh Earnest") {
				t.Errorf("RT quotes %v omits %v", o.Quotes, o.Omits)
			}
		case "The Moscow Times":
			for _, v := range []string{"Vladimir Putin", "Josh Earnest", "Sergei Lavrov"} {
				if !slices.Contains(o.Quotes, v) {
					t.Errorf("The Moscow Times should quote %s: %v", v, o.Quotes)
				}
			}
		default:
			t.Errorf("unexpected outlet %q", o.Name)
		}
	}
	if lv := voice(r, "Lavrov"); lv == nil || !slices.Contains(lv.Outlets, "RT") || !slices.Contains(lv.Outlets, "The Moscow Times") {
		t.Errorf("Lavrov voice = %+v", lv)
	}
	if !strings.Contains(r.Coverage, "1 state-owned") || !strings.Contains(r.Coverage, "1 independent") {
		t.Errorf("coverage %q", r.Coverage)
	}
}

func TestExamples(t *testing.T) {
	arts := load(t, "../../examples")
	var story []news.AnalysedArticle
	for _, a := range arts {
		if !strings.Contains(a.Title, "Storm") {
			story = append(story, a)
		}
	}
	r := compare.Build(compare.Input{ID: "ferry", Articles: story})
	pay := claimWith(r, "pay rise of 3.5 percent")
	if pay == nil || !pay.Corroborated || len(pay.Disagreements) == 0 {
		t.Errorf("pay rise claim = %+v", pay)
	}
	bell := voice(r, "Marco Bell")
	if bell == nil || slices.Contains(bell.Outlets, "North Star Daily") {
		t.Errorf("Bell = %+v", bell)
	}
	same := 0
	for _, q := range voice(r, "Helen Voss").Quotes {
		if q.Group > 0 {
			same++
		}
	}
	if same < 2 {
		t.Errorf("the same Voss quotation in two outlets not grouped")
	}
}

func TestDuplicatesCountOnce(t *testing.T) {
	a := news.AnalysedArticle{Article: news.Article{ID: "a", Outlet: "Wire", Title: "Bridge reopens in Norrby after repairs", Text: "The Norrby bridge reopened on Monday after repairs costing 4 million euros."}}
	b := a
	b.ID, b.Outlet = "b", "Daily"
	for _, x := range []*news.AnalysedArticle{&a, &b} {
		x.Sentences = []news.Sentence{{Span: news.Span{Start: 0, End: len(x.Text)}}}
	}
	r := compare.Build(compare.Input{ID: "s", Articles: []news.AnalysedArticle{a, b}, DuplicateOf: map[string]string{"b": "a"}})
	for _, c := range r.Claims {
		if c.Corroborated {
			t.Errorf("a wire copy corroborated its original: %+v", c)
		}
	}
	if r.Articles[1].DuplicateOf != "a" {
		t.Errorf("copy not shown as such: %+v", r.Articles)
	}
}

// TestArticleOrder: articles go oldest first by time (offsets read), the
// undated last in the order given, and the oldest gives the headline.
func TestArticleOrder(t *testing.T) {
	art := func(id, published string) news.AnalysedArticle {
		return news.AnalysedArticle{Article: news.Article{ID: id, Outlet: id, Title: "Title " + id, Published: published, Text: "Text."}}
	}
	r := compare.Build(compare.Input{ID: "s", Articles: []news.AnalysedArticle{
		art("u1", ""), art("late", "2026-03-03T11:40:00+01:00"), art("u2", ""), art("day", "2026-03-03"), art("early", "2026-03-03T08:05:00Z"),
	}})
	var got []string
	for _, a := range r.Articles {
		got = append(got, a.ID)
	}
	if want := []string{"day", "early", "late", "u1", "u2"}; !slices.Equal(got, want) || r.Title != "Title day" {
		t.Errorf("order %v, title %q; want %v, %q", got, r.Title, want, "Title day")
	}
}

// BenchmarkCompare builds stories of 25 to 200 articles (copies of the
// example corpus under other outlet names): the time per article should
// stay about flat, showing cost linear in the story's sentences.
func BenchmarkCompare(b *testing.B) {
	base := load(b, "../../examples")
	for _, n := range []int{25, 50, 100, 200} {
		var arts []news.AnalysedArticle
		for i := range n {
			a := base[i%len(base)]
			a.ID = fmt.Sprintf("%s-%d", a.ID, i)
			a.Outlet = fmt.Sprintf("Outlet %d", i%40)
			arts = append(arts, a)
		}
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			for b.Loop() {
				compare.Build(compare.Input{ID: "s", Articles: arts})
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/article")
		})
	}
}
