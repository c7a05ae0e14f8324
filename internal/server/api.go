package server

import (
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/store"
)

//go:embed openapi.json
var openAPIDoc []byte

func openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDoc)
}

func (s *Server) stories(w http.ResponseWriter, r *http.Request) {
	if badParams(w, r) {
		return
	}
	q := r.URL.Query()
	sts, err := s.Store.Stories(r.Context(), store.StoryQuery{Since: q.Get("since"), Outlet: q.Get("outlet"), Limit: intParam(r, "limit", 50)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"stories": orEmpty(sts)})
}

// story answers with the comparison report of one stored story (the same
// JSON as `parallax compare --format json`).
func (s *Server) story(w http.ResponseWriter, r *http.Request) {
	e, err := s.reports.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body, err := e.Rendered("json", func() ([]byte, error) {
		return json.Marshal(compare.Report{Stories: []compare.StoryReport{e.Report}})
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(append(body, '\n'))
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		news.ArticleJSON
		Entities []news.Entity `json:"entities"`
		Quotes   []news.Quote  `json:"quotes"`
	}{a.Article.JSON(), orEmpty(a.Entities), orEmpty(a.Quotes)})
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	if badParams(w, r) {
		return
	}
	q := r.URL.Query()
	hits, err := s.Store.Search(r.Context(), store.SearchQuery{Text: q.Get("q"), Outlet: q.Get("outlet"), Speaker: q.Get("speaker"),
		Entity: q.Get("entity"), From: q.Get("from"), To: q.Get("to"), Limit: intParam(r, "limit", 50)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": orEmpty(hits)})
}

func (s *Server) speakers(w http.ResponseWriter, r *http.Request) {
	if badParams(w, r) {
		return
	}
	sp, err := s.Store.Speakers(r.Context(), intParam(r, "limit", 100))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"speakers": orEmpty(sp)})
}

// speaker answers with everything a person was quoted saying, across
// outlets: the speaker of exactly that name (case-insensitive), else
// every speaker whose name holds it ("Lavrov" finds "Sergei Lavrov").
// "total" and "outlets" count all of the quotations, not only the page.
func (s *Server) speaker(w http.ResponseWriter, r *http.Request) {
	if badParams(w, r) {
		return
	}
	name := strings.TrimSpace(r.PathValue("name"))
	if name == "" {
		writeError(w, http.StatusNotFound, "no speaker name")
		return
	}
	res, err := store.SpeakerQuotes(r.Context(), s.Store, name, r.URL.Query().Get("outlet"), intParam(r, "limit", 200))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"speaker": name, "exact": res.Exact, "total": res.Total.Quotes, "outlets": res.Total.Outlets, "quotes": orEmpty(res.Quotes)})
}

func (s *Server) outlets(w http.ResponseWriter, r *http.Request) {
	outs, err := s.Store.Outlets(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"outlets": withInfo(outs, s)})
}

func (s *Server) outlet(w http.ResponseWriter, r *http.Request) {
	if badParams(w, r) {
		return
	}
	name := r.PathValue("name")
	outs, err := s.Store.Outlets(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, o := range withInfo(outs, s) {
		if o.Name == name {
			sts, err := s.Store.Stories(r.Context(), store.StoryQuery{Outlet: name, Limit: intParam(r, "limit", 50)})
			if err != nil {
				s.fail(w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{"outlet": o, "stories": orEmpty(sts)})
			return
		}
	}
	s.fail(w, r, fmt.Errorf("outlet %s: %w", name, store.ErrNotFound))
}

// outletJSON is an outlet's counts with its facts from the outlets table.
type outletJSON struct {
	store.OutletSummary
	Country   string `json:"country,omitempty"`
	Ownership string `json:"ownership,omitempty"`
	Lean      string `json:"lean,omitempty"`
}

func withInfo(outs []store.OutletSummary, s *Server) []outletJSON {
	res := make([]outletJSON, 0, len(outs))
	for _, o := range outs {
		j := outletJSON{OutletSummary: o}
		if s.Outlets != nil {
			if info, ok := s.Outlets.Lookup(o.Name); ok {
				j.Country, j.Ownership, j.Lean = info.Country, info.Ownership, info.Lean
			}
		}
		res = append(res, j)
	}
	return res
}

// postArticles ingests a JSON article, a JSON array of articles or JSON
// Lines in our article schema, through the same reader, extraction,
// analysis and clustering as `parallax ingest`. It answers 201 with what
// was added and the records that failed (with reasons), 400 when nothing
// could be read, 401 without the right token, 403 when ingest is disabled,
// 413 for a body over the limit.
func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) {
	if s.Ingester == nil || s.Token == "" {
		writeError(w, http.StatusForbidden, "ingest over HTTP is disabled: start the server with --token (or PARALLAX_TOKEN)")
		return
	}
	scheme, got, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="parallax"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
		return
	}
	limit := s.MaxBody
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	body := http.MaxBytesReader(w, r.Body, limit)
	op := &source.Opener{MaxSize: limit}
	var arts []news.Article
	var failed []string
	tooLarge := false
	// The limit holds for what the body unpacks to as well: a gzipped
	// body passes MaxBytesReader small and is read unpacked.
	var unpacked int64
	op.Read(r.Context(), source.NamedReader("request", body), func(d news.Document, err error) bool {
		if err == nil {
			h := d.Hint
			unpacked += int64(len(d.Body) + len(h.ID) + len(h.URL) + len(h.Outlet) + len(h.Title) + len(h.Published) + len(h.Byline) + len(h.Text))
			if unpacked > limit {
				tooLarge = true
				return false
			}
		}
		if err == nil && d.Format != news.FormatArticle {
			err = fmt.Errorf("%s: not a JSON article (%s)", d.Source, d.Format)
		}
		if err == nil {
			var a news.Article
			if a, err = extract.Article(d, extract.Options{Outlets: s.Outlets}); err == nil {
				arts = append(arts, a)
				return true
			}
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) || errors.Is(err, source.ErrTooLarge) {
			tooLarge = true
			return false
		}
		failed = append(failed, err.Error())
		return true
	})
	if tooLarge {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body over %d bytes (unpacked)", limit))
		return
	}
	if len(arts) == 0 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "no article in the body", "failed": orEmpty(failed)})
		return
	}
	res, err := s.Ingester.Articles(r.Context(), arts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.metrics.ingested.Add(float64(res.Added))
	writeJSON(w, http.StatusCreated, map[string]any{"added": res.Added, "known": res.Known, "failed": orEmpty(failed)})
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// feeds lists the watched feeds with their health.
func (s *Server) feeds(w http.ResponseWriter, r *http.Request) {
	fs, ok := s.Store.(store.Feeds)
	if !ok {
		writeJSON(w, http.StatusOK, map[string]any{"feeds": []store.Feed{}})
		return
	}
	list, err := fs.ListFeeds(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"feeds": orEmpty(list)})
}
