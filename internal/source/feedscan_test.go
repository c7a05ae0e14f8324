package source

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/parallax-news/parallax/internal/news"
)

const (
	rssItem   = "<item><title>x</title><description>d</description></item>"
	atomEntry = "<entry><title>x</title><content>c</content></entry>"
)

func namespaces(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ` xmlns:p%d="u%d"`, i, i)
	}
	return b.String()
}

// readFeedAll runs readFeed on b and returns the documents and errors.
func readFeedAll(b []byte) (docs []news.Document, errs []error) {
	(&Opener{}).readFeed("in.xml", b, func(d news.Document, err error) bool {
		if err != nil {
			errs = append(errs, err)
		} else {
			docs = append(docs, d)
		}
		return true
	})
	return docs, errs
}

// TestHostileFeeds keeps the feeds that stalled gofeed or killed the
// process: each must be cut at the limit it crosses, the items before it
// read, and an error naming the input returned. The sizes are those that
// took seconds to minutes (or overflowed the stack) before the pre-scan.
func TestHostileFeeds(t *testing.T) {
	utf16 := func(s string) string {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name  string
		feed  string
		items int // items read before the cut
	}{
		// goxpp copies every binding in scope at each element: 4000 x 4000 took 9 s.
		{"namespaces x elements", `<rss><channel` + namespaces(4000) + `><title>T</title>` + strings.Repeat(rssItem, 4000) + `</channel></rss>`, 0},
		// the same, declared after some items.
		{"namespaces late", `<rss><channel>` + strings.Repeat(rssItem, 3) + `<item` + namespaces(100) + `>` + strings.Repeat("<title>x</title>", 1000) + `</item></channel></rss>`, 3},
		// one recursion per level in gofeed: 3M levels (33 MB) overflowed the 1 GB stack.
		{"nesting 3M deep", `<rss><channel>` + rssItem + `<item><x:y xmlns:x="u">` + strings.Repeat("<x:y>", 3_000_000) + strings.Repeat("</x:y>", 3_000_000) + `</x:y></item></channel></rss>`, 1},
		// each relative xml:base resolves against a parent that grows: 20000 levels took 10 s.
		{"xml:base nested", `<feed xmlns="http://www.w3.org/2005/Atom">` + atomEntry + `<entry>` + strings.Repeat(`<x xml:base="`+strings.Repeat("a", 10000)+`/">`, 999) + `</entry></feed>`, 1},
		// a long base copied into every sibling's resolved base.
		{"xml:base siblings", `<feed xmlns="http://www.w3.org/2005/Atom">` + atomEntry + `<entry xml:base="http://a.example/` + strings.Repeat("a", 1<<20) + `/">` + strings.Repeat(`<link xml:base="b" href="c"/>`, 4000) + `</entry></feed>`, 1},
		// base under another prefix bound to the XML namespace.
		{"xml:base other prefix", `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:q="http://www.w3.org/XML/1998/namespace">` + atomEntry + `<entry>` + strings.Repeat(`<x q:base="`+strings.Repeat("a", 10000)+`/">`, 999) + `</entry></feed>`, 1},
		// encoding/xml stacks a decoder per encoding declaration: 8000 took 6 s.
		{"repeated encoding declarations", `<rss><channel>` + rssItem + strings.Repeat(`<?xml version="1.0" encoding="windows-1252"?>`, 8000) + strings.Repeat(rssItem, 8000) + `</channel></rss>`, 1},
		// the namespaces hidden from a byte scan in UTF-16 after an ASCII declaration.
		{"namespaces in UTF-16", `<?xml version="1.0" encoding="utf-16le"?>` + utf16(`<rss><channel`+namespaces(4000)+`><title>T</title>`+strings.Repeat(rssItem, 4000)+`</channel></rss>`), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := readFeedAll([]byte(tt.feed))
			if len(docs) != tt.items {
				t.Errorf("read %d items, want %d (errors %.300v)", len(docs), tt.items, errs)
			}
			if len(errs) != 1 || !errors.Is(errs[0], ErrTooComplex) || !strings.HasPrefix(errs[0].Error(), "in.xml: ") {
				t.Fatalf("errors %v, want one ErrTooComplex naming in.xml", errs)
			}
		})
	}
}

// TestFeedScanKeepsRealFeeds checks shapes real feeds have pass the scan.
func TestFeedScanKeepsRealFeeds(t *testing.T) {
	latin1, err := charmap.Windows1252.NewEncoder().String(`<?xml version="1.0" encoding="windows-1252"?><rss><channel><item><title>Café</title><description>d</description></item></channel></rss>`)
	if err != nil {
		t.Fatal(err)
	}
	xhtml := `<entry><title>x</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>c</p></div></content></entry>`
	tests := []struct {
		name, feed string
		items      int
		title      string
	}{
		{"namespace redeclared per entry", `<feed xmlns="http://www.w3.org/2005/Atom"` + namespaces(20) + ` xml:base="http://a.example/">` + strings.Repeat(xhtml, 5000) + `</feed>`, 5000, "x"},
		{"windows-1252", latin1, 1, "Café"},
		{"CDATA with unclosed tags", `<rss><channel>` + strings.Repeat(`<item><title>x</title><description><![CDATA[<p>a<br>b<img src="i">]]></description></item>`, 3000) + `</channel></rss>`, 3000, "x"},
		{"comments and doctype", `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE rss [<!ENTITY e "x">]><!-- <a><a> --><rss version="2.0"><channel>` + strings.Repeat(`<item><title>x</title><description>a &lt;b&gt; <![CDATA[<a>]]></description><x a="1 > 0"/></item>`, 1200) + `</channel></rss>`, 1200, "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := readFeedAll([]byte(tt.feed))
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(docs) != tt.items || docs[0].Hint.Title != tt.title {
				t.Fatalf("read %d items (first %q), want %d (%q)", len(docs), docs[0].Hint.Title, tt.items, tt.title)
			}
		})
	}
}
