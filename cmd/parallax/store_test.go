package main

import (
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
}
