package extract_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/news"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSeeds pins the extraction of the two founding articles. The golden
// file holds only metadata and paragraph counts/hashes, not the publishers'
// text.
func TestSeeds(t *testing.T) {
	dir := eval.Need(t, "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) != 2 {
		t.Fatalf("want 2 seed files, got %d", len(files))
	}
	type summary struct {
		File, Title, Published, Byline, URL, Outlet, Language string
		// ParagraphHashes pins every paragraph of the clean text without
		// keeping the publishers' words in the repository.
		ParagraphHashes []string
		Warnings        []string
	}
	var got []summary
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.Article(news.Document{Source: f, Format: news.FormatText, Body: b}, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		paras := splitParas(a.Text)
		got = append(got, summary{
			File: filepath.Base(f), Title: a.Title, Published: a.Published, Byline: a.Byline, URL: a.URL,
			Outlet: a.Outlet, Language: a.Language, ParagraphHashes: hashes(paras), Warnings: a.Warnings,
		})
	}
	golden := filepath.Join("testdata", "seeds.golden.json")
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var want []summary
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seeds mismatch (-want +got):\n%s", diff)
	}
}

func splitParas(s string) []string {
	return strings.Split(s, "\n\n")
}

func hashes(paras []string) []string {
	var out []string
	for _, p := range paras {
		h := sha256.Sum256([]byte(p))
		out = append(out, hex.EncodeToString(h[:4]))
	}
	return out
}

func TestArticleFormats(t *testing.T) {
	tests := []struct {
		name string
		doc  news.Document
		want news.Article
		err  string
	}{
		{
			name: "jsonl record normalised",
			doc: news.Document{Source: "a.jsonl#1", Format: news.FormatArticle, Hint: news.Article{
				ID: "x1", URL: "https://www.bbc.co.uk/news/x", Title: " Two  words ", Published: "October 15, 2015",
				Text: "First  para.\r\n\r\n\n\nSecond para.\n",
			}},
			want: news.Article{Source: "a.jsonl#1", ID: "x1", URL: "https://www.bbc.co.uk/news/x", Outlet: "BBC News", Title: "Two words",
				Published: "2015-10-15", Text: "First para.\n\nSecond para."},
		},
		{
			name: "bad date dropped with a warning",
			doc:  news.Document{Source: "b", Format: news.FormatArticle, Hint: news.Article{ID: "b", Outlet: "bbc news", Published: "someday", Text: "Text here."}},
			want: news.Article{Source: "b", ID: "b", Outlet: "BBC News", Text: "Text here.", Warnings: []string{`unreadable date "someday" dropped`}},
		},
		{
			name: "blank id: a content id",
			doc:  news.Document{Source: "d", Format: news.FormatArticle, Hint: news.Article{ID: "   ", Text: "Text here."}},
			want: news.Article{Source: "d", ID: "a91082655486f4c6", Text: "Text here."},
		},
		{
			name: "id with a tab replaced with a warning",
			doc:  news.Document{Source: "e", Format: news.FormatArticle, Hint: news.Article{ID: "a\tb", Text: "Text here."}},
			want: news.Article{Source: "e", ID: "a91082655486f4c6", Text: "Text here.", Warnings: []string{`id "a\tb" holds control characters: replaced by a content id`}},
		},
		{
			name: "control characters dropped",
			doc: news.Document{Source: "g", Format: news.FormatArticle, Hint: news.Article{ID: "g", Title: "Pwned\x1b]0;owned\x07\x1b[2J title",
				Text: "First\x1b[31m para.\n\nSecond\x00 para."}},
			want: news.Article{Source: "g", ID: "g", Title: "Pwned]0;owned[2J title", Text: "First[31m para.\n\nSecond para."},
		},
		{
			name: "no text",
			doc:  news.Document{Source: "c.txt", Format: news.FormatText, Body: []byte("Only a title\n")},
			err:  "c.txt: no article text found",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := extract.Article(tt.doc, extract.Options{})
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Language = got.Language // language has its own tests
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFutureDates: a date more than MaxFuture past the time of reading is
// dropped with a warning; one within it (time zones, embargoes) is kept.
func TestFutureDates(t *testing.T) {
	now := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct{ published, want, warning string }{
		{"2026-03-03", "2026-03-03", ""},
		{"2026-03-05", "2026-03-05", ""},                          // midnight of the 5th: 36 h ahead
		{"2026-03-05T11:00:00+00:00", "2026-03-05T11:00:00Z", ""}, // 47 h ahead
		{"2026-03-05T13:00:00Z", "", `date "2026-03-05T13:00:00Z" is in the future, dropped`},
		{"2050-09-30", "", `date "2050-09-30" is in the future, dropped`},
		{"1999-12-31", "1999-12-31", ""},
	} {
		doc := news.Document{Source: "f.jsonl#1", Format: news.FormatArticle, Hint: news.Article{ID: "f", Published: c.published, Text: "Text here."}}
		got, err := extract.Article(doc, extract.Options{Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		var warning string
		if len(got.Warnings) > 0 {
			warning = got.Warnings[0]
		}
		if got.Published != c.want || warning != c.warning {
			t.Errorf("%q: published %q, warning %q; want %q, %q", c.published, got.Published, warning, c.want, c.warning)
		}
	}
}

func TestHTMLDateAndURL(t *testing.T) {
	const body = `<html><head><title>Montauk</title><meta itemprop="datePublished" content="%s"></head><body><article>
<p>Das vielleicht schönste Ende der Welt liegt am äußersten Zipfel von Long Island, drei Stunden von New York.</p>
<p>Wer im Sommer kommt, findet Strände, Leuchttürme und kleine Fischrestaurants am Hafen.</p></article></body></html>`
	for _, c := range []struct{ declared, url, want string }{
		// Re-dated two years later: the URL keeps the first day.
		{"2019-06-17T18:28:00+0200", "https://blog.example/home/2017/7/12/montauk", "2017-07-12"},
		// Within a day (time zones): the declared time is kept.
		{"2017-07-13T01:10:00+0200", "https://blog.example/home/2017/7/12/montauk", "2017-07-13T01:10:00+02:00"},
		{"2019-06-17T18:28:00+0200", "https://blog.example/home/montauk", "2019-06-17T18:28:00+02:00"},
	} {
		a, err := extract.Article(news.Document{Source: "p.html", Format: news.FormatHTML, Body: []byte(fmt.Sprintf(body, c.declared)),
			Hint: news.Article{URL: c.url}}, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Published != c.want {
			t.Errorf("declared %q at %s: published %q, want %q", c.declared, c.url, a.Published, c.want)
		}
	}
}
