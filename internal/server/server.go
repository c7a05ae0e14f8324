// Package server serves a store over HTTP: a JSON API (stories, a story's
// comparison report, articles, search, speakers, outlets) and health. It
// uses only the standard library; every handler reads through the Store
// interface, so any store implementation serves the same API.
package server

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
)

// Server is the HTTP front of a store.
type Server struct {
	Store   store.Store
	Outlets *outlet.Table // optional outlet facts for reports
	Log     *slog.Logger
}

// Handler returns the routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /api/stories", s.stories)
	mux.HandleFunc("GET /api/stories/{id}", s.story)
	mux.HandleFunc("GET /api/articles/{id}", s.article)
	mux.HandleFunc("GET /api/search", s.search)
	return s.logged(mux)
}

// logged writes one structured log line per request.
func (s *Server) logged(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		if s.Log != nil {
			s.Log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
		}
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": err.Error()})
		return
	}
	if s.Log != nil {
		s.Log.Error("request failed", "path", r.URL.Path, "err", err)
	}
	writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
}

func intParam(r *http.Request, name string, def int) int {
	if v, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil && v > 0 {
		return min(v, 500)
	}
	return def
}

func (s *Server) stories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sts, err := s.Store.Stories(r.Context(), store.StoryQuery{Since: q.Get("since"), Outlet: q.Get("outlet"), Limit: intParam(r, "limit", 50)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if sts == nil {
		sts = []store.StorySummary{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"stories": sts})
}

// story answers with the comparison report of one stored story (the same
// JSON as `parallax compare --format json`).
func (s *Server) story(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	arts, ass, err := s.Store.Story(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	dups := map[string]string{}
	for _, a := range ass {
		if a.DuplicateOf != "" {
			dups[a.ArticleID] = a.DuplicateOf
		}
	}
	rep := compare.Report{Stories: []compare.StoryReport{compare.Build(compare.Input{ID: id, Articles: arts, DuplicateOf: dups, Outlets: s.Outlets})}}
	writeJSON(w, http.StatusOK, rep)
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		news.Article
		Entities []news.Entity `json:"entities"`
		Quotes   []news.Quote  `json:"quotes"`
	}{a.Article, a.Entities, a.Quotes})
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	hits, err := s.Store.Search(r.Context(), store.SearchQuery{Text: q.Get("q"), Outlet: q.Get("outlet"), Speaker: q.Get("speaker"),
		Entity: q.Get("entity"), From: q.Get("from"), To: q.Get("to"), Limit: intParam(r, "limit", 50)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if hits == nil {
		hits = []store.Hit{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": hits})
}

// HTTPServer wraps a handler with the timeouts every server needs.
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr: addr, Handler: h,
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second,
		MaxHeaderBytes: 1 << 16,
	}
}
