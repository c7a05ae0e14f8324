package text

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func toks(s string) []string {
	var out []string
	for _, t := range Tokens(nil, s) {
		out = append(out, s[t.Start:t.End])
	}
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`Russia's Foreign Minister Sergei Lavrov said the U.S. had declined.`, []string{"Russia", "'s", "Foreign", "Minister", "Sergei", "Lavrov", "said", "the", "U.S.", "had", "declined", "."}},
		{`"We are ready," he added.`, []string{`"`, "We", "are", "ready", ",", `"`, "he", "added", "."}},
		{`“I think,” Putin said. US scraps $500mn program… 200,000 euros at 1.5%`, []string{"“", "I", "think", ",", "”", "Putin", "said", ".", "US", "scraps", "$", "500mn", "program", "…", "200,000", "euros", "at", "1.5", "%"}},
		{`Mr. O'Brien's anti-terror op since Sept. 30 (IS, formerly ISIS)`, []string{"Mr.", "O'Brien", "'s", "anti-terror", "op", "since", "Sept.", "30", "(", "IS", ",", "formerly", "ISIS", ")"}},
		{"wait...what \u200bzero\u200dwidth", []string{"wait", "...", "what", "zero\u200dwidth"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, toks(tt.in)); diff != "" {
			t.Errorf("Tokens(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func sents(s string) []string {
	var out []string
	for _, x := range Sentences(s) {
		out = append(out, s[x.Start:x.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Russia has been carrying out air strikes in Syria since Sept. 30. According to Russian officials, the strikes are aimed at IS.",
			[]string{"Russia has been carrying out air strikes in Syria since Sept. 30.", "According to Russian officials, the strikes are aimed at IS."}},
		{`"The response was unconstructive. They said why in Iraq?" Lavrov said. Mr. Putin agreed.`,
			[]string{`"The response was unconstructive.`, `They said why in Iraq?"`, `Lavrov said.`, `Mr. Putin agreed.`}},
		{"He met U.S. officials. The U.S. declined.\n\nNew paragraph without end",
			[]string{"He met U.S. officials.", "The U.S. declined.", "New paragraph without end"}},
		{"J. Smith arrived at 5 p.m. on Friday.", []string{"J. Smith arrived at 5 p.m. on Friday."}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, sents(tt.in)); diff != "" {
			t.Errorf("Sentences(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestHugeParagraphIsLinear(t *testing.T) {
	s := strings.Repeat("word ", 200_000) // 1 MB, no punctuation
	if n := len(Sentences(s)); n != 1 {
		t.Fatalf("got %d sentences", n)
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("He said. \"Yes!\" she replied… Mr. U.S. 1.5 $5")
	f.Add("\u200f\u200d''\"\"..\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, x := range Sentences(s) {
			if x.Start < prev || x.End < x.Start || x.End > len(s) {
				t.Fatalf("bad span %+v in %q", x, s)
			}
			prev = x.End
		}
		for _, tk := range Tokens(nil, s) {
			if tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("bad token %+v", tk)
			}
		}
	})
}
