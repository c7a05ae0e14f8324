package store

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/text"
)

// PackAnalysis stores an analysis compactly: sentences are left out (they
// are recomputed from the text, cheaply and identically), the rest is
// gzip-compressed JSON.
func PackAnalysis(an news.Analysis) ([]byte, error) {
	an.Sentences = nil
	b, err := json.Marshal(an)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
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
