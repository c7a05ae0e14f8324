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

	mu      sync.Mutex
	c       *story.Clusterer
	batch   []store.Item
	pending []story.Prepared
	// seen holds the ids of the batch being filled; earlier batches are
	// stored before the next is written, so the store's Has catches their
	// repeats and memory stays bounded by one batch.
	seen  map[string]bool
	res   Result
	track map[string]string // when set, writes record new articles' stories
	// writing carries the result of the batch being written in the
	// background (nil when none is): the next batch fills meanwhile, so
	// the analysis workers never wait for the store.
	writing chan written
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
	return &Ingester{store: s, an: an, c: c, seen: map[string]bool{}}, nil
}

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

// flush hands the queued batch to a background write, after waiting for
// the previous one: batches are clustered and stored one after the other,
// in order.
func (in *Ingester) flush(ctx context.Context) error {
	if err := in.wait(); err != nil {
		return err
	}
	if len(in.batch) == 0 {
		return nil
	}
	batch, pending := in.batch, in.pending
	in.batch, in.pending = make([]store.Item, 0, BatchSize), make([]story.Prepared, 0, BatchSize)
	in.seen = make(map[string]bool, BatchSize)
	in.writing = make(chan written, 1)
	go func() { in.writing <- in.write(ctx, batch, pending) }()
	return nil
}

// wait waits for the background write and counts what it did.
func (in *Ingester) wait() error {
	if in.writing == nil {
		return nil
	}
	w := <-in.writing
	in.writing = nil
	in.res.Added += w.added
	in.res.Known += w.known
	if in.track != nil {
		for id, st := range w.stories {
			in.track[id] = st
		}
	}
	return w.err
}

// write checks a batch's ids against the store in one query, clusters the
// new articles in arrival order and stores them in one transaction. Only
// one write runs at a time, so it alone touches the clusterer.
func (in *Ingester) write(ctx context.Context, batch []store.Item, pending []story.Prepared) written {
	var w written
	ids := make([]string, len(batch))
	for i, it := range batch {
		ids[i] = it.Article.ID
	}
	has, err := in.store.Has(ctx, ids)
	if err != nil {
		w.err = fmt.Errorf("ingest: %w", err)
		return w
	}
	items := batch[:0]
	for i, it := range batch {
		if has[it.Article.ID] {
			w.known++
			continue
		}
		it.Assignment = in.c.AddPrepared(pending[i])
		items = append(items, it)
	}
	n, err := in.store.Put(ctx, items)
	if err != nil {
		w.err = fmt.Errorf("ingest: %w", err)
		return w
	}
	w.stories = make(map[string]string, len(items))
	for _, it := range items {
		w.stories[it.Article.ID] = it.Assignment.Story
	}
	w.added, w.known = n, w.known+len(items)-n
	return w
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
