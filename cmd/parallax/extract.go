package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/source"
)

// inputFlags are the flags every command that reads inputs shares.
type inputFlags struct {
	maxSize int64
	workers int
	outlets string
}

func (f *inputFlags) register(cmd *cobra.Command) {
	cmd.Flags().Int64Var(&f.maxSize, "max-size", source.DefaultMaxSize, "largest single input in bytes (after decompression)")
	cmd.Flags().IntVar(&f.workers, "workers", 0, "extraction workers (0: one per CPU)")
	cmd.Flags().StringVar(&f.outlets, "outlets", "", "outlets file (CSV or YAML: name, hosts, country, ownership, ...) extending the built-in host table")
}

// extractOptions builds the extraction options from the flags.
func (f *inputFlags) extractOptions() (extract.Options, error) {
	if f.outlets == "" {
		return extract.Options{}, nil
	}
	t, err := outlet.Load(f.outlets)
	if err != nil {
		return extract.Options{}, err
	}
	return extract.Options{Outlets: t}, nil
}

// articles reads inputs and extracts articles, reporting each failed input
// on stderr. fn is called for every article in input order. It returns
// errPartial when any input failed.
func (a *app) articles(cmd *cobra.Command, f *inputFlags, inputs []string, fn func(news.Article) error) error {
	return stream(a, cmd, f, inputs, func(art news.Article) (news.Article, error) { return art, nil }, fn)
}

// stream reads and extracts the inputs and applies stage to every article
// on the worker pool; fn gets the results in input order. Failed inputs
// are reported on stderr (and make the result errPartial); the batch goes on.
func stream[T any](a *app, cmd *cobra.Command, f *inputFlags, inputs []string, stage func(news.Article) (T, error), fn func(T) error) error {
	op := &source.Opener{MaxSize: f.maxSize, Stdin: cmd.InOrStdin()}
	opt, err := f.extractOptions()
	if err != nil {
		return err
	}
	failed := 0
	docs := op.Documents(cmd.Context(), inputs)
	type result struct {
		v        T
		warnings []string
		source   string
	}
	for r, err := range pipeline.Map(cmd.Context(), docs, f.workers, func(d news.Document) (result, error) {
		art, err := extract.Article(d, opt)
		if err != nil {
			return result{}, err
		}
		v, err := stage(art)
		return result{v: v, warnings: art.Warnings, source: art.Source}, err
	}) {
		if err != nil {
			failed++
			a.failures = append(a.failures, err)
			fmt.Fprintln(cmd.ErrOrStderr(), "parallax: error:", err)
			continue
		}
		for _, w := range r.warnings {
			a.log.Warn(w, "input", r.source)
		}
		if err := fn(r.v); err != nil {
			return err
		}
	}
	if err := cmd.Context().Err(); err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "parallax: %d input(s) or record(s) failed\n", failed)
		return errPartial
	}
	return nil
}

func newExtractCmd(a *app) *cobra.Command {
	var f inputFlags
	var format string
	cmd := &cobra.Command{
		Use:   "extract [--format jsonl|text] INPUT...",
		Short: "Print clean text and metadata of every article in the inputs (nothing stored)",
		Long: `Extract reads files, directories (recursively), globs, gzip files and "-" for
stdin: Markdown-ish scraped text, HTML pages, JSON Lines in the Parallax
article schema, RSS/Atom feeds and WARC archives. It prints one article per
input record.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			var write func(news.Article) error
			switch format {
			case "jsonl":
				enc := json.NewEncoder(w)
				enc.SetEscapeHTML(false)
				write = func(art news.Article) error { return enc.Encode(art) }
			case "text":
				write = func(art news.Article) error { return writeArticleText(w, art) }
			default:
				return fmt.Errorf("--format %q: want jsonl or text", format)
			}
			return a.articles(cmd, &f, args, write)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl or text")
	return cmd
}

func writeArticleText(w io.Writer, art news.Article) error {
	field := func(name, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-10s %s\n", name+":", v)
		}
	}
	fmt.Fprintf(w, "== %s\n", art.Source)
	field("title", art.Title)
	field("outlet", art.Outlet)
	field("published", art.Published)
	field("byline", art.Byline)
	field("url", art.URL)
	field("language", art.Language)
	field("id", art.ID)
	for _, warn := range art.Warnings {
		field("warning", warn)
	}
	fmt.Fprintln(w)
	_, err := fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(art.Text))
	return err
}
