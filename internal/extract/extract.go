package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/extract/dates"
	"github.com/parallax-news/parallax/internal/extract/lang"
	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/news"
)

// Options configures extraction.
type Options struct {
	// Outlets maps hosts to outlet names; nil means outlet.Default().
	Outlets *outlet.Table
	// Now is the time of reading, against which a publication date is
	// judged (see MaxFuture); nil means time.Now.
	Now func() time.Time
}

// MaxFuture is how far past the time of reading a publication date may
// lie: a little, for time zones and embargoed items, but an article dated
// years ahead ("2050-09-30" in a real feed) is a wrong date, and kept it
// would sort first among the latest stories forever. Such a date is
// dropped with a warning, as an unreadable one is.
const MaxFuture = 48 * time.Hour

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

func (o Options) outlets() *outlet.Table {
	if o.Outlets == nil {
		return defaultOutlets
	}
	return o.Outlets
}

var defaultOutlets = outlet.Default()

// Article extracts one article from a document. It fails only when the
// document holds no article text at all.
func Article(doc news.Document, opt Options) (news.Article, error) {
	var a news.Article
	var credits []string
	switch doc.Format {
	case news.FormatArticle:
		a = doc.Hint
		a.Text = normaliseParagraphs(a.Text)
	case news.FormatText:
		a, credits = fromText(doc)
	case news.FormatHTML:
		var err error
		if a, err = fromHTML(doc); err != nil {
			return news.Article{}, fmt.Errorf("%s: %w", doc.Source, err)
		}
	default:
		return news.Article{}, fmt.Errorf("%s: unknown format %q", doc.Source, doc.Format)
	}
	a.Source = doc.Source
	if strings.TrimSpace(a.Text) == "" {
		return news.Article{}, fmt.Errorf("%s: no article text found", doc.Source)
	}
	finish(&a, opt.outlets(), credits, opt.now())
	return a, nil
}

// finish fills what every article needs whatever its format: normalised
// date, outlet, language and id.
func finish(a *news.Article, outlets *outlet.Table, credits []string, now time.Time) {
	// Articles are hostile input, and their text reaches terminals:
	// control characters (an escape sequence can retitle or clear a
	// terminal) go, but for the text's line breaks and tabs.
	a.Title, a.Byline, a.Outlet, a.URL = dropControls(a.Title), dropControls(a.Byline), dropControls(a.Outlet), dropControls(a.URL)
	a.Text = dropControls(a.Text)
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	a.Byline = strings.Join(strings.Fields(a.Byline), " ")
	if a.Published != "" {
		if d, ok := dates.Normalize(a.Published); ok {
			a.Published = d
		} else {
			a.Warnings = append(a.Warnings, fmt.Sprintf("unreadable date %q dropped", a.Published))
			a.Published = ""
		}
	}
	if t, ok := a.PublishedTime(); ok && t.After(now.Add(MaxFuture)) {
		a.Warnings = append(a.Warnings, fmt.Sprintf("date %q is in the future, dropped", a.Published))
		a.Published = ""
	}
	known, isKnown := outlets.Known(a.URL)
	switch {
	case isKnown:
		// The table (built in or the user's file) is curated: it beats a
		// page's own site name ("NYTimes").
		a.Outlet = known
	case a.Outlet != "":
		a.Outlet = outlets.Canonical(a.Outlet)
	case a.URL != "":
		a.Outlet = outlets.ForURL(a.URL)
	default:
		a.Outlet = outletFromCredits(outlets, credits)
		if a.Outlet != "" {
			a.Warnings = append(a.Warnings, fmt.Sprintf("no URL: outlet %q inferred from the credit line %q", a.Outlet, credits[0]))
		}
	}
	if a.Language == "" {
		a.Language = lang.Detect(a.Text)
	}
	// An id is a key other programs join on and a column of tab-separated
	// output: blanks around it are dropped, and one holding control
	// characters (a tab, a newline) is replaced, with a warning.
	a.ID = strings.TrimSpace(a.ID)
	if strings.IndexFunc(a.ID, unicode.IsControl) >= 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("id %q holds control characters: replaced by a content id", a.ID))
		a.ID = ""
	}
	if a.ID == "" {
		a.ID = ContentID(a)
	}
}

// dropControls removes the control characters of s but for tabs and
// line breaks (which Fields and the paragraph rules handle).
func dropControls(s string) string {
	clean := true
	for _, r := range s {
		if isDroppedControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isDroppedControl(r) {
			return -1
		}
		return r
	}, s)
}

func isDroppedControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r'
}

// outletFromCredits finds a known outlet named at the start of a credit
// line ("Posted by RT Play on …" names RT's video channel).
func outletFromCredits(outlets *outlet.Table, credits []string) string {
	for _, c := range credits {
		words := strings.Fields(c)
		for n := len(words); n >= 1; n-- {
			if in, ok := outlets.Lookup(strings.Join(words[:n], " ")); ok {
				return in.Name
			}
		}
	}
	return ""
}

// normaliseParagraphs trims lines and makes paragraphs separated by
// exactly one blank line.
func normaliseParagraphs(s string) string {
	if normalParagraphs(s) {
		return s // the common case for JSON Lines input: nothing to do
	}
	return rebuildParagraphs(s)
}

// rebuildParagraphs is normaliseParagraphs without its fast path.
func rebuildParagraphs(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var paras []string
	for p := range strings.SplitSeq(s, "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// normalParagraphs reports text that normaliseParagraphs would leave as it
// is: words separated by single spaces, paragraphs by exactly one blank
// line, no other whitespace, none at either end.
func normalParagraphs(s string) bool {
	prevSpace := true // start of text: no space may follow
	for i := 0; i < len(s); {
		if plainASCII[s[i]] {
			// A run of ASCII bytes that are no whitespace, skipped with one
			// table look-up a byte.
			for i++; i < len(s) && plainASCII[s[i]]; i++ {
			}
			prevSpace = false
			continue
		}
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			i++
		case c == '\n':
			if prevSpace || i+2 >= len(s) || s[i+1] != '\n' || s[i+2] == ' ' || s[i+2] == '\n' {
				return false
			}
			prevSpace = true
			i += 2
		case c < utf8.RuneSelf:
			if c == '\t' || c == '\r' || c == '\v' || c == '\f' {
				return false
			}
			prevSpace = false
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			prevSpace = false
			i += n
		}
	}
	return !prevSpace || len(s) == 0
}

// plainASCII marks the ASCII bytes other than whitespace.
var plainASCII = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\v' && c != '\f'
	}
	return t
}()

// ContentID is a stable id from the article's URL, title and text.
func ContentID(a *news.Article) string {
	h := sha256.New()
	h.Write([]byte(a.URL))
	h.Write([]byte{0})
	h.Write([]byte(a.Title))
	h.Write([]byte{0})
	h.Write([]byte(a.Text))
	return hex.EncodeToString(h.Sum(nil)[:8])
}
