// Package jsonstr decodes JSON string literals exactly as encoding/json
// does, or refuses them: the fast JSON readers (the article records of
// package source, the packed analyses of package store) decode their
// strings here and leave whatever it refuses to json.Unmarshal.
package jsonstr

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Decode decodes the JSON string starting at b[i] (a quote) and
// returns it and the index after its closing quote; false for a string
// json.Unmarshal would reject or alter (invalid UTF-8, lone surrogates).
func Decode(b []byte, i int) (string, int, bool) {
	start := i + 1
	for k := start; k < len(b); k++ {
		switch c := b[k]; {
		case (c == '"' || c == '\\') && !utf8.Valid(b[start:k]):
			return "", 0, false
		case c == '"':
			return string(b[start:k]), k + 1, true
		case c == '\\':
			return decodeEscaped(b, start, k) // the part before k is valid
		case c < ' ':
			return "", 0, false
		}
	}
	return "", 0, false
}

// decodeEscaped is Decode for a string with escapes, the first
// at b[k]. The bytes between escapes stand for themselves: each run of
// them is validated and copied at once.
func decodeEscaped(b []byte, start, k int) (string, int, bool) {
	out := make([]byte, 0, len(b)-start)
	out = append(out, b[start:k]...)
	for k < len(b) {
		if j := plainRun(b, k); j > k {
			// The run ends at an ASCII byte or the end of b, never inside
			// a character: it is valid UTF-8 if each of its characters is.
			if !utf8.Valid(b[k:j]) {
				return "", 0, false
			}
			out = append(out, b[k:j]...)
			k = j
			continue
		}
		switch c := b[k]; {
		case c == '"':
			return string(out), k + 1, true
		case c == '\\':
			if k+1 == len(b) {
				return "", 0, false
			}
			switch e := b[k+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(b, k+2)
				if !ok {
					return "", 0, false
				}
				k += 6
				if utf16.IsSurrogate(r) {
					// Only a high surrogate followed by a low one.
					if len(b)-k < 6 || b[k] != '\\' || b[k+1] != 'u' {
						return "", 0, false
					}
					r2, ok := hex4(b, k+2)
					if !ok {
						return "", 0, false
					}
					if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
						return "", 0, false
					}
					k += 6
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return "", 0, false
			}
			k += 2
		default: // a control character
			return "", 0, false
		}
	}
	return "", 0, false
}

// plainRun returns the end of the run of bytes from b[k] that a JSON
// string holds as they are: all but the quote, the backslash and control
// characters.
func plainRun(b []byte, k int) int {
	for k < len(b) && b[k] != '"' && b[k] != '\\' && b[k] >= ' ' {
		k++
	}
	return k
}

// hex4 reads the four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if len(b)-i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
