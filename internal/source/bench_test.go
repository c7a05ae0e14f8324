package source_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/source"
)

// BenchmarkJSONLStream reads all of allsides-37k.jsonl.gz through the
// reader layer and reports articles/s, MB/s and the peak live heap.
func BenchmarkJSONLStream(b *testing.B) {
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var n, bytesIn int
	for b.Loop() {
		n, bytesIn = 0, 0
		for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
			bytesIn += len(d.Hint.Text)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(n)/sec, "articles/s")
	b.ReportMetric(float64(bytesIn)/sec/1e6, "textMB/s")
}

// TestStreamingMemoryIsFlat streams N and 4N synthetic JSONL records and
// checks that the peak heap does not grow with the number of records.
func TestStreamingMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := t.TempDir()
	rec := func(i int) string {
		return fmt.Sprintf(`{"id":"r%d","title":"Record %d","text":%q}`+"\n", i, i, bytes.Repeat([]byte("Some words of text. "), 200))
	}
	peak := func(records int) uint64 {
		p := filepath.Join(dir, fmt.Sprintf("n%d.jsonl", records))
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		for i := range records {
			fmt.Fprint(f, rec(i))
		}
		f.Close()
		runtime.GC()
		var hi uint64
		var ms runtime.MemStats
		i := 0
		for _, err := range (&source.Opener{}).Documents(context.Background(), []string{p}) {
			if err != nil {
				t.Fatal(err)
			}
			if i++; i%500 == 0 {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				hi = max(hi, ms.HeapAlloc)
			}
		}
		return hi
	}
	small, large := peak(2000), peak(8000)
	t.Logf("peak heap: %d KB for 2000 records, %d KB for 8000", small>>10, large>>10)
	if large > small*2 {
		t.Errorf("heap grows with records: %d KB for 2000, %d KB for 8000", small>>10, large>>10)
	}
}
