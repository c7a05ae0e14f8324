// Package queue is a job queue in PostgreSQL shared by any number of
// worker processes on any number of machines.
//
// A job moves queued -> running -> analysed -> done. Workers claim queued
// jobs with FOR UPDATE SKIP LOCKED (no two workers get the same job, none
// waits on another) under a lease: a job whose worker died (its lease ran
// out) is claimed again. A failed job goes back to the queue after an
// exponential backoff and is dead-lettered, with its last error kept,
// after MaxAttempts, or at once when the error is Permanent (bad input
// fails the same way every time). Analysed results wait for the one
// elected writer (see Leader), which takes them in job order.
package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var migrations = []string{
	`CREATE TABLE jobs (
		id           BIGSERIAL PRIMARY KEY,
		kind         TEXT NOT NULL,
		payload      BYTEA NOT NULL,
		state        TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'analysed', 'done', 'dead')),
		attempts     INTEGER NOT NULL DEFAULT 0,
		run_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
		locked_by    TEXT,
		locked_until TIMESTAMPTZ,
		result       BYTEA,
		last_error   TEXT,
		created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
		updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
	);
	CREATE INDEX jobs_pending ON jobs (id) WHERE state IN ('queued', 'running');
	CREATE INDEX jobs_analysed ON jobs (id) WHERE state = 'analysed';`,
}

// migrationLock is the advisory lock key held while migrating.
const migrationLock = 0x71756575 // "queu"

// Job is one claimed job.
type Job struct {
	ID       int64
	Kind     string
	Payload  []byte
	Attempts int
}

// Result is an analysed job's result, for the writer.
type Result struct {
	ID     int64
	Result []byte
}

// Queue is the job queue.
type Queue struct {
	pool *pgxpool.Pool
	// MaxAttempts dead-letters a job after this many failed attempts.
	MaxAttempts int
	// Lease is how long a claimed job stays with its worker.
	Lease time.Duration
	// Backoff is the wait before the attempt after the n-th failure.
	Backoff func(n int) time.Duration
}

// DefaultBackoff doubles from 2 s up to 10 min.
func DefaultBackoff(n int) time.Duration {
	d := 2 * time.Second << min(max(n-1, 0), 9)
	return min(d, 10*time.Minute)
}

// Open makes sure the queue's table exists in the database of pool.
func Open(ctx context.Context, pool *pgxpool.Pool) (*Queue, error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS queue_schema_version (version INTEGER NOT NULL)`); err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	var v int
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM queue_schema_version`).Scan(&v); err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	if v > len(migrations) {
		return nil, fmt.Errorf("queue: schema version %d is newer than this program knows (%d): upgrade parallax", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		if _, err := tx.Exec(ctx, migrations[i]); err != nil {
			return nil, fmt.Errorf("queue: migration %d: %w", i+1, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO queue_schema_version (version) VALUES ($1)`, i+1); err != nil {
			return nil, fmt.Errorf("queue: %w", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	return &Queue{pool: pool, MaxAttempts: 5, Lease: 5 * time.Minute, Backoff: DefaultBackoff}, nil
}

// Enqueue adds jobs of one kind, in order, in one transaction.
func (q *Queue) Enqueue(ctx context.Context, kind string, payloads [][]byte) error {
	rows := make([][]any, len(payloads))
	for i, p := range payloads {
		rows[i] = []any{kind, p}
	}
	if _, err := q.pool.CopyFrom(ctx, pgx.Identifier{"jobs"}, []string{"kind", "payload"}, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("queue: enqueue: %w", err)
	}
	return nil
}

// Claim takes up to n jobs that are due (queued, or running with a lapsed
// lease) for worker, oldest first. Jobs reclaimed after MaxAttempts
// lapsed leases are dead-lettered instead of returned.
func (q *Queue) Claim(ctx context.Context, worker string, n int) ([]Job, error) {
	rows, err := q.pool.Query(ctx, `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $1,
			locked_until = now() + make_interval(secs => $3), updated_at = now()
		WHERE id IN (SELECT id FROM jobs
			WHERE (state = 'queued' AND run_at <= now()) OR (state = 'running' AND locked_until < now())
			ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
		RETURNING id, kind, payload, attempts`, worker, n, q.Lease.Seconds())
	if err != nil {
		return nil, fmt.Errorf("queue: claim: %w", err)
	}
	jobs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Job, error) {
		var j Job
		return j, r.Scan(&j.ID, &j.Kind, &j.Payload, &j.Attempts)
	})
	if err != nil {
		return nil, fmt.Errorf("queue: claim: %w", err)
	}
	out := jobs[:0]
	for _, j := range jobs {
		if j.Attempts > q.MaxAttempts {
			if err := q.dead(ctx, j.ID, worker, fmt.Sprintf("gave up after %d attempts (the last workers stopped before finishing it)", j.Attempts-1)); err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, j)
	}
	return out, nil
}

// ErrLost is returned when a worker reports on a job it no longer holds
// (its lease ran out and another worker took it).
var ErrLost = errors.New("job lease lost")

// Analysed stores a job's result for the writer.
func (q *Queue) Analysed(ctx context.Context, id int64, worker string, result []byte) error {
	tag, err := q.pool.Exec(ctx, `UPDATE jobs SET state = 'analysed', result = $3, locked_by = NULL, locked_until = NULL, updated_at = now()
		WHERE id = $1 AND locked_by = $2 AND state = 'running'`, id, worker, result)
	if err != nil {
		return fmt.Errorf("queue: job %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("queue: job %d: %w", id, ErrLost)
	}
	return nil
}

// permanent marks errors that retrying cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps an error that fails the same way on every attempt (a
// bad input): the job is dead-lettered at once.
func Permanent(err error) error { return permanent{err} }

// Fail records a failed attempt: the job is retried after the backoff, or
// dead-lettered when err is Permanent or attempts are used up.
func (q *Queue) Fail(ctx context.Context, j Job, worker string, err error) error {
	var p permanent
	if errors.As(err, &p) || j.Attempts >= q.MaxAttempts {
		return q.dead(ctx, j.ID, worker, err.Error())
	}
	_, e := q.pool.Exec(ctx, `UPDATE jobs SET state = 'queued', last_error = $3, locked_by = NULL, locked_until = NULL,
			run_at = now() + make_interval(secs => $4), updated_at = now()
		WHERE id = $1 AND locked_by = $2 AND state = 'running'`, j.ID, worker, err.Error(), q.Backoff(j.Attempts).Seconds())
	if e != nil {
		return fmt.Errorf("queue: job %d: %w", j.ID, e)
	}
	return nil
}

func (q *Queue) dead(ctx context.Context, id int64, worker, msg string) error {
	_, err := q.pool.Exec(ctx, `UPDATE jobs SET state = 'dead', last_error = $3, locked_by = NULL, locked_until = NULL, updated_at = now()
		WHERE id = $1 AND locked_by = $2`, id, worker, msg)
	if err != nil {
		return fmt.Errorf("queue: job %d: %w", id, err)
	}
	return nil
}

// Ready returns up to n analysed results in job order, stopping before
// the first job still queued or running, so the writer sees jobs in the
// order they were enqueued whatever order the workers finished them in.
func (q *Queue) Ready(ctx context.Context, n int) ([]Result, error) {
	rows, err := q.pool.Query(ctx, `SELECT id, result FROM jobs
		WHERE state = 'analysed' AND id < COALESCE((SELECT MIN(id) FROM jobs WHERE state IN ('queued', 'running')), 9223372036854775807)
		ORDER BY id LIMIT $1`, n)
	if err != nil {
		return nil, fmt.Errorf("queue: ready: %w", err)
	}
	res, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Result, error) {
		var x Result
		return x, r.Scan(&x.ID, &x.Result)
	})
	if err != nil {
		return nil, fmt.Errorf("queue: ready: %w", err)
	}
	return res, nil
}

// Done marks written jobs done and drops their payloads and results (the
// articles are in the store now), so the queue does not grow with the
// archive.
func (q *Queue) Done(ctx context.Context, ids []int64) error {
	if _, err := q.pool.Exec(ctx, `UPDATE jobs SET state = 'done', payload = '', result = NULL, updated_at = now() WHERE id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("queue: done: %w", err)
	}
	return nil
}

// Counts returns the number of jobs in each state.
func (q *Queue) Counts(ctx context.Context) (map[string]int, error) {
	rows, err := q.pool.Query(ctx, `SELECT state, COUNT(*) FROM jobs GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("queue: counts: %w", err)
	}
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("queue: counts: %w", err)
		}
		out[s] = n
	}
	return out, rows.Err()
}

// DeadJob is a dead-lettered job.
type DeadJob struct {
	ID       int64     `json:"id"`
	Kind     string    `json:"kind"`
	Attempts int       `json:"attempts"`
	Error    string    `json:"error"`
	At       time.Time `json:"at"`
}

// Dead lists dead-lettered jobs, newest first.
func (q *Queue) Dead(ctx context.Context, n int) ([]DeadJob, error) {
	rows, err := q.pool.Query(ctx, `SELECT id, kind, attempts, COALESCE(last_error, ''), updated_at FROM jobs WHERE state = 'dead' ORDER BY id DESC LIMIT $1`, n)
	if err != nil {
		return nil, fmt.Errorf("queue: dead: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (DeadJob, error) {
		var d DeadJob
		return d, r.Scan(&d.ID, &d.Kind, &d.Attempts, &d.Error, &d.At)
	})
}

// Retry puts dead-lettered jobs back in the queue with fresh attempts.
func (q *Queue) Retry(ctx context.Context) (int, error) {
	tag, err := q.pool.Exec(ctx, `UPDATE jobs SET state = 'queued', attempts = 0, run_at = now(), updated_at = now() WHERE state = 'dead'`)
	if err != nil {
		return 0, fmt.Errorf("queue: retry: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// Leader holds the writer's advisory lock on its own connection: exactly
// one process in the database holds it; when that process dies its
// session ends and the lock passes to the next worker that asks.
type Leader struct {
	conn *pgxpool.Conn
}

// leaderLock is the writer's advisory lock key.
const leaderLock = 0x77726974 // "writ"

// TryLead tries to become the writer; it returns nil, nil when another
// process is.
func (q *Queue) TryLead(ctx context.Context) (*Leader, error) {
	conn, err := q.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: lead: %w", err)
	}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, leaderLock).Scan(&ok); err != nil {
		conn.Release()
		return nil, fmt.Errorf("queue: lead: %w", err)
	}
	if !ok {
		conn.Release()
		return nil, nil
	}
	return &Leader{conn: conn}, nil
}

// Release gives up the writer's lock.
func (l *Leader) Release(ctx context.Context) {
	l.conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, leaderLock)
	l.conn.Release()
}

// Alive checks the leader's session still holds the lock.
func (l *Leader) Alive(ctx context.Context) bool {
	var n int
	err := l.conn.QueryRow(ctx, `SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objid::bigint = $1 AND granted`, leaderLock).Scan(&n)
	return err == nil && n > 0
}
