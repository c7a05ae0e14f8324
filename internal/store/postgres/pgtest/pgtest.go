// Package pgtest gives tests a fresh PostgreSQL schema to work in.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// URL is a fresh schema on the server of $PARALLAX_TEST_DATABASE_URL,
// dropped when the test ends. Without the variable the test skips, except
// under CI=true, where it fails: CI must run these tests.
func URL(t testing.TB) string {
	base := os.Getenv("PARALLAX_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PARALLAX_TEST_DATABASE_URL is not set (CI=true requires the PostgreSQL tests to run)")
		}
		t.Skip("skipping PostgreSQL tests: set PARALLAX_TEST_DATABASE_URL=postgres://... to run them")
	}
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "px_test_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect %s: %v", base, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), base)
		if err == nil {
			conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			conn.Close(context.Background())
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
