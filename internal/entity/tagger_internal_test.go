package entity

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestPrepare checks the one-pass preparation against the plain
// definitions: strings.ToLower, shape and the headline test.
func TestPrepare(t *testing.T) {
	sents := [][]string{
		{"Vladimir", "Putin", "met", "U.S.", "officials", "in", "1999", "."},
		{"PUTIN", "MEETS", "OBAMA", "IN", "WASHINGTON"},
		{"Łódź", "’s", "İstanbul", "KELVIN\u212A", "anti-terror", "\"", "--", "a\xffb", "ÉCOLE", "ВЛАДИМИР", "中国", "x1y2z3w4v5u6"},
		{},
	}
	var s sentence
	var arena []byte
	for _, words := range sents {
		arena = checkPrepare(t, &s, words, arena)
	}
}

// FuzzPrepare checks the one-pass preparation of the fuzzed text's
// space-separated words against the plain definitions.
func FuzzPrepare(f *testing.F) {
	f.Add("Vladimir Putin met U.S. officials in 1999 .")
	f.Add("PUTIN MEETS OBAMA IN WASHINGTON")
	f.Add("Łódź ’s İstanbul KELVIN\u212A anti-terror a\xffb x1y2z3w4v5u6 abc  z")
	var s sentence
	var arena []byte
	f.Fuzz(func(t *testing.T, text string) {
		arena = checkPrepare(t, &s, strings.Split(text, " "), arena)
	})
}

// checkPrepare prepares words in s and compares the result with
// strings.ToLower, shape and the headline test.
func checkPrepare(t *testing.T, s *sentence, words []string, arena []byte) []byte {
	t.Helper()
	arena = s.prepare(words, arena)
	letters, upper := 0, 0
	for i, w := range words {
		if s.lower[i] != strings.ToLower(w) {
			t.Errorf("lower(%q) = %q", w, s.lower[i])
		}
		if s.shapes[i] != shape(w) {
			t.Errorf("shape(%q) = %q, want %q", w, s.shapes[i], shape(w))
		}
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	if caps := letters > 8 && upper*10 > letters*9; s.caps != caps {
		t.Errorf("%q: caps = %v", words, s.caps)
	}
	return arena
}

// TestCompactWeights checks that scoring through the compact rows gives
// exactly the sums over W, for random buckets and for buckets the model
// stores (as real features mostly are).
func TestCompactWeights(t *testing.T) {
	m := DefaultModel()
	if m == nil || m.c == nil {
		t.Fatal("no compact weights")
	}
	var stored []uint32
	for b := range uint32(nBuckets) {
		if m.c.has(b) {
			stored = append(stored, b)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]uint32, 40)
	for n := range 20000 {
		for i := range buf {
			if n%2 == 0 {
				buf[i] = uint32(rng.IntN(nBuckets))
			} else {
				buf[i] = stored[rng.IntN(len(stored))]
			}
		}
		got := m.score(buf)
		c := m.c
		m.c = nil
		want := m.score(buf)
		m.c = c
		for l := range nLabels {
			if math.Float32bits(got[l]) != math.Float32bits(want[l]) && got[l] != want[l] {
				t.Fatalf("score %v, want %v", got, want)
			}
		}
	}
}

func TestLowerKeySets(t *testing.T) {
	for _, m := range []map[string]bool{honorifics, roleWords, roleCore, orgHeads, interjections} {
		for k := range m {
			if len(k) > maxLowerKey || k != strings.ToLower(k) {
				t.Errorf("key %q: longer than %d or not lower case", k, maxLowerKey)
			}
		}
	}
	for _, w := range []string{"President", "PRESIDENT", "president", "Mr.", "OK", "O\u212A", "Ⅸ", "Inc.", "then-", ""} {
		for _, m := range []map[string]bool{honorifics, roleWords, interjections, orgHeads} {
			if got, want := hasLower(m, w), m[strings.ToLower(w)]; got != want {
				t.Errorf("hasLower(%q) = %v, want %v", w, got, want)
			}
		}
	}
}

// TestAliasCueTests checks the cheap tests never rule out a text the
// alias patterns match.
func TestAliasCueTests(t *testing.T) {
	texts := []string{
		"The Islamic State, also known as  the ISIS, said", "ISIL a.k.a.\tDaesh", "Foo aka\nBar", "Foo formerly Bar",
		"Foo, formerly known as the Bar Co", "a.k.a.k.a. Foo", "Bob akaka Foo", "Foo also known as the\f\rBar",
		"IS using another name for the\nIslamic State", "ISIL, with an alternative name of Daesh",
		"XY as its former  name  for Foo", "ISIS, using a different\tname of the Islamic State",
		"no alias here, known as nothing", "another name for nothing",
	}
	for _, s := range texts {
		if anotherRe.MatchString(s) && !mayMatchAnother(s) {
			t.Errorf("mayMatchAnother(%q) = false", s)
		}
		if akaRe.MatchString(s) && !mayMatchAka(s) {
			t.Errorf("mayMatchAka(%q) = false", s)
		}
	}
	if mayMatchAka("no alias here, known as nothing") || mayMatchAnother("another name for nothing") {
		t.Error("cue tests pass texts without a name")
	}
}

// featuresRef is the plain definition features must match; it appends the feature buckets of token i given the two previous
// labels and the document history hint.
func featuresRef(dst []uint32, s sentence, i int, prev1, prev2 int, hist int) []uint32 {
	n := len(s.words)
	word := func(k int) string {
		if k < 0 {
			return "<s>"
		}
		if k >= n {
			return "</s>"
		}
		return s.lower[k]
	}
	shp := func(k int) string {
		if k < 0 {
			return "<s>"
		}
		if k >= n {
			return "</s>"
		}
		return s.shapes[k]
	}
	f := func(tmpl string, vals ...string) {
		h := hstr(offset64, tmpl)
		for _, v := range vals {
			h = hstr(hsep(h), v)
		}
		dst = append(dst, bucket(h))
	}
	w := s.lower[i]
	f("b")
	f("w", w)
	f("W", s.words[i])
	f("s", s.shapes[i])
	f("w-1", word(i-1))
	f("w+1", word(i+1))
	f("w-2", word(i-2))
	f("w+2", word(i+2))
	f("s-1", shp(i-1))
	f("s+1", shp(i+1))
	f("s-1s", shp(i-1), s.shapes[i])
	f("ss+1", s.shapes[i], shp(i+1))
	f("s-1ss+1", shp(i-1), s.shapes[i], shp(i+1))
	f("w-1w", word(i-1), w)
	f("ww+1", w, word(i+1))
	f("w-1s", word(i-1), s.shapes[i])
	f("sw+1", s.shapes[i], word(i+1))
	for k := 1; k <= 4; k++ {
		if p, ok := prefix(w, k); ok {
			f("p", p)
		}
		if x, ok := suffix(w, k); ok {
			f("x", x)
		}
	}
	pl, pl2 := Labels[prev1], Labels[prev2]
	f("t-1", pl)
	f("t-2t-1", pl2, pl)
	f("t-1w", pl, w)
	f("t-1s", pl, s.shapes[i])
	if i == 0 {
		f("first", s.shapes[i])
	}
	if s.caps {
		f("caps-sent", s.shapes[i])
	}
	if hist >= 0 {
		f("hist", Labels[hist])
		f("hist-s", Labels[hist], s.shapes[i])
	}
	return dst
}

func TestFeatures(t *testing.T) {
	sents := [][]string{
		{"Vladimir", "Putin", "met", "U.S.", "officials", "in", "1999", "."},
		{"Łódź", "’s", "İstanbul", "KELVIN\u212A", "anti-terror", "\"", "--", "a\xffb", "ÉCOLE", "中国", "ab", "abcde"},
		{"X"},
	}
	for _, words := range sents {
		s := prepare(words)
		for i := range words {
			for p1 := range nLabels {
				for p2 := range nLabels {
					for h := -1; h < nLabels; h++ {
						got := features(nil, s, i, p1, p2, h)
						want := featuresRef(nil, s, i, p1, p2, h)
						if !slices.Equal(got, want) {
							t.Fatalf("%q %d %d %d %d: features differ", words, i, p1, p2, h)
						}
					}
				}
			}
		}
	}
}

func TestPrecedingWords(t *testing.T) {
	// Random texts of the bytes that matter: spaces, delimiters, curly
	// quotes and broken UTF-8.
	var random []string
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "Bc", " ", "\t", "\n", ".", "(", "“", "”", "\u00a0", "\u2003", "\xe2", "\x80", "\x9c", "\x9d", "\xf0", "\xc2"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(70) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		random = append(random, b.String())
	}
	for _, s := range append(random,
		"", "a", "  White House\tspokesman\u00a0Josh ", "one two three four five six seven eight",
		"x\u2003y\xe2\x80\x83\x80z \xff w", "said. Russia's Foreign Minister Sergei",
		"He said “White House spokesman", "“Quote” then Foreign Minister", "a\xe2\x80\x9c\x80 b c", "x\xe2\x80\x9d\x9d y z",
		"(Reuters) Minister", "\xf0\xe2\x80\x9c Sen.", "\x80\x9c\xe2\x80 q", "one “two” three; four: five",
	) {
		for _, n := range []int{1, 3, 6} {
			got := precedingWords(nil, s, len(s), n)
			lo := max(0, len(s)-120)
			for lo > 0 && !utf8.RuneStart(s[lo]) {
				lo++
			}
			chunk := s[lo:]
			if i := strings.LastIndexAny(chunk, ".;:!?\"“”\n("); i >= 0 {
				chunk = chunk[i+1:]
			}
			want := strings.Fields(chunk)
			if len(want) > n {
				want = want[len(want)-n:]
			}
			if !slices.Equal(got, want) {
				t.Errorf("precedingWords(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}

// FuzzLastBreak compares lastBreak with the three searches it replaced.
func FuzzLastBreak(f *testing.F) {
	for _, s := range []string{"", "a. b", "“x” y", "\xe2\x80", "a\xe2\x80\x9c\x80 b", "(Reuters) x", "x\xe2\x80\x9d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := max(strings.LastIndexAny(s, ".;:!?\"\n("), strings.LastIndex(s, "“"), strings.LastIndex(s, "”"))
		if got := lastBreak(s); got != want {
			t.Fatalf("lastBreak(%q) = %d, want %d", s, got, want)
		}
	})
}

func TestConllForm(t *testing.T) {
	for in, want := range map[string]string{
		"“": "\"", "”": "\"", "«": "\"", "»": "\"", "„": "\"", "‟": "\"", "″": "\"",
		"‘": "'", "’": "'", "‚": "'", "‛": "'", "’s": "'s",
		"[": "(", "{": "(", "]": ")", "}": ")", "—": "--", "–": "--", "…": "...",
		"": "", "Putin": "Putin", "\"": "\"", "'s": "'s", "(": "(", "[[": "[[", "é": "é", "’S": "’S", "-": "-",
	} {
		if got := conllForm(in); got != want {
			t.Errorf("conllForm(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzAppendLower compares appendLower with strings.ToLower.
func FuzzAppendLower(f *testing.F) {
	for _, s := range []string{"", "Vladimir Putin", "ÉCOLE", "KELVIN\u212A", "a\xffB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := string(appendLower([]byte("per:"), s)); got != "per:"+strings.ToLower(s) {
			t.Fatalf("appendLower(%q) = %q", s, got)
		}
	})
}

// FuzzFindAkaIndex compares findAkaIndex with akaRe run on all of s.
func FuzzFindAkaIndex(f *testing.F) {
	for _, s := range []string{
		"", "Islamic State, also known as ISIS, and the Islamic State of Iraq a.k.a. ISIL.",
		"Sean Combs aka Diddy; Prince (formerly known as The Artist) — Twitter, formerly Twitter’s X",
		"O’Brien’s Bank of England\tformerly\nthe Old Lady aka  Threadneedle, known as Jakarta Osaka aka",
		"a.k.a. X a.k.a. Y aka Z formerly W", "Ünïcode Ёж aka Ж, then Foo-Bar_2 known as Baz.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := akaRe.FindAllStringSubmatchIndex(s, maxAliasStatements)
		if got := findAkaIndex(s); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("findAkaIndex(%q) = %v, want %v", s, got, want)
		}
	})
}
