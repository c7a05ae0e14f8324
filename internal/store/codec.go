package store

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"sync"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/text"
)

// gzipWriters are reused: a new flate writer allocates about 1 MB.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// PackAnalysis stores an analysis compactly: sentences are left out (they
// are recomputed from the text, cheaply and identically), the rest is
// gzip-compressed JSON (fastest level: ingest spends its time here, and the
// best level saves only a few percent more).
func PackAnalysis(an news.Analysis) ([]byte, error) {
	an.Sentences = nil
	b, err := json.Marshal(an)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// UnpackAnalysis reverses PackAnalysis, recomputing the sentences of txt.
func UnpackAnalysis(b []byte, txt string) (news.Analysis, error) {
	var an news.Analysis
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return an, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return an, err
	}
	if err := json.Unmarshal(raw, &an); err != nil {
		return an, err
	}
	an.Sentences = text.Sentences(txt)
	return an, nil
}

// Packed returns the item's packed analysis: the one computed off the
// write path (Item.Packed) if set, else packs it now.
func (it Item) Packed() ([]byte, error) {
	if it.PackedAnalysis != nil {
		return it.PackedAnalysis, nil
	}
	return PackAnalysis(it.Article.Analysis)
}
