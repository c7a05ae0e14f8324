package source_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/source"
)

// checkDecodeArticle checks that decodeArticle, when it decodes b, gives
// what json.Unmarshal gives; want says whether it should decode it.
func checkDecodeArticle(t *testing.T, b []byte) bool {
	t.Helper()
	var got news.ArticleJSON
	if !source.DecodeArticle(b, &got) {
		return false
	}
	var want news.ArticleJSON
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("decodeArticle(%q) decoded what json.Unmarshal rejects: %v", b, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("decodeArticle(%q) (-json.Unmarshal +decodeArticle):\n%s", b, diff)
	}
	return true
}

func TestDecodeArticle(t *testing.T) {
	tests := []struct {
		in     string
		decode bool // false: left to json.Unmarshal
	}{
		{`{}`, true},
		{` { } `, true},
		{`{"id":"a","text":"x"}`, true},
		{"{\"id\" : \"a\" ,\n\t\"text\":\r\"x\"}\n", true},
		{`{"id":"a","byline":null,"text":"x"}`, true},
		{`{"id":"a","id":"b","text":"x","text":null}`, true},
		{`{"extra":"ignored","n":null,"text":"x"}`, true},
		{`{"text":"esc \" \\ \/ \b \f \n \r \t \u00e9 \u2028 \ud83d\ude00 end"}`, true},
		{`{"text":"utf-8 é “curly” 😀"}`, true},
		{`{"text":"\uFFFD"}`, true},
		{`{"Text":"x"}`, false},
		{`{"TEXT":"x"}`, false},
		{`{"warnings":["w"],"text":"x"}`, false},
		{`{"t\u0065xt":"x"}`, false},
		{`{"tëxt":"x"}`, false},
		{`{"text":1}`, false},
		{`{"extra":1,"text":"x"}`, false},
		{`{"extra":{},"text":"x"}`, false},
		{`{"text":"lone \ud83d surrogate"}`, false},
		{`{"text":"low \ude00 first"}`, false},
		{`{"text":"bad \x escape"}`, false},
		{`{"text":"bad \' escape"}`, false},
		{"{\"text\":\"tab\tinside\"}", false},
		{"{\"text\":\"bad \xff utf-8\"}", false},
		{`{"text":"x"} trailing`, false},
		{`{"text":"x",}`, false},
		{`{"text":"x"`, false},
		{`{"text":"x`, false},
		{`{"text" "x"}`, false},
		{`[{"text":"x"}]`, false},
		{`{"text":nul}`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := checkDecodeArticle(t, []byte(tt.in)); got != tt.decode {
			t.Errorf("decodeArticle(%q) = %v, want %v", tt.in, got, tt.decode)
		}
	}
}

// TestDecodeArticleReal checks decodeArticle on real records, and that
// it decodes nearly all of them.
func TestDecodeArticleReal(t *testing.T) {
	path := eval.Need(t, "bulk/allsides-37k.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<26)
	n, fast := 0, 0
	for sc.Scan() && n < 5000 {
		n++
		if checkDecodeArticle(t, sc.Bytes()) {
			fast++
		}
	}
	if fast < n*99/100 {
		t.Errorf("decoded %d of %d records, want nearly all", fast, n)
	}
}

func FuzzDecodeArticle(f *testing.F) {
	f.Add([]byte(`{"id":"a","byline":null,"text":"x \u00e9 \ud83d\ude00 \n","extra":"y"}`))
	f.Add([]byte(`{"Text":1,"warnings":["w"]}`))
	f.Fuzz(func(t *testing.T, b []byte) { checkDecodeArticle(t, b) })
}
