package story

import (
	"strings"
	"time"
	"unicode"
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
	sig       [minhashK]uint32
	seq       int64
	when      time.Time
}

// dupIndex finds exact and near-duplicate texts among recent articles.
type dupIndex struct {
	jaccard float64
	exact   map[uint64]*dupEntry
	bands   [lshBands]map[uint64][]*dupEntry
	entries []*dupEntry // in arrival order, for expiry
}

func newDupIndex(j float64) *dupIndex {
	d := &dupIndex{jaccard: j, exact: map[uint64]*dupEntry{}}
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

// fnvAdd folds a word and a separator into an FNV-1a hash (no allocation).
func fnvAdd(h uint64, w string) uint64 {
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= fnvPrime
	}
	h ^= ' '
	h *= fnvPrime
	return h
}

func exactKey(ws []string) uint64 {
	h := uint64(fnvOffset)
	for _, w := range ws {
		h = fnvAdd(h, w)
	}
	return h
}

// signature is the MinHash of the text's word 5-shingles.
func signature(ws []string) ([minhashK]uint32, bool) {
	var sig [minhashK]uint32
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	if len(ws) < shingleN+minShingl {
		return sig, false
	}
	for i := 0; i+shingleN <= len(ws); i++ {
		x := uint64(fnvOffset)
		for _, w := range ws[i : i+shingleN] {
			x = fnvAdd(x, w)
		}
		a, b := uint32(x), uint32(x>>32)
		for k := range sig {
			// Family of hashes h_k = a + k*b (Kirsch-Mitzenmacher).
			v := a + uint32(k)*b
			v ^= v >> 15
			v *= 0x2c1b3c6d
			v ^= v >> 12
			if v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig, true
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
}

func fingerprintOf(text string) fingerprint {
	ws := normWords(text)
	if len(ws) == 0 {
		return fingerprint{empty: true}
	}
	f := fingerprint{key: exactKey(ws)}
	f.sig, f.hasSig = signature(ws)
	return f
}

// check returns the earliest article the text duplicates, and its story.
func (d *dupIndex) check(f *fingerprint) (id, story string) {
	if f.empty {
		return "", ""
	}
	if e, ok := d.exact[f.key]; ok {
		return e.id, e.story
	}
	if !f.hasSig {
		return "", ""
	}
	sig := f.sig
	var best *dupEntry
	seen := map[*dupEntry]bool{}
	for b := range lshBands {
		for _, e := range d.bands[b][bandKey(&sig, b)] {
			if seen[e] {
				continue
			}
			seen[e] = true
			same := 0
			for k := range sig {
				if sig[k] == e.sig[k] {
					same++
				}
			}
			if float64(same)/minhashK >= d.jaccard && (best == nil || e.seq < best.seq) {
				best = e
			}
		}
	}
	if best != nil {
		return best.id, best.story
	}
	return "", ""
}

// add indexes an article's text.
func (d *dupIndex) add(doc Doc, f *fingerprint, seq int64, story string) {
	if f.empty {
		return
	}
	e := &dupEntry{id: doc.ID, story: story, seq: seq, when: doc.Published}
	k := f.key
	if _, ok := d.exact[k]; !ok {
		d.exact[k] = e
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

// expire forgets articles published before cutoff (dated ones only), so
// memory follows the active window.
func (d *dupIndex) expire(cutoff time.Time) {
	i := 0
	for i < len(d.entries) && !d.entries[i].when.IsZero() && d.entries[i].when.Before(cutoff) {
		i++
	}
	if i == 0 {
		return
	}
	gone := map[*dupEntry]bool{}
	for _, e := range d.entries[:i] {
		gone[e] = true
	}
	d.entries = append([]*dupEntry{}, d.entries[i:]...)
	for k, e := range d.exact {
		if gone[e] {
			delete(d.exact, k)
		}
	}
	for b := range d.bands {
		for k, list := range d.bands[b] {
			keep := list[:0]
			for _, e := range list {
				if !gone[e] {
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
