package source

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/parallax-news/parallax/internal/news"
)

// fuzzRead runs the reader layer on data named name and checks it neither
// panics nor yields a document without a source. The data is read from
// memory, not a temp file: a file per exec costs more than most parses and
// made the fuzzer's minimisation crawl. Directory and glob expansion have
// their own tests.
func fuzzRead(t *testing.T, name string, data []byte) {
	o := &Opener{MaxSize: 1 << 20}
	o.Read(context.Background(), NamedReader(name, bytes.NewReader(data)), func(d news.Document, err error) bool {
		if err == nil && d.Source == "" {
			t.Fatal("document without a source")
		}
		return true
	})
}

func seedFiles(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzJSONL(f *testing.F) {
	seedFiles(f, "articles.jsonl")
	f.Add([]byte(`{"id":null,"text":"x","title":1}` + "\n{\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "in.jsonl", data) })
}

func FuzzFeed(f *testing.F) {
	seedFiles(f, "feed.rss", "feed.atom")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "in.xml", data) })
}

func FuzzWARC(f *testing.F) {
	f.Add([]byte(warcRecordBytes("response", "https://a.example/", "application/http; msgtype=response", httpResponse("text/html", "<p>x</p>"))))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "in.warc", data) })
}

func FuzzDetect(f *testing.F) {
	seedFiles(f, "page.html", "note.txt", "feed.rss")
	f.Add([]byte{0x1f, 0x8b, 0x08, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "in", data) })
}
