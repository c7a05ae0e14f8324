package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/news"
)

// TestMain runs the command itself, as main does, when a test re-executes
// this binary with PARALLAX_TEST_MAIN set (see TestExitStatus).
func TestMain(m *testing.M) {
	if os.Getenv("PARALLAX_TEST_MAIN") != "" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

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

// TestExitStatus checks the exit statuses the README promises: 0 when all
// went through, 1 when some inputs failed, 2 when the command could not go
// on (a usage error, a store that does not exist).
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	os.WriteFile(good, []byte(`{"id":"e1","outlet":"Coastal Wire","title":"Ferry strike ends","text":"The ferry strike in Veloria ended on Tuesday after talks."}`+"\n"), 0o644)
	junk := filepath.Join(dir, "junk.bin")
	os.WriteFile(junk, []byte{0x89, 'P', 'N', 'G', 0, 0, 1, 2}, 0o644)
	db := filepath.Join(dir, "x.db")
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"ingest", "--db", db, good}, 0},
		{[]string{"stories", "--db", db}, 0},
		{[]string{"ingest", "--db", db, good, junk}, 1},
		{[]string{"stories", "--db", db, "--no-such-flag"}, 2},
		{[]string{"search", "--db", db, "--format", "xml", "ferry"}, 2},
		{[]string{"stories", "--db", filepath.Join(dir, "missing.db")}, 2},
	} {
		cmd := exec.Command(os.Args[0], c.args...)
		cmd.Env = append(os.Environ(), "PARALLAX_TEST_MAIN=1", "PARALLAX_DB=")
		out, err := cmd.CombinedOutput()
		got := 0
		if ee, ok := err.(*exec.ExitError); ok {
			got = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("parallax %s: exit status %d, want %d\n%s", strings.Join(c.args, " "), got, c.want, out)
		}
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
