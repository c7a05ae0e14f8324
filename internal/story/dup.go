package story

import (
	"math"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	minhashK  = 64
	lshBands  = 16
	lshRows   = minhashK / lshBands
	shingleN  = 5
	minShingl = 8 // texts with fewer shingles are only checked for exact copies
)

type dupEntry struct {
	id, story string
	// original is the earliest article this one copies exactly or nearly
	// (its own id when none): an exact copy of a copy is reported as a
	// copy of the original, which it matches as closely as the copy does.
	original string
	// titleKey: see fingerprint (short texts only).
	titleKey uint64
	// stale: published before the time window, so out of the bands (only
	// an exact copy still finds it).
	stale bool
	sig   [minhashK]uint32
	seq   int64
	when  time.Time
}

// dupIndex finds exact and near-duplicate texts among recent articles.
type dupIndex struct {
	jaccard float64
	exact   map[uint64]*dupEntry
	// shortText finds the first recent article with a short text, by the
	// hash of that text alone.
	shortText map[uint64]*dupEntry
	bands     [lshBands]map[uint64][]*dupEntry
	entries   []*dupEntry        // in arrival order, for expiry
	seen      map[*dupEntry]bool // check's scratch
}

func newDupIndex(j float64) *dupIndex {
	d := &dupIndex{jaccard: j, exact: map[uint64]*dupEntry{}, shortText: map[uint64]*dupEntry{}, seen: map[*dupEntry]bool{}}
	for i := range d.bands {
		d.bands[i] = map[uint64][]*dupEntry{}
	}
	return d
}

// normWords lower-cases s and keeps words of letters and digits.
func normWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// signature is the MinHash of the text's word 5-shingles. buf holds the
// normalised words, each followed by one space; starts[i] is where word i
// begins, with a final entry at len(buf). xs is scratch space for the
// shingle hashes, returned for reuse.
func signature(buf []byte, starts []int32, xs []uint64) ([minhashK]uint32, bool, []uint64) {
	var sig [minhashK]uint32
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	nw := len(starts) - 1
	if nw < shingleN+minShingl {
		return sig, false, xs
	}
	// The FNV-1a hash of each shingle's words, each with its separator.
	// The five shingles that contain a word are hashed side by side, in
	// one pass over the buffer: h0 is the oldest (complete after this
	// word), h4 the one starting at this word.
	xs = xs[:0]
	h0, h1, h2, h3, h4 := uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset)
	for w := 0; w < nw; w++ {
		for _, c := range buf[starts[w]:starts[w+1]] {
			h0 = (h0 ^ uint64(c)) * fnvPrime
			h1 = (h1 ^ uint64(c)) * fnvPrime
			h2 = (h2 ^ uint64(c)) * fnvPrime
			h3 = (h3 ^ uint64(c)) * fnvPrime
			h4 = (h4 ^ uint64(c)) * fnvPrime
		}
		if w >= shingleN-1 {
			xs = append(xs, h0)
		}
		h0, h1, h2, h3, h4 = h1, h2, h3, h4, uint64(fnvOffset)
	}
	minhashAll(&sig, xs)
	return sig, true, xs
}

func bandKey(sig *[minhashK]uint32, b int) uint64 {
	var x uint64 = 1469598103934665603
	for _, v := range sig[b*lshRows : (b+1)*lshRows] {
		x ^= uint64(v)
		x *= 1099511628211
	}
	return x
}

// fingerprint is what duplicate detection needs of a text, computed once
// per article.
type fingerprint struct {
	empty  bool
	key    uint64
	sig    [minhashK]uint32
	hasSig bool
	// For a short text with a title (see shortDupWords): the hashes of the
	// text's words alone and of the title's, to tell boilerplate (the same
	// short text under another title) from a copy.
	short             bool
	textKey, titleKey uint64
}

// asciiWordByte maps an ASCII letter or digit to its lower case, any other
// byte to 0.
var asciiWordByte = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byte(c)
		t[c-'a'+'A'] = byte(c)
	}
	return t
}()

// fpScratch is fingerprintOf's reusable working space.
type fpScratch struct {
	buf    []byte
	starts []int32
	xs     []uint64
}

var fpPool = sync.Pool{New: func() any { return new(fpScratch) }}

// shortDupWords: a text of fewer words is fingerprinted with its title
// in front. Feeds give many items the same short boilerplate for a text
// ("Click here to read the full story"); on their own those would be
// exact duplicates of each other, and every such item would join the
// first one's story. A real copy of a short item has its title too.
const shortDupWords = 50

// fingerprintOf computes the duplicate fingerprint of an article's text
// (with its title in front when the text is short, see shortDupWords).
func fingerprintOf(title, text string) fingerprint {
	sc := fpPool.Get().(*fpScratch)
	defer fpPool.Put(sc)
	// The words of normWords(text), each followed by a space, in one
	// buffer: hashing a word sequence is hashing a span of it.
	buf, starts := appendNormWords(sc.buf[:0], sc.starts[:0], text)
	if len(starts) == 0 {
		sc.buf, sc.starts = buf, starts
		return fingerprint{empty: true}
	}
	var f fingerprint
	if len(starts) < shortDupWords && title != "" {
		f.short, f.textKey = true, fnvBytes(buf)
		buf, starts = appendNormWords(buf[:0], starts[:0], title)
		f.titleKey = fnvBytes(buf)
		buf, starts = appendNormWords(buf, starts, text)
	}
	starts = append(starts, int32(len(buf)))
	sc.buf, sc.starts = buf, starts
	f.key = fnvBytes(buf)
	f.sig, f.hasSig, sc.xs = signature(buf, starts, sc.xs)
	return f
}

func fnvBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// appendNormWords appends the words of normWords(s) to buf, each followed
// by a space, and where each starts to starts.
func appendNormWords(buf []byte, starts []int32, s string) ([]byte, []int32) {
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c = asciiWordByte[c]; c != 0 {
				if !in {
					starts = append(starts, int32(len(buf)))
					in = true
				}
				buf = append(buf, c)
			} else if in {
				buf = append(buf, ' ')
				in = false
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		r = unicode.ToLower(r)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				starts = append(starts, int32(len(buf)))
				in = true
			}
			buf = utf8.AppendRune(buf, r)
		} else if in {
			buf = append(buf, ' ')
			in = false
		}
	}
	if in {
		buf = append(buf, ' ')
	}
	return buf, starts
}

// check returns the earliest article the text duplicates, and its story.
func (d *dupIndex) check(f *fingerprint) (id, story string) {
	if f.empty {
		return "", ""
	}
	if e, ok := d.exact[f.key]; ok {
		return e.original, e.story
	}
	if !f.hasSig {
		return "", ""
	}
	sig := f.sig
	var best *dupEntry
	seen := d.seen
	clear(seen)
	for b := range lshBands {
		for _, e := range d.bands[b][bandKey(&sig, b)] {
			if seen[e] {
				continue
			}
			seen[e] = true
			if sigJaccard(&sig, &e.sig) >= d.jaccard && (best == nil || e.seq < best.seq) {
				best = e
			}
		}
	}
	if best != nil {
		return best.id, best.story
	}
	return "", ""
}

// sigJaccard is the Jaccard similarity two MinHash signatures estimate:
// the share of hash functions whose minima agree.
func sigJaccard(a, b *[minhashK]uint32) float64 {
	same := 0
	for k := range a {
		if a[k] == b[k] {
			same++
		}
	}
	return float64(same) / minhashK
}

// boilerplate reports a short text that a recent article had under
// another title: a feed's stock teaser ("Click here to read the full
// story"), which says nothing of the item's event.
func (d *dupIndex) boilerplate(f *fingerprint) bool {
	if !f.short {
		return false
	}
	e, ok := d.shortText[f.textKey]
	return ok && e.titleKey != f.titleKey
}

// add indexes an article's text; original is the article it copies (""
// when none).
func (d *dupIndex) add(doc Doc, f *fingerprint, seq int64, story, original string) {
	if f.empty {
		return
	}
	if original == "" {
		original = doc.ID
	}
	e := &dupEntry{id: doc.ID, story: story, original: original, seq: seq, when: doc.Published, titleKey: f.titleKey}
	k := f.key
	if _, ok := d.exact[k]; !ok {
		d.exact[k] = e
	}
	if _, ok := d.shortText[f.textKey]; f.short && !ok {
		d.shortText[f.textKey] = e
	}
	if f.hasSig {
		sig := f.sig
		e.sig = sig
		for b := range lshBands {
			bk := bandKey(&sig, b)
			d.bands[b][bk] = append(d.bands[b][bk], e)
		}
	}
	d.entries = append(d.entries, e)
}

// expire forgets the articles that arrived before sequence minSeq
// (undated or not), so memory follows the active window even when the
// stream is undated or out of order. Articles published before cutoff
// leave the near-duplicate bands, but while the count bounds the index
// (minSeq is not math.MinInt64) their exact copies are still found: a
// wire story re-published word for word a week later is a copy, not a
// new report, and an exact key costs little.
func (d *dupIndex) expire(cutoff time.Time, minSeq int64) {
	bounded := minSeq != math.MinInt64
	gone := map[*dupEntry]bool{}  // forgotten
	stale := map[*dupEntry]bool{} // out of the bands from now on
	keep := d.entries[:0]
	for _, e := range d.entries {
		old := !e.when.IsZero() && e.when.Before(cutoff)
		switch {
		case e.seq < minSeq || (old && !bounded):
			gone[e] = true
			continue
		case old && !e.stale:
			e.stale = true
			stale[e] = true
		}
		keep = append(keep, e)
	}
	if len(gone) == 0 && len(stale) == 0 {
		return
	}
	clear(d.entries[len(keep):])
	d.entries = keep
	for k, e := range d.exact {
		if gone[e] {
			delete(d.exact, k)
		}
	}
	for k, e := range d.shortText {
		if gone[e] {
			delete(d.shortText, k)
		}
	}
	for b := range d.bands {
		for k, list := range d.bands[b] {
			keep := list[:0]
			for _, e := range list {
				if !gone[e] && !stale[e] {
					keep = append(keep, e)
				}
			}
			if len(keep) == 0 {
				delete(d.bands[b], k)
			} else {
				d.bands[b][k] = keep
			}
		}
	}
}

// Normalise returns a text's words, lower-cased, joined by single spaces:
// the form in which exact duplicates are equal.
func Normalise(s string) string { return strings.Join(normWords(s), " ") }

// ShingleJaccard is the exact Jaccard similarity of two normalised texts'
// word 5-shingle sets (to verify what MinHash estimates).
func ShingleJaccard(a, b string) float64 {
	set := func(s string) map[string]bool {
		ws := strings.Fields(s)
		m := map[string]bool{}
		for i := 0; i+shingleN <= len(ws); i++ {
			m[strings.Join(ws[i:i+shingleN], " ")] = true
		}
		return m
	}
	x, y := set(a), set(b)
	if len(x) == 0 && len(y) == 0 {
		return 1
	}
	inter := 0
	for k := range x {
		if y[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}
