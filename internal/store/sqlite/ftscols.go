package sqlite

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
)

// ftsColumns splits an article's text between the full-text index's text
// and quotes columns: the quotations' words go in quotes, the rest of the
// text in text, so every word is indexed once, in the column of its role.
// (Indexing the whole text and the quotations again put a fifth of the
// words in the index twice, for nothing: a search matches any column.)
//
// A quotation is moved out of the text only when its span holds its words
// and lies on word boundaries as the index's tokenizer sees them; any
// other (one that starts or ends inside a word, or whose span does not
// hold its text) stays in the text and goes in quotes as well, as all did
// before. The pieces of each column are joined by a line break, so no two
// words are glued together (though a phrase query may now match across
// the place a quotation left: the words around it are neighbours in the
// text column). Quotations in the headline go in quotes too (the title
// column keeps the headline whole).
func ftsColumns(a *news.AnalysedArticle) (text, quotes string) {
	type span struct{ lo, hi int }
	var cut []span
	var q strings.Builder
	for _, x := range a.Quotes {
		if !movable(a.Text, x) {
			appendPiece(&q, x.Text) // the text (or title) keeps its words, if it has them
			continue
		}
		cut = append(cut, span{x.Start, x.End})
	}
	if len(cut) == 0 {
		return a.Text, q.String()
	}
	slices.SortFunc(cut, func(x, y span) int { return x.lo - y.lo })
	// Overlapping quotations (a direct one within an indirect one) are
	// moved as one.
	merged := cut[:1]
	for _, s := range cut[1:] {
		if last := &merged[len(merged)-1]; s.lo <= last.hi {
			last.hi = max(last.hi, s.hi)
			continue
		}
		merged = append(merged, s)
	}
	var t strings.Builder
	t.Grow(len(a.Text))
	at := 0
	for _, s := range merged {
		appendPiece(&t, a.Text[at:s.lo])
		appendPiece(&q, a.Text[s.lo:s.hi])
		at = s.hi
	}
	appendPiece(&t, a.Text[at:])
	return t.String(), q.String()
}

// movable reports whether quotation x can leave text for the quotes
// column: it is in the text, not the headline, its span holds exactly its
// words, and the span starts and ends on word boundaries.
func movable(text string, x news.Quote) bool {
	return !x.InTitle && x.Start >= 0 && x.End <= len(text) && x.Start < x.End && text[x.Start:x.End] == x.Text &&
		wordBoundary(text, x.Start) && wordBoundary(text, x.End)
}

// appendPiece appends s to b, after a line break when b has text already.
func appendPiece(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(s)
}

// wordBoundary reports whether byte offset i of s falls between two
// characters of which at most one can be part of a word for FTS5's
// unicode61 tokenizer (letters, numbers and private-use characters are;
// combining marks are counted as word characters too, to be safe), and
// not inside a UTF-8 sequence.
func wordBoundary(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	if !utf8.RuneStart(s[i]) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i:])
	return !tokenRune(before) || !tokenRune(after)
}

func tokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.In(r, unicode.L, unicode.N, unicode.M, unicode.Co)
}
