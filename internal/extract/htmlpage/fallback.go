package htmlpage

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-shiori/go-readability"
	dps "github.com/markusmobius/go-dateparser"
	distiller "github.com/markusmobius/go-domdistiller"
	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minExtracted is go-trafilatura's MinExtractedSize: below it an
// extraction is too short to trust and the next fallback is tried.
const minExtracted = 250

// mainText runs go-trafilatura on doc, and its fallback extractors only
// on the pages where they could change the result.
func mainText(doc *html.Node, opts trafilatura.Options) (*trafilatura.ExtractResult, error) {
	opts.EnableFallback = false
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || res == nil || rescued(res.ContentNode) {
		// Its own extraction was too short and replaced by its last
		// resort, which the fallbacks must be compared against instead:
		// let the library do it all (rare: 8 of 236 eval pages).
		opts.EnableFallback = true
		var m trafilatura.Metadata
		if res != nil {
			m = res.Metadata
			opts.HtmlDateMode, opts.HtmlDateOptions = trafilatura.Disabled, nil // dated by the first run
		}
		again, err2 := trafilatura.ExtractDocument(doc, opts)
		if err2 != nil || again == nil {
			return res, err
		}
		if res != nil {
			again.Metadata = m
		}
		return again, nil
	}
	if fb := fallback(doc, res, opts.OriginalURL); fb != nil {
		sanitize(fb)
		res.ContentNode = fb
	}
	return res, nil
}

// fallback is the main text a second extractor finds when go-trafilatura's
// own result (res, from ExtractDocument without EnableFallback) could be
// improved by one, and nil otherwise.
//
// go-trafilatura's EnableFallback runs go-readability on every page (a
// third of the extraction time) but takes its result only when it is more
// than twice as long as its own, or when its own is below minExtracted
// characters, has no paragraph text or more tables than paragraphs
// (candidateIsUsable in go-trafilatura's external.go). Readability's
// article is part of the page's body, so when the body text is not twice
// as long as trafilatura's result and the result is well formed, no
// candidate can win and readability is not run. The rule is the library's;
// only the cheap bound that skips it is ours.
func fallback(doc *html.Node, res *trafilatura.ExtractResult, pageURL *url.URL) *html.Node {
	own := 0
	if res != nil {
		own = utf8.RuneCountInString(res.ContentText)
	}
	var paras, tables, pText int
	if res != nil {
		paras, tables, pText = shape(res.ContentNode)
	}
	oddShape := pText == 0 || tables > paras
	if own >= minExtracted {
		body := textLen(findBody(doc), true)
		if 2*own >= body && !(oddShape && body > 2*minExtracted) {
			return nil
		}
	}
	var best *html.Node
	rp := readabilityParser()
	if r, err := rp.ParseDocument(doc, pageURL); err == nil && r.Node != nil {
		if n := textLen(r.Node, false); usable(n, own, oddShape) {
			best, own = r.Node, n
		}
	}
	if own >= minExtracted {
		return best
	}
	clone := cloneTree(doc)
	if r, err := distiller.Apply(clone, &distiller.Options{OriginalURL: pageURL, SkipPagination: true}); err == nil && r != nil && r.Node != nil {
		if n := textLen(r.Node, false); usable(n, own, oddShape) {
			best = r.Node
		}
	}
	return best
}

// usable is go-trafilatura's candidateIsUsable for the balanced focus:
// a candidate of n characters against an extraction of own characters.
func usable(n, own int, oddShape bool) bool {
	switch {
	case n == 0 || n == own:
		return false
	case own == 0:
		return true
	case own > 2*n:
		return false
	case n > 2*own:
		return true
	}
	return oddShape && n > 2*minExtracted
}

func readabilityParser() readability.Parser {
	p := readability.NewParser()
	p.DisableJSONLD = true // we read JSON-LD ourselves
	return p
}

// shape counts the paragraphs and tables of trafilatura's output and the
// characters in its paragraphs.
func shape(n *html.Node) (paras, tables, pText int) {
	if n == nil {
		return 0, 0, 0
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				switch c.Data {
				case "p":
					paras++
					pText += textLen(c, false)
				case "table":
					tables++
				}
			}
			walk(c)
		}
	}
	walk(n)
	return paras, tables, pText
}

// textLen is the length in characters of the text under n, whitespace
// runs counted as one, as go-trafilatura measures extractions. With
// visible, the text of scripts, styles and templates is left out.
func textLen(n *html.Node, visible bool) int {
	if n == nil {
		return 0
	}
	count, space := 0, true
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				for _, r := range c.Data {
					if unicode.IsSpace(r) {
						space = true
						continue
					}
					if space && count > 0 {
						count++
					}
					space = false
					count++
				}
			case html.ElementNode:
				if visible && (c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Template || c.DataAtom == atom.Noscript) {
					continue
				}
				space = true
				walk(c)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return count
}

// cloneTree deep-copies a document (distiller mutates its input).
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	c.Attr = append([]html.Attribute(nil), n.Attr...)
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneTree(k))
	}
	return c
}

// discarded are the elements go-trafilatura removes from a fallback's
// article before using it (tagsToClean and tagsToSanitize in its
// settings.go and external.go).
var discarded = map[string]bool{
	"aside": true, "embed": true, "footer": true, "form": true, "head": true, "iframe": true, "menu": true, "object": true,
	"script": true, "applet": true, "audio": true, "canvas": true, "figure": true, "map": true, "picture": true, "svg": true,
	"video": true, "area": true, "blink": true, "button": true, "datalist": true, "dialog": true, "frame": true,
	"frameset": true, "fieldset": true, "link": true, "input": true, "ins": true, "label": true, "legend": true,
	"marquee": true, "math": true, "menuitem": true, "nav": true, "noscript": true, "optgroup": true, "option": true,
	"output": true, "param": true, "progress": true, "rp": true, "rt": true, "rtc": true, "select": true, "source": true,
	"style": true, "track": true, "textarea": true, "time": true, "use": true, "noindex": true,
}

// sanitize removes what go-trafilatura would not keep of a fallback's
// article.
func sanitize(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && discarded[c.Data] {
			n.RemoveChild(c)
		} else {
			sanitize(c)
		}
		c = next
	}
}

// rescued reports go-trafilatura output shaped like its last resort
// (baseline in its baseline.go): one paragraph holding only text (the
// text of the page's <article> or <body>).
func rescued(n *html.Node) bool {
	if n == nil {
		return true
	}
	p := n.FirstChild
	if p == nil || p.NextSibling != nil || p.Type != html.ElementNode || p.Data != "p" {
		return false
	}
	for k := p.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != html.TextNode {
			return false
		}
	}
	return true
}

// prune removes from a parsed page what no extractor reads once our
// metadata pass is done: comments, styles, SVG drawings and scripts other
// than JSON data (JSON-LD is read by go-trafilatura and go-htmldate).
// Every extractor clones and walks the whole tree, several times: a
// smaller tree is cheaper for all of them.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode,
			c.Type == html.ElementNode && (c.DataAtom == atom.Style || c.DataAtom == atom.Svg),
			c.Type == html.ElementNode && c.DataAtom == atom.Script && !strings.Contains(strings.ToLower(attr(c, "type")), "json"):
			n.RemoveChild(c)
		default:
			prune(c)
		}
		c = next
	}
}

// dateSearch is go-trafilatura's extensive go-htmldate search (its
// default with fallbacks on), with go-dateparser told the page's language
// and English, or English alone when the page declares none: left to
// itself it tries every locale it knows on each date-like string (about a
// second for one of digits alone, "2026-03-0309:15:00Z", as every locale
// applies to it), most of the search's time.
func dateSearch(language string) *htmldate.Options {
	langs := []string{"en"}
	if language != "" && language != "en" {
		langs = []string{language, "en"}
	}
	return &htmldate.Options{
		UseOriginalDate:  true,
		DateParserConfig: &dps.Configuration{PreferredDateSource: dps.Past, StrictParsing: true, Languages: langs},
	}
}
