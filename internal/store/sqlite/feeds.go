package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/parallax-news/parallax/internal/store"
)

var _ store.Feeds = (*Store)(nil)

func timeText(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func textTime(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339Nano, s.String)
	return t
}

// AddFeed adds a feed.
func (s *Store) AddFeed(ctx context.Context, url string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO feeds (url, added, seq) VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM feeds))
		ON CONFLICT(url) DO NOTHING`, url, timeText(time.Now()))
	if err != nil {
		return fmt.Errorf("add feed %s: %w", url, err)
	}
	return nil
}

// RemoveFeed removes a feed and its seen items.
func (s *Store) RemoveFeed(ctx context.Context, url string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("remove feed %s: %w", url, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE url = ?`, url)
	if err != nil {
		return fmt.Errorf("remove feed %s: %w", url, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("feed %s: %w", url, store.ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM feed_items WHERE feed = ?`, url); err != nil {
		return fmt.Errorf("remove feed %s: %w", url, err)
	}
	return tx.Commit()
}

// ListFeeds lists the feeds in the order they were added.
func (s *Store) ListFeeds(ctx context.Context) ([]store.Feed, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT url, added, last_check, last_success, COALESCE(last_error, ''), errors, items, next_check,
		COALESCE(etag, ''), COALESCE(last_modified, '') FROM feeds ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	defer rows.Close()
	var out []store.Feed
	for rows.Next() {
		var f store.Feed
		var added, check, success, next sql.NullString
		if err := rows.Scan(&f.URL, &added, &check, &success, &f.LastError, &f.Errors, &f.Items, &next, &f.ETag, &f.LastModified); err != nil {
			return nil, fmt.Errorf("feeds: %w", err)
		}
		f.Added, f.LastCheck, f.LastSuccess, f.NextCheck = textTime(added), textTime(check), textTime(success), textTime(next)
		out = append(out, f)
	}
	return out, rows.Err()
}

// UpdateFeed saves a feed's health and validators.
func (s *Store) UpdateFeed(ctx context.Context, f store.Feed) error {
	_, err := s.db.ExecContext(ctx, `UPDATE feeds SET last_check = ?, last_success = ?, last_error = ?, errors = ?, items = ?,
		next_check = ?, etag = ?, last_modified = ? WHERE url = ?`,
		timeText(f.LastCheck), timeText(f.LastSuccess), nullable(f.LastError), f.Errors, f.Items, timeText(f.NextCheck),
		nullable(f.ETag), nullable(f.LastModified), f.URL)
	if err != nil {
		return fmt.Errorf("update feed %s: %w", f.URL, err)
	}
	return nil
}

// SeenItems reports which links of a feed were taken already.
func (s *Store) SeenItems(ctx context.Context, feed string, links []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, l := range links {
		var n int
		if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM feed_items WHERE feed = ? AND link = ?`, feed, l).Scan(&n); err != nil {
			return nil, fmt.Errorf("seen items: %w", err)
		}
		if n > 0 {
			out[l] = true
		}
	}
	return out, nil
}

// MarkSeen records links as taken.
func (s *Store) MarkSeen(ctx context.Context, feed string, links []string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("mark seen: %w", err)
	}
	defer tx.Rollback()
	now := timeText(time.Now())
	for _, l := range links {
		if _, err := tx.ExecContext(ctx, `INSERT INTO feed_items (feed, link, seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, feed, l, now); err != nil {
			return fmt.Errorf("mark seen: %w", err)
		}
	}
	return tx.Commit()
}
