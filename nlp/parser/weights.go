package parser

// The trained model's weights live in two read-only hash tables laid out
// for parsing speed, which is bound by memory latency: a transition
// reads about a hundred random feature rows. The action table keeps the
// three action weights inside the slot as bfloat16 (the precision the
// model file stores), so a slot is 16 bytes and a feature costs one cache
// miss;
// the label table keeps only the labels a feature has a weight for
// (typically a handful of the ~50), as (label, weight) entries.

type actionSlot struct {
	key uint64 // 0 marks an empty slot
	w   [numActions]uint16
}

type actionWeights struct {
	slots []actionSlot // length is a power of two, at most a quarter full
	shift uint         // a key's home slot is key >> shift
	n     int
}

type labelSlot struct {
	key        uint64
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
	n       int
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
	// touches up front, so a lookup rarely waits on a second miss. This
	// parses about 10% faster for twice the memory (64 MB rather than
	// 32 MB for the shipped model).
	bits := tableBits(2 * rows)
	return &actionWeights{slots: make([]actionSlot, 1<<bits), shift: 64 - bits}
}

func newLabelWeights(rows int) *labelWeights {
	bits := tableBits(rows)
	return &labelWeights{slots: make([]labelSlot, 1<<bits), shift: 64 - bits}
}

// add stores the weights of a key that is not in t yet; the caller sizes
// t for all its keys.
func (t *actionWeights) add(key uint64, w [numActions]uint16) {
	key = nonzero(key)
	mask := uint64(len(t.slots) - 1)
	i := key >> t.shift
	for t.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = actionSlot{key: key, w: w}
	t.n++
}

func (t *actionWeights) score(keys []uint64, scores *[numActions]float32) {
	mask := uint64(len(t.slots) - 1)
	// Touching every key's home slot first lets the CPU fetch the cache
	// lines in parallel instead of one miss after another.
	var touched uint64
	for _, k := range keys {
		touched += t.slots[nonzero(k)>>t.shift].key
	}
	if touched == 1 { // a use of the loads that changes nothing
		scores[0] += 0
	}
	for _, k := range keys {
		k = nonzero(k)
		for i := k >> t.shift; ; i = (i + 1) & mask {
			s := &t.slots[i]
			if s.key == k {
				scores[0] += fromBfloat16(s.w[0])
				scores[1] += fromBfloat16(s.w[1])
				scores[2] += fromBfloat16(s.w[2])
				break
			}
			if s.key == 0 {
				break
			}
		}
	}
}

// add stores the entries of a key that is not in t yet; the caller sizes
// t for all its keys.
func (t *labelWeights) add(key uint64, entries []labelEntry) {
	key = nonzero(key)
	mask := uint64(len(t.slots) - 1)
	i := key >> t.shift
	for t.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	start := uint32(len(t.entries))
	t.entries = append(t.entries, entries...)
	t.slots[i] = labelSlot{key: key, start: start, end: uint32(len(t.entries))}
	t.n++
}

func (t *labelWeights) score(keys []uint64, scores []float32) {
	mask := uint64(len(t.slots) - 1)
	var touched uint64
	for _, k := range keys {
		touched += t.slots[nonzero(k)>>t.shift].key
	}
	if touched == 1 && len(scores) > 0 {
		scores[0] += 0
	}
	for _, k := range keys {
		k = nonzero(k)
		for i := k >> t.shift; ; i = (i + 1) & mask {
			s := &t.slots[i]
			if s.key == k {
				for _, e := range t.entries[s.start:s.end] {
					scores[e.label] += fromBfloat16(e.w)
				}
				break
			}
			if s.key == 0 {
				break
			}
		}
	}
}
