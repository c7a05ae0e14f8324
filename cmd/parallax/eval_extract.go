package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(issue 2): replaced by the real extraction eval.
func newEvalExtractCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "extract",
		Short: "(not built yet)",
		RunE:  func(*cobra.Command, []string) error { return errors.New("eval extract: not built yet") },
	}
}
