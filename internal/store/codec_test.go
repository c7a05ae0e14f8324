package store_test

import (
	"bytes"
	stdgzip "compress/gzip"
	"context"
	"encoding/json"
	"io"
	"reflect"
	"sync"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
)

var legacyWriters = sync.Pool{New: func() any {
	zw, _ := stdgzip.NewWriterLevel(nil, stdgzip.BestSpeed)
	return zw
}}

// legacyPack is PackAnalysis as first written (compress/gzip at BestSpeed):
// databases hold analyses packed this way, and they must stay readable.
func legacyPack(an news.Analysis) ([]byte, error) {
	an.Sentences = nil
	b, err := json.Marshal(an)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := legacyWriters.Get().(*stdgzip.Writer)
	defer legacyWriters.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// legacyUnpack is UnpackAnalysis as first written.
func legacyUnpack(b []byte, txt string) (news.Analysis, error) {
	var an news.Analysis
	zr, err := stdgzip.NewReader(bytes.NewReader(b))
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

func syntheticArticles() []news.AnalysedArticle {
	txt := "Alice Smith, the mayor, said \"we will build it\". Bob Jones disagreed.\n\nThe <council> & co met on Monday."
	return []news.AnalysedArticle{
		{Article: news.Article{Text: "x"}},
		{Article: news.Article{Text: txt}, Analysis: news.Analysis{
			Sentences: text.Sentences(txt),
			Entities: []news.Entity{
				{ID: 1, Type: news.PER, Name: "Alice Smith", Roles: []string{"mayor"}, Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 11}, Text: "Alice Smith", Type: news.PER}}},
				{ID: 2, Type: news.PER, Name: "Bob Jones", Aliases: []string{}, Mentions: []news.Mention{}},
				{ID: 3, Type: news.ORG, Name: "<council> & \u2028co\u00e9"},
			},
			Quotes: []news.Quote{{Text: "we will build it", Kind: news.Direct, Speaker: "Alice Smith", Start: 29, End: 45, InTitle: true}},
		}},
		{Article: news.Article{Text: "y"}, Analysis: news.Analysis{Entities: []news.Entity{}, Quotes: []news.Quote{}}},
	}
}

var (
	realOnce sync.Once
	realArts []news.AnalysedArticle
	realErr  error
)

// realArticles analyses the first 500 articles of allsides-37k.
func realArticles(tb testing.TB) []news.AnalysedArticle {
	path := eval.Need(tb, "bulk/allsides-37k.jsonl.gz")
	realOnce.Do(func() {
		an, err := pipeline.NewAnalyser()
		if err != nil {
			realErr = err
			return
		}
		for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
			if err != nil {
				continue
			}
			realArts = append(realArts, an.Analyse(d.Hint))
			if len(realArts) == 500 {
				break
			}
		}
	})
	if realErr != nil {
		tb.Fatal(realErr)
	}
	return realArts
}

func checkRoundTrip(t *testing.T, arts []news.AnalysedArticle) {
	t.Helper()
	for i, aa := range arts {
		packed, err := store.PackAnalysis(aa.Analysis)
		if err != nil {
			t.Fatal(err)
		}
		got, err := store.UnpackAnalysis(packed, aa.Text)
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		oldPacked, err := legacyPack(aa.Analysis)
		if err != nil {
			t.Fatal(err)
		}
		want, err := legacyUnpack(oldPacked, aa.Text)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("article %d: Unpack(Pack(x)) differs from the legacy round trip:\n got %#v\nwant %#v", i, got, want)
		}
		// Old (gzip) data stays readable.
		fromOld, err := store.UnpackAnalysis(oldPacked, aa.Text)
		if err != nil || !reflect.DeepEqual(fromOld, want) {
			t.Fatalf("article %d: legacy data: err %v, got %#v", i, err, fromOld)
		}
	}
}

func TestPackRoundTrip(t *testing.T) {
	checkRoundTrip(t, syntheticArticles())
}

func TestPackRoundTripReal(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	checkRoundTrip(t, realArticles(t))
}

func TestUnpackErrors(t *testing.T) {
	good, err := store.PackAnalysis(syntheticArticles()[1].Analysis)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x20 // a literal byte of the JSON: it still decodes, to other JSON
	oldGood, err := legacyPack(syntheticArticles()[1].Analysis)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"empty":          nil,
		"not packed":     []byte(`{"entities":null}`),
		"truncated":      good[:len(good)-5],
		"bad checksum":   append(append([]byte{}, good[:len(good)-4]...), 0, 0, 0, 0),
		"flipped byte":   flipped,
		"format byte":    {0x02},
		"huge length":    {0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0, 0, 0, 0},
		"gzip truncated": oldGood[:len(oldGood)-5],
		"gzip corrupt":   append(append([]byte{}, oldGood[:len(oldGood)-4]...), 0, 0, 0, 0),
	} {
		if _, err := store.UnpackAnalysis(b, "x"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A failure leaves no state behind for the next call.
	if _, err := store.UnpackAnalysis(good, "x"); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkPackAnalysis(b *testing.B) {
	arts := realArticles(b)
	for name, pack := range map[string]func(news.Analysis) ([]byte, error){"new": store.PackAnalysis, "legacy": legacyPack} {
		b.Run(name, func(b *testing.B) {
			size := 0
			for b.Loop() {
				size = 0
				for _, aa := range arts {
					p, err := pack(aa.Analysis)
					if err != nil {
						b.Fatal(err)
					}
					size += len(p)
				}
			}
			b.ReportMetric(float64(size)/float64(len(arts)), "B/article")
		})
	}
}

func BenchmarkUnpackAnalysis(b *testing.B) {
	arts := realArticles(b)
	for _, c := range []struct {
		name   string
		pack   func(news.Analysis) ([]byte, error)
		unpack func([]byte, string) (news.Analysis, error)
	}{
		{"new", store.PackAnalysis, store.UnpackAnalysis},
		{"gzip-data", legacyPack, store.UnpackAnalysis},
		{"legacy", legacyPack, legacyUnpack},
	} {
		packed := make([][]byte, len(arts))
		for i, aa := range arts {
			var err error
			if packed[i], err = c.pack(aa.Analysis); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for i, aa := range arts {
					if _, err := c.unpack(packed[i], aa.Text); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// FuzzUnpackAnalysis feeds UnpackAnalysis arbitrary bytes: it returns an
// error or an analysis, never panics, and what it accepts in the S2 form
// is exactly what PackAnalysis writes for that analysis.
func FuzzUnpackAnalysis(f *testing.F) {
	for _, aa := range syntheticArticles() {
		p, err := store.PackAnalysis(aa.Analysis)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(p)
		if p, err = legacyPack(aa.Analysis); err != nil {
			f.Fatal(err)
		}
		f.Add(p)
	}
	f.Add([]byte{0x02, 0x00, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		an, err := store.UnpackAnalysis(b, "x")
		if err != nil || len(b) == 0 || b[0] != 0x02 {
			return
		}
		again, err := store.PackAnalysis(an)
		if err != nil {
			t.Fatal(err)
		}
		back, err := store.UnpackAnalysis(again, "x")
		if err != nil || !reflect.DeepEqual(back, an) {
			t.Fatalf("accepted analysis does not round-trip: %v", err)
		}
	})
}
