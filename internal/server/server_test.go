package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/server"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/store/storetest"
)

func openStore(t *testing.T) store.Store {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newServer(t *testing.T) *httptest.Server {
	s := openStore(t)
	a := storetest.Article("a1", "The Harbour Ledger", "2026-03-03", "Ferry <b>strike</b> ends", "The ferry strike ended on Tuesday.\n\n<script>alert(1)</script> was in the text.",
		news.Quote{Text: "Nobody wins", Kind: news.Direct, Speaker: "Lena Ortiz"})
	b := storetest.Article("a2", "North Star Daily", "2026-03-03", "Ferry deal reached", "Ferries sail again after the strike ended.")
	if _, err := s.Put(context.Background(), []store.Item{storetest.Item(a, "s-a1", ""), storetest.Item(b, "s-a1", "")}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer((&server.Server{Store: s}).Handler())
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
	}
	return resp.StatusCode
}

func body(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestAPI(t *testing.T) {
	srv := newServer(t)
	var stories struct{ Stories []store.StorySummary }
	if code := get(t, srv.URL+"/api/stories", &stories); code != 200 || len(stories.Stories) != 1 || stories.Stories[0].Outlets != 2 {
		t.Errorf("stories: %d %+v", code, stories)
	}
	var rep struct {
		Stories []struct {
			ID       string
			Articles []struct{ Outlet string }
			Voices   []struct{ Speaker string }
		}
	}
	if code := get(t, srv.URL+"/api/stories/s-a1", &rep); code != 200 || len(rep.Stories[0].Articles) != 2 || rep.Stories[0].Voices[0].Speaker != "Lena Ortiz" {
		t.Errorf("story: %d %+v", code, rep)
	}
	var art map[string]any
	if code := get(t, srv.URL+"/api/articles/a1", &art); code != 200 || art["title"] != "Ferry <b>strike</b> ends" || len(art["quotes"].([]any)) != 1 || art["entities"] == nil {
		t.Errorf("article: %d %+v", code, art)
	}
	var res struct{ Results []store.Hit }
	if code := get(t, srv.URL+"/api/search?q=strike&outlet=North+Star+Daily", &res); code != 200 || len(res.Results) != 1 || res.Results[0].ArticleID != "a2" {
		t.Errorf("search: %d %+v", code, res)
	}
	var sp struct {
		Speaker        string
		Exact          bool
		Total, Outlets int
		Quotes         []store.QuoteHit
	}
	if code := get(t, srv.URL+"/api/speakers/ortiz", &sp); code != 200 || sp.Outlets != 1 || len(sp.Quotes) != 1 || sp.Quotes[0].Text != "Nobody wins" || sp.Exact {
		t.Errorf("speaker (a part of the name): %d %+v", code, sp)
	}
	if code := get(t, srv.URL+"/api/speakers/lena%20ORTIZ", &sp); code != 200 || sp.Total != 1 || !sp.Exact {
		t.Errorf("speaker (the name): %d %+v", code, sp)
	}
	if code := get(t, srv.URL+"/api/speakers/%20", &sp); code != 404 {
		t.Errorf("speaker with a blank name: %d, want 404", code)
	}
	for _, path := range []string{"/api/search?q=ferry&from=garbage", "/api/search?q=ferry&to=2026-13", "/api/stories?since=yesterday", "/api/stories?limit=abc", "/api/speakers?limit=-1"} {
		var out map[string]any
		if code := get(t, srv.URL+path, &out); code != 400 || out["error"] == nil {
			t.Errorf("%s: %d %v, want 400 with an error", path, code, out)
		}
	}
	var sps struct{ Speakers []store.SpeakerSummary }
	if code := get(t, srv.URL+"/api/speakers", &sps); code != 200 || len(sps.Speakers) != 1 {
		t.Errorf("speakers: %d %+v", code, sps)
	}
	var outs struct{ Outlets []store.OutletSummary }
	if code := get(t, srv.URL+"/api/outlets", &outs); code != 200 || len(outs.Outlets) != 2 || outs.Outlets[0].Articles != 1 {
		t.Errorf("outlets: %d %+v", code, outs)
	}
	var one struct {
		Outlet  store.OutletSummary
		Stories []store.StorySummary
	}
	if code := get(t, srv.URL+"/api/outlets/North%20Star%20Daily", &one); code != 200 || one.Outlet.Name != "North Star Daily" || len(one.Stories) != 1 {
		t.Errorf("outlet: %d %+v", code, one)
	}
	for _, path := range []string{"/api/stories/s-none", "/api/articles/none", "/api/outlets/Nobody"} {
		if code := get(t, srv.URL+path, nil); code != 404 {
			t.Errorf("%s: %d, want 404", path, code)
		}
	}
	var feeds struct{ Feeds []map[string]any }
	if code := get(t, srv.URL+"/api/feeds", &feeds); code != 200 || feeds.Feeds == nil {
		t.Errorf("feeds: %d %+v", code, feeds)
	}
	if code := get(t, srv.URL+"/healthz", nil); code != 200 {
		t.Errorf("healthz: %d", code)
	}
	var nf map[string]any
	if code := get(t, srv.URL+"/api/nothing-here", &nf); code != 404 || nf["error"] == nil {
		t.Errorf("an unknown API route: %d %v, want a JSON 404", code, nf)
	}
	resp, err := http.Post(srv.URL+"/api/stories", "application/json", nil)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST /api/stories: %d", resp.StatusCode)
		}
	}
}

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	srv := newServer(t)
	var doc struct {
		OpenAPI string
		Paths   map[string]map[string]any
	}
	if code := get(t, srv.URL+"/api/openapi.json", &doc); code != 200 || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi: %d %q", code, doc.OpenAPI)
	}
	for _, route := range []string{"GET /healthz", "GET /metrics", "GET /api/openapi.json", "GET /api/stories", "GET /api/stories/{id}",
		"GET /api/articles/{id}", "POST /api/articles", "GET /api/search", "GET /api/speakers", "GET /api/speakers/{name}",
		"GET /api/outlets", "GET /api/outlets/{name}", "GET /api/feeds"} {
		method, path, _ := strings.Cut(route, " ")
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("openapi.json does not document %s", route)
		}
	}
}

func TestMetrics(t *testing.T) {
	srv := newServer(t)
	get(t, srv.URL+"/api/stories", nil)
	get(t, srv.URL+"/stories/s-a1", nil)
	code, _, text := body(t, srv.URL+"/metrics")
	if code != 200 {
		t.Fatalf("metrics: %d", code)
	}
	for _, want := range []string{
		`parallax_http_requests_total{code="200",method="GET",route="GET /api/stories"} 1`,
		`parallax_http_request_duration_seconds_bucket{route="GET /stories/{id}",le=`,
		"parallax_store_articles 2", "parallax_store_stories 1", "parallax_store_quotes 1", "parallax_store_size_bytes ",
		"parallax_ingested_articles_total 0", "go_goroutines",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestPostArticles(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	an, err := pipeline.NewAnalyser()
	if err != nil {
		t.Fatal(err)
	}
	in, err := ingest.New(ctx, s, an)
	if err != nil {
		t.Fatal(err)
	}
	open := httptest.NewServer((&server.Server{Store: s}).Handler())
	defer open.Close()
	srv := httptest.NewServer((&server.Server{Store: s, Ingester: in, Token: "sesame", MaxBody: 4096}).Handler())
	defer srv.Close()

	post := func(url, token, payload string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest("POST", url+"/api/articles", strings.NewReader(payload))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			if !strings.Contains(token, " ") {
				token = "Bearer " + token
			}
			req.Header.Set("Authorization", token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	batch := `[{"id":"p1","outlet":"Harbour Ledger","title":"Ferry strike ends in Veloria","published":"2026-03-03","text":"The ferry strike in Veloria ended on Tuesday, union leader Lena Ortiz said. \"Nobody wins a strike,\" Ortiz said."},
	 {"id":"p2","url":"https://northstar.example/ferry","title":"Veloria ferry strike over","published":"2026-03-03","text":"Ferries in Veloria sail again after the strike ended on Tuesday, said Lena Ortiz of the union."}]`
	for _, c := range []struct {
		name, url, token, body string
		want                   int
	}{
		{"disabled without a token", open.URL, "sesame", batch, 403},
		{"no token", srv.URL, "", batch, 401},
		{"wrong token", srv.URL, "open", batch, 401},
		{"not a bearer token", srv.URL, "Basic sesame", batch, 401},
		{"the scheme in lower case", srv.URL, "bearer sesame", `{"id":"x","text":`, 400},
		{"too large", srv.URL, "sesame", `[{"text":"` + strings.Repeat("x", 5000) + `"}]`, 413},
		{"too large unpacked", srv.URL, "sesame", gzipped(strings.Repeat(`{"text":"`+strings.Repeat("x", 1000)+`"}`+"\n", 20)), 413},
		{"not JSON", srv.URL, "sesame", "\x00\x01binary junk", 400},
		{"malformed", srv.URL, "sesame", `{"id":"x","text":`, 400},
	} {
		if code, out := post(c.url, c.token, c.body); code != c.want {
			t.Errorf("%s: %d %v, want %d", c.name, code, out, c.want)
		}
	}
	code, out := post(srv.URL, "sesame", batch)
	if code != 201 || out["added"] != 2.0 {
		t.Fatalf("batch: %d %v", code, out)
	}
	code, out = post(srv.URL, "sesame", batch[1:strings.Index(batch, "},")+1]+"\n"+`{"id":"bad"}`)
	if code != 201 || out["added"] != 0.0 || out["known"] != 1.0 || len(out["failed"].([]any)) != 1 {
		t.Errorf("again, with a bad record: %d %v", code, out)
	}
	sts, err := s.Stories(ctx, store.StoryQuery{})
	if err != nil || len(sts) != 1 || sts[0].Articles != 2 {
		t.Errorf("the two posted reports should make one story: %+v %v", sts, err)
	}
}

func TestUIPages(t *testing.T) {
	srv := newServer(t)
	for _, c := range []struct {
		path string
		code int
		want []string
	}{
		{"/", 200, []string{"Latest stories", "Ferry &lt;b&gt;strike&lt;/b&gt; ends", "2 outlets", "Lena Ortiz"}},
		{"/stories/s-a1", 200, []string{"Side by side", "The Harbour Ledger", "North Star Daily", "Nobody wins", "&lt;script&gt;alert(1)&lt;/script&gt;", "Corroborated claims", "Timeline"}},
		{"/search?q=ferry", 200, []string{"2 results", "Ferry deal reached"}},
		{"/search", 200, []string{"Search"}},
		{"/speakers", 200, []string{"Lena Ortiz"}},
		{"/speakers/Lena%20Ortiz", 200, []string{"Nobody wins", "1 quotation in 1 outlet"}},
		{"/speakers/Nobody", 404, []string{"No quotation"}},
		{"/outlets", 200, []string{"North Star Daily"}},
		{"/outlets/The%20Harbour%20Ledger", 200, []string{"Lena Ortiz", "Ferry &lt;b&gt;"}},
		{"/outlets/Nobody", 404, []string{"Not found"}},
		{"/articles/a1", 200, []string{"Nobody wins", "&lt;script&gt;"}},
		{"/stories/none", 404, []string{"Not found"}},
		{"/static/parallax.css", 200, []string{"font"}},
	} {
		code, hdr, text := body(t, srv.URL+c.path)
		if code != c.code {
			t.Errorf("%s: %d, want %d", c.path, code, c.code)
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q", c.path, w)
			}
		}
		if strings.Contains(text, "<script") || strings.Contains(text, "<b>") {
			t.Errorf("%s: unescaped article markup", c.path)
		}
		if csp := hdr.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q", c.path, csp)
		}
	}
}

// TestStoryCacheFollowsTheStore: a cached report is rebuilt when its story
// grows.
func TestStoryCacheFollowsTheStore(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	put := func(id, outlet string) {
		a := storetest.Article(id, outlet, "2026-03-03", "Ferry strike ends in "+id, "The ferry strike ended on Tuesday.")
		if _, err := s.Put(ctx, []store.Item{storetest.Item(a, "s-x", "")}); err != nil {
			t.Fatal(err)
		}
	}
	put("x1", "One")
	put("x2", "Two")
	srv := httptest.NewServer((&server.Server{Store: s}).Handler())
	defer srv.Close()
	var rep struct {
		Stories []struct{ Articles []struct{ ID string } }
	}
	for _, want := range []int{2, 2, 3} {
		if want == 3 {
			put("x3", "Three")
		}
		if code := get(t, srv.URL+"/api/stories/s-x", &rep); code != 200 || len(rep.Stories[0].Articles) != want {
			t.Errorf("report: %d, %d articles, want %d", code, len(rep.Stories[0].Articles), want)
		}
		if _, _, page := body(t, srv.URL+"/stories/s-x"); strings.Count(page, `class="card article-col"`) != want {
			t.Errorf("story page: %d articles side by side, want %d", strings.Count(page, `class="card article-col"`), want)
		}
	}
}

// gzipped is s gzip-compressed.
func gzipped(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}
