package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
)

// Paragraphs returns the spans of the blank-line separated paragraphs of s.
func Paragraphs(s string) []news.Span {
	var out []news.Span
	start := 0
	for start < len(s) {
		i := strings.Index(s[start:], "\n\n")
		end := len(s)
		if i >= 0 {
			end = start + i
		}
		if sp := trimSpan(s, start, end); sp.End > sp.Start {
			out = append(out, sp)
		}
		if i < 0 {
			break
		}
		start = end + 2
	}
	return out
}

func trimSpan(s string, a, b int) news.Span {
	for a < b && (s[a] == ' ' || s[a] == '\n' || s[a] == '\t' || s[a] == '\r') {
		a++
	}
	for b > a && (s[b-1] == ' ' || s[b-1] == '\n' || s[b-1] == '\t' || s[b-1] == '\r') {
		b--
	}
	return news.Span{Start: a, End: b}
}

// Sentences splits s into sentences, with paragraph indexes.
func Sentences(s string) []news.Sentence {
	out, _, _ := split(s, nil, false)
	return out
}

// Split is a text split into sentences, with the tokens of each.
type Split struct {
	Sentences []news.Sentence
	// Tokens are all the sentences' tokens, in order, as offsets into the
	// text; those of sentence i are Tokens[first[i]:first[i+1]].
	Tokens []Token
	first  []int32
}

// SentenceTokens returns the tokens of sentence i, as offsets into the
// text: the same as Tokens of the sentence's text, shifted by its start.
func (sp Split) SentenceTokens(i int) []Token {
	return sp.Tokens[sp.first[i]:sp.first[i+1]]
}

// SplitText splits s into sentences as Sentences does and keeps the
// tokens it found them with, so a later stage need not tokenise the
// sentences again. toks is reused for the tokens (pass nil, or the
// Tokens of a Split no longer needed).
func SplitText(s string, toks []Token) Split {
	sents, toks, first := split(s, toks[:0], true)
	return Split{Sentences: sents, Tokens: toks, first: first}
}

// split finds the sentences of s; with keep it also returns the tokens of
// each, appended to all as offsets into s, and the index in all of each
// sentence's first token (and a final one past the last).
//
// A sentence's tokens are those of its paragraph between its ends: the
// tokens of a text depend on nothing before a token's start, and never
// look past a sentence's last token. The exception is a sentence starting
// inside a run of non-space characters, right after the previous
// sentence's last token: that token may have been split off the word
// before it ("U.S." "'s"), and on its own reads otherwise ("'" "s"). Such
// sentences are tokenised again on their own.
func split(s string, all []Token, keep bool) (out []news.Sentence, _ []Token, first []int32) {
	var toks []Token
	// sentence appends the sentence of paragraph p made of toks[a:b].
	sentence := func(p news.Span, pi, a, b int) {
		se := news.Sentence{Span: news.Span{Start: p.Start + toks[a].Start, End: p.Start + toks[b-1].End}, Paragraph: pi}
		out = append(out, se)
		if !keep {
			return
		}
		first = append(first, int32(len(all)))
		if a > 0 && toks[a-1].End == toks[a].Start {
			all = TokensIn(all, s, se.Span)
			return
		}
		for _, t := range toks[a:b] {
			all = append(all, Token{Start: p.Start + t.Start, End: p.Start + t.End})
		}
	}
	for pi, p := range Paragraphs(s) {
		toks = Tokens(toks[:0], s[p.Start:p.End])
		start := 0 // index of the first token of the current sentence
		for i := 0; i < len(toks); i++ {
			if !endsSentence(s[p.Start:p.End], toks, i) {
				continue
			}
			// Closing quotes and brackets after the end mark belong to it.
			j := i + 1
			for j < len(toks) && isCloser(s[p.Start+toks[j].Start:p.Start+toks[j].End], s[p.Start:p.End], toks, j) {
				j++
			}
			if j < len(toks) && !startsSentence(s[p.Start:p.End], toks, j) {
				continue
			}
			sentence(p, pi, start, j)
			start = j
			i = j - 1
		}
		if start < len(toks) {
			sentence(p, pi, start, len(toks))
		}
	}
	if keep {
		first = append(first, int32(len(all)))
	}
	return out, all, first
}

// endsSentence reports whether token i is a sentence-final mark.
func endsSentence(p string, toks []Token, i int) bool {
	t := p[toks[i].Start:toks[i].End]
	// Every end mark ends in '.', '!', '?' or the last byte of "…".
	if c := t[len(t)-1]; c != '.' && c != '!' && c != '?' && c != "…"[len("…")-1] {
		return false
	}
	switch t {
	case ".", "!", "?", "…", "...", "?!", "!!", "??":
		return true
	}
	if strings.HasSuffix(t, ".") && len(t) > 1 {
		// An abbreviation token: "U.S." may end a sentence; "Mr." never.
		w := strings.TrimSuffix(t, ".")
		if lookupLower(sentenceSafe, w) {
			return false
		}
		if utf8.RuneCountInString(w) == 1 {
			return false // an initial: "J. Smith"
		}
		return true
	}
	return false
}

// isCloser reports a closing quote or bracket.
func isCloser(t, p string, toks []Token, j int) bool {
	switch t {
	case ")", "]", "”", "’", "»":
		return true
	case "*", "_":
		// Closing emphasis is attached to the word before it; an asterisk
		// after a space opens the next (emphasised) sentence.
		return toks[j].Start == toks[j-1].End
	case "\"", "'":
		// A straight quote right after the end mark (no space) closes.
		return toks[j].Start == toks[j-1].End
	}
	return false
}

// startsSentence reports whether token j can begin a sentence.
func startsSentence(p string, toks []Token, j int) bool {
	r, _ := utf8.DecodeRuneInString(p[toks[j].Start:])
	if unicode.IsUpper(r) || unicode.IsDigit(r) || !unicode.IsLetter(r) && !unicode.IsLower(r) {
		// Capital, digit, or an opening quote/bracket/dash.
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return r == '"' || r == '“' || r == '«' || r == '‘' || r == '\'' || r == '(' || r == '[' || r == '*' || r == '—' || r == '–' || r == '-'
		}
		return true
	}
	return false
}
