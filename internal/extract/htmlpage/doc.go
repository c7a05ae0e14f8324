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
package htmlpage
