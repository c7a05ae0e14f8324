package quote_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/source"
)

func analyser(t testing.TB) *pipeline.Analyser {
	an, err := pipeline.NewAnalyser()
	if err != nil {
		t.Fatal(err)
	}
	return an
}

type want struct {
	kind    news.QuoteKind
	speaker string
	prefix  string // the quoted words start with this
}

func check(t *testing.T, got []news.Quote, wants []want) {
	t.Helper()
	for _, w := range wants {
		found := false
		for _, q := range got {
			if strings.HasPrefix(q.Text, w.prefix) {
				found = true
				if q.Kind != w.kind || q.Speaker != w.speaker {
					t.Errorf("%q: kind %s speaker %q, want %s %q (mention %q)", w.prefix, q.Kind, q.Speaker, w.kind, w.speaker, q.SpeakerMention)
				}
			}
		}
		if !found {
			t.Errorf("quotation %q not found", w.prefix)
		}
	}
}

func TestQuotations(t *testing.T) {
	text := strings.Join([]string{
		`Mayor Lena Ortiz welcomed the deal. “Nobody wins when the boats stay in the harbour,” Ortiz said. “I am glad both sides came back to the table.”`,
		`"The islands have been cut off for too long," she added.`,
		`White House spokesman Josh Earnest said: "We are not interested in talks as long as this goes on.`,
		`"We will keep the door open to anyone," he said.`,
		`Critics called the plan a "bailout" and the book "War and Peace" sold well.`,
		`He added that Russia "was leaving the doors open" to anyone.`,
		`Port Authority director Helen Voss said the first ferries would sail on Wednesday morning.`,
		`«Wir sind bereit», sagte der Minister Karl Berg.`,
	}, "\n\n")
	got := analyser(t).Analyse(news.Article{Text: text}).Quotes
	check(t, got, []want{
		{news.Direct, "Lena Ortiz", "Nobody wins"},
		{news.Direct, "Lena Ortiz", "I am glad"},
		{news.Direct, "Lena Ortiz", "The islands"},
		{news.Direct, "Josh Earnest", "We are not interested in talks as long as this goes on.\n\nWe will keep"},
		{news.Partial, "Josh Earnest", "was leaving the doors open"},
		{news.Indirect, "Helen Voss", "the first ferries would sail"},
	})
	for _, q := range got {
		if q.Text == "bailout" || q.Text == "War and Peace" {
			t.Errorf("scare quote or title taken for a quotation: %+v", q)
		}
		if text[q.Start:q.End] == "" {
			t.Errorf("empty span %+v", q)
		}
	}
}

// TestSeeds is the founding case: every quotation of both seed articles,
// with the right speaker.
func TestSeeds(t *testing.T) {
	dir := eval.Need(t, "seeds")
	an := analyser(t)
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{dir}) {
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.Article(d, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := an.Analyse(a).Quotes
		switch a.Outlet {
		case "RT":
			check(t, got, []want{
				{news.Direct, "Lavrov", "We have proposed to Americans"},
				{news.Direct, "Lavrov", "Today we were told"},
				{news.Indirect, "Lavrov", "when Moscow invited partners"},
				{news.Direct, "Lavrov", "We invited our other partners"},
				{news.Direct, "Lavrov", "The agreement on the military-technical"},
				{news.Direct, "Lavrov", "And then we are ready"},
				{news.Direct, "Lavrov", "We should all start with showing our cards"},
				{news.Direct, "Lavrov", "Then our actions would speak"},
				{news.Direct, "Lavrov", "Perhaps, the West thinks"},
				{news.Direct, "Lavrov", "But I wouldn't like to think"},
			})
			for _, q := range got {
				if q.Speaker != "Lavrov" {
					t.Errorf("RT quotes only Lavrov, got %q for %q", q.Speaker, q.Text)
				}
			}
		case "The Moscow Times":
			check(t, got, []want{
				{news.Direct, "Vladimir Putin", "I think this position is non-constructive"},
				{news.Partial, "Vladimir Putin", "at the highest military and political level"},
				{news.Indirect, "Sergei Lavrov", "the U.S. had declined the offer"},
				{news.Partial, "Josh Earnest", "as long as Russia is not willing"},
				{news.Partial, "Vladimir Putin", "was leaving the doors open"},
			})
		default:
			t.Errorf("unexpected outlet %q", a.Outlet)
		}
	}
}

func TestHeadlineQuotes(t *testing.T) {
	an := analyser(t)
	for _, c := range []struct{ title, text, speaker, words string }{
		{"Putin: 'US refusal to meet our delegation is non-constructive'", "President Vladimir Putin spoke in Astana on Thursday.", "Vladimir Putin", "US refusal to meet our delegation is non-constructive"},
		{"'We are ready to talk,' says Lavrov as US snubs delegation", "Foreign Minister Sergei Lavrov spoke in Moscow.", "Sergei Lavrov", "We are ready to talk"},
	} {
		var got []news.Quote
		for _, q := range an.Analyse(news.Article{Title: c.title, Text: c.text}).Quotes {
			if q.InTitle {
				got = append(got, q)
			}
		}
		if len(got) != 1 || got[0].Speaker != c.speaker || got[0].Text != c.words || c.title[got[0].Start:got[0].End] != got[0].Text {
			t.Errorf("%q: %+v", c.title, got)
		}
	}
	// A headline with scare quotes or a quoted fragment nobody says.
	for _, q := range an.Analyse(news.Article{Title: "Lawmakers 'shocked' by the 'Big Bill'", Text: "Lawmakers met."}).Quotes {
		if q.InTitle {
			t.Errorf("invented a headline quotation: %+v", q)
		}
	}
}

func TestBadInput(t *testing.T) {
	an := analyser(t)
	for _, s := range []string{
		strings.Repeat(`"unbalanced `, 20000),
		strings.Repeat("a said b ", 100000),
		"\u200f\"\u200d quote \u202e\" he said",
		`""""""`, `"`, "“", "", "*", "**",
	} {
		for _, q := range an.Analyse(news.Article{Text: s}).Quotes {
			if q.Start < 0 || q.End > len(s) || q.Start > q.End {
				t.Fatalf("bad span %+v", q)
			}
		}
	}
}

func FuzzQuotes(f *testing.F) {
	f.Add(`"We are ready," he said. Lavrov told the Duma: "Yes." *More.*`)
	f.Add("“Open\n\n“Still open,” said the minister.")
	f.Add(`He added that Russia "was leaving" to "x" according to The Times,`)
	an := analyser(f)
	f.Fuzz(func(t *testing.T, s string) {
		title := strings.SplitN(s, "\n", 2)[0]
		for _, q := range an.Analyse(news.Article{Title: title, Text: s}).Quotes {
			in := s
			if q.InTitle {
				in = title
			}
			if q.Start < 0 || q.End > len(in) || q.Start > q.End {
				t.Fatalf("bad span %+v in %q", q, in)
			}
		}
	})
}

func BenchmarkAnalyse(b *testing.B) {
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var arts []news.Article
	size := 0
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, d.Hint)
		size += len(d.Hint.Text)
		if len(arts) == 2000 {
			break
		}
	}
	an := analyser(b)
	b.SetBytes(int64(size / len(arts)))
	b.ResetTimer()
	var i atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			an.Analyse(arts[int(i.Add(1))%len(arts)])
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
