package entity

import (
	"math/bits"
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
	// c, when set (by ReadModel), holds the rows of the buckets the model
	// file stores (all others are zero) for Tag to read instead of W; W
	// must not change after.
	c *compactWeights
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
	var s sentence
	s.prepare(words, nil)
	return s
}

// prepare fills s for words, reusing s's slices. The lower-cased forms and
// shapes of the whole sentence share one string built in arena (scratch,
// returned for reuse), so a sentence costs one allocation, not two per
// word; a word of lower-case letters, most of them, is its own lower-case
// form and has the shape "x", so it is not copied at all.
func (s *sentence) prepare(words []string, arena []byte) []byte {
	s.words = words
	s.lower = grow(s.lower, len(words))
	s.shapes = grow(s.shapes, len(words))
	arena = arena[:0]
	// Offsets into arena: lower-case form, then shape, per word.
	type span struct{ lo, sh, end int }
	var stack [64]span
	spans := stack[:0]
	if len(words) > len(stack) {
		spans = make([]span, 0, len(words))
	}
	letters, upper := 0, 0
	for _, w := range words {
		if lowerLetters(w) {
			// Most words: their own lower-case form, shaped "x".
			letters += len(w)
			spans = append(spans, span{-1, -1, -1})
			continue
		}
		lo := len(arena)
		if !ascii(w) {
			arena = append(arena, strings.ToLower(w)...)
			sh := len(arena)
			arena = append(arena, shape(w)...)
			spans = append(spans, span{lo, sh, len(arena)})
			for _, r := range w {
				if unicode.IsLetter(r) {
					letters++
					if unicode.IsUpper(r) {
						upper++
					}
				}
			}
			continue
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case 'A' <= c && c <= 'Z':
				letters++
				upper++
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z':
				letters++
			}
			arena = append(arena, c)
		}
		sh := len(arena)
		arena = appendASCIIShape(arena, w)
		spans = append(spans, span{lo, sh, len(arena)})
	}
	all := string(arena)
	for i, sp := range spans {
		if sp.lo < 0 {
			s.lower[i], s.shapes[i] = words[i], "x"
			continue
		}
		s.lower[i] = all[sp.lo:sp.sh]
		s.shapes[i] = all[sp.sh:sp.end]
	}
	s.caps = letters > 8 && upper*10 > letters*9
	return arena
}

// lowerLetters reports a non-empty word of ASCII lower-case letters only.
func lowerLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

func grow(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
}

// appendASCIIShape appends shape(w) for an ASCII word w.
func appendASCIIShape(dst []byte, w string) []byte {
	n := 0
	last := -1
	for i := 0; i < len(w); i++ {
		c := int(w[i])
		switch {
		case 'A' <= c && c <= 'Z':
			c = 'X'
		case 'a' <= c && c <= 'z':
			c = 'x'
		case '0' <= c && c <= '9':
			c = 'd'
		}
		if c == last {
			continue
		}
		last = c
		if n > 8 { // as shape: at most 9 classes
			break
		}
		dst = append(dst, byte(c))
		n++
	}
	return dst
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

// Template hash states: hstr(offset64, tmpl), then the separator when
// values follow, as features hashes them.
func tmplState(tmpl string) uint64 { return hsep(hstr(offset64, tmpl)) }

var (
	fB       = bucket(hstr(offset64, "b"))
	tW       = tmplState("w")
	tWW      = tmplState("W")
	tS       = tmplState("s")
	tWm1     = tmplState("w-1")
	tWp1     = tmplState("w+1")
	tWm2     = tmplState("w-2")
	tWp2     = tmplState("w+2")
	tSm1     = tmplState("s-1")
	tSp1     = tmplState("s+1")
	tSm1S    = tmplState("s-1s")
	tSSp1    = tmplState("ss+1")
	tSm1SSp1 = tmplState("s-1ss+1")
	tWm1W    = tmplState("w-1w")
	tWWp1    = tmplState("ww+1")
	tWm1S    = tmplState("w-1s")
	tSWp1    = tmplState("sw+1")
	tP       = tmplState("p")
	tX       = tmplState("x")
	tFirst   = tmplState("first")
	tCaps    = tmplState("caps-sent")
	tHistS   = tmplState("hist-s")

	// Per label (or label pair): the finished bucket, or the state
	// after the label and its separator.
	fT1    [nLabels]uint32
	fT2T1  [nLabels][nLabels]uint32
	sT1W   [nLabels]uint64
	sT1S   [nLabels]uint64
	fHist  [nLabels]uint32
	sHistS [nLabels]uint64
	_      = initLabelStates()
)

func initLabelStates() bool {
	for a, la := range Labels {
		fT1[a] = bucket(hstr(tmplState("t-1"), la))
		for b, lb := range Labels {
			// f("t-2t-1", pl2, pl): a is prev2, b is prev1.
			fT2T1[a][b] = bucket(hstr(hsep(hstr(tmplState("t-2t-1"), la)), lb))
		}
		sT1W[a] = hsep(hstr(tmplState("t-1w"), la))
		sT1S[a] = hsep(hstr(tmplState("t-1s"), la))
		fHist[a] = bucket(hstr(tmplState("hist"), la))
		sHistS[a] = hsep(hstr(tHistS, la))
	}
	return true
}

// features appends the feature buckets of token i given the two previous
// labels and the document history hint.
func features(dst []uint32, s sentence, i int, prev1, prev2 int, hist int) []uint32 {
	n := len(s.words)
	w, sh := s.lower[i], s.shapes[i]
	wm1, wm2, sm1 := "<s>", "<s>", "<s>"
	wp1, wp2, sp1 := "</s>", "</s>", "</s>"
	if i >= 1 {
		wm1, sm1 = s.lower[i-1], s.shapes[i-1]
		if i >= 2 {
			wm2 = s.lower[i-2]
		}
	}
	if i+1 < n {
		wp1, sp1 = s.lower[i+1], s.shapes[i+1]
		if i+2 < n {
			wp2 = s.lower[i+2]
		}
	}
	h2 := func(t uint64, a, b string) uint32 { return bucket(hstr(hsep(hstr(t, a)), b)) }
	dst = append(dst,
		fB,
		bucket(hstr(tW, w)),
		bucket(hstr(tWW, s.words[i])),
		bucket(hstr(tS, sh)),
		bucket(hstr(tWm1, wm1)),
		bucket(hstr(tWp1, wp1)),
		bucket(hstr(tWm2, wm2)),
		bucket(hstr(tWp2, wp2)),
		bucket(hstr(tSm1, sm1)),
		bucket(hstr(tSp1, sp1)),
		h2(tSm1S, sm1, sh),
		h2(tSSp1, sh, sp1),
		bucket(hstr(hsep(hstr(hsep(hstr(tSm1SSp1, sm1)), sh)), sp1)),
		h2(tWm1W, wm1, w),
		h2(tWWp1, w, wp1),
		h2(tWm1S, wm1, sh),
		h2(tSWp1, sh, wp1),
	)
	// Prefixes and suffixes of 1..4 runes, for words longer than that.
	if ascii(w) {
		for k := 1; k <= 4 && k < len(w); k++ {
			dst = append(dst, bucket(hstr(tP, w[:k])), bucket(hstr(tX, w[len(w)-k:])))
		}
	} else {
		for k := 1; k <= 4; k++ {
			if p, ok := prefix(w, k); ok {
				dst = append(dst, bucket(hstr(tP, p)))
			}
			if x, ok := suffix(w, k); ok {
				dst = append(dst, bucket(hstr(tX, x)))
			}
		}
	}
	dst = append(dst, fT1[prev1], fT2T1[prev2][prev1], bucket(hstr(sT1W[prev1], w)), bucket(hstr(sT1S[prev1], sh)))
	if i == 0 {
		dst = append(dst, bucket(hstr(tFirst, sh)))
	}
	if s.caps {
		dst = append(dst, bucket(hstr(tCaps, sh)))
	}
	if hist >= 0 {
		dst = append(dst, fHist[hist], bucket(hstr(sHistS[hist], sh)))
	}
	return dst
}

func ascii(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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
	return hintOf(h[s.lower[i]])
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
	sc := tagScratch{feats: buf, out: make([]int, 0, len(words))}
	out := m.tag(words, hist, &sc)
	return out, sc.feats
}

// tagScratch is the reusable memory of tag.
type tagScratch struct {
	s     sentence
	arena []byte
	feats []uint32
	out   []int
}

// tag is Tag with reusable scratch; the returned labels live in sc.
func (m *Model) tag(words []string, hist history, sc *tagScratch) []int {
	out := sc.out[:0]
	for range words {
		out = append(out, 0)
	}
	sc.out = out
	// Entities start with a capital or a digit in news text: a sentence
	// without one is all O (see the skip below), and needs no features.
	start := -1
	for i, w := range words {
		if !plainWord(w) {
			start = i
			break
		}
	}
	if start < 0 {
		return out
	}
	sc.arena = sc.s.prepare(words, sc.arena)
	s := sc.s
	buf := sc.feats
	prev1, prev2 := 0, 0
	for i := start; i < len(words); i++ {
		if prev1 == 0 && plainWord(words[i]) {
			// A lower-case word after no entity: entities start with a
			// capital or a digit in news text, so skip the scoring.
			out[i] = 0
			prev2, prev1 = prev1, 0
			continue
		}
		h := -1
		var counts *[nLabels]int16
		upper := false
		if hist != nil {
			r, _ := utf8.DecodeRuneInString(words[i])
			if upper = unicode.IsUpper(r); upper {
				counts = hist[s.lower[i]]
				h = hintOf(counts)
			}
		}
		buf = features(buf[:0], s, i, prev1, prev2, h)
		scores := m.score(buf)
		best, bestScore := 0, float32(0)
		first := true
		for l := range nLabels {
			if !valid(prev1, l) {
				continue
			}
			if first || scores[l] > bestScore {
				best, bestScore, first = l, scores[l], false
			}
		}
		out[i] = best
		if upper {
			if counts == nil {
				counts = new([nLabels]int16)
				hist[s.lower[i]] = counts
			}
			if counts[best] < 1<<14 {
				counts[best]++
			}
		}
		prev2, prev1 = prev1, best
	}
	sc.feats = buf
	return out
}

// score sums the weights of the feature buckets per label, in order.
func (m *Model) score(buf []uint32) [nLabels]float32 {
	if c := m.c; c != nil {
		return c.score(buf)
	}
	var scores [nLabels]float32
	for _, b := range buf {
		row := m.W[int(b)*nLabels : int(b)*nLabels+nLabels]
		for l := range nLabels {
			scores[l] += row[l]
		}
	}
	return scores
}

// score is Model.score on the compact rows. The nine labels' sums are
// written out as nine variables, which the compiler keeps in registers:
// summed in a loop over an array they went through memory, a load and a
// store per weight. Each label's sum adds the same weights in the same
// order either way, so the scores are the same to the bit.
func (c *compactWeights) score(buf []uint32) [nLabels]float32 {
	var _ [9]struct{} = [nLabels]struct{}{} // written out for nine labels
	var s0, s1, s2, s3, s4, s5, s6, s7, s8 float32
	for _, b := range buf {
		bit := uint64(1) << (b & 63)
		w := &c.words[b>>6]
		if w.nz&bit == 0 {
			continue // an all-zero row: adding it changes nothing
		}
		k := int(w.rank) + bits.OnesCount64(w.nz&(bit-1))
		row := (*[nLabels]float32)(c.rows[k*nLabels:])
		s0 += row[0]
		s1 += row[1]
		s2 += row[2]
		s3 += row[3]
		s4 += row[4]
		s5 += row[5]
		s6 += row[6]
		s7 += row[7]
		s8 += row[8]
	}
	return [nLabels]float32{s0, s1, s2, s3, s4, s5, s6, s7, s8}
}

// compactWeights holds the rows of a model's stored (non-zero) buckets
// only: a tenth of W and so far kinder to the cache. Bit b%64 of
// words[b/64].nz is set when bucket b has a row, which is rows[k*nLabels:]
// with k = words[b/64].rank + (set bits of that nz below b). A word's bits
// and rank sit side by side, so finding a row reads one cache line of
// them, not one in each of two arrays.
type compactWeights struct {
	words []bucketWord
	rows  []float32
}

// bucketWord covers 64 buckets: which have rows, and how many rows the
// buckets before them have.
type bucketWord struct {
	nz   uint64
	rank uint32
}

func newCompactWeights(n int) *compactWeights {
	return &compactWeights{words: make([]bucketWord, nBuckets/64), rows: make([]float32, 0, n*nLabels)}
}

// has reports whether bucket b has a row.
func (c *compactWeights) has(b uint32) bool { return c.words[b/64].nz&(1<<(b%64)) != 0 }

// add appends bucket b's row; buckets must come in increasing order, and
// finish must follow the last.
func (c *compactWeights) add(b uint32, row []float32) {
	c.words[b/64].nz |= 1 << (b % 64)
	c.rows = append(c.rows, row...)
}

func (c *compactWeights) finish() {
	n := 0
	for i := range c.words {
		c.words[i].rank = uint32(n)
		n += bits.OnesCount64(c.words[i].nz)
	}
}

// hintOf reads the history hint from a word's label counts (nil: none).
func hintOf(c *[nLabels]int16) int {
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

// plainWord reports a word with no capital letter and no digit.
func plainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return plainRunes(w[i:])
		}
		if 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			return false
		}
	}
	return true
}

func plainRunes(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
