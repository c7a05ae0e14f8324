// Command idf writes the background document-frequency table that package
// story embeds (idf.txt.gz), from a JSONL corpus in the Parallax schema:
//
//	go run ./internal/story/cmd/idf -in ../shared/data/bulk/allsides-37k.jsonl.gz -out internal/story/idf.txt.gz
//
// Only terms found in at least -min documents are kept; the table holds
// counts, not text.
package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"sort"

	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/story"
)

func main() {
	in := flag.String("in", "../shared/data/bulk/allsides-37k.jsonl.gz", "JSONL corpus")
	out := flag.String("out", "internal/story/idf.txt.gz", "output table")
	minDF := flag.Int("min", 3, "smallest document frequency kept")
	flag.Parse()
	if err := run(*in, *out, *minDF); err != nil {
		slog.Error("idf", "err", err)
		os.Exit(1)
	}
}

func run(in, out string, minDF int) error {
	df := map[string]int{}
	n := 0
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{in}) {
		if err != nil {
			return err
		}
		n++
		for t := range story.Terms(d.Hint.Title + "\n\n" + d.Hint.Text) {
			df[t]++
		}
	}
	keys := make([]string, 0, len(df))
	for k, v := range df {
		if v >= minDF {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	fmt.Fprintf(zw, "N\t%d\n", n)
	for _, k := range keys {
		fmt.Fprintf(zw, "%s\t%d\n", k, df[k])
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Printf("%d documents, %d terms -> %s\n", n, len(keys), out)
	return f.Close()
}
