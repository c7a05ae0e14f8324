package extract

import "github.com/parallax-news/parallax/internal/news"

// fromHTML reads an HTML page. (Placeholder: the HTML extractor replaces it.)
func fromHTML(doc news.Document) (news.Article, error) {
	a, _ := fromText(doc)
	return a, nil
}
