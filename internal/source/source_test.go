package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"

	"github.com/parallax-news/parallax/internal/news"
)

// result is a comparable summary of one yielded item.
type result struct {
	Source string
	Format news.Format
	Title  string
	URL    string
	Err    string
}

func collect(t *testing.T, o *Opener, args ...string) []result {
	t.Helper()
	var out []result
	for d, err := range o.Documents(context.Background(), args) {
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *source.Error", err)
			}
			out = append(out, result{Source: se.Input, Err: err.Error()})
			continue
		}
		out = append(out, result{Source: d.Source, Format: d.Format, Title: d.Hint.Title, URL: d.Hint.URL})
	}
	return out
}

func TestReadersOnFixtures(t *testing.T) {
	o := &Opener{}
	tests := []struct {
		name string
		arg  string
		want []result
	}{
		{"rss", "testdata/feed.rss", []result{
			{Source: "testdata/feed.rss#1", Format: news.FormatHTML, Title: "Ferry strike ends after talks", URL: "https://harbourledger.example/ferry-strike-ends"},
			{Source: "testdata/feed.rss#2", Format: news.FormatHTML, Title: "Second item", URL: "https://harbourledger.example/second"},
		}},
		{"atom", "testdata/feed.atom", []result{
			{Source: "testdata/feed.atom#1", Format: news.FormatHTML, Title: "Bridge reopens", URL: "https://northstar.example/bridge"},
		}},
		{"html", "testdata/page.html", []result{{Source: "testdata/page.html", Format: news.FormatHTML}}},
		{"text", "testdata/note.txt", []result{{Source: "testdata/note.txt", Format: news.FormatText}}},
		{"jsonl", "testdata/articles.jsonl", []result{
			{Source: "testdata/articles.jsonl#1", Format: news.FormatArticle, Title: "T1"},
			{Source: "testdata/articles.jsonl#3", Format: news.FormatArticle, Title: "T2"},
			{Source: "testdata/articles.jsonl#4", Err: `testdata/articles.jsonl#4: line 4: malformed JSON: field "id": want a string, got JSON number`},
			{Source: "testdata/articles.jsonl#5", Err: "testdata/articles.jsonl#5: line 5: malformed JSON: invalid character 'b' looking for beginning of object key string (at byte 2)"},
			{Source: "testdata/articles.jsonl#6", Err: `testdata/articles.jsonl#6: line 6: record has no "text"`},
			{Source: "testdata/articles.jsonl#7", Format: news.FormatArticle},
		}},
		{"missing", "testdata/nope.txt", []result{{Source: "testdata/nope.txt", Err: "testdata/nope.txt: no such file or directory"}}},
		{"glob", "testdata/feed.*", []result{
			{Source: "testdata/feed.atom#1", Format: news.FormatHTML, Title: "Bridge reopens", URL: "https://northstar.example/bridge"},
			{Source: "testdata/feed.rss#1", Format: news.FormatHTML, Title: "Ferry strike ends after talks", URL: "https://harbourledger.example/ferry-strike-ends"},
			{Source: "testdata/feed.rss#2", Format: news.FormatHTML, Title: "Second item", URL: "https://harbourledger.example/second"},
		}},
		{"glob without match", "testdata/*.nothing", []result{{Source: "testdata/*.nothing", Err: "testdata/*.nothing: no file matches this pattern"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, collect(t, o, tt.arg)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFeedHints(t *testing.T) {
	var got []news.Document
	for d, err := range (&Opener{}).Documents(context.Background(), []string{"testdata/feed.rss"}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, d)
	}
	h := got[0].Hint
	if h.Published != "2026-03-03T09:15:00Z" || h.Byline != "Ana Ruiz" || h.Outlet != "The Harbour Ledger" || h.Language != "en" {
		t.Errorf("hint = %+v", h)
	}
	if !strings.Contains(string(got[0].Body), "<p>The ferry strike ended on Tuesday.</p>") {
		t.Errorf("body = %q", got[0].Body)
	}
}

func write(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func warcRecordBytes(typ, uri, ctype string, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2026-03-03T10:00:00Z\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, uri, ctype, len(block), block)
}

func httpResponse(ctype, body string) string {
	return fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", ctype, len(body), body)
}

func TestBadAndOddInputs(t *testing.T) {
	dir := t.TempDir()
	jsonl := []byte("{\"id\":\"x1\",\"text\":\"One.\"}\n{\"id\":\"x2\",\"text\":\"Two.\"}\n")
	big := bytes.Repeat([]byte("word "), 300)
	cp1251, _ := charmap.Windows1251.NewEncoder().Bytes([]byte("<html><head><meta charset=\"windows-1251\"></head><body><p>Москва</p></body></html>"))
	warc := warcRecordBytes("request", "https://a.example/x", "application/http; msgtype=request", "GET /x HTTP/1.1\r\n\r\n") +
		warcRecordBytes("response", "https://a.example/x", "application/http; msgtype=response", httpResponse("text/html; charset=utf-8", "<html><body><p>Hello</p></body></html>")) +
		warcRecordBytes("response", "https://a.example/logo.png", "application/http; msgtype=response", httpResponse("image/png", "\x89PNG")) +
		warcRecordBytes("response", "https://a.example/y", "application/http; msgtype=response", httpResponse("text/html; charset=windows-1251", string(cp1251)))
	truncated := gz(t, bytes.Repeat(jsonl, 2000))
	truncated = truncated[:len(truncated)/2]
	tests := []struct {
		name  string
		file  string
		data  []byte
		max   int64
		want  []string // per item: source, and for errors the error text
		check func(t *testing.T, docs []news.Document)
	}{
		{name: "empty", file: "empty.txt", data: nil, want: []string{"ERR empty.txt: empty input"}},
		{name: "binary", file: "junk.html", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), want: []string{"ERR junk.html: binary data (image/png), not an article"}},
		{name: "too large", file: "big.txt", data: big, max: 1000, want: []string{"ERR big.txt: too large: larger than the 1000 bytes limit (raise it with --max-size)"}},
		{name: "jsonl line too large", file: "big.jsonl", data: append([]byte(`{"id":"1","text":"`+string(big)+"\"}\n"), jsonl...), max: 1000,
			want: []string{"ERR big.jsonl#1: line 1: too large: record larger than the 1000 bytes limit (raise it with --max-size)", "big.jsonl#2", "big.jsonl#3"}},
		{name: "gzip jsonl detected by content", file: "articles.dat", data: gz(t, jsonl), want: []string{"articles.dat#1", "articles.dat#2"}},
		{name: "truncated gzip keeps records before the cut", file: "cut.jsonl.gz", data: truncated, check: func(t *testing.T, docs []news.Document) {
			if len(docs) < 100 {
				t.Errorf("only %d records before the truncation", len(docs))
			}
		}},
		{name: "warc", file: "crawl.warc.gz", data: gz(t, []byte(warc)), want: []string{"crawl.warc.gz#2", "crawl.warc.gz#4"}, check: func(t *testing.T, docs []news.Document) {
			if docs[0].Hint.URL != "https://a.example/x" || !strings.Contains(string(docs[1].Body), "Москва") {
				t.Errorf("docs = %q / %q", docs[0].Hint.URL, docs[1].Body)
			}
		}},
		{name: "truncated warc", file: "cut.warc", data: []byte(warc[:len(warc)-30]), want: []string{"crawl#2", "crawl#4"}},
		{name: "html in windows-1251", file: "ru.html", data: cp1251, want: []string{"ru.html"}, check: func(t *testing.T, docs []news.Document) {
			if !strings.Contains(string(docs[0].Body), "Москва") {
				t.Errorf("not decoded: %q", docs[0].Body)
			}
		}},
		{name: "latin-1 text", file: "latin.txt", data: []byte("Caf\xe9 society\n\nNa\xefve text."), want: []string{"latin.txt"}, check: func(t *testing.T, docs []news.Document) {
			if string(docs[0].Body) != "Café society\n\nNaïve text." || len(docs[0].Hint.Warnings) != 1 {
				t.Errorf("body %q warnings %q", docs[0].Body, docs[0].Hint.Warnings)
			}
		}},
		{name: "broken feed xml keeps items before the break", file: "feed.xml", data: func() []byte {
			b, _ := os.ReadFile("testdata/feed.rss")
			i := bytes.Index(b, []byte("<title>Second item"))
			return b[:i+20]
		}(), want: []string{"feed.xml#1", "ERR feed.xml: broken feed XML"}},
		{name: "feed with no items", file: "feed.xml", data: []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`), want: []string{"ERR feed.xml: feed has no items"}},
		{name: "json array", file: "a.json", data: []byte(`[{"id":"1","text":"a"},{"id":"2","text":"b"}]`), want: []string{"a.json#1", "a.json#2"}},
		// One junk line near the start of JSON Lines costs that line, not
		// the file (it used to make the whole file "binary data").
		{name: "jsonl with a binary line", file: "j.jsonl", data: append(append([]byte(`{"id":"x1","text":"One."}`+"\n"), "\x00\x01junk\x00\n"...), jsonl[len(`{"id":"x1","text":"One."}`+"\n"):]...),
			want: []string{"j.jsonl#1", "ERR j.jsonl#2: line 2: malformed JSON: invalid character '\\x00' looking for beginning of value (at byte 1)", "j.jsonl#3"}},
		{name: "jsonl lines that are no objects", file: "o.jsonl", data: append([]byte("[1,2]\n\"str\"\n"), jsonl...),
			want: []string{"ERR o.jsonl#1: line 1: malformed JSON: want a JSON object (an article), got JSON array",
				"ERR o.jsonl#2: line 2: malformed JSON: want a JSON object (an article), got JSON string", "o.jsonl#3", "o.jsonl#4"}},
		{name: "jsonl with a bad first line", file: "k.jsonl", data: append([]byte("not json\n"), jsonl...),
			want: []string{"ERR k.jsonl#1: line 1: malformed JSON: invalid character 'o' in literal null (expecting 'u') (at byte 2)", "k.jsonl#2", "k.jsonl#3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, dir, tt.file, tt.data)
			var got []string
			var docs []news.Document
			for d, err := range (&Opener{MaxSize: tt.max}).Documents(context.Background(), []string{p}) {
				if err != nil {
					got = append(got, "ERR "+strings.ReplaceAll(err.Error(), dir+"/", ""))
					continue
				}
				docs = append(docs, d)
				got = append(got, strings.TrimPrefix(d.Source, dir+"/"))
			}
			if tt.want != nil {
				if len(got) != len(tt.want) {
					t.Fatalf("got %q, want %q", got, tt.want)
				}
				for i := range got {
					w := tt.want[i]
					if strings.HasPrefix(w, "crawl#") { // truncated warc: the last record is cut
						w = strings.Replace(w, "crawl", "cut.warc", 1)
						if i == len(got)-1 {
							w = "ERR cut.warc#4: record cut short"
						}
					}
					if !strings.HasPrefix(got[i], w) {
						t.Errorf("item %d = %q, want prefix %q", i, got[i], w)
					}
				}
			}
			if tt.check != nil {
				tt.check(t, docs)
			}
		})
	}
}

func TestDirectoryWalkSkipsDotFilesAndDetectsByContent(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/one.txt", []byte("Title\n\nBody."))
	write(t, dir, "a/.hidden.txt", []byte("Title\n\nBody."))
	write(t, dir, ".git/config", []byte("x"))
	write(t, dir, "b/page", []byte("<!doctype html><html><body><p>x</p></body></html>"))
	write(t, dir, "b/feed", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>i</title><description>d</description></item></channel></rss>`))
	var got []string
	for d, err := range (&Opener{}).Documents(context.Background(), []string{dir}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.TrimPrefix(d.Source, dir+"/")+" "+string(d.Format))
	}
	want := []string{"a/one.txt text", "b/feed#1 html", "b/page html"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestStdin(t *testing.T) {
	o := &Opener{Stdin: strings.NewReader(`{"id":"s1","text":"From stdin."}` + "\n")}
	got := collect(t, o, "-")
	if diff := cmp.Diff([]result{{Source: "-#1", Format: news.FormatArticle}}, got); diff != "" {
		t.Error(diff)
	}
}

func TestEarlyStop(t *testing.T) {
	n := 0
	for range (&Opener{}).Documents(context.Background(), []string{"testdata/feed.rss", "testdata/feed.atom"}) {
		n++
		break
	}
	if n != 1 {
		t.Fatal(n)
	}
}
