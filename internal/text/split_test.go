package text_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/text"
)

// checkSplit checks that SplitText finds the sentences Sentences does, and
// for each the tokens Tokens finds in the sentence's own text.
func checkSplit(t *testing.T, s string) {
	t.Helper()
	sp := text.SplitText(s, nil)
	if diff := cmp.Diff(text.Sentences(s), sp.Sentences); diff != "" {
		t.Fatalf("SplitText(%q) sentences (-Sentences +SplitText):\n%s", s, diff)
	}
	for i, se := range sp.Sentences {
		want := text.Tokens(nil, s[se.Start:se.End])
		for k := range want {
			want[k].Start += se.Start
			want[k].End += se.Start
		}
		if diff := cmp.Diff(want, sp.SentenceTokens(i)); diff != "" {
			t.Fatalf("SplitText(%q) sentence %d %q tokens (-Tokens +SplitText):\n%s", s, i, s[se.Start:se.End], diff)
		}
	}
}

func TestSplitText(t *testing.T) {
	for _, s := range []string{
		"",
		"   ",
		"\u00a0\u00a0\n\nword",
		"One sentence.",
		"He met U.S. officials. The U.S. declined.\n\nNew paragraph without end",
		`"The response was unconstructive. They said why in Iraq?" Lavrov said. Mr. Putin agreed.`,
		"J. Smith arrived at 5 p.m. On Friday he left.",
		"It ended.)Then (it) began again.\"Quoted.\" \u201cCurly.\u201d Next.",
		"Runs... Of dots!!! And?! more-- dashes. 1,000.5 euros. Putin's aide's view.",
		"wait...What \u200bzero\u200dwidth. O'Brien's 'quote.' *Emphasis.* _Under._ Done",
		"U.S.A.Next. p.m.Then. e.g.X. A.B.C. Sept. 30. No. 5.",
		"Ends with an abbreviation Mr.",
		"The U.S.'s actions. It ended.’s next. Done.\"’s",
	} {
		checkSplit(t, s)
	}
}

// TestSplitTextReal checks SplitText on real articles.
func TestSplitTextReal(t *testing.T) {
	path := eval.Need(t, "bulk/allsides-37k.jsonl.gz")
	n := 0
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			t.Fatal(err)
		}
		checkSplit(t, d.Hint.Text)
		checkSplit(t, d.Hint.Title)
		if n++; n == 3000 {
			break
		}
	}
}

func FuzzSplitText(f *testing.F) {
	f.Add("He met U.S. officials. The U.S. declined.\n\nNew paragraph")
	f.Add(`"Done." Next (it) ended.)Then p.m.X 1,000.5 'x' O'Brien's`)
	f.Fuzz(func(t *testing.T, s string) { checkSplit(t, s) })
}
