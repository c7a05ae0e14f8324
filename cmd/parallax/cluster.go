package main

import (
	"bufio"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/story"
)

// prepared reads, extracts, analyses the inputs and prepares them for the
// clusterer, all on the worker pool, and calls fn in input order.
func (a *app) prepared(cmd *cobra.Command, f *inputFlags, args []string, fn func(news.AnalysedArticle, story.Prepared) error) error {
	an, err := pipeline.NewAnalyser()
	if err != nil {
		return err
	}
	type item struct {
		aa news.AnalysedArticle
		p  story.Prepared
	}
	return stream(a, cmd, f, args, func(art news.Article) (item, error) {
		aa := an.Analyse(art)
		return item{aa, story.Prepare(story.DocFrom(aa))}, nil
	}, func(it item) error { return fn(it.aa, it.p) })
}

// analysed reads, extracts and analyses the inputs (extraction and
// analysis run together on the worker pool; results come in input order)
// and calls fn for each analysed article.
func (a *app) analysed(cmd *cobra.Command, f *inputFlags, args []string, fn func(news.AnalysedArticle) error) error {
	an, err := pipeline.NewAnalyser()
	if err != nil {
		return err
	}
	return stream(a, cmd, f, args, func(art news.Article) (news.AnalysedArticle, error) { return an.Analyse(art), nil }, fn)
}

// assignmentJSON is one line of `parallax cluster --format jsonl`.
type assignmentJSON struct {
	ID          string  `json:"id"`
	Story       string  `json:"story"`
	DuplicateOf *string `json:"duplicate_of"`
}

func newClusterCmd(a *app) *cobra.Command {
	var f inputFlags
	var format string
	var inOrder bool
	p := story.DefaultParams
	cmd := &cobra.Command{
		Use:   "cluster [--format tsv|jsonl] INPUT...",
		Short: "Assign every article to a story (streaming), and flag near-duplicates",
		Long: `Reads and analyses the inputs, then feeds the articles to the streaming story
clusterer in publication order (undated articles last, in input order; use
--input-order to keep the input order as a live stream would) and prints, for
every article, its story id (tsv with a header "id<TAB>story", or JSON lines
with id, story, duplicate_of). Story ids are "s-" plus the id of the story's
first article (s-ID~2, s-ID~3, ... when different articles repeat an id).
An undated article about to become the second of a one-article story is first
weighed against the next --lookahead articles (4), so each line is printed
once those have been read.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "tsv" && format != "jsonl" {
				return fmt.Errorf("--format %q: want tsv or jsonl", format)
			}
			if err := p.Validate(); err != nil {
				return fmt.Errorf("invalid flags: %w", err)
			}
			win := story.NewWindow(story.New(p))
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			enc := json.NewEncoder(w)
			if format == "tsv" {
				fmt.Fprintln(w, "id\tstory")
			}
			write := func(as news.Assignment) error {
				if format == "tsv" {
					_, e := fmt.Fprintf(w, "%s\t%s\n", as.ArticleID, as.Story)
					return e
				}
				return enc.Encode(assignmentJSON{ID: as.ArticleID, Story: as.Story, DuplicateOf: orNull(as.DuplicateOf)})
			}
			// Each article is decided with the next few in view (see
			// story.AddAhead): the window holds them back that long.
			emit := func(p story.Prepared) error { return win.Push(p, write) }
			if inOrder {
				// A live stream: each article is assigned as it arrives (and
				// the look-ahead's few after it), so memory stays bounded
				// by the clusterer's active window.
				err := a.prepared(cmd, &f, args, func(_ news.AnalysedArticle, p story.Prepared) error { return emit(p) })
				if e := win.Flush(write); e != nil && err == nil {
					err = e
				}
				return err
			}
			// Publication order needs the whole input first: spool the
			// documents to a temporary file (memory keeps a 24-byte key
			// each), then read them back in order and prepare them on the
			// worker pool as they are fed.
			sp, err := story.NewSpool("")
			if err != nil {
				return err
			}
			defer sp.Close()
			err = a.analysed(cmd, &f, args, func(aa news.AnalysedArticle) error {
				return sp.Add(story.DocFrom(aa))
			})
			if err != nil && err != errPartial {
				return err
			}
			seq := sp.Sorted()
			for p, e := range pipeline.Map(cmd.Context(), seq, f.workers, func(d story.Doc) (story.Prepared, error) { return story.Prepare(d), nil }) {
				if e != nil {
					return e
				}
				if e := emit(p); e != nil {
					return e
				}
			}
			if e := win.Flush(write); e != nil {
				return e
			}
			return err // errPartial or nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&format, "format", "tsv", "output format: tsv or jsonl")
	cmd.Flags().BoolVar(&inOrder, "input-order", false, "cluster in input order instead of publication order")
	cmd.Flags().Float64Var(&p.Threshold, "threshold", p.Threshold, "probability (by the story model) a story needs to take an article")
	cmd.Flags().DurationVar(&p.Window, "window", p.Window, "time gap beyond which a story no longer takes articles")
	cmd.Flags().DurationVar(&p.MaxSpan, "max-span", p.MaxSpan, "longest time span of a story from its first article (0: no bound; short articles keep their 18h)")
	cmd.Flags().IntVar(&p.Lookahead, "lookahead", p.Lookahead, "next articles an undated article about to join a one-article story is weighed against (0: none, each article is printed as soon as it is read)")
	return cmd
}
