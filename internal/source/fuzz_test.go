package source

import (
	"context"
	"os"
	"testing"
)

// fuzzRead runs the whole reader layer on data named name and checks it
// neither panics nor yields a document without a source.
func fuzzRead(t *testing.T, name string, data []byte) {
	o := &Opener{MaxSize: 1 << 20}
	for d, err := range o.Documents(context.Background(), []string{writeFuzz(t, name, data)}) {
		if err == nil && d.Source == "" {
			t.Fatal("document without a source")
		}
	}
}

func writeFuzz(t *testing.T, name string, data []byte) string {
	p := t.TempDir() + "/" + name
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
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
