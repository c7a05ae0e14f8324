package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
)

// Options controls text output.
type Options struct {
	// Width wraps text output (0: 100 columns).
	Width int
	// Colour adds ANSI colours (only for terminals).
	Colour bool
}

// Write renders r in format (text, markdown, json, html).
func Write(w io.Writer, format string, r compare.Report, opt Options) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "markdown", "md":
		return markdown(w, r)
	case "html":
		return page(w, r)
	case "text", "":
		return text(w, r, opt)
	}
	return fmt.Errorf("unknown format %q: want text, markdown, json or html", format)
}

// exclusives groups single-outlet claims by outlet, in outlet order.
func exclusives(s compare.StoryReport) map[string][]compare.Claim {
	out := map[string][]compare.Claim{}
	for _, c := range s.Claims {
		if !c.Corroborated && len(c.Outlets) == 1 {
			out[c.Outlets[0]] = append(out[c.Outlets[0]], c)
		}
	}
	return out
}

func corroborated(s compare.StoryReport) []compare.Claim {
	var out []compare.Claim
	for _, c := range s.Claims {
		if c.Corroborated {
			out = append(out, c)
		}
	}
	return out
}

func outletLabel(o compare.OutletView) string {
	if o.Info == nil {
		return o.Name
	}
	var facts []string
	for _, f := range []string{o.Info.Ownership, o.Info.Country, o.Info.Lean} {
		if f != "" {
			facts = append(facts, f)
		}
	}
	if len(facts) == 0 {
		return o.Name
	}
	return o.Name + " (" + strings.Join(facts, ", ") + ")"
}

func quoteLine(q compare.VoiceQuote) string {
	s := "“" + q.Text + "”"
	if q.Kind == "indirect" {
		s = q.Text + " (reported speech)"
	} else if q.Kind == "partial" {
		s += " (partial)"
	}
	if q.Group > 0 {
		s += fmt.Sprintf(" [same quotation #%d]", q.Group)
	}
	return s
}
