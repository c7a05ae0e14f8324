package story

import (
	"bytes"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopwords are function words that say nothing about which event an
// article reports.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be because been
	before being below between both but by can could did do does doing down during each few for from further had has
	have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself
	no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that
	the their theirs them themselves then there these they this those through to too under until up very was we were
	what when where which while who whom why will with would you your yours yourself yourselves said says say told
	according new one two also would could may might must us mr mrs ms its it's that's who's year years day days week
	time times people like get got make made many much even still back well way going go says say told news report
	reported reports news reuters ap associated press monday tuesday wednesday thursday friday saturday sunday today
	yesterday last first next since per cent percent just including however another around among across however can't
	don't didn't won't isn't wasn't aren't weren't he's she's they're we're i'm i've you're we've they've`) {
		m[w] = true
	}
	return m
}()

// stopTable is stopwords as an open-addressing hash table (FNV-1a,
// linear probing), probed without building a string.
var stopTable, stopMaxLen = func() ([1024]string, int) {
	var tab [1024]string
	maxLen := 0
	for w := range stopwords {
		h := stopHash([]byte(w))
		for tab[h%uint32(len(tab))] != "" {
			h++
		}
		tab[h%uint32(len(tab))] = w
		maxLen = max(maxLen, len(w))
	}
	return tab, maxLen
}()

func stopHash(w []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range w {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// isStopword reports whether w is in stopwords.
func isStopword(w []byte) bool {
	if len(w) > stopMaxLen {
		return false
	}
	h := stopHash(w)
	for {
		e := stopTable[h%uint32(len(stopTable))]
		if e == "" {
			return false
		}
		if e == string(w) {
			return true
		}
		h++
	}
}

// term kinds are prefixed so that an entity "turkey" and the word
// "turkey" stay apart.
const (
	kindWord   = "w:"
	kindEntity = "e:"
	kindNumber = "n:"
)

// words calls fn for every content word of s: lower-cased, stop words and
// one-letter words dropped, plural and possessive endings stripped.
// Numbers (with at least two digits) come as number terms.
func words(s string, fn func(term string)) {
	wordTerms(s, nil, func(t []byte, _ int) { fn(string(t)) })
}

// wordTerms is words with each term built in buf (returned, for reuse)
// and the byte offset in s where its word starts: the term fn gets is
// valid only during the call.
func wordTerms(s string, buf []byte, fn func(term []byte, at int)) []byte {
	i := 0
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		at := i
		j := i
		digits, letters := 0, 0
		ascii := true
		for j < len(s) {
			r2, n2 := rune(s[j]), 1
			if r2 >= utf8.RuneSelf {
				r2, n2 = utf8.DecodeRuneInString(s[j:])
			}
			switch {
			case unicode.IsLetter(r2):
				letters++
			case unicode.IsDigit(r2):
				digits++
			case (r2 == '.' || r2 == ',') && digits > 0 && j+n2 < len(s) && s[j+n2] >= '0' && s[j+n2] <= '9':
			case r2 == '\'' || r2 == '’':
				// possessive or contraction: stop the word here
				goto done
			default:
				goto done
			}
			if n2 > 1 {
				ascii = false
			}
			j += n2
		}
	done:
		w := s[i:j]
		// Dotted acronyms ("U.S.", "U.N."): read on over the dots.
		if letters == 1 && j+1 < len(s) && s[j] == '.' && isASCIIUpper(w) {
			k := j
			for k+1 < len(s) && s[k] == '.' && s[k+1] >= 'A' && s[k+1] <= 'Z' && (k+2 >= len(s) || s[k+2] == '.') {
				k += 2
			}
			if k > j {
				i = k + 1
				buf = append(buf[:0], kindWord...)
				for _, c := range []byte(s[i-(k-j)-2 : k]) {
					if c != '.' {
						buf = append(buf, c+('a'-'A'))
					}
				}
				fn(buf, at)
				continue
			}
		}
		i = j
		if letters == 0 {
			if digits >= 2 {
				buf = append(buf[:0], kindNumber...)
				for _, c := range []byte(w) {
					if c != ',' {
						buf = append(buf, c)
					}
				}
				fn(buf, at)
			}
			continue
		}
		// buf: kindWord then strings.ToLower(w).
		buf = append(buf[:0], kindWord...)
		if ascii {
			for _, c := range []byte(w) {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
		} else {
			for _, c := range w {
				buf = utf8.AppendRune(buf, unicode.ToLower(c))
			}
		}
		lw := buf[len(kindWord):]
		if len(w) == 2 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z' {
			fn(buf, at) // "US", "UK", "EU": not the pronoun "us"
			continue
		}
		if len(lw) < 3 || isStopword(lw) {
			continue
		}
		fn(stemBytes(buf, len(kindWord)), at)
	}
	return buf
}

// stemBytes applies stem to b[from:] in place and returns b.
func stemBytes(b []byte, from int) []byte {
	w := b[from:]
	n := len(w)
	switch {
	case n > 5 && bytes.HasSuffix(w, []byte("ies")):
		return append(b[:len(b)-3], 'y')
	case n > 4 && bytes.HasSuffix(w, []byte("es")) && (bytes.HasSuffix(w, []byte("ches")) || bytes.HasSuffix(w, []byte("shes")) || bytes.HasSuffix(w, []byte("sses")) || bytes.HasSuffix(w, []byte("xes"))):
		return b[:len(b)-2]
	case n > 3 && bytes.HasSuffix(w, []byte("s")) && !bytes.HasSuffix(w, []byte("ss")) && !bytes.HasSuffix(w, []byte("us")) && !bytes.HasSuffix(w, []byte("is")):
		return b[:len(b)-1]
	case n > 5 && bytes.HasSuffix(w, []byte("ed")) && !bytes.HasSuffix(w, []byte("eed")):
		return b[:len(b)-2]
	case n > 6 && bytes.HasSuffix(w, []byte("ing")):
		return b[:len(b)-3]
	}
	return b
}

// stem strips the commonest English inflections, enough for matching
// "strikes"/"strike", "talks"/"talk", "killed"/"kill" across outlets.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	case n > 5 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		return w[:n-2]
	case n > 6 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	}
	return w
}

// Terms returns the set of word and number terms of s, as the clusterer
// sees them (for building frequency tables).
func Terms(s string) map[string]bool {
	m := map[string]bool{}
	words(s, func(t string) { m[t] = true })
	return m
}

// EachTerm calls fn for every word and number term of s, in order, as the
// clusterer sees them (stems, stop words dropped).
func EachTerm(s string, fn func(term string)) {
	words(s, fn)
}

// BackgroundIDF is a term's inverse document frequency in the background
// table (news in general), for weighting terms outside the clusterer.
func BackgroundIDF(term string) float64 {
	bgOnce.Do(loadBackground)
	return math.Log((bgN+1)/(float64(bgDF.get(termHash(term)))+1)) + 1
}

func isASCIIUpper(w string) bool {
	return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z'
}
