// Package searchcache wraps a store.Store so that repeated searches, and
// the speaker and outlet summaries of the home and outlet pages, are
// answered from memory for a short time. News readers search for the same
// names while a story runs; a full-text search sorted by date costs a scan
// of every match, so a popular word is worth remembering for a few
// seconds. The summaries count every quotation in the store (a third of
// a second on 37k articles), for every visit of the home page: once
// computed, a summary past its TTL is still served while one background
// refresh computes the next, so no visitor waits for it again. Searches
// may lag the store by at most their TTL, summaries by their TTL and one
// refresh.
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
	mu         sync.Mutex // held while a first summary is computed: one computes, the others wait
	speakers   map[int]*cached[[]store.SpeakerSummary]
	outlets    cached[[]store.OutletSummary]
	refreshes  sync.WaitGroup // background refreshes under way
}

type cached[T any] struct {
	v          T
	at         time.Time
	ok         bool
	refreshing bool // a background refresh is under way
}

// SummaryTTL is how long the speaker and outlet summaries are kept.
const SummaryTTL = 30 * time.Second

// refreshTimeout bounds a background refresh of a summary.
const refreshTimeout = time.Minute

// New caches up to size searches for ttl (0: searches are not cached),
// and the summaries for SummaryTTL.
func New(s store.Store, size int, ttl time.Duration) *Store {
	c := &Store{Store: s, summaryTTL: SummaryTTL, now: time.Now, speakers: map[int]*cached[[]store.SpeakerSummary]{}}
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
	c := s.speakers[n]
	if c == nil {
		if len(s.speakers) >= 64 { // a few page sizes are asked for; bound the rest
			clear(s.speakers)
		}
		c = &cached[[]store.SpeakerSummary]{}
		s.speakers[n] = c
	}
	return fresh(ctx, s, c, func(ctx context.Context) ([]store.SpeakerSummary, error) { return s.Store.Speakers(ctx, n) })
}

// Outlets answers from memory for SummaryTTL. Callers must not modify the
// returned slice.
func (s *Store) Outlets(ctx context.Context) ([]store.OutletSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fresh(ctx, s, &s.outlets, s.Store.Outlets)
}

// fresh returns c's value while it is younger than the summary TTL. An
// older one is returned too, and one background refresh loads the next
// (should it fail, the old value stays); with none yet, it is loaded
// now. s.mu must be held.
func fresh[T any](ctx context.Context, s *Store, c *cached[T], load func(context.Context) (T, error)) (T, error) {
	if c.ok {
		if !c.refreshing && s.now().Sub(c.at) >= s.summaryTTL {
			c.refreshing = true
			s.refreshes.Add(1)
			go func() {
				defer s.refreshes.Done()
				// The request that found the value old may end before
				// the refresh does.
				ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
				defer cancel()
				v, err := load(ctx)
				s.mu.Lock()
				defer s.mu.Unlock()
				c.refreshing = false
				if err == nil {
					c.v, c.at = v, s.now()
				}
			}()
		}
		return c.v, nil
	}
	v, err := load(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	*c = cached[T]{v: v, at: s.now(), ok: true}
	return v, nil
}

// Close waits for the background refreshes, then closes the store.
func (s *Store) Close() error {
	s.refreshes.Wait()
	return s.Store.Close()
}
