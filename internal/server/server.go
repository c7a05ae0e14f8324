// Package server serves a store over HTTP: the JSON API (stories, a
// story's comparison report, articles, search, speakers, outlets, and
// POST /api/articles to ingest), its OpenAPI document, the web UI (package
// web), health and Prometheus metrics. Every handler reads through the
// store.Store interface, so any store implementation serves the same API.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/web"
)

// DefaultMaxBody limits a POST /api/articles body.
const DefaultMaxBody = 10 << 20

// Server is the HTTP front of a store.
type Server struct {
	Store   store.Store
	Outlets *outlet.Table // optional outlet facts for reports
	Log     *slog.Logger
	// Ingester and Token enable POST /api/articles: both must be set, and
	// requests must carry "Authorization: Bearer <Token>".
	Ingester *ingest.Ingester
	Token    string
	// MaxBody limits a POST body in bytes (0: DefaultMaxBody).
	MaxBody int64
	// Registry receives the metrics (nil: a new registry).
	Registry *prometheus.Registry

	metrics *metrics
	reports *compare.Cache
}

// Handler returns every route, wrapped with security headers, metrics and
// request logs.
func (s *Server) Handler() http.Handler {
	if s.Registry == nil {
		s.Registry = prometheus.NewRegistry()
	}
	s.metrics = newMetrics(s.Registry, s.Store)
	s.reports = compare.NewCache(s.Store, s.Outlets, compare.DefaultCacheSize)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.health)
	mux.Handle("GET /metrics", s.metrics.handler(s.Registry))
	mux.HandleFunc("GET /api/openapi.json", openAPI)
	mux.HandleFunc("GET /api/stories", s.stories)
	mux.HandleFunc("GET /api/stories/{id}", s.story)
	mux.HandleFunc("GET /api/articles/{id}", s.article)
	mux.HandleFunc("POST /api/articles", s.postArticles)
	mux.HandleFunc("GET /api/search", s.search)
	mux.HandleFunc("GET /api/speakers", s.speakers)
	mux.HandleFunc("GET /api/speakers/{name}", s.speaker)
	mux.HandleFunc("GET /api/outlets", s.outlets)
	mux.HandleFunc("GET /api/outlets/{name}", s.outlet)
	mux.HandleFunc("GET /api/feeds", s.feeds)
	mux.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API route: "+r.Method+" "+r.URL.Path+" (see /api/openapi.json)")
	})
	(&web.UI{Store: s.Store, Outlets: s.Outlets, Log: s.Log, Reports: s.reports}).Register(mux)
	return s.instrumented(mux)
}

// RequestTimeout bounds the work of one request (a POST of a large batch
// included).
const RequestTimeout = 55 * time.Second

// instrumented adds security headers, counts and times every request by
// route pattern, and writes one structured log line per request.
func (s *Server) instrumented(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Content-Security-Policy", web.ContentSecurityPolicy)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		// The write timeout ends the connection but not the handler: the
		// deadline on the request's context stops its queries too (SQLite
		// and PostgreSQL interrupt a query when its context ends).
		ctx, cancel := context.WithTimeout(r.Context(), RequestTimeout)
		defer cancel()
		r = r.WithContext(ctx)
		h.ServeHTTP(rec, r)
		route := r.Pattern // set by the mux on the request it served
		if route == "" {
			route = "unmatched"
		}
		el := time.Since(start)
		s.metrics.observe(route, r.Method, rec.status, el)
		if s.Log != nil {
			s.Log.Info("request", "method", r.Method, "path", r.URL.Path, "route", route, "status", rec.status, "duration", el)
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
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	if r.Context().Err() != nil {
		// The client went away or the request ran past its deadline: no
		// fault of the server's, and likely nobody to answer.
		if s.Log != nil {
			s.Log.Info("request abandoned", "path", r.URL.Path, "err", err)
		}
		writeError(w, http.StatusServiceUnavailable, "request abandoned: "+r.Context().Err().Error())
		return
	}
	if s.Log != nil {
		s.Log.Error("request failed", "path", r.URL.Path, "err", err)
	}
	writeError(w, http.StatusInternalServerError, "internal error")
}

// badParams answers 400 and reports true when the request's limit is
// not a positive number or its date filters are not dates (they would
// quietly give the default or nothing).
func badParams(w http.ResponseWriter, r *http.Request) bool {
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n <= 0 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("limit %q: want a positive number (at most 500 are returned)", v))
			return true
		}
	}
	for _, name := range []string{"since", "from", "to"} {
		if err := store.CheckDate(name, q.Get(name)); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return true
		}
	}
	return false
}

func intParam(r *http.Request, name string, def int) int {
	if v, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil && v > 0 {
		return min(v, 500)
	}
	return def
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Store.Stats(r.Context()); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "store unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// HTTPServer wraps a handler with the timeouts every server needs.
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr: addr, Handler: h,
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: RequestTimeout + 5*time.Second, IdleTimeout: 120 * time.Second,
		MaxHeaderBytes: 1 << 16,
	}
}
