package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/store/postgres/pgtest"
	"github.com/parallax-news/parallax/internal/store/storetest"
)

func open(t testing.TB, url string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, pgtest.URL(t)) })
}

// TestConcurrentWriters has four processes' worth of stores (each its own
// pool) open the same fresh schema at once, which races the migrations,
// and put overlapping batches into shared stories at the same time.
func TestConcurrentWriters(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	const writers, perWriter = 4, 60
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(ctx, url)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			var items []store.Item
			for i := range perWriter {
				// Ids overlap between neighbouring writers; stories are shared.
				id := fmt.Sprintf("c%d", w*perWriter/2+i)
				items = append(items, storetest.Item(storetest.Article(id, fmt.Sprint("Outlet ", i%3), "2026-01-01", "T "+id, "Text of "+id), fmt.Sprint("s-", i%5), ""))
				if len(items) == 10 {
					if _, err := s.Put(ctx, items); err != nil {
						errs <- err
						return
					}
					items = nil
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s := open(t, url)
	defer s.Close()
	st, err := s.Stats(ctx)
	distinct := (writers-1)*perWriter/2 + perWriter
	if err != nil || st.Articles != distinct || st.Stories != 5 {
		t.Fatalf("stats = %+v, %v; want %d articles in 5 stories", st, err, distinct)
	}
	sts, err := s.Stories(ctx, store.StoryQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, x := range sts {
		total += x.Articles
	}
	if total != distinct {
		t.Errorf("story summaries count %d articles, want %d: concurrent refreshes lost updates", total, distinct)
	}
}

// TestOppositeOrders has two stores put the same new articles at once,
// one batch in the reverse order of the other. Inserted in batch order,
// each would wait on a row the other holds (a deadlock PostgreSQL breaks
// by failing one: about one round in four did). Storage order must stay
// the batch's.
func TestOppositeOrders(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	s1, s2 := open(t, url), open(t, url)
	defer s1.Close()
	defer s2.Close()
	const rounds, size = 20, 40
	for r := range rounds {
		var items []store.Item
		for i := range size {
			id := fmt.Sprintf("r%02d-%02d", r, i)
			items = append(items, storetest.Item(storetest.Article(id, "Outlet", "2026-01-01", "T "+id, "Text of "+id), "s-"+id, ""))
		}
		rev := slices.Clone(items)
		slices.Reverse(rev)
		var wg sync.WaitGroup
		var added [2]int
		var errs [2]error
		for w, pair := range []struct {
			s     *postgres.Store
			batch []store.Item
		}{{s1, items}, {s2, rev}} {
			wg.Go(func() { added[w], errs[w] = pair.s.Put(ctx, pair.batch) })
		}
		wg.Wait()
		if err := errors.Join(errs[:]...); err != nil {
			t.Fatalf("round %d: %v", r, err)
		}
		if added[0]+added[1] != size {
			t.Fatalf("round %d: added %d + %d, want %d in all", r, added[0], added[1], size)
		}
	}
	// Each round's articles are stored contiguously, in the order of the
	// batch that stored them.
	var walked []string
	if err := s1.Walk(ctx, func(a news.AnalysedArticle, _ news.Assignment) error {
		walked = append(walked, a.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(walked) != rounds*size {
		t.Fatalf("walked %d articles, want %d", len(walked), rounds*size)
	}
	for r := range rounds {
		got := walked[r*size : (r+1)*size]
		want := make([]string, size)
		for i := range want {
			want[i] = fmt.Sprintf("r%02d-%02d", r, i)
		}
		back := slices.Clone(want)
		slices.Reverse(back)
		if !slices.Equal(got, want) && !slices.Equal(got, back) {
			t.Errorf("round %d stored in order %v: neither batch's", r, got)
		}
	}
}

func BenchmarkPut(b *testing.B) {
	s := open(b, pgtest.URL(b))
	defer s.Close()
	ctx := context.Background()
	n := 0
	for b.Loop() {
		var items []store.Item
		for range 100 {
			n++
			id := fmt.Sprint("b", n)
			items = append(items, storetest.Item(storetest.Article(id, "Outlet", "2026-01-01", "Title "+id, "Some text of the article "+id+"."), fmt.Sprint("s-", n%50), ""))
		}
		if _, err := s.Put(ctx, items); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
