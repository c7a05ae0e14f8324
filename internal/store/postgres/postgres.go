// Package postgres is Parallax's PostgreSQL store, for several processes
// (ingest workers, servers) sharing one database: the same contract as
// the embedded SQLite store (package storetest), through pgx with a
// connection pool, schema migrations numbered in code and applied under an
// advisory lock (so processes starting together do not race), and
// PostgreSQL's own full-text search: a generated tsvector column over
// title, text and quotations with a GIN index.
//
// Concurrent writers are safe: article inserts are idempotent
// (ON CONFLICT DO NOTHING), and a story's summary is recomputed under a
// transaction-scoped advisory lock on the story id, taken in sorted order,
// so two batches adding to the same story never overwrite each other's
// counts.
package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/store"
)

// ftsConfig is the text search configuration: 'simple' (lower-cased words,
// no stemming, no stop words) matches the SQLite store's behaviour and
// works for any language.
const ftsConfig = "simple"

// migrationLock is the advisory lock key held while migrating.
const migrationLock = 0x70617261 // "para"

// migrations are applied in order; their index+1 is the schema version.
var migrations = []string{
	`CREATE TABLE articles (
		seq          BIGSERIAL PRIMARY KEY,
		id           TEXT NOT NULL UNIQUE,
		source       TEXT, url TEXT, outlet TEXT, title TEXT, published TEXT,
		byline       TEXT, language TEXT, text TEXT NOT NULL,
		warnings     TEXT NOT NULL DEFAULT '[]',
		analysis     BYTEA NOT NULL,
		story        TEXT NOT NULL,
		duplicate_of TEXT,
		quoted       TEXT NOT NULL DEFAULT '',
		fts          tsvector GENERATED ALWAYS AS (to_tsvector('simple',
		               left(coalesce(title, '') || ' ' || text || ' ' || quoted, 400000))) STORED
	);
	CREATE INDEX articles_story ON articles(story);
	CREATE INDEX articles_outlet ON articles(outlet);
	CREATE INDEX articles_fts ON articles USING GIN (fts);
	CREATE TABLE quotes (
		seq     BIGSERIAL PRIMARY KEY,
		article TEXT NOT NULL REFERENCES articles(id),
		speaker TEXT, kind TEXT, text TEXT
	);
	CREATE INDEX quotes_article ON quotes(article);
	CREATE INDEX quotes_speaker ON quotes(lower(speaker));
	CREATE TABLE stories (
		id TEXT PRIMARY KEY, title TEXT, first TEXT, last TEXT,
		articles INTEGER NOT NULL DEFAULT 0, outlets INTEGER NOT NULL DEFAULT 0
	);
	CREATE INDEX stories_last ON stories(last);`,
	`CREATE TABLE feeds (
		url TEXT PRIMARY KEY, added TIMESTAMPTZ NOT NULL DEFAULT now(), last_check TIMESTAMPTZ, last_success TIMESTAMPTZ,
		last_error TEXT, errors INTEGER NOT NULL DEFAULT 0, items INTEGER NOT NULL DEFAULT 0, next_check TIMESTAMPTZ,
		etag TEXT, last_modified TEXT, seq BIGSERIAL
	);
	CREATE TABLE feed_items (feed TEXT NOT NULL, link TEXT NOT NULL, seen TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (feed, link));`,
	// Story summaries are kept up to date article by article (recomputing
	// them from all their articles made every write O(story size)).
	`CREATE TABLE story_outlets (story TEXT NOT NULL, outlet TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (story, outlet));
	INSERT INTO story_outlets (story, outlet, n) SELECT story, COALESCE(outlet, ''), COUNT(*) FROM articles GROUP BY story, COALESCE(outlet, '');`,
	// Analyses are packed in the S2 form since this version (see
	// store.PackAnalysis), which older programs cannot read: the version
	// step makes them refuse the store ("upgrade parallax") rather than fail
	// on every analysis. No table changes.
	`SELECT 1;`,
}

// Store is a PostgreSQL-backed store.Store.
type Store struct {
	pool *pgxpool.Pool
}

var _ store.Store = (*Store)(nil)

// Open connects to the database at url (postgres://...) and brings its
// schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", redact(url), err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", redact(url), err)
	}
	s := &Store{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: %w", redact(url), err)
	}
	return s, nil
}

// Pool is the connection pool, for packages that keep their own tables in
// the same database (the job queue).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// redact hides a password in a connection URL for messages.
func redact(url string) string {
	if at := strings.LastIndex(url, "@"); at > 0 {
		if i := strings.Index(url, "://"); i > 0 && i < at {
			if c := strings.Index(url[i+3:at], ":"); c >= 0 {
				return url[:i+3+c] + ":xxxxx" + url[at:]
			}
		}
	}
	return url
}

func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	var v int
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program knows (%d): upgrade parallax", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		if _, err := tx.Exec(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, i+1); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// Close closes the pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Put stores a batch in one transaction.
func (s *Store) Put(ctx context.Context, batch []store.Item) (int, error) {
	for _, it := range batch {
		if it.Article.ID == "" || it.Assignment.Story == "" {
			return 0, fmt.Errorf("store: article %q (%s) has no id or story: batch not stored", it.Article.ID, it.Article.Source)
		}
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback(ctx)
	// Articles are inserted in id order: a batch waits on another's
	// uncommitted row with the same id only for ids above all it holds, so
	// two batches sharing new ids in opposite orders cannot deadlock (one
	// of them would fail with 40P01). Their seq numbers are drawn first, in
	// batch order, so storage order is still the batch's.
	seqs, err := s.nextSeqs(ctx, tx, len(batch))
	if err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	order := make([]int, len(batch))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return strings.Compare(batch[x].Article.ID, batch[y].Article.ID) })
	// Three pipelined round trips: the seq numbers, every article with its
	// quotations (one statement each: the quotations are inserted only if
	// the article is new), then the summaries of the stories that grew.
	var b pgx.Batch
	for _, k := range order {
		it := batch[k]
		a := it.Article
		analysis, err := it.Packed()
		if err != nil {
			return 0, fmt.Errorf("store: article %s: %w", a.ID, err)
		}
		warnings, _ := json.Marshal(orEmpty(a.Warnings))
		quoted := make([]string, len(a.Quotes))
		speakers, kinds := make([]string, len(a.Quotes)), make([]string, len(a.Quotes))
		for i, q := range a.Quotes {
			quoted[i], speakers[i], kinds[i] = clean(q.Text), clean(q.Speaker), string(q.Kind)
		}
		b.Queue(`WITH ins AS (
				INSERT INTO articles (seq, id, source, url, outlet, title, published, byline, language, text, warnings, analysis, story, duplicate_of, quoted)
				VALUES ($18, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING RETURNING id),
			q AS (INSERT INTO quotes (article, speaker, kind, text)
				SELECT ins.id, x.speaker, x.kind, x.text FROM ins, unnest($15::text[], $16::text[], $17::text[]) WITH ORDINALITY AS x(speaker, kind, text, n)
				ORDER BY x.n)
			SELECT COUNT(*) FROM ins`,
			a.ID, a.Source, a.URL, a.Outlet, a.Title, a.Published, a.Byline, a.Language, clean(a.Text), string(warnings), analysis,
			it.Assignment.Story, nullable(it.Assignment.DuplicateOf), strings.Join(quoted, "\n"), speakers, kinds, quoted, seqs[k])
	}
	br := tx.SendBatch(ctx, &b)
	isNew := make([]bool, len(batch))
	for _, k := range order {
		var n int
		if err := br.QueryRow().Scan(&n); err != nil {
			br.Close()
			return 0, fmt.Errorf("store: article %s: %w", batch[k].Article.ID, err)
		}
		isNew[k] = n > 0
	}
	if err := br.Close(); err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	var fresh []store.Item
	for k, it := range batch {
		if isNew[k] {
			fresh = append(fresh, it)
		}
	}
	// Story summaries, article by article, each story under its advisory
	// lock, taken in one order: no lost update, no deadlock between
	// concurrent batches.
	slices.SortStableFunc(fresh, func(x, y store.Item) int { return strings.Compare(x.Assignment.Story, y.Assignment.Story) })
	var sb pgx.Batch
	for i, it := range fresh {
		id, a := it.Assignment.Story, it.Article
		if i == 0 || fresh[i-1].Assignment.Story != id {
			sb.Queue(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, "story:"+id)
		}
		sb.Queue(`INSERT INTO story_outlets (story, outlet, n) VALUES ($1, $2, 1)
			ON CONFLICT (story, outlet) DO UPDATE SET n = story_outlets.n + 1`, id, a.Outlet)
		sb.Queue(`INSERT INTO stories (id, title, first, last, articles, outlets) VALUES ($1, $2, $3, $3, 1, 1)
			ON CONFLICT (id) DO UPDATE SET
				title = CASE WHEN excluded.first IS NOT NULL AND (stories.first IS NULL OR excluded.first < stories.first) THEN excluded.title ELSE stories.title END,
				first = CASE WHEN stories.first IS NULL OR excluded.first < stories.first THEN excluded.first ELSE stories.first END,
				last = CASE WHEN stories.last IS NULL OR excluded.last > stories.last THEN excluded.last ELSE stories.last END,
				articles = stories.articles + 1,
				outlets = (SELECT COUNT(*) FROM story_outlets WHERE story = $1)`, id, a.Title, nullable(a.Published))
	}
	if err := tx.SendBatch(ctx, &sb).Close(); err != nil {
		return 0, fmt.Errorf("store: stories: %w", err)
	}
	added := len(fresh)
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	return added, nil
}

// nextSeqs draws n article seq numbers, ascending (a batch's storage
// order). Numbers left unused by ids already stored are gaps, as a serial
// default would leave too.
func (s *Store) nextSeqs(ctx context.Context, tx pgx.Tx, n int) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('articles', 'seq')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return nil, err
	}
	seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	if len(seqs) != n {
		return nil, fmt.Errorf("drew %d seq numbers, want %d", len(seqs), n)
	}
	slices.Sort(seqs)
	return seqs, nil
}

// clean removes NUL bytes, which PostgreSQL text cannot hold.
func clean(s string) string { return strings.ReplaceAll(s, "\x00", "") }

const articleColumns = `id, source, url, outlet, title, published, byline, language, text, warnings, analysis, story, duplicate_of`

func scanArticle(r pgx.Row) (news.AnalysedArticle, news.Assignment, error) {
	var a news.AnalysedArticle
	var as news.Assignment
	var source, url, outlet, title, published, byline, language, dup *string
	var warnings string
	var analysis []byte
	if err := r.Scan(&a.ID, &source, &url, &outlet, &title, &published, &byline, &language, &a.Text, &warnings, &analysis, &as.Story, &dup); err != nil {
		return a, as, err
	}
	a.Source, a.URL, a.Outlet, a.Title = str(source), str(url), str(outlet), str(title)
	a.Published, a.Byline, a.Language = str(published), str(byline), str(language)
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
	as.ArticleID, as.DuplicateOf = a.ID, str(dup)
	return a, as, nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Article returns a stored article.
func (s *Store) Article(ctx context.Context, id string) (news.AnalysedArticle, error) {
	a, _, err := scanArticle(s.pool.QueryRow(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	return a, err
}

// articles runs a query of articleColumns and collects the rows.
func (s *Store) articles(ctx context.Context, what, sql string, args ...any) ([]news.AnalysedArticle, []news.Assignment, error) {
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var arts []news.AnalysedArticle
	var ass []news.Assignment
	for rows.Next() {
		a, as, err := scanArticle(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", what, err)
		}
		arts, ass = append(arts, a), append(ass, as)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", what, err)
	}
	return arts, ass, nil
}

// Story returns a story's articles and assignments.
func (s *Store) Story(ctx context.Context, id string) ([]news.AnalysedArticle, []news.Assignment, error) {
	arts, ass, err := s.articles(ctx, "story "+id, `SELECT `+articleColumns+` FROM articles WHERE story = $1 ORDER BY COALESCE(published, '9999'), seq`, id)
	if err == nil && len(arts) == 0 {
		err = fmt.Errorf("story %s: %w", id, store.ErrNotFound)
	}
	return arts, ass, err
}

// Recent returns the n most recently stored articles, oldest first.
func (s *Store) Recent(ctx context.Context, n int) ([]news.AnalysedArticle, []news.Assignment, error) {
	return s.articles(ctx, "recent", `SELECT `+articleColumns+` FROM (SELECT * FROM articles ORDER BY seq DESC LIMIT $1) r ORDER BY seq`, n)
}

// Has reports which of the ids are stored.
func (s *Store) Has(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	rows, err := s.pool.Query(ctx, `SELECT id FROM articles WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("has: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("has: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// where builds a WHERE clause with numbered parameters.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, arg any) {
	w.args = append(w.args, arg)
	w.conds = append(w.conds, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(w.args))))
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return "TRUE"
	}
	return strings.Join(w.conds, " AND ")
}

// next is the placeholder of one more argument.
func (w *where) next(arg any) string {
	w.args = append(w.args, arg)
	return fmt.Sprintf("$%d", len(w.args))
}

// Stories lists stories, latest first.
func (s *Store) Stories(ctx context.Context, q store.StoryQuery) ([]store.StorySummary, error) {
	var w where
	if q.Since != "" {
		w.add("last >= ?", q.Since)
	}
	if q.Outlet != "" {
		w.add("id IN (SELECT story FROM articles WHERE outlet = ?)", q.Outlet)
	}
	rows, err := s.pool.Query(ctx, `SELECT id, COALESCE(title, ''), COALESCE(first, ''), COALESCE(last, ''), articles, outlets
		FROM stories WHERE `+w.sql()+` ORDER BY COALESCE(last, '') DESC, id LIMIT `+w.next(store.PageSize(q.Limit)), w.args...)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	return collect(rows, "stories", func(r pgx.Rows) (store.StorySummary, error) {
		var st store.StorySummary
		return st, r.Scan(&st.ID, &st.Title, &st.First, &st.Last, &st.Articles, &st.Outlets)
	})
}

// StoryInfo returns one story's summary.
func (s *Store) StoryInfo(ctx context.Context, id string) (store.StorySummary, error) {
	var st store.StorySummary
	err := s.pool.QueryRow(ctx, `SELECT id, COALESCE(title, ''), COALESCE(first, ''), COALESCE(last, ''), articles, outlets
		FROM stories WHERE id = $1`, id).Scan(&st.ID, &st.Title, &st.First, &st.Last, &st.Articles, &st.Outlets)
	if errors.Is(err, pgx.ErrNoRows) {
		return st, fmt.Errorf("story %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("story %s: %w", id, err)
	}
	return st, nil
}

// Search finds articles by words (all must match, as plain words: user
// text is never parsed as query syntax) and filters.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
	q = q.Clean()
	var w where
	if strings.TrimSpace(q.Entity) != "" {
		w.add("a.fts @@ phraseto_tsquery('"+ftsConfig+"', ?)", q.Entity)
	}
	if strings.TrimSpace(q.Text) != "" {
		w.add("a.fts @@ plainto_tsquery('"+ftsConfig+"', ?)", q.Text)
	}
	if q.Outlet != "" {
		w.add("a.outlet = ?", q.Outlet)
	}
	if q.Speaker != "" {
		w.add(`a.id IN (SELECT article FROM quotes WHERE speaker ILIKE ?)`, store.LikePattern(q.Speaker))
	}
	if q.From != "" {
		w.add("substr(a.published, 1, 10) >= ?", q.From)
	}
	if q.To != "" {
		// A date's start ("2020", "2020-07") means up to its end.
		w.add("substr(a.published, 1, "+strconv.Itoa(min(len(q.To), 10))+") <= ?", q.To)
	}
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.story, COALESCE(a.outlet, ''), COALESCE(a.title, ''), COALESCE(a.published, '')
		FROM articles a WHERE `+w.sql()+` ORDER BY COALESCE(a.published, '') DESC, a.seq LIMIT `+w.next(store.PageSize(q.Limit)), w.args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return collect(rows, "search", func(r pgx.Rows) (store.Hit, error) {
		var h store.Hit
		return h, r.Scan(&h.ArticleID, &h.Story, &h.Outlet, &h.Title, &h.Published)
	})
}

// Quotes lists quotations, newest article first.
func (s *Store) Quotes(ctx context.Context, q store.QuoteQuery) ([]store.QuoteHit, error) {
	var w where
	switch {
	case q.Speaker != "" && q.Exact:
		w.add(`lower(q.speaker) = lower(?)`, q.Speaker)
	case q.Speaker != "":
		w.add(`q.speaker ILIKE ?`, store.LikePattern(q.Speaker))
	}
	if q.Outlet != "" {
		w.add("a.outlet = ?", q.Outlet)
	}
	if q.Story != "" {
		w.add("a.story = ?", q.Story)
	}
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.story, COALESCE(a.outlet, ''), COALESCE(a.title, ''), COALESCE(a.published, ''),
		COALESCE(q.speaker, ''), COALESCE(q.kind, ''), COALESCE(q.text, '')
		FROM quotes q JOIN articles a ON a.id = q.article
		WHERE `+w.sql()+` ORDER BY COALESCE(a.published, '') DESC, a.seq DESC, q.seq LIMIT `+w.next(store.PageSize(q.Limit)), w.args...)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	return collect(rows, "quotes", func(r pgx.Rows) (store.QuoteHit, error) {
		var h store.QuoteHit
		return h, r.Scan(&h.ArticleID, &h.Story, &h.Outlet, &h.Title, &h.Published, &h.Speaker, &h.Kind, &h.Text)
	})
}

// Speaker counts one speaker's quotations.
func (s *Store) Speaker(ctx context.Context, name string) (store.SpeakerSummary, error) {
	sp := store.SpeakerSummary{Name: name}
	err := s.pool.QueryRow(ctx, `SELECT COUNT(*), COUNT(DISTINCT q.article), COUNT(DISTINCT a.outlet)
		FROM quotes q JOIN articles a ON a.id = q.article WHERE lower(q.speaker) = lower($1)`, name).Scan(&sp.Quotes, &sp.Articles, &sp.Outlets)
	if err != nil {
		return sp, fmt.Errorf("speaker %s: %w", name, err)
	}
	return sp, nil
}

// Speakers lists the most quoted speakers.
func (s *Store) Speakers(ctx context.Context, n int) ([]store.SpeakerSummary, error) {
	rows, err := s.pool.Query(ctx, `SELECT q.speaker, COUNT(*), COUNT(DISTINCT q.article), COUNT(DISTINCT a.outlet)
		FROM quotes q JOIN articles a ON a.id = q.article
		WHERE COALESCE(q.speaker, '') <> '' GROUP BY q.speaker ORDER BY COUNT(*) DESC, q.speaker LIMIT $1`, store.PageSize(n))
	if err != nil {
		return nil, fmt.Errorf("speakers: %w", err)
	}
	return collect(rows, "speakers", func(r pgx.Rows) (store.SpeakerSummary, error) {
		var sp store.SpeakerSummary
		return sp, r.Scan(&sp.Name, &sp.Quotes, &sp.Articles, &sp.Outlets)
	})
}

// Outlets lists every outlet, most articles first.
func (s *Store) Outlets(ctx context.Context) ([]store.OutletSummary, error) {
	rows, err := s.pool.Query(ctx, `SELECT COALESCE(a.outlet, ''), COUNT(*), COUNT(DISTINCT a.story), COALESCE(SUM(q.n), 0),
		COALESCE(MIN(substr(a.published, 1, 10)), ''), COALESCE(MAX(substr(a.published, 1, 10)), '')
		FROM articles a LEFT JOIN (SELECT article, COUNT(*) AS n FROM quotes GROUP BY article) q ON q.article = a.id
		GROUP BY COALESCE(a.outlet, '') ORDER BY COUNT(*) DESC, 1`)
	if err != nil {
		return nil, fmt.Errorf("outlets: %w", err)
	}
	return collect(rows, "outlets", func(r pgx.Rows) (store.OutletSummary, error) {
		var o store.OutletSummary
		return o, r.Scan(&o.Name, &o.Articles, &o.Stories, &o.Quotes, &o.First, &o.Last)
	})
}

// Walk calls fn for every article in storage order, a page at a time.
func (s *Store) Walk(ctx context.Context, fn func(news.AnalysedArticle, news.Assignment) error) error {
	return store.WalkPages(func(after int64, n int) ([]news.AnalysedArticle, []news.Assignment, int64, error) {
		rows, err := s.pool.Query(ctx, `SELECT seq, `+articleColumns+` FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2`, after, n)
		if err != nil {
			return nil, nil, 0, err
		}
		defer rows.Close()
		var arts []news.AnalysedArticle
		var ass []news.Assignment
		for rows.Next() {
			a, as, err := scanArticle(seqRow{rows, &after})
			if err != nil {
				return nil, nil, 0, err
			}
			arts, ass = append(arts, a), append(ass, as)
		}
		return arts, ass, after, rows.Err()
	}, fn)
}

// seqRow reads a leading seq column before the article columns.
type seqRow struct {
	r   pgx.Row
	seq *int64
}

func (s seqRow) Scan(dest ...any) error { return s.r.Scan(append([]any{s.seq}, dest...)...) }

// Stats counts what is stored; Bytes is the size of Parallax's tables
// with their indexes and TOAST data (not of the whole database).
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.pool.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories), (SELECT COUNT(*) FROM quotes),
		pg_total_relation_size('articles') + pg_total_relation_size('quotes') + pg_total_relation_size('stories')`).
		Scan(&st.Articles, &st.Stories, &st.Quotes, &st.Bytes)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

func collect[T any](rows pgx.Rows, what string, scan func(pgx.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
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
	return s
}
