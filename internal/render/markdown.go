package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
)

// mdEscape keeps article text from turning into Markdown markup.
var mdEscape = strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]", "<", "&lt;", ">", "&gt;", "|", "\\|", "#", "\\#")

func markdown(w io.Writer, r compare.Report) error {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	e := mdEscape.Replace
	if len(r.Stories) == 0 {
		p("No story with articles from two or more outlets (use --all to see every story).\n")
	}
	for _, s := range r.Stories {
		p("# %s\n\n*Story %s; %s.*\n\n", e(s.Title), e(s.ID), e(s.Coverage))
		p("## Articles\n\n| published | outlet | title | byline |\n|---|---|---|---|\n")
		for _, a := range s.Articles {
			title := e(a.Title)
			if a.URL != "" {
				title = "[" + title + "](" + a.URL + ")"
			}
			if a.DuplicateOf != "" {
				title += " (copy of " + e(a.DuplicateOf) + ")"
			}
			p("| %s | %s | %s | %s |\n", e(a.Published), e(a.Outlet), title, e(a.Byline))
		}
		p("\n## Headlines and leads\n\n")
		for _, a := range s.Articles {
			p("- **%s**: %s  \n  %s\n", e(a.Outlet), e(a.Title), e(a.Lead))
		}
		p("\n## Corroborated claims\n\n")
		for _, c := range corroborated(s) {
			p("- %s — *%s*\n", e(c.Text), e(strings.Join(c.Outlets, ", ")))
			for _, d := range c.Disagreements {
				p("  - **Disagreement:** %s\n", e(d))
			}
		}
		ex := exclusives(s)
		for _, o := range s.Outlets {
			p("\n## Only %s reports\n\n", e(o.Name))
			for _, c := range ex[o.Name] {
				p("- %s\n", e(c.Text))
			}
		}
		p("\n## Voices\n\n")
		for _, v := range s.Voices {
			name := e(v.Speaker)
			if v.Role != "" {
				name += ", " + e(v.Role)
			}
			p("- **%s** — quoted by %s\n", name, e(strings.Join(v.Outlets, ", ")))
			for _, q := range v.Quotes {
				p("  - %s: %s\n", e(q.Outlet), e(quoteLine(q)))
			}
		}
		p("\n## Who each outlet lets speak\n\n")
		for _, o := range s.Outlets {
			p("- %s quotes %s", e(outletLabel(o)), e(orNobody(o.Quotes)))
			if len(o.Omits) > 0 {
				p("; leaves out %s", e(strings.Join(o.Omits, ", ")))
			}
			p("\n")
		}
		p("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orNobody(s []string) string {
	if len(s) == 0 {
		return "nobody"
	}
	return strings.Join(s, ", ")
}
