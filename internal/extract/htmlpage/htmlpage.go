package htmlpage

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is what an HTML page says about its article.
type Page struct {
	Title  string
	Byline string
	// Published is the date the page declares, normalised by
	// dates.Normalize (RFC 3339, or YYYY-MM-DD when only the day is known).
	Published string
	URL       string
	SiteName  string
	Language  string
	Text      string
	// Warnings says what a limit cut from the page (see maxLDScripts,
	// maxParagraphs, maxParagraphText); the rest was extracted.
	Warnings []string
}

// ErrNoText is returned when a page holds no article text.
var ErrNoText = errors.New("no article text found in the HTML")

// Limits on what a page hands the extractors, so a hostile page costs a
// bounded time (x/net/html already refuses nesting deeper than 512).
const (
	// maxNodes bounds the DOM size handled.
	maxNodes = 200_000
	// maxParagraphs and maxParagraphText bound the <p> elements kept, and
	// their text: go-trafilatura concatenates the text of every <p> of the
	// page one string at a time (quadratic: 20,000 paragraphs took 36 s).
	// Real articles have a few hundred paragraphs (302 at most in the
	// evaluation sets) and well under 512 KB of text.
	maxParagraphs    = 2_000
	maxParagraphText = 512 << 10
)

// Extract reads an HTML page (UTF-8) found at pageURL (may be empty).
func Extract(body []byte, pageURL string) (Page, error) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return Page{}, fmt.Errorf("parse HTML: %w", err)
	}
	if n := countNodes(doc, maxNodes+1); n > maxNodes {
		return Page{}, fmt.Errorf("HTML too complex (more than %d elements)", maxNodes)
	}
	// Our metadata pass reads the whole tree first; the extractors after
	// it neither mutate doc (each works on its own clone) nor need what
	// prune drops.
	d := metadata(doc)
	p := d.Page
	prune(doc)
	if kept, cut := capParagraphs(doc); cut > 0 {
		p.Warnings = append(p.Warnings, fmt.Sprintf("page over the extraction limit (%d paragraphs or %d KB of paragraph text): %d paragraphs after the first %d dropped", maxParagraphs, maxParagraphText>>10, cut, kept))
	}
	opts := trafilatura.Options{HtmlDateMode: trafilatura.Disabled}
	if p.Published == "" {
		// The page declares no date: let go-htmldate look for one.
		opts.HtmlDateOptions = dateSearch(p.Language)
	}
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	var res *trafilatura.ExtractResult
	if !isFragment(body) {
		res, err = mainText(doc, opts)
	}
	if err == nil && res != nil {
		p.Text = paragraphs(res.ContentNode)
		m := res.Metadata
		fill(&p.Title, m.Title)
		if p.Byline == "" {
			var org string
			p.Byline, org = chooseByline([]string{m.Author}, p.SiteName, nil)
			fill(&d.orgByline, org)
		}
		if !m.Date.IsZero() {
			fill(&p.Published, m.Date.Format("2006-01-02"))
		}
		fill(&p.URL, m.URL)
		fill(&p.SiteName, m.Sitename)
		fill(&p.Language, m.Language)
	}
	if p.Text == "" {
		// A fragment (a feed item's content) or a page trafilatura rejects:
		// read the body whole.
		p.Text = paragraphs(findBody(doc))
	}
	fill(&p.URL, pageURL)
	fill(&p.Byline, textByline(p.Text))
	fill(&p.Byline, d.orgByline)
	p.Byline = CleanByline(p.Byline)
	p.Title = strings.Join(strings.Fields(p.Title), " ")
	if strings.TrimSpace(p.Text) == "" {
		return p, ErrNoText
	}
	return p, nil
}

func fill(dst *string, v string) {
	if strings.TrimSpace(*dst) == "" {
		*dst = strings.TrimSpace(v)
	}
}

// isFragment reports HTML without a document around it (a feed item's
// content): it has no boilerplate to remove and is read whole.
func isFragment(body []byte) bool {
	for _, tag := range []string{"<html", "<body", "<head", "<HTML", "<BODY", "<HEAD", "<Html", "<Body"} {
		if bytes.Contains(body, []byte(tag)) {
			return false
		}
	}
	return true
}

func countNodes(n *html.Node, limit int) int {
	c := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ; n != nil && c < limit; n = n.NextSibling {
			c++
			walk(n.FirstChild)
		}
	}
	walk(n)
	return c
}

// capParagraphs removes, in document order, every <p> element that
// starts after maxParagraphs of them or after maxParagraphText bytes of
// their text, and reports how many were kept and cut.
func capParagraphs(doc *html.Node) (kept, cut int) {
	text := 0
	var walk func(n *html.Node, inP bool)
	walk = func(n *html.Node, inP bool) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case c.Type == html.TextNode && inP:
				text += len(c.Data)
			case c.Type == html.ElementNode && c.DataAtom == atom.P:
				if kept >= maxParagraphs || text >= maxParagraphText {
					n.RemoveChild(c)
					cut++
				} else {
					kept++
					walk(c, true)
				}
			default:
				walk(c, inP)
			}
			c = next
		}
	}
	walk(doc, false)
	return kept, cut
}

func findBody(n *html.Node) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}
