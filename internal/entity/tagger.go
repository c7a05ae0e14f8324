package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Labels are the IOB2 tags the tagger predicts.
var Labels = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

const nLabels = 9

// labelIndex maps a tag to its index (IOB1 "I-" at a start is read as B).
func labelIndex(tag string) int {
	for i, l := range Labels {
		if l == tag {
			return i
		}
	}
	return 0
}

// hashBits sets the size of the hashed feature space (2^hashBits buckets).
const hashBits = 20

const nBuckets = 1 << hashBits

// Model is a linear tagger: one weight per (feature bucket, label).
type Model struct {
	W []float32 // nBuckets*nLabels
}

func newModel() *Model { return &Model{W: make([]float32, nBuckets*nLabels)} }

// sentence is one sentence's tokens prepared for feature extraction.
type sentence struct {
	words  []string // as written
	lower  []string
	shapes []string
	caps   bool // written in capitals (a headline)
}

func prepare(words []string) sentence {
	s := sentence{words: words, lower: make([]string, len(words)), shapes: make([]string, len(words))}
	for i, w := range words {
		s.lower[i] = strings.ToLower(w)
		s.shapes[i] = shape(w)
	}
	s.caps = allCaps(s)
	return s
}

// shape maps a word to its character classes, runs collapsed:
// "Putin" -> "Xx", "U.S." -> "X.X.", "1999" -> "d", "anti-terror" -> "x-x".
func shape(w string) string {
	var buf [16]byte
	n := 0
	var last rune = -1
	for _, r := range w {
		var c rune
		switch {
		case r < 128 && 'A' <= r && r <= 'Z' || r >= 128 && unicode.IsUpper(r):
			c = 'X'
		case r < 128 && 'a' <= r && r <= 'z' || r >= 128 && unicode.IsLower(r):
			c = 'x'
		case r < 128 && '0' <= r && r <= '9' || r >= 128 && unicode.IsDigit(r):
			c = 'd'
		case r >= 128 && unicode.IsLetter(r):
			c = 'l'
		default:
			c = r
		}
		if c == last {
			continue
		}
		last = c
		if c >= 128 {
			c = '?' // other symbols: one class, keeps the buffer ASCII
		}
		if n == len(buf) || n > 8 {
			break
		}
		buf[n] = byte(c)
		n++
	}
	// Most shapes are few and short: reuse a shared string.
	if s, ok := commonShapes[string(buf[:n])]; ok {
		return s
	}
	return string(buf[:n])
}

// commonShapes interns the shapes most words have (read-only).
var commonShapes = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{"x", "X", "Xx", "d", "X.", "X.X.", "x-x", "Xx-Xx", "Xx-x", "d,d", "d.d", ",", ".", "\"", "'", "'x",
		"(", ")", "-", "--", "$", "%", ":", ";", "?", "!", "XxXx", "xXx", "dx", "Xd", "x.", "Xx.", "X.X", "x'x", "Xx'x", "d-x", "d/d/d", "d:d"} {
		m[s] = s
	}
	return m
}()

// fnv-1a, written out so hashing a feature allocates nothing.
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

func hsep(h uint64) uint64 { h ^= 0x1f; h *= prime64; return h }

func bucket(h uint64) uint32 { return uint32(h^(h>>32)) & (nBuckets - 1) }

// features appends the feature buckets of token i given the two previous
// labels and the document history hint.
func features(dst []uint32, s sentence, i int, prev1, prev2 int, hist int) []uint32 {
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

func prefix(w string, k int) (string, bool) {
	if utf8.RuneCountInString(w) <= k {
		return "", false
	}
	i := 0
	for range k {
		_, n := utf8.DecodeRuneInString(w[i:])
		i += n
	}
	return w[:i], true
}

func suffix(w string, k int) (string, bool) {
	if utf8.RuneCountInString(w) <= k {
		return "", false
	}
	i := len(w)
	for range k {
		_, n := utf8.DecodeLastRuneInString(w[:i])
		i -= n
	}
	return w[i:], true
}

// allCaps reports a sentence written in capitals (a headline).
func allCaps(s sentence) bool {
	letters, upper := 0, 0
	for _, w := range s.words {
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	return letters > 8 && upper*10 > letters*9
}

// valid reports whether label l may follow label prev (IOB2).
func valid(prev, l int) bool {
	if l == 0 || l%2 == 1 { // O or B-*
		return true
	}
	return prev == l || prev == l-1 // I-X after B-X or I-X
}

// history remembers, per document, the labels given to capitalised words,
// so later mentions of a name agree with earlier ones.
type history map[string]*[nLabels]int16

func (h history) hint(s sentence, i int) int {
	r, _ := utf8.DecodeRuneInString(s.words[i])
	if !unicode.IsUpper(r) {
		return -1
	}
	c := h[s.lower[i]]
	if c == nil {
		return -1
	}
	best, bi := int16(0), -1
	for l := 1; l < nLabels; l++ {
		if c[l] > best {
			best, bi = c[l], l
		}
	}
	if bi < 0 {
		return 0
	}
	// Report the entity type (as its I- label) regardless of B/I position.
	if bi%2 == 1 {
		bi++
	}
	return bi
}

func (h history) add(s sentence, i, label int) {
	r, _ := utf8.DecodeRuneInString(s.words[i])
	if !unicode.IsUpper(r) {
		return
	}
	c := h[s.lower[i]]
	if c == nil {
		c = new([nLabels]int16)
		h[s.lower[i]] = c
	}
	if c[label] < 1<<14 {
		c[label]++
	}
}

// Tag labels the words of one sentence greedily, left to right, updating
// the document history. buf is scratch space.
func (m *Model) Tag(words []string, hist history, buf []uint32) ([]int, []uint32) {
	s := prepare(words)
	out := make([]int, len(words))
	prev1, prev2 := 0, 0
	for i := range words {
		if prev1 == 0 && plainWord(words[i]) {
			// A lower-case word after no entity: entities start with a
			// capital or a digit in news text, so skip the scoring.
			out[i] = 0
			prev2, prev1 = prev1, 0
			continue
		}
		h := -1
		if hist != nil {
			h = hist.hint(s, i)
		}
		buf = features(buf[:0], s, i, prev1, prev2, h)
		best, bestScore := 0, float32(0)
		first := true
		var scores [nLabels]float32
		for _, b := range buf {
			row := m.W[int(b)*nLabels : int(b)*nLabels+nLabels]
			for l := range nLabels {
				scores[l] += row[l]
			}
		}
		for l := range nLabels {
			if !valid(prev1, l) {
				continue
			}
			if first || scores[l] > bestScore {
				best, bestScore, first = l, scores[l], false
			}
		}
		out[i] = best
		if hist != nil {
			hist.add(s, i, best)
		}
		prev2, prev1 = prev1, best
	}
	return out, buf
}

// plainWord reports a word with no capital letter and no digit.
func plainWord(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
