package htmlpage_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract/htmlpage"
)

// BenchmarkExtract extracts the Readability test pages one after the
// other, on one core: the CPU cost of a page, reported as ms/page.
func BenchmarkExtract(b *testing.B) {
	dir := eval.Need(b, "extraction/readability")
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "source.html"))
	var pages [][]byte
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, body)
	}
	b.ResetTimer()
	for i := range b.N {
		_, _ = htmlpage.Extract(pages[i%len(pages)], "")
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
}
