package htmlpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blocks are the elements that start a new paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Tr: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Figure: true, atom.Figcaption: true,
	atom.Dt: true, atom.Dd: true, atom.Dl: true, atom.Hr: true, atom.Br: true, atom.Main: true, atom.Aside: true, atom.Address: true,
}

// wordInternal are inline elements that may sit inside a word
// ("<b>W</b>ord"); other element boundaries separate words.
var wordInternal = map[atom.Atom]bool{
	atom.B: true, atom.I: true, atom.Em: true, atom.Strong: true, atom.U: true, atom.Span: true, atom.Sup: true,
	atom.Sub: true, atom.Small: true, atom.Mark: true, atom.S: true, atom.Abbr: true, atom.Font: true, atom.Wbr: true,
}

// skipped are elements whose text is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true, atom.Svg: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Head: true, atom.Nav: true, atom.Form: true,
}

// paragraphs renders the text under n as paragraphs separated by one
// blank line, whitespace collapsed.
func paragraphs(n *html.Node) string {
	if n == nil {
		return ""
	}
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(cur.String()), " "); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] {
				return
			}
			// trafilatura renders its output tree with its own tag names
			// (e.g. "head" for headings, "list", "item", "quote", "lb").
			block := blocks[n.DataAtom] || trafilaturaBlock(n.Data)
			if block {
				flush()
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			if block {
				flush()
			} else if !wordInternal[n.DataAtom] {
				// Element boundaries separate words ("2013<br>(1)" in the
				// source must not glue into one token).
				cur.WriteByte(' ')
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	flush()
	return strings.Join(out, "\n\n")
}

func trafilaturaBlock(tag string) bool {
	switch tag {
	case "lb", "item", "list", "quote", "row", "cell", "graphic":
		return true
	}
	return false
}
