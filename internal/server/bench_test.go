package server_test

import (
	"context"
	"fmt"
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

// benchStore holds 2,000 synthetic articles in 200 stories of 10 outlets.
func benchStore(b *testing.B) store.Store {
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	for st := range 200 {
		var items []store.Item
		for i := range 10 {
			id := fmt.Sprintf("a%d-%d", st, i)
			body := fmt.Sprintf("The council of Region %d voted on Tuesday to close the old harbour bridge, the mayor said. "+
				"\"We had no choice,\" Mayor Ada Lind said after the vote. Repairs would cost %d million, officials said. "+
				"Traffic will move to the ferry from Monday while engineers study the %d options.", st, st+3, i+2)
			items = append(items, storetest.Item(storetest.Article(id, fmt.Sprint("Outlet ", i), fmt.Sprintf("2026-03-%02d", 1+st%28),
				fmt.Sprintf("Region %d closes harbour bridge", st), body,
				news.Quote{Text: "We had no choice", Kind: news.Direct, Speaker: "Ada Lind"}), fmt.Sprint("s-", st), ""))
		}
		if _, err := s.Put(context.Background(), items); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func benchGet(b *testing.B, path func(i int) string) {
	srv := httptest.NewServer((&server.Server{Store: benchStore(b)}).Handler())
	defer srv.Close()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		resp, err := http.Get(srv.URL + path(i))
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("%s: %v %v", path(i), err, resp.Status)
		}
		resp.Body.Close()
		i++
	}
}

// BenchmarkStoryPage renders the web story page of a 10-article story.
func BenchmarkStoryPage(b *testing.B) {
	benchGet(b, func(i int) string { return fmt.Sprint("/stories/s-", i%200) })
}

// BenchmarkStoryReport answers the API's comparison report of a story.
func BenchmarkStoryReport(b *testing.B) {
	benchGet(b, func(i int) string { return fmt.Sprint("/api/stories/s-", i%200) })
}

// BenchmarkSearch searches a word every article has, sorted by date.
func BenchmarkSearch(b *testing.B) {
	benchGet(b, func(i int) string { return "/api/search?q=harbour" })
}
