package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/eval"
)

func newEvalExtractCmd(a *app) *cobra.Command {
	var asJSON, verbose bool
	cmd := &cobra.Command{
		Use:   "extract",
		Short: "Score text and metadata extraction on the Readability and trafilatura page sets",
		Long: `Scores Parallax's extraction, and go-trafilatura alone with default options
for comparison, on DATA/extraction/readability (body-text token P/R/F1 against
expected.html; title, byline, date against expected-metadata.json) and
DATA/extraction/trafilatura (must-keep snippets found = true positives,
must-drop snippets found = false positives; title, author, date).
Metadata accuracy counts only pages whose gold value is not empty. Title:
equal after case and punctuation folding; byline: the same set of name
words; date: the same calendar day.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			scores, err := eval.EvalExtract(a.dataDir)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(scores)
			}
			if verbose {
				for _, s := range scores {
					for _, m := range s.Misses {
						fmt.Fprintf(cmd.ErrOrStderr(), "%s/%s: %s\n", s.Set, s.System, m)
					}
				}
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 2, 4, 2, ' ', 0)
			fmt.Fprintln(w, "set\tsystem\tpages\tbody P\tbody R\tbody F1\ttitle\ttitle (site name ignored)\tbyline\tdate")
			for _, s := range scores {
				fmt.Fprintf(w, "%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%s\t%s\t%s\t%s\n", s.Set, s.System, s.Pages, s.BodyP, s.BodyR, s.BodyF1,
					acc(s.Title), acc(s.TitleNoSite), acc(s.Byline), acc(s.Date))
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the scores as JSON")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every metadata mismatch on stderr")
	return cmd
}

func acc(m eval.MetaScore) string {
	return fmt.Sprintf("%.3f (%d/%d)", m.Accuracy(), m.Correct, m.Total)
}
