// Package lang identifies the language of an article's text (ISO 639-1)
// with whatlanggo's trigram model, which is small (built into the binary,
// no model files) and fast. It looks at the first few kilobytes only and
// answers "" when the guess is unreliable (short or mixed text), so a
// wrong language is never asserted.
package lang

import (
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// sample is how much text is looked at: enough for a reliable guess,
// little enough to keep detection cheap on long articles.
const sample = 400

// minConfidence is the lowest whatlanggo confidence we accept: below it the
// guess is between close languages (ru/uk, es/pt) on too little text.
const minConfidence = 0.3

// minLetters is the shortest text worth guessing on.
const minLetters = 20

// options limits the trigram comparison to the languages of the world's
// larger news markets (scripts with one language, such as Greek or
// Korean, are recognised by script regardless): comparing against every
// profile costs time and mistakes Latin-script news for rarely seen
// languages.
var options = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Deu: true, whatlanggo.Fra: true, whatlanggo.Spa: true, whatlanggo.Por: true,
	whatlanggo.Ita: true, whatlanggo.Nld: true, whatlanggo.Swe: true, whatlanggo.Dan: true, whatlanggo.Nob: true,
	whatlanggo.Fin: true, whatlanggo.Pol: true, whatlanggo.Ces: true, whatlanggo.Hun: true,
	whatlanggo.Ron: true, whatlanggo.Tur: true, whatlanggo.Ind: true, whatlanggo.Vie: true, whatlanggo.Hrv: true,
	whatlanggo.Slv: true, whatlanggo.Lit: true, whatlanggo.Lav: true, whatlanggo.Est: true, whatlanggo.Rus: true,
	whatlanggo.Ukr: true, whatlanggo.Bul: true, whatlanggo.Srp: true, whatlanggo.Bel: true, whatlanggo.Ell: true,
	whatlanggo.Arb: true, whatlanggo.Pes: true, whatlanggo.Urd: true, whatlanggo.Heb: true, whatlanggo.Ydd: true,
	whatlanggo.Hin: true, whatlanggo.Mar: true, whatlanggo.Nep: true, whatlanggo.Cmn: true, whatlanggo.Jpn: true,
	whatlanggo.Kor: true, whatlanggo.Tha: true, whatlanggo.Ben: true, whatlanggo.Tam: true, whatlanggo.Tgl: true,
	whatlanggo.Afr: true, whatlanggo.Zul: true,
}}

// Detect returns the ISO 639-1 code of text's language, or "".
func Detect(text string) string {
	if len(text) > sample {
		text = text[:sample]
		for len(text) > 0 && !utf8.ValidString(text[len(text)-1:]) && !utf8.RuneStart(text[len(text)-1]) {
			text = text[:len(text)-1]
		}
	}
	if utf8.RuneCountInString(text) < minLetters {
		return ""
	}
	if l := byStopwords(text); l != "" {
		return l
	}
	info := whatlanggo.DetectWithOptions(text, options)
	if info.Confidence < minConfidence {
		return ""
	}
	return info.Lang.Iso6391()
}
