package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/text"
)

// span is one quotation found in the text.
type span struct {
	// open and close are the byte offsets of the opening mark and of the
	// closing mark (close == end of text content when the quotation runs
	// to the end of its paragraph without closing).
	open, close int
	// start and end delimit the quoted words.
	start, end int
	// parts are the pieces of a multi-paragraph quotation (start/end each).
	parts []news.Span
	// italic is a continuation set in *emphasis* rather than quotes.
	italic bool
	// closed reports a closing mark was found.
	closed bool
}

func isOpenMark(r rune) bool {
	return r == '“' || r == '«' || r == '„' || r == '"' || r == '‘' || r == '\''
}
func matches(open, r rune) bool {
	switch open {
	case '“', '„':
		return r == '”' || r == '“' || r == '"'
	case '«':
		return r == '»'
	case '"':
		return r == '"' || r == '”'
	case '‘':
		return r == '’'
	case '\'':
		return r == '\''
	}
	return false
}

// markByte reports the bytes findSpans must look at once past a
// paragraph's first character: straight quotes and non-ASCII bytes.
var markByte = func() [256]bool {
	var t [256]bool
	t['"'], t['\''] = true, true
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// findSpans pairs quotation marks paragraph by paragraph. Straight single
// quotes count only in headlines (single), where they are the convention;
// in body text they are apostrophes far more often.
func findSpans(s string, single bool) []span {
	var out []span
	var pending *span // an open quotation carried over a paragraph break
	for _, p := range text.Paragraphs(s) {
		para := s[p.Start:p.End]
		var open rune
		var cur span
		in := false
		i := 0
		first := true
		for i < len(para) {
			if !first && !markByte[para[i]] {
				// Past the first character: skip to a byte that may
				// start a quotation mark.
				i++
				for i < len(para) && !markByte[para[i]] {
					i++
				}
				continue
			}
			if c := para[i]; c < utf8.RuneSelf && c != '"' && c != '\'' {
				// Not a quotation mark: only the paragraph's first
				// non-space character matters here.
				if first && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f' {
					first = false
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(para[i:])
			prev, _ := utf8.DecodeLastRuneInString(para[:i])
			next, _ := utf8.DecodeRuneInString(para[i+n:])
			pos := p.Start + i
			switch {
			case !in && isOpenMark(r) && (r != '\'' || single) && canOpen(r, prev, next, i == 0):
				if first && pending != nil {
					// The quotation goes on from the previous paragraph.
					cur = *pending
					cur.parts = append(cur.parts, news.Span{Start: pos + n, End: pos + n})
					pending = nil
				} else {
					if pending != nil {
						out = append(out, *pending)
						pending = nil
					}
					cur = span{open: pos, start: pos + n, parts: []news.Span{{Start: pos + n}}}
				}
				open, in = r, true
			case in && matches(open, r) && canClose(r, prev, next):
				cur.close, cur.end, cur.closed = pos, pos, true
				cur.parts[len(cur.parts)-1].End = pos
				out = append(out, cur)
				in = false
			}
			if !unicode.IsSpace(r) {
				first = false
			}
			i += n
		}
		if in {
			// No closing mark before the paragraph ends: it may go on.
			cur.end, cur.close = p.End, p.End
			cur.parts[len(cur.parts)-1].End = p.End
			pending = &cur
		} else if pending != nil {
			out = append(out, *pending)
			pending = nil
		}
	}
	if pending != nil {
		out = append(out, *pending)
	}
	return out
}

// canOpen: an opening mark starts a paragraph or follows a space or
// bracket, and precedes a word.
func canOpen(r, prev, next rune, atStart bool) bool {
	if next == 0 || unicode.IsSpace(next) {
		return false
	}
	if (r == '‘' || r == '\'') && unicode.IsLetter(prev) {
		return false
	}
	return atStart || unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '—' || prev == '–' || prev == '-' || prev == '*' || prev == ':'
}

// canClose: a closing mark follows a word or punctuation, and is not an
// apostrophe inside a word ("don’t").
func canClose(r, prev, next rune) bool {
	if unicode.IsSpace(prev) {
		return false
	}
	if (r == '’' || r == '\'') && unicode.IsLetter(next) {
		return false
	}
	return true
}

// italicRuns finds *emphasised* runs (scraped pages) as spans.
func italicRuns(s string) []span {
	var out []span
	if strings.IndexByte(s, '*') < 0 {
		return out
	}
	for _, p := range text.Paragraphs(s) {
		para := s[p.Start:p.End]
		i := 0
		for i < len(para) {
			if para[i] != '*' || (i+1 < len(para) && para[i+1] == '*') {
				i++
				continue
			}
			j := i + 1
			for j < len(para) && para[j] != '*' {
				j++
			}
			if j >= len(para) {
				break
			}
			start, end := p.Start+i+1, p.Start+j
			out = append(out, span{open: p.Start + i, close: p.Start + j, start: start, end: end,
				parts: []news.Span{{Start: start, End: end}}, italic: true, closed: true})
			i = j + 1
		}
	}
	return out
}
