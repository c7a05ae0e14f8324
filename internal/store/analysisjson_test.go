package store_test

import (
	"bytes"
	"encoding/json"
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
