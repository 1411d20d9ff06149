package parser

import (
	"cmp"
	"slices"
)

// table maps hashed feature keys to rows of weights, one per class, in an
// open-addressing hash table: one probe sequence over 16-byte slots, then
// one contiguous row, keeps scoring to about two cache misses per feature.
type table struct {
	width int
	slots []slot // length is a power of two, at most half full
	used  int
	w     []float32 // rows of width weights
	// For averaged perceptron training (Daumé's trick): sum[i] accumulates
	// step·delta so that the average of w over all steps is w - sum/step.
	sum []float64
}

type slot struct {
	key uint64 // 0 marks an empty slot
	row int32
}

func newTable(width, capacity int) *table {
	size := 16
	for size < 2*capacity {
		size *= 2
	}
	return &table{width: width, slots: make([]slot, size)}
}

// newTrainingTable returns a table that also keeps the sums for averaging.
func newTrainingTable(width int) *table {
	t := newTable(width, 1<<16)
	t.sum = []float64{}
	return t
}

// slotOf returns where key is or would go.
func (t *table) slotOf(key uint64) int {
	mask := len(t.slots) - 1
	i := int(key>>32^key) & mask
	for {
		k := t.slots[i].key
		if k == key || k == 0 {
			return i
		}
		i = (i + 1) & mask
	}
}

func nonzero(key uint64) uint64 {
	if key == 0 {
		return 1
	}
	return key
}

// row returns key's row index or -1.
func (t *table) row(key uint64) int32 {
	s := &t.slots[t.slotOf(nonzero(key))]
	if s.key == 0 {
		return -1
	}
	return s.row
}

// add returns key's row index, creating a zero row if needed.
func (t *table) add(key uint64) int32 {
	key = nonzero(key)
	i := t.slotOf(key)
	if t.slots[i].key != 0 {
		return t.slots[i].row
	}
	r := int32(t.used)
	t.slots[i] = slot{key: key, row: r}
	t.used++
	t.w = append(t.w, make([]float32, t.width)...)
	if t.sum != nil {
		t.sum = append(t.sum, make([]float64, t.width)...)
	}
	if 2*t.used > len(t.slots) {
		t.grow()
	}
	return r
}

func (t *table) grow() {
	old := t.slots
	t.slots = make([]slot, 2*len(old))
	for _, s := range old {
		if s.key != 0 {
			t.slots[t.slotOf(s.key)] = s
		}
	}
}

// score adds the rows of keys to scores, which has width entries.
func (t *table) score(keys []uint64, scores []float32) {
	width := t.width
	for _, k := range keys {
		r := t.row(k)
		if r < 0 {
			continue
		}
		row := t.w[int(r)*width : int(r)*width+width]
		if width == numActions {
			scores[0] += row[0]
			scores[1] += row[1]
			scores[2] += row[2]
			continue
		}
		for j, v := range row {
			scores[j] += v
		}
	}
}

// update adds delta to class c of every key's row at training step step.
func (t *table) update(keys []uint64, c int, delta float32, step int) {
	for _, k := range keys {
		i := int(t.add(k))*t.width + c
		t.w[i] += delta
		t.sum[i] += float64(step) * float64(delta)
	}
}

// averagedRows calls keep with each key's averaged weights at training
// step step, for the keys with a weight of magnitude at least prune.
func (t *table) averagedRows(step int, prune float32, keep func(key uint64, row []float32)) {
	row := make([]float32, t.width)
	for _, s := range t.slots {
		if s.key == 0 {
			continue
		}
		base := int(s.row) * t.width
		big := false
		for j := range row {
			row[j] = float32(float64(t.w[base+j]) - t.sum[base+j]/float64(step))
			big = big || abs32(row[j]) >= prune
		}
		if big {
			keep(s.key, row)
		}
	}
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// averagedActions returns the averaged action weights for parsing, each
// row as LEFT's and RIGHT's weights less SHIFT's.
func (t *table) averagedActions(step int, prune float32) *actionWeights {
	var keys []uint64
	var rows [][numActions - 1]uint16
	t.averagedRows(step, prune, func(key uint64, row []float32) {
		keys = append(keys, key)
		rows = append(rows, [numActions - 1]uint16{toBfloat16(row[left] - row[shift]), toBfloat16(row[right] - row[shift])})
	})
	w := newActionWeights(len(keys))
	for _, i := range byKey(keys) {
		w.add(keys[i], rows[i])
	}
	return w
}

// byKey returns the indices of keys in increasing key order.
func byKey(keys []uint64) []int {
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	return idx
}

// averagedLabels returns the averaged label weights for parsing, keeping
// per key the labels whose weight has magnitude at least prune.
func (t *table) averagedLabels(step int, prune float32) *labelWeights {
	var keys []uint64
	var rows [][]labelEntry
	t.averagedRows(step, prune, func(key uint64, row []float32) {
		var es []labelEntry
		for l, v := range row {
			if abs32(v) >= prune && v != 0 {
				es = append(es, labelEntry{label: uint16(l), w: toBfloat16(v)})
			}
		}
		keys = append(keys, key)
		rows = append(rows, es)
	})
	w := newLabelWeights(len(keys))
	for _, i := range byKey(keys) {
		w.add(keys[i], rows[i])
	}
	return w
}
