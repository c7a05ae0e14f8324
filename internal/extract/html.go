package extract

import (
	"strings"

	"github.com/parallax-news/parallax/internal/extract/dates"
	"github.com/parallax-news/parallax/internal/extract/htmlpage"
	"github.com/parallax-news/parallax/internal/news"
)

// fromHTML reads an HTML page (or an HTML fragment from a feed item).
// Metadata the container knew (doc.Hint: a feed item's title, date and
// author, a WARC record's URL) wins over what the page says.
func fromHTML(doc news.Document) (news.Article, error) {
	a := doc.Hint
	p, err := htmlpage.Extract(doc.Body, a.URL)
	if err != nil {
		return news.Article{}, err
	}
	fill(&a.Title, p.Title)
	fill(&a.Byline, p.Byline)
	fill(&a.URL, p.URL)
	fill(&a.Published, pageDate(p.Published, a.URL))
	fill(&a.Outlet, p.SiteName)
	fill(&a.Language, p.Language)
	a.Text = dropHeadlineAndByline(p.Text, a.Title, a.Byline)
	a.Warnings = append(a.Warnings, p.Warnings...)
	return a, nil
}

// pageDate is the page's publication date: the date it declares (raw),
// checked against the day in its URL (dates.WithURL).
func pageDate(declared, url string) string {
	day, ok := dates.FromURL(url)
	if !ok {
		return declared
	}
	if d, ok := dates.Normalize(declared); ok {
		declared = d
	}
	return dates.WithURL(declared, day)
}

// dropHeadlineAndByline removes the headline and byline paragraphs that
// extractors often keep at the top of the body: they are metadata, not
// article text.
func dropHeadlineAndByline(text, title, byline string) string {
	for range 3 {
		first, rest, ok := strings.Cut(text, "\n\n")
		if !ok {
			return text
		}
		f := strings.ToLower(strings.TrimSpace(first))
		isTitle := title != "" && f == strings.ToLower(title)
		isByline := byline != "" && len(f) < len(byline)+20 && strings.Contains(f, strings.ToLower(byline)) &&
			(strings.HasPrefix(f, "by ") || f == strings.ToLower(byline))
		if !isTitle && !isByline {
			return text
		}
		text = rest
	}
	return text
}
