package searchcache

import (
	"context"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/store"
)

type counting struct {
	store.Store
	calls int
}

func (c *counting) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
	c.calls++
	return []store.Hit{{ArticleID: q.Text}}, nil
}

func TestSearchCache(t *testing.T) {
	inner := &counting{}
	s := New(inner, 10, 50*time.Millisecond)
	ctx := context.Background()
	for range 3 {
		if hits, _ := s.Search(ctx, store.SearchQuery{Text: "ferry"}); len(hits) != 1 || hits[0].ArticleID != "ferry" {
			t.Fatalf("hits %v", hits)
		}
	}
	s.Search(ctx, store.SearchQuery{Text: "ferry", Outlet: "X"})
	if inner.calls != 2 {
		t.Errorf("%d searches reached the store, want 2 (one per distinct query)", inner.calls)
	}
	time.Sleep(80 * time.Millisecond)
	s.Search(ctx, store.SearchQuery{Text: "ferry"})
	if inner.calls != 3 {
		t.Errorf("after the TTL the store must be asked again: %d calls", inner.calls)
	}
}
