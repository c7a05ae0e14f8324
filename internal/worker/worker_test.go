package worker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/queue"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/store/postgres/pgtest"
	"github.com/parallax-news/parallax/internal/story"
)

var analyser = sync.OnceValues(pipeline.NewAnalyser)

func open(t testing.TB, url string) (*postgres.Store, *queue.Queue) {
	t.Helper()
	s, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	q, err := queue.Open(context.Background(), s.Pool())
	if err != nil {
		t.Fatal(err)
	}
	q.Backoff = func(int) time.Duration { return 10 * time.Millisecond }
	return s, q
}

// docs are the example corpus plus n synthetic articles, as documents.
func docs(t testing.TB, n int) []news.Document {
	var out []news.Document
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{filepath.Join("..", "..", "examples")}) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	for i := range n {
		out = append(out, news.Document{Source: fmt.Sprint("synthetic#", i), Format: news.FormatArticle, Hint: news.Article{
			ID: fmt.Sprint("syn", i), Outlet: fmt.Sprint("Outlet ", i%4), Published: fmt.Sprintf("2026-04-%02d", 1+i/8),
			Title: fmt.Sprintf("Storm number %d reaches the coast of Region %d", i/8, i/8),
			Text:  fmt.Sprintf("Storm number %d reached the coast of Region %d on Monday, officials said. Mayor Ada Number%d said \"we are ready\".", i/8, i/8, i/8),
		}})
	}
	return out
}

func enqueue(t testing.TB, q *queue.Queue, ds []news.Document) {
	var payloads [][]byte
	for _, d := range ds {
		b, err := EncodeDocument(d)
		if err != nil {
			t.Fatal(err)
		}
		payloads = append(payloads, b)
	}
	if err := q.Enqueue(context.Background(), KindDocument, payloads); err != nil {
		t.Fatal(err)
	}
}

// sequential is what one process clustering the documents in order gives.
func sequential(t testing.TB, ds []news.Document) map[string]string {
	an, err := analyser()
	if err != nil {
		t.Fatal(err)
	}
	c := story.New(story.DefaultParams)
	out := map[string]string{}
	for _, d := range ds {
		a, err := extract.Article(d, extract.Options{})
		if err != nil {
			continue
		}
		if _, dup := out[a.ID]; dup {
			continue
		}
		out[a.ID] = c.Add(story.DocFrom(an.Analyse(a))).Story
	}
	return out
}

func stored(t testing.TB, s *postgres.Store) map[string]string {
	got := map[string]string{}
	err := s.Walk(context.Background(), func(a news.AnalysedArticle, as news.Assignment) error {
		if _, dup := got[a.ID]; dup {
			t.Errorf("article %s stored twice", a.ID)
		}
		got[a.ID] = as.Story
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestWorkersShareTheQueue(t *testing.T) {
	url := pgtest.URL(t)
	s, q := open(t, url)
	ds := docs(t, 40)
	ds = append(ds, news.Document{Source: "junk.bin", Format: news.FormatText, Body: []byte("   ")})
	enqueue(t, q, ds)
	an, err := analyser()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ws, wq := open(t, url)
			w := &Worker{Queue: wq, Store: ws, Analyser: an, Name: fmt.Sprint("w", i), Batch: 4, Poll: 20 * time.Millisecond, Stop: true}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			if err := w.Run(ctx); err != nil {
				t.Errorf("worker %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	counts, err := q.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if counts["done"] != len(ds)-1 || counts["dead"] != 1 {
		t.Errorf("job states %v, want %d done and 1 dead", counts, len(ds)-1)
	}
	dead, _ := q.Dead(context.Background(), 10)
	if len(dead) != 1 || !strings.Contains(dead[0].Error, "junk.bin") || dead[0].Attempts != 1 {
		t.Errorf("dead letters %+v: want junk.bin's error after one attempt", dead)
	}
	want, got := sequential(t, ds), stored(t, s)
	if len(got) != len(want) {
		t.Fatalf("stored %d articles, want %d", len(got), len(want))
	}
	for id, st := range want {
		if got[id] != st {
			t.Errorf("article %s in story %s, one process in input order gives %s", id, got[id], st)
		}
	}
}

func TestRetryAndDeadLetter(t *testing.T) {
	url := pgtest.URL(t)
	s, q := open(t, url)
	q.MaxAttempts = 3
	ds := docs(t, 3)[len(docs(t, 0)):]
	enqueue(t, q, ds)
	an, _ := analyser()
	var mu sync.Mutex
	tries := map[string]int{}
	w := &Worker{Queue: q, Store: s, Analyser: an, Name: "flaky", Poll: 10 * time.Millisecond, Stop: true}
	w.analyse = func(d news.Document) (news.AnalysedArticle, error) {
		mu.Lock()
		tries[d.Source]++
		n := tries[d.Source]
		mu.Unlock()
		switch {
		case d.Source == "synthetic#0" && n < 3:
			return news.AnalysedArticle{}, errors.New("database hiccup")
		case d.Source == "synthetic#1":
			return news.AnalysedArticle{}, errors.New("always broken")
		}
		return an.Analyse(d.Hint), nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if tries["synthetic#0"] != 3 || tries["synthetic#1"] != 3 || tries["synthetic#2"] != 1 {
		t.Errorf("attempts %v: want 3 (two retries), 3 (then dead) and 1", tries)
	}
	dead, _ := q.Dead(ctx, 10)
	if len(dead) != 1 || dead[0].Error != "always broken" || dead[0].Attempts != 3 {
		t.Errorf("dead letters %+v", dead)
	}
	if got := stored(t, s); len(got) != 2 {
		t.Errorf("stored %v, want syn0 and syn2", got)
	}
	if n, err := q.Retry(ctx); err != nil || n != 1 {
		t.Errorf("Retry = %d, %v", n, err)
	}
}

// childEnv makes the test binary a worker that is slow on every job and
// never stops, to be killed.
const childEnv = "PARALLAX_WORKER_CHILD"

func TestMain(m *testing.M) {
	if url := os.Getenv(childEnv); url != "" {
		ctx := context.Background()
		s, err := postgres.Open(ctx, url)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		q, err := queue.Open(ctx, s.Pool())
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		q.Lease = time.Second
		an, _ := analyser()
		w := &Worker{Queue: q, Store: s, Analyser: an, Name: "doomed", Batch: 4, Workers: 2, Poll: 10 * time.Millisecond}
		w.analyse = func(d news.Document) (news.AnalysedArticle, error) {
			time.Sleep(150 * time.Millisecond)
			return an.Analyse(d.Hint), nil
		}
		w.Run(ctx)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestKilledWorkerLosesNothing(t *testing.T) {
	url := pgtest.URL(t)
	s, q := open(t, url)
	ds := docs(t, 24)[len(docs(t, 0)):]
	enqueue(t, q, ds)
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), childEnv+"="+url)
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it mid-work: once it has stored something and holds claimed jobs.
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := q.Counts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if c["done"] > 0 && c["running"] > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("child made no progress: %v", c)
		}
		time.Sleep(20 * time.Millisecond)
	}
	child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	before, _ := q.Counts(context.Background())
	an, _ := analyser()
	w := &Worker{Queue: q, Store: s, Analyser: an, Name: "survivor", Poll: 20 * time.Millisecond, Stop: true}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	c, _ := q.Counts(ctx)
	if c["done"] != len(ds) || c["dead"] != 0 {
		t.Errorf("after the kill (%v) and a new worker: %v, want all %d done", before, c, len(ds))
	}
	if got := stored(t, s); len(got) != len(ds) {
		t.Errorf("stored %d articles, want %d", len(got), len(ds))
	}
}
