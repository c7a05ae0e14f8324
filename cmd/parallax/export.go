package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
)

// exportArticle is one line of `parallax export articles --format jsonl`:
// the article schema plus its story, duplicate link, entities and quotes.
type exportArticle struct {
	news.ArticleJSON
	Story       string        `json:"story"`
	DuplicateOf *string       `json:"duplicate_of"`
	Entities    []news.Entity `json:"entities"`
	Quotes      []news.Quote  `json:"quotes"`
}

func newExportCmd(a *app) *cobra.Command {
	var sf storeFlags
	var format string
	cmd := &cobra.Command{
		Use:   "export [articles|quotes|stories] [--format jsonl|csv] [--db PATH|--database-url URL]",
		Short: "Write the stored articles, quotations or stories as JSON Lines or CSV",
		Long: `Streams what the store holds to standard output, in storage order:
  articles  every article with its story, duplicate_of, entities and quotes
            (CSV: id, url, outlet, title, published, byline, language, story,
            duplicate_of, text)
  quotes    every quotation: article, story, outlet, published, speaker, kind, text
  stories   every story: id, title, articles, outlets, first, last
The default is articles as JSON Lines.`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: []string{"articles", "quotes", "stories"},
		RunE: func(cmd *cobra.Command, args []string) error {
			what := "articles"
			if len(args) == 1 {
				what = args[0]
			}
			if what != "articles" && what != "quotes" && what != "stories" {
				return fmt.Errorf("export %q: want articles, quotes or stories", what)
			}
			if format != "jsonl" && format != "csv" {
				return fmt.Errorf("--format %q: want jsonl or csv", format)
			}
			ctx := cmd.Context()
			s, err := sf.openExisting(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			w := bufio.NewWriter(cmd.OutOrStdout())
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			cw := csv.NewWriter(w)
			row := func(jsonValue any, fields ...string) error {
				if format == "jsonl" {
					return enc.Encode(jsonValue)
				}
				return cw.Write(fields)
			}
			switch what {
			case "articles":
				if format == "csv" {
					cw.Write([]string{"id", "url", "outlet", "title", "published", "byline", "language", "story", "duplicate_of", "text"})
				}
				err = s.Walk(ctx, func(aa news.AnalysedArticle, as news.Assignment) error {
					var dup *string
					if as.DuplicateOf != "" {
						dup = &as.DuplicateOf
					}
					return row(exportArticle{aa.Article.JSON(), as.Story, dup, orEmpty(aa.Entities), orEmpty(aa.Quotes)},
						aa.ID, aa.URL, aa.Outlet, aa.Title, aa.Published, aa.Byline, aa.Language, as.Story, as.DuplicateOf, aa.Text)
				})
			case "quotes":
				if format == "csv" {
					cw.Write([]string{"article", "story", "outlet", "published", "speaker", "kind", "text"})
				}
				err = s.Walk(ctx, func(aa news.AnalysedArticle, as news.Assignment) error {
					for _, q := range aa.Quotes {
						h := store.QuoteHit{ArticleID: aa.ID, Story: as.Story, Outlet: aa.Outlet, Title: aa.Title, Published: aa.Published,
							Speaker: q.Speaker, Kind: string(q.Kind), Text: q.Text}
						if err := row(h, h.ArticleID, h.Story, h.Outlet, h.Published, h.Speaker, h.Kind, h.Text); err != nil {
							return err
						}
					}
					return nil
				})
			case "stories":
				if format == "csv" {
					cw.Write([]string{"id", "title", "articles", "outlets", "first", "last"})
				}
				var sts []store.StorySummary
				if sts, err = s.Stories(ctx, store.StoryQuery{Limit: 1 << 30}); err == nil {
					for _, st := range sts {
						if err = row(st, st.ID, st.Title, strconv.Itoa(st.Articles), strconv.Itoa(st.Outlets), st.First, st.Last); err != nil {
							break
						}
					}
				}
			}
			if err != nil {
				return err
			}
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
			return w.Flush()
		},
	}
	sf.register(cmd, true)
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl or csv")
	return cmd
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
