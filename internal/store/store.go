// Package store defines what Parallax keeps: analysed articles, their
// story assignments and the story summaries built from them, and the
// queries the commands and the server need. The interface is owned here,
// where it is used; implementations live in sub-packages (sqlite; a
// PostgreSQL one later) and all pass the contract suite in storetest.
//
// Writes come in batches. A batch is one transaction: every article in it
// is stored with its analysis and assignment, or none is, so a crash or a
// bad record never leaves half an article behind. Putting an article that
// is already stored (same id) adds nothing, which makes re-running an
// ingest safe.
package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/news"
)

// ErrNotFound is returned for an unknown article or story id.
var ErrNotFound = errors.New("not found")

// Item is one analysed article with its story assignment.
type Item struct {
	Article    news.AnalysedArticle
	Assignment news.Assignment
	// PackedAnalysis is PackAnalysis(Article.Analysis) when the caller has
	// computed it already (on a worker pool, off the serial write path);
	// nil: the store packs it.
	PackedAnalysis []byte
}

// StoryQuery filters the story list.
type StoryQuery struct {
	// Since keeps stories whose latest article is on or after this date
	// (YYYY-MM-DD or RFC 3339; empty: all).
	Since  string
	Outlet string
	Limit  int
}

// StorySummary describes one story.
type StorySummary struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Articles int    `json:"articles"`
	Outlets  int    `json:"outlets"`
	First    string `json:"first,omitempty"`
	Last     string `json:"last,omitempty"`
}

// SearchQuery is a full-text search with filters.
type SearchQuery struct {
	Text    string
	Outlet  string
	Speaker string
	// Entity keeps articles naming this entity (its words as a phrase).
	Entity string
	// From and To bound the publication date (YYYY-MM-DD, inclusive).
	From, To string
	Limit    int
}

// Hit is one search result.
type Hit struct {
	ArticleID string `json:"article"`
	Story     string `json:"story"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
}

// Store keeps analysed articles and stories.
type Store interface {
	// Put stores a batch in one transaction and reports how many articles
	// were new (already stored ids are skipped).
	Put(ctx context.Context, batch []Item) (added int, err error)
	// Article returns a stored article with its analysis.
	Article(ctx context.Context, id string) (news.AnalysedArticle, error)
	// Story returns a story's articles (in publication order) and their
	// assignments.
	Story(ctx context.Context, id string) ([]news.AnalysedArticle, []news.Assignment, error)
	// Stories lists stories, latest first.
	Stories(ctx context.Context, q StoryQuery) ([]StorySummary, error)
	// StoryInfo returns one story's summary (ErrNotFound if unknown): a
	// cheap way to learn whether a story has grown.
	StoryInfo(ctx context.Context, id string) (StorySummary, error)
	// Recent returns the n most recently stored articles, oldest first,
	// with their assignments (to warm a clusterer after a restart).
	Recent(ctx context.Context, n int) ([]news.AnalysedArticle, []news.Assignment, error)
	// Has reports which of the ids are stored.
	Has(ctx context.Context, ids []string) (map[string]bool, error)
	// Search finds articles by words in their title, text or quotations.
	Search(ctx context.Context, q SearchQuery) ([]Hit, error)
	// Quotes lists quotations, newest article first, filtered by speaker
	// (case-insensitive; a part of the name matches: "Lavrov" finds
	// "Sergei Lavrov"), outlet or story.
	Quotes(ctx context.Context, q QuoteQuery) ([]QuoteHit, error)
	// Speakers lists the most quoted speakers, most quoted first.
	Speakers(ctx context.Context, limit int) ([]SpeakerSummary, error)
	// Speaker counts the quotations of the speaker of that name
	// (case-insensitive, the whole name); zero counts when there are none.
	Speaker(ctx context.Context, name string) (SpeakerSummary, error)
	// Outlets lists every outlet with what it published, most articles
	// first.
	Outlets(ctx context.Context) ([]OutletSummary, error)
	// Walk calls fn for every stored article in storage order (for export);
	// an error from fn stops the walk and is returned.
	Walk(ctx context.Context, fn func(news.AnalysedArticle, news.Assignment) error) error
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

// QuoteQuery filters quotations.
type QuoteQuery struct {
	Speaker string
	// Exact matches Speaker as the whole name (case-insensitive), not a
	// part of it: a person's page must not mix in "Donald Trump Jr.".
	Exact  bool
	Outlet string
	Story  string
	Limit  int
}

// QuoteHit is one quotation with where it appeared.
type QuoteHit struct {
	ArticleID string `json:"article"`
	Story     string `json:"story"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Speaker   string `json:"speaker"`
	Kind      string `json:"kind"`
	Text      string `json:"text"`
}

// SpeakerSummary counts one speaker's quotations.
type SpeakerSummary struct {
	Name     string `json:"name"`
	Quotes   int    `json:"quotes"`
	Articles int    `json:"articles"`
	Outlets  int    `json:"outlets"`
}

// OutletSummary describes what one outlet published.
type OutletSummary struct {
	Name     string `json:"name"`
	Articles int    `json:"articles"`
	Stories  int    `json:"stories"`
	Quotes   int    `json:"quotes"`
	First    string `json:"first,omitempty"`
	Last     string `json:"last,omitempty"`
}

// Stats counts what a store holds; Bytes is its size on disk where the
// store can tell (0 otherwise).
type Stats struct {
	Articles int   `json:"articles"`
	Stories  int   `json:"stories"`
	Quotes   int   `json:"quotes"`
	Bytes    int64 `json:"bytes"`
}

// PageSize is a list query's limit: n, or 50 when n is not positive.
func PageSize(n int) int {
	if n <= 0 {
		return 50
	}
	return n
}

// Clean returns q with control characters in its words and filters
// turned into spaces (and the filters trimmed): a search box's text is no place for them, and
// databases refuse some (FTS5 reads a NUL as the end of the query,
// PostgreSQL refuses a NUL in text).
func (q SearchQuery) Clean() SearchQuery {
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return ' '
			}
			return r
		}, s)
	}
	trim := func(s string) string { return strings.TrimSpace(strip(s)) }
	q.Text, q.Entity = strip(q.Text), strip(q.Entity)
	q.Speaker, q.Outlet, q.From, q.To = trim(q.Speaker), trim(q.Outlet), trim(q.From), trim(q.To)
	return q
}

// datePrefix is a date or its start: 2026, 2026-03 or 2026-03-03.
var datePrefix = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// CheckDate reports a date filter that is neither empty nor a date or its
// start (YYYY, YYYY-MM, YYYY-MM-DD): compared as text, it would match
// nothing or everything without a word.
func CheckDate(flag, v string) error {
	if v == "" || datePrefix.MatchString(v) {
		return nil
	}
	return fmt.Errorf("%s %q: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)", flag, v)
}

// SpeakerResult is what a person's page shows: a page of quotations and
// the counts of all of them.
type SpeakerResult struct {
	// Exact says the quotations are of the speaker of exactly that name;
	// else of every speaker whose name holds it (no one has that name).
	Exact  bool
	Quotes []QuoteHit
	Total  SpeakerSummary
}

// SpeakerQuotes finds a person's quotations (newest first, at most limit,
// of one outlet when outlet is set): the speaker of exactly that name
// (case-insensitive), else every speaker whose name holds it. Total
// counts all of them when the name is exact, else the page.
func SpeakerQuotes(ctx context.Context, s Store, name, outlet string, limit int) (SpeakerResult, error) {
	res := SpeakerResult{Exact: true}
	qs, err := s.Quotes(ctx, QuoteQuery{Speaker: name, Exact: true, Outlet: outlet, Limit: limit})
	if err != nil {
		return res, err
	}
	if len(qs) == 0 {
		res.Exact = false
		if qs, err = s.Quotes(ctx, QuoteQuery{Speaker: name, Outlet: outlet, Limit: limit}); err != nil {
			return res, err
		}
	}
	res.Quotes = qs
	if res.Exact && outlet == "" {
		res.Total, err = s.Speaker(ctx, name)
		return res, err
	}
	res.Total = SpeakerSummary{Name: name, Quotes: len(qs)}
	articles, outlets := map[string]bool{}, map[string]bool{}
	for _, q := range qs {
		articles[q.ArticleID], outlets[q.Outlet] = true, true
	}
	res.Total.Articles, res.Total.Outlets = len(articles), len(outlets)
	return res, nil
}

// LikePattern is a LIKE pattern that finds s anywhere, with the wildcards
// in s escaped by a backslash (PostgreSQL's default; SQLite needs ESCAPE '\').
func LikePattern(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}

// WalkPageSize is how many articles a walk reads at a time.
const WalkPageSize = 500

// WalkPages drives a Walk in storage order for a store: read returns the
// articles stored after sequence number after (at most n, in order) and
// the sequence number of the last one. Reading by pages keeps neither a
// long read transaction open nor the store in memory.
func WalkPages(read func(after int64, n int) ([]news.AnalysedArticle, []news.Assignment, int64, error),
	fn func(news.AnalysedArticle, news.Assignment) error) error {
	var after int64
	for {
		arts, ass, last, err := read(after, WalkPageSize)
		if err != nil {
			return fmt.Errorf("walk: %w", err)
		}
		for i := range arts {
			if err := fn(arts[i], ass[i]); err != nil {
				return err
			}
		}
		if len(arts) < WalkPageSize {
			return nil
		}
		after = last
	}
}
