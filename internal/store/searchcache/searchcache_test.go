package searchcache

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/store"
)

type counting struct {
	store.Store
	mu    sync.Mutex
	calls int
	fail  bool
}

func (c *counting) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
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
	if inner.n() != 2 {
		t.Errorf("%d searches reached the store, want 2 (one per distinct query)", inner.n())
	}
	time.Sleep(80 * time.Millisecond)
	s.Search(ctx, store.SearchQuery{Text: "ferry"})
	if inner.n() != 3 {
		t.Errorf("after the TTL the store must be asked again: %d calls", inner.n())
	}
}

func (c *counting) Speakers(ctx context.Context, n int) ([]store.SpeakerSummary, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	return []store.SpeakerSummary{{Name: "Ortiz"}}, nil
}

func (c *counting) Outlets(ctx context.Context) ([]store.OutletSummary, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	if c.fail {
		return nil, errors.New("store closed")
	}
	return []store.OutletSummary{{Name: "Coastal Wire", Articles: c.calls}}, nil
}

func (c *counting) Close() error { return nil }

func (c *counting) n() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls
}

func TestSummaryCache(t *testing.T) {
	inner := &counting{}
	s := New(inner, 10, 0) // searches not cached, summaries are
	now := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	var clock sync.Mutex
	s.now = func() time.Time { clock.Lock(); defer clock.Unlock(); return now }
	later := func(d time.Duration) { clock.Lock(); now = now.Add(d); clock.Unlock() }
	ctx, cancel := context.WithCancel(context.Background())
	for range 3 {
		s.Speakers(ctx, 12)
		s.Outlets(ctx)
		s.Search(ctx, store.SearchQuery{Text: "ferry"})
	}
	if n := inner.n(); n != 2+3 {
		t.Errorf("%d calls reached the store, want 5 (one per summary, every search)", n)
	}
	s.Speakers(ctx, 50)
	if n := inner.n(); n != 6 {
		t.Errorf("another page size must reach the store: %d calls", n)
	}

	// Past its TTL a summary is still answered at once, with the old
	// value, while one refresh loads the next, even though the request
	// that started it has ended.
	later(SummaryTTL)
	outs, err := s.Outlets(ctx)
	cancel()
	if err != nil || len(outs) != 1 || outs[0].Articles != 2 {
		t.Fatalf("a stale summary must be served while it is refreshed: %v, %v", outs, err)
	}
	s.Close() // waits for the refresh
	if n := inner.n(); n != 7 {
		t.Fatalf("one background refresh must reach the store: %d calls", n)
	}
	ctx = context.Background()
	if outs, _ := s.Outlets(ctx); outs[0].Articles != 7 {
		t.Errorf("after the refresh the new value is served: %v", outs)
	}
	if n := inner.n(); n != 7 {
		t.Errorf("a refreshed summary is fresh again: %d calls", n)
	}

	// A failed refresh keeps the old value, and a later visit tries again.
	inner.mu.Lock()
	inner.fail = true
	inner.mu.Unlock()
	later(SummaryTTL)
	if outs, err := s.Outlets(ctx); err != nil || outs[0].Articles != 7 {
		t.Errorf("stale value while refreshing: %v, %v", outs, err)
	}
	s.Close()
	if outs, err := s.Outlets(ctx); err != nil || outs[0].Articles != 7 {
		t.Errorf("a failed refresh must keep the old value: %v, %v", outs, err)
	}
	s.Close()
	if n := inner.n(); n != 9 {
		t.Errorf("after a failed refresh the next visit refreshes again: %d calls", n)
	}
}
