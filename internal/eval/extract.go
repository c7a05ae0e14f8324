package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/extract/htmlpage"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/source"
)

// ExtractScores are the extraction quality figures of one system on one
// page set.
type ExtractScores struct {
	System string `json:"system"`
	Set    string `json:"set"`
	Pages  int    `json:"pages"`
	// Body text: token-bag P/R/F1 (readability set) or snippet-based
	// P/R/F1 (trafilatura set: must-keep snippets found are true
	// positives, must-drop snippets found are false positives).
	BodyP  float64 `json:"body_precision"`
	BodyR  float64 `json:"body_recall"`
	BodyF1 float64 `json:"body_f1"`
	// Metadata accuracy on the pages whose gold value is not empty.
	Title, Byline, Date MetaScore
	// TitleNoSite scores titles with a site-name segment on either side
	// ignored ("How to Build a Terrarium | eHow" = "How to Build a
	// Terrarium"): the two gold sets disagree on keeping site names.
	TitleNoSite MetaScore
	// Misses lists the metadata mismatches (page, field, gold, got).
	Misses []string `json:"-"`
}

// MetaScore is the accuracy of one metadata field.
type MetaScore struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// Accuracy is Correct/Total (0 when there is nothing to score).
func (m MetaScore) Accuracy() float64 {
	if m.Total == 0 {
		return 0
	}
	return float64(m.Correct) / float64(m.Total)
}

func (m *MetaScore) add(gold, got string, same func(g, o string) bool) bool {
	if strings.TrimSpace(gold) == "" {
		return true
	}
	m.Total++
	if same(gold, got) {
		m.Correct++
		return true
	}
	return false
}

// score adds one page's metadata; site is the gold site name or the
// page's host, squashed (to tell a site-name segment of a title from a
// headline).
func (s *ExtractScores) score(page, site, title, byline, date string, got extracted) {
	for _, f := range []struct {
		name      string
		m         *MetaScore
		gold, got string
		same      func(g, o string) bool
	}{
		{"title", &s.Title, title, got.title, sameTitle},
		{"title-nosite", &s.TitleNoSite, title, got.title, func(g, o string) bool { return sameTitleNoSite(g, o, site) }},
		{"byline", &s.Byline, bylineGold(byline), got.byline, sameByline},
		{"date", &s.Date, date, got.date, sameDay},
	} {
		if !f.m.add(f.gold, f.got, f.same) {
			s.Misses = append(s.Misses, fmt.Sprintf("%s %s: gold %q, got %q", page, f.name, f.gold, f.got))
		}
	}
}

// extracted is one system's output for a page.
type extracted struct{ title, byline, date, text string }

// system extracts a page (UTF-8 HTML) found at url.
type system struct {
	name string
	run  func(page []byte, url string) (extracted, error)
}

// parallaxSystem is Parallax's extraction stage, as `parallax extract`
// runs it.
var parallaxSystem = system{"parallax", func(page []byte, url string) (extracted, error) {
	a, err := extract.Article(news.Document{Source: url, Format: news.FormatHTML, Body: page, Hint: news.Article{URL: url}}, extract.Options{})
	if err != nil {
		return extracted{}, err
	}
	return extracted{a.Title, a.Byline, a.Published, a.Text}, nil
}}

// trafilaturaSystem is go-trafilatura alone with its default options.
var trafilaturaSystem = system{"go-trafilatura (alone, defaults)", func(page []byte, url string) (extracted, error) {
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		return extracted{}, err
	}
	r, err := trafilatura.ExtractDocument(doc, trafilatura.Options{})
	if err != nil {
		return extracted{}, err
	}
	e := extracted{title: r.Metadata.Title, byline: r.Metadata.Author, text: r.ContentText}
	if !r.Metadata.Date.IsZero() {
		e.date = r.Metadata.Date.Format("2006-01-02")
	}
	return e, nil
}}

// EvalExtract scores Parallax and go-trafilatura alone on both page sets
// under dataDir/extraction.
func EvalExtract(dataDir string) ([]ExtractScores, error) {
	var out []ExtractScores
	for _, sys := range []system{parallaxSystem, trafilaturaSystem} {
		r, err := evalReadability(filepath.Join(dataDir, "extraction", "readability"), sys)
		if err != nil {
			return nil, err
		}
		t, err := evalTrafilaturaSet(filepath.Join(dataDir, "extraction", "trafilatura"), sys)
		if err != nil {
			return nil, err
		}
		out = append(out, r, t)
	}
	return out, nil
}

// evalReadability scores on Mozilla Readability's test pages: body tokens
// against expected.html, metadata against expected-metadata.json.
func evalReadability(dir string, sys system) (ExtractScores, error) {
	s := ExtractScores{System: sys.name, Set: "readability"}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return s, fmt.Errorf("readability set: %w", err)
	}
	var tp, fp, fn int
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		page, err := loadPage(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, e.Name(), "expected.html"))
		if err != nil {
			continue
		}
		var meta struct {
			Title         string `json:"title"`
			Byline        string `json:"byline"`
			PublishedTime string `json:"publishedTime"`
			SiteName      string `json:"siteName"`
		}
		if b, err := os.ReadFile(filepath.Join(dir, e.Name(), "expected-metadata.json")); err == nil {
			_ = json.Unmarshal(b, &meta)
		}
		s.Pages++
		got, _ := sys.run(page, "http://fakehost/test/page.html")
		t, p, n := bagOverlap(tokens(htmlText(want)), tokens(got.text))
		tp, fp, fn = tp+t, fp+p, fn+n
		s.score(e.Name(), squashWords(meta.SiteName), meta.Title, meta.Byline, meta.PublishedTime, got)
	}
	s.BodyP, s.BodyR, s.BodyF1 = prf(tp, fp, fn)
	return s, nil
}

// evalTrafilaturaSet scores on trafilatura's evaluation set: must-keep
// ("with") and must-drop ("without") snippets, and title/author/date.
func evalTrafilaturaSet(dir string, sys system) (ExtractScores, error) {
	s := ExtractScores{System: sys.name, Set: "trafilatura"}
	b, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return s, fmt.Errorf("trafilatura set: %w", err)
	}
	var pages map[string]struct {
		File    string       `json:"file"`
		With    []string     `json:"with"`
		Without []string     `json:"without"`
		Author  stringOrList `json:"author"`
		Title   string       `json:"title"`
		Date    string       `json:"date"`
	}
	if err := json.Unmarshal(b, &pages); err != nil {
		return s, fmt.Errorf("trafilatura set: evaldata.json: %w", err)
	}
	urls := make([]string, 0, len(pages))
	for u := range pages {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var tp, fp, fn int
	for _, u := range urls {
		pg := pages[u]
		raw, err := loadPage(filepath.Join(dir, "cache", pg.File+".gz"))
		if err != nil {
			if raw, err = loadPage(filepath.Join(dir, "cache", pg.File)); err != nil {
				continue
			}
		}
		s.Pages++
		got, _ := sys.run(raw, u)
		text := normSpace(got.text)
		for _, w := range pg.With {
			if strings.Contains(text, normSpace(w)) {
				tp++
			} else {
				fn++
			}
		}
		for _, w := range pg.Without {
			if strings.Contains(text, normSpace(w)) {
				fp++
			}
		}
		s.score(pg.File, hostSite(u), pg.Title, string(pg.Author), pg.Date, got)
	}
	s.BodyP, s.BodyR, s.BodyF1 = prf(tp, fp, fn)
	return s, nil
}

// loadPage reads an HTML page (gzipped or not) through the reader layer,
// so the page is decoded exactly as `parallax extract` decodes it.
func loadPage(path string) ([]byte, error) {
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			return nil, err
		}
		return d.Body, nil
	}
	return nil, fmt.Errorf("%s: no document", path)
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// tokens lower-cases s and splits it into words of letters and digits.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// bagOverlap counts the multiset intersection of gold and got tokens
// (true positives), the extra got tokens and the missed gold tokens.
func bagOverlap(gold, got []string) (tp, fp, fn int) {
	count := map[string]int{}
	for _, t := range gold {
		count[t]++
	}
	for _, t := range got {
		if count[t] > 0 {
			count[t]--
			tp++
		} else {
			fp++
		}
	}
	fn = len(gold) - tp
	return
}

func htmlText(b []byte) string {
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		return ""
	}
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return sb.String()
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// sameTitle: equal after case folding and whitespace/punctuation
// normalisation.
func sameTitle(gold, got string) bool {
	return strings.Join(tokens(gold), " ") == strings.Join(tokens(got), " ")
}

// sameTitleNoSite: sameTitle, or equal once a site-name segment is
// removed from one of them: the last segment after a separator (" | ",
// " - ", " – ", " — ", " · ", " :: ", "_"), a trailing "[Site]", or the
// first segment when it names the site (the gold site name or the page's
// host). A first segment is not dropped blindly: "Headline | Site" would
// then match a bare "Site".
func sameTitleNoSite(gold, got, site string) bool {
	if sameTitle(gold, got) {
		return true
	}
	variants := func(t string) []string {
		out := []string{t}
		for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " :: ", " _ ", "_"} {
			if i := strings.LastIndex(t, sep); i > 0 {
				out = append(out, t[:i])
			}
			if i := strings.Index(t, sep); i > 0 && namesSite(t[:i], site) {
				out = append(out, t[i+len(sep):])
			}
		}
		if i := strings.LastIndex(t, " ["); i > 0 && strings.HasSuffix(t, "]") {
			out = append(out, t[:i])
		}
		return out
	}
	for _, g := range variants(gold) {
		for _, o := range variants(got) {
			if sameTitle(g, o) {
				return true
			}
		}
	}
	return false
}

// namesSite reports whether a title segment is the site's name; site holds
// the candidate names squashed (squashWords), separated by spaces.
func namesSite(segment, site string) bool {
	seg := strings.Join(tokens(segment), "")
	if seg == "" {
		return false
	}
	for _, s := range strings.Fields(site) {
		// Contained either way ("eHow.com", "Stack Overflow Blog"), but
		// mostly the name: a segment holding the site name inside a longer
		// headline ("Post @ Blog") is not the site name.
		short, long := utf8.RuneCountInString(s), utf8.RuneCountInString(seg)
		if short > long {
			short, long = long, short
		}
		if (strings.Contains(seg, s) || strings.Contains(s, seg)) && 2*short >= long {
			return true
		}
	}
	return false
}

// squashWords is a site name squashed to letters and digits, one word.
func squashWords(site string) string { return strings.Join(tokens(site), "") }

// hostSite is the name part of a URL's host ("www.theguardian.com" ->
// "theguardian"; "blog.wordpress.com" -> "blog wordpress"), to recognise a
// site-name segment in a title.
func hostSite(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	labels := strings.Split(strings.TrimPrefix(u.Hostname(), "www."), ".")
	var out []string
	for i, l := range labels {
		// The last label is the TLD; short ones before it ("co" in
		// "co.uk") are part of the suffix.
		if i == len(labels)-1 || len(l) <= 3 {
			continue
		}
		out = append(out, squashWords(l))
	}
	return strings.Join(out, " ")
}

// sameByline: the same set of name words (order, case, "and"/"by" and
// punctuation ignored). The Readability gold bylines are raw page text
// ("By Kelli  Miller\n WebMD Health News", "by Lucas Nolan22 Dec 2016",
// "By\n Scott Cunningham"): the gold is reduced to its first line naming
// someone (goldByline) before comparing; a gold byline with no name
// ("Last Updated: January 7, 2025") is not scored.
func sameByline(gold, got string) bool {
	g, o := nameSet(goldByline(gold)), nameSet(got)
	if len(g) == 0 || len(g) != len(o) {
		return false
	}
	for t := range g {
		if !o[t] {
			return false
		}
	}
	return true
}

// nameSet is the set of a byline's words but "and", "by" and "und".
func nameSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, t := range tokens(s) {
		if t != "and" && t != "by" && t != "und" {
			m[t] = true
		}
	}
	return m
}

// goldByline is a raw gold byline cut to its first line, cleaned by the
// same rules as ours (htmlpage.CleanByline); a first line holding only
// "By" runs on into the next. "" when it names no one.
func goldByline(g string) string {
	acc := ""
	for _, line := range strings.Split(strings.TrimSpace(g), "\n") {
		acc = strings.TrimSpace(acc + " " + line)
		if c := htmlpage.CleanByline(acc); len(nameSet(c)) > 0 {
			return c
		}
		if len(nameSet(acc)) > 0 {
			return "" // a first line without a name: "Last Updated: …"
		}
	}
	return ""
}

// sameDay: the same calendar day as written (the first ten characters of
// an ISO date or timestamp).
func sameDay(gold, got string) bool {
	if len(gold) < 10 || len(got) < 10 {
		return false
	}
	return gold[:10] == got[:10]
}

// ErrNoData is returned when the evaluation data is missing.
var ErrNoData = errors.New("evaluation data not found")

// stringOrList reads a JSON string or a list of strings (joined by ", ").
type stringOrList string

func (s *stringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = stringOrList(one)
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	*s = stringOrList(strings.Join(list, ", "))
	return nil
}

// bylineGold is the gold byline to score, or "" when it names nobody.
func bylineGold(g string) string {
	if goldByline(g) == "" {
		return ""
	}
	return g
}
