package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/queue"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/worker"
)

// openQueue opens the PostgreSQL store and its job queue.
func openQueue(ctx context.Context, sf *storeFlags) (*postgres.Store, *queue.Queue, error) {
	if sf.url == "" {
		return nil, nil, fmt.Errorf("workers share their work through PostgreSQL: give --database-url (or PARALLAX_DATABASE_URL)")
	}
	s, err := postgres.Open(ctx, sf.url)
	if err != nil {
		return nil, nil, err
	}
	q, err := queue.Open(ctx, s.Pool())
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, q, nil
}

func newEnqueueCmd(a *app) *cobra.Command {
	var sf storeFlags
	var f inputFlags
	cmd := &cobra.Command{
		Use:   "enqueue --database-url URL INPUT...",
		Short: "Queue the inputs' documents for `parallax worker` processes",
		Long: `Reads the inputs (the same inputs as extract) and queues every document as a
job in the PostgreSQL database; workers extract, analyse, cluster and store
them. Documents are queued in input order, and stories are assigned in that
order whichever worker analyses what.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			s, q, err := openQueue(ctx, &sf)
			if err != nil {
				return err
			}
			defer s.Close()
			op := &source.Opener{MaxSize: f.maxSize, Stdin: cmd.InOrStdin()}
			var batch [][]byte
			queued, failed := 0, 0
			flush := func() error {
				if len(batch) == 0 {
					return nil
				}
				err := q.Enqueue(ctx, worker.KindDocument, batch)
				queued += len(batch)
				batch = batch[:0]
				return err
			}
			for d, err := range op.Documents(ctx, args) {
				if err != nil {
					failed++
					fmt.Fprintln(cmd.ErrOrStderr(), "parallax: error:", err)
					continue
				}
				b, err := worker.EncodeDocument(d)
				if err != nil {
					return err
				}
				if batch = append(batch, b); len(batch) >= 1000 {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			if err := flush(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "queued %d documents (%d inputs failed) in %s\n", queued, failed, sf.name())
			if failed > 0 {
				return errPartial
			}
			return nil
		},
	}
	f.register(cmd)
	sf.register(cmd, true)
	return cmd
}

func newWorkerCmd(a *app) *cobra.Command {
	var sf storeFlags
	var outlets string
	w := &worker.Worker{}
	cmd := &cobra.Command{
		Use:   "worker --database-url URL [--batch 32] [--workers N] [--drain]",
		Short: "Work the PostgreSQL job queue: extract, analyse, cluster and store",
		Long: `Runs one worker process. Start as many as you like, on one machine or many,
against the same database: each claims queued jobs (FOR UPDATE SKIP LOCKED,
under a lease), extracts and analyses them on --workers goroutines, and
stores the result; a failed job is retried with exponential backoff and
dead-lettered after --max-attempts with its error (see parallax jobs). One
worker at a time, elected by a PostgreSQL advisory lock, is the writer: it
clusters analysed articles into stories in the order they were queued and
stores them; if it dies, another takes over. A worker killed mid-job loses
nothing: its jobs go back to the queue when their lease runs out (--lease).
--drain exits once the queue is empty; otherwise it runs until interrupted.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, q, err := openQueue(ctx, &sf)
			if err != nil {
				return err
			}
			defer s.Close()
			q.MaxAttempts, _ = cmd.Flags().GetInt("max-attempts")
			q.Lease, _ = cmd.Flags().GetDuration("lease")
			if w.Analyser, err = pipeline.NewAnalyser(); err != nil {
				return err
			}
			if outlets != "" {
				if w.Outlets, err = outlet.Load(outlets); err != nil {
					return err
				}
			}
			w.Queue, w.Store, w.Log = q, s, a.log
			start := time.Now()
			before, _ := s.Stats(ctx)
			if err := w.Run(ctx); err != nil {
				return err
			}
			after, _ := s.Stats(context.Background())
			el := time.Since(start).Seconds()
			fmt.Fprintf(cmd.ErrOrStderr(), "worker %s: store grew by %d articles in %.1fs (%.0f articles/s)\n",
				w.Name, after.Articles-before.Articles, el, float64(after.Articles-before.Articles)/max(el, 1e-9))
			return nil
		},
	}
	sf.register(cmd, true)
	cmd.Flags().StringVar(&outlets, "outlets", "", "outlets file (CSV or YAML) mapping hosts to outlet names")
	cmd.Flags().IntVar(&w.Batch, "batch", 32, "jobs claimed at once")
	cmd.Flags().IntVar(&w.Workers, "workers", 0, "analysis goroutines (default: one per CPU)")
	cmd.Flags().StringVar(&w.Name, "name", "", "worker name in the queue (default host:pid)")
	cmd.Flags().BoolVar(&w.Stop, "drain", false, "exit once the queue is empty")
	cmd.Flags().Int("max-attempts", 5, "dead-letter a job after this many failed attempts")
	cmd.Flags().Duration("lease", 5*time.Minute, "how long a claimed job stays with its worker before another may take it")
	return cmd
}

func newJobsCmd(a *app) *cobra.Command {
	var sf storeFlags
	var dead int
	var retry, asJSON bool
	cmd := &cobra.Command{
		Use:   "jobs --database-url URL [--dead N] [--retry]",
		Short: "Show the job queue: jobs per state, dead letters with their errors",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, q, err := openQueue(ctx, &sf)
			if err != nil {
				return err
			}
			defer s.Close()
			if retry {
				n, err := q.Retry(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "requeued %d dead jobs\n", n)
			}
			c, err := q.Counts(ctx)
			if err != nil {
				return err
			}
			ds, err := q.Dead(ctx, dead)
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(cmd.OutOrStdout()).Encode(map[string]any{"states": c, "dead": orEmpty(ds)})
			}
			out := cmd.OutOrStdout()
			for _, st := range []string{"queued", "running", "analysed", "done", "dead"} {
				fmt.Fprintf(out, "%-9s %d\n", st, c[st])
			}
			for _, d := range ds {
				fmt.Fprintf(out, "dead job %d (%s, %d attempts, %s): %s\n", d.ID, d.Kind, d.Attempts, d.At.Format(time.RFC3339), d.Error)
			}
			return nil
		},
	}
	sf.register(cmd, true)
	cmd.Flags().IntVar(&dead, "dead", 20, "list this many dead letters")
	cmd.Flags().BoolVar(&retry, "retry", false, "put the dead letters back in the queue")
	cmd.Flags().BoolVar(&asJSON, "json", false, "JSON output")
	return cmd
}
