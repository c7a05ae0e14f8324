package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/source"
)

// BenchmarkHTML extracts the Readability test pages (real news and blog
// pages), in parallel on all cores, and reports pages/s.
func BenchmarkHTML(b *testing.B) {
	dir := eval.Need(b, "extraction/readability")
	pages, _ := filepath.Glob(filepath.Join(dir, "*", "source.html"))
	var docs []news.Document
	var size int64
	for _, p := range pages {
		body, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		size += int64(len(body))
		docs = append(docs, news.Document{Source: p, Format: news.FormatHTML, Body: body})
	}
	b.SetBytes(size / int64(len(docs)))
	var i atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			d := docs[int(i.Add(1))%len(docs)]
			if _, err := extract.Article(d, extract.Options{}); err != nil && d.Source == "" {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkText cleans real article texts as Markdown-ish scraped text
// (the bulk corpus's texts, fed as FormatText) in parallel, articles/s.
func BenchmarkText(b *testing.B) {
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var docs []news.Document
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			b.Fatal(err)
		}
		body := d.Hint.Title + "\n\n" + d.Hint.Text
		docs = append(docs, news.Document{Source: d.Source, Format: news.FormatText, Body: []byte(body)})
		if len(docs) == 5000 {
			break
		}
	}
	var i atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_, _ = extract.Article(docs[int(i.Add(1))%len(docs)], extract.Options{})
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
