// Package outlet maps web hosts to outlet names: a small built-in table of
// well-known news hosts that users can extend with a file.
package outlet

import (
	"net/url"
	"strings"
)

// Table maps hosts (without "www.") to outlet names.
type Table struct {
	byHost map[string]string
}

// Default returns the built-in table.
func Default() *Table {
	return &Table{byHost: map[string]string{
		"rt.com":             "RT",
		"themoscowtimes.com": "The Moscow Times",
	}}
}

// ForURL returns the outlet for a URL's host, or the bare host when unknown.
func (t *Table) ForURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	for h := host; h != ""; {
		if name, ok := t.byHost[h]; ok {
			return name
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	return host
}
