package text_test

import (
	"context"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/text"
)

// BenchmarkSentences splits 2,000 real article texts into sentences and
// tokens, and reports articles/s.
func BenchmarkSentences(b *testing.B) {
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var texts []string
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			b.Fatal(err)
		}
		if texts = append(texts, d.Hint.Text); len(texts) == 2000 {
			break
		}
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, t := range texts {
			for _, s := range text.Sentences(t) {
				_ = text.Tokens(nil, t[s.Start:s.End])
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
