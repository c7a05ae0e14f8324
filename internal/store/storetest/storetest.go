// Package storetest is the contract every store.Store implementation
// passes: call Run from the implementation's tests with a function that
// opens a fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
)

// Article builds a small analysed article for tests.
func Article(id, outlet, published, title, body string, quotes ...news.Quote) news.AnalysedArticle {
	a := news.AnalysedArticle{Article: news.Article{ID: id, Source: id + ".txt", Outlet: outlet, Published: published, Title: title, Text: body, Language: "en"}}
	a.Sentences = sentences(body)
	for _, q := range quotes {
		q.Article = id
		a.Quotes = append(a.Quotes, q)
	}
	return a
}

// sentences splits like the analysis stage (stores may recompute them).
func sentences(s string) []news.Sentence { return text.Sentences(s) }

// Item pairs an article with its story.
func Item(a news.AnalysedArticle, story, dupOf string) store.Item {
	return store.Item{Article: a, Assignment: news.Assignment{ArticleID: a.ID, Story: story, DuplicateOf: dupOf}}
}

// Run runs the contract suite.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	ferry := Article("a1", "The Harbour Ledger", "2026-03-03", "Ferry strike ends", "The ferry strike in Veloria ended on Tuesday.",
		news.Quote{Text: "Nobody wins", Kind: news.Direct, Speaker: "Lena Ortiz", Start: 1, End: 12})
	ferry2 := Article("a2", "North Star Daily", "2026-03-03T11:40:00+01:00", "Ferry deal reached", "Ferries sail again on Wednesday after the deal.")
	storm := Article("b1", "Coastal Wire", "2026-03-05", "Storm warning", "A storm warning was issued for the north coast.")
	batch := []store.Item{Item(ferry, "s-a1", ""), Item(ferry2, "s-a1", ""), Item(storm, "s-b1", "")}

	t.Run("put and read back", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		n, err := s.Put(ctx, batch)
		if err != nil || n != 3 {
			t.Fatalf("Put = %d, %v", n, err)
		}
		got, err := s.Article(ctx, "a1")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ferry, got); diff != "" {
			t.Errorf("article round trip (-want +got):\n%s", diff)
		}
		arts, ass, err := s.Story(ctx, "s-a1")
		if err != nil || len(arts) != 2 || ass[0].Story != "s-a1" {
			t.Fatalf("Story = %d, %+v, %v", len(arts), ass, err)
		}
		if _, err := s.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown article: %v", err)
		}
		if _, _, err := s.Story(ctx, "s-nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown story: %v", err)
		}
	})

	t.Run("idempotent", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if _, err := s.Put(ctx, batch); err != nil {
			t.Fatal(err)
		}
		n, err := s.Put(ctx, batch)
		if err != nil || n != 0 {
			t.Fatalf("second Put = %d, %v; want 0 new", n, err)
		}
		sts, _ := s.Stories(ctx, store.StoryQuery{})
		if len(sts) != 2 || sts[0].ID != "s-b1" || sts[1].Articles != 2 || sts[1].Outlets != 2 || sts[1].Title != "Ferry strike ends" {
			t.Errorf("stories = %+v", sts)
		}
	})

	t.Run("a bad item rolls the batch back", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		bad := append(batch[:1:1], store.Item{Article: Article("", "X", "", "No id", "text")})
		if _, err := s.Put(ctx, bad); err == nil {
			t.Fatal("want an error for an article without id")
		}
		if _, err := s.Article(ctx, "a1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("half a batch was stored: %v", err)
		}
	})

	t.Run("stories and search", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if _, err := s.Put(ctx, batch); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			q    store.SearchQuery
			want []string
		}{
			{"words", store.SearchQuery{Text: "ferry"}, []string{"a2", "a1"}},
			{"quote words", store.SearchQuery{Text: "nobody wins"}, []string{"a1"}},
			{"outlet", store.SearchQuery{Text: "ferry", Outlet: "North Star Daily"}, []string{"a2"}},
			{"speaker", store.SearchQuery{Speaker: "ortiz"}, []string{"a1"}},
			{"entity", store.SearchQuery{Entity: "north coast"}, []string{"b1"}},
			{"dates", store.SearchQuery{From: "2026-03-04", To: "2026-03-31"}, []string{"b1"}},
			{"hostile query", store.SearchQuery{Text: `ferry" OR * NEAR(`}, nil},
		} {
			hits, err := s.Search(ctx, c.q)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			var ids []string
			for _, h := range hits {
				ids = append(ids, h.ArticleID)
			}
			if diff := cmp.Diff(c.want, ids); diff != "" {
				t.Errorf("%s (-want +got):\n%s", c.name, diff)
			}
		}
		sts, err := s.Stories(ctx, store.StoryQuery{Outlet: "Coastal Wire"})
		if err != nil || len(sts) != 1 || sts[0].ID != "s-b1" {
			t.Errorf("stories by outlet = %+v, %v", sts, err)
		}
		sts, _ = s.Stories(ctx, store.StoryQuery{Since: "2026-03-04"})
		if len(sts) != 1 {
			t.Errorf("stories since = %+v", sts)
		}
	})

	t.Run("recent and has", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if _, err := s.Put(ctx, batch); err != nil {
			t.Fatal(err)
		}
		arts, ass, err := s.Recent(ctx, 2)
		if err != nil || len(arts) != 2 || arts[0].ID != "a2" || arts[1].ID != "b1" || ass[1].Story != "s-b1" {
			t.Errorf("Recent = %d %+v, %v", len(arts), ass, err)
		}
		has, err := s.Has(ctx, []string{"a1", "zz"})
		if err != nil || !has["a1"] || has["zz"] {
			t.Errorf("Has = %v, %v", has, err)
		}
	})

	t.Run("many batches", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		for b := range 20 {
			var items []store.Item
			for i := range 50 {
				id := fmt.Sprintf("m%d-%d", b, i)
				items = append(items, Item(Article(id, fmt.Sprint("Outlet ", i%5), "2026-01-01", "Title "+id, "Text of "+id), fmt.Sprint("s-", b), ""))
			}
			if n, err := s.Put(ctx, items); err != nil || n != 50 {
				t.Fatalf("batch %d: %d, %v", b, n, err)
			}
		}
		sts, _ := s.Stories(ctx, store.StoryQuery{Limit: 100})
		if len(sts) != 20 || sts[0].Articles != 50 || sts[0].Outlets != 5 {
			t.Errorf("stories = %d, first %+v", len(sts), sts[0])
		}
	})
}
