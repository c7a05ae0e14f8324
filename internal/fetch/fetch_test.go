package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestForbidden(t *testing.T) {
	for _, c := range []struct {
		addr string
		bad  bool
	}{
		{"127.0.0.1", true}, {"::1", true}, {"10.1.2.3", true}, {"172.16.0.9", true}, {"192.168.1.1", true},
		{"169.254.169.254", true}, {"169.254.3.4", true}, {"fe80::1", true}, {"fc00::1", true}, {"0.0.0.0", true},
		{"::", true}, {"224.0.0.1", true}, {"100.64.1.1", true}, {"::ffff:127.0.0.1", true}, {"::ffff:10.0.0.1", true},
		{"93.184.216.34", false}, {"2606:2800:220:1:248:1893:25c8:1946", false}, {"8.8.8.8", false},
	} {
		if got := forbidden(netip.MustParseAddr(c.addr)) != ""; got != c.bad {
			t.Errorf("forbidden(%s) = %v, want %v", c.addr, got, c.bad)
		}
	}
}

func TestGuardRefusesPrivateDestinations(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hop" {
			http.Redirect(w, r, "http://127.0.0.1:1/secret", http.StatusFound)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	c := New()
	c.IgnoreRobots = true
	ctx := context.Background()
	for _, u := range []string{srv.URL + "/page", "http://localhost:" + srv.URL[strings.LastIndex(srv.URL, ":")+1:] + "/page", "http://169.254.169.254/latest/meta-data/"} {
		if _, err := c.Get(ctx, u, Conditional{}); !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("%s: %v, want the guard to refuse it", u, err)
		}
	}
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/x", "gopher://x"} {
		if _, err := c.Get(ctx, u, Conditional{}); !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("%s: %v, want a refusal", u, err)
		}
	}
	// Allowed to reach the test server, but not to follow its redirect
	// into a port on loopback... with private allowed, the redirect goes.
	c.AllowPrivate = true
	if r, err := c.Get(ctx, srv.URL+"/page", Conditional{}); err != nil || string(r.Body) != "ok" {
		t.Errorf("with AllowPrivate: %v", err)
	}
}

func TestRedirectsAreCheckedAtEveryHop(t *testing.T) {
	// Both servers are on loopback; the policy is replaced by one that
	// treats only the redirect target as internal, standing for a public
	// page that redirects to an intranet address.
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) }))
	defer target.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/file" {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
			return
		}
		http.Redirect(w, r, target.URL+"/secret", http.StatusFound)
	}))
	defer front.Close()
	internal := netip.MustParseAddrPort(strings.TrimPrefix(target.URL, "http://"))
	c := New()
	c.IgnoreRobots = true
	c.refuse = func(ap netip.AddrPort) string {
		if ap == internal {
			return "internal"
		}
		return ""
	}
	if _, err := c.Get(context.Background(), front.URL+"/go", Conditional{}); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("redirect to an internal address: %v", err)
	}
	if _, err := c.Get(context.Background(), front.URL+"/file", Conditional{}); err == nil || !strings.Contains(err.Error(), "scheme") {
		t.Errorf("redirect to file://: %v", err)
	}
}

func TestPoliteAndConditional(t *testing.T) {
	var inFlight, maxInFlight, notModified atomic.Int32
	var robotsHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsHits.Add(1)
			w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
			return
		}
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		if r.UserAgent() != UserAgent {
			t.Errorf("User-Agent %q", r.UserAgent())
		}
		time.Sleep(20 * time.Millisecond)
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if r.URL.Path == "/big" {
			w.Write([]byte(strings.Repeat("x", 2000)))
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte("feed"))
	}))
	defer srv.Close()
	c := New()
	c.AllowPrivate, c.Delay, c.MaxBytes = true, 30*time.Millisecond, 1000
	ctx := context.Background()
	var wg sync.WaitGroup
	start := time.Now()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Get(ctx, srv.URL+"/feed", Conditional{}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if maxInFlight.Load() != 1 {
		t.Errorf("%d requests at once to one host, want 1", maxInFlight.Load())
	}
	if el := time.Since(start); el < 3*30*time.Millisecond {
		t.Errorf("4 requests in %v: the delay between them was not kept", el)
	}
	r, err := c.Get(ctx, srv.URL+"/feed", Conditional{ETag: `"v1"`})
	if err != nil || !r.NotModified || notModified.Load() != 1 {
		t.Errorf("conditional GET: %+v, %v", r, err)
	}
	if _, err := c.Get(ctx, srv.URL+"/private/page", Conditional{}); !errors.Is(err, ErrRobots) {
		t.Errorf("robots.txt disallow: %v", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/big", Conditional{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("size limit: %v", err)
	}
	if robotsHits.Load() != 1 {
		t.Errorf("robots.txt fetched %d times, want once", robotsHits.Load())
	}
}
