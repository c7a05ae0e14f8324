package extract

import (
	"github.com/parallax-news/parallax/internal/extract/dates"
	"github.com/parallax-news/parallax/internal/extract/markdown"
	"github.com/parallax-news/parallax/internal/news"
)

// fromText reads Markdown-ish scraped text or plain text. Metadata the
// container knew (doc.Hint) wins over what the text suggests.
func fromText(doc news.Document) (news.Article, []string) {
	a := doc.Hint
	r := markdown.Clean(string(doc.Body), func(s string) bool {
		_, ok := dates.Normalize(s)
		return ok
	})
	fill(&a.Title, r.Title)
	fill(&a.Byline, r.Byline)
	fill(&a.Published, r.Date)
	fill(&a.URL, r.URL)
	a.Text = r.Text
	a.Warnings = append(a.Warnings, r.Warnings...)
	return a, r.Credits
}

// fill sets *dst to v when *dst is empty.
func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}
