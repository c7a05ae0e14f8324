package outlet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// LoadFile reads an outlets file: YAML (a list of outlets, or a map with an
// "outlets" list) or CSV with a header row. Known columns are name, hosts
// (space, comma or semicolon separated), country, ownership and lean;
// every other column goes to Extra.
func LoadFile(path string) ([]Info, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("outlets file: %w", err)
	}
	var infos []Info
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv":
		infos, err = parseCSV(b, strings.EqualFold(filepath.Ext(path), ".tsv"))
	default:
		infos, err = parseYAML(b)
	}
	if err != nil {
		return nil, fmt.Errorf("outlets file %s: %w", path, err)
	}
	for i, in := range infos {
		if strings.TrimSpace(in.Name) == "" {
			return nil, fmt.Errorf("outlets file %s: entry %d has no name", path, i+1)
		}
	}
	return infos, nil
}

// Load reads an outlets file and returns the built-in table extended by it.
func Load(path string) (*Table, error) {
	infos, err := LoadFile(path)
	if err != nil {
		return nil, err
	}
	t := Default()
	for _, in := range infos {
		t.Add(in)
	}
	return t, nil
}

// Infos returns every outlet in the table that has facts beyond a name and
// hosts, sorted by name.
func (t *Table) Infos() []Info {
	var out []Info
	for _, in := range t.byName {
		out = append(out, *in)
	}
	slices.SortFunc(out, func(a, b Info) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func parseYAML(b []byte) ([]Info, error) {
	var raw any
	if err := yaml.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	if m, ok := raw.(map[string]any); ok {
		raw = m["outlets"]
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, errors.New(`want a list of outlets (or a map with an "outlets" list)`)
	}
	var out []Info
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("entry %d is not a map", i+1)
		}
		in := Info{}
		for k, v := range m {
			switch strings.ToLower(k) {
			case "hosts", "host":
				switch hv := v.(type) {
				case []any:
					for _, h := range hv {
						in.Hosts = append(in.Hosts, fmt.Sprint(h))
					}
				default:
					in.Hosts = splitHosts(fmt.Sprint(hv))
				}
			case "extra":
				if em, ok := v.(map[string]any); ok {
					for ek, ev := range em {
						in.setExtra(ek, fmt.Sprint(ev))
					}
				}
			default:
				in.set(k, fmt.Sprint(v))
			}
		}
		out = append(out, in)
	}
	return out, nil
}

func parseCSV(b []byte, tab bool) ([]Info, error) {
	r := csv.NewReader(bytes.NewReader(b))
	if tab {
		r.Comma = '\t'
	}
	r.TrimLeadingSpace = true
	r.Comment = '#'
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("header row: %w", err)
	}
	var out []Info
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		in := Info{}
		for i, v := range rec {
			if i >= len(header) {
				break
			}
			k := strings.ToLower(strings.TrimSpace(header[i]))
			if k == "hosts" || k == "host" {
				in.Hosts = splitHosts(v)
				continue
			}
			in.set(k, v)
		}
		out = append(out, in)
	}
}

func (in *Info) set(k, v string) {
	v = strings.TrimSpace(v)
	switch strings.ToLower(k) {
	case "name":
		in.Name = v
	case "country":
		in.Country = v
	case "ownership":
		in.Ownership = v
	case "lean":
		in.Lean = v
	default:
		in.setExtra(k, v)
	}
}

func (in *Info) setExtra(k, v string) {
	if v == "" {
		return
	}
	if in.Extra == nil {
		in.Extra = map[string]string{}
	}
	in.Extra[k] = v
}

func splitHosts(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\t' })
}
