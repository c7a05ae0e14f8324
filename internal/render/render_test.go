package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/extract/outlet"
)

var update = flag.Bool("update", false, "rewrite golden files")

// report is a small hand-made report (fictional outlets) with hostile text.
func report() compare.Report {
	return compare.Report{Stories: []compare.StoryReport{{
		ID: "s-1", Title: `Ferry strike ends <script>alert(1)</script>`, Coverage: "covered by 2 outlets: 1 private, 1 cooperative",
		Articles: []compare.ArticleRef{
			{ID: "a", Outlet: "The Harbour Ledger", Title: "Ferry strike ends", Byline: "Ana Ruiz", Published: "2026-03-03", URL: "https://harbourledger.example/a", Lead: "The *strike* ended."},
			{ID: "b", Outlet: "North Star Daily", Title: "Ferry deal reached", Published: "2026-03-03T11:40:00+01:00", Lead: "Ferries sail again."},
		},
		Outlets: []compare.OutletView{
			{Name: "The Harbour Ledger", Info: &outlet.Info{Name: "The Harbour Ledger", Country: "XX", Ownership: "private"}, Articles: []string{"a"}, Exclusive: 1, Quotes: []string{"Lena Ortiz"}, Omits: []string{}, OmitsEntities: []string{}},
			{Name: "North Star Daily", Articles: []string{"b"}, Quotes: []string{}, Omits: []string{"Lena Ortiz"}, OmitsEntities: []string{"Lena Ortiz"}},
		},
		Claims: []compare.Claim{
			{Text: "Crews get a pay rise of 4 percent.", Outlets: []string{"The Harbour Ledger", "North Star Daily"}, Articles: []string{"a", "b"}, Corroborated: true,
				Sentences:     []compare.ClaimSentence{{Outlet: "The Harbour Ledger", Article: "a", Text: "Crews get a pay rise of 4 percent."}, {Outlet: "North Star Daily", Article: "b", Text: "The rise is 3.5 percent."}},
				Disagreements: []string{"different figures for percent (The Harbour Ledger: 4 percent; North Star Daily: 3.5 percent)"}},
			{Text: `"Nobody wins," the mayor said.`, Outlets: []string{"The Harbour Ledger"}, Articles: []string{"a"}, Sentences: []compare.ClaimSentence{{Outlet: "The Harbour Ledger", Article: "a", Text: `"Nobody wins," the mayor said.`}}},
		},
		Voices: []compare.Voice{{Speaker: "Lena Ortiz", Role: "Mayor", Outlets: []string{"The Harbour Ledger"}, Quotes: []compare.VoiceQuote{{Outlet: "The Harbour Ledger", Article: "a", Text: "Nobody wins", Kind: "direct"}}}},
	}}}
}

func TestGolden(t *testing.T) {
	for _, format := range []string{"text", "markdown", "html", "json"} {
		var buf bytes.Buffer
		if err := Write(&buf, format, report(), Options{Width: 80}); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "report."+format+".golden")
		if *update {
			os.WriteFile(golden, buf.Bytes(), 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), buf.String()); diff != "" {
			t.Errorf("%s output (-want +got):\n%s", format, diff)
		}
	}
}

func TestHTMLIsSafeAndSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "html", report(), Options{}); err != nil {
		t.Fatal(err)
	}
	h := buf.String()
	if strings.Contains(h, "<script>") || !strings.Contains(h, "&lt;script&gt;") {
		t.Error("article text not escaped")
	}
	for _, ext := range []string{"<link", "src=\"http", "@import", "<script"} {
		if strings.Contains(h, ext) {
			t.Errorf("page loads an external asset or script: %q", ext)
		}
	}
	if !strings.Contains(h, "Content-Security-Policy") {
		t.Error("no Content-Security-Policy")
	}
}

func TestJSONContract(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "json", report(), Options{}); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Stories []struct {
			ID, Title string
			Articles  []struct{ ID, Outlet, Title, Published, URL string }
			Claims    []struct {
				Text     string
				Outlets  []string
				Articles []string
			}
			Voices []struct {
				Speaker, Role string
				Outlets       []string
				Quotes        []struct{ Outlet, Article, Text string }
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	s := v.Stories[0]
	if s.ID != "s-1" || s.Articles[0].Outlet != "The Harbour Ledger" || len(s.Claims[0].Outlets) != 2 || s.Voices[0].Quotes[0].Text != "Nobody wins" {
		t.Errorf("json = %+v", s)
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "pdf", report(), Options{}); err == nil {
		t.Error("want an error")
	}
}

// TestNoStory: a report with no story renders in every format, saying so.
func TestNoStory(t *testing.T) {
	for _, format := range []string{"text", "markdown", "html", "json"} {
		var buf bytes.Buffer
		if err := Write(&buf, format, compare.Report{}, Options{}); err != nil {
			t.Errorf("%s: %v", format, err)
			continue
		}
		if format != "json" && !strings.Contains(buf.String(), "No story with articles from two or more outlets") {
			t.Errorf("%s: %q does not say there is no story", format, buf.String())
		}
	}
}
