package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/entity"
)

func newNERCmd(a *app) *cobra.Command {
	var conll string
	cmd := &cobra.Command{
		Use:   "ner --conll FILE",
		Short: "Tag a CoNLL-2003 style file: each token line gets the predicted IOB2 tag as a new last column",
		Long: `Reads CoNLL-2003 style lines (the word in the first column, the gold tag in the
last; blank lines between sentences; -DOCSTART- lines between documents) and
writes the same lines with the predicted tag appended, so any CoNLL scorer can
compare the last two columns. Each document is tagged as one article.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if conll == "" {
				return fmt.Errorf("--conll FILE is required")
			}
			f, err := os.Open(conll)
			if err != nil {
				return err
			}
			defer f.Close()
			docs, err := entity.ReadConll(f)
			if err != nil {
				return fmt.Errorf("%s: %w", conll, err)
			}
			if _, err := entity.New(); err != nil {
				return err
			}
			pred := entity.DefaultModel().TagDocs(docs)
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			for d, doc := range docs {
				for _, l := range doc.Preamble {
					if l != "" {
						l += " O" // -DOCSTART- carries a tag column too
					}
					fmt.Fprintln(w, l)
				}
				for s, sent := range doc.Sentences {
					for i, line := range sent.Lines {
						fmt.Fprintf(w, "%s %s\n", line, pred[d][s][i])
					}
					fmt.Fprintln(w)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&conll, "conll", "", "CoNLL-2003 style input file")
	return cmd
}
