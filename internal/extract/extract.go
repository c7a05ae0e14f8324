package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/parallax-news/parallax/internal/extract/dates"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/news"
)

// Options configures extraction.
type Options struct {
	// Outlets maps hosts to outlet names; nil means outlet.Default().
	Outlets *outlet.Table
}

// Article extracts one article from a document.
func Article(doc news.Document, opt Options) (news.Article, error) {
	var a news.Article
	switch doc.Format {
	case news.FormatArticle:
		a = doc.Hint
	case news.FormatText:
		a = fromText(doc)
	case news.FormatHTML:
		var err error
		if a, err = fromHTML(doc); err != nil {
			return news.Article{}, fmt.Errorf("%s: %w", doc.Source, err)
		}
	default:
		return news.Article{}, fmt.Errorf("%s: unknown format %q", doc.Source, doc.Format)
	}
	a.Source = doc.Source
	finish(&a, opt)
	return a, nil
}

// finish fills what every article needs whatever its format.
func finish(a *news.Article, opt Options) {
	if a.Published != "" {
		if d, ok := dates.Normalize(a.Published); ok {
			a.Published = d
		}
	}
	if a.Outlet == "" && a.URL != "" {
		t := opt.Outlets
		if t == nil {
			t = outlet.Default()
		}
		a.Outlet = t.ForURL(a.URL)
	}
	if a.ID == "" {
		a.ID = ContentID(a)
	}
}

// ContentID is a stable id from the article's URL, title and text.
func ContentID(a *news.Article) string {
	h := sha256.New()
	h.Write([]byte(a.URL))
	h.Write([]byte{0})
	h.Write([]byte(a.Title))
	h.Write([]byte{0})
	h.Write([]byte(a.Text))
	return hex.EncodeToString(h.Sum(nil)[:8])
}
