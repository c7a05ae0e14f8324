package htmlpage

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

const page = `<!DOCTYPE html><html lang="en-GB"><head>
<title>Ferry strike ends after talks | The Harbour Ledger</title>
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="og:title" content="Ferry strike ends after talks">
<meta name="author" content="https://ledger.example/staff/ana">
<link rel="canonical" href="https://ledger.example/ferry">
<script type="application/ld+json">
<![CDATA[{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Ledger"},
 {"@type":"NewsArticle","headline":"Ferry strike ends after talks","datePublished":"2026-03-03T09:15:00Z",
  "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom Berg"}],"publisher":{"@type":"Organization","name":"The Harbour Ledger"}}]}]]>
</script></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ferry strike ends after talks</h1>
<p class="byline">By Ana Ruiz and Tom Berg, March 3, 2026</p>
<p>The ferry strike ended on Tuesday after eleven hours of talks between the crews' union and the port authority, officials said.</p>
<p>"We are glad it is over," said Mayor Lena Ortiz, who had urged both sides to return to the table. Crews will be back on Wednesday morning.</p>
<p>The union said its members had won a pay rise of 4 percent, while the port authority put the figure at 3.5 percent.</p>
</article><footer>© 2026 The Harbour Ledger. All rights reserved. Subscribe to our newsletter.</footer></body></html>`

func TestExtract(t *testing.T) {
	p, err := Extract([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	want := Page{
		Title: "Ferry strike ends after talks", Byline: "Ana Ruiz and Tom Berg", Published: "2026-03-03T09:15:00Z",
		URL: "https://ledger.example/ferry", SiteName: "The Harbour Ledger", Language: "en",
	}
	text := p.Text
	p.Text = ""
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	for _, must := range []string{"The ferry strike ended on Tuesday", "said Mayor Lena Ortiz", "3.5 percent."} {
		if !contains(text, must) {
			t.Errorf("text lacks %q:\n%s", must, text)
		}
	}
	for _, mustNot := range []string{"All rights reserved", "Home World"} {
		if contains(text, mustNot) {
			t.Errorf("text keeps boilerplate %q", mustNot)
		}
	}
}

func contains(s, sub string) bool { return len(sub) > 0 && len(s) >= len(sub) && indexOf(s, sub) >= 0 }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestFragment(t *testing.T) {
	p, err := Extract([]byte("<p>The bridge reopened on Monday.</p><p>Traffic is back.</p>"), "https://n.example/b")
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != "The bridge reopened on Monday.\n\nTraffic is back." || p.URL != "https://n.example/b" {
		t.Errorf("got %+v", p)
	}
}

func TestCleanByline(t *testing.T) {
	for in, want := range map[string]string{
		"By Jane Doe and John Roe":           "Jane Doe and John Roe",
		"by Lucas Nolan 22 Dec 2016":         "Lucas Nolan",
		"Jane Doe; JANE DOE":                 "Jane Doe",
		"Staff":                              "",
		"Written by Rob Roe | rob@x.example": "Rob Roe",
		"Aleš Vávra před 2 hodinami":         "Aleš Vávra",
		"Daria Litvinova, Updated: Oct 15":   "Daria Litvinova",
		"View all posts by Daniel Roe":       "Daniel Roe",
		"Published by Jane Doe":              "Jane Doe",
		"Rob Roe Edited by Bea Bey":          "Rob Roe",
		"Last Updated: January 7, 2025":      "",
		"Alle Beiträge von Hans Muster":      "Hans Muster",
		"":                                   "",
	} {
		if got := CleanByline(in); got != want {
			t.Errorf("CleanByline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStripSiteName(t *testing.T) {
	for _, c := range []struct {
		title, site, want string
		h2s               []string
	}{
		{"New Zealand - Wikipedia", "", "New Zealand", nil},
		{"Ferry strike ends | The Harbour Ledger", "The Harbour Ledger", "Ferry strike ends", nil},
		{"Ledger: Ferry strike ends", "", "Ledger: Ferry strike ends", nil},
		{"What is Rust - Stack Overflow Blog", "Stack Overflow", "What is Rust", nil},
		{"Jo's Digital Home | Porting a big program to Python 3", "", "Porting a big program to Python 3", []string{"Categories", "Porting a big program to Python 3"}},
		{"Jo's Digital Home | Porting a big program", "", "Jo's Digital Home | Porting a big program", []string{"Categories", "Other heading here"}},
	} {
		if got := stripSiteName(c.title, c.site, nil, c.h2s); got != c.want {
			t.Errorf("stripSiteName(%q, %q) = %q, want %q", c.title, c.site, got, c.want)
		}
	}
}

func FuzzHTMLPage(f *testing.F) {
	f.Add([]byte(page))
	f.Add([]byte(`<script type="application/ld+json">{"@type":["NewsArticle"],"author":{"name":[1,{"name":null}]}}</script><p>x</p>`))
	f.Add([]byte("<html><body><p>unclosed <b><i>tags"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = Extract(b, "http://x.example/")
	})
}

func TestTitle(t *testing.T) {
	for _, c := range []struct{ name, head, body, want string }{
		{"site name as kicker of the <title>, logo heading",
			`<title>Jo's Lab: Open tools for small chips</title><meta property="og:title" content="Open tools for small chips">`,
			`<h1 class="title"><a href="https://jolab.example/">Jo's Lab</a></h1><h3>Open tools for small chips</h3>`,
			"Open tools for small chips"},
		{"kicker that is not the site name stays",
			`<title>Streaming: Stars ask for fair pay</title><meta property="og:title" content="Stars ask for fair pay"><meta property="og:site_name" content="Daily">`,
			`<p>Stars ask for fair pay</p>`,
			"Streaming: Stars ask for fair pay"},
		{"site name inside a longer segment is not the site name",
			`<title>A walk in the hills @ Jo's blog :: Portal ::</title><meta property="og:site_name" content="Jo's blog"><meta property="og:title" content="A walk in the hills @ Jo's blog :: Portal ::">`,
			`<h1>Portal</h1>`,
			"A walk in the hills @ Jo's blog :: Portal ::"},
		{"headline heading with a permalink mark, logo heading first",
			`<title>Shared History — tool docs for Mercury</title>`,
			`<h1><a href="index.html"><span>tool docs for Mercury</span></a></h1><h1>Shared History<a class="headerlink" href="#shared">¶</a></h1>`,
			"Shared History"},
		{"second-level heading cuts a short section and site name",
			`<title>Covering your code | Code | Jo Roe</title>`,
			`<h1><a href="/">Hi, I'm Jo.</a></h1><h2>Covering your code</h2>`,
			"Covering your code"},
		{"second-level heading does not cut half the title",
			`<title>Talks with a cryptid - Chapter 1 - Someone - Fandom | Other Fandom</title>`,
			`<h1><a href="/">Archive</a></h1><h2>Talks with a cryptid</h2>`,
			"Talks with a cryptid - Chapter 1 - Someone - Fandom"},
	} {
		doc, err := html.Parse(strings.NewReader("<html><head>" + c.head + "</head><body>" + c.body + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if got := metadata(doc).Title; got != c.want {
			t.Errorf("%s: title %q, want %q", c.name, got, c.want)
		}
	}
}

func TestPublished(t *testing.T) {
	for _, c := range []struct{ name, head, body, want string }{
		{"JSON-LD datePublished first",
			`<meta property="article:published_time" content="2020-01-03T09:00:00Z"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-02T08:00:00Z"}</script>`,
			``, "2020-01-02T08:00:00Z"},
		{"a declared publication beats JSON-LD dateCreated",
			`<meta property="article:published_time" content="2017-02-23T17:18:13-08:00"><script type="application/ld+json">{"@type":"Article","dateCreated":"2017-02-20T01:00:00Z"}</script>`,
			``, "2017-02-23T17:18:13-08:00"},
		{"JSON-LD dateCreated when nothing else is declared",
			`<script type="application/ld+json">{"@type":"Article","dateCreated":"2017-02-20T01:00:00Z"}</script>`,
			`<p>text</p>`, "2017-02-20T01:00:00Z"},
		{"the publication's <time> beats the first one",
			``, `<header><time datetime="2020-01-19">Sunday, January 19, 2020</time></header><article><time class="entry-date published" datetime="2020-01-17T21:08:00+00:00">January 17</time></article>`,
			"2020-01-17T21:08:00Z"},
		{"a <time> without datetime is read from its text",
			``, `<time>12. Juli 2017</time>`, "2017-07-12"},
		{"an unreadable meta date does not hide the next source",
			`<meta name="date" content="gestern">`, `<time datetime="2019-10-22">22.10.2019</time>`, "2019-10-22"},
	} {
		doc, err := html.Parse(strings.NewReader("<html><head>" + c.head + "</head><body>" + c.body + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if got := metadata(doc).Published; got != c.want {
			t.Errorf("%s: published %q, want %q", c.name, got, c.want)
		}
	}
}

func TestByline(t *testing.T) {
	const article = `<article><h1>Forest peoples protect the climate</h1>%s
<p>Intact forests managed by indigenous peoples store more carbon than forests elsewhere, a study of satellite data over ten years found.</p>
<p>The researchers compared deforestation rates inside and outside community lands in 12 countries and found far lower losses inside them.</p>
<p>Governments should recognise land rights as a climate measure, the authors said, as the cost is low and the benefit large.</p>%s</article>`
	for _, c := range []struct{ name, head, top, bottom, want string }{
		{"the site as its own author yields to the byline element",
			`<meta property="og:site_name" content="Planet Press"><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Planet Press"}}</script>`,
			`<div class="ng-contributors--author">By <span>Michael Roe</span></div>`, ``, "Michael Roe"},
		{"the site as its own author yields to a credit line at the end",
			`<meta property="og:site_name" content="The Planet Press"><meta name="author" content="The Planet Press">`,
			``, `<p><em>Written by: <a href="https://other.example/x">Julie Moll</a></em></p>`, "Julie Moll"},
		{"the site is the byline when no person is named",
			`<meta property="og:site_name" content="Daily News"><meta property="og:article:author" content="Daily News">`,
			``, ``, "Daily News"},
		{"another organisation is a credit",
			`<meta property="og:site_name" content="Daily News"><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Reuters"}}</script>`,
			`<p class="byline">By Jane Doe</p>`, ``, "Reuters"},
		{"a profile link's text",
			``, ``, `<p class="author-bio">A professor. <a href="/author/roe/" rel="author">View all posts by Daniel Roe</a></p>`, "Daniel Roe"},
	} {
		page := "<html><head><title>Forest peoples protect the climate</title>" + c.head + "</head><body>" +
			fmt.Sprintf(article, c.top, c.bottom) + "</body></html>"
		p, err := Extract([]byte(page), "https://planet.example/2020/01/17/forests/")
		if err != nil {
			t.Fatal(err)
		}
		if p.Byline != c.want {
			t.Errorf("%s: byline %q, want %q", c.name, p.Byline, c.want)
		}
	}
}

func TestTextByline(t *testing.T) {
	for text, want := range map[string]string{
		"Para one.\n\nPara two.\n\nWritten by: Julie Moll":           "Julie Moll",
		"By Jane Doe\n\nPara one.":                                   "Jane Doe",
		"Von Hans Peter Muster\n\nText.":                             "Hans Peter Muster",
		"Para one.\n\nThe study was written by researchers in Bonn.": "",
		"By the sea the town grew.\n\nText.":                         "",
		"a\n\nb\n\nc\n\nBy Jane Doe\n\nd\n\ne\n\nf\n\ng":             "",
	} {
		if got := textByline(text); got != want {
			t.Errorf("textByline(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestHostilePages keeps the shapes of page that once took seconds to
// minutes (or would): each must finish (the go test timeout catches a
// hang) and say what a limit cut.
func TestHostilePages(t *testing.T) {
	para := "<p>" + strings.Repeat("The ferry strike ended on Tuesday after talks, officials said. ", 5) + "</p>"
	badLD := `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-03-0309:15:00Z","dateCreated":"2026-03-0309:15:00Z"}</script>`
	for _, c := range []struct {
		name, body, warning string
	}{
		{"JSON-LD scripts with unreadable dates", "<html><head>" + strings.Repeat(badLD, 200) + "</head><body>" + para + "</body></html>", "184 JSON-LD scripts after the first 16 not read"},
		{"20,000 paragraphs (go-trafilatura joins them quadratically)", "<html><body><article>" + para + strings.Repeat("<p>Crews will be back on Wednesday morning.</p>", 20_000) + "</article></body></html>", "18001 paragraphs after the first 2000 dropped"},
		{"paragraph text over the limit", "<html><body><article>" + strings.Repeat("<p>"+strings.Repeat("word ", 30_000)+"</p>", 10) + "</article></body></html>", "6 paragraphs after the first 4 dropped"},
		{"unreadable dates everywhere, no language", "<html><body>" + strings.Repeat(`<time datetime="2026-03-0309:15:00Z">x</time><p class="date">2026-03-0309:15:00Z</p>`+para, 500) + "</body></html>", ""},
		{"nesting deeper than the parser takes", "<html><body>" + strings.Repeat("<div><b>", 20_000) + para + "</body></html>", ""},
	} {
		p, err := Extract([]byte(c.body), "http://x.example/")
		if c.warning == "" {
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if !strings.Contains(strings.Join(p.Warnings, "\n"), c.warning) {
			t.Errorf("%s: warnings %q, want one with %q", c.name, p.Warnings, c.warning)
		}
	}
}
