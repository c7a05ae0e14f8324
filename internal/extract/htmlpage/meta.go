package htmlpage

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/parallax-news/parallax/internal/extract/dates"
)

// declared is what a page's markup says about its article.
type declared struct {
	Page
	// orgByline is the site credited as its own author ("BBC News" on
	// the BBC): the byline only when no person is named anywhere.
	orgByline string
}

// maxLDScripts bounds the JSON-LD scripts read: each can cost two
// date parses (a few ms each when the date does not read), and real pages
// carry one to four.
const maxLDScripts = 16

// metadata reads the page's declared metadata, most trusted source first.
func metadata(doc *html.Node) declared {
	var p declared
	var metas []*html.Node
	var ldScripts []string
	var ldCut int
	var canonical, htmlLang, firstTime, pubTime, titleTag, relAuthor, bylineEl string
	var h1s, h2s, logos []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				htmlLang = attr(n, "lang")
			case atom.Meta:
				metas = append(metas, n)
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					if len(ldScripts) < maxLDScripts {
						ldScripts = append(ldScripts, n.FirstChild.Data)
					} else {
						ldCut++
					}
				}
				return
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = attr(n, "href")
				}
			case atom.Title:
				if titleTag == "" {
					titleTag = textOf(n)
				}
			case atom.H1:
				// A heading that is only a link to the home page is the
				// site's logo, not the article's headline.
				if isHomeLink(n) {
					logos = append(logos, textOf(n))
				} else if len(h1s) < 5 {
					h1s = append(h1s, textOf(n))
				}
			case atom.H2:
				if len(h2s) < 5 {
					h2s = append(h2s, textOf(n))
				}
			case atom.Time:
				// A <time> marked as the publication's beats the first one
				// (often a site header's "today" or a list of other posts).
				// Without a datetime attribute its text is the date
				// ("12. Juli 2017").
				v := attr(n, "datetime")
				if v == "" {
					if v = textOf(n); len(v) > 40 {
						v = ""
					}
				}
				if firstTime == "" {
					firstTime = v
				}
				if pubTime == "" && isPublicationTime(n) {
					pubTime = v
				}
			case atom.A:
				if relAuthor == "" && strings.Contains(" "+strings.ToLower(attr(n, "rel"))+" ", " author ") {
					relAuthor = textOf(n)
				}
			}
			if bylineEl == "" && isBylineElement(n) {
				if t := textOf(n); len(t) > 0 && len(t) < 150 {
					bylineEl = t
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	var ld ldExtras
	for _, s := range ldScripts {
		ldArticle(s, &p.Page, &ld)
	}
	if ldCut > 0 {
		p.Warnings = append(p.Warnings, fmt.Sprintf("page over the extraction limit: %d JSON-LD scripts after the first %d not read", ldCut, maxLDScripts))
	}
	ldTitle := p.Title
	p.Title = ""
	get := metaGetter(metas)
	fill(&p.SiteName, get("og:site_name", "application-name", "publisher"))
	metaAuthor := get("dc:creator", "dc.creator", "dcterm:creator", "author", "article:author", "og:article:author", "citation_author", "byl", "parsely-author", "sailthru.author", "twitter:creator")
	if strings.HasPrefix(metaAuthor, "http") || strings.HasPrefix(metaAuthor, "@") {
		metaAuthor = "" // a profile URL or handle, not a name
	}
	p.Byline, p.orgByline = chooseByline([]string{p.Byline, metaAuthor, relAuthor, bylineEl}, p.SiteName, logos)
	// Dates: JSON-LD datePublished, the meta tags of publication, JSON-LD
	// dateCreated (a draft's creation, weaker than a declared
	// publication), a <time> marked as the publication's, the first <time>.
	// A value that does not read as a date does not hide the next source.
	fillDate(&p.Published, get("article:published_time", "datepublished", "publishdate", "pubdate", "publish-date", "date", "dc.date",
		"dc.date.issued", "dcterms.created", "citation_publication_date", "sailthru.date", "parsely-pub-date", "og:published_time", "article.published"))
	fillDate(&p.Published, ld.created)
	fill(&p.URL, canonical)
	fill(&p.URL, get("og:url"))
	fill(&p.Language, get("og:locale", "content-language", "dc.language", "language"))
	fill(&p.Language, htmlLang)
	fillDate(&p.Published, pubTime)
	fillDate(&p.Published, firstTime)
	// The order of Readability: a Dublin Core title is the most deliberate
	// statement of the article's title, then Open Graph, then Twitter.
	p.Title = chooseTitle(titleClues{
		declared: []string{
			ldTitle, get("dc:title", "dc.title", "dcterm:title", "dcterms:title", "dcterms.title"), get("og:title"),
			get("weibo:article:title", "weibo:webpage:title"), get("twitter:title"), get("citation_title", "headline", "title"),
		},
		tag: titleTag, site: p.SiteName, h1s: h1s, h2s: h2s, logos: logos,
	})
	if p.Language != "" {
		p.Language = strings.ToLower(strings.FieldsFunc(p.Language, func(r rune) bool { return r == '-' || r == '_' })[0])
		if len(p.Language) != 2 {
			p.Language = ""
		}
	}
	return p
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// metaGetter returns a lookup of <meta> content by name, property or
// itemprop, trying keys in order.
func metaGetter(metas []*html.Node) func(keys ...string) string {
	m := map[string]string{}
	for _, n := range metas {
		content := attr(n, "content")
		if content == "" {
			continue
		}
		for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
			// A property may name several keys: property="og:title twitter:title".
			for _, v := range strings.Fields(strings.ToLower(attr(n, k))) {
				if _, seen := m[v]; !seen {
					m[v] = content
				}
			}
		}
	}
	return func(keys ...string) string {
		for _, k := range keys {
			if v := m[k]; v != "" {
				return v
			}
		}
		return ""
	}
}

var bylineClass = regexp.MustCompile(`(?i)(^|[\s_-])(byline|author|byl|article-author|post-author|entry-author)([\s_-]|$)`)

func isBylineElement(n *html.Node) bool {
	if strings.EqualFold(attr(n, "itemprop"), "author") {
		return true
	}
	if n.DataAtom == atom.Meta || n.DataAtom == atom.Link || n.DataAtom == atom.Script || n.DataAtom == atom.Body {
		return false
	}
	return bylineName(attr(n, "class")) || bylineName(attr(n, "id"))
}

// bylineName reports a class or id naming a byline. Every element is
// asked: a substring test spares the regexp the names that cannot match.
func bylineName(s string) bool {
	if s == "" {
		return false
	}
	l := strings.ToLower(s)
	return (strings.Contains(l, "byl") || strings.Contains(l, "author")) && bylineClass.MatchString(s)
}

// articleTypes are the schema.org types whose fields describe the article.
var articleTypes = map[string]bool{
	"newsarticle": true, "article": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"opinionnewsarticle": true, "blogposting": true, "backgroundnewsarticle": true, "scholarlyarticle": true,
	"report": true, "techarticle": true, "liveblogposting": true, "socialmediaposting": true, "posting": true,
}

// ldExtras are the JSON-LD fields weighed after other sources.
type ldExtras struct {
	created string // dateCreated
}

// ldArticle fills p from a JSON-LD script's article object, if any.
func ldArticle(script string, p *Page, ex *ldExtras) {
	script = strings.TrimSpace(script)
	// Some pages wrap the JSON in a CDATA section (or a commented one).
	script = strings.TrimPrefix(strings.TrimPrefix(script, "//"), "<![CDATA[")
	script = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(script), "]]>"), "//"))
	var v any
	if err := json.Unmarshal([]byte(script), &v); err != nil {
		return
	}
	var objs []map[string]any
	var collect func(any)
	collect = func(v any) {
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				collect(e)
			}
		case map[string]any:
			if g, ok := t["@graph"]; ok {
				collect(g)
			}
			objs = append(objs, t)
		}
	}
	collect(v)
	for _, o := range objs {
		if !isArticleType(o["@type"]) {
			continue
		}
		fill(&p.Title, str(o["headline"]))
		fill(&p.Title, str(o["name"]))
		fill(&p.Byline, names(o["author"]))
		fill(&p.Byline, names(o["creator"]))
		fillDate(&p.Published, str(o["datePublished"]))
		fillDate(&ex.created, str(o["dateCreated"]))
		fill(&p.SiteName, names(o["publisher"]))
		fill(&p.Language, str(o["inLanguage"]))
		fill(&p.URL, str(o["url"]))
		return
	}
}

var publishedClass = regexp.MustCompile(`(?i)(^|[\s_-])(published|pubdate|date-published|publish-date|post-date|entry-date)([\s_-]|$)`)

// chooseByline returns the first candidate byline that names someone
// other than the site: the outlet credited as its own author ("The
// Planetary Press" on theplanetarypress.com, a logo's text) is returned as
// org, to use only when no person is named anywhere. Other organisations
// (a news agency, "Contributors to Wikimedia projects") are credits.
func chooseByline(cands []string, site string, logos []string) (byline, org string) {
	for _, c := range cands {
		cl := CleanByline(c)
		switch {
		case cl == "":
		case namesSite(cl, site, logos):
			fill(&org, cl)
		default:
			return c, org
		}
	}
	return "", org
}

// isPublicationTime reports a <time> element marked as the publication
// date: pubdate, itemprop="datePublished" or a class saying so.
func isPublicationTime(n *html.Node) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, "pubdate") {
			return true
		}
	}
	return strings.EqualFold(attr(n, "itemprop"), "datePublished") || publishedClass.MatchString(attr(n, "class"))
}

// fillDate fills an empty dst with v normalised (dates.Normalize), when v
// reads as a date.
func fillDate(dst *string, v string) {
	if strings.TrimSpace(*dst) != "" {
		return
	}
	if d, ok := dates.Normalize(v); ok {
		*dst = d
	}
}

func isArticleType(t any) bool {
	switch v := t.(type) {
	case string:
		return articleTypes[strings.ToLower(v)]
	case []any:
		for _, e := range v {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func str(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		if len(t) > 0 {
			return str(t[0])
		}
	case map[string]any:
		if s := str(t["@value"]); s != "" {
			return s
		}
		return str(t["@id"])
	}
	return ""
}

// names reads a schema.org Person/Organization, or a list of them, or a
// plain string, as "A, B and C".
func names(v any) string {
	var out []string
	var add func(any)
	add = func(v any) {
		switch t := v.(type) {
		case string:
			if s := strings.TrimSpace(t); s != "" && !strings.HasPrefix(s, "http") {
				out = append(out, s)
			}
		case map[string]any:
			add(t["name"])
		case []any:
			for _, e := range t {
				add(e)
			}
		}
	}
	add(v)
	return joinNames(out)
}

// joinNames joins names as "A, B and C".
func joinNames(out []string) string {
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

// titleClues is what a page says about its title.
type titleClues struct {
	declared []string // JSON-LD, Dublin Core, OpenGraph, Twitter, …: most trusted first
	tag      string   // the <title>
	site     string   // the site's name, if declared
	h1s, h2s []string // the page's headings
	logos    []string // headings that only link to the home page: the site's name
}

// chooseTitle picks the headline: the first declared title (JSON-LD,
// OpenGraph, Twitter, Dublin Core), with the site's name cut off when it
// is attached ("… - Stack Overflow Blog", "Gregory Szorc's Digital Home |
// …"), else the page <title> without the site name. Two exceptions: a
// declared title cut short with an ellipsis yields to the full <title>
// that begins like it, and when the page's own heading is exactly the
// <title> without the site name while the declared title appears nowhere
// in the <title> (a description in a "headline" field, as on Wikipedia),
// the heading wins.
func chooseTitle(c titleClues) string {
	fromTag := stripSiteName(c.tag, c.site, c.h1s, c.h2s)
	site, h1s := c.site, c.h1s
	t := ""
	for _, d := range c.declared {
		if d = strings.Join(strings.Fields(d), " "); d != "" {
			t = d
			break
		}
	}
	if t == "" {
		return fromTag
	}
	if site != "" {
		t = stripMatchingSite(t, site)
	}
	if cut := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(t, "..."), "…"), " "); cut != t &&
		strings.HasPrefix(fromTag, cut) && len(fromTag) > len(cut) {
		return fromTag
	}
	// A kicker ("Nutzerbasierte Abrechnung: Musik-Stars fordern ...") is
	// part of how the outlet frames the story: when the page's <title> is
	// the declared title behind a short kicker, keep the kicker, unless it
	// is the site's name ("Silicon Exposed: …").
	if kicker, ok := strings.CutSuffix(fromTag, t); ok && strings.HasSuffix(strings.TrimSpace(kicker), ":") &&
		len(strings.Fields(kicker)) <= 4 && !namesSite(kicker, site, c.logos) {
		return fromTag
	}
	if fromTag != "" && !strings.Contains(squash(c.tag), squash(t)) && !strings.Contains(squash(t), squash(fromTag)) {
		for _, h := range h1s {
			if squash(h) == squash(fromTag) {
				return fromTag
			}
		}
	}
	return t
}

// stripMatchingSite removes the site's name when it is attached to the
// title by a separator, before or after.
func stripMatchingSite(t, site string) string {
	ss := squash(site)
	if ss == "" {
		return t
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(t, sep); i > 0 {
			tail, rest := squash(t[i+len(sep):]), strings.TrimSpace(t[:i])
			if siteLike(tail, ss) && headline(rest, ss) {
				return rest
			}
		}
		if i := strings.Index(t, sep); i > 0 {
			head, rest := squash(t[:i]), strings.TrimSpace(t[i+len(sep):])
			if siteLike(head, ss) && headline(rest, ss) {
				return rest
			}
		}
	}
	return t
}

// namesSite reports whether a title segment is the site's name or the
// text of its logo heading.
func namesSite(segment, site string, logos []string) bool {
	seg := squash(segment)
	if siteLike(seg, squash(site)) {
		return true
	}
	for _, l := range logos {
		if seg != "" && seg == squash(l) {
			return true
		}
	}
	return false
}

// siteLike reports whether a squashed title segment is the squashed site
// name: equal, or one inside the other ("ehowcom", "stackoverflowblog")
// while mostly the name. A segment holding the site name inside a longer
// headline ("Post @ Blog") is not the site name.
func siteLike(seg, site string) bool {
	if seg == "" || site == "" {
		return false
	}
	short, long := utf8.RuneCountInString(seg), utf8.RuneCountInString(site)
	if short > long {
		short, long = long, short
	}
	return (strings.Contains(seg, site) || strings.Contains(site, seg)) && 2*short >= long
}

// headline reports that what is left after cutting a site name still
// reads as a headline: two words or more, not the site name again.
func headline(rest, site string) bool {
	return len(strings.Fields(rest)) >= 2 && !strings.Contains(squash(rest), site)
}

// titleSeparators split a <title> into the headline and the site name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " · ", " :: ", " // ", " » "}

// stripSiteName removes the site name from a <title> ("New Zealand -
// Wikipedia" -> "New Zealand"): a part that matches the site name, or,
// when no site name is known, a short last part after a separator when
// the rest is a headline of several words. A heading of the page equal to
// one of the parts is the best evidence and wins.
func stripSiteName(title, site string, h1s, h2s []string) string {
	title = strings.Join(strings.Fields(title), " ")
	for _, h := range h1s {
		h = strings.Join(strings.Fields(h), " ")
		if h != "" && h != title && strings.Contains(title, h) && len(strings.Fields(h)) >= 2 {
			return h
		}
	}
	// A part of the <title> equal to a heading but for punctuation (a
	// permalink mark: "Shared History ¶") is the headline. A page without
	// a main heading (blogs) may give the post's title as a second-level
	// one; that weaker evidence may cut only a short site or section name
	// ("| Code | Jane Doe"), not half the title.
	if part := headingPart(title, h1s, 2, 0); part != "" {
		return part
	}
	if len(h1s) == 0 {
		if part := headingPart(title, h2s, 3, 4); part != "" {
			return part
		}
	}
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := title[:i], title[i+len(sep):]
		if siteLike(squash(tail), squash(site)) {
			return strings.TrimSpace(head)
		}
		if j := strings.Index(title, sep); j > 0 && site != "" && squash(title[:j]) == squash(site) {
			return strings.TrimSpace(title[j+len(sep):])
		}
		if len(strings.Fields(tail)) <= 3 && len(strings.Fields(head)) >= 2 {
			return strings.TrimSpace(head)
		}
	}
	return title
}

// headingPart returns the part of title between separators that equals
// one of the headings of at least minWords words (letters and digits
// compared), or "". With maxCut > 0, the rest of the title may hold at
// most maxCut words.
func headingPart(title string, headings []string, minWords, maxCut int) string {
	for _, h := range headings {
		sh := squash(h)
		if len(strings.Fields(h)) < minWords || sh == "" {
			continue
		}
		for _, sep := range titleSeparators {
			for _, part := range strings.Split(title, sep) {
				part = strings.TrimSpace(part)
				cut := len(strings.Fields(title)) - len(strings.Fields(part))
				if part != title && squash(part) == sh && (maxCut == 0 || cut <= maxCut+1) {
					return part
				}
			}
		}
	}
	return ""
}

// isHomeLink reports whether all the text of n is one link to a site's
// home page ("/", "index.html", "https://example.com/").
func isHomeLink(n *html.Node) bool {
	var link *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && link == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				link = c
				return
			}
			find(c)
		}
	}
	find(n)
	if link == nil || textOf(link) == "" || textOf(link) != textOf(n) {
		return false
	}
	u, err := url.Parse(attr(link, "href"))
	if err != nil || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	p := strings.Trim(u.Path, "/.")
	return p == "" || p == "index.html" || p == "index.htm" || p == "index.php"
}

// squash lower-cases s and keeps only letters and digits.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
