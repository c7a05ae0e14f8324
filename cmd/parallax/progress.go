package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// estimateRecords guesses how many records the inputs hold, for a
// progress bar's ETA: lines of JSON Lines files (gzip or not), files in
// directories, one per other file. It gives -1 (unknown) for stdin or
// anything it cannot read cheaply.
func estimateRecords(args []string) int {
	total := 0
	for _, arg := range args {
		if arg == "-" {
			return -1
		}
		st, err := os.Stat(arg)
		if err != nil {
			return -1
		}
		if !st.IsDir() {
			total += fileRecords(arg)
			continue
		}
		filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				total += fileRecords(p)
			}
			return nil
		})
	}
	return total
}

// fileRecords is the lines of a JSON Lines file, else 1.
func fileRecords(path string) int {
	name := strings.TrimSuffix(strings.ToLower(path), ".gz")
	if !strings.HasSuffix(name, ".jsonl") && !strings.HasSuffix(name, ".ndjson") {
		return 1
	}
	n, err := countLines(path)
	if err != nil {
		return 1
	}
	return n
}

func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<16)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return 0, err
		}
		defer zr.Close()
		r = zr
	}
	buf := make([]byte, 1<<16)
	n := 0
	for {
		k, err := r.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}
