package watch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

const page = `<!DOCTYPE html><html><head><title>%[2]s</title>
<meta property="og:site_name" content="%[1]s"><meta property="og:title" content="%[2]s">
<meta property="article:published_time" content="2026-03-03T09:00:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><h1>%[2]s</h1>
<p>The ferry strike in the port of Veloria ended on Tuesday after eleven hours of talks between the Ferry Crews Union and the operator Marren Lines, %[1]s reports.</p>
<p>"Nobody wins a strike, but this deal is fair," union leader Lena Ortiz said after the talks. Crews will receive a four percent pay rise, and night-shift rules will be reviewed within six months.</p>
<p>Ferries between Veloria and the islands will sail again on Wednesday morning, the operator said in a statement. Thousands of commuters had been stranded for nine days.</p>
<p>Mayor Bo Tan said the city would ask both sides to agree on a faster procedure for future disputes so that the islands are never cut off this long again.</p>
</article><footer>Copyright %[1]s</footer></body></html>`

const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Ferry news</title><link>%[1]s/</link>
<item><title>Veloria ferry strike ends</title><link>%[1]s/a</link><pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate><description>Strike over.</description></item>
<item><title>Ferries to sail again on Wednesday</title><link>%[1]s/b</link><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><description>Ferries sail again.</description></item>
<item><title>Strike deal: what crews get</title><link>%[1]s/private/c</link><pubDate>Tue, 03 Mar 2026 11:00:00 GMT</pubDate>
<description>The ferry strike in Veloria ended on Tuesday after talks between the Ferry Crews Union and Marren Lines. "Nobody wins a strike," union leader Lena Ortiz said. Crews get a four percent pay rise and ferries sail again on Wednesday.</description></item>
</channel></rss>`

type site struct {
	srv                 *httptest.Server
	feedHits, notMod    atomic.Int32
	privateHits         atomic.Int32
	mu                  sync.Mutex
	events              []Event
	inFlight, maxFlight atomic.Int32
}

func newSite(t *testing.T) *site {
	s := &site{}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.feedHits.Add(1)
		if r.Header.Get("If-None-Match") == `"f1"` {
			s.notMod.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"f1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, feed, s.srv.URL)
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	})
	for path, outlet := range map[string]string{"/a": "Harbour Ledger", "/b": "North Star Daily"} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			n := s.inFlight.Add(1)
			defer s.inFlight.Add(-1)
			if n > s.maxFlight.Load() {
				s.maxFlight.Store(n)
			}
			time.Sleep(10 * time.Millisecond)
			title := map[string]string{"/a": "Veloria ferry strike ends", "/b": "Ferries to sail again on Wednesday"}[path]
			fmt.Fprintf(w, page, outlet, title)
		})
	}
	mux.HandleFunc("/private/", func(w http.ResponseWriter, r *http.Request) {
		s.privateHits.Add(1)
		fmt.Fprintf(w, page, "Secret", "Should never be fetched")
	})
	mux.HandleFunc("/hook", func(w http.ResponseWriter, r *http.Request) {
		var e Event
		json.NewDecoder(r.Body).Decode(&e)
		s.mu.Lock()
		s.events = append(s.events, e)
		s.mu.Unlock()
	})
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func setup(t *testing.T, allowPrivate bool) (*site, *sqlite.Store, *Watcher, *time.Time) {
	ctx := context.Background()
	site := newSite(t)
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	an, err := pipeline.NewAnalyser()
	if err != nil {
		t.Fatal(err)
	}
	in, err := ingest.New(ctx, st, an)
	if err != nil {
		t.Fatal(err)
	}
	c := fetch.New()
	c.AllowPrivate, c.Delay = allowPrivate, 5*time.Millisecond
	now := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	w := &Watcher{Feeds: st, Client: c, Interval: 10 * time.Minute, Now: func() time.Time { return now },
		Sink: &IngestSink{Ingester: in, Store: st, Notifier: &Notifier{URL: site.srv.URL + "/hook", Client: c, Outlets: 2, Track: []string{"Ortiz", "Nobody Here"}}}}
	for _, u := range []string{site.srv.URL + "/feed.xml", site.srv.URL + "/broken.xml"} {
		if err := st.AddFeed(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	return site, st, w, &now
}

func TestWatch(t *testing.T) {
	ctx := context.Background()
	site, st, w, now := setup(t, true)
	r, err := w.Once(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.Checked != 2 || r.Failed != 1 || r.Items != 3 {
		t.Errorf("first round %+v: want 2 checked, 1 failed, 3 items", r)
	}
	if site.privateHits.Load() != 0 {
		t.Error("a page robots.txt disallows was fetched")
	}
	if site.maxFlight.Load() > 1 {
		t.Errorf("%d page requests at once to one host", site.maxFlight.Load())
	}
	sts, _ := st.Stories(ctx, store.StoryQuery{})
	if len(sts) != 1 || sts[0].Articles != 3 {
		t.Errorf("stories %+v: want the three reports in one story", sts)
	}
	outs, _ := st.Outlets(ctx)
	names := fmt.Sprint(outs)
	if !strings.Contains(names, "Harbour Ledger") || !strings.Contains(names, "North Star Daily") {
		t.Errorf("outlets from the pages: %s", names)
	}
	feeds, _ := st.ListFeeds(ctx)
	good, bad := feeds[0], feeds[1]
	if good.Items != 3 || good.Errors != 0 || !good.LastSuccess.Equal(*now) || !good.NextCheck.Equal(now.Add(10*time.Minute)) {
		t.Errorf("good feed health %+v", good)
	}
	if bad.Errors != 1 || !strings.Contains(bad.LastError, "500") || !bad.NextCheck.Equal(now.Add(20*time.Minute)) || !bad.LastSuccess.IsZero() {
		t.Errorf("broken feed health %+v", bad)
	}
	site.mu.Lock()
	events := fmt.Sprintf("%+v", site.events)
	nOutlets, nTracked := 0, 0
	for _, e := range site.events {
		switch e.Event {
		case "story_outlets":
			nOutlets++
		case "tracked":
			nTracked++
			if e.Name != "Ortiz" {
				t.Errorf("tracked event for %q", e.Name)
			}
		}
	}
	site.mu.Unlock()
	if nOutlets != 1 || nTracked != 3 {
		t.Errorf("webhook events: %d story_outlets (want 1), %d tracked (want 3): %s", nOutlets, nTracked, events)
	}

	// Ten minutes on: the good feed is due and unchanged (304); the broken
	// one is backing off (due after 20 minutes).
	*now = now.Add(10 * time.Minute)
	r, err = w.Once(ctx)
	if err != nil || r.Checked != 1 || r.NotModified != 1 || r.Items != 0 {
		t.Errorf("second round %+v, %v", r, err)
	}
	*now = now.Add(15 * time.Minute)
	r, _ = w.Once(ctx)
	feeds, _ = st.ListFeeds(ctx)
	if r.Checked != 2 || feeds[1].Errors != 2 || !feeds[1].NextCheck.Equal(now.Add(40*time.Minute)) {
		t.Errorf("third round %+v; broken feed %+v (want 2 errors, next check in 40 min)", r, feeds[1])
	}
	if n, _ := st.Stats(ctx); n.Articles != 3 {
		t.Errorf("%d articles after three rounds, want 3", n.Articles)
	}
}

func TestWatchRefusesLoopbackWithoutAllowPrivate(t *testing.T) {
	ctx := context.Background()
	_, st, w, _ := setup(t, false)
	r, err := w.Once(ctx)
	if err != nil || r.Failed != 2 {
		t.Fatalf("round %+v, %v: want both feeds refused", r, err)
	}
	feeds, _ := st.ListFeeds(ctx)
	for _, f := range feeds {
		if !strings.Contains(f.LastError, "loopback") {
			t.Errorf("%s: last error %q, want the guard's refusal", f.URL, f.LastError)
		}
	}
	_, err = w.Client.Get(ctx, feeds[0].URL, fetch.Conditional{})
	if !errors.Is(err, fetch.ErrForbiddenAddress) {
		t.Errorf("guard: %v", err)
	}
}
