package render

import (
	"embed"
	"html/template"
	"io"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
)

//go:embed templates/report.html
var templates embed.FS

var reportTmpl = template.Must(template.New("report.html").Funcs(Funcs()).ParseFS(templates, "templates/report.html"))

// Funcs are the template functions of the HTML report, for other pages
// that show a report (the web UI): join, corroborated, exclusives, label,
// quote, nobody.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"join":         strings.Join,
		"corroborated": corroborated,
		"exclusives":   exclusives,
		"label":        outletLabel,
		"quote":        quoteLine,
		"nobody":       orNobody,
	}
}

func page(w io.Writer, r compare.Report) error {
	return reportTmpl.Execute(w, r)
}
