package store_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
)

// checkAnalysisJSON checks that AppendAnalysisJSON writes what
// json.Marshal writes.
func checkAnalysisJSON(t *testing.T, an news.Analysis) {
	t.Helper()
	want, err := json.Marshal(an)
	if err != nil {
		t.Fatal(err)
	}
	if got := store.AppendAnalysisJSON([]byte("prefix"), an); !bytes.Equal(got, append([]byte("prefix"), want...)) {
		t.Fatalf("AppendAnalysisJSON:\n%s\njson.Marshal:\n%s", got[len("prefix"):], want)
	}
	checkDecode(t, want)
	if !store.DecodesFast(want) {
		t.Fatalf("DecodeAnalysisJSON leaves what json.Marshal writes to json.Unmarshal:\n%s", want)
	}
}

// checkDecode checks that DecodeAnalysisJSON decodes b as json.Unmarshal
// does: the same analysis, or an error where it errs.
func checkDecode(t *testing.T, b []byte) {
	t.Helper()
	var want news.Analysis
	wantErr := json.Unmarshal(b, &want)
	got, err := store.DecodeAnalysisJSON(b)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("DecodeAnalysisJSON(%q): error %v, json.Unmarshal's %v", b, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("DecodeAnalysisJSON(%q):\n got %#v\nwant %#v", b, got, want)
	}
}

// TestDecodeAnalysisJSONOther checks inputs in other layouts than the
// one written, and broken ones: they decode as json.Unmarshal decodes them.
func TestDecodeAnalysisJSONOther(t *testing.T) {
	for _, s := range []string{
		``, `null`, `{}`, `[]`, `{"sentences":null,"entities":null,"quotes":null}`,
		`{"sentences":null,"entities":null,"quotes":null} `,
		`{"quotes":[],"entities":[],"sentences":[]}`,
		`{ "sentences" : null , "entities" : [ ] , "quotes" : null }`,
		`{"sentences":null,"entities":[{"id":1,"type":"PER","name":"A","aliases":[],"roles":null,"mentions":null}],"quotes":null}`,
		`{"sentences":null,"entities":[{"id":01,"type":"PER","name":"A","mentions":null}],"quotes":null}`,
		`{"sentences":null,"entities":[{"id":-0,"type":"PER","name":"A","mentions":null}],"quotes":null}`,
		`{"sentences":null,"entities":[{"id":99999999999999999999,"type":"PER","name":"A","mentions":null}],"quotes":null}`,
		`{"sentences":null,"entities":[{"id":1.5,"type":"PER","name":"A","mentions":null}],"quotes":null}`,
		`{"sentences":null,"entities":[{"id":1,"type":"PER","name":"\ud83d\ude00 \ud800 \u00e9\/\"","mentions":null}],"quotes":null}`,
		"{\"sentences\":null,\"entities\":[{\"id\":1,\"type\":\"PER\",\"name\":\"bad \xff utf8\",\"mentions\":null}],\"quotes\":null}",
		`{"sentences":null,"entities":null,"quotes":[{"source":"","article":"","text":"x","kind":"direct","speaker":"","speaker_mention":"","role":"","cue":"","start":1,"end":2,"in_title":false}]}`,
		`{"sentences":null,"entities":null,"quotes":[{"source":"","article":"","text":"x","kind":"direct","speaker":"","speaker_mention":"","role":"","cue":"","start":1,"end":2,"in_title":true}]}`,
		`{"sentences":null,"entities":null,"quotes":[{"source":"","article":"","text":"x\u0001\t","kind":"direct","speaker":"","speaker_mention":"","role":"","cue":"","start":1,"end":2}]`,
		`{"Sentences":null,"entities":null,"quotes":null}`,
		`{"sentences":[{"start":1,"end":2,"paragraph":0}],"entities":null,"quotes":null}`,
	} {
		checkDecode(t, []byte(s))
	}
}

func TestAnalysisJSON(t *testing.T) {
	for _, an := range []news.Analysis{
		{},
		{Sentences: []news.Sentence{}, Entities: []news.Entity{}, Quotes: []news.Quote{}},
		{Sentences: []news.Sentence{{Span: news.Span{Start: 0, End: 5}}, {Span: news.Span{Start: 6, End: -1}, Paragraph: 3}}},
		{Entities: []news.Entity{
			{ID: 0, Type: news.PER, Name: "Vladimir Putin", Aliases: []string{"Putin"}, Roles: []string{"President"},
				Mentions: []news.Mention{{Span: news.Span{Start: 10, End: 24}, Text: "Vladimir Putin", Type: news.PER}}},
			{ID: 1, Type: news.ORG, Name: "AT&T <Corp>", Aliases: []string{}, Roles: nil, Mentions: []news.Mention{}},
			{ID: 2, Type: "", Name: ""},
		}},
		{Quotes: []news.Quote{
			{Source: "a.jsonl#1", Article: "x1", Text: "\"We will go,\"\n\ttab", Kind: news.Direct, Speaker: "Putin",
				SpeakerMention: "he", Role: "President", Cue: "said", Start: 3, End: 9},
			{Text: "in the headline", Kind: news.Partial, InTitle: true},
			{},
		}},
		{Entities: []news.Entity{{Name: "controls \x00\x01\b\f\r\x1f\x7f, \u2028 \u2029 \ufffd, bad \xff\xfe UTF-8 \xe2\x80, é 😀"}}},
	} {
		checkAnalysisJSON(t, an)
	}
}

// TestAnalysisJSONReal checks real analyses, with and without sentences.
func TestAnalysisJSONReal(t *testing.T) {
	for _, aa := range realArticles(t) {
		checkAnalysisJSON(t, aa.Analysis)
		an := aa.Analysis
		an.Sentences = nil
		checkAnalysisJSON(t, an)
	}
}

func FuzzAnalysisJSON(f *testing.F) {
	f.Add("Putin", "\"quoted\"\n<b>&</b>", "\xff\u2028", 3, true)
	f.Add(`\ud83d`, "é😀", "\x00", -1, false)
	f.Fuzz(func(t *testing.T, a, b, c string, n int, inTitle bool) {
		checkAnalysisJSON(t, news.Analysis{
			Sentences: []news.Sentence{{Span: news.Span{Start: n, End: -n}, Paragraph: n}},
			Entities: []news.Entity{{ID: n, Type: news.EntityType(a), Name: b, Aliases: []string{c, a}, Roles: []string{b},
				Mentions: []news.Mention{{Span: news.Span{Start: n, End: n + 1}, Text: c, Type: news.EntityType(b)}}}},
			Quotes: []news.Quote{{Source: a, Article: b, Text: c, Kind: news.QuoteKind(a), Speaker: b, SpeakerMention: c,
				Role: a, Cue: b, Start: n, End: -n, InTitle: inTitle}},
		})
	})
}

// FuzzDecodeAnalysisJSON feeds DecodeAnalysisJSON arbitrary bytes: it
// decodes them as json.Unmarshal does.
func FuzzDecodeAnalysisJSON(f *testing.F) {
	f.Add([]byte(`{"sentences":null,"entities":[{"id":1,"type":"PER","name":"A\u003cb","aliases":["x"],"mentions":[{"start":0,"end":1,"text":"A","type":"PER"}]}],"quotes":[{"source":"","article":"","text":"x","kind":"direct","speaker":"","speaker_mention":"","role":"","cue":"","start":1,"end":2,"in_title":true}]}`))
	f.Add([]byte(`{"sentences":[{"start":1,"end":-2,"paragraph":0}],"entities":[],"quotes":null}`))
	f.Fuzz(func(t *testing.T, b []byte) { checkDecode(t, b) })
}
