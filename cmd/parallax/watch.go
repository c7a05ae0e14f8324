package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/queue"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/watch"
	"github.com/parallax-news/parallax/internal/worker"
)

func feedStore(s store.Store) (store.Feeds, error) {
	fs, ok := s.(store.Feeds)
	if !ok {
		return nil, fmt.Errorf("this store does not keep feeds")
	}
	return fs, nil
}

func newFeedsCmd(a *app) *cobra.Command {
	var sf storeFlags
	cmd := &cobra.Command{
		Use:   "feeds add URL... | feeds list [--json] | feeds remove URL...",
		Short: "Manage the watched feeds and see their health",
	}
	with := func(fn func(ctx context.Context, fs store.Feeds, args []string) error) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			s, err := sf.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			fs, err := feedStore(s)
			if err != nil {
				return err
			}
			return fn(cmd.Context(), fs, args)
		}
	}
	add := &cobra.Command{Use: "add URL...", Short: "Watch feeds (RSS or Atom URLs)", Args: cobra.MinimumNArgs(1),
		RunE: with(func(ctx context.Context, fs store.Feeds, args []string) error {
			for _, u := range args {
				if err := checkFeedURL(u); err != nil {
					return err
				}
				if err := fs.AddFeed(ctx, u); err != nil {
					return err
				}
			}
			return nil
		})}
	remove := &cobra.Command{Use: "remove URL...", Short: "Stop watching feeds", Args: cobra.MinimumNArgs(1),
		RunE: with(func(ctx context.Context, fs store.Feeds, args []string) error {
			for _, u := range args {
				if err := fs.RemoveFeed(ctx, u); err != nil {
					return err
				}
			}
			return nil
		})}
	var asJSON bool
	list := &cobra.Command{Use: "list [--json]", Short: "The feeds with their health: last success, last error, items", Args: cobra.NoArgs}
	list.RunE = with(func(ctx context.Context, fs store.Feeds, _ []string) error {
		feeds, err := fs.ListFeeds(ctx)
		if err != nil {
			return err
		}
		out := list.OutOrStdout()
		if asJSON {
			enc := json.NewEncoder(out)
			for _, f := range feeds {
				if err := enc.Encode(f); err != nil {
					return err
				}
			}
			return nil
		}
		w := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(w, "feed\titems\tlast success\terrors\tnext check\tlast error")
		for _, f := range feeds {
			fmt.Fprintf(w, "%s\t%d\t%s\t%d\t%s\t%s\n", f.URL, f.Items, when(f.LastSuccess), f.Errors, when(f.NextCheck), f.LastError)
		}
		return w.Flush()
	})
	list.Flags().BoolVar(&asJSON, "json", false, "JSON lines")
	for _, sub := range []*cobra.Command{add, list, remove} {
		sf.register(sub, true)
		cmd.AddCommand(sub)
	}
	return cmd
}

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

func checkFeedURL(u string) error {
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return fmt.Errorf("feed %q: want an http:// or https:// URL", u)
	}
	return nil
}

// readFeedList reads feed URLs, one per line (# comments, blank lines).
func readFeedList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := checkFeedURL(line); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, line)
	}
	return out, sc.Err()
}

// queueSink hands feed items to workers through the job queue.
type queueSink struct{ q *queue.Queue }

func (s queueSink) Items(ctx context.Context, items []watch.Item) (int, error) {
	var payloads [][]byte
	for _, it := range items {
		d := it.Feed
		if it.Page != nil {
			d = *it.Page
		}
		b, err := worker.EncodeDocument(d)
		if err != nil {
			return 0, err
		}
		payloads = append(payloads, b)
	}
	return len(payloads), s.q.Enqueue(ctx, worker.KindDocument, payloads)
}

func newWatchCmd(a *app) *cobra.Command {
	var sf storeFlags
	var feedsFile, outlets, notify string
	var track []string
	var notifyOutlets int
	var once, allowPrivate, enqueue bool
	w := &watch.Watcher{}
	c := fetch.New()
	cmd := &cobra.Command{
		Use:   "watch [--db PATH|--database-url URL] [--feeds FILE] [--interval 15m] [--once]",
		Short: "Follow feeds: poll them, fetch new items' pages, run the pipeline, alert",
		Long: `Polls every watched feed (parallax feeds add, or --feeds FILE with one URL per
line) on a schedule with a conditional GET (ETag, Last-Modified), fetches each
new item's page (one request at a time per host, --delay apart, robots.txt
obeyed; the feed's own entry is used when the page cannot be fetched) and runs
the full pipeline, so stories grow as outlets publish. A failing feed is
retried with exponential backoff up to --max-backoff. Fetching refuses
loopback, private, link-local and cloud metadata addresses (checked after DNS
and on every redirect) unless --allow-private; only http and https; responses
are cut at --max-bytes.

--notify URL posts a JSON event (a webhook) when a story reaches
--notify-outlets outlets ({"event":"story_outlets",...}) or a new article
quotes or names a --track name ({"event":"tracked",...}). With
--database-url and --enqueue, items are queued for parallax worker processes
instead of processed here (alerts then need a watcher without --enqueue).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := sf.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			fs, err := feedStore(s)
			if err != nil {
				return err
			}
			if feedsFile != "" {
				urls, err := readFeedList(feedsFile)
				if err != nil {
					return err
				}
				for _, u := range urls {
					if err := fs.AddFeed(ctx, u); err != nil {
						return err
					}
				}
			}
			c.AllowPrivate = allowPrivate
			w.Feeds, w.Client, w.Log = fs, c, a.log
			if enqueue {
				pg, ok := s.(*postgres.Store)
				if !ok {
					return fmt.Errorf("--enqueue needs --database-url (workers share a PostgreSQL queue)")
				}
				q, err := queue.Open(ctx, pg.Pool())
				if err != nil {
					return err
				}
				w.Sink = queueSink{q}
			} else {
				an, err := pipeline.NewAnalyser()
				if err != nil {
					return err
				}
				in, err := ingest.New(ctx, s, an)
				if err != nil {
					return err
				}
				sink := &watch.IngestSink{Ingester: in, Store: s, Log: a.log}
				if outlets != "" {
					if sink.Outlets, err = outlet.Load(outlets); err != nil {
						return err
					}
				}
				if notify != "" {
					sink.Notifier = &watch.Notifier{URL: notify, Client: c, Outlets: notifyOutlets, Track: track, Log: a.log}
				}
				w.Sink = sink
			}
			if once {
				r, err := w.Once(ctx)
				fmt.Fprintf(cmd.ErrOrStderr(), "checked %d feeds: %d failed, %d not modified, %d new articles\n", r.Checked, r.Failed, r.NotModified, r.Items)
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "watching the feeds of %s every %s (interrupt to stop)\n", sf.name(), w.Interval)
			return w.Run(ctx)
		},
	}
	sf.register(cmd, true)
	cmd.Flags().StringVar(&feedsFile, "feeds", "", "file of feed URLs to watch, one per line (added to the feeds table)")
	cmd.Flags().DurationVar(&w.Interval, "interval", 15*time.Minute, "time between two checks of a healthy feed")
	cmd.Flags().DurationVar(&w.MaxBackoff, "max-backoff", 6*time.Hour, "longest wait after repeated failures")
	cmd.Flags().BoolVar(&once, "once", false, "check the due feeds once and exit")
	cmd.Flags().BoolVar(&w.NoPages, "no-pages", false, "use the feeds' own entries, do not fetch pages")
	cmd.Flags().BoolVar(&allowPrivate, "allow-private", false, "allow fetching from loopback and private addresses")
	cmd.Flags().DurationVar(&c.Delay, "delay", time.Second, "pause between two requests to the same host")
	cmd.Flags().Int64Var(&c.MaxBytes, "max-bytes", 10<<20, "largest response read")
	cmd.Flags().DurationVar(&c.Timeout, "timeout", 30*time.Second, "time limit of one request")
	cmd.Flags().StringVar(&outlets, "outlets", "", "outlets file (CSV or YAML) mapping hosts to outlet names")
	cmd.Flags().StringVar(&notify, "notify", "", "webhook URL for alerts (JSON POST)")
	cmd.Flags().IntVar(&notifyOutlets, "notify-outlets", 3, "alert when a story reaches this many outlets")
	cmd.Flags().StringArrayVar(&track, "track", nil, "alert when a new article quotes or names this person or entity (repeatable)")
	cmd.Flags().BoolVar(&enqueue, "enqueue", false, "queue items for parallax worker processes (PostgreSQL) instead of processing them here")
	return cmd
}
