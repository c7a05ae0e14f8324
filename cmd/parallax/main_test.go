package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/news"
)

// run executes the parallax command in-process.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := newRootCmd()
	var out, errb bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetArgs(args)
	err = cmd.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

func TestExtractExamples(t *testing.T) {
	out, stderr, err := run(t, "", "extract", "--outlets", "../../examples/outlets.yaml", "../../examples")
	if err != nil {
		t.Fatalf("extract examples: %v\n%s", err, stderr)
	}
	var arts []news.Article
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var a news.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		arts = append(arts, a)
	}
	if len(arts) != 5 {
		t.Fatalf("got %d articles, want 5", len(arts))
	}
	outlets := map[string]bool{}
	for _, a := range arts {
		outlets[a.Outlet] = true
		if a.Title == "" || a.Published == "" || a.Language != "en" || a.Text == "" || a.ID == "" {
			t.Errorf("incomplete article %+v", a)
		}
		for _, junk := range []string{"READ MORE", "Posted by", "Contact the author", "Original url", "](", "All rights reserved"} {
			if strings.Contains(a.Text, junk) {
				t.Errorf("%s: boilerplate %q left in text", a.Source, junk)
			}
		}
	}
	for _, o := range []string{"The Harbour Ledger", "North Star Daily", "Coastal Wire"} {
		if !outlets[o] {
			t.Errorf("outlet %q missing; got %v", o, outlets)
		}
	}
}

func TestExtractBadInputsGoOn(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("A title\n\nA body paragraph that is long enough to be an article."), 0o644)
	junk := filepath.Join(dir, "junk.bin")
	os.WriteFile(junk, []byte{0x89, 'P', 'N', 'G', 0, 0, 1, 2}, 0o644)
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\":\"1\",\"text\":\"ok\"}\nnot json\n"), 0o644)

	out, stderr, err := run(t, "", "extract", "--format", "text", junk, good, bad, filepath.Join(dir, "missing.html"))
	if !errors.Is(err, errPartial) {
		t.Fatalf("err = %v, want errPartial (non-zero exit)", err)
	}
	for _, want := range []string{"junk.bin: binary data", "bad.jsonl#2: line 2: malformed JSON", "missing.html: no such file or directory", "3 input(s) or record(s) failed"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(out, "A body paragraph") || !strings.Contains(out, "bad.jsonl#1") {
		t.Errorf("good inputs missing from output:\n%s", out)
	}
}

func TestExtractStdin(t *testing.T) {
	out, _, err := run(t, `{"id":"s1","title":"From stdin","text":"Body."}`+"\n", "extract", "-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"source":"-#1"`) || !strings.Contains(out, `"title":"From stdin"`) {
		t.Errorf("stdout = %s", out)
	}
}

func TestExtractBadFlag(t *testing.T) {
	if _, _, err := run(t, "", "extract", "--format", "xml", "x"); err == nil || errors.Is(err, errPartial) {
		t.Errorf("err = %v, want a usage error", err)
	}
}

var updateReadme = flag.Bool("update-readme", false, "rewrite the example report in README.md")

// TestREADMEReport keeps the report shown in the README true: it is the
// first command's output on examples/.
func TestREADMEReport(t *testing.T) {
	out, stderr, err := run(t, "", "compare", "--outlets", "../../examples/outlets.yaml", "../../examples")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "```text\n")
	end := strings.Index(readme[start+8:], "```\n")
	if start < 0 || end < 0 {
		t.Fatal("README has no ```text block")
	}
	shown := readme[start+8 : start+8+end]
	if *updateReadme {
		readme = readme[:start+8] + out + readme[start+8+end:]
		if err := os.WriteFile("../../README.md", []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if shown != out {
		t.Errorf("README's example report is stale; run go test ./cmd/parallax -run TestREADMEReport -update-readme\n--- README\n%s\n--- now\n%s", shown, out)
	}
}
