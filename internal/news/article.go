package news

import (
	"encoding/json"
	"time"
)

// Article is one news article after extraction: clean text and metadata.
// Empty strings mean "unknown" and are written as JSON null.
type Article struct {
	// Source names where the article came from: an input path, or path#N for
	// the N-th record (1-based) inside a JSONL file, feed or WARC archive.
	Source string `json:"source"`
	// ID is the id given by the input (JSONL) or else a stable content hash.
	ID     string `json:"id"`
	URL    string `json:"url"`
	Outlet string `json:"outlet"`
	Title  string `json:"title"`
	// Published is RFC 3339 when the time is known, YYYY-MM-DD when only the day is.
	Published string `json:"published"`
	Byline    string `json:"byline"`
	// Language is an ISO 639-1 code.
	Language string `json:"language"`
	// Text holds the body, paragraphs separated by one blank line ("\n\n").
	Text     string   `json:"text"`
	Warnings []string `json:"warnings"`
}

// PublishedTime parses Published. ok is false when the date is unknown or
// malformed. A day-only date yields midnight UTC of that day.
func (a *Article) PublishedTime() (t time.Time, ok bool) {
	if a.Published == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, a.Published); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.DateOnly, a.Published); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// ArticleJSON mirrors Article with nullable fields for the wire format.
// Embed it (from Article.JSON) in a struct that adds fields: embedding
// Article itself would promote its MarshalJSON and drop them.
type ArticleJSON struct {
	Source    *string  `json:"source"`
	ID        *string  `json:"id"`
	URL       *string  `json:"url"`
	Outlet    *string  `json:"outlet"`
	Title     *string  `json:"title"`
	Published *string  `json:"published"`
	Byline    *string  `json:"byline"`
	Language  *string  `json:"language"`
	Text      *string  `json:"text"`
	Warnings  []string `json:"warnings"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// MarshalJSON writes unknown (empty) fields as null and warnings as a list.
func (a Article) MarshalJSON() ([]byte, error) {
	return json.Marshal(a.JSON())
}

// JSON is the article's wire form: unknown (empty) fields null, warnings
// a list.
func (a Article) JSON() ArticleJSON {
	w := a.Warnings
	if w == nil {
		w = []string{}
	}
	return ArticleJSON{
		Source: nullable(a.Source), ID: nullable(a.ID), URL: nullable(a.URL),
		Outlet: nullable(a.Outlet), Title: nullable(a.Title), Published: nullable(a.Published),
		Byline: nullable(a.Byline), Language: nullable(a.Language), Text: nullable(a.Text),
		Warnings: w,
	}
}

// UnmarshalJSON accepts nulls for any field.
func (a *Article) UnmarshalJSON(b []byte) error {
	var j ArticleJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*a = Article{
		Source: deref(j.Source), ID: deref(j.ID), URL: deref(j.URL), Outlet: deref(j.Outlet),
		Title: deref(j.Title), Published: deref(j.Published), Byline: deref(j.Byline),
		Language: deref(j.Language), Text: deref(j.Text), Warnings: j.Warnings,
	}
	return nil
}
