package store

import (
	"bytes"
	"encoding/json"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/text"
)

// The format is standard gzip (RFC 1952) of the JSON of the analysis.
// klauspost/compress/gzip writes and reads the same format as compress/gzip,
// only faster, so data packed by either decodes with either.

// gzipWriters are reused: a new flate writer allocates about 1 MB.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// jsonBufs hold an analysis's JSON while it is compressed.
var jsonBufs = sync.Pool{New: func() any { return new([]byte) }}

// gzipReaders are reused: a reader holds a large decompression window.
var gzipReaders sync.Pool

// unpackBufs hold decompressed JSON between calls to UnpackAnalysis.
var unpackBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// PackAnalysis stores an analysis compactly: sentences are left out (they
// are recomputed from the text, cheaply and identically), the rest is
// gzip-compressed JSON (fastest level: ingest spends its time here, and the
// best level saves only a few percent more).
func PackAnalysis(an news.Analysis) ([]byte, error) {
	an.Sentences = nil
	jb := jsonBufs.Get().(*[]byte)
	b := appendAnalysisJSON((*jb)[:0], an)
	defer func() {
		if cap(b) <= 1<<20 {
			*jb = b
			jsonBufs.Put(jb)
		}
	}()
	// The output is returned to the caller, so it is not pooled; JSON of an
	// analysis compresses about 4:1, so this is usually its final size.
	buf := bytes.NewBuffer(make([]byte, 0, len(b)/3+64))
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(buf)
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
	br := bytes.NewReader(b)
	var zr *gzip.Reader
	if v := gzipReaders.Get(); v != nil {
		zr = v.(*gzip.Reader)
		if err := zr.Reset(br); err != nil {
			return an, err
		}
	} else {
		var err error
		if zr, err = gzip.NewReader(br); err != nil {
			return an, err
		}
	}
	raw := unpackBufs.Get().(*bytes.Buffer)
	raw.Reset()
	_, err := raw.ReadFrom(zr)
	gzipReaders.Put(zr)
	if err == nil {
		err = json.Unmarshal(raw.Bytes(), &an)
	}
	if raw.Cap() <= 1<<20 {
		unpackBufs.Put(raw)
	}
	if err != nil {
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
