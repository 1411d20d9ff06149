// Package dedup finds near-duplicate stories: the same wire copy
// republished by many sites with its own headline, furniture and small
// edits. It computes MinHash signatures over word shingles of the
// normalised body and cuts them into LSH bands, so that a store can find
// a new story's candidate duplicates by exact band lookup and confirm
// them by the signatures' estimated Jaccard similarity.
//
// Parameters (see docs/analysis.md): 5-word shingles, 128 hash functions
// with fixed seeds, 32 bands of 4 rows. Two stories become candidates
// when any band agrees, which happens with probability
// 1-(1-J^4)^32 for shingle-set Jaccard J: the S-curve's midpoint is
// (1/32)^(1/4) ≈ 0.42, J=0.5 is caught 87% of the time, J=0.7 in
// 99.97%, while J=0.2 pairs are candidates 5% of the time and are then
// rejected by the Threshold check on the full signature.
package dedup

import (
	"encoding/binary"
	"errors"
	"math"
	"unicode"
	"unicode/utf8"
)

// MinHash and LSH parameters. Bands*Rows is NumHashes.
const (
	ShingleWords = 5
	NumHashes    = 128
	Bands        = 32
	Rows         = NumHashes / Bands
	// Threshold is the estimated Jaccard similarity of shingle sets above
	// which two candidates are the same story. Republished wire copy
	// scores 0.8-1.0; distinct stories on one topic, even by the same
	// agency on the same day, stay below 0.2.
	Threshold = 0.5
	// MaxWords bounds the words of a text that are shingled, so a huge
	// input costs bounded time; a story's first 20,000 words identify it.
	MaxWords = 20000
)

// Signature is a MinHash signature: for each of NumHashes hash
// functions, the least hash value over the text's shingles.
type Signature [NumHashes]uint32

// ErrNoWords is returned for a text without a single word: it has no
// shingles, so it is nobody's duplicate.
var ErrNoWords = errors.New("dedup: text has no words")

// seeds are the multipliers and offsets of the hash functions
// h_i(x) = (a_i*x + b_i) >> 32 over 64-bit shingle hashes, drawn from a
// fixed splitmix64 stream so signatures are the same in every process
// and every release (they are stored).
var seedA, seedB = func() (a, b [NumHashes]uint64) {
	s := uint64(0x64796164) // "dyad"
	for i := range NumHashes {
		a[i] = splitmix(&s) | 1
		b[i] = splitmix(&s)
	}
	return a, b
}()

func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// fmix64 is a MurmurHash3-style finaliser: it spreads a combined shingle
// hash over all 64 bits before the multiply-shift hash functions. Its
// second multiplier is not MurmurHash3's (hashmix.Fmix64's); it scrambles
// as well, and stores keep signatures made with it, so it stays.
func fmix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb93fe53ec5a9
	h ^= h >> 33
	return h
}

// Sign returns the MinHash signature of text's shingles: runs of letters
// and digits, lower-cased, so punctuation, case, spacing and markup-free
// furniture words between paragraphs change few shingles. A text shorter
// than ShingleWords words is one shingle. Invalid UTF-8 bytes separate
// words.
func Sign(text string) (Signature, error) {
	var sig Signature
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	var window [ShingleWords]uint64
	n := 0
	add := func(h uint64) {
		h = fmix64(h)
		for i := range sig {
			if v := uint32((seedA[i]*h + seedB[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	eachWord(text, MaxWords, func(w uint64) {
		window[n%ShingleWords] = w
		n++
		if n >= ShingleWords {
			add(shingle(&window, n))
		}
	})
	switch {
	case n == 0:
		return sig, ErrNoWords
	case n < ShingleWords:
		add(shingle(&window, n))
	}
	return sig, nil
}

// shingle combines the last min(n, ShingleWords) word hashes of the ring
// buffer in text order.
func shingle(window *[ShingleWords]uint64, n int) uint64 {
	k := min(n, ShingleWords)
	h := uint64(14695981039346656037)
	for j := n - k; j < n; j++ {
		h = (h ^ window[j%ShingleWords]) * 1099511628211
		h = h<<31 | h>>33
	}
	return h
}

// eachWord calls fn with the FNV-1a hash of each lower-cased run of
// letters and digits, up to limit words.
func eachWord(text string, limit int, fn func(uint64)) {
	const offset, prime = 14695981039346656037, 1099511628211
	h, inWord, words := uint64(offset), false, 0
	for i := 0; i < len(text) && words < limit; {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		isWord := r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if isWord {
			r = unicode.ToLower(r)
			for r > 0 {
				h = (h ^ uint64(r&0xff)) * prime
				r >>= 8
			}
			inWord = true
			continue
		}
		if inWord {
			fn(h)
			words++
			h, inWord = offset, false
		}
	}
	if inWord && words < limit {
		fn(h)
	}
}

// Similarity estimates the Jaccard similarity of the shingle sets behind
// two signatures: the share of hash functions whose minima agree.
func Similarity(a, b *Signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / NumHashes
}

// BandHashes returns the LSH key of each band: a 63-bit hash of its Rows
// values (non-negative, so it fits SQLite's INTEGER as it is). Two
// signatures share a band's key when all its rows agree (up to hash
// collisions, which only add candidates that Similarity then rejects).
func BandHashes(sig *Signature) [Bands]int64 {
	var out [Bands]int64
	for b := range Bands {
		h := uint64(b+1) * 0x9e3779b97f4a7c15
		for _, v := range sig[b*Rows : (b+1)*Rows] {
			h = fmix64(h ^ uint64(v))
		}
		out[b] = int64(h >> 1)
	}
	return out
}

// CandidateProbability is the chance that two texts whose shingle sets
// have Jaccard similarity j share at least one band: 1-(1-j^Rows)^Bands.
func CandidateProbability(j float64) float64 {
	return 1 - math.Pow(1-math.Pow(j, Rows), Bands)
}

// Bytes encodes a signature for storage: NumHashes little-endian uint32.
func (s *Signature) Bytes() []byte {
	b := make([]byte, 4*NumHashes)
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// ParseSignature decodes what Bytes encoded.
func ParseSignature(b []byte) (Signature, error) {
	var s Signature
	if len(b) != 4*NumHashes {
		return s, errors.New("dedup: stored signature has the wrong length")
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, nil
}
