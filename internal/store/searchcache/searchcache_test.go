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

func (c *counting) Speakers(ctx context.Context, n int) ([]store.SpeakerSummary, error) {
	c.calls++
	return []store.SpeakerSummary{{Name: "Ortiz"}}, nil
}

func (c *counting) Outlets(ctx context.Context) ([]store.OutletSummary, error) {
	c.calls++
	return []store.OutletSummary{{Name: "Coastal Wire"}}, nil
}

func TestSummaryCache(t *testing.T) {
	inner := &counting{}
	s := New(inner, 10, 0) // searches not cached, summaries are
	now := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	ctx := context.Background()
	for range 3 {
		s.Speakers(ctx, 12)
		s.Outlets(ctx)
		s.Search(ctx, store.SearchQuery{Text: "ferry"})
	}
	if inner.calls != 2+3 {
		t.Errorf("%d calls reached the store, want 5 (one per summary, every search)", inner.calls)
	}
	s.Speakers(ctx, 50)
	now = now.Add(SummaryTTL)
	s.Outlets(ctx)
	if inner.calls != 7 {
		t.Errorf("another page size, and a summary past its TTL, must reach the store: %d calls", inner.calls)
	}
}
