package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/eval"
)

func newEvalClaimsCmd(a *app) *cobra.Command {
	var sample int
	cmd := &cobra.Command{
		Use:   "claims",
		Short: "Check claim grouping on BASIL triples (three outlets, one event)",
		Long: `Compares each BASIL story of DATA/stories (grouped by the gold labels) and checks
every corroborated pair of sentences from two outlets: a pair is supported when
both name a common entity or number. --sample N prints N pairs drawn at random
(seeded) for a person to judge; the figures of such a spot check are in the
project notes.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := eval.EvalClaims(a.dataDir, sample)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "BASIL: %d stories, %d articles, %d claim groups, %d corroborated\n", s.Stories, s.Articles, s.Claims, s.Corroborated)
			fmt.Fprintf(w, "corroborated sentence pairs: %d, sharing a name or number: %d (%.3f)\n", s.Pairs, s.SupportedPairs, ratio(s.SupportedPairs, s.Pairs))
			for i, p := range s.Sample {
				fmt.Fprintf(w, "\n#%d\n  %s: %s\n  %s: %s\n", i+1, p[0].Outlet, p[0].Text, p[1].Outlet, p[1].Text)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&sample, "sample", 0, "print this many corroborated pairs for spot checks")
	return cmd
}
