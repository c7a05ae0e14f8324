package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
)

type textWriter struct {
	w      io.Writer
	width  int
	colour bool
	err    error
}

func (t *textWriter) style(code, s string) string {
	if !t.colour {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// para writes s wrapped to the width, with indent and a hanging indent.
func (t *textWriter) para(indent, hang, s string) {
	if t.err != nil {
		return
	}
	line := indent
	n := len([]rune(indent))
	first := true
	for _, w := range strings.Fields(s) {
		l := len([]rune(w))
		if !first && n+1+l > t.width {
			_, t.err = fmt.Fprintln(t.w, line)
			line, n, first = hang, len([]rune(hang)), true
		}
		if !first {
			line += " "
			n++
		}
		line += w
		n += l
		first = false
	}
	_, t.err = fmt.Fprintln(t.w, line)
}

func (t *textWriter) heading(s string) {
	if t.err == nil {
		_, t.err = fmt.Fprintln(t.w, "\n"+t.style("1;4", s))
	}
}

func text(w io.Writer, r compare.Report, opt Options) error {
	t := &textWriter{w: w, width: opt.Width, colour: opt.Colour}
	if t.width <= 20 {
		t.width = 100
	}
	if len(r.Stories) == 0 {
		t.para("", "", "No story with articles from two or more outlets (use --all to see every story).")
	}
	for i, s := range r.Stories {
		if i > 0 {
			t.para("", "", strings.Repeat("═", t.width))
		}
		t.para("", "", t.style("1", "STORY "+s.ID+": "+s.Title))
		t.para("", "", s.Coverage)

		t.heading("Articles and timeline")
		for _, a := range s.Articles {
			when := a.Published
			if when == "" {
				when = "(undated)"
			}
			line := fmt.Sprintf("%s  %s — %s", when, t.style("1", a.Outlet), a.Title)
			if a.Byline != "" {
				line += " (by " + a.Byline + ")"
			}
			if a.DuplicateOf != "" {
				line += " [copy of " + a.DuplicateOf + "]"
			}
			t.para("  ", "      ", line)
			if a.URL != "" {
				t.para("      ", "      ", a.URL)
			}
		}

		t.heading("Headlines and leads")
		for _, a := range s.Articles {
			t.para("  ", "    ", t.style("1", a.Outlet+":")+" "+a.Title)
			if a.Lead != "" {
				t.para("    ", "    ", a.Lead)
			}
		}

		t.heading("Corroborated: reported by two or more outlets")
		cor := corroborated(s)
		if len(cor) == 0 {
			t.para("  ", "  ", "(no claim found in more than one outlet)")
		}
		for _, c := range cor {
			t.para("  • ", "    ", c.Text)
			t.para("    ", "    ", t.style("2", "reported by "+strings.Join(c.Outlets, ", ")))
			for _, cs := range c.Sentences {
				if cs.Text != c.Text {
					label := cs.Outlet
					if cs.Headline {
						label += " (headline)"
					}
					t.para("      ", "        ", t.style("2", label+": ")+cs.Text)
				}
			}
			for _, d := range c.Disagreements {
				t.para("    ", "      ", t.style("1;31", "DISAGREEMENT: ")+d)
			}
		}

		ex := exclusives(s)
		for _, o := range s.Outlets {
			t.heading("Only " + o.Name + " reports")
			if len(ex[o.Name]) == 0 {
				t.para("  ", "  ", "(nothing the others do not)")
			}
			for _, c := range ex[o.Name] {
				text := c.Text
				if c.Sentences[0].Headline {
					text += " (headline)"
				}
				t.para("  • ", "    ", text)
			}
		}

		t.heading("Voices")
		if len(s.Voices) == 0 {
			t.para("  ", "  ", "(no attributed quotation)")
		}
		for _, v := range s.Voices {
			name := v.Speaker
			if v.Role != "" {
				name += ", " + v.Role
			}
			t.para("  ", "    ", t.style("1", name)+" — quoted by "+strings.Join(v.Outlets, ", "))
			for _, q := range v.Quotes {
				t.para("    "+q.Outlet+": ", "      ", quoteLine(q))
			}
		}
		t.heading("Who each outlet lets speak")
		for _, o := range s.Outlets {
			quotes := "nobody"
			if len(o.Quotes) > 0 {
				quotes = strings.Join(o.Quotes, ", ")
			}
			line := outletLabel(o) + " quotes " + quotes
			if len(o.Omits) > 0 {
				line += "; leaves out " + strings.Join(o.Omits, ", ")
			}
			t.para("  ", "    ", line)
		}

		t.heading("Names each outlet leaves out")
		any := false
		for _, o := range s.Outlets {
			if len(o.OmitsEntities) > 0 {
				any = true
				t.para("  ", "    ", o.Name+": "+strings.Join(o.OmitsEntities, ", "))
			}
		}
		if !any {
			t.para("  ", "  ", "(every person and organisation named appears in every outlet)")
		}
	}
	return t.err
}
