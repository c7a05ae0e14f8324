package store

import (
	"strconv"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
)

// appendAnalysisJSON appends the JSON of an analysis, byte for byte what
// json.Marshal writes (field order and names, omitempty, null for nil
// slices, its string escapes), without its reflection: packing analyses
// is on every article's write path.
func appendAnalysisJSON(dst []byte, an news.Analysis) []byte {
	dst = append(dst, `{"sentences":`...)
	dst = appendArray(dst, an.Sentences, func(dst []byte, s news.Sentence) []byte {
		dst = appendSpan(dst, s.Span)
		dst = append(dst, `,"paragraph":`...)
		dst = strconv.AppendInt(dst, int64(s.Paragraph), 10)
		return append(dst, '}')
	})
	dst = append(dst, `,"entities":`...)
	dst = appendArray(dst, an.Entities, appendEntityJSON)
	dst = append(dst, `,"quotes":`...)
	dst = appendArray(dst, an.Quotes, appendQuoteJSON)
	return append(dst, '}')
}

// appendArray appends xs as a JSON array, each element by each; a nil
// slice is null, as json.Marshal writes it.
func appendArray[T any](dst []byte, xs []T, each func([]byte, T) []byte) []byte {
	if xs == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, x := range xs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = each(dst, x)
	}
	return append(dst, ']')
}

// appendSpan appends `{"start":S,"end":E`, an open object.
func appendSpan(dst []byte, sp news.Span) []byte {
	dst = append(dst, `{"start":`...)
	dst = strconv.AppendInt(dst, int64(sp.Start), 10)
	dst = append(dst, `,"end":`...)
	return strconv.AppendInt(dst, int64(sp.End), 10)
}

func appendEntityJSON(dst []byte, e news.Entity) []byte {
	dst = append(dst, `{"id":`...)
	dst = strconv.AppendInt(dst, int64(e.ID), 10)
	dst = append(dst, `,"type":`...)
	dst = appendJSONString(dst, string(e.Type))
	dst = append(dst, `,"name":`...)
	dst = appendJSONString(dst, e.Name)
	if len(e.Aliases) > 0 {
		dst = append(dst, `,"aliases":`...)
		dst = appendStrings(dst, e.Aliases)
	}
	if len(e.Roles) > 0 {
		dst = append(dst, `,"roles":`...)
		dst = appendStrings(dst, e.Roles)
	}
	dst = append(dst, `,"mentions":`...)
	dst = appendArray(dst, e.Mentions, func(dst []byte, m news.Mention) []byte {
		dst = appendSpan(dst, m.Span)
		dst = append(dst, `,"text":`...)
		dst = appendJSONString(dst, m.Text)
		dst = append(dst, `,"type":`...)
		dst = appendJSONString(dst, string(m.Type))
		return append(dst, '}')
	})
	return append(dst, '}')
}

func appendQuoteJSON(dst []byte, q news.Quote) []byte {
	for _, f := range [...]struct{ key, v string }{
		{`{"source":`, q.Source}, {`,"article":`, q.Article}, {`,"text":`, q.Text}, {`,"kind":`, string(q.Kind)},
		{`,"speaker":`, q.Speaker}, {`,"speaker_mention":`, q.SpeakerMention}, {`,"role":`, q.Role}, {`,"cue":`, q.Cue},
	} {
		dst = append(dst, f.key...)
		dst = appendJSONString(dst, f.v)
	}
	dst = append(dst, `,"start":`...)
	dst = strconv.AppendInt(dst, int64(q.Start), 10)
	dst = append(dst, `,"end":`...)
	dst = strconv.AppendInt(dst, int64(q.End), 10)
	if q.InTitle {
		dst = append(dst, `,"in_title":true`...)
	}
	return append(dst, '}')
}

// appendStrings appends a non-empty list of strings.
func appendStrings(dst []byte, ss []string) []byte { return appendArray(dst, ss, appendJSONString) }

// jsonSafe marks the ASCII bytes json.Marshal writes as they are: all but
// controls, the quote, the backslash and (escaped for HTML) <, > and &.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as json.Marshal quotes it: short
// escapes for \b \f \n \r \t, \u00XX for other controls and <, >, &,
// \ufffd for each byte of invalid UTF-8, and U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
