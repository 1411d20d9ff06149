// Package hashmix holds the hash finaliser dyad's perceptron models build
// their feature keys with. Model files store keys made with it, so it
// must never change.
package hashmix

// Fmix64 is MurmurHash3's 64-bit finaliser, a fast bijective scrambler
// that spreads a combined hash over all 64 bits.
func Fmix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
