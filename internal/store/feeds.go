package store

import (
	"context"
	"time"
)

// Feed is one watched feed with its health.
type Feed struct {
	URL         string    `json:"url"`
	Added       time.Time `json:"added"`
	LastCheck   time.Time `json:"last_check,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastError   string    `json:"last_error,omitempty"`
	// Errors counts consecutive failed checks (it sets the backoff).
	Errors int `json:"errors"`
	// Items counts the new items taken from the feed so far.
	Items int `json:"items"`
	// NextCheck is when the feed is due again.
	NextCheck time.Time `json:"next_check,omitzero"`
	// ETag and LastModified are the validators for a conditional GET.
	ETag         string `json:"-"`
	LastModified string `json:"-"`
}

// Feeds is implemented by stores that keep the watched feeds (both do).
type Feeds interface {
	// AddFeed adds a feed (already there: nothing changes).
	AddFeed(ctx context.Context, url string) error
	// RemoveFeed removes a feed; ErrNotFound if it is not there.
	RemoveFeed(ctx context.Context, url string) error
	// ListFeeds lists the feeds in the order they were added.
	ListFeeds(ctx context.Context) ([]Feed, error)
	// UpdateFeed saves a feed's health and validators.
	UpdateFeed(ctx context.Context, f Feed) error
	// SeenItems reports which item links of a feed were taken already.
	SeenItems(ctx context.Context, feed string, links []string) (map[string]bool, error)
	// MarkSeen records item links as taken.
	MarkSeen(ctx context.Context, feed string, links []string) error
}
