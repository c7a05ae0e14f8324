package main

import (
	"bufio"
	"context"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/story"
)

func newCompareCmd(a *app) *cobra.Command {
	var f inputFlags
	var format string
	var sf storeFlags
	var all bool
	cmd := &cobra.Command{
		Use:   "compare [--format text|markdown|json|html] [--outlets FILE] [--all] INPUT... | compare --db PATH|--database-url URL STORY-ID...",
		Short: "Compare how each outlet covered each story: claims, voices, names, framing",
		Long: `Reads, extracts and analyses the inputs, groups them into stories (as
` + "`parallax cluster`" + `), and reports every story with articles from two or more outlets
(--all: every story): the articles and their timeline, headlines and leads side
by side, the claims several outlets corroborate and those only one reports
(with disagreeing figures flagged), who each outlet quotes and leaves out, and
the names each leaves out. --outlets FILE (CSV or YAML) adds outlet facts such
as country and ownership, and a coverage summary.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var table *outlet.Table
			if f.outlets != "" {
				t, err := outlet.Load(f.outlets)
				if err != nil {
					return err
				}
				table = t
			}
			if !sf.set() && storyIDs(args) {
				// "compare s-…" with no file of that name: a story of the
				// store PARALLAX_DB / PARALLAX_DATABASE_URL names (else
				// ./parallax.db).
				sf.db, sf.url = defaultDB(), os.Getenv("PARALLAX_DATABASE_URL")
			}
			if sf.set() {
				rep, err := storedReport(cmd.Context(), &sf, args, table)
				if err != nil {
					return err
				}
				return writeReport(cmd, format, rep)
			}
			var arts []news.AnalysedArticle
			var preps []story.Prepared
			err := a.prepared(cmd, &f, args, func(aa news.AnalysedArticle, p story.Prepared) error {
				arts = append(arts, aa)
				preps = append(preps, p)
				return nil
			})
			if err != nil && err != errPartial {
				return err
			}
			if e := writeReport(cmd, format, buildReport(arts, preps, table, all)); e != nil {
				return e
			}
			return err
		},
	}
	sf.register(cmd, false)
	f.register(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, markdown, json or html")
	cmd.Flags().BoolVar(&all, "all", false, "report every story, not only those covered by two or more outlets")
	return cmd
}

// buildReport clusters analysed articles (with their clustering features,
// preps[i] for arts[i]) into stories and compares each.
func buildReport(arts []news.AnalysedArticle, preps []story.Prepared, table *outlet.Table, all bool) compare.Report {
	byID := map[string]news.AnalysedArticle{}
	docs := make([]story.Prepared, 0, len(arts))
	for i, aa := range arts {
		if _, dup := byID[aa.ID]; dup {
			continue // the same article given twice
		}
		byID[aa.ID] = aa
		docs = append(docs, preps[i])
	}
	story.SortPrepared(docs)
	c := story.New(story.DefaultParams)
	var order []string
	members := map[string][]news.AnalysedArticle{}
	dups := map[string]string{}
	for i, p := range docs {
		d := p.Doc
		as := c.AddAhead(p, docs[i+1:])
		if _, ok := members[as.Story]; !ok {
			order = append(order, as.Story)
		}
		members[as.Story] = append(members[as.Story], byID[d.ID])
		if as.DuplicateOf != "" {
			dups[d.ID] = as.DuplicateOf
		}
	}
	rep := compare.Report{Stories: []compare.StoryReport{}}
	for _, id := range order {
		m := members[id]
		outlets := map[string]bool{}
		for _, a := range m {
			outlets[a.Outlet] = true
		}
		if !all && len(outlets) < 2 {
			continue
		}
		rep.Stories = append(rep.Stories, compare.Build(compare.Input{ID: id, Articles: m, DuplicateOf: dups, Outlets: table}))
	}
	return rep
}

// writeReport renders a report for the terminal (width, colour) or a file.
func writeReport(cmd *cobra.Command, format string, rep compare.Report) error {
	opt := render.Options{Width: 100}
	if out, ok := cmd.OutOrStdout().(*os.File); ok && term.IsTerminal(int(out.Fd())) {
		if wd, _, e := term.GetSize(int(out.Fd())); e == nil && wd > 20 {
			opt.Width = wd
		}
		opt.Colour = os.Getenv("NO_COLOR") == ""
	}
	w := bufio.NewWriter(cmd.OutOrStdout())
	if err := render.Write(w, format, rep, opt); err != nil {
		return err
	}
	return w.Flush()
}

// storedReport compares stories read from a store.
func storedReport(ctx context.Context, sf *storeFlags, ids []string, table *outlet.Table) (compare.Report, error) {
	s, err := sf.openExisting(ctx)
	if err != nil {
		return compare.Report{}, err
	}
	defer s.Close()
	rep := compare.Report{Stories: []compare.StoryReport{}}
	for _, id := range ids {
		sr, err := compare.Stored(ctx, s, id, table)
		if err != nil {
			return compare.Report{}, err
		}
		rep.Stories = append(rep.Stories, sr)
	}
	return rep, nil
}

// storyIDs reports arguments that all look like story ids ("s-…") and
// name no file.
func storyIDs(args []string) bool {
	for _, a := range args {
		if !strings.HasPrefix(a, "s-") {
			return false
		}
		if _, err := os.Stat(a); err == nil {
			return false
		}
	}
	return true
}
