package entity

import (
	"slices"

	"github.com/parallax-news/parallax/internal/text"
)

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

// FindAkaIndex and AkaIndex are findAkaIndex and the pattern it
// windows, run on all of s, for BenchmarkFindAka.
var (
	FindAkaIndex = findAkaIndex
	AkaIndex     = func(s string) [][]int { return akaRe.FindAllStringSubmatchIndex(s, maxAliasStatements) }
	MayMatchAka  = func(s string) bool { return hasCue(s, akaCue) && mayMatchAka(s) }
)

// SameAkaMatches reports whether findAkaIndex finds in s what akaRe run
// on all of s does (for TestFindAkaIndexReal).
func SameAkaMatches(s string) bool {
	return slices.EqualFunc(findAkaIndex(s), akaRe.FindAllStringSubmatchIndex(s, maxAliasStatements), slices.Equal)
}
