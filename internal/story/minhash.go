package story

// minhashAdd folds a shingle's hash x into a MinHash signature.
func minhashAdd(sig *[minhashK]uint32, x uint64) {
	a, b := uint32(x), uint32(x>>32)
	v := a
	for k := range sig {
		// Family of hashes h_k = a + k*b (Kirsch-Mitzenmacher).
		h := v
		h ^= h >> 15
		h *= 0x2c1b3c6d
		h ^= h >> 12
		sig[k] = min(sig[k], h)
		v += b
	}
}

// minhashAll folds the shingle hashes xs into sig, eight hash functions
// at a time where the CPU can (the same values as minhashAdd).
func minhashAll(sig *[minhashK]uint32, xs []uint64) {
	if haveAVX2 {
		minhashAVX2(sig, xs)
		return
	}
	for _, x := range xs {
		minhashAdd(sig, x)
	}
}
