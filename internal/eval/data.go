package eval

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// DataDir returns the evaluation data directory: $PARALLAX_DATA, or
// ../shared/data relative to the repository root.
func DataDir() string {
	if d := os.Getenv("PARALLAX_DATA"); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "shared", "data")
	}
	// file is <repo>/internal/eval/data.go
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data")
}

// Need returns the path of rel inside the data directory for a test. When
// it is missing the test is skipped with a clear message, except under CI
// (CI=true), where missing data is a failure.
func Need(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(DataDir(), rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("evaluation data %s is missing (CI=true requires ../shared/data): %v", p, err)
		}
		tb.Skipf("skipping: evaluation data %s not found (set PARALLAX_DATA or check out ../shared/data)", p)
	}
	return p
}
