// Package web is Parallax's web UI: server-rendered html/template pages,
// no JavaScript, no CDN, one stylesheet served from here. Pages: the latest
// stories, a story (articles side by side, claims corroborated and
// exclusive, voices, entities, timeline), search, a speaker, an outlet and
// an article. Article text is hostile input: html/template escapes all of
// it, and the server sends ContentSecurityPolicy with every response.
package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

// ContentSecurityPolicy allows nothing but the UI's own stylesheet and
// forms: no script at all, no frames, no foreign images.
const ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/parallax.css
var stylesheet []byte

// pages are parsed once: the layout plus one page template each.
var pages = func() map[string]*template.Template {
	funcs := render.Funcs()
	funcs["path"] = url.PathEscape
	funcs["span"] = span
	funcs["paras"] = paragraphs
	funcs["day"] = day
	out := map[string]*template.Template{}
	for _, name := range []string{"home", "story", "search", "speaker", "speakers", "outlet", "outlets", "article", "error"} {
		out[name] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
	}
	return out
}()

// UI serves the pages from a store.
type UI struct {
	Store   store.Store
	Outlets *outlet.Table
	Log     *slog.Logger
	// Reports caches story reports and pages (nil: a cache of its own).
	Reports *compare.Cache
}

// Register adds the UI's routes to mux.
func (u *UI) Register(mux *http.ServeMux) {
	if u.Reports == nil {
		u.Reports = compare.NewCache(u.Store, u.Outlets, compare.DefaultCacheSize)
	}
	mux.HandleFunc("GET /{$}", u.home)
	mux.HandleFunc("GET /stories/{id}", u.story)
	mux.HandleFunc("GET /search", u.search)
	mux.HandleFunc("GET /speakers", u.speakers)
	mux.HandleFunc("GET /speakers/{name}", u.speaker)
	mux.HandleFunc("GET /outlets", u.outlets)
	mux.HandleFunc("GET /outlets/{name}", u.outlet)
	mux.HandleFunc("GET /articles/{id}", u.article)
	mux.HandleFunc("GET /static/parallax.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Write(stylesheet)
	})
}

// page is what every template gets.
type page struct {
	Title string
	Query string
	Data  any
}

// render executes a page into a buffer first, so a template error gives a
// clean 500 rather than half a page.
func (u *UI) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	b, err := u.execute(name, p)
	if err != nil {
		u.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

func (u *UI) execute(name string, p page) ([]byte, error) {
	var buf bytes.Buffer
	if err := pages[name].Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("page %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

func (u *UI) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "Something went wrong on our side."
	switch {
	case errors.Is(err, store.ErrNotFound):
		status, msg = http.StatusNotFound, "Not found."
	case r.Context().Err() != nil: // the reader left, or the deadline passed
		status, msg = http.StatusServiceUnavailable, "The page took too long."
		if u.Log != nil {
			u.Log.Info("page abandoned", "path", r.URL.Path, "err", err)
		}
	case u.Log != nil:
		u.Log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	var buf bytes.Buffer
	if e := pages["error"].Execute(&buf, page{Title: http.StatusText(status), Data: msg}); e != nil {
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// HomeSpeakers is how many of the most quoted people the home page lists.
const HomeSpeakers = 12

func (u *UI) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sts, err := u.Store.Stories(ctx, store.StoryQuery{Since: r.URL.Query().Get("since"), Outlet: r.URL.Query().Get("outlet"), Limit: 50})
	if err != nil {
		u.fail(w, r, err)
		return
	}
	sp, err := u.Store.Speakers(ctx, HomeSpeakers)
	if err != nil {
		u.fail(w, r, err)
		return
	}
	outs, err := u.Store.Outlets(ctx)
	if err != nil {
		u.fail(w, r, err)
		return
	}
	u.render(w, r, http.StatusOK, "home", page{Title: "Latest stories", Data: map[string]any{
		"Stories": sts, "Speakers": sp, "Outlets": outs[:min(len(outs), 12)]}})
}

// storyArticle is one column of the side-by-side view.
type storyArticle struct {
	news.AnalysedArticle
	DuplicateOf string
}

func (u *UI) story(w http.ResponseWriter, r *http.Request) {
	e, err := u.Reports.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		u.fail(w, r, err)
		return
	}
	page, err := e.Rendered("page", func() ([]byte, error) {
		cols := make([]storyArticle, len(e.Articles))
		for i := range e.Articles {
			cols[i] = storyArticle{e.Articles[i], e.Assignments[i].DuplicateOf}
		}
		return u.execute("story", page{Title: e.Report.Title, Data: map[string]any{"Report": e.Report, "Articles": cols}})
	})
	if err != nil {
		u.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(page)
}

func (u *UI) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sq := store.SearchQuery{Text: strings.TrimSpace(q.Get("q")), Outlet: q.Get("outlet"), Speaker: q.Get("speaker"),
		Entity: q.Get("entity"), From: q.Get("from"), To: q.Get("to"), Limit: 100}
	var hits []store.Hit
	asked := sq != (store.SearchQuery{Limit: 100})
	if asked {
		var err error
		if hits, err = u.Store.Search(r.Context(), sq); err != nil {
			u.fail(w, r, err)
			return
		}
	}
	u.render(w, r, http.StatusOK, "search", page{Title: "Search", Query: sq.Text, Data: map[string]any{"Q": sq, "Asked": asked, "Hits": hits}})
}

func (u *UI) speakers(w http.ResponseWriter, r *http.Request) {
	sp, err := u.Store.Speakers(r.Context(), 200)
	if err != nil {
		u.fail(w, r, err)
		return
	}
	u.render(w, r, http.StatusOK, "speakers", page{Title: "Speakers", Data: sp})
}

// speakerStory groups a speaker's quotations by story.
type speakerStory struct {
	Story  string
	Title  string
	Quotes []store.QuoteHit
}

func (u *UI) speaker(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PathValue("name"))
	var res store.SpeakerResult
	if name != "" {
		var err error
		if res, err = store.SpeakerQuotes(r.Context(), u.Store, name, "", 500); err != nil {
			u.fail(w, r, err)
			return
		}
	}
	qs := res.Quotes
	var groups []speakerStory
	index := map[string]int{}
	for _, q := range qs {
		i, ok := index[q.Story]
		if !ok {
			i = len(groups)
			index[q.Story] = i
			groups = append(groups, speakerStory{Story: q.Story, Title: q.Title})
		}
		groups[i].Quotes = append(groups[i].Quotes, q)
	}
	status := http.StatusOK
	if len(qs) == 0 {
		status = http.StatusNotFound
	}
	u.render(w, r, status, "speaker", page{Title: name, Data: map[string]any{"Name": name, "Exact": res.Exact, "Quotes": res.Total.Quotes,
		"Shown": len(qs), "Outlets": res.Total.Outlets, "Stories": groups}})
}

func (u *UI) outlets(w http.ResponseWriter, r *http.Request) {
	outs, err := u.Store.Outlets(r.Context())
	if err != nil {
		u.fail(w, r, err)
		return
	}
	u.render(w, r, http.StatusOK, "outlets", page{Title: "Outlets", Data: outs})
}

func (u *UI) outlet(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	outs, err := u.Store.Outlets(r.Context())
	if err != nil {
		u.fail(w, r, err)
		return
	}
	for _, o := range outs {
		if o.Name != name {
			continue
		}
		sts, err := u.Store.Stories(r.Context(), store.StoryQuery{Outlet: name, Limit: 50})
		if err != nil {
			u.fail(w, r, err)
			return
		}
		qs, err := u.Store.Quotes(r.Context(), store.QuoteQuery{Outlet: name, Limit: 500})
		if err != nil {
			u.fail(w, r, err)
			return
		}
		voices := map[string]int{}
		var order []string
		for _, q := range qs {
			if q.Speaker == "" {
				continue
			}
			if voices[q.Speaker] == 0 {
				order = append(order, q.Speaker)
			}
			voices[q.Speaker]++
		}
		var info *outlet.Info
		if u.Outlets != nil {
			if in, ok := u.Outlets.Lookup(name); ok {
				info = &in
			}
		}
		u.render(w, r, http.StatusOK, "outlet", page{Title: name, Data: map[string]any{
			"Outlet": o, "Info": info, "Stories": sts, "Voices": order, "Counts": voices}})
		return
	}
	u.fail(w, r, fmt.Errorf("outlet %s: %w", name, store.ErrNotFound))
}

func (u *UI) article(w http.ResponseWriter, r *http.Request) {
	a, err := u.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		u.fail(w, r, err)
		return
	}
	u.render(w, r, http.StatusOK, "article", page{Title: a.Title, Data: a})
}

// span shows a story's time span ("2015-10-14 – 2015-10-15").
func span(first, last string) string {
	f, l := day(first), day(last)
	switch {
	case f == "" && l == "":
		return "undated"
	case f == l || l == "":
		return f
	case f == "":
		return l
	}
	return f + " – " + l
}

// day cuts a date or timestamp to its day.
func day(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// paragraphs splits article text on blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
