package extract

import (
	"strings"

	"github.com/parallax-news/parallax/internal/news"
)

// fromText reads Markdown-ish scraped text.
func fromText(doc news.Document) news.Article {
	a := doc.Hint
	paras := strings.Split(strings.ReplaceAll(string(doc.Body), "\r\n", "\n"), "\n")
	var body []string
	for _, p := range paras {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if a.Title == "" {
			a.Title = strings.TrimLeft(p, "# ")
			continue
		}
		body = append(body, p)
	}
	a.Text = strings.Join(body, "\n\n")
	return a
}
