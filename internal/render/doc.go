// Package render writes a compare.Report as terminal text (wrapped to the
// terminal's width, coloured only on a terminal), Markdown for pasting, a
// single self-contained HTML page (inline CSS, no scripts, no external
// assets; all article text escaped by html/template), or JSON.
package render
