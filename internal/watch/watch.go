// Package watch follows feeds: it polls each watched RSS/Atom feed on a
// schedule with a conditional GET, fetches every new item's page through
// the polite, guarded client of package fetch, and runs the full pipeline
// on it, so stories grow as outlets publish. Each feed's health (last
// success, last error, items) is kept in the store; a failing feed is
// retried with exponential backoff. Webhook alerts fire when a story
// reaches a number of outlets or a tracked name appears.
package watch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/store"
)

// Item is a new feed item: its page when it could be fetched, and the
// feed's own entry (title, link, date, content) to fall back on.
type Item struct {
	Page *news.Document
	Feed news.Document
}

// Sink receives the new items of a feed: IngestSink stores them; a queue
// sink hands them to workers.
type Sink interface {
	// Items takes the new items of one feed and reports how many articles
	// it added.
	Items(ctx context.Context, items []Item) (int, error)
}

// Watcher polls the feeds of a store.
type Watcher struct {
	Feeds  store.Feeds
	Client *fetch.Client
	Sink   Sink
	Log    *slog.Logger
	// Interval is the time between two checks of a healthy feed (default 15 min).
	Interval time.Duration
	// MaxBackoff caps the wait after repeated failures (default 6 h).
	MaxBackoff time.Duration
	// NoPages keeps the feed's own item content instead of fetching pages.
	NoPages bool
	// Concurrency is how many feeds are checked at once (default 4); the
	// client allows one request at a time per host whatever this is.
	Concurrency int
	// Now is the clock (tests).
	Now func() time.Time
}

func (w *Watcher) defaults() {
	if w.Interval <= 0 {
		w.Interval = 15 * time.Minute
	}
	if w.MaxBackoff <= 0 {
		w.MaxBackoff = 6 * time.Hour
	}
	if w.Concurrency <= 0 {
		w.Concurrency = 4
	}
	if w.Now == nil {
		w.Now = time.Now
	}
	if w.Log == nil {
		w.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
}

// Round counts what one pass over the due feeds did.
type Round struct {
	Checked, Failed, NotModified, Items int
}

// Once checks every feed that is due, in parallel up to Concurrency.
func (w *Watcher) Once(ctx context.Context) (Round, error) {
	w.defaults()
	feeds, err := w.Feeds.ListFeeds(ctx)
	if err != nil {
		return Round{}, err
	}
	now := w.Now()
	var r Round
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, w.Concurrency)
	for _, f := range feeds {
		if !f.NextCheck.IsZero() && f.NextCheck.After(now) {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			items, notMod, err := w.check(ctx, f)
			mu.Lock()
			defer mu.Unlock()
			r.Checked++
			r.Items += items
			if notMod {
				r.NotModified++
			}
			if err != nil {
				r.Failed++
			}
		}()
	}
	wg.Wait()
	return r, ctx.Err()
}

// Run checks due feeds until ctx ends, sleeping until the next is due.
func (w *Watcher) Run(ctx context.Context) error {
	w.defaults()
	for {
		r, err := w.Once(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			w.Log.Error("watch round", "err", err)
		} else if r.Checked > 0 {
			w.Log.Info("watch round", "checked", r.Checked, "failed", r.Failed, "not_modified", r.NotModified, "items", r.Items)
		}
		wait := w.Interval
		if feeds, err := w.Feeds.ListFeeds(ctx); err == nil {
			for _, f := range feeds {
				if d := f.NextCheck.Sub(w.Now()); d < wait {
					wait = max(d, time.Second)
				}
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// backoff is the wait after n consecutive failures.
func (w *Watcher) backoff(n int) time.Duration {
	d := w.Interval
	for range min(n, 20) {
		d *= 2
		if d >= w.MaxBackoff {
			return w.MaxBackoff
		}
	}
	return d
}

// check polls one feed and takes its new items; it always saves the
// feed's health.
func (w *Watcher) check(ctx context.Context, f store.Feed) (items int, notModified bool, err error) {
	now := w.Now()
	f.LastCheck = now
	defer func() {
		if err != nil {
			f.Errors++
			f.LastError = err.Error()
			f.NextCheck = now.Add(w.backoff(f.Errors))
			w.Log.Warn("feed failed", "feed", f.URL, "errors", f.Errors, "next", f.NextCheck, "err", err)
		} else {
			f.Errors, f.LastError, f.LastSuccess = 0, "", now
			f.NextCheck = now.Add(w.Interval)
		}
		if e := w.Feeds.UpdateFeed(context.WithoutCancel(ctx), f); e != nil {
			w.Log.Error("save feed", "feed", f.URL, "err", e)
		}
	}()
	resp, err := w.Client.Get(ctx, f.URL, fetch.Conditional{ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		return 0, false, err
	}
	if resp.NotModified {
		return 0, true, nil
	}
	f.ETag, f.LastModified = resp.ETag, resp.LastModified
	var docs []news.Document
	var readErr error
	(&source.Opener{}).Read(ctx, source.NamedReader(f.URL, bytes.NewReader(resp.Body)), func(d news.Document, err error) bool {
		if err != nil {
			readErr = err
			w.Log.Warn("feed item", "feed", f.URL, "err", err)
			return true
		}
		docs = append(docs, d)
		return true
	})
	if len(docs) == 0 {
		if readErr == nil {
			readErr = fmt.Errorf("%s: no items", f.URL)
		}
		return 0, false, readErr
	}
	links := make([]string, len(docs))
	for i, d := range docs {
		links[i] = itemKey(d)
	}
	seen, err := w.Feeds.SeenItems(ctx, f.URL, links)
	if err != nil {
		return 0, false, err
	}
	var fresh []Item
	var freshLinks []string
	for i, d := range docs {
		if !seen[links[i]] && !slices.Contains(freshLinks, links[i]) {
			fresh = append(fresh, w.page(ctx, d))
			freshLinks = append(freshLinks, links[i])
		}
	}
	if len(fresh) == 0 {
		return 0, false, nil
	}
	n, err := w.Sink.Items(ctx, fresh)
	if err != nil {
		return 0, false, err
	}
	if err := w.Feeds.MarkSeen(ctx, f.URL, freshLinks); err != nil {
		return 0, false, err
	}
	f.Items += len(fresh)
	return n, false, nil
}

// itemKey identifies a feed item: its link, else its record name.
func itemKey(d news.Document) string {
	if d.Hint.URL != "" {
		return d.Hint.URL
	}
	return d.Source
}

// page fetches an item's page; when that fails (robots.txt, an error, no
// link) the feed's own item content is used.
func (w *Watcher) page(ctx context.Context, entry news.Document) Item {
	if w.NoPages || entry.Hint.URL == "" {
		return Item{Feed: entry}
	}
	resp, err := w.Client.Get(ctx, entry.Hint.URL, fetch.Conditional{})
	if err != nil {
		w.Log.Info("page not fetched; using the feed's entry", "url", entry.Hint.URL, "err", err)
		return Item{Feed: entry}
	}
	// The page speaks for itself on text and outlet (an aggregator's feed
	// title is not the outlet); the entry's title, date and byline fill gaps.
	hint := entry.Hint
	hint.Text, hint.Outlet = "", ""
	return Item{Page: &news.Document{Source: resp.URL, Format: news.FormatHTML, Body: resp.Body, Hint: hint}, Feed: entry}
}

// IngestSink runs the pipeline on documents and stores them, and sends
// alerts through an optional Notifier.
type IngestSink struct {
	Ingester *ingest.Ingester
	Outlets  *outlet.Table
	Store    store.Store
	Notifier *Notifier
	Log      *slog.Logger
}

// Items extracts (the page, else the feed's entry), analyses, clusters
// and stores the items.
func (s *IngestSink) Items(ctx context.Context, items []Item) (int, error) {
	var arts []news.Article
	for _, it := range items {
		var a news.Article
		err := fmt.Errorf("no page")
		if it.Page != nil {
			a, err = extract.Article(*it.Page, extract.Options{Outlets: s.Outlets})
		}
		if err != nil {
			a, err = extract.Article(it.Feed, extract.Options{Outlets: s.Outlets})
		}
		if err != nil {
			if s.Log != nil {
				s.Log.Warn("item skipped", "err", err)
			}
			continue
		}
		arts = append(arts, a)
	}
	if len(arts) == 0 {
		return 0, nil
	}
	res, err := s.Ingester.Articles(ctx, arts)
	if err != nil {
		return 0, err
	}
	if s.Notifier != nil {
		s.Notifier.Check(ctx, s.Store, res.Stories)
	}
	return res.Added, nil
}

// Notifier posts webhook events.
type Notifier struct {
	URL    string
	Client *fetch.Client
	// Outlets fires "story_outlets" when a story reaches this many outlets
	// (0: never).
	Outlets int
	// Track fires "tracked" when a new article quotes or names one of
	// these (case-insensitive, a part of the name matches).
	Track []string
	Log   *slog.Logger
}

// Event is a webhook's JSON body.
type Event struct {
	Event   string   `json:"event"` // "story_outlets" or "tracked"
	Story   string   `json:"story"`
	Title   string   `json:"title"`
	Outlets []string `json:"outlets,omitempty"`
	Name    string   `json:"name,omitempty"`
	Article string   `json:"article,omitempty"`
	Outlet  string   `json:"outlet,omitempty"`
	URL     string   `json:"url,omitempty"`
	At      string   `json:"at"`
}

// Check fires the events that new articles (id -> story) cause.
func (n *Notifier) Check(ctx context.Context, s store.Store, added map[string]string) {
	stories := map[string]bool{}
	for _, st := range added {
		stories[st] = true
	}
	ids := make([]string, 0, len(stories))
	for id := range stories {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	now := time.Now().UTC().Format(time.RFC3339)
	for _, id := range ids {
		arts, _, err := s.Story(ctx, id)
		if err != nil {
			continue
		}
		before, after := map[string]bool{}, map[string]bool{}
		for _, a := range arts {
			after[a.Outlet] = true
			if _, isNew := added[a.ID]; !isNew {
				before[a.Outlet] = true
			}
			if _, isNew := added[a.ID]; isNew {
				for _, name := range n.tracked(a) {
					n.post(ctx, Event{Event: "tracked", Story: id, Title: a.Title, Name: name, Article: a.ID, Outlet: a.Outlet, URL: a.URL, At: now})
				}
			}
		}
		if n.Outlets > 0 && len(before) < n.Outlets && len(after) >= n.Outlets {
			outs := make([]string, 0, len(after))
			for o := range after {
				outs = append(outs, o)
			}
			slices.Sort(outs)
			n.post(ctx, Event{Event: "story_outlets", Story: id, Title: arts[0].Title, Outlets: outs, At: now})
		}
	}
}

// tracked lists the tracked names a quotation speaker or entity of a
// matches.
func (n *Notifier) tracked(a news.AnalysedArticle) []string {
	var out []string
	for _, t := range n.Track {
		lt := strings.ToLower(t)
		hit := false
		for _, q := range a.Quotes {
			hit = hit || strings.Contains(strings.ToLower(q.Speaker), lt)
		}
		for _, e := range a.Entities {
			hit = hit || strings.Contains(strings.ToLower(e.Name), lt)
		}
		if hit {
			out = append(out, t)
		}
	}
	return out
}

func (n *Notifier) post(ctx context.Context, e Event) {
	b, _ := json.Marshal(e)
	if err := n.Client.PostJSON(ctx, n.URL, b); err != nil && n.Log != nil {
		n.Log.Warn("webhook failed", "event", e.Event, "story", e.Story, "err", err)
	}
}
