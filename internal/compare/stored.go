package compare

import (
	"context"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"

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

// Cache keeps the reports of recently asked stories, with their articles.
// Stored articles are never changed or removed, so a story's report stays
// valid while its article count does: each lookup checks that with one
// cheap StoryInfo query and rebuilds only a story that has grown.
type Cache struct {
	store   store.Store
	outlets *outlet.Table
	lru     *lru.Cache[string, *Cached]
}

// Cached is one story's report with what it was built from, and the
// renderings made of it (a web page, JSON), kept with it.
type Cached struct {
	Info        store.StorySummary
	Articles    []news.AnalysedArticle
	Assignments []news.Assignment
	Report      StoryReport

	mu       sync.Mutex
	rendered map[string][]byte
}

// DefaultCacheSize is how many stories a server's cache keeps.
const DefaultCacheSize = 1024

// NewCache keeps up to size stories.
func NewCache(s store.Store, outlets *outlet.Table, size int) *Cache {
	c, _ := lru.New[string, *Cached](max(size, 1))
	return &Cache{store: s, outlets: outlets, lru: c}
}

// Story returns a story's report, from the cache while the story has not
// grown.
func (c *Cache) Story(ctx context.Context, id string) (*Cached, error) {
	info, err := c.store.StoryInfo(ctx, id)
	if err != nil {
		return nil, err
	}
	if e, ok := c.lru.Get(id); ok && e.Info.Articles == info.Articles {
		return e, nil
	}
	arts, ass, err := c.store.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	e := &Cached{Info: info, Articles: arts, Assignments: ass, Report: FromStored(id, arts, ass, c.outlets)}
	c.lru.Add(id, e)
	return e, nil
}

// Rendered returns the rendering of kind, made once by render.
func (e *Cached) Rendered(kind string, render func() ([]byte, error)) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if b, ok := e.rendered[kind]; ok {
		return b, nil
	}
	b, err := render()
	if err != nil {
		return nil, err
	}
	if e.rendered == nil {
		e.rendered = map[string][]byte{}
	}
	e.rendered[kind] = b
	return b, nil
}
