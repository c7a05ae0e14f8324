package store

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/jsonstr"
	"github.com/parallax-news/parallax/internal/news"
)

// decodeAnalysisJSON decodes the JSON of an analysis as json.Unmarshal
// does, reading the layout appendAnalysisJSON (and json.Marshal) writes
// directly: keys in that order, no spaces. Anything else (other key
// orders, spaces, surrogate escapes, invalid UTF-8, numbers out of range)
// goes to json.Unmarshal, so every input decodes as json.Unmarshal decodes
// it. Strings without escapes are slices of one copy of the input, not an
// allocation each: reading a story's analyses is on every story page.
func decodeAnalysisJSON(b []byte) (news.Analysis, error) {
	d := analysisDecoder{s: string(b)}
	if an, ok := d.analysis(); ok {
		return an, nil
	}
	var an news.Analysis
	err := json.Unmarshal(b, &an)
	return an, err
}

// analysisDecoder reads s from i; a method returning false means the input
// is not in the layout it reads.
type analysisDecoder struct {
	s string
	i int
}

func (d *analysisDecoder) analysis() (an news.Analysis, ok bool) {
	if !d.lit(`{"sentences":`) {
		return an, false
	}
	if an.Sentences, ok = decodeArray(d, (*analysisDecoder).sentence); !ok || !d.lit(`,"entities":`) {
		return an, false
	}
	if an.Entities, ok = decodeArray(d, (*analysisDecoder).entity); !ok || !d.lit(`,"quotes":`) {
		return an, false
	}
	if an.Quotes, ok = decodeArray(d, (*analysisDecoder).quote); !ok || !d.lit(`}`) || d.i != len(d.s) {
		return an, false
	}
	return an, true
}

// decodeArray reads null (nil) or an array of elements read by each.
func decodeArray[T any](d *analysisDecoder, each func(*analysisDecoder) (T, bool)) ([]T, bool) {
	if d.lit("null") {
		return nil, true
	}
	if !d.lit("[") {
		return nil, false
	}
	out := []T{}
	if d.lit("]") {
		return out, true
	}
	for {
		x, ok := each(d)
		if !ok {
			return nil, false
		}
		out = append(out, x)
		if d.lit("]") {
			return out, true
		}
		if !d.lit(",") {
			return nil, false
		}
	}
}

func (d *analysisDecoder) sentence() (s news.Sentence, ok bool) {
	ok = d.lit(`{"start":`) && d.int(&s.Start) && d.lit(`,"end":`) && d.int(&s.End) &&
		d.lit(`,"paragraph":`) && d.int(&s.Paragraph) && d.lit(`}`)
	return s, ok
}

func (d *analysisDecoder) entity() (e news.Entity, ok bool) {
	var typ string
	if !d.lit(`{"id":`) || !d.int(&e.ID) || !d.lit(`,"type":`) || !d.str(&typ) || !d.lit(`,"name":`) || !d.str(&e.Name) {
		return e, false
	}
	e.Type = news.EntityType(typ)
	if d.lit(`,"aliases":`) {
		if e.Aliases, ok = decodeArray(d, (*analysisDecoder).string); !ok {
			return e, false
		}
	}
	if d.lit(`,"roles":`) {
		if e.Roles, ok = decodeArray(d, (*analysisDecoder).string); !ok {
			return e, false
		}
	}
	if !d.lit(`,"mentions":`) {
		return e, false
	}
	if e.Mentions, ok = decodeArray(d, (*analysisDecoder).mention); !ok {
		return e, false
	}
	return e, d.lit(`}`)
}

func (d *analysisDecoder) mention() (m news.Mention, ok bool) {
	var typ string
	ok = d.lit(`{"start":`) && d.int(&m.Start) && d.lit(`,"end":`) && d.int(&m.End) &&
		d.lit(`,"text":`) && d.str(&m.Text) && d.lit(`,"type":`) && d.str(&typ) && d.lit(`}`)
	m.Type = news.EntityType(typ)
	return m, ok
}

func (d *analysisDecoder) quote() (q news.Quote, ok bool) {
	var kind string
	ok = d.lit(`{"source":`) && d.str(&q.Source) && d.lit(`,"article":`) && d.str(&q.Article) &&
		d.lit(`,"text":`) && d.str(&q.Text) && d.lit(`,"kind":`) && d.str(&kind) &&
		d.lit(`,"speaker":`) && d.str(&q.Speaker) && d.lit(`,"speaker_mention":`) && d.str(&q.SpeakerMention) &&
		d.lit(`,"role":`) && d.str(&q.Role) && d.lit(`,"cue":`) && d.str(&q.Cue) &&
		d.lit(`,"start":`) && d.int(&q.Start) && d.lit(`,"end":`) && d.int(&q.End)
	q.Kind = news.QuoteKind(kind)
	if ok && d.lit(`,"in_title":true`) {
		q.InTitle = true
	}
	return q, ok && d.lit(`}`)
}

// lit consumes t if the input goes on with it.
func (d *analysisDecoder) lit(t string) bool {
	if len(d.s)-d.i >= len(t) && d.s[d.i:d.i+len(t)] == t {
		d.i += len(t)
		return true
	}
	return false
}

// int reads an integer as strconv.AppendInt writes it.
func (d *analysisDecoder) int(dst *int) bool {
	j := d.i
	if j < len(d.s) && d.s[j] == '-' {
		j++
	}
	k := j
	for k < len(d.s) && '0' <= d.s[k] && d.s[k] <= '9' {
		k++
	}
	if k == j || (d.s[j] == '0' && k > j+1) {
		return false
	}
	n, err := strconv.Atoi(d.s[d.i:k])
	if err != nil {
		return false
	}
	*dst, d.i = n, k
	return true
}

func (d *analysisDecoder) string() (string, bool) {
	var s string
	return s, d.str(&s)
}

// str reads a JSON string: a slice of the input when it has no escapes,
// else decoded by jsonstr.Decode (from a copy of the string alone).
// Strings json.Unmarshal would reject or alter (invalid UTF-8, lone
// surrogates) are left to it: appendJSONString never writes them.
func (d *analysisDecoder) str(dst *string) bool {
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		return false
	}
	end, escaped := d.i+1, false
	for ; end < len(d.s) && d.s[end] != '"'; end++ {
		switch c := d.s[end]; {
		case c == '\\':
			escaped = true
			end++ // the escaped byte cannot end the string
		case c < ' ':
			return false
		}
	}
	if end >= len(d.s) {
		return false
	}
	if !escaped {
		s := d.s[d.i+1 : end]
		if !utf8.ValidString(s) {
			return false
		}
		*dst, d.i = s, end+1
		return true
	}
	s, next, ok := jsonstr.Decode([]byte(d.s[d.i:end+1]), 0)
	if !ok || next != end+1-d.i {
		return false
	}
	*dst, d.i = s, end+1
	return true
}
