package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallax-news/parallax/internal/store"
)

var _ store.Feeds = (*Store)(nil)

func tsArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func tsVal(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// AddFeed adds a feed.
func (s *Store) AddFeed(ctx context.Context, url string) error {
	if _, err := s.pool.Exec(ctx, `INSERT INTO feeds (url) VALUES ($1) ON CONFLICT (url) DO NOTHING`, url); err != nil {
		return fmt.Errorf("add feed %s: %w", url, err)
	}
	return nil
}

// RemoveFeed removes a feed and its seen items.
func (s *Store) RemoveFeed(ctx context.Context, url string) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("remove feed %s: %w", url, err)
	}
	defer tx.Rollback(ctx)
	tag, err := tx.Exec(ctx, `DELETE FROM feeds WHERE url = $1`, url)
	if err != nil {
		return fmt.Errorf("remove feed %s: %w", url, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("feed %s: %w", url, store.ErrNotFound)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM feed_items WHERE feed = $1`, url); err != nil {
		return fmt.Errorf("remove feed %s: %w", url, err)
	}
	return tx.Commit(ctx)
}

// ListFeeds lists the feeds in the order they were added.
func (s *Store) ListFeeds(ctx context.Context) ([]store.Feed, error) {
	rows, err := s.pool.Query(ctx, `SELECT url, added, last_check, last_success, COALESCE(last_error, ''), errors, items, next_check,
		COALESCE(etag, ''), COALESCE(last_modified, '') FROM feeds ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return collect(rows, "feeds", func(r pgx.Rows) (store.Feed, error) {
		var f store.Feed
		var check, success, next *time.Time
		err := r.Scan(&f.URL, &f.Added, &check, &success, &f.LastError, &f.Errors, &f.Items, &next, &f.ETag, &f.LastModified)
		f.Added, f.LastCheck, f.LastSuccess, f.NextCheck = f.Added.UTC(), tsVal(check), tsVal(success), tsVal(next)
		return f, err
	})
}

// UpdateFeed saves a feed's health and validators.
func (s *Store) UpdateFeed(ctx context.Context, f store.Feed) error {
	_, err := s.pool.Exec(ctx, `UPDATE feeds SET last_check = $1, last_success = $2, last_error = $3, errors = $4, items = $5,
		next_check = $6, etag = $7, last_modified = $8 WHERE url = $9`,
		tsArg(f.LastCheck), tsArg(f.LastSuccess), nullable(f.LastError), f.Errors, f.Items, tsArg(f.NextCheck),
		nullable(f.ETag), nullable(f.LastModified), f.URL)
	if err != nil {
		return fmt.Errorf("update feed %s: %w", f.URL, err)
	}
	return nil
}

// SeenItems reports which links of a feed were taken already.
func (s *Store) SeenItems(ctx context.Context, feed string, links []string) (map[string]bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT link FROM feed_items WHERE feed = $1 AND link = ANY($2)`, feed, links)
	if err != nil {
		return nil, fmt.Errorf("seen items: %w", err)
	}
	got, err := collect(rows, "seen items", func(r pgx.Rows) (string, error) {
		var l string
		return l, r.Scan(&l)
	})
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, l := range got {
		out[l] = true
	}
	return out, nil
}

// MarkSeen records links as taken.
func (s *Store) MarkSeen(ctx context.Context, feed string, links []string) error {
	if _, err := s.pool.Exec(ctx, `INSERT INTO feed_items (feed, link) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, feed, links); err != nil {
		return fmt.Errorf("mark seen: %w", err)
	}
	return nil
}
