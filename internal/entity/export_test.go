package entity

import "github.com/parallax-news/parallax/internal/text"

// ArticleWords splits s into the tagger's sentences of words, as Mentions
// does, for BenchmarkTag.
func ArticleWords(s string) [][]string {
	var out [][]string
	var toks []text.Token
	for _, se := range text.Sentences(s) {
		toks = text.Tokens(toks[:0], s[se.Start:se.End])
		for w := 0; w < len(toks); w += maxSentenceTokens {
			var words []string
			for _, t := range toks[w:min(len(toks), w+maxSentenceTokens)] {
				words = append(words, conllForm(s[se.Start+t.Start:se.Start+t.End]))
			}
			out = append(out, words)
		}
	}
	return out
}

// TagArticle tags an article's sentences (from ArticleWords) with the
// built-in model, as Mentions does, and returns how many tokens are
// labelled as entities.
func TagArticle(sents [][]string) int {
	m := DefaultModel()
	hist := history{}
	var sc tagScratch
	n := 0
	for _, words := range sents {
		for _, l := range m.tag(words, hist, &sc) {
			if l != 0 {
				n++
			}
		}
	}
	return n
}
