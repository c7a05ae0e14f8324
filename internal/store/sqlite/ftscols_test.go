package sqlite

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/source"
)

func TestFTSColumns(t *testing.T) {
	const said = "He said “We will win” on Monday."
	lo := strings.Index(said, "We")
	hi := strings.Index(said, "”")
	cases := []struct {
		name, text string
		quotes     []news.Quote
		wantText   string
		wantQuotes string
	}{
		{"no quotes", "Plain text.", nil, "Plain text.", ""},
		{"quotation moved", said, []news.Quote{{Text: "We will win", Start: lo, End: hi}},
			"He said “\n” on Monday.", "We will win"},
		{"starts inside a word", said, []news.Quote{{Text: "e will win", Start: lo + 1, End: hi}},
			said, "e will win"},
		{"span does not hold the text", said, []news.Quote{{Text: "Nobody wins", Start: lo, End: hi}},
			said, "Nobody wins"},
		{"out of range", said, []news.Quote{{Text: "x", Start: 3, End: 400}}, said, "x"},
		{"overlapping, moved as one", "a bb cc dd e", []news.Quote{{Text: "bb cc", Start: 2, End: 7}, {Text: "cc dd", Start: 5, End: 10}},
			"a \n e", "bb cc dd"},
		{"in order of the text", "a bb cc dd e", []news.Quote{{Text: "dd", Start: 8, End: 10}, {Text: "bb", Start: 2, End: 4}},
			"a \n cc \n e", "bb\ndd"},
		{"headline quotation", said, []news.Quote{{Text: "Win", InTitle: true, Start: 0, End: 3}}, said, "Win"},
		{"whole text", "all quoted", []news.Quote{{Text: "all quoted", Start: 0, End: 10}}, "", "all quoted"},
		{"inside a UTF-8 sequence", "né ok", []news.Quote{{Text: "\xa9 ok", Start: 2, End: 6}}, "né ok", "\xa9 ok"},
	}
	for _, c := range cases {
		a := news.AnalysedArticle{Article: news.Article{Text: c.text}}
		a.Quotes = c.quotes
		text, quotes := ftsColumns(&a)
		if text != c.wantText || quotes != c.wantQuotes {
			t.Errorf("%s: got text %q quotes %q, want %q and %q", c.name, text, quotes, c.wantText, c.wantQuotes)
		}
	}
}

// TestFTSColumnsKeepEveryWord checks on real analysed articles that the
// two columns hold exactly the words of the text (as FTS5's unicode61
// tokenizer splits them), each once, and the quotations' words in quotes.
func TestFTSColumnsKeepEveryWord(t *testing.T) {
	path := eval.Need(t, "bulk/allsides-37k.jsonl.gz")
	an, err := pipeline.NewAnalyser()
	if err != nil {
		t.Fatal(err)
	}
	n, moved, kept := 0, 0, 0
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n > 300 {
			break
		}
		a := an.Analyse(d.Hint)
		text, quotes := ftsColumns(&a)
		// The words of the text, and of the quotations that cannot leave
		// it (in the headline, or whose span is not on word boundaries),
		// which go in quotes as well.
		want := tokens(a.Text)
		for _, q := range a.Quotes {
			if movable(a.Text, q) {
				moved++
			} else {
				want = append(want, tokens(q.Text)...)
				if !q.InTitle {
					kept++
				}
			}
			if !strings.Contains(quotes, q.Text) {
				t.Fatalf("%s: quotation %q not in the quotes column", a.ID, q.Text)
			}
		}
		got := append(tokens(text), tokens(quotes)...)
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: the columns hold %d words, the text and quotations %d", a.ID, len(got), len(want))
		}
	}
	t.Logf("%d articles: %d quotations moved out of the text, %d left in it", n-1, moved, kept)
	if moved == 0 || kept > moved/10 {
		t.Errorf("moved %d quotations, left %d: the spans should mostly hold their words", moved, kept)
	}
}

// tokens splits s as unicode61 does, lower-cased: runs of letters,
// numbers, marks and private-use characters.
func tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if r == utf8.RuneError || !tokenRune(r) {
			if start >= 0 {
				out = append(out, strings.ToLower(s[start:i]))
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}
