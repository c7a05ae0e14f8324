package story

import (
	"math/rand/v2"
	"testing"
)

// TestMinhashAll: the vectorised MinHash gives the scalar one's values.
func TestMinhashAll(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for it := range 2000 {
		xs := make([]uint64, r.IntN(50))
		for i := range xs {
			xs[i] = r.Uint64()
			if it%7 == 0 {
				xs[i] &= 0xff00ff00ff00ff00
			}
		}
		var got, want [minhashK]uint32
		for k := range got {
			got[k] = r.Uint32() | 0xf0000000
			want[k] = got[k]
		}
		minhashAll(&got, xs)
		for _, x := range xs {
			minhashAdd(&want, x)
		}
		if got != want {
			t.Fatalf("case %d: %v, want %v", it, got, want)
		}
	}
}
