// Package searchcache wraps a store.Store so that repeated searches are
// answered from memory for a short time. News readers search for the same
// names while a story runs; a full-text search sorted by date costs a scan
// of every match, so a popular word is worth remembering for a few
// seconds. Results may lag the store by at most the TTL.
package searchcache

import (
	"context"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/parallax-news/parallax/internal/store"
)

// Store is a store.Store whose Search results are cached.
type Store struct {
	store.Store
	cache *expirable.LRU[store.SearchQuery, []store.Hit]
}

// New caches up to size searches for ttl.
func New(s store.Store, size int, ttl time.Duration) *Store {
	return &Store{Store: s, cache: expirable.NewLRU[store.SearchQuery, []store.Hit](size, nil, ttl)}
}

// Search answers from the cache when the same query was asked within the
// TTL. Callers must not modify the returned slice.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
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
