package main

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
)

func TestEstimateRecords(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "a.jsonl")
	os.WriteFile(plain, []byte("{}\n{}\n{}\n"), 0o644)
	gz := filepath.Join(dir, "b.jsonl.gz")
	f, _ := os.Create(gz)
	zw := gzip.NewWriter(f)
	zw.Write([]byte("{}\n{}\n"))
	zw.Close()
	f.Close()
	if n := estimateRecords([]string{plain, gz}); n != 5 {
		t.Errorf("jsonl + jsonl.gz: %d, want 5", n)
	}
	if n := estimateRecords([]string{dir}); n != 5 {
		t.Errorf("a directory of them: %d, want 5", n)
	}
	if n := estimateRecords([]string{"-"}); n != -1 {
		t.Errorf("stdin: %d, want -1", n)
	}
	if n := estimateRecords([]string{filepath.Join(dir, "missing")}); n != -1 {
		t.Errorf("missing: %d, want -1", n)
	}
}
