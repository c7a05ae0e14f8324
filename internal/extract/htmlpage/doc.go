// Package htmlpage extracts an article from an HTML page: the main text
// through go-trafilatura (the best-scoring Go extractor on public
// benchmarks), and the metadata from the page's own declarations, in this
// order of trust: JSON-LD (schema.org NewsArticle and kin), OpenGraph and
// article:* meta tags, other <meta> tags (author, date, citation_*, DC.*),
// <link rel=canonical>, <time datetime> and byline elements, and last the
// values trafilatura infers. Publishers declare these for search engines
// and social cards, so they beat heuristics on the visible page. Three
// refinements: a declared value that does not read (a date that does not
// parse, a byline that cleans to nothing) does not hide the next source;
// the site credited as its own author ("BBC News" on the BBC) is the byline
// only when no source, nor a credit line at the top or end of the text
// ("Written by: Jane Doe"), names a person; and a heading that only links
// to the home page is the site's logo, never the headline.
//
// The main text comes out as paragraphs separated by one blank line,
// rebuilt from trafilatura's content tree (its plain text output runs
// paragraphs together). Pages that are fragments (a feed item's HTML)
// are read whole when trafilatura finds nothing, since a fragment has no
// boilerplate to remove.
//
// Cost: the page is parsed once and the same tree serves every pass (our
// metadata first, then a prune of comments, styles, SVG and non-JSON
// scripts, then the extractors, which each work on a clone). go-trafilatura
// runs without its readability/DOM-distiller fallbacks; they run only on
// the pages where the library's own rule could take their result (see
// fallback), about a third of the pages, and go-htmldate only when the
// page declares no date, with go-dateparser limited to the page's
// declared language. What remains is go-trafilatura's own fixed work
// (about 9.5 of 16 ms of CPU per Readability test page; see the README).
//
// Limits, so a hostile page costs bounded time: at most 200,000 nodes
// (error), nesting up to 512 (x/net/html's error), the first 16 JSON-LD
// scripts, and the <p> elements up to 2,000 of them or 512 KB of their
// text (go-trafilatura joins the text of every <p> one string at a time,
// quadratic in their number); a limit that cuts something leaves a warning
// on the Page. go-htmldate's date parser is always told the languages to
// try (the page's and English).
package htmlpage
