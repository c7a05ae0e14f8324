package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(issue): replaced by the real eval.
func newEvalNERCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:    "ner",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("eval ner: not built yet") },
	}
}
