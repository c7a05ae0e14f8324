package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/news"
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
