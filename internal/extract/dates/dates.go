// Package dates parses the dates news pages carry ("14/10/2015",
// "October 15, 2015", "2015-10-15T09:00:00Z", "15 Oct 2015", "Thursday,
// 15 October 2015 10:30", and their equivalents in other languages) into the
// form Parallax stores: RFC 3339 when the time of day is known, YYYY-MM-DD
// when only the day is.
//
// Method: machine formats (RFC 3339, ISO 8601, RFC 1123) are parsed
// directly; all-numeric dates are read day-first unless the first number
// cannot be a month ("10/14/2015" is then month-first), since day-first is
// the order of most of the world's press and ISO order is handled above;
// everything else goes through go-dateparser with an explicit day, month
// and year required, so a bare year or "yesterday" is not taken for a
// publication date; a string with no year is not handed to it at all (it
// can spend a second on a bare "12:33 p.m. EST"), and a string without
// words that English cannot read is not offered to the other locales
// (the cost of one string is then that of one locale, or of the few
// locales that know its words). A leading label
// ("Published:", "Veröffentlicht am", "Stand:") is dropped first. Years
// outside 1900-2100 are rejected.
//
// FromURL reads the day a URL's path spells out (/2017/7/12/,
// /2020/jan/20/); WithURL lets it overrule a declared date more than a day
// away, since a URL is fixed at first publication while declared dates move
// when a page is republished.
package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/markusmobius/go-dateparser"
)

var machineLayouts = []struct {
	layout   string
	withTime bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02T15:04:05", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02T15:04", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02 15:04:05", true},
	{"2006-01-02 15:04", true},
	{time.RFC1123Z, true},
	{time.RFC1123, true},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true},
	{"Mon, 2 Jan 2006 15:04:05 MST", true},
	{time.DateOnly, false},
	{"2006/01/02", false},
	{"20060102", false},
}

var clock = regexp.MustCompile(`\b\d{1,2}:\d{2}\b`)

// dateLabel is a label pages print before a date ("Published: ",
// "Veröffentlicht am ", "Stand: ", "publié le ").
var dateLabel = regexp.MustCompile(`(?i)^(?:(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?|veröffentlicht(?: am)?|aktualisiert(?: am)?|erstellt(?: am)?|stand|datum|date|publié(?: le)?|mis à jour(?: le)?|publicado(?: el)?|actualizado(?: el)?)\s*:?\s+`)

// yearLike is a four-digit year, or a day.month.year with a two-digit one.
var yearLike = regexp.MustCompile(`(?:^|\D)(?:19|20)\d{2}(?:\D|$)|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b`)

var numericDate = regexp.MustCompile(`^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$`)

var parserConfig = &dateparser.Configuration{
	DefaultLanguages: []string{"en"},
	RequiredParts:    []string{"day", "month", "year"},
	DefaultTimezone:  time.UTC,
	CurrentTime:      time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
}

// englishConfig is parserConfig limited to the English locale, tried
// first: a string without words (digits, punctuation, a zone) is read the
// same in every locale, and one no locale reads would otherwise go through
// every pass of every one of go-dateparser's several hundred locales (about
// a second for "2026-03-0309:15:00Z", a date with its separator lost).
var englishConfig = func() *dateparser.Configuration {
	c := *parserConfig
	c.Languages = []string{"en"}
	return &c
}()

// hasLocaleWords reports whether s holds a word some other locale could
// own ("diciembre", "März", "окт"): a run of letters other than an ASCII
// capital abbreviation of up to five letters (time zones, the T and Z of
// ISO 8601), a single ASCII letter or am/pm. Only such strings are worth
// the other locales: go-dateparser tries just the locales that know every
// word of a string, so words keep that search short, while a string of
// numbers and zones is "applicable" to all of them.
func hasLocaleWords(s string) bool {
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch {
		case len(w) == 1, w == "am", w == "pm", w == "AM", w == "PM":
		case len(w) <= 5 && strings.IndexFunc(w, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0:
		default:
			return true
		}
	}
	return false
}

// Normalize parses s and returns it as RFC 3339 (time known) or
// YYYY-MM-DD (day known). ok is false when s holds no full date.
func Normalize(s string) (string, bool) {
	s = strings.TrimSpace(dateLabel.ReplaceAllString(strings.TrimSpace(s), ""))
	if len(s) < 6 || len(s) > 80 {
		return "", false
	}
	for _, l := range machineLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return format(t, l.withTime)
		}
	}
	if m := numericDate.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		day, month := a, b
		if a <= 12 && b > 12 {
			day, month = b, a
		}
		t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if t.Day() != day || int(t.Month()) != month {
			return "", false
		}
		return format(t, false)
	}
	// Mojibake ("10 ??????? 2015 ?.") must not pass for a date. Without
	// a year there is no full date, and go-dateparser can take a second
	// on a bare time with a zone ("12:33 p.m. EST"): it is not asked.
	if !yearLike.MatchString(s) || strings.Contains(s, "??") || strings.ContainsRune(s, '\uFFFD') {
		return "", false
	}
	d, err := dateparser.Parse(englishConfig, s)
	if (err != nil || d.IsZero()) && hasLocaleWords(s) {
		d, err = dateparser.Parse(parserConfig, s)
	}
	if err != nil || d.IsZero() {
		return "", false
	}
	return format(d.Time, d.Period.IsTime() || clock.MatchString(s))
}

func format(t time.Time, withTime bool) (string, bool) {
	if t.Year() < 1900 || t.Year() > 2100 {
		return "", false
	}
	if withTime {
		return t.Format(time.RFC3339), true
	}
	return t.Format(time.DateOnly), true
}

// urlDate finds a year, month and day as consecutive path segments or
// slug parts of a URL: /2017/7/12/, /2020/jan/19/, /2019-06-17-title.
var urlDate = regexp.MustCompile(`(?i)(?:^|[/_.-])((?:19|20)\d{2})[/_.-](0?[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[/_.-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)

var monthAbbr = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// FromURL returns the publication day a URL's path spells out
// ("https://n.example/2017/7/12/title" -> "2017-07-12"); ok is false when
// the path holds no full date. The host and query are not read.
func FromURL(rawURL string) (string, bool) {
	path := rawURL
	if i := strings.Index(path, "://"); i >= 0 {
		path = path[i+3:]
		if j := strings.IndexByte(path, '/'); j >= 0 {
			path = path[j:]
		} else {
			return "", false
		}
	}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	m := urlDate.FindStringSubmatch(path)
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, err := strconv.Atoi(m[2])
	if err != nil {
		mo = monthAbbr[strings.ToLower(m[2])]
	}
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo {
		return "", false
	}
	return format(t, false)
}

// WithURL reconciles a normalised declared date with the day in the
// page's URL (FromURL): the URL's day is fixed when the page is first
// published, while a page's declared date moves when it is republished or
// re-dated by a redesign. A declared date within a day of the URL's
// (time zones) is kept, as it is more precise; one further away, or none,
// yields to the URL's day.
func WithURL(declared, urlDay string) string {
	if urlDay == "" {
		return declared
	}
	u, err := time.Parse(time.DateOnly, urlDay)
	if err != nil {
		return declared
	}
	if len(declared) >= 10 {
		if d, err := time.Parse(time.DateOnly, declared[:10]); err == nil {
			if diff := d.Sub(u); diff <= 24*time.Hour && diff >= -24*time.Hour {
				return declared
			}
		}
	}
	return urlDay
}
