package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/loadtest"
	"github.com/parallax-news/parallax/internal/server"
	"github.com/parallax-news/parallax/internal/store"
)

func newLoadtestCmd(a *app) *cobra.Command {
	var sf storeFlags
	var o loadtest.Options
	var asJSON bool
	var searchTTL time.Duration
	cmd := &cobra.Command{
		Use:   "loadtest [--db PATH|--database-url URL] [--concurrency 8] [--duration 20s]",
		Short: "Measure story page and search latency under concurrent load on loopback",
		Long: `Serves the store on a loopback port (or uses the server at --url) and sends it
requests from --concurrency clients for --duration: the web story page and the
API story report for the latest 500 stories covered by two outlets or more, and API and web searches
for words taken from their titles. Prints requests, errors and p50/p90/p99/max
latency per kind.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := sf.openExisting(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			all, err := s.Stories(ctx, store.StoryQuery{Limit: 20000})
			if err != nil {
				return err
			}
			// The stories a reader opens: those several outlets covered,
			// latest first (single-article stories would flatter the figures).
			var sts []store.StorySummary
			for _, st := range all {
				if st.Outlets >= 2 && len(sts) < 500 {
					sts = append(sts, st)
				}
			}
			if len(sts) == 0 {
				sts = all[:min(len(all), 500)]
			}
			if len(sts) == 0 {
				return fmt.Errorf("loadtest: %s holds no story: ingest something first", sf.name())
			}
			var pages, reports, searches, webSearches []string
			seen := map[string]bool{}
			for _, st := range sts {
				pages = append(pages, "/stories/"+url.PathEscape(st.ID))
				reports = append(reports, "/api/stories/"+url.PathEscape(st.ID))
				for _, w := range strings.Fields(st.Title) {
					w = strings.Trim(strings.ToLower(w), `.,:;!?"'()“”‘’`)
					if len(w) >= 5 && !seen[w] && len(searches) < 300 {
						seen[w] = true
						searches = append(searches, "/api/search?q="+url.QueryEscape(w))
						webSearches = append(webSearches, "/search?q="+url.QueryEscape(w))
					}
				}
			}
			if len(searches) == 0 {
				searches, webSearches = []string{"/api/search?q=the"}, []string{"/search?q=the"}
			}
			if o.BaseURL == "" {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					return err
				}
				hs := server.HTTPServer(ln.Addr().String(), (&server.Server{Store: withSearchCache(s, searchTTL)}).Handler())
				go hs.Serve(ln)
				defer hs.Close()
				o.BaseURL = "http://" + ln.Addr().String()
				// Warm up: one pass so first-touch costs (page cache) are not measured.
				for _, p := range []string{pages[0], reports[0], searches[0]} {
					if resp, err := http.Get(o.BaseURL + p); err == nil {
						resp.Body.Close()
					}
				}
			}
			o.Targets = []loadtest.Target{{Name: "story", Paths: pages}, {Name: "report", Paths: reports},
				{Name: "search", Paths: searches}, {Name: "websrch", Paths: webSearches}}
			fmt.Fprintf(cmd.ErrOrStderr(), "loadtest: %d clients for %s against %s (%d stories, %d search words)\n",
				o.Concurrency, o.Duration, o.BaseURL, len(pages), len(searches))
			res, err := loadtest.Run(ctx, o)
			if err != nil {
				return err
			}
			for _, r := range res {
				if asJSON {
					json.NewEncoder(cmd.OutOrStdout()).Encode(r)
				} else {
					fmt.Fprintln(cmd.OutOrStdout(), r)
				}
			}
			return nil
		},
	}
	sf.register(cmd, true)
	cmd.Flags().StringVar(&o.BaseURL, "url", "", "load a running server at this base URL instead of serving the store here")
	cmd.Flags().IntVar(&o.Concurrency, "concurrency", 8, "concurrent clients")
	cmd.Flags().DurationVar(&o.Duration, "duration", 20*time.Second, "how long to send requests")
	cmd.Flags().Uint64Var(&o.Seed, "seed", 1, "seed of the request sequence")
	cmd.Flags().BoolVar(&asJSON, "json", false, "JSON lines instead of a table")
	cmd.Flags().DurationVar(&searchTTL, "search-cache", defaultSearchTTL, "the served store's search cache, as serve --search-cache (0: none)")
	return cmd
}
