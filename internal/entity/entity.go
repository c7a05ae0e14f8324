package entity

import (
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
)

// Recognizer finds entities in text. It is safe for concurrent use.
// (Placeholder: runs of capitalised words; the trained tagger replaces it.)
type Recognizer struct{}

// New returns a Recognizer with the built-in model.
func New() (*Recognizer, error) { return &Recognizer{}, nil }

// Entities returns the entities of text, whose sentences are sents.
func (r *Recognizer) Entities(text string, sents []news.Sentence) []news.Entity {
	var ents []news.Entity
	byName := map[string]int{}
	i := 0
	for i < len(text) {
		c, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsUpper(c) {
			i += n
			continue
		}
		start := i
		end := i
		for j := i; j < len(text); {
			c, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(c) || c == '.' || c == '-' || c == '\'' {
				j += n
				end = j
				continue
			}
			if c == ' ' && j+1 < len(text) {
				c2, _ := utf8.DecodeRuneInString(text[j+1:])
				if unicode.IsUpper(c2) {
					j++
					continue
				}
			}
			break
		}
		if end <= start {
			end = start + n
		}
		name := text[start:end]
		k, ok := byName[name]
		if !ok {
			k = len(ents)
			byName[name] = k
			ents = append(ents, news.Entity{ID: k, Type: news.MISC, Name: name})
		}
		ents[k].Mentions = append(ents[k].Mentions, news.Mention{Span: news.Span{Start: start, End: end}, Text: name, Type: news.MISC})
		i = end
	}
	return ents
}
