package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(issue): replaced by the stage's real command.
func newQuotesCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:    "quotes",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("quotes: not built yet") },
	}
}
