package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/server"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/store/searchcache"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/web"
)

// defaultDB is $PARALLAX_DB or parallax.db in the working directory.
func defaultDB() string {
	if p := os.Getenv("PARALLAX_DB"); p != "" {
		return p
	}
	return "parallax.db"
}

// storeFlags choose the store: the SQLite file --db, or the PostgreSQL
// database --database-url (which wins when set).
type storeFlags struct {
	db, url string
}

// register adds --db and --database-url; with fromEnv their defaults come
// from PARALLAX_DB (else dbDefault) and PARALLAX_DATABASE_URL.
func (f *storeFlags) register(cmd *cobra.Command, fromEnv bool) {
	db, url := "", ""
	if fromEnv {
		db, url = defaultDB(), os.Getenv("PARALLAX_DATABASE_URL")
	}
	cmd.Flags().StringVar(&f.db, "db", db, "SQLite store file (env PARALLAX_DB)")
	cmd.Flags().StringVar(&f.url, "database-url", url, "PostgreSQL store, postgres://... (env PARALLAX_DATABASE_URL); wins over --db")
}

// set reports whether a store was named (for commands whose default is
// not to use one).
func (f *storeFlags) set() bool { return f.db != "" || f.url != "" }

// name is the store for messages (a URL without its password).
func (f *storeFlags) name() string {
	if f.url != "" {
		if u, err := url.Parse(f.url); err == nil {
			return u.Redacted()
		}
		return "the PostgreSQL database"
	}
	return f.db
}

func (f *storeFlags) open(ctx context.Context) (store.Store, error) {
	if f.url != "" {
		return postgres.Open(ctx, f.url)
	}
	return sqlite.Open(ctx, f.db)
}

// openExisting is open for the commands that only read a store: a SQLite
// file that is not there is an error (a mistyped path), not a new empty
// store.
func (f *storeFlags) openExisting(ctx context.Context) (store.Store, error) {
	if f.url == "" {
		if _, err := os.Stat(f.db); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: ingest into it first (parallax ingest --db %s INPUT...)", f.db, f.db)
		}
	}
	return f.open(ctx)
}

func newIngestCmd(a *app) *cobra.Command {
	var f inputFlags
	var sf storeFlags
	cmd := &cobra.Command{
		Use:   "ingest [--db PATH] INPUT...",
		Short: "Read, analyse and cluster the inputs into the store (idempotent)",
		Long: `Runs the whole pipeline over the inputs and stores every article with its
analysis and story in the SQLite file --db (default $PARALLAX_DB or ./parallax.db).
Stories are updated incrementally: the most recent stored articles are replayed
into the clusterer first, so a new article joins an existing story. Articles
already stored (same id) are skipped, so ingesting the same input twice adds
nothing; articles are stored in transactions of 400, so an interrupted ingest
leaves a consistent store and re-running it completes the set.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			s, err := sf.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			in, err := ingest.New(ctx, s, nil)
			if err != nil {
				return err
			}
			var bar *progressbar.ProgressBar
			if out, ok := cmd.ErrOrStderr().(*os.File); ok && term.IsTerminal(int(out.Fd())) {
				bar = progressbar.NewOptions(estimateRecords(args), progressbar.OptionSetWriter(out), progressbar.OptionShowCount(),
					progressbar.OptionShowIts(), progressbar.OptionSetItsString("articles"), progressbar.OptionSetDescription("ingesting"),
					progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100*time.Millisecond))
			}
			start := time.Now()
			an, err := pipeline.NewAnalyser()
			if err != nil {
				return err
			}
			startedEmpty := in.StartedEmpty()
			gc := startGCBudget()
			defer gc.stop()
			seen := 0
			err = stream(a, cmd, &f, args, func(art news.Article) (ingest.Ready, error) {
				// Already stored (a re-run): skip the analysis. A store
				// that started empty holds only what this ingest adds,
				// whose repeats the ingester finds.
				if !startedEmpty {
					if has, err := s.Has(ctx, []string{art.ID}); err == nil && has[art.ID] {
						return ingest.Skip(art.ID), nil
					}
				}
				return ingest.Prepare(an.Analyse(art))
			}, func(r ingest.Ready) error {
				if bar != nil {
					bar.Add(1)
				}
				if seen++; seen%ingest.BatchSize == 0 {
					gc.adjust()
				}
				return in.Add(ctx, r)
			})
			if err != nil && err != errPartial {
				return err
			}
			if e := in.Flush(ctx); e != nil {
				return e
			}
			res := in.Result()
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(cmd.ErrOrStderr())
			}
			el := time.Since(start).Seconds()
			fmt.Fprintf(cmd.ErrOrStderr(), "ingested %d new articles (%d already stored, %d failed) into %s in %.1fs (%.0f articles/s)\n",
				res.Added, res.Known, len(a.failures), sf.name(), el, float64(res.Added+res.Known)/max(el, 1e-9))
			for i, e := range a.failures {
				if i == 20 {
					fmt.Fprintf(cmd.ErrOrStderr(), "  ... and %d more\n", len(a.failures)-i)
					break
				}
				fmt.Fprintln(cmd.ErrOrStderr(), "  failed:", e)
			}
			return err
		},
	}
	f.register(cmd)
	sf.register(cmd, true)
	return cmd
}

func newStoriesCmd(a *app) *cobra.Command {
	var sf storeFlags
	var q store.StoryQuery
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stories [--db PATH] [--since DATE] [--outlet NAME] [--limit N]",
		Short: "List the stored stories, latest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := store.CheckDate("--since", q.Since); err != nil {
				return err
			}
			if q.Limit <= 0 {
				return fmt.Errorf("--limit %d: want a positive number", q.Limit)
			}
			s, err := sf.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			sts, err := s.Stories(cmd.Context(), q)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				for _, st := range sts {
					if err := enc.Encode(st); err != nil {
						return err
					}
				}
				return nil
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 2, 4, 2, ' ', 0)
			fmt.Fprintln(w, "story\tlast\tarticles\toutlets\ttitle")
			for _, st := range sts {
				fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\n", st.ID, st.Last, st.Articles, st.Outlets, st.Title)
			}
			return w.Flush()
		},
	}
	sf.register(cmd, true)
	cmd.Flags().StringVar(&q.Since, "since", "", "only stories with an article on or after this date (YYYY-MM-DD)")
	cmd.Flags().StringVar(&q.Outlet, "outlet", "", "only stories this outlet covered")
	cmd.Flags().IntVar(&q.Limit, "limit", 50, "at most this many stories")
	cmd.Flags().BoolVar(&asJSON, "json", false, "JSON lines instead of a table")
	return cmd
}

func newSearchCmd(a *app) *cobra.Command {
	var sf storeFlags
	var format string
	var q store.SearchQuery
	cmd := &cobra.Command{
		Use:   "search [QUERY] [--db PATH] [--outlet --speaker --entity --from --to] [--format text|jsonl]",
		Short: "Search stored articles by words (title, text, quotations) and filters",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				q.Text = args[0]
			}
			if format != "text" && format != "jsonl" {
				return fmt.Errorf("--format %q: want text or jsonl", format)
			}
			for _, c := range []struct{ flag, v string }{{"--from", q.From}, {"--to", q.To}} {
				if err := store.CheckDate(c.flag, c.v); err != nil {
					return err
				}
			}
			s, err := sf.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			hits, err := s.Search(cmd.Context(), q)
			if err != nil {
				return err
			}
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			for _, h := range hits {
				if format == "jsonl" {
					if err := enc.Encode(h); err != nil {
						return err
					}
					continue
				}
				fmt.Fprintf(w, "%s  %-20s %s  [%s, story %s]\n", h.Published, h.Outlet, h.Title, h.ArticleID, h.Story)
			}
			return nil
		},
	}
	sf.register(cmd, true)
	cmd.Flags().StringVar(&q.Outlet, "outlet", "", "only this outlet")
	cmd.Flags().StringVar(&q.Speaker, "speaker", "", "only articles quoting this speaker")
	cmd.Flags().StringVar(&q.Entity, "entity", "", "only articles naming this entity")
	cmd.Flags().StringVar(&q.From, "from", "", "published on or after (YYYY-MM-DD)")
	cmd.Flags().StringVar(&q.To, "to", "", "published on or before (YYYY-MM-DD)")
	cmd.Flags().IntVar(&q.Limit, "limit", 50, "at most this many results")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or jsonl")
	return cmd
}

func newServeCmd(a *app) *cobra.Command {
	var sf storeFlags
	var addr, outlets, token string
	var maxBody int64
	var searchTTL time.Duration
	cmd := &cobra.Command{
		Use:   "serve [--db PATH] [--addr 127.0.0.1:8080] [--token TOKEN]",
		Short: "Serve the store: web UI, JSON API, OpenAPI document, health and metrics",
		Long: `Serves the web UI (/, /stories/{id}, /search, /speakers/{name}, /outlets/{name},
/articles/{id}) and the JSON API: GET /api/stories, /api/stories/{id} (the
compare report's JSON), /api/articles/{id}, /api/search?q=&outlet=&speaker=&entity=&from=&to=,
/api/speakers, /api/speakers/{name}, /api/outlets, /api/outlets/{name}; the
OpenAPI document at /api/openapi.json; /healthz and Prometheus /metrics.
POST /api/articles ingests JSON articles through the full pipeline, only when
a token is set (--token or env PARALLAX_TOKEN; requests carry
"Authorization: Bearer TOKEN"). Stops gracefully on interrupt or SIGTERM.
Without a token the store must exist already (a new one would stay empty).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			open := sf.openExisting
			if token != "" {
				open = sf.open // it can fill a new store
			}
			s, err := open(ctx)
			if err != nil {
				return err
			}
			served := withSearchCache(s, searchTTL)
			defer served.Close() // after its summaries' background refreshes, closes s
			srv := &server.Server{Store: served, Log: a.log, Token: token, MaxBody: maxBody}
			// The home page's summaries count every quotation: have them
			// ready for the first visitor.
			go func() {
				srv.Store.Speakers(ctx, web.HomeSpeakers)
				srv.Store.Outlets(ctx)
			}()
			if outlets != "" {
				if srv.Outlets, err = outlet.Load(outlets); err != nil {
					return err
				}
			}
			if token != "" {
				an, err := pipeline.NewAnalyser()
				if err != nil {
					return err
				}
				if srv.Ingester, err = ingest.New(ctx, s, an); err != nil {
					return err
				}
			}
			hs := server.HTTPServer(addr, srv.Handler())
			errc := make(chan error, 1)
			go func() { errc <- hs.ListenAndServe() }()
			fmt.Fprintf(cmd.ErrOrStderr(), "serving %s on http://%s\n", sf.name(), addr)
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
				sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				return hs.Shutdown(sctx)
			}
		},
	}
	sf.register(cmd, true)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().StringVar(&outlets, "outlets", "", "outlets file (CSV or YAML) for outlet facts in reports")
	cmd.Flags().StringVar(&token, "token", os.Getenv("PARALLAX_TOKEN"), "bearer token that enables POST /api/articles (env PARALLAX_TOKEN)")
	cmd.Flags().Int64Var(&maxBody, "max-body", server.DefaultMaxBody, "largest POST /api/articles body in bytes")
	cmd.Flags().DurationVar(&searchTTL, "search-cache", defaultSearchTTL, "answer a repeated search from memory for this long (0: never)")
	return cmd
}

// defaultSearchTTL is how long the server remembers a search's results.
const defaultSearchTTL = 10 * time.Second

// withSearchCache wraps s so repeated searches are answered from memory
// for ttl (0: not cached), and the speaker and outlet summaries of the
// home and outlet pages for searchcache.SummaryTTL.
func withSearchCache(s store.Store, ttl time.Duration) store.Store {
	return searchcache.New(s, 1024, ttl)
}
