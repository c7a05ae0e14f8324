package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/story"
)

func newEvalStoriesCmd(a *app) *cobra.Command {
	p := story.DefaultParams
	var listErrors int
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "Score story clustering on DATA/stories (pairwise and B-cubed P/R/F1) and near-duplicates on BBC",
		Long: `Feeds DATA/stories/articles.jsonl through the full pipeline (extraction, entities,
streaming clustering) in date order, undated articles last, and scores the
stories against gold.tsv: pairwise precision/recall/F1 over article pairs and
B-cubed precision/recall/F1 over articles, overall, for the tuning half and the
held-out half of the gold stories (split by a hash of the story id; parameters
are tuned on the tuning half only), and per sub-corpus (BASIL, AllSides, ECB+).
Then clusters DATA/bulk/bbc-2225.jsonl.gz and checks every article flagged as a
duplicate: precision is the share whose normalised text is identical to, or
has a verified word 5-shingle Jaccard >= 0.8 with, the article it is said to copy.

With --errors N, it also lists the N costliest wrong merges (a predicted story
holding several gold stories, by the false pairs it makes) and splits (a gold
story spread over several predicted ones, by the pairs it loses), each with
its parts and the title, or opening words, of each part's first article
(--errors -1: all of them).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := p.Validate(); err != nil {
				return fmt.Errorf("invalid flags: %w", err)
			}
			run, err := eval.RunStories(a.dataDir, p)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "threshold %.2f, window %s, max span %s (%s under %d bytes)\n", p.Threshold, p.Window, p.MaxSpan, p.ShortMaxSpan, p.ShortText)
			fmt.Fprintln(w, eval.ScoresHeader)
			for _, s := range run.Scores {
				fmt.Fprintln(w, s)
			}
			if listErrors != 0 {
				if err := eval.WriteErrors(w, run.Merges, run.Splits, listErrors); err != nil {
					return err
				}
			}
			ds, err := eval.EvalDuplicates(filepath.Join(a.dataDir, "bulk", "bbc-2225.jsonl.gz"))
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "near-duplicates (bbc-2225): %d articles, %d flagged, %d identical, %d near (verified), precision %.3f\n",
				ds.Articles, ds.Flagged, ds.Identical, ds.Near, ds.Precision())
			return nil
		},
	}
	cmd.Flags().IntVar(&listErrors, "errors", 0, "also list the N costliest wrong merges and splits (-1: all)")
	cmd.Flags().Float64Var(&p.Threshold, "threshold", p.Threshold, "probability a story needs to take an article (for tuning)")
	cmd.Flags().DurationVar(&p.Window, "window", p.Window, "time window (for tuning)")
	cmd.Flags().DurationVar(&p.MaxSpan, "max-span", p.MaxSpan, "longest time span of a story from its first article (for tuning)")
	cmd.Flags().DurationVar(&p.ShortMaxSpan, "short-max-span", p.ShortMaxSpan, "max span for a short article (for tuning)")
	cmd.Flags().IntVar(&p.ShortText, "short-text", p.ShortText, "texts under this many bytes are short (for tuning)")
	cmd.Flags().IntVar(&p.ArticleTerms, "article-terms", p.ArticleTerms, "terms kept per article (for tuning)")
	cmd.Flags().IntVar(&p.CentroidTerms, "centroid-terms", p.CentroidTerms, "terms kept per story centroid (for tuning)")
	cmd.Flags().IntVar(&p.QueryTerms, "query-terms", p.QueryTerms, "terms used to retrieve candidate stories (for tuning)")
	cmd.Flags().IntVar(&p.Lookahead, "lookahead", p.Lookahead, "next articles an undated article about to join a one-article story is weighed against (0: none; for tuning)")
	cmd.Flags().Float64Var(&p.LookaheadMargin, "lookahead-margin", p.LookaheadMargin, "log-odds by which one of them must beat the story (for tuning)")
	return cmd
}
