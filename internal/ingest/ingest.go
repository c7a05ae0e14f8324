// Package ingest is the write side of a store: it takes analysed articles
// (or raw articles, which it analyses), skips those already stored, assigns
// the rest to stories with a streaming clusterer warmed from the store's
// most recent articles, and writes them in batches (one transaction each).
// The ingest command, the server's POST /api/articles and the feed watcher
// all write through it, so every path dedups and clusters the same way.
package ingest

import (
	"context"
	"fmt"
	"iter"
	"sync"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/story"
)

// WarmWindow is how many stored articles are replayed into the clusterer
// when an Ingester starts, so new articles join existing stories.
const WarmWindow = 5000

// BatchSize is how many articles one transaction stores.
const BatchSize = 400

// Result counts what an ingest did.
type Result struct {
	Added int `json:"added"`
	Known int `json:"known"`
	// Stories maps each article added by an Articles call to its story.
	Stories map[string]string `json:"-"`
}

// Ingester writes articles into a store. It is safe for concurrent use;
// clustering and writes are serialised (story assignment depends on order).
type Ingester struct {
	store store.Store
	an    *pipeline.Analyser
	// empty records that the store held nothing when the Ingester
	// started (see StartedEmpty).
	empty bool

	mu      sync.Mutex
	c       *story.Clusterer
	batch   []store.Item
	pending []story.Prepared
	// seen holds the ids of the batch being filled; earlier batches are
	// in flight (whose ids write checks) or stored, so the store's Has
	// catches their repeats and memory stays bounded by a few batches.
	seen  map[string]bool
	res   Result
	track map[string]string // when set, writes record new articles' stories
	// flights are the batches being written in the background, oldest
	// first, at most maxFlights: while one is stored, the next is
	// clustered and the one after fills, so neither the analysis workers
	// nor the clusterer wait for the store.
	flights []*flight
}

// maxFlights is how many batches may be in the background at once: one
// being stored and one being clustered.
const maxFlights = 2

// flight is one batch on its way into the store. clustered is closed when
// its articles have their stories (ids then holds the ones it will store);
// stored is closed when it is written, or failed (w then holds the result).
type flight struct {
	clustered, stored chan struct{}
	ids               map[string]bool
	w                 written
}

// written is what writing one batch did.
type written struct {
	added, known int
	stories      map[string]string
	err          error
}

// New warms a clusterer from the store's recent articles. an may be nil
// when only analysed articles are added.
func New(ctx context.Context, s store.Store, an *pipeline.Analyser) (*Ingester, error) {
	c := story.New(story.DefaultParams)
	recent, ass, err := s.Recent(ctx, WarmWindow)
	if err != nil {
		return nil, fmt.Errorf("ingest: warm clusterer: %w", err)
	}
	for i, aa := range recent {
		c.Restore(story.Prepare(story.DocFrom(aa)), ass[i].Story)
	}
	return &Ingester{store: s, an: an, c: c, seen: map[string]bool{}, empty: len(recent) == 0}, nil
}

// StartedEmpty reports whether the store held no articles when the
// Ingester started. A caller that looks articles up in the store before
// analysing them (to skip what is stored) need not, then: only this
// Ingester adds to it (one writer per SQLite store), and Add finds any
// repeat anyway (with PostgreSQL and other writers the look-up is only a
// shortcut: Add still counts their articles as known).
func (in *Ingester) StartedEmpty() bool { return in.empty }

// Ready is an analysed article with what the serial write path needs
// computed beforehand: its clustering features and its packed analysis.
type Ready struct {
	Article  news.AnalysedArticle
	Prepared story.Prepared
	Packed   []byte
	// Known marks an article found already stored before it was analysed
	// (Skip): it is only counted.
	Known bool
}

// Skip is the Ready form of an article already stored: re-running an
// interrupted ingest skips the analysis of what is stored already.
func Skip(id string) Ready {
	return Ready{Article: news.AnalysedArticle{Article: news.Article{ID: id}}, Known: true}
}

// Prepare computes an article's Ready form. It is the expensive part of
// writing and is safe to run on a worker pool.
func Prepare(aa news.AnalysedArticle) (Ready, error) {
	packed, err := store.PackAnalysis(aa.Analysis)
	if err != nil {
		return Ready{}, fmt.Errorf("ingest: %s: %w", aa.Source, err)
	}
	return Ready{Article: aa, Prepared: story.Prepare(story.DocFrom(aa)), Packed: packed}, nil
}

// Add queues one prepared article, writing a batch when it is full. An
// article already stored or already added is counted as known.
func (in *Ingester) Add(ctx context.Context, r Ready) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.add(ctx, r)
}

func (in *Ingester) add(ctx context.Context, r Ready) error {
	if r.Known || in.seen[r.Article.ID] {
		in.res.Known++
		return nil
	}
	in.seen[r.Article.ID] = true
	in.batch = append(in.batch, store.Item{Article: r.Article, PackedAnalysis: r.Packed})
	in.pending = append(in.pending, r.Prepared)
	if len(in.batch) >= BatchSize {
		return in.flush(ctx)
	}
	return nil
}

// Flush writes what is queued and waits until it is stored.
func (in *Ingester) Flush(ctx context.Context) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if err := in.flush(ctx); err != nil {
		return err
	}
	return in.wait()
}

// flush hands the queued batch to the background: it is clustered once
// the batch before it is, and stored once the batch before it is, so
// batches are clustered and stored in order. With maxFlights batches in
// the background already, it first waits for the oldest.
func (in *Ingester) flush(ctx context.Context) error {
	if len(in.batch) == 0 {
		return nil
	}
	for len(in.flights) >= maxFlights {
		if err := in.land(); err != nil {
			return err
		}
	}
	batch, pending := in.batch, in.pending
	in.batch, in.pending = make([]store.Item, 0, BatchSize), make([]story.Prepared, 0, BatchSize)
	in.seen = make(map[string]bool, BatchSize)
	var prev *flight
	if len(in.flights) > 0 {
		prev = in.flights[len(in.flights)-1]
	}
	f := &flight{clustered: make(chan struct{}), stored: make(chan struct{})}
	in.flights = append(in.flights, f)
	go in.write(ctx, f, prev, batch, pending)
	return nil
}

// land waits for the oldest batch in the background and counts what it
// did.
func (in *Ingester) land() error {
	f := in.flights[0]
	<-f.stored
	in.flights = in.flights[1:]
	in.res.Added += f.w.added
	in.res.Known += f.w.known
	if in.track != nil {
		for id, st := range f.w.stories {
			in.track[id] = st
		}
	}
	return f.w.err
}

// wait waits for every batch in the background; it reports the first
// error.
func (in *Ingester) wait() error {
	var first error
	for len(in.flights) > 0 {
		if err := in.land(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// write checks a batch's ids against the store in one query and against
// the batch before it (prev, which may not be stored yet), clusters the
// new articles in arrival order once prev is clustered, and stores them in
// one transaction once prev is stored. A failed prev fails this batch
// too, unstored. The clusterer is touched by one write at a time, in
// batch order.
func (in *Ingester) write(ctx context.Context, f, prev *flight, batch []store.Item, pending []story.Prepared) {
	defer close(f.stored)
	clustered := false
	defer func() {
		if !clustered {
			close(f.clustered)
		}
	}()
	ids := make([]string, len(batch))
	for i, it := range batch {
		ids[i] = it.Article.ID
	}
	has, err := in.store.Has(ctx, ids)
	if prev != nil {
		<-prev.clustered
	}
	if err != nil {
		f.w.err = fmt.Errorf("ingest: %w", err)
		return
	}
	items := batch[:0]
	f.ids = make(map[string]bool, len(batch))
	fresh := pending[:0]
	for i, it := range batch {
		if has[it.Article.ID] || (prev != nil && prev.ids[it.Article.ID]) {
			f.w.known++
			continue
		}
		items = append(items, it)
		fresh = append(fresh, pending[i])
		f.ids[it.Article.ID] = true
	}
	// Each article is decided with the rest of the batch in view (see
	// story.AddAhead).
	for i := range items {
		items[i].Assignment = in.c.AddAhead(fresh[i], fresh[i+1:])
	}
	clustered = true
	close(f.clustered)
	if prev != nil {
		<-prev.stored
		if prev.w.err != nil {
			f.w.err = prev.w.err
			return
		}
	}
	n, err := in.store.Put(ctx, items)
	if err != nil {
		f.w.err = fmt.Errorf("ingest: %w", err)
		return
	}
	f.w.stories = make(map[string]string, len(items))
	for _, it := range items {
		f.w.stories[it.Article.ID] = it.Assignment.Story
	}
	f.w.added, f.w.known = n, f.w.known+len(items)-n
}

// Result reports the counts so far.
func (in *Ingester) Result() Result {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.res
}

// Articles analyses raw articles on a worker pool and stores them, all
// written before it returns. It reports what this call added.
func (in *Ingester) Articles(ctx context.Context, arts []news.Article) (Result, error) {
	if in.an == nil {
		return Result{}, fmt.Errorf("ingest: no analyser")
	}
	src := iter.Seq2[news.Article, error](func(yield func(news.Article, error) bool) {
		for _, a := range arts {
			if !yield(a, nil) {
				return
			}
		}
	})
	var done []Ready
	for pr, err := range pipeline.Map(ctx, src, 0, func(a news.Article) (Ready, error) {
		return Prepare(in.an.Analyse(a))
	}) {
		if err != nil {
			return Result{}, err
		}
		done = append(done, pr)
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if err := in.wait(); err != nil { // a write still running belongs to an earlier call
		return Result{}, err
	}
	before := in.res
	in.track = map[string]string{}
	defer func() { in.track = nil }()
	for _, pr := range done {
		if err := in.add(ctx, pr); err != nil {
			return Result{}, err
		}
	}
	if err := in.flush(ctx); err != nil {
		return Result{}, err
	}
	if err := in.wait(); err != nil {
		return Result{}, err
	}
	return Result{Added: in.res.Added - before.Added, Known: in.res.Known - before.Known, Stories: in.track}, nil
}
