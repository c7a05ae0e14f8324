package ingest_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/story"
)

// articles are n articles on a handful of topics, so stories form.
func articles(n int) []news.AnalysedArticle {
	topics := []string{
		"The ferry strike in Veloria ended after talks between the union and the port authority.",
		"Heavy rain flooded the valley roads and the river rose above its banks overnight.",
		"The central bank raised interest rates again to slow inflation, its governor said.",
		"The football club sacked its manager after a run of seven defeats in the league.",
	}
	out := make([]news.AnalysedArticle, n)
	for i := range out {
		t := topics[i%len(topics)]
		out[i] = news.AnalysedArticle{Article: news.Article{
			ID: fmt.Sprintf("a%04d", i), Source: fmt.Sprintf("in#%d", i), Outlet: fmt.Sprint("Outlet ", i%5),
			Published: fmt.Sprintf("2026-03-%02dT%02d:00:00Z", 1+i/200, i%24), Title: fmt.Sprintf("Story %d", i%len(topics)),
			Text: fmt.Sprintf("%s Item %d adds detail number %d.", t, i, i*7),
		}}
	}
	return out
}

// onceStore fails a Put of an article handed to an earlier Put: the
// ingester must not cluster an article twice (the store would only skip
// it, after the clusterer had counted it again).
type onceStore struct {
	store.Store
	mu  sync.Mutex
	put map[string]bool
}

func (s *onceStore) Put(ctx context.Context, items []store.Item) (int, error) {
	s.mu.Lock()
	for _, it := range items {
		if s.put[it.Article.ID] {
			s.mu.Unlock()
			return 0, fmt.Errorf("article %s put twice", it.Article.ID)
		}
		s.put[it.Article.ID] = true
	}
	s.mu.Unlock()
	return s.Store.Put(ctx, items)
}

// TestRepeatsAcrossBatchesInFlight adds articles with repeats of articles
// one and two batches back (stored or still in the background) and of the
// same batch, and checks that every article is stored once with the story
// a plain, serial clustering of the distinct articles gives.
func TestRepeatsAcrossBatchesInFlight(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &onceStore{Store: db, put: map[string]bool{}}
	in, err := ingest.New(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !in.StartedEmpty() {
		t.Fatal("a new store did not start empty")
	}
	arts := articles(5*ingest.BatchSize + 17)
	var stream []news.AnalysedArticle
	for i, a := range arts {
		stream = append(stream, a)
		for _, back := range []int{1, ingest.BatchSize - 3, ingest.BatchSize + 5, 2*ingest.BatchSize + 1} {
			if i%97 == 0 && i >= back {
				stream = append(stream, arts[i-back])
			}
		}
	}
	for _, a := range stream {
		r, err := ingest.Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := in.Add(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := in.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	res := in.Result()
	if res.Added != len(arts) || res.Known != len(stream)-len(arts) {
		t.Fatalf("added %d, known %d; want %d, %d", res.Added, res.Known, len(arts), len(stream)-len(arts))
	}
	c := story.New(story.DefaultParams)
	n := 0
	err = s.Walk(ctx, func(a news.AnalysedArticle, as news.Assignment) error {
		if a.ID != arts[n].ID {
			return fmt.Errorf("stored article %d is %s, want %s", n, a.ID, arts[n].ID)
		}
		if want := c.Add(story.DocFrom(arts[n])); as.Story != want.Story || as.DuplicateOf != want.DuplicateOf {
			return fmt.Errorf("article %s: story %s (dup of %q), want %s (%q)", a.ID, as.Story, as.DuplicateOf, want.Story, want.DuplicateOf)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(arts) {
		t.Fatalf("%d articles stored, want %d", n, len(arts))
	}
	in2, err := ingest.New(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if in2.StartedEmpty() {
		t.Fatal("a filled store started empty")
	}
}
