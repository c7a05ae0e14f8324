// Package worker runs Parallax's pipeline on a PostgreSQL job queue so
// that many processes, on one machine or many, share the work.
//
// Every worker extracts and analyses documents (the costly stages) in
// parallel with the others. Story assignment depends on order, so exactly
// one worker at a time is the writer: the one holding the queue's advisory
// lock. The writer clusters the analysed results in job order (the order
// they were enqueued, whichever worker finished first) with a clusterer
// warmed from the store, and stores them; when it dies its lock passes to
// another worker, which warms its own clusterer from the store and goes
// on. Writes are idempotent, so a writer killed between storing a batch
// and marking it done loses nothing and duplicates nothing.
package worker

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/queue"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/story"
)

// KindDocument is the job kind of a document to extract and analyse.
const KindDocument = "document"

// document is a news.Document on the wire.
type document struct {
	Source string       `json:"source"`
	Format news.Format  `json:"format"`
	Body   []byte       `json:"body,omitempty"`
	Hint   news.Article `json:"hint"`
}

// EncodeDocument makes a job payload of a document.
func EncodeDocument(d news.Document) ([]byte, error) {
	return json.Marshal(document{d.Source, d.Format, d.Body, d.Hint})
}

// DecodeDocument reads a job payload.
func DecodeDocument(b []byte) (news.Document, error) {
	var d document
	if err := json.Unmarshal(b, &d); err != nil {
		return news.Document{}, err
	}
	return news.Document{Source: d.Source, Format: d.Format, Body: d.Body, Hint: d.Hint}, nil
}

// result is an analysed article on the wire: the article and its packed
// analysis (sentences are recomputed from the text).
type result struct {
	Article  news.Article `json:"article"`
	Analysis []byte       `json:"analysis"`
}

func encodeResult(aa news.AnalysedArticle) ([]byte, error) {
	packed, err := store.PackAnalysis(aa.Analysis)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(result{aa.Article, packed})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func decodeResult(b []byte) (news.AnalysedArticle, []byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return news.AnalysedArticle{}, nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return news.AnalysedArticle{}, nil, err
	}
	var r result
	if err := json.Unmarshal(raw, &r); err != nil {
		return news.AnalysedArticle{}, nil, err
	}
	an, err := store.UnpackAnalysis(r.Analysis, r.Article.Text)
	if err != nil {
		return news.AnalysedArticle{}, nil, err
	}
	return news.AnalysedArticle{Article: r.Article, Analysis: an}, r.Analysis, nil
}

// Worker is one worker process's loop.
type Worker struct {
	Queue    *queue.Queue
	Store    store.Store
	Analyser *pipeline.Analyser
	Outlets  *outlet.Table
	Log      *slog.Logger
	// Name identifies the worker in the queue (default host:pid).
	Name string
	// Batch is how many jobs are claimed at once (default 32).
	Batch int
	// Workers is the analysis goroutines (default GOMAXPROCS).
	Workers int
	// Poll is the wait when there is nothing to do (default 500 ms).
	Poll time.Duration
	// Stop, when set, ends Run once the queue has nothing left to do
	// (no queued, running or analysed job): for batch runs and tests.
	Stop bool
	// analyse replaces extraction+analysis in tests.
	analyse func(news.Document) (news.AnalysedArticle, error)
}

func (w *Worker) defaults() {
	if w.Name == "" {
		host, _ := os.Hostname()
		w.Name = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	if w.Batch <= 0 {
		w.Batch = 32
	}
	if w.Poll <= 0 {
		w.Poll = 500 * time.Millisecond
	}
	if w.Log == nil {
		w.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if w.analyse == nil {
		w.analyse = func(d news.Document) (news.AnalysedArticle, error) {
			a, err := extract.Article(d, extract.Options{Outlets: w.Outlets})
			if err != nil {
				return news.AnalysedArticle{}, queue.Permanent(err)
			}
			return w.Analyser.Analyse(a), nil
		}
	}
}

// Run works until ctx ends (or, with Stop, until the queue is drained).
func (w *Worker) Run(ctx context.Context) error {
	w.defaults()
	errc := make(chan error, 2)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { errc <- w.analyseLoop(ctx) }()
	go func() { errc <- w.writeLoop(ctx) }()
	err := <-errc
	cancel()
	err2 := <-errc
	if errors.Is(err, context.Canceled) {
		err = err2
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, errDrained) {
		return nil
	}
	return err
}

var errDrained = errors.New("queue drained")

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// analyseLoop claims jobs and analyses them on a worker pool. Claiming is
// a stream: the next batch is claimed while the pool works on the last, so
// no core idles at the end of a batch.
func (w *Worker) analyseLoop(ctx context.Context) error {
	jobs := func(yield func(queue.Job, error) bool) {
		for ctx.Err() == nil {
			batch, err := w.Queue.Claim(ctx, w.Name, w.Batch)
			if err != nil {
				if ctx.Err() == nil {
					w.Log.Error("claim", "err", err)
				}
			}
			for _, j := range batch {
				if !yield(j, nil) {
					return
				}
			}
			if len(batch) < w.Batch {
				if sleep(ctx, w.Poll) != nil {
					return
				}
			}
		}
	}
	type done struct {
		job    queue.Job
		result []byte
		err    error
	}
	for d := range pipeline.Map(ctx, jobs, w.Workers, func(j queue.Job) (done, error) {
		res, err := w.run(j)
		return done{j, res, err}, nil
	}) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.err != nil {
			w.Log.Warn("job failed", "job", d.job.ID, "attempt", d.job.Attempts, "err", d.err)
			if err := w.Queue.Fail(ctx, d.job, w.Name, d.err); err != nil {
				w.Log.Error("fail", "job", d.job.ID, "err", err)
			}
			continue
		}
		if err := w.Queue.Analysed(ctx, d.job.ID, w.Name, d.result); err != nil && !errors.Is(err, queue.ErrLost) {
			w.Log.Error("analysed", "job", d.job.ID, "err", err)
		}
	}
	return ctx.Err()
}

// run does one job, turning a panic on hostile input into a failure.
func (w *Worker) run(j queue.Job) (res []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = queue.Permanent(fmt.Errorf("panic: %v", r))
		}
	}()
	if j.Kind != KindDocument {
		return nil, queue.Permanent(fmt.Errorf("unknown job kind %q", j.Kind))
	}
	d, err := DecodeDocument(j.Payload)
	if err != nil {
		return nil, queue.Permanent(fmt.Errorf("job %d: payload: %w", j.ID, err))
	}
	aa, err := w.analyse(d)
	if err != nil {
		return nil, err
	}
	return encodeResult(aa)
}

// writeLoop tries to become the writer, and while it is, stores analysed
// results in job order.
func (w *Worker) writeLoop(ctx context.Context) error {
	for {
		l, err := w.Queue.TryLead(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			w.Log.Error("lead", "err", err)
		}
		if l != nil {
			w.Log.Info("writer", "worker", w.Name)
			err := w.write(ctx, l)
			l.Release(context.Background())
			if err != nil {
				return err
			}
		} else if w.Stop {
			if idle, err := w.idle(ctx); err == nil && idle {
				return errDrained
			}
		}
		if err := sleep(ctx, w.Poll); err != nil {
			return err
		}
	}
}

func (w *Worker) idle(ctx context.Context) (bool, error) {
	c, err := w.Queue.Counts(ctx)
	if err != nil {
		return false, err
	}
	return c["queued"]+c["running"]+c["analysed"] == 0, nil
}

func (w *Worker) write(ctx context.Context, l *queue.Leader) error {
	in, err := ingest.New(ctx, w.Store, nil)
	if err != nil {
		return err
	}
	for {
		if !l.Alive(ctx) {
			return nil // lost the lock (connection reset): stand for election again
		}
		res, err := w.Queue.Ready(ctx, 200)
		if err != nil {
			return err
		}
		if len(res) == 0 {
			if w.Stop {
				if idle, err := w.idle(ctx); err == nil && idle {
					return errDrained
				}
			}
			if err := sleep(ctx, w.Poll); err != nil {
				return err
			}
			continue
		}
		ids := make([]int64, len(res))
		for i, r := range res {
			ids[i] = r.ID
			aa, packed, err := decodeResult(r.Result)
			if err != nil {
				return fmt.Errorf("worker: job %d: result: %w", r.ID, err)
			}
			ready := ingest.Ready{Article: aa, Prepared: story.Prepare(story.DocFrom(aa)), Packed: packed}
			if err := in.Add(ctx, ready); err != nil {
				return err
			}
		}
		if err := in.Flush(ctx); err != nil {
			return err
		}
		if err := w.Queue.Done(ctx, ids); err != nil {
			return err
		}
		w.Log.Info("stored", "jobs", len(ids), "total", in.Result())
	}
}
