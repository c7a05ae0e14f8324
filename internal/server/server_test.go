package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/server"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/store/storetest"
)

func newServer(t *testing.T) *httptest.Server {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a := storetest.Article("a1", "The Harbour Ledger", "2026-03-03", "Ferry <b>strike</b> ends", "The ferry strike ended on Tuesday.",
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
	if code := get(t, srv.URL+"/api/articles/a1", &art); code != 200 || art["title"] != "Ferry <b>strike</b> ends" {
		t.Errorf("article: %d %+v", code, art)
	}
	var res struct{ Results []store.Hit }
	if code := get(t, srv.URL+"/api/search?q=strike&outlet=North+Star+Daily", &res); code != 200 || len(res.Results) != 1 || res.Results[0].ArticleID != "a2" {
		t.Errorf("search: %d %+v", code, res)
	}
	for _, path := range []string{"/api/stories/s-none", "/api/articles/none"} {
		if code := get(t, srv.URL+path, nil); code != 404 {
			t.Errorf("%s: %d, want 404", path, code)
		}
	}
	if code := get(t, srv.URL+"/healthz", nil); code != 200 {
		t.Errorf("healthz: %d", code)
	}
	resp, err := http.Post(srv.URL+"/api/stories", "application/json", nil)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST /api/stories: %d", resp.StatusCode)
		}
	}
}
