// Command parallax shows one news event through every outlet that reported
// it. This package only parses flags and wires the stages together; the
// work is done in internal/.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"
)

// errPartial marks a run that went through but where some inputs failed;
// the failures have already been reported on stderr.
var errPartial = errors.New("some inputs failed")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := newRootCmd().ExecuteContext(ctx)
	switch {
	case err == nil:
	case errors.Is(err, errPartial):
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "parallax:", err)
		os.Exit(2)
	}
}

// app holds what every subcommand shares.
type app struct {
	logLevel   string
	cpuProfile string
	memProfile string
	log        *slog.Logger
	// dataDir is the evaluation data directory (../shared/data by default).
	dataDir string
	// failures are the inputs that failed in the last stream, with reasons.
	failures []error
}

// defaultDataDir is $PARALLAX_DATA or ../shared/data.
func defaultDataDir() string {
	if d := os.Getenv("PARALLAX_DATA"); d != "" {
		return d
	}
	return "../shared/data"
}

func newRootCmd() *cobra.Command {
	a := &app{}
	root := &cobra.Command{
		Use:           "parallax",
		Short:         "Parallax shows one news event through every outlet that reported it",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			var lvl slog.Level
			if err := lvl.UnmarshalText([]byte(a.logLevel)); err != nil {
				return fmt.Errorf("--log-level %q: %w", a.logLevel, err)
			}
			a.log = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: lvl}))
			if a.cpuProfile != "" {
				f, err := os.Create(a.cpuProfile)
				if err != nil {
					return err
				}
				if err := pprof.StartCPUProfile(f); err != nil {
					return fmt.Errorf("--cpuprofile: %w", err)
				}
			}
			return nil
		},
		PersistentPostRun: func(cmd *cobra.Command, _ []string) {
			if a.cpuProfile != "" {
				pprof.StopCPUProfile()
			}
			if a.memProfile != "" {
				if err := writeHeapProfile(a.memProfile); err != nil {
					a.log.Error("--memprofile", "err", err)
				}
			}
		},
	}
	root.PersistentFlags().StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile to this file (for go tool pprof)")
	root.PersistentFlags().StringVar(&a.memProfile, "memprofile", "", "write a heap profile to this file when the command ends (for go tool pprof)")
	root.PersistentFlags().StringVar(&a.logLevel, "log-level", "warn", "log level: debug, info, warn, error")
	root.AddCommand(
		newExtractCmd(a),
		newQuotesCmd(a),
		newEntitiesCmd(a),
		newNERCmd(a),
		newClusterCmd(a),
		newCompareCmd(a),
		newIngestCmd(a),
		newStoriesCmd(a),
		newSearchCmd(a),
		newServeCmd(a),
		newExportCmd(a),
		newLoadtestCmd(a),
		newEnqueueCmd(a),
		newWorkerCmd(a),
		newJobsCmd(a),
		newFeedsCmd(a),
		newWatchCmd(a),
		newEvalCmd(a),
	)
	return root
}

// writeHeapProfile writes the live heap, after a collection, to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
