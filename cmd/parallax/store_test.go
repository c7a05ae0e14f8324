package main

import (
	"github.com/parallax-news/parallax/internal/store/postgres/pgtest"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIngestIsIdempotentAndIncremental(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	ex := func(name string) string { return filepath.Join("..", "..", "examples", name) }
	// First run: two reports of the ferry strike.
	if _, stderr, err := run(t, "", "ingest", "--db", db, "--outlets", ex("outlets.yaml"), ex("harbour-ledger-ferry-strike.txt"), ex("north-star-ferry-deal.html")); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	} else if !strings.Contains(stderr, "ingested 2 new articles (0 already stored, 0 failed)") {
		t.Errorf("stderr: %s", stderr)
	}
	// Second run, a later feed: joins the stored story; the first inputs
	// again add nothing.
	_, stderr, err := run(t, "", "ingest", "--db", db, "--outlets", ex("outlets.yaml"), ex("coastal-wire.rss"), ex("harbour-ledger-ferry-strike.txt"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "ingested 1 new articles (1 already stored, 0 failed)") {
		t.Errorf("stderr: %s", stderr)
	}
	out, _, err := run(t, "", "stories", "--db", db, "--json")
	if err != nil {
		t.Fatal(err)
	}
	// A mistyped path is an error, not a new empty store.
	missing := filepath.Join(filepath.Dir(db), "typo.db")
	if _, _, err := run(t, "", "stories", "--db", missing); err == nil || !strings.Contains(err.Error(), "no store at") {
		t.Errorf("stories on a missing store: %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("stories created the missing store")
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], `"articles":3`) || !strings.Contains(lines[0], `"outlets":3`) {
		t.Errorf("want one story of 3 articles from 3 outlets, got:\n%s", out)
	}
	out, _, err = run(t, "", "search", "--db", db, "--speaker", "Voss", "--format", "jsonl")
	if err != nil || strings.Count(out, "\n") != 3 {
		t.Errorf("search by speaker: %v\n%s", err, out)
	}
	id := out[strings.Index(out, `"story":"`)+9:]
	id = id[:strings.Index(id, `"`)]
	rep, _, err := run(t, "", "compare", "--db", db, "--format", "json", id)
	if err != nil || !strings.Contains(rep, `"speaker": "Helen Voss"`) {
		t.Errorf("compare from the store: %v\n%.400s", err, rep)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"export"}, []string{`"story":"` + id, `"quotes":[`, `"outlet":"Coastal Wire"`}},
		{[]string{"export", "articles", "--format", "csv"}, []string{"id,url,outlet,title,published,byline,language,story,duplicate_of,text", id}},
		{[]string{"export", "quotes", "--format", "csv"}, []string{"article,story,outlet,published,speaker,kind,text", "Helen Voss"}},
		{[]string{"export", "stories"}, []string{`"id":"` + id, `"articles":3`}},
	} {
		out, stderr, err := run(t, "", append(c.args, "--db", db)...)
		if err != nil {
			t.Errorf("%v: %v\n%s", c.args, err, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%.300s", c.args, w, out)
			}
		}
	}
	if n := strings.Count(mustRun(t, "export", "--db", db), "\n"); n != 3 {
		t.Errorf("export articles: %d lines, want 3", n)
	}
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, stderr, err := run(t, "", args...)
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr)
	}
	return out
}

func TestIngestIntoPostgreSQL(t *testing.T) {
	url := pgtest.URL(t)
	ex := func(name string) string { return filepath.Join("..", "..", "examples", name) }
	_, stderr, err := run(t, "", "ingest", "--database-url", url, ex("harbour-ledger-ferry-strike.txt"), ex("north-star-ferry-deal.html"), ex("coastal-wire.rss"))
	if err != nil || !strings.Contains(stderr, "ingested 3 new articles") || strings.Contains(stderr, "sslmode") && strings.Contains(stderr, "password") {
		t.Fatalf("%v\n%s", err, stderr)
	}
	out := mustRun(t, "stories", "--database-url", url, "--json")
	if !strings.Contains(out, `"articles":3`) {
		t.Errorf("stories: %s", out)
	}
	if out := mustRun(t, "search", "ferry", "--database-url", url, "--speaker", "Voss"); strings.Count(out, "\n") != 3 {
		t.Errorf("search: %s", out)
	}
	if out := mustRun(t, "export", "quotes", "--database-url", url, "--format", "csv"); !strings.Contains(out, "Helen Voss") {
		t.Errorf("export: %.300s", out)
	}
}

func TestEnqueueAndWorkers(t *testing.T) {
	url := pgtest.URL(t)
	ex := filepath.Join("..", "..", "examples")
	if _, stderr, err := run(t, "", "enqueue", "--database-url", url, ex); err != nil || !strings.Contains(stderr, "queued 5 documents") {
		t.Fatalf("enqueue: %v\n%s", err, stderr)
	}
	_, stderr, err := run(t, "", "worker", "--database-url", url, "--drain", "--outlets", filepath.Join(ex, "outlets.yaml"))
	if err != nil || !strings.Contains(stderr, "store grew by 5 articles") {
		t.Fatalf("worker: %v\n%s", err, stderr)
	}
	if out := mustRun(t, "jobs", "--database-url", url); !strings.Contains(out, "done      5") || !strings.Contains(out, "dead      0") {
		t.Errorf("jobs:\n%s", out)
	}
	if out := mustRun(t, "stories", "--database-url", url, "--json"); !strings.Contains(out, `"articles":4,"outlets":3`) {
		t.Errorf("stories:\n%s", out)
	}
	if _, _, err := run(t, "", "worker", "--db", "x.db", "--drain"); err == nil {
		t.Error("worker without a database URL should fail")
	}
}

func TestFeedsAndWatch(t *testing.T) {
	rss, err := os.ReadFile(filepath.Join("..", "..", "examples", "coastal-wire.rss"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			w.Write(rss)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "w.db")
	mustRun(t, "feeds", "add", "--db", db, srv.URL+"/feed", srv.URL+"/gone")
	if _, _, err := run(t, "", "feeds", "add", "--db", db, "file:///etc/passwd"); err == nil {
		t.Error("a file:// feed was accepted")
	}
	_, stderr, err := run(t, "", "watch", "--db", db, "--once", "--no-pages")
	if err != nil || !strings.Contains(stderr, "checked 2 feeds: 2 failed") {
		t.Errorf("without --allow-private both loopback feeds must be refused: %v\n%s", err, stderr)
	}
	mustRun(t, "feeds", "remove", "--db", db, srv.URL+"/gone")
	// The refused feed is backing off; a fresh store sees it due at once.
	db2 := filepath.Join(t.TempDir(), "w2.db")
	_, stderr, err = run(t, "", "watch", "--db", db2, "--once", "--no-pages", "--allow-private", "--feeds", writeFile(t, "feeds.txt", "# test\n"+srv.URL+"/feed\n"))
	if err != nil || !strings.Contains(stderr, "checked 1 feeds: 0 failed, 0 not modified, 1 new articles") {
		t.Fatalf("watch: %v\n%s", err, stderr)
	}
	out := mustRun(t, "feeds", "list", "--db", db2, "--json")
	if !strings.Contains(out, `"items":1`) || !strings.Contains(out, `"errors":0`) {
		t.Errorf("feeds list: %s", out)
	}
	if out := mustRun(t, "feeds", "list", "--db", db); !strings.Contains(out, "loopback") {
		t.Errorf("feeds list should show the guard's refusal as the last error:\n%s", out)
	}
}

func writeFile(t *testing.T, name, content string) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
