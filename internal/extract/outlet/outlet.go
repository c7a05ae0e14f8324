// Package outlet maps web hosts to outlet names and carries what a user
// knows about each outlet. A small built-in table names well-known news
// hosts; a user's outlets file (CSV or YAML: name, hosts, country,
// ownership, lean and any extra columns) extends or overrides it, and the
// same file gives `parallax compare` its outlet metadata.
package outlet

import (
	"net/url"
	"strings"
)

// Table maps hosts (lower case, without "www.") to outlets.
type Table struct {
	byHost map[string]*Info
	byName map[string]*Info
}

// builtin lists well-known news hosts. Names only: facts such as ownership
// come from the user's file, so nothing here is a judgement of ours.
var builtin = []struct{ name, hosts string }{
	{"RT", "rt.com russian.rt.com"},
	{"The Moscow Times", "themoscowtimes.com"},
	{"TASS", "tass.com tass.ru"},
	{"Sputnik", "sputniknews.com"},
	{"BBC News", "bbc.co.uk bbc.com"},
	{"The Guardian", "theguardian.com guardian.co.uk"},
	{"Reuters", "reuters.com"},
	{"Associated Press", "apnews.com ap.org"},
	{"Agence France-Presse", "afp.com"},
	{"Al Jazeera", "aljazeera.com aljazeera.net"},
	{"CNN", "cnn.com edition.cnn.com"},
	{"Fox News", "foxnews.com"},
	{"The New York Times", "nytimes.com"},
	{"The Washington Post", "washingtonpost.com"},
	{"The Wall Street Journal", "wsj.com"},
	{"HuffPost", "huffingtonpost.com huffpost.com"},
	{"NPR", "npr.org"},
	{"Politico", "politico.com politico.eu"},
	{"Bloomberg", "bloomberg.com"},
	{"USA Today", "usatoday.com"},
	{"NBC News", "nbcnews.com"},
	{"CBS News", "cbsnews.com"},
	{"ABC News", "abcnews.go.com"},
	{"Breitbart", "breitbart.com"},
	{"The Hill", "thehill.com"},
	{"Vox", "vox.com"},
	{"Deutsche Welle", "dw.com"},
	{"Der Spiegel", "spiegel.de"},
	{"Le Monde", "lemonde.fr"},
	{"France 24", "france24.com"},
	{"Euronews", "euronews.com"},
	{"The Independent", "independent.co.uk"},
	{"The Telegraph", "telegraph.co.uk"},
	{"Financial Times", "ft.com"},
	{"The Economist", "economist.com"},
	{"Xinhua", "xinhuanet.com news.cn"},
	{"Global Times", "globaltimes.cn"},
	{"Kyiv Independent", "kyivindependent.com"},
	{"Meduza", "meduza.io"},
	{"Interfax", "interfax.ru interfax.com"},
	{"Voice of America", "voanews.com"},
	{"Radio Free Europe/Radio Liberty", "rferl.org"},
}

// Default returns a table with the built-in hosts.
func Default() *Table {
	t := &Table{byHost: map[string]*Info{}, byName: map[string]*Info{}}
	for _, b := range builtin {
		t.Add(Info{Name: b.name, Hosts: strings.Fields(b.hosts)})
	}
	return t
}

// Add adds or overrides an outlet; its hosts map to it. An outlet already
// known by the same name (case-insensitive) is merged: the new non-empty
// fields win.
func (t *Table) Add(in Info) {
	key := strings.ToLower(in.Name)
	if old, ok := t.byName[key]; ok {
		merged := *old
		merged.Name = in.Name
		merged.Hosts = append(append([]string{}, old.Hosts...), in.Hosts...)
		for _, f := range []struct {
			dst *string
			src string
		}{
			{&merged.Country, in.Country}, {&merged.Ownership, in.Ownership}, {&merged.Lean, in.Lean},
		} {
			if f.src != "" {
				*f.dst = f.src
			}
		}
		for k, v := range in.Extra {
			if merged.Extra == nil {
				merged.Extra = map[string]string{}
			}
			merged.Extra[k] = v
		}
		in = merged
	}
	p := &in
	t.byName[key] = p
	for _, h := range in.Hosts {
		t.byHost[normHost(h)] = p
	}
}

// ForURL returns the outlet name for a URL's host (parent domains are
// tried too: edition.cnn.com -> cnn.com), or the bare host when unknown,
// or "" when raw has no host.
func (t *Table) ForURL(raw string) string {
	host := hostOf(raw)
	if host == "" {
		return ""
	}
	if in := t.lookupHost(host); in != nil {
		return in.Name
	}
	return host
}

// Known returns the outlet name for a URL whose host (or parent domain)
// is in the table.
func (t *Table) Known(raw string) (string, bool) {
	if in := t.lookupHost(hostOf(raw)); in != nil {
		return in.Name, true
	}
	return "", false
}

// Lookup returns what the table knows of an outlet by name.
func (t *Table) Lookup(name string) (Info, bool) {
	in, ok := t.byName[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return Info{}, false
	}
	return *in, true
}

// Canonical returns the table's spelling of an outlet name given in some
// other form ("bbc news" -> "BBC News"), or name itself when unknown.
func (t *Table) Canonical(name string) string {
	if in, ok := t.byName[strings.ToLower(strings.TrimSpace(name))]; ok {
		return in.Name
	}
	return name
}

func (t *Table) lookupHost(host string) *Info {
	for h := host; h != ""; {
		if in, ok := t.byHost[h]; ok {
			return in
		}
		i := strings.IndexByte(h, '.')
		if i < 0 || strings.IndexByte(h[i+1:], '.') < 0 {
			break // do not fall back to a bare TLD
		}
		h = h[i+1:]
	}
	return nil
}

func hostOf(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return normHost(u.Hostname())
}

func normHost(h string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(h)), "www.")
}
