package main

import "github.com/spf13/cobra"

func newEvalCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score Parallax on the evaluation data in ../shared/data",
	}
	cmd.PersistentFlags().StringVar(&a.dataDir, "data", defaultDataDir(), "evaluation data directory (env PARALLAX_DATA)")
	cmd.AddCommand(
		newEvalExtractCmd(a),
		newEvalNERCmd(a),
		newEvalQuotesCmd(a),
		newEvalStoriesCmd(a),
		newEvalClaimsCmd(a),
	)
	return cmd
}
