package extract

import (
	"strings"
	"testing"
)

// checkNormal checks that normalParagraphs reports exactly the texts that
// normalising leaves as they are.
func checkNormal(t *testing.T, s string) {
	t.Helper()
	if got, want := normalParagraphs(s), rebuildParagraphs(s) == s; got != want {
		t.Errorf("normalParagraphs(%q) = %v, want %v", s, got, want)
	}
}

func TestNormalParagraphs(t *testing.T) {
	for _, s := range []string{
		"", "a", "One two.\n\nThree four.", "ASCII only, no spaces at the ends",
		" lead", "trail ", "two  spaces", "one\nnewline", "three\n\n\nnewlines", "para\n\n space",
		"tab\there", "cr\r\nlf", "vt\vff\f", "nbsp\u00a0here", "ideographic\u3000space", "é ü 😀 \x00\x7f ok",
		"end\n\n", "\n\nstart", "x\n\n\u00a0y", "bad \xff utf-8",
	} {
		checkNormal(t, s)
	}
}

func FuzzNormalParagraphs(f *testing.F) {
	f.Add("One two.\n\nThree four.")
	f.Add("tab\there \u00a0 x\n\n\ny ")
	f.Fuzz(checkNormal)
}

// BenchmarkNormalParagraphs checks a 5 kB text in normal form, the
// common case of JSON Lines input.
func BenchmarkNormalParagraphs(b *testing.B) {
	p := "Russia’s Foreign Minister Sergei Lavrov said on Tuesday that Washington had declined Moscow’s offer, “and we regret it.”"
	s := strings.Repeat(p+" "+p+"\n\n", 20)
	s = s[:len(s)-2]
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if !normalParagraphs(s) {
			b.Fatal("not normal")
		}
	}
}
