package compare

import (
	"context"

	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
)

// Stored builds the report of one story read from a store.
func Stored(ctx context.Context, s store.Store, id string, outlets *outlet.Table) (StoryReport, error) {
	arts, ass, err := s.Story(ctx, id)
	if err != nil {
		return StoryReport{}, err
	}
	return FromStored(id, arts, ass, outlets), nil
}

// FromStored builds the report of a story's stored articles and their
// assignments (which carry the near-duplicate links).
func FromStored(id string, arts []news.AnalysedArticle, ass []news.Assignment, outlets *outlet.Table) StoryReport {
	dups := map[string]string{}
	for _, as := range ass {
		if as.DuplicateOf != "" {
			dups[as.ArticleID] = as.DuplicateOf
		}
	}
	return Build(Input{ID: id, Articles: arts, DuplicateOf: dups, Outlets: outlets})
}
