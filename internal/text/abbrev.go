package text

import "strings"

// abbrevs are abbreviations written with a final period. Those in
// titles never end a sentence ("Mr. Putin"); the others may.
var titleAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true, "lt": true, "sgt": true,
	"capt": true, "cmdr": true, "adm": true, "gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true,
	"maj": true, "st": true, "mt": true, "ft": true, "messrs": true, "mme": true, "mlle": true, "sr": true, "jr": true,
	"no": true, "nos": true, "vs": true, "v": true, "etc": true, "approx": true, "dept": true, "est": true, "fig": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "corp": true, "inc": true, "ltd": true, "co": true, "bros": true, "ave": true,
	"blvd": true, "rd": true, "al": true, "e.g": true, "i.e": true, "cf": true, "ca": true, "vol": true, "pp": true,
}

// sentenceSafe are abbreviations after which a capitalised word starts a
// new sentence only with strong evidence: titles and name parts.
var sentenceSafe = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true, "lt": true, "sgt": true,
	"capt": true, "cmdr": true, "adm": true, "gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true,
	"maj": true, "st": true, "mt": true, "no": true, "vs": true, "v": true, "messrs": true, "mme": true, "fig": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "e.g": true, "i.e": true, "cf": true, "ca": true, "vol": true, "pp": true,
}

func isKnownAbbrev(w string) bool { return lookupLower(titleAbbrevs, w) }

// maxAbbrevLen is the length of the longest key of titleAbbrevs and
// sentenceSafe.
var maxAbbrevLen = func() int {
	n := 0
	for _, m := range []map[string]bool{titleAbbrevs, sentenceSafe} {
		for k := range m {
			n = max(n, len(k))
		}
	}
	return n
}()

// lookupLower reports m[strings.ToLower(w)] without copying an ASCII w.
func lookupLower(m map[string]bool, w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return m[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return m[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if len(w) > maxAbbrevLen {
		return false
	}
	return m[string(buf[:len(w)])]
}
