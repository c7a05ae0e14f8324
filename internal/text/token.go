package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
)

// Token is one token: its span in the text.
type Token = news.Span

// TokensIn appends the tokens of s[sp.Start:sp.End] to dst, as offsets
// into s.
func TokensIn(dst []Token, s string, sp news.Span) []Token {
	n := len(dst)
	dst = Tokens(dst, s[sp.Start:sp.End])
	for k := n; k < len(dst); k++ {
		dst[k].Start += sp.Start
		dst[k].End += sp.Start
	}
	return dst
}

// Tokens splits s into tokens, appending to dst (pass nil, or a slice to
// reuse).
func Tokens(dst []Token, s string) []Token {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace(c) {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(s[i:]); isSpace(r) {
			i += n
			continue
		}
		// A chunk runs to the next space; split it into tokens.
		j := i
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if asciiSpace(c) {
					break
				}
				j++
				continue
			}
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if isSpace(r2) {
				break
			}
			j += n2
		}
		if dst == nil {
			// Pre-size: a token takes about five bytes of text.
			dst = make([]Token, 0, (len(s)-i)/5+2)
		}
		dst = splitChunk(dst, s, i, j)
		i = j
	}
	return dst
}

// asciiSpace is isSpace for an ASCII byte.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

// asciiWord is isWordRune for an ASCII byte.
func asciiWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u200e' || r == '\u200f' || r == '\ufeff' || r == '\u2060'
}

// isWordRune reports runes that make up words and numbers.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\u200d'
}

// splitChunk splits a whitespace-free chunk s[a:b] into tokens.
func splitChunk(dst []Token, s string, a, b int) []Token {
	for a < b {
		var r rune
		var n int
		if c := s[a]; c < utf8.RuneSelf {
			r, n = rune(c), 1
		} else {
			r, n = utf8.DecodeRuneInString(s[a:b])
		}
		if !isWordRune(r) {
			// Punctuation: one token per rune, except runs of the same
			// rune ("...", "--") and "..." style ellipses.
			e := a + n
			for e < b {
				r2, n2 := utf8.DecodeRuneInString(s[e:b])
				if r2 != r || r == '"' || r == '\'' {
					break
				}
				e += n2
			}
			dst = append(dst, Token{Start: a, End: e})
			a = e
			continue
		}
		e := wordEnd(s, a, b)
		// Possessive / clitic: "Putin's" -> "Putin" "'s"; "don't" stays.
		if e < b {
			if c, ok := clitic(s[e:b]); ok {
				dst = append(dst, Token{Start: a, End: e}, Token{Start: e, End: e + c})
				a = e + c
				continue
			}
		}
		dst = append(dst, Token{Start: a, End: e})
		a = e
	}
	return dst
}

// wordEnd finds the end of the word starting at a: letters and digits,
// joined by inner hyphens, apostrophes (not before "s"), periods of
// abbreviations (U.S., p.m.) and separators in numbers (1,000.5).
func wordEnd(s string, a, b int) int {
	e := a
	for e < b {
		if c := s[e]; c < utf8.RuneSelf && asciiWord(c) {
			e++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[e:b])
		if isWordRune(r) {
			e += n
			continue
		}
		if e+n >= b {
			break
		}
		next, _ := utf8.DecodeRuneInString(s[e+n : b])
		prev, _ := utf8.DecodeLastRuneInString(s[a:e])
		switch r {
		case '-', '/', '&':
			if isWordRune(next) {
				e += n
				continue
			}
		case '.', ',', ':':
			if unicode.IsDigit(prev) && unicode.IsDigit(next) {
				e += n
				continue
			}
			if r == '.' && unicode.IsLetter(prev) && unicode.IsLetter(next) && isAbbrevLike(s[a:e]) {
				// U.S. / p.m. / e.g.: keep going, and take the final period.
				e += n
				continue
			}
		case '\'', '’':
			if unicode.IsLetter(prev) && unicode.IsLetter(next) {
				if _, ok := clitic(s[e:b]); ok {
					return e
				}
				e += n // O'Brien, don't
				continue
			}
		}
		break
	}
	// A trailing period belongs to an abbreviation ("U.S.", "Mr.", "Sept.").
	if e < b && s[e] == '.' && (isAbbrevLike(s[a:e]) || isKnownAbbrev(s[a:e])) {
		e++
	}
	return e
}

// isAbbrevLike reports single letters joined by periods so far ("U", "U.S").
func isAbbrevLike(w string) bool {
	for {
		part, rest, more := strings.Cut(w, ".")
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
		if !more {
			return true
		}
		w = rest
	}
}

// clitic reports an English possessive or clitic at the start of s
// ("'s", "’s", "'ll"...) and its byte length.
func clitic(s string) (int, bool) {
	if s == "" || s[0] != '\'' && s[0] != "’"[0] {
		return 0, false
	}
	for _, c := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasPrefix(s, c) {
			rest := s[len(c):]
			if rest == "" {
				return len(c), true
			}
			r, _ := utf8.DecodeRuneInString(rest)
			if !isWordRune(r) {
				return len(c), true
			}
		}
	}
	return 0, false
}
