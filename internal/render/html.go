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

var reportTmpl = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"join":         strings.Join,
	"corroborated": corroborated,
	"exclusives":   exclusives,
	"label":        outletLabel,
	"quote":        quoteLine,
	"nobody":       orNobody,
}).ParseFS(templates, "templates/report.html"))

func page(w io.Writer, r compare.Report) error {
	return reportTmpl.Execute(w, r)
}
