package eval

import (
	"fmt"
	"testing"
)

// TestSplitHalf checks that split 0 is the fixed split, and that the other
// splits are fair coins that disagree with it and with each other about
// half the time (FNV-1a's low bit alone would give every prefixed split
// the fixed one or its mirror image).
func TestSplitHalf(t *testing.T) {
	const n = 4000
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("ecb-%d_%decbplus", i%43, i)
	}
	for _, id := range ids[:50] {
		if SplitHalf(id, 0) != Half(id) {
			t.Fatalf("split 0 of %q is %d, Half says %d", id, SplitHalf(id, 0), Half(id))
		}
	}
	for split := 1; split <= 4; split++ {
		ones, differ, differPrev := 0, 0, 0
		for _, id := range ids {
			h := SplitHalf(id, split)
			if h != 0 && h != 1 {
				t.Fatalf("split %d of %q is %d", split, id, h)
			}
			ones += h
			if h != Half(id) {
				differ++
			}
			if h != SplitHalf(id, split-1) {
				differPrev++
			}
		}
		for name, k := range map[string]int{"in half 1": ones, "unlike split 0": differ, "unlike the split before": differPrev} {
			if k < n*45/100 || k > n*55/100 {
				t.Errorf("split %d: %d of %d ids %s, want about half", split, k, n, name)
			}
		}
	}
}
