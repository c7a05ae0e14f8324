package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/store/storetest"
)

func open(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, filepath.Join(t.TempDir(), "p.db")) })
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s := open(t, path)
	a := storetest.Article("x1", "Wire", "2026-01-02", "Title", "Body text.")
	if _, err := s.Put(context.Background(), []store.Item{storetest.Item(a, "s-x1", "")}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, path) // migrations are not applied twice
	defer s.Close()
	if _, err := s.Article(context.Background(), "x1"); err != nil {
		t.Fatal(err)
	}
}

// crashEnv makes the test binary act as a child that writes batches into
// the store named by the variable until it is killed.
const crashEnv = "PARALLAX_STORE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashEnv); path != "" {
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		for b := 0; ; b++ {
			var items []store.Item
			for i := range 20 {
				id := fmt.Sprintf("c%d-%d", b, i)
				items = append(items, storetest.Item(storetest.Article(id, "Wire", "2026-01-01", "T "+id, "Body of "+id), fmt.Sprint("s-", b), ""))
			}
			if _, err := s.Put(context.Background(), items); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(4)
			}
		}
	}
	os.Exit(m.Run())
}

// TestKill9LeavesAConsistentStore kills a writing child process with
// SIGKILL and checks the store: it opens, passes SQLite's integrity check,
// and holds only whole batches (every story has its 20 articles).
func TestKill9LeavesAConsistentStore(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	s := open(t, path)
	defer s.Close()
	sts, err := s.Stories(context.Background(), store.StoryQuery{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) == 0 {
		t.Fatal("the child wrote nothing before it was killed")
	}
	for _, st := range sts {
		if st.Articles != 20 {
			t.Fatalf("story %s has %d articles: a batch was half stored", st.ID, st.Articles)
		}
	}
	if msg := s.IntegrityCheck(context.Background()); msg != "ok" {
		t.Fatalf("integrity check: %s", msg)
	}
	t.Logf("%d whole batches survived the kill", len(sts))
}

// BenchmarkPut stores articles of about 4 KB with a few quotations each,
// in batches of 100, and reports articles/s and bytes on disk per 1,000.
func BenchmarkPut(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	body := ""
	for len(body) < 4000 {
		body += "The ferry strike in Veloria ended on Tuesday after talks between the union and the port authority. "
	}
	n := 0
	b.ResetTimer()
	for b.Loop() {
		var items []store.Item
		for i := range 100 {
			id := fmt.Sprintf("b%d", n+i)
			a := storetest.Article(id, fmt.Sprint("Outlet ", i%7), "2026-03-03", "Title "+id, body,
				news.Quote{Text: "Nobody wins when the boats stay in the harbour", Kind: news.Direct, Speaker: "Lena Ortiz"})
			items = append(items, storetest.Item(a, fmt.Sprint("s-", (n+i)/5), ""))
		}
		if _, err := s.Put(context.Background(), items); err != nil {
			b.Fatal(err)
		}
		n += 100
	}
	b.StopTimer()
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			size += fi.Size()
		}
	}
	b.ReportMetric(float64(size)/float64(n)*1000/(1<<20), "MB/1k-articles")
}

// BenchmarkPutReal stores the first 16,000 articles of allsides-37k (real
// texts, so the full-text index sees real vocabularies) with a 2.7 KB
// packed analysis each (the average there), in batches of ingest's size
// into a fresh store, and reports articles/s and MB per 1,000 articles.
func BenchmarkPutReal(b *testing.B) {
	arts := realArticles(b, 16000)
	packed := make([]byte, 2700)
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range packed {
		packed[i] = byte(rnd.Uint32())
	}
	items := make([]store.Item, len(arts))
	for i, a := range arts {
		items[i] = store.Item{Article: a, PackedAnalysis: packed}
	}
	benchPut(b, items)
}

// BenchmarkPutAnalysed is BenchmarkPutReal on 4,000 analysed articles:
// with their quotations (rows and full-text column) and packed analyses,
// as ingest stores them.
func BenchmarkPutAnalysed(b *testing.B) {
	arts := realArticles(b, 4000)
	an, err := pipeline.NewAnalyser()
	if err != nil {
		b.Fatal(err)
	}
	items := make([]store.Item, len(arts))
	for i, a := range arts {
		aa := an.Analyse(a.Article)
		p, err := store.PackAnalysis(aa.Analysis)
		if err != nil {
			b.Fatal(err)
		}
		items[i] = store.Item{Article: aa, PackedAnalysis: p}
	}
	benchPut(b, items)
}

// benchPut stores items into a new store per iteration, a batch of
// ingest.BatchSize per transaction, each five consecutive articles one
// story, and reports articles/s, CPU µs per article and the store's size.
func benchPut(b *testing.B, all []store.Item) {
	var size int64
	n := 0
	var ru0 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		s, err := sqlite.Open(context.Background(), filepath.Join(dir, "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for chunk := range slices.Chunk(all, ingest.BatchSize) {
			items := slices.Clone(chunk)
			for i := range items {
				items[i].Assignment = news.Assignment{ArticleID: items[i].Article.ID, Story: fmt.Sprint("s-", (n+i)/5)}
			}
			if _, err := s.Put(context.Background(), items); err != nil {
				b.Fatal(err)
			}
			n += len(chunk)
		}
		b.StopTimer()
		s.Close()
		size = 0
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(filepath.Join(dir, "bench.db") + suffix); err == nil {
				size += fi.Size()
			}
		}
		b.StartTimer()
	}
	var ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(cpu.Seconds()/float64(n)*1e6, "cpu-µs/article")
	b.ReportMetric(float64(size)/float64(len(all))*1000/(1<<20), "MB/1k-articles")
}

// TestSearchOrderEitherWay checks that searches give the page a plain
// sort gives (newest first, then storage order, undated last), whichever
// way Search finds it: words in every article, in half, in a few.
func TestSearchOrderEitherWay(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "p.db"))
	defer s.Close()
	type art struct {
		id, published string
		seq           int
		words         []string
	}
	var arts []art
	var items []store.Item
	for i := range 400 {
		published := ""
		if i%9 != 0 {
			published = fmt.Sprintf("2026-03-%02d", 1+(i*37)%28) // many share a day
		}
		words := []string{"common"}
		if i%2 == 0 {
			words = append(words, "half")
		}
		if i%97 == 0 {
			words = append(words, "rare")
		}
		id := fmt.Sprintf("a%03d", i)
		arts = append(arts, art{id, published, i, words})
		body := "Body of " + id + " with " + strings.Join(words, " and ") + "."
		items = append(items, storetest.Item(storetest.Article(id, "Wire", published, "Title "+id, body), "s-"+id, ""))
	}
	if _, err := s.Put(ctx, items); err != nil {
		t.Fatal(err)
	}
	for _, q := range []store.SearchQuery{
		{Text: "common", Limit: 5}, {Text: "common", Limit: 50}, {Text: "common", Limit: 500},
		{Text: "half", Limit: 7}, {Text: "half", Limit: 300}, {Text: "rare", Limit: 2}, {Text: "rare"},
		{Text: "half", Entity: "common", Limit: 20}, {Text: "common rare", Limit: 3}, {Text: "absent"},
	} {
		var want []string
		sorted := slices.Clone(arts)
		slices.SortStableFunc(sorted, func(a, b art) int { return -strings.Compare(a.published, b.published) })
		for _, a := range sorted {
			ok := true
			for _, w := range strings.Fields(q.Text + " " + q.Entity) {
				ok = ok && slices.Contains(a.words, w)
			}
			if ok && len(want) < store.PageSize(q.Limit) {
				want = append(want, a.id)
			}
		}
		hits, err := s.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.ArticleID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v: got %v, want %v", q, got, want)
		}
	}
}

// realArticles reads the first n articles of allsides-37k.
func realArticles(b *testing.B, n int) []news.AnalysedArticle {
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var arts []news.AnalysedArticle
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			b.Fatal(err)
		}
		h := d.Hint
		if h.ID == "" || h.Text == "" {
			continue
		}
		var a news.AnalysedArticle
		a.Article = h
		if arts = append(arts, a); len(arts) == n {
			break
		}
	}
	return arts
}

// BenchmarkSearchReal searches a store of 16,000 real articles for 300
// words of five letters or more from their titles (as parallax loadtest
// does: common words, matching up to half the articles, and rare ones),
// a page of 100 newest first, and reports µs per search.
func BenchmarkSearchReal(b *testing.B) {
	arts := realArticles(b, 16000)
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var words []string
	seen := map[string]bool{}
	for n, chunk := range slices.Collect(slices.Chunk(arts, ingest.BatchSize)) {
		items := make([]store.Item, len(chunk))
		for i, a := range chunk {
			items[i] = store.Item{Article: a, PackedAnalysis: []byte{},
				Assignment: news.Assignment{ArticleID: a.ID, Story: fmt.Sprint("s-", n)}}
			for _, w := range strings.Fields(a.Title) {
				w = strings.Trim(strings.ToLower(w), `.,:;!?"'()“”‘’`)
				if len(w) >= 5 && !seen[w] && len(words) < 300 && i%7 == 0 {
					seen[w] = true
					words = append(words, w)
				}
			}
		}
		if _, err := s.Put(context.Background(), items); err != nil {
			b.Fatal(err)
		}
	}
	n := 0
	for b.Loop() {
		if _, err := s.Search(context.Background(), store.SearchQuery{Text: words[n%len(words)], Limit: 100}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/search")
}
