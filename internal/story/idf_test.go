package story

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestDFTable checks the table against a map, through growth, repeated
// keys and the hash 0.
func TestDFTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	tab := newDFTable(0)
	want := map[uint64]int32{}
	keys := []uint64{0, 1, 16, 32, 1 << 63, ^uint64(0)}
	for range 5000 {
		keys = append(keys, rng.Uint64(), rng.Uint64()&0xff) // small keys collide in the low bits
	}
	for i, k := range keys {
		tab.set(k, int32(i))
		want[k] = int32(i)
		if i%7 == 0 { // overwrite an earlier key
			k2 := keys[rng.IntN(i+1)]
			tab.set(k2, -int32(i))
			want[k2] = -int32(i)
		}
	}
	for _, k := range append(keys, 2, 3, 1<<40) {
		if got := tab.get(k); got != want[k] {
			t.Fatalf("get(%d) = %d, want %d", k, got, want[k])
		}
	}
	if n := len(want); tab.n != n-1 { // hash 0 is held aside
		t.Errorf("n = %d, want %d", tab.n, n-1)
	}
}

// TestBackgroundTable checks that every term of idf.txt.gz reads back
// its count (the last, for a hash given twice), as a map gave it.
func TestBackgroundTable(t *testing.T) {
	bgOnce.Do(loadBackground)
	zr, err := gzip.NewReader(bytes.NewReader(idfData))
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint64]int32{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "\t")
		if n, err := strconv.Atoi(v); ok && err == nil && k != "N" {
			want[termHash(k)] = int32(n)
		}
	}
	if len(want) < 10000 {
		t.Fatalf("only %d terms", len(want))
	}
	for h, n := range want {
		if got := bgDF.get(h); got != n {
			t.Fatalf("hash %x: %d, want %d", h, got, n)
		}
	}
	for _, k := range []string{"w:zzzzqqqq", "e:nobody anybody", ""} {
		if got := bgDF.get(termHash(k)); got != want[termHash(k)] {
			t.Errorf("%q: %d, want %d", k, got, want[termHash(k)])
		}
	}
	if len(bgDF.slots) < 2*bgDF.n {
		t.Errorf("table %d slots for %d terms: more than half full", len(bgDF.slots), bgDF.n)
	}
}
