package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/eval"
)

func newEvalQuotesCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "quotes",
		Short: "Score quotations and speakers on PolNeAR dev and BASIL",
		Long: `PolNeAR dev (DATA/quotes/polnear/dev; the first annotator's file where a text was
annotated twice): direct quotations are Content spans in quotation marks; a
predicted direct quotation matches a gold one when they overlap by at least half
of the shorter. Speaker accuracy is over matched quotations with a gold Source:
right when our speaker shares a name word with the Source (a pronoun Source is
first resolved to the nearest earlier named Source) or our speaker mention is
the Source's words. Indirect recall: Content spans not in quotation marks with
a Source, found by an indirect quotation (same overlap rule).
BASIL (DATA/quotes/basil-quotes.jsonl): quotations whose gold speaker is a named
person; found when our quotation's words contain the gold quotation's, right
when the speakers share a name word.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := eval.EvalQuotes(a.dataDir)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "PolNeAR dev: %d texts\n", s.Texts)
			fmt.Fprintf(w, "  direct quotes  P %.3f  R %.3f  F1 %.3f  (gold %d found %d; predicted %d right %d)\n",
				s.DirectP, s.DirectR, s.DirectF1, s.DirectGold, s.DirectFound, s.DirectPred, s.DirectMatched)
			fmt.Fprintf(w, "  speaker accuracy %.3f (%d/%d)\n", ratio(s.SpeakerCorrect, s.SpeakerTotal), s.SpeakerCorrect, s.SpeakerTotal)
			fmt.Fprintf(w, "  indirect recall  %.3f (%d/%d)\n", ratio(s.IndirectFound, s.IndirectGold), s.IndirectFound, s.IndirectGold)
			fmt.Fprintf(w, "BASIL: named-person quotations %d, found %d (%.3f), right speaker %.3f of found, %.3f of all\n",
				s.BasilGold, s.BasilFound, ratio(s.BasilFound, s.BasilGold), ratio(s.BasilCorrect, s.BasilFound), ratio(s.BasilCorrect, s.BasilGold))
			return nil
		},
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
