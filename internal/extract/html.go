package extract

import (
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
	fill(&a.Published, p.Published)
	fill(&a.URL, p.URL)
	fill(&a.Outlet, p.SiteName)
	fill(&a.Language, p.Language)
	a.Text = p.Text
	return a, nil
}
