package source

import (
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/jsonstr"
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
			s, next, ok := jsonstr.Decode(b, i)
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
