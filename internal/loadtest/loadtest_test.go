package loadtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	res, err := Run(context.Background(), Options{BaseURL: srv.URL, Concurrency: 4, Duration: 200 * time.Millisecond,
		Targets: []Target{{"good", []string{"/a", "/b"}}, {"bad", []string{"/missing"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Requests == 0 || res[0].Errors != 0 || res[0].P99 < res[0].P50 || res[0].Max < res[0].P99 {
		t.Errorf("good: %+v", res[0])
	}
	if res[1].Requests == 0 || res[1].Errors != res[1].Requests {
		t.Errorf("bad: %+v", res[1])
	}
	if _, err := Run(context.Background(), Options{BaseURL: srv.URL, Duration: time.Millisecond}); err == nil {
		t.Error("no targets: want an error")
	}
}

func TestQuantile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	for _, c := range []struct {
		q    float64
		want time.Duration
	}{{.5, 50}, {.99, 99}, {1, 100}, {0, 1}} {
		if got := quantile(d, c.q); got != c.want {
			t.Errorf("quantile(%v) = %v, want %v", c.q, got, c.want)
		}
	}
}
