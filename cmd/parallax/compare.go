package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(issue): replaced by the stage's real command.
func newCompareCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:    "compare",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("compare: not built yet") },
	}
}
