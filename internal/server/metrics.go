package server

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/parallax-news/parallax/internal/store"
)

// metrics are the server's Prometheus metrics: requests and latencies by
// route, articles ingested over HTTP, and what the store holds.
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	ingested prometheus.Counter
}

func newMetrics(reg *prometheus.Registry, s store.Store) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parallax_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "parallax_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
		ingested: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "parallax_ingested_articles_total", Help: "Articles added through POST /api/articles.",
		}),
	}
	reg.MustRegister(m.requests, m.latency, m.ingested,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	stats := &statsCache{store: s}
	for _, g := range []struct {
		name, help string
		val        func(store.Stats) float64
	}{
		{"parallax_store_articles", "Articles in the store.", func(st store.Stats) float64 { return float64(st.Articles) }},
		{"parallax_store_stories", "Stories in the store.", func(st store.Stats) float64 { return float64(st.Stories) }},
		{"parallax_store_quotes", "Quotations in the store.", func(st store.Stats) float64 { return float64(st.Quotes) }},
		{"parallax_store_size_bytes", "Size of the store on disk.", func(st store.Stats) float64 { return float64(st.Bytes) }},
	} {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: g.name, Help: g.help}, func() float64 { return g.val(stats.get()) }))
	}
	return m
}

func (m *metrics) observe(route, method string, code int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

func (m *metrics) handler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}

// statsCache reads the store's counts at most once a second, however
// often the four gauges are scraped.
type statsCache struct {
	store store.Store
	mu    sync.Mutex
	at    time.Time
	st    store.Stats
}

func (c *statsCache) get() store.Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.at) > time.Second {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if st, err := c.store.Stats(ctx); err == nil {
			c.st, c.at = st, time.Now()
		}
	}
	return c.st
}
