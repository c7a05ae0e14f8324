package lang

import (
	"strings"
	"unicode"
)

// stopwords are the most frequent function words of the languages most
// news is written in. Counting them is a fast, reliable first answer for
// ordinary prose; the trigram model decides only the unclear cases.
var stopwords = map[string][]string{
	"en": {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "he", "it", "as", "said", "his", "by", "at", "from", "have", "has", "are", "be", "this", "an", "they", "which", "were", "but", "not", "who", "will", "been", "their"},
	"de": {"der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie"},
	"fr": {"de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui", "dans", "a", "par", "plus", "pas", "au", "sur", "ne", "se", "ce", "il", "sont", "avec", "aux", "son", "elle", "ont", "été"},
	"es": {"de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con", "no", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ha", "me", "si", "sin", "sobre", "este", "ya", "entre", "cuando", "también"},
	"it": {"di", "e", "il", "la", "che", "in", "a", "per", "del", "un", "non", "della", "è", "una", "le", "con", "i", "al", "si", "da", "dei", "nel", "sono", "alla", "gli", "come", "anche", "più", "lo", "ha", "delle"},
	"pt": {"de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os", "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "ao", "ele", "das", "à", "seu", "sua", "ou", "foi", "pelo", "pela"},
	"nl": {"de", "en", "van", "het", "een", "in", "is", "dat", "op", "te", "zijn", "voor", "met", "die", "niet", "aan", "er", "om", "ook", "als", "bij", "of", "door", "maar", "naar", "heeft", "wordt", "nog", "werd", "uit", "worden"},
}

var stopwordIndex = func() map[string][]string {
	idx := map[string][]string{}
	for lang, words := range stopwords {
		for _, w := range words {
			idx[w] = append(idx[w], lang)
		}
	}
	return idx
}()

// byStopwords returns a language when at least a fifth of the first words
// are its stopwords and it has twice the hits of any other language;
// otherwise "".
func byStopwords(text string) string {
	counts := map[string]int{}
	words := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		for _, l := range stopwordIndex[strings.ToLower(w)] {
			counts[l]++
		}
		if words == 80 {
			break
		}
	}
	if words < 12 {
		return ""
	}
	best, second, bestLang := 0, 0, ""
	for l, c := range counts {
		switch {
		case c > best || (c == best && l < bestLang):
			second, best, bestLang = best, c, l
		case c > second:
			second = c
		}
	}
	if best*5 >= words && best >= 2*second {
		return bestLang
	}
	return ""
}
