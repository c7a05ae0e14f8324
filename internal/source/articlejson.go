package source

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
)

// decodeArticle decodes the common shape of a record, a flat JSON object
// of strings and nulls, into j as json.Unmarshal would, but in one pass
// (json.Unmarshal checks the whole record before decoding it). It reports
// false, leaving j in no particular state, for anything else: a syntax
// error, a value of another type, an escaped or non-ASCII key, a key that
// matches a field only ignoring case, the warnings field, a string with
// invalid UTF-8 or a lone surrogate. The caller then decodes the record
// with json.Unmarshal, which gives those their exact meaning or error.
func decodeArticle(b []byte, j *news.ArticleJSON) bool {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipSpace(b, i+1) == len(b)
	}
	for {
		if i == len(b) || b[i] != '"' {
			return false
		}
		k := i + 1
		for k < len(b) && b[k] != '"' {
			if c := b[k]; c == '\\' || c < ' ' || c >= utf8.RuneSelf {
				return false
			}
			k++
		}
		if k == len(b) {
			return false
		}
		field, ok := articleField(j, b[i+1:k])
		if !ok {
			return false
		}
		i = skipSpace(b, k+1)
		if i == len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		switch {
		case i < len(b) && b[i] == '"':
			s, next, ok := jsonString(b, i)
			if !ok {
				return false
			}
			if field != nil {
				*field = &s
			}
			i = next
		case len(b)-i >= 4 && string(b[i:i+4]) == "null":
			if field != nil {
				*field = nil
			}
			i += 4
		default:
			return false
		}
		i = skipSpace(b, i)
		if i == len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return skipSpace(b, i+1) == len(b)
		default:
			return false
		}
	}
}

// articleFields are the JSON names of news.ArticleJSON's fields.
var articleFields = []string{"source", "id", "url", "outlet", "title", "published", "byline", "language", "text", "warnings"}

// articleField returns the field of j that key names exactly, nil for a
// key json.Unmarshal ignores, and false for one it could match ignoring
// case (or the warnings field, which is no string).
func articleField(j *news.ArticleJSON, key []byte) (**string, bool) {
	switch string(key) {
	case "source":
		return &j.Source, true
	case "id":
		return &j.ID, true
	case "url":
		return &j.URL, true
	case "outlet":
		return &j.Outlet, true
	case "title":
		return &j.Title, true
	case "published":
		return &j.Published, true
	case "byline":
		return &j.Byline, true
	case "language":
		return &j.Language, true
	case "text":
		return &j.Text, true
	}
	for _, f := range articleFields {
		if equalFoldASCII(key, f) {
			return nil, false
		}
	}
	return nil, true
}

// equalFoldASCII reports whether the ASCII key equals name ignoring case.
func equalFoldASCII(key []byte, name string) bool {
	if len(key) != len(name) {
		return false
	}
	for i := range key {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// jsonString decodes the JSON string starting at b[i] (a quote) and
// returns it and the index after its closing quote; false for a string
// json.Unmarshal would reject or alter (invalid UTF-8, lone surrogates).
func jsonString(b []byte, i int) (string, int, bool) {
	start := i + 1
	for k := start; k < len(b); k++ {
		switch c := b[k]; {
		case (c == '"' || c == '\\') && !utf8.Valid(b[start:k]):
			return "", 0, false
		case c == '"':
			return string(b[start:k]), k + 1, true
		case c == '\\':
			return jsonStringEscaped(b, start, k) // the part before k is valid
		case c < ' ':
			return "", 0, false
		}
	}
	return "", 0, false
}

// jsonStringEscaped is jsonString for a string with escapes, the first
// at b[k]. The bytes between escapes stand for themselves: each run of
// them is validated and copied at once.
func jsonStringEscaped(b []byte, start, k int) (string, int, bool) {
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
