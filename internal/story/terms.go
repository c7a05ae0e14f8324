package story

import (
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
func words(s string, fn func(term string, capitalised bool)) {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		j := i
		digits, letters := 0, 0
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
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
				fn(kindWord+strings.ToLower(strings.ReplaceAll(s[i-(k-j)-2:k], ".", "")), true)
				continue
			}
		}
		i = j
		if letters == 0 {
			if digits >= 2 {
				fn(kindNumber+strings.ReplaceAll(w, ",", ""), false)
			}
			continue
		}
		capitalised := unicode.IsUpper(r)
		lw := strings.ToLower(w)
		if len(w) == 2 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z' {
			fn(kindWord+lw, true) // "US", "UK", "EU": not the pronoun "us"
			continue
		}
		if len(lw) < 3 || stopwords[lw] {
			continue
		}
		fn(kindWord+stem(lw), capitalised)
	}
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
	words(s, func(t string, _ bool) { m[t] = true })
	return m
}

// EachTerm calls fn for every word and number term of s, in order, as the
// clusterer sees them (stems, stop words dropped).
func EachTerm(s string, fn func(term string)) {
	words(s, func(t string, _ bool) { fn(t) })
}

// BackgroundIDF is a term's inverse document frequency in the background
// table (news in general), for weighting terms outside the clusterer.
func BackgroundIDF(term string) float64 {
	bgOnce.Do(loadBackground)
	return math.Log((bgN+1)/(float64(bgDF[term])+1)) + 1
}

func isASCIIUpper(w string) bool {
	return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z'
}
