// Package loadtest drives an HTTP server with concurrent clients over
// loopback and reports latency percentiles per kind of request: the
// measurement behind the "story page p99" and "search p99" figures.
package loadtest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Target is one kind of request: a name and the paths to pick from.
type Target struct {
	Name  string
	Paths []string
}

// Options configure a run.
type Options struct {
	BaseURL     string
	Targets     []Target
	Concurrency int
	Duration    time.Duration
	// Seed makes the request sequence repeatable.
	Seed uint64
}

// Result is the latency distribution of one target.
type Result struct {
	Name     string        `json:"name"`
	Requests int           `json:"requests"`
	Errors   int           `json:"errors"`
	PerSec   float64       `json:"per_second"`
	P50      time.Duration `json:"p50_ns"`
	P90      time.Duration `json:"p90_ns"`
	P99      time.Duration `json:"p99_ns"`
	Max      time.Duration `json:"max_ns"`
}

func (r Result) String() string {
	return fmt.Sprintf("%-8s %7d requests %5d errors %8.0f/s  p50 %7.2fms  p90 %7.2fms  p99 %7.2fms  max %7.2fms",
		r.Name, r.Requests, r.Errors, r.PerSec, ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Run sends requests from Concurrency clients, each picking a target in
// turn (round robin, so every target gets the same share) and a random
// path of it, until Duration has passed. A status other than 200 counts
// as an error.
func Run(ctx context.Context, o Options) ([]Result, error) {
	if len(o.Targets) == 0 {
		return nil, fmt.Errorf("loadtest: no targets")
	}
	for _, t := range o.Targets {
		if len(t.Paths) == 0 {
			return nil, fmt.Errorf("loadtest: target %s has no paths", t.Name)
		}
	}
	conc := max(o.Concurrency, 1)
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: conc * 2, MaxIdleConnsPerHost: conc * 2},
	}
	type sample struct {
		target int
		d      time.Duration
		err    bool
	}
	ctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	var mu sync.Mutex
	var all []sample
	var wg sync.WaitGroup
	start := time.Now()
	for c := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(o.Seed, uint64(c)))
			var mine []sample
			for i := c; ctx.Err() == nil; i++ {
				ti := i % len(o.Targets)
				t := o.Targets[ti]
				path := t.Paths[rng.IntN(len(t.Paths))]
				t0 := time.Now()
				ok := get(ctx, client, o.BaseURL+path)
				if ctx.Err() != nil {
					break // cut off by the end of the run, not a real answer
				}
				mine = append(mine, sample{ti, time.Since(t0), !ok})
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	res := make([]Result, len(o.Targets))
	lat := make([][]time.Duration, len(o.Targets))
	for i, t := range o.Targets {
		res[i].Name = t.Name
	}
	for _, s := range all {
		res[s.target].Requests++
		if s.err {
			res[s.target].Errors++
		}
		lat[s.target] = append(lat[s.target], s.d)
	}
	for i := range res {
		l := lat[i]
		slices.Sort(l)
		res[i].PerSec = float64(len(l)) / elapsed.Seconds()
		res[i].P50, res[i].P90, res[i].P99 = quantile(l, .50), quantile(l, .90), quantile(l, .99)
		if len(l) > 0 {
			res[i].Max = l[len(l)-1]
		}
	}
	return res, nil
}

func get(ctx context.Context, c *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err == nil && resp.StatusCode == http.StatusOK
}

// quantile of sorted durations (nearest rank).
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}
