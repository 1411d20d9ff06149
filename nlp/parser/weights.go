package parser

import "github.com/dyadnews/dyad/internal/hugepages"

// The trained model's weights live in two read-only hash tables laid out
// for parsing speed, which is bound by memory latency: a transition
// reads about a hundred random feature rows. The action table keeps a
// feature's weights inside its slot as bfloat16 (the precision the model
// file stores), and only two of them: the choice between actions depends
// on their scores' differences alone, so a row holds LEFT's and RIGHT's
// weights less SHIFT's. A slot is then 8 bytes, eight to a cache line,
// and a feature costs one cache miss; the label table keeps only the
// labels a feature has a weight for (typically a handful of the ~50), as
// (label, weight) entries.
//
// A slot's home is given by the top bits of a feature's 64-bit key and the
// slot stores the low 32 bits, so a lookup matches a stored feature only
// if their keys agree on both: an unseen feature is taken for a stored one
// about once in 10¹⁰ lookups. The full keys, which only Save needs, are
// kept apart in key order.

type actionSlot struct {
	check uint32 // the key's low half, never 0; 0 marks an empty slot
	w     [numActions - 1]uint16
}

type actionWeights struct {
	slots []actionSlot // length is a power of two, at most a quarter full
	shift uint         // a key's home slot is key >> shift
	keys  []uint64     // the stored keys, increasing
}

type labelSlot struct {
	check      uint32
	start, end uint32 // the slot's entries
}

type labelEntry struct {
	label uint16
	w     uint16 // bfloat16
}

type labelWeights struct {
	slots   []labelSlot
	shift   uint
	entries []labelEntry
	keys    []uint64
}

// checkOf returns the part of key a slot stores.
func checkOf(key uint64) uint32 {
	if c := uint32(key); c != 0 {
		return c
	}
	return 1
}

// tableBits returns the log2 of the number of slots for rows keys. Home
// slots come from a key's top bits, so that loading keys in sorted order
// fills the table front to back, sparing load time a cache miss per key.
func tableBits(rows int) uint {
	bits := uint(4)
	for 1<<bits < 2*rows {
		bits++
	}
	return bits
}

func newActionWeights(rows int) *actionWeights {
	// Twice the slots of the label table: a quarter full, a key is seldom
	// displaced past its home slot's cache line, which the scoring loop
	// touches up front, so a lookup rarely waits on a second miss.
	bits := tableBits(2 * rows)
	t := &actionWeights{shift: 64 - bits, keys: make([]uint64, 0, rows)}
	t.slots = hugepages.Make[actionSlot](t, 1<<bits)
	return t
}

func newLabelWeights(rows int) *labelWeights {
	bits := tableBits(rows)
	t := &labelWeights{shift: 64 - bits, keys: make([]uint64, 0, rows)}
	t.slots = hugepages.Make[labelSlot](t, 1<<bits)
	return t
}

// add stores the weights of a key greater than any stored before; the
// caller sizes t for all its keys.
func (t *actionWeights) add(key uint64, w [numActions - 1]uint16) {
	mask := uint64(len(t.slots) - 1)
	i := key >> t.shift
	for t.slots[i].check != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = actionSlot{check: checkOf(key), w: w}
	t.keys = append(t.keys, key)
}

// slot returns key's slot or nil.
func (t *actionWeights) slot(key uint64) *actionSlot {
	mask := uint64(len(t.slots) - 1)
	c := checkOf(key)
	for i := key >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.check == c {
			return s
		}
		if s.check == 0 {
			return nil
		}
	}
}

// score adds the weights of keys to scores, SHIFT's staying as it is.
func (t *actionWeights) score(keys []uint64, scores *[numActions]float32) {
	// Touching every key's home slot first lets the CPU fetch the cache
	// lines in parallel instead of one miss after another.
	var touched uint32
	for _, k := range keys {
		touched += t.slots[k>>t.shift].check
	}
	if touched == 1 { // a use of the loads that changes nothing
		scores[0] += 0
	}
	for _, k := range keys {
		if s := t.slot(k); s != nil {
			scores[left] += fromBfloat16(s.w[0])
			scores[right] += fromBfloat16(s.w[1])
		}
	}
}

// add stores the entries of a key greater than any stored before; the
// caller sizes t for all its keys.
func (t *labelWeights) add(key uint64, entries []labelEntry) {
	mask := uint64(len(t.slots) - 1)
	i := key >> t.shift
	for t.slots[i].check != 0 {
		i = (i + 1) & mask
	}
	start := uint32(len(t.entries))
	t.entries = append(t.entries, entries...)
	t.slots[i] = labelSlot{check: checkOf(key), start: start, end: uint32(len(t.entries))}
	t.keys = append(t.keys, key)
}

// slot returns key's slot or nil.
func (t *labelWeights) slot(key uint64) *labelSlot {
	mask := uint64(len(t.slots) - 1)
	c := checkOf(key)
	for i := key >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.check == c {
			return s
		}
		if s.check == 0 {
			return nil
		}
	}
}

// score adds the weights of keys to scores. Like actionWeights.score it
// touches every key's home slot first; then every found slot's first
// entry, so the entries' cache misses overlap too, before adding any up.
func (t *labelWeights) score(keys []uint64, scores []float32) {
	var (
		touched uint32
		found   [maxLabelKeys]*labelSlot
	)
	for len(keys) > 0 {
		part := keys[:min(len(keys), maxLabelKeys)]
		keys = keys[len(part):]
		for _, k := range part {
			touched += t.slots[k>>t.shift].check
		}
		n := 0
		for _, k := range part {
			if s := t.slot(k); s != nil && s.end > s.start {
				found[n] = s
				n++
				touched += uint32(t.entries[s.start].w)
			}
		}
		for _, s := range found[:n] {
			for _, e := range t.entries[s.start:s.end] {
				scores[e.label] += fromBfloat16(e.w)
			}
		}
	}
	if touched == 1 && len(scores) > 0 { // a use of the loads that changes nothing
		scores[0] += 0
	}
}

// maxLabelKeys is how many keys labelWeights.score looks up at once.
const maxLabelKeys = 64
