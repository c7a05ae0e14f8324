// Package markdown cleans web pages that were converted to Markdown-ish
// text by a scraper (the form of Parallax's seed articles): it finds the
// title, byline, date and original URL, and removes the boilerplate such
// pages carry while keeping every paragraph of the article body.
//
// Method, line by line:
//   - the title is the first heading or, failing that, the first line;
//   - the header (the lines before the first body paragraph, i.e. the
//     first line that reads as prose: ending in sentence punctuation or
//     longer than a caption) gives the byline ("By …"), the date (any line
//     that is wholly a date) and drops image captions (short lines without
//     sentence punctuation, such as a bare name under the byline);
//   - anywhere, lines that are boilerplate are dropped: "READ MORE: …",
//     "Trends …" tag lines, "Posted by … on …" video credits and the
//     caption line just above them, "Contact the author at …", link-only
//     navigation lines, and the "Original url:" trailer (its URL is kept as
//     metadata);
//   - lines whose text was lost to a wrong encoding ("10 ??????? 2015 ?.")
//     are dropped with a warning;
//   - Markdown syntax is undone: links keep their anchor text, images and
//     heading markers go, backslash escapes are resolved. Emphasis markers
//     (*…*) are kept: in scraped pages an italic paragraph is often the
//     unquoted continuation of a quotation, which the quote stage reads.
package markdown

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Result is what Clean finds in a scraped page.
type Result struct {
	Title  string
	Byline string
	// Date is the raw date line, for the caller to normalise.
	Date string
	URL  string
	// Credits are the names in "Posted by NAME on …" lines (video or photo
	// credits, often the outlet's own channel).
	Credits  []string
	Text     string
	Warnings []string
}

// DateFunc tells whether a line is wholly a date.
type DateFunc func(line string) bool

var (
	linkRe      = regexp.MustCompile(`!?\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)`)
	autoLinkRe  = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	escapeRe    = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!$&<>|~"'])`)
	bylineRe    = regexp.MustCompile(`(?i)^(?:by|written by|words by|von|par|por)\s+(.+)$`)
	urlLineRe   = regexp.MustCompile(`(?i)^(?:original\s+url|original\s+link|source\s+url|source|url|canonical)\s*:\s*(.*)$`)
	readMoreRe  = regexp.MustCompile(`(?i)^(?:\[)?\s*(?:read more|read also|see also|related|more on this|watch|also read)\s*[:|-]`)
	trendsRe    = regexp.MustCompile(`^(?:Trends|Tags|Topics)\s*:?\s+\S`)
	postedByRe  = regexp.MustCompile(`(?i)^posted by\s+(.+?)\s+on\s+.+$`)
	contactRe   = regexp.MustCompile(`(?i)^(?:contact the author|contact the reporter|email the author|follow (?:the author|him|her|us) on)\b`)
	mojibakeRe  = regexp.MustCompile(`\?{3,}`)
	headingRe   = regexp.MustCompile(`^#{1,6}\s+`)
	rawURLRe    = regexp.MustCompile(`^(?:https?://\S+)$`)
	emailLineRe = regexp.MustCompile(`^\S+@\S+\.\S+$`)
)

// Clean cleans one scraped page. isDate tells whether a header line is a
// date; it may be nil.
func Clean(raw string, isDate DateFunc) Result {
	var r Result
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\r", "\n"), "\n")

	// Pass 1: group lines into blocks (paragraphs) separated by blank lines.
	var blocks []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, l := range lines {
		l = strings.TrimSpace(strings.TrimPrefix(l, "\uFEFF"))
		if l == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()

	inHeader := true
	var body []string
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		plain := strings.TrimSpace(unmark(b))
		switch {
		case r.Title == "":
			r.Title = strings.TrimSpace(headingRe.ReplaceAllString(plain, ""))
			continue
		case urlLineRe.MatchString(plain) && (r.URL == "" || !looksLikeProse(plain)):
			m := urlLineRe.FindStringSubmatch(b)
			u := firstURL(m[1])
			if u == "" && i+1 < len(blocks) {
				if u = firstURL(blocks[i+1]); u != "" {
					i++
				}
			}
			if u != "" {
				r.URL = u
				continue
			}
		case postedByRe.MatchString(plain):
			// A video credit; the line above it is the video's caption.
			if n := len(body); n > 0 && isCaption(body[n-1]) {
				body = body[:n-1]
			}
			r.Credits = append(r.Credits, postedByRe.FindStringSubmatch(plain)[1])
			r.warnMojibake(plain)
			continue
		case r.warnMojibake(plain):
			continue
		case readMoreRe.MatchString(plain), trendsRe.MatchString(plain), contactRe.MatchString(plain):
			continue
		case isLinkOnly(b) || rawURLRe.MatchString(plain) || emailLineRe.MatchString(plain):
			continue
		}
		if inHeader {
			if m := bylineRe.FindStringSubmatch(plain); m != nil && r.Byline == "" && len(plain) < 120 {
				r.Byline = strings.TrimSpace(m[1])
				continue
			}
			if r.Date == "" && isDate != nil && len(plain) < 60 && len(strings.Fields(plain)) <= 7 && strings.ContainsAny(plain, "0123456789") && isDate(plain) {
				r.Date = plain
				continue
			}
			if !looksLikeProse(plain) && isCaption(plain) {
				// An image caption or kicker above the body.
				continue
			}
			inHeader = false
		}
		body = append(body, strings.TrimSpace(headingRe.ReplaceAllString(plain, "")))
	}
	r.Text = strings.Join(body, "\n\n")
	return r
}

// warnMojibake reports (and warns about) a line whose text was lost to a
// wrong encoding.
func (r *Result) warnMojibake(line string) bool {
	if !mojibakeRe.MatchString(line) && !strings.ContainsRune(line, utf8.RuneError) {
		return false
	}
	r.Warnings = append(r.Warnings, "dropped a line whose text was lost to a wrong encoding: "+clip(line, 60))
	return true
}

// unmark undoes Markdown links, images and escapes.
func unmark(s string) string {
	// Cheap checks first: most lines carry no Markdown at all.
	if strings.Contains(s, "](") {
		s = linkRe.ReplaceAllStringFunc(s, func(m string) string {
			if strings.HasPrefix(m, "!") {
				return ""
			}
			return linkRe.FindStringSubmatch(m)[1]
		})
	}
	if strings.Contains(s, "<") {
		s = autoLinkRe.ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = escapeRe.ReplaceAllString(s, "$1")
	}
	return s
}

// firstURL returns the first http(s) URL in s (bare, <autolink> or a
// Markdown link target).
func firstURL(s string) string {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '<' || r == '>' || r == '(' || r == ')' || unicode.IsSpace(r) || r == '[' || r == ']'
	}) {
		if strings.HasPrefix(f, "http://") || strings.HasPrefix(f, "https://") {
			return f
		}
	}
	return ""
}

// isLinkOnly reports a block made of links and nothing else (navigation).
func isLinkOnly(b string) bool {
	if !strings.Contains(b, "](") && !strings.Contains(b, "<") {
		return false
	}
	rest := linkRe.ReplaceAllString(b, "")
	rest = autoLinkRe.ReplaceAllString(rest, "")
	return strings.Trim(rest, " |·•-–—,;") == "" && b != rest
}

// looksLikeProse reports a line that reads as a body paragraph.
func looksLikeProse(s string) bool {
	s = strings.TrimRight(s, `"'”’»)*_ `)
	if s == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;", last)
}

// isCaption reports a short line without sentence punctuation: an image
// or video caption, a kicker, a tag line.
func isCaption(s string) bool {
	return !looksLikeProse(s) && len(strings.Fields(s)) <= 14
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
