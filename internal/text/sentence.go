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
	var out []news.Sentence
	var toks []Token
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
			out = append(out, news.Sentence{Span: news.Span{Start: p.Start + toks[start].Start, End: p.Start + toks[j-1].End}, Paragraph: pi})
			start = j
			i = j - 1
		}
		if start < len(toks) {
			out = append(out, news.Sentence{Span: news.Span{Start: p.Start + toks[start].Start, End: p.Start + toks[len(toks)-1].End}, Paragraph: pi})
		}
	}
	return out
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
