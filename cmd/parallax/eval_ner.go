package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/entity"
)

func newEvalNERCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "ner",
		Short: "Score entity recognition on CoNLL++ dev: entity-level P/R/F1 per type and overall",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path := filepath.Join(a.dataDir, "ner", "conllpp_dev.txt")
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			docs, err := entity.ReadConll(f)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			sc, err := entity.Evaluate(docs)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "CoNLL++ dev (%s), exact span and type\n", path)
			for _, t := range []string{"PER", "ORG", "LOC", "MISC", ""} {
				p, r, f1 := sc.PRF(t)
				name := t
				if name == "" {
					name = "all"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%-5s P %.4f  R %.4f  F1 %.4f\n", name, p, r, f1)
			}
			return nil
		},
	}
}
