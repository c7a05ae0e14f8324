// Package searchcache wraps a store.Store so that repeated searches, and
// the speaker and outlet summaries of the home and outlet pages, are
// answered from memory for a short time. News readers search for the same
// names while a story runs; a full-text search sorted by date costs a scan
// of every match, so a popular word is worth remembering for a few
// seconds. The summaries count every quotation in the store (most of a
// second on 37k articles), for every visit of the home page. Results may
// lag the store by at most the TTLs.
package searchcache

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/parallax-news/parallax/internal/store"
)

// Store is a store.Store whose Search results and summaries are cached.
type Store struct {
	store.Store
	cache *expirable.LRU[store.SearchQuery, []store.Hit] // nil: searches are not cached

	summaryTTL time.Duration
	now        func() time.Time
	mu         sync.Mutex // held while a summary is computed: one computes, the others wait
	speakers   map[int]cached[[]store.SpeakerSummary]
	outlets    cached[[]store.OutletSummary]
}

type cached[T any] struct {
	v  T
	at time.Time
	ok bool
}

// SummaryTTL is how long the speaker and outlet summaries are kept.
const SummaryTTL = 30 * time.Second

// New caches up to size searches for ttl (0: searches are not cached),
// and the summaries for SummaryTTL.
func New(s store.Store, size int, ttl time.Duration) *Store {
	c := &Store{Store: s, summaryTTL: SummaryTTL, now: time.Now, speakers: map[int]cached[[]store.SpeakerSummary]{}}
	if ttl > 0 {
		c.cache = expirable.NewLRU[store.SearchQuery, []store.Hit](size, nil, ttl)
	}
	return c
}

// Search answers from the cache when the same query was asked within the
// TTL. Callers must not modify the returned slice.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
	if s.cache == nil {
		return s.Store.Search(ctx, q)
	}
	if hits, ok := s.cache.Get(q); ok {
		return hits, nil
	}
	hits, err := s.Store.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	s.cache.Add(q, hits)
	return hits, nil
}

// Speakers answers from memory for SummaryTTL. Callers must not modify
// the returned slice.
func (s *Store) Speakers(ctx context.Context, n int) ([]store.SpeakerSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.speakers) > 64 { // a few page sizes are asked for; bound the rest
		clear(s.speakers)
	}
	c := s.speakers[n]
	v, err := fresh(s, &c, func() ([]store.SpeakerSummary, error) { return s.Store.Speakers(ctx, n) })
	s.speakers[n] = c
	return v, err
}

// Outlets answers from memory for SummaryTTL. Callers must not modify the
// returned slice.
func (s *Store) Outlets(ctx context.Context) ([]store.OutletSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fresh(s, &s.outlets, func() ([]store.OutletSummary, error) { return s.Store.Outlets(ctx) })
}

// fresh returns c's value while it is younger than the summary TTL, else
// loads it anew into c. s.mu must be held.
func fresh[T any](s *Store, c *cached[T], load func() (T, error)) (T, error) {
	if c.ok && s.now().Sub(c.at) < s.summaryTTL {
		return c.v, nil
	}
	v, err := load()
	if err != nil {
		var zero T
		return zero, err
	}
	*c = cached[T]{v, s.now(), true}
	return v, nil
}
