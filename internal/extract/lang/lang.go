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
const sample = 2048

// minConfidence is the lowest whatlanggo confidence we accept: below it the
// guess is between close languages (ru/uk, es/pt) on too little text.
const minConfidence = 0.3

// minLetters is the shortest text worth guessing on.
const minLetters = 20

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
	info := whatlanggo.Detect(text)
	if info.Confidence < minConfidence {
		return ""
	}
	return info.Lang.Iso6391()
}
