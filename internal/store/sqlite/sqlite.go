// Package sqlite is Parallax's embedded store: one SQLite file through the
// pure-Go modernc.org/sqlite driver (no cgo), WAL mode, schema migrations
// numbered in code and applied in a transaction, and an FTS5 index over
// titles, texts and quotations.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
)

// migrations are applied in order; their index+1 is the schema version.
var migrations = []string{
	`CREATE TABLE articles (
		seq          INTEGER PRIMARY KEY,
		id           TEXT NOT NULL UNIQUE,
		source       TEXT, url TEXT, outlet TEXT, title TEXT, published TEXT,
		byline       TEXT, language TEXT, text TEXT NOT NULL,
		warnings     TEXT NOT NULL DEFAULT '[]',
		analysis     BLOB NOT NULL,
		story        TEXT NOT NULL,
		duplicate_of TEXT
	);
	CREATE INDEX articles_story ON articles(story);
	CREATE INDEX articles_outlet ON articles(outlet);
	CREATE TABLE quotes (
		article TEXT NOT NULL REFERENCES articles(id),
		speaker TEXT, kind TEXT, text TEXT
	);
	CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
	CREATE TABLE stories (
		id TEXT PRIMARY KEY, title TEXT, first TEXT, last TEXT,
		articles INTEGER NOT NULL DEFAULT 0, outlets INTEGER NOT NULL DEFAULT 0
	);
	CREATE INDEX stories_last ON stories(last);
	CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, quotes, content='');`,
	// A covering index of publication dates by rowid: a search sorts its
	// matches by date reading this narrow index, not thousands of wide
	// article rows (3x faster for common words on 37k articles).
	`CREATE INDEX articles_seq_published ON articles(seq, published);`,
	`CREATE TABLE feeds (
		url TEXT PRIMARY KEY, added TEXT NOT NULL, last_check TEXT, last_success TEXT, last_error TEXT,
		errors INTEGER NOT NULL DEFAULT 0, items INTEGER NOT NULL DEFAULT 0, next_check TEXT,
		etag TEXT, last_modified TEXT, seq INTEGER NOT NULL
	);
	CREATE TABLE feed_items (feed TEXT NOT NULL, link TEXT NOT NULL, seen TEXT NOT NULL, PRIMARY KEY (feed, link)) WITHOUT ROWID;`,
	// Story summaries are kept up to date article by article (recomputing
	// them from all their articles made every write O(story size)).
	`CREATE TABLE story_outlets (story TEXT NOT NULL, outlet TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (story, outlet)) WITHOUT ROWID;
	INSERT INTO story_outlets (story, outlet, n) SELECT story, COALESCE(outlet, ''), COUNT(*) FROM articles GROUP BY story, COALESCE(outlet, '');`,
	// Articles in search order (newest first): a search for a common word
	// walks this until it has a page of matches, instead of sorting all
	// of them (see Search).
	`CREATE INDEX articles_published_seq ON articles(COALESCE(published, '') DESC, seq);`,
	// Full-text index writes (kept in the index's own config table).
	// FTS5 held 1 MB of new terms before writing them out as a segment,
	// so one ingest transaction became about ten small segments; with
	// room for a whole transaction it becomes one. And it merged segments
	// four at a time, rewriting each posting once per level of a deep
	// tree; eight at a time makes the tree shallower. Together they cut
	// the CPU time of a batch of real articles by about 30% (see
	// BenchmarkPutReal); searches are as fast (BenchmarkSearchReal) and
	// their results the same (the index holds the same postings).
	`INSERT INTO articles_fts(articles_fts, rank) VALUES('hashsize', 33554432);
	INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', 8);`,
	// Analyses are packed in the S2 form since this version (see
	// store.PackAnalysis), which older programs cannot read: the version
	// step makes them refuse the store ("upgrade parallax") rather than fail
	// on every analysis. No table changes.
	`SELECT 1;`,
	// Quotations by article: counting an outlet's quotations (the home
	// and outlet pages) scanned every quotation once per article without
	// it, minutes on a store of 37k articles.
	`CREATE INDEX quotes_article ON quotes(article);`,
}

// walAutocheckpoint is how many WAL pages (4 KB) the writer lets pile up
// before copying them into the database file. SQLite's default, 1,000, is
// less than one ingest transaction: every commit paid for a checkpoint,
// and pages that consecutive transactions rewrite were copied each time.
const walAutocheckpoint = 16384

// writerCacheKB is the size of the writer connection's page cache, in KB.
const writerCacheKB = 64 << 10

// readerMmapBytes is how much of the database file the readers map into
// memory (SQLite caps it at 2 GB; the rest of a larger file is read as
// before). A reader then reads a page where the kernel keeps it, instead
// of copying it into its own page cache with a system call: the readers'
// caches are small (2 MB each) beside a store of hundreds of MB, so a
// search read most pages that way. Searches take about a third less time
// on a store of the 37k articles (parallax loadtest --search-cache 0).
// The writer keeps reading into its own large cache (writerCacheKB).
const readerMmapBytes = 2 << 30

// Store is a SQLite-backed store.Store.
type Store struct {
	db  *sql.DB // the one writer connection
	rdb *sql.DB // readers: WAL lets them run beside the writer and each other

	// stmts are the readers' statements of the server's frequent queries
	// (story pages, searches), prepared once each instead of on every
	// request; a search has a few shapes (which filters it has).
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// read returns the readers' prepared statement of query.
func (s *Store) read(ctx context.Context, query string) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.rdb.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[query] = st
	return st, nil
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the store at path and brings its schema
// up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	// After a checkpoint the WAL is cut back to 64 MB, so a long ingest
	// does not leave a large file behind. The writer's page cache holds
	// writerCacheKB: with SQLite's default 2 MB, one ingest transaction
	// overflowed it, spilling pages to the WAL before the commit and
	// reading them back (40% fewer page writes, 75% fewer reads).
	// Statement journals stay in memory (temp_store): a multi-row insert
	// keeps one in case it must undo itself, and SQLite spilled it to a
	// temporary file past 64 KB, a write system call per page
	// (BenchmarkPutAnalysed: ~500 -> ~440 CPU µs per article).
	db, err := sql.Open("sqlite", dsn+fmt.Sprintf("&_pragma=wal_autocheckpoint(%d)&_pragma=journal_size_limit(%d)&_pragma=cache_size(-%d)&_pragma=temp_store(MEMORY)",
		walAutocheckpoint, 64<<20, writerCacheKB))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // one writer; SQLite serialises anyway
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	rdb, err := sql.Open("sqlite", dsn+fmt.Sprintf("&_pragma=query_only(1)&_pragma=mmap_size(%d)", readerMmapBytes))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0)*2)
	rdb.SetMaxOpenConns(n)
	rdb.SetMaxIdleConns(n)
	s.rdb = rdb
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program knows (%d): upgrade parallax", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, i+1); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.mu.Lock()
	var errs []error
	for _, st := range s.stmts {
		errs = append(errs, st.Close())
	}
	s.stmts = nil
	s.mu.Unlock()
	return errors.Join(append(errs, s.rdb.Close(), s.db.Close())...)
}

// Put stores a batch in one transaction, through statements prepared once
// per batch.
func (s *Store) Put(ctx context.Context, batch []store.Item) (int, error) {
	for _, it := range batch {
		if it.Article.ID == "" || it.Assignment.Story == "" {
			return 0, fmt.Errorf("store: article %q (%s) has no id or story: batch not stored", it.Article.ID, it.Article.Source)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	st, err := preparePut(ctx, tx)
	if err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	defer st.close()
	added := 0
	// ftsRow is an article to index, with its row number.
	type ftsRow struct {
		seq int64
		a   news.AnalysedArticle
	}
	fts := make([]ftsRow, 0, len(batch))
	for _, it := range batch {
		a := it.Article
		analysis, err := it.Packed()
		if err != nil {
			return 0, fmt.Errorf("store: article %s: %w", a.ID, err)
		}
		warnings, _ := json.Marshal(orEmpty(a.Warnings))
		res, err := st.article.ExecContext(ctx, a.ID, a.Source, a.URL, a.Outlet, a.Title, a.Published, a.Byline, a.Language, a.Text,
			string(warnings), analysis, it.Assignment.Story, nullable(it.Assignment.DuplicateOf))
		if err != nil {
			return 0, fmt.Errorf("store: article %s: %w", a.ID, err)
		}
		// An article stored already is left as it is (the insert does
		// nothing on its id), and so are its quotations and story.
		if n, err := res.RowsAffected(); err != nil {
			return 0, fmt.Errorf("store: %w", err)
		} else if n == 0 {
			continue
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return 0, fmt.Errorf("store: %w", err)
		}
		if err := st.putQuotes(ctx, a.ID, a.Quotes); err != nil {
			return 0, fmt.Errorf("store: article %s: %w", a.ID, err)
		}
		fts = append(fts, ftsRow{seq, a})
		// The story's summary, updated with this article: count, outlets,
		// time span, and the title of its earliest dated article
		// (recomputing it from all the story's articles made every write
		// O(story size)).
		id := it.Assignment.Story
		if _, err := st.outlet.ExecContext(ctx, id, a.Outlet); err != nil {
			return 0, fmt.Errorf("store: story %s: %w", id, err)
		}
		if _, err := st.story.ExecContext(ctx, id, a.Title, nullable(a.Published)); err != nil {
			return 0, fmt.Errorf("store: story %s: %w", id, err)
		}
		added++
	}
	// The full-text rows go in last, one after the other. FTS5 keeps new
	// terms in memory until the commit, but writes them out as a segment
	// at every statement savepoint, which the multi-row and upsert
	// statements above open: indexed article by article, each article
	// became a segment of its own, and merging those tiny segments was a
	// quarter of the write time.
	for _, r := range fts {
		text, quoted := ftsColumns(&r.a)
		if _, err := st.fts.ExecContext(ctx, r.seq, r.a.Title, text, quoted); err != nil {
			return 0, fmt.Errorf("store: article %s: %w", r.a.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	return added, nil
}

// putStmts are Put's statements, prepared in its transaction.
type putStmts struct {
	article, quote, quotes, fts, outlet, story *sql.Stmt
	args                                       []any
}

// quoteRows is how many quotations one execution of putStmts.quotes
// inserts: articles have 12 on average, and a statement per row cost more
// than the rows.
const quoteRows = 8

// putQuotes inserts an article's quotations in their order (their rowids
// keep it), quoteRows at a time.
func (st *putStmts) putQuotes(ctx context.Context, id string, quotes []news.Quote) error {
	for len(quotes) >= quoteRows {
		st.args = st.args[:0]
		for _, q := range quotes[:quoteRows] {
			st.args = append(st.args, id, q.Speaker, string(q.Kind), q.Text)
		}
		if _, err := st.quotes.ExecContext(ctx, st.args...); err != nil {
			return err
		}
		quotes = quotes[quoteRows:]
	}
	for _, q := range quotes {
		if _, err := st.quote.ExecContext(ctx, id, q.Speaker, string(q.Kind), q.Text); err != nil {
			return err
		}
	}
	return nil
}

func preparePut(ctx context.Context, tx *sql.Tx) (*putStmts, error) {
	var st putStmts
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&st.article, `INSERT INTO articles (id, source, url, outlet, title, published, byline, language, text, warnings, analysis, story, duplicate_of)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`},
		{&st.quote, `INSERT INTO quotes (article, speaker, kind, text) VALUES (?, ?, ?, ?)`},
		{&st.quotes, `INSERT INTO quotes (article, speaker, kind, text) VALUES (?, ?, ?, ?)` + strings.Repeat(`, (?, ?, ?, ?)`, quoteRows-1)},
		{&st.fts, `INSERT INTO articles_fts (rowid, title, text, quotes) VALUES (?, ?, ?, ?)`},
		{&st.outlet, `INSERT INTO story_outlets (story, outlet, n) VALUES (?, ?, 1) ON CONFLICT(story, outlet) DO UPDATE SET n = n + 1`},
		{&st.story, `INSERT INTO stories (id, title, first, last, articles, outlets)
			VALUES (?1, ?2, ?3, ?3, 1, 1)
			ON CONFLICT(id) DO UPDATE SET
				title = CASE WHEN excluded.first IS NOT NULL AND (stories.first IS NULL OR excluded.first < stories.first) THEN excluded.title ELSE stories.title END,
				first = CASE WHEN stories.first IS NULL OR excluded.first < stories.first THEN excluded.first ELSE stories.first END,
				last = CASE WHEN stories.last IS NULL OR excluded.last > stories.last THEN excluded.last ELSE stories.last END,
				articles = stories.articles + 1,
				outlets = (SELECT COUNT(*) FROM story_outlets WHERE story = ?1)`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			st.close()
			return nil, err
		}
		*p.dst = stmt
	}
	return &st, nil
}

func (st *putStmts) close() {
	for _, s := range []*sql.Stmt{st.article, st.quote, st.quotes, st.fts, st.outlet, st.story} {
		if s != nil {
			s.Close()
		}
	}
}

const articleColumns = `id, source, url, outlet, title, published, byline, language, text, warnings, analysis, story, duplicate_of`

type scanner interface{ Scan(...any) error }

func scanArticle(r scanner) (news.AnalysedArticle, news.Assignment, error) {
	var a news.AnalysedArticle
	var as news.Assignment
	var source, url, outlet, title, published, byline, language, dup sql.NullString
	var warnings string
	var analysis []byte
	if err := r.Scan(&a.ID, &source, &url, &outlet, &title, &published, &byline, &language, &a.Text, &warnings, &analysis, &as.Story, &dup); err != nil {
		return a, as, err
	}
	a.Source, a.URL, a.Outlet, a.Title = source.String, url.String, outlet.String, title.String
	a.Published, a.Byline, a.Language = published.String, byline.String, language.String
	if err := json.Unmarshal([]byte(warnings), &a.Warnings); err != nil {
		return a, as, fmt.Errorf("article %s: warnings: %w", a.ID, err)
	}
	if len(a.Warnings) == 0 {
		a.Warnings = nil
	}
	an, err := store.UnpackAnalysis(analysis, a.Text)
	if err != nil {
		return a, as, fmt.Errorf("article %s: analysis: %w", a.ID, err)
	}
	a.Analysis = an
	as.ArticleID, as.DuplicateOf = a.ID, dup.String
	return a, as, nil
}

// Article returns a stored article.
func (s *Store) Article(ctx context.Context, id string) (news.AnalysedArticle, error) {
	st, err := s.read(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`)
	if err != nil {
		return news.AnalysedArticle{}, fmt.Errorf("article %s: %w", id, err)
	}
	a, _, err := scanArticle(st.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	return a, err
}

// Story returns a story's articles and assignments.
func (s *Store) Story(ctx context.Context, id string) ([]news.AnalysedArticle, []news.Assignment, error) {
	st, err := s.read(ctx, `SELECT `+articleColumns+` FROM articles WHERE story = ? ORDER BY COALESCE(published, '9999'), seq`)
	if err != nil {
		return nil, nil, fmt.Errorf("story %s: %w", id, err)
	}
	rows, err := st.QueryContext(ctx, id)
	if err != nil {
		return nil, nil, fmt.Errorf("story %s: %w", id, err)
	}
	defer rows.Close()
	var arts []news.AnalysedArticle
	var ass []news.Assignment
	for rows.Next() {
		a, as, err := scanArticle(rows)
		if err != nil {
			return nil, nil, err
		}
		arts, ass = append(arts, a), append(ass, as)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if len(arts) == 0 {
		return nil, nil, fmt.Errorf("story %s: %w", id, store.ErrNotFound)
	}
	return arts, ass, nil
}

// Stories lists stories, latest first.
func (s *Store) Stories(ctx context.Context, q store.StoryQuery) ([]store.StorySummary, error) {
	where, args := []string{"1=1"}, []any{}
	if q.Since != "" {
		where, args = append(where, "last >= ?"), append(args, q.Since)
	}
	if q.Outlet != "" {
		where, args = append(where, "id IN (SELECT story FROM articles WHERE outlet = ?)"), append(args, q.Outlet)
	}
	args = append(args, store.PageSize(q.Limit))
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, COALESCE(title, ''), COALESCE(first, ''), COALESCE(last, ''), articles, outlets
		FROM stories WHERE `+strings.Join(where, " AND ")+` ORDER BY COALESCE(last, '') DESC, id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	defer rows.Close()
	var out []store.StorySummary
	for rows.Next() {
		var st store.StorySummary
		if err := rows.Scan(&st.ID, &st.Title, &st.First, &st.Last, &st.Articles, &st.Outlets); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// StoryInfo returns one story's summary.
func (s *Store) StoryInfo(ctx context.Context, id string) (store.StorySummary, error) {
	var st store.StorySummary
	q, err := s.read(ctx, `SELECT id, COALESCE(title, ''), COALESCE(first, ''), COALESCE(last, ''), articles, outlets
		FROM stories WHERE id = ?`)
	if err != nil {
		return st, fmt.Errorf("story %s: %w", id, err)
	}
	err = q.QueryRowContext(ctx, id).Scan(&st.ID, &st.Title, &st.First, &st.Last, &st.Articles, &st.Outlets)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("story %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("story %s: %w", id, err)
	}
	return st, nil
}

// Search finds articles by words (FTS5 query syntax, words quoted so user
// text cannot break the query) and filters.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
	q = q.Clean()
	where, args := []string{"1=1"}, []any{}
	var fts []string // the full-text queries
	if q.Entity != "" {
		fts = append(fts, ftsPhrase(q.Entity))
	}
	if t := ftsQuery(q.Text); t != "" {
		fts = append(fts, t)
	}
	for _, m := range fts {
		where, args = append(where, "a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"), append(args, m)
	}
	if q.Outlet != "" {
		where, args = append(where, "a.outlet = ?"), append(args, q.Outlet)
	}
	if q.Speaker != "" {
		where, args = append(where, "a.id IN (SELECT article FROM quotes WHERE speaker LIKE ? ESCAPE '\\' COLLATE NOCASE)"), append(args, store.LikePattern(q.Speaker))
	}
	if q.From != "" {
		where, args = append(where, "substr(a.published, 1, 10) >= ?"), append(args, q.From)
	}
	if q.To != "" {
		// A date's start ("2020", "2020-07") means up to its end.
		where, args = append(where, "substr(a.published, 1, ?) <= ?"), append(args, min(len(q.To), 10), q.To)
	}
	limit := store.PageSize(q.Limit)
	args = append(args, limit)
	// The inner query picks the page of matches by date; only that page's
	// rows are read in full. It finds them one of two ways, which give the
	// same page: it looks every match up in the narrow (seq, published)
	// index and sorts them, or, when the words alone select and match
	// many articles, it walks the articles newest first and stops at a
	// page of matches (a word in half the articles: a page after about
	// twice its size, instead of looking up and sorting 20,000 matches).
	index := "articles_seq_published"
	if len(where) == len(fts)+1 && len(fts) > 0 {
		walk, err := s.walkByDate(ctx, fts, limit)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if walk {
			index = "articles_published_seq"
		}
	}
	st, err := s.read(ctx, `SELECT a.id, a.story, COALESCE(a.outlet, ''), COALESCE(a.title, ''), COALESCE(a.published, '')
		FROM articles a WHERE a.seq IN (
			SELECT a.seq FROM articles a INDEXED BY `+index+` WHERE `+strings.Join(where, " AND ")+`
			ORDER BY COALESCE(a.published, '') DESC, a.seq LIMIT ?)
		ORDER BY COALESCE(a.published, '') DESC, a.seq`)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []store.Hit
	for rows.Next() {
		var h store.Hit
		if err := rows.Scan(&h.ArticleID, &h.Story, &h.Outlet, &h.Title, &h.Published); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// walkByDate reports whether a search whose only conditions are the
// full-text queries fts finds its page of limit matches faster by walking
// the articles newest first than by looking its matches up and sorting
// them. Walking costs about limit*articles/matches steps, looking up about
// matches; the matches of the rarest query are counted, which reads only
// the index (a millisecond for a word in half of 37k articles).
func (s *Store) walkByDate(ctx context.Context, fts []string, limit int) (bool, error) {
	last, err := s.read(ctx, `SELECT COALESCE(MAX(seq), 0) FROM articles`)
	if err != nil {
		return false, err
	}
	count, err := s.read(ctx, `SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?`)
	if err != nil {
		return false, err
	}
	var articles int64
	if err := last.QueryRowContext(ctx).Scan(&articles); err != nil {
		return false, err
	}
	matches := articles
	for _, m := range fts {
		var n int64
		if err := count.QueryRowContext(ctx, m).Scan(&n); err != nil {
			return false, err
		}
		matches = min(matches, n)
	}
	return matches*matches > int64(limit)*articles, nil
}

// ftsQuery turns user words into an FTS5 query of quoted terms (all must
// match).
// A word repeated adds nothing to the query but its cost, and each word
// is a walk of its postings: a query keeps its first maxQueryWords
// distinct words (a search for "the the the …" took seconds per hundred).
func ftsQuery(text string) string {
	var terms []string
	for _, w := range strings.Fields(text) {
		w = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if !slices.Contains(terms, w) {
			terms = append(terms, w)
		}
		if len(terms) == maxQueryWords {
			break
		}
	}
	return strings.Join(terms, " ")
}

// maxQueryWords bounds the words of one full-text query.
const maxQueryWords = 32

// ftsPhrase quotes words as one FTS5 phrase.
func ftsPhrase(text string) string {
	words := strings.Fields(text)
	return `"` + strings.ReplaceAll(strings.Join(words[:min(len(words), maxQueryWords)], " "), `"`, `""`) + `"`
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict
// ("ok" when the file is sound).
func (s *Store) IntegrityCheck(ctx context.Context) string {
	var msg string
	if err := s.rdb.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&msg); err != nil {
		return err.Error()
	}
	return msg
}

// Recent returns the n most recently stored articles, oldest first.
func (s *Store) Recent(ctx context.Context, n int) ([]news.AnalysedArticle, []news.Assignment, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+articleColumns+` FROM (SELECT * FROM articles ORDER BY seq DESC LIMIT ?) ORDER BY seq`, n)
	if err != nil {
		return nil, nil, fmt.Errorf("recent: %w", err)
	}
	defer rows.Close()
	var arts []news.AnalysedArticle
	var ass []news.Assignment
	for rows.Next() {
		a, as, err := scanArticle(rows)
		if err != nil {
			return nil, nil, err
		}
		arts, ass = append(arts, a), append(ass, as)
	}
	return arts, ass, rows.Err()
}

// Has reports which of the ids are stored (one query per 500 ids).
func (s *Store) Has(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for chunk := range slices.Chunk(ids, 500) {
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM articles WHERE id IN (?`+strings.Repeat(", ?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("has: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("has: %w", err)
			}
			out[id] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("has: %w", err)
		}
	}
	return out, nil
}

// Quotes lists quotations, newest article first.
func (s *Store) Quotes(ctx context.Context, q store.QuoteQuery) ([]store.QuoteHit, error) {
	where, args := []string{"1=1"}, []any{}
	switch {
	case q.Speaker != "" && q.Exact:
		where, args = append(where, `q.speaker = ? COLLATE NOCASE`), append(args, q.Speaker)
	case q.Speaker != "":
		where, args = append(where, `q.speaker LIKE ? ESCAPE '\' COLLATE NOCASE`), append(args, store.LikePattern(q.Speaker))
	}
	if q.Outlet != "" {
		where, args = append(where, "a.outlet = ?"), append(args, q.Outlet)
	}
	if q.Story != "" {
		where, args = append(where, "a.story = ?"), append(args, q.Story)
	}
	args = append(args, store.PageSize(q.Limit))
	rows, err := s.rdb.QueryContext(ctx, `SELECT a.id, a.story, COALESCE(a.outlet, ''), COALESCE(a.title, ''), COALESCE(a.published, ''),
		COALESCE(q.speaker, ''), COALESCE(q.kind, ''), COALESCE(q.text, '')
		FROM quotes q JOIN articles a ON a.id = q.article
		WHERE `+strings.Join(where, " AND ")+` ORDER BY COALESCE(a.published, '') DESC, a.seq DESC, q.rowid LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	defer rows.Close()
	var out []store.QuoteHit
	for rows.Next() {
		var h store.QuoteHit
		if err := rows.Scan(&h.ArticleID, &h.Story, &h.Outlet, &h.Title, &h.Published, &h.Speaker, &h.Kind, &h.Text); err != nil {
			return nil, fmt.Errorf("quotes: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// Speakers lists the most quoted speakers.
func (s *Store) Speakers(ctx context.Context, n int) ([]store.SpeakerSummary, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT q.speaker, COUNT(*), COUNT(DISTINCT q.article), COUNT(DISTINCT a.outlet)
		FROM quotes q JOIN articles a ON a.id = q.article
		WHERE COALESCE(q.speaker, '') != '' GROUP BY q.speaker ORDER BY COUNT(*) DESC, q.speaker LIMIT ?`, store.PageSize(n))
	if err != nil {
		return nil, fmt.Errorf("speakers: %w", err)
	}
	defer rows.Close()
	var out []store.SpeakerSummary
	for rows.Next() {
		var sp store.SpeakerSummary
		if err := rows.Scan(&sp.Name, &sp.Quotes, &sp.Articles, &sp.Outlets); err != nil {
			return nil, fmt.Errorf("speakers: %w", err)
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// Speaker counts one speaker's quotations.
func (s *Store) Speaker(ctx context.Context, name string) (store.SpeakerSummary, error) {
	sp := store.SpeakerSummary{Name: name}
	err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT q.article), COUNT(DISTINCT a.outlet)
		FROM quotes q JOIN articles a ON a.id = q.article WHERE q.speaker = ? COLLATE NOCASE`, name).Scan(&sp.Quotes, &sp.Articles, &sp.Outlets)
	if err != nil {
		return sp, fmt.Errorf("speaker %s: %w", name, err)
	}
	return sp, nil
}

// Outlets lists every outlet, most articles first.
func (s *Store) Outlets(ctx context.Context) ([]store.OutletSummary, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT COALESCE(a.outlet, ''), COUNT(*), COUNT(DISTINCT a.story),
		COALESCE(SUM((SELECT COUNT(*) FROM quotes q WHERE q.article = a.id)), 0),
		COALESCE(MIN(substr(a.published, 1, 10)), ''), COALESCE(MAX(substr(a.published, 1, 10)), '')
		FROM articles a GROUP BY COALESCE(a.outlet, '') ORDER BY COUNT(*) DESC, 1`)
	if err != nil {
		return nil, fmt.Errorf("outlets: %w", err)
	}
	defer rows.Close()
	var out []store.OutletSummary
	for rows.Next() {
		var o store.OutletSummary
		if err := rows.Scan(&o.Name, &o.Articles, &o.Stories, &o.Quotes, &o.First, &o.Last); err != nil {
			return nil, fmt.Errorf("outlets: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Walk calls fn for every article in storage order, a page at a time.
func (s *Store) Walk(ctx context.Context, fn func(news.AnalysedArticle, news.Assignment) error) error {
	return store.WalkPages(func(after int64, n int) ([]news.AnalysedArticle, []news.Assignment, int64, error) {
		rows, err := s.rdb.QueryContext(ctx, `SELECT seq, `+articleColumns+` FROM articles WHERE seq > ? ORDER BY seq LIMIT ?`, after, n)
		if err != nil {
			return nil, nil, 0, err
		}
		defer rows.Close()
		var arts []news.AnalysedArticle
		var ass []news.Assignment
		for rows.Next() {
			a, as, err := scanArticle(seqScanner{rows, &after})
			if err != nil {
				return nil, nil, 0, err
			}
			arts, ass = append(arts, a), append(ass, as)
		}
		return arts, ass, after, rows.Err()
	}, fn)
}

// seqScanner reads a leading seq column before the article columns.
type seqScanner struct {
	r   scanner
	seq *int64
}

func (s seqScanner) Scan(dest ...any) error { return s.r.Scan(append([]any{s.seq}, dest...)...) }

// Stats counts what is stored; Bytes is the database file's size.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.rdb.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories), (SELECT COUNT(*) FROM quotes),
		(SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size())`).Scan(&st.Articles, &st.Stories, &st.Quotes, &st.Bytes)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}
