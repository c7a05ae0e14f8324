//go:build !amd64

package story

const haveAVX2 = false

func minhashAVX2(sig *[minhashK]uint32, xs []uint64) { panic("no AVX2") }
