// Package fetch is Parallax's outbound HTTP client: it fetches feeds and
// pages from the open web safely and politely.
//
// Safe: only http and https; every connection's address is checked after
// DNS resolution (so a name that resolves to 127.0.0.1 is caught, and so
// is every redirect hop) and loopback, private, link-local (with the cloud
// metadata address 169.254.169.254), carrier-grade NAT, multicast and
// unspecified addresses are refused unless AllowPrivate is set; responses
// are cut at MaxBytes and every request has a time limit.
//
// Polite: one request at a time per host with a Delay between them,
// robots.txt obeyed (fetched once per host and cached), conditional GET
// with ETag and Last-Modified, and an honest User-Agent.
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"
)

// UserAgent is sent with every request.
const UserAgent = "Parallax/1 (news comparison engine; +https://github.com/parallax-news/parallax)"

// ErrForbiddenAddress is wrapped by errors for refused destinations.
var ErrForbiddenAddress = errors.New("forbidden address")

// ErrRobots is wrapped by errors for URLs robots.txt disallows.
var ErrRobots = errors.New("disallowed by robots.txt")

// ErrTooLarge is wrapped by errors for responses over MaxBytes.
var ErrTooLarge = errors.New("response too large")

// Client fetches URLs. The zero value is not usable: use New.
type Client struct {
	// AllowPrivate lets requests reach loopback and private addresses
	// (tests, intranets).
	AllowPrivate bool
	// MaxBytes cuts responses (default 10 MB).
	MaxBytes int64
	// Timeout limits one request, redirects included (default 30 s).
	Timeout time.Duration
	// Delay is the pause between two requests to the same host (default 1 s).
	Delay time.Duration
	// IgnoreRobots skips robots.txt (for feeds the user added by hand it
	// is still obeyed by default).
	IgnoreRobots bool

	http *http.Client
	// refuse replaces the address policy in tests (nil: forbidden).
	refuse func(netip.AddrPort) string
	mu     sync.Mutex
	hosts  map[string]*host
}

// host serialises requests to one host and caches its robots.txt.
type host struct {
	sem    chan struct{} // capacity 1: one request at a time
	last   time.Time
	robMu  sync.Mutex // guards robots and robAt
	robots *robotstxt.Group
	robAt  time.Time
}

// New makes a client; set the exported fields before the first request.
func New() *Client {
	c := &Client{MaxBytes: 10 << 20, Timeout: 30 * time.Second, Delay: time.Second, hosts: map[string]*host{}}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: c.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would hide the real destination from the address check
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       60 * time.Second,
	}
	c.http = &http.Client{Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("more than 5 redirects")
		}
		return checkURL(req.URL)
	}}
	return c
}

// control runs for every connection after DNS resolution: the address
// actually dialled is checked, whatever name led to it.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	if c.refuse != nil {
		if reason := c.refuse(ap); reason != "" {
			return fmt.Errorf("%w: %s is %s", ErrForbiddenAddress, ap, reason)
		}
		return nil
	}
	if c.AllowPrivate {
		return nil
	}
	if reason := forbidden(ap.Addr()); reason != "" {
		return fmt.Errorf("%w: %s is %s (use --allow-private to allow it)", ErrForbiddenAddress, ap.Addr(), reason)
	}
	return nil
}

var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// forbidden says why an address may not be fetched ("" when it may).
func forbidden(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case a.IsLoopback():
		return "a loopback address"
	case a.IsPrivate():
		return "a private address"
	case a == netip.MustParseAddr("169.254.169.254") || a == netip.MustParseAddr("fd00:ec2::254"):
		return "a cloud metadata address"
	case a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast():
		return "a link-local address"
	case a.IsUnspecified() || (a.Is4() && a.As4()[0] == 0):
		return "an unspecified address"
	case a.IsMulticast() || a.IsInterfaceLocalMulticast():
		return "a multicast address"
	case cgnat.Contains(a):
		return "a shared (carrier-grade NAT) address"
	}
	return ""
}

func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: scheme %q (only http and https)", ErrForbiddenAddress, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: no host in %s", ErrForbiddenAddress, u)
	}
	return nil
}

// Response is a fetched resource.
type Response struct {
	URL          string // after redirects
	Status       int
	NotModified  bool
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
}

// Conditional carries validators from an earlier fetch.
type Conditional struct {
	ETag, LastModified string
}

// Get fetches raw (a URL), politely: it waits its turn for the host,
// obeys robots.txt, and sends the validators for a conditional GET. A
// status other than 200 or 304 is an error.
func (c *Client) Get(ctx context.Context, raw string, cond Conditional) (*Response, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	if err := checkURL(u); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	h := c.host(u.Host)
	if !c.IgnoreRobots {
		ok, err := c.allowed(ctx, h, u)
		if err != nil {
			return nil, fmt.Errorf("fetch %s: robots.txt: %w", raw, err)
		}
		if !ok {
			return nil, fmt.Errorf("fetch %s: %w", raw, ErrRobots)
		}
	}
	resp, err := c.do(ctx, h, u.String(), cond)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	return resp, nil
}

func (c *Client) host(name string) *host {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[name]
	if h == nil {
		h = &host{sem: make(chan struct{}, 1)}
		c.hosts[name] = h
	}
	return h
}

// do sends one request once the host is free and its delay has passed.
func (c *Client) do(ctx context.Context, h *host, raw string, cond Conditional) (*Response, error) {
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() {
		h.last = time.Now()
		<-h.sem
	}()
	if wait := c.Delay - time.Since(h.last); wait > 0 && !h.last.IsZero() {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		}
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml, text/html;q=0.9, */*;q=0.5")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, nil
	}
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return out, fmt.Errorf("HTTP %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.MaxBytes+1))
	if err != nil {
		return out, err
	}
	if int64(len(body)) > c.MaxBytes {
		return out, fmt.Errorf("%w: over %d bytes", ErrTooLarge, c.MaxBytes)
	}
	out.Body = body
	return out, nil
}

// robotsTTL is how long a host's robots.txt is trusted.
const robotsTTL = 6 * time.Hour

// allowed checks u against the host's robots.txt (fetched once per TTL;
// a missing robots.txt allows everything, a server error disallows, as
// the robots exclusion standard says).
func (c *Client) allowed(ctx context.Context, h *host, u *url.URL) (bool, error) {
	h.robMu.Lock()
	defer h.robMu.Unlock()
	if h.robots == nil || time.Since(h.robAt) > robotsTTL {
		robotsURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
		resp, err := c.do(ctx, h, robotsURL, Conditional{})
		status := 0
		var body []byte
		if resp != nil {
			status, body = resp.Status, resp.Body
		}
		if err != nil && status == 0 {
			return false, err
		}
		data, err := robotstxt.FromStatusAndBytes(status, body)
		if err != nil {
			data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
		}
		h.robots, h.robAt = data.FindGroup("Parallax"), time.Now()
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return h.robots.Test(path), nil
}

// HostOf is the host of a URL ("" when it has none).
func HostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// PostJSON posts a JSON body (a webhook), through the same address guard,
// scheme check and time limit as Get, without robots.txt or host delay.
func (c *Client) PostJSON(ctx context.Context, raw string, body []byte) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("post %s: %w", raw, err)
	}
	if err := checkURL(u); err != nil {
		return fmt.Errorf("post %s: %w", raw, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("post %s: %w", raw, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", UserAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("post %s: %w", raw, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("post %s: HTTP %s", raw, resp.Status)
	}
	return nil
}
