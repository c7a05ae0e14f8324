package pipeline

import (
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/text"
)

// Analyser runs the analysis stage: sentences, entities, quotations. It
// is safe for concurrent use.
type Analyser struct {
	entities *entity.Recognizer
}

// NewAnalyser loads what the analysis stage needs (the entity model).
func NewAnalyser() (*Analyser, error) {
	r, err := entity.New()
	if err != nil {
		return nil, err
	}
	return &Analyser{entities: r}, nil
}

// Analyse turns an article into an analysed article.
func (an *Analyser) Analyse(a news.Article) news.AnalysedArticle {
	sents := text.Sentences(a.Text)
	ents := an.entities.Entities(a.Text, sents)
	quotes := quote.Extract(a.Text, sents, ents)
	for i := range quotes {
		quotes[i].Source, quotes[i].Article = a.Source, a.ID
	}
	return news.AnalysedArticle{Article: a, Analysis: news.Analysis{Sentences: sents, Entities: ents, Quotes: quotes}}
}
