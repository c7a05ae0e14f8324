package outlet

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestForURL(t *testing.T) {
	tab := Default()
	tests := []struct{ url, want string }{
		{"https://www.themoscowtimes.com/2015/10/15/x", "The Moscow Times"},
		{"https://rt.com/news/x", "RT"},
		{"https://edition.cnn.com/x", "CNN"},
		{"http://www.nytimes.com/2010/07/03/us/x.html", "The New York Times"},
		{"https://unknown.example.org/a", "unknown.example.org"},
		{"rt.com/news", "RT"},
		{"", ""},
		{"#", ""},
	}
	for _, tt := range tests {
		if got := tab.ForURL(tt.url); got != tt.want {
			t.Errorf("ForURL(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	yml := filepath.Join(dir, "o.yaml")
	os.WriteFile(yml, []byte("outlets:\n  - name: The Harbour Ledger\n    hosts: [harbourledger.example]\n    country: XX\n    ownership: private\n    founded: 1901\n  - name: RT\n    country: RU\n    ownership: state-owned\n"), 0o644)
	csvPath := filepath.Join(dir, "o.csv")
	os.WriteFile(csvPath, []byte("name,hosts,country,ownership,lean,notes\nThe Harbour Ledger,harbourledger.example;ledger.example,XX,private,,weekly\n"), 0o644)

	tab, err := Load(yml)
	if err != nil {
		t.Fatal(err)
	}
	if got := tab.ForURL("https://harbourledger.example/a"); got != "The Harbour Ledger" {
		t.Errorf("ForURL = %q", got)
	}
	rt, _ := tab.Lookup("rt")
	want := Info{Name: "RT", Hosts: []string{"rt.com", "russian.rt.com"}, Country: "RU", Ownership: "state-owned"}
	if diff := cmp.Diff(want, rt); diff != "" {
		t.Errorf("RT merged (-want +got):\n%s", diff)
	}
	hl, _ := tab.Lookup("The Harbour Ledger")
	if hl.Extra["founded"] != "1901" {
		t.Errorf("extra = %v", hl.Extra)
	}

	infos, err := LoadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	wantCSV := []Info{{Name: "The Harbour Ledger", Hosts: []string{"harbourledger.example", "ledger.example"}, Country: "XX", Ownership: "private", Extra: map[string]string{"notes": "weekly"}}}
	if diff := cmp.Diff(wantCSV, infos); diff != "" {
		t.Errorf("csv (-want +got):\n%s", diff)
	}
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"noname.yaml": "- hosts: a.example\n",
		"bad.yaml":    "outlets: [\n",
		"scalar.yaml": "just text\n",
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		if _, err := LoadFile(p); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("missing file: no error")
	}
}
