package htmlpage

import (
	"bytes"
	"strings"
	"testing"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

func parse(t testing.TB, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestTextLen(t *testing.T) {
	for _, tc := range []struct {
		in      string
		visible bool
		want    int
	}{
		{"<p>a b</p>", false, 3},
		{"<p>  a \n\t b  </p>", false, 3},
		{"<p>ab</p><p>cd</p>", false, 5},
		{"<p>ab<script>var x = 1;</script></p>", true, 2},
		{"<p>ab<style>p{}</style>cd</p>", true, 4},
		{"<p>é ü</p>", false, 3},
	} {
		if got := textLen(findBody(parse(t, tc.in)), tc.visible); got != tc.want {
			t.Errorf("textLen(%q, %v) = %d, want %d", tc.in, tc.visible, got, tc.want)
		}
	}
}

// TestUsable mirrors go-trafilatura's candidateIsUsable (balanced focus).
func TestUsable(t *testing.T) {
	for _, tc := range []struct {
		n, own int
		odd    bool
		want   bool
	}{
		{0, 100, false, false},
		{100, 100, false, false},
		{100, 0, false, true},
		{100, 201, false, false},
		{201, 100, false, true},
		{1500, 1000, false, false},
		{1500, 1000, true, true},
		{400, 300, true, false}, // borderline, but too short to trust
	} {
		if got := usable(tc.n, tc.own, tc.odd); got != tc.want {
			t.Errorf("usable(%d, %d, %v) = %v, want %v", tc.n, tc.own, tc.odd, got, tc.want)
		}
	}
}

func TestRescued(t *testing.T) {
	for in, want := range map[string]bool{
		"<body><p>all the text of the page</p></body>": true,
		"<body><p>one</p><p>two</p></body>":            false,
		"<body><p>one <hi>bold</hi></p></body>":        false,
		"<body><head>Title</head><p>text</p></body>":   false,
		"<body><list><item>x</item></list></body>":     false,
	} {
		if got := rescued(findBody(parse(t, in))); got != want {
			t.Errorf("rescued(%q) = %v, want %v", in, got, want)
		}
	}
	if !rescued(nil) {
		t.Error("rescued(nil) = false: no result must be treated as a rescue")
	}
}

func TestPrune(t *testing.T) {
	doc := parse(t, `<html><head><style>p{}</style><script>var a;</script>
<script type="application/ld+json">{"@type":"NewsArticle"}</script></head>
<body><!-- ad --><p>Text<svg><title>icon</title></svg></p></body></html>`)
	prune(doc)
	var buf bytes.Buffer
	if err := html.Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, gone := range []string{"<style", "var a", "<!--", "<svg", "icon"} {
		if strings.Contains(got, gone) {
			t.Errorf("prune kept %q: %s", gone, got)
		}
	}
	for _, kept := range []string{"ld+json", "NewsArticle", "<p>Text</p>"} {
		if !strings.Contains(got, kept) {
			t.Errorf("prune dropped %q: %s", kept, got)
		}
	}
}

// TestFallbackSkipped checks that readability is not consulted when
// trafilatura's result is well formed and at least half the body text.
func TestFallbackSkipped(t *testing.T) {
	doc := parse(t, page)
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{HtmlDateMode: trafilatura.Disabled})
	if err != nil {
		t.Fatal(err)
	}
	own := len([]rune(res.ContentText))
	if body := textLen(findBody(doc), true); 2*own < body {
		t.Fatalf("test page: body %d characters, extraction %d: not a page the bound skips", body, own)
	}
	if fb := fallback(doc, res, nil); fb != nil {
		t.Errorf("fallback ran on a page its result cannot beat")
	}
}

// BenchmarkFallbackBound is the cost of deciding whether the fallbacks
// can change a page's result (the body text walk and the result's shape),
// paid on every page.
func BenchmarkFallbackBound(b *testing.B) {
	doc := parse(b, strings.Repeat(page, 20))
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{HtmlDateMode: trafilatura.Disabled})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		textLen(findBody(doc), true)
		shape(res.ContentNode)
	}
}
