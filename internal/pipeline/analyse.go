package pipeline

import (
	"strings"
	"sync"

	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/text"
)

// Analyser runs the analysis stage: sentences, entities, quotations. It
// is safe for concurrent use.
type Analyser struct {
	entities *entity.Recognizer
	// tokens holds *[]text.Token buffers for SplitText, reused between
	// articles.
	tokens sync.Pool
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
	toks, _ := an.tokens.Get().(*[]text.Token)
	if toks == nil {
		toks = new([]text.Token)
	}
	sp := text.SplitText(a.Text, *toks)
	sents := sp.Sentences
	ents := an.entities.EntitiesSplit(a.Text, sp)
	*toks = sp.Tokens
	an.tokens.Put(toks)
	quotes := quote.Extract(a.Text, sents, ents)
	if a.Title != "" {
		for _, q := range quote.ExtractTitle(a.Title, an.entities.EntitiesSplit(a.Title, text.SplitText(a.Title, nil))) {
			// The headline names people briefly ("Putin"): use the body's
			// full name and role for the same surname.
			if e, ok := bySurname(ents, q.Speaker); ok {
				q.Speaker = e.Name
				if q.Role == "" && len(e.Roles) > 0 {
					q.Role = e.Roles[0]
				}
			}
			quotes = append(quotes, q)
		}
	}
	for i := range quotes {
		quotes[i].Source, quotes[i].Article = a.Source, a.ID
	}
	return news.AnalysedArticle{Article: a, Analysis: news.Analysis{Sentences: sents, Entities: ents, Quotes: quotes}}
}

// bySurname finds the person entity whose name ends like name.
func bySurname(ents []news.Entity, name string) (news.Entity, bool) {
	w := strings.Fields(name)
	if len(w) == 0 {
		return news.Entity{}, false
	}
	last := strings.ToLower(w[len(w)-1])
	for _, e := range ents {
		ew := strings.Fields(strings.ToLower(e.Name))
		if e.Type == news.PER && len(ew) > 0 && ew[len(ew)-1] == last {
			return e, true
		}
	}
	return news.Entity{}, false
}
