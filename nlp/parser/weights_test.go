package parser

import (
	"bytes"
	"runtime"
	"slices"
	"testing"
)

func TestActionWeightsFindOnlyStoredKeys(t *testing.T) {
	stored := []uint64{0x0000_0001_0000_0005, 0x8000_0000_0000_0007, 0x8000_0000_0000_0009, 0xffff_ffff_ffff_fffe}
	w := newActionWeights(len(stored))
	for i, k := range stored {
		w.add(k, [numActions - 1]uint16{toBfloat16(float32(i + 1)), toBfloat16(-float32(i + 1))})
	}
	for _, c := range []struct {
		key  uint64
		want float32 // LEFT's score; 0 for a miss
	}{
		{stored[0], 1}, {stored[1], 2}, {stored[2], 3}, {stored[3], 4},
		{0x8000_0000_0000_0008, 0},      // same home as stored keys, other low half
		{0x4000_0000_0000_0007, 0},      // same low half, other home
		{0, 0}, {1, 0}, {^uint64(0), 0}, // edges of the key space
	} {
		var scores [numActions]float32
		w.score([]uint64{c.key}, &scores)
		if scores[left] != c.want || scores[right] != -c.want || scores[shift] != 0 {
			t.Errorf("key %#x: scores %v, want LEFT %v, RIGHT %v, SHIFT 0", c.key, scores, c.want, -c.want)
		}
	}
}

// TestLabelWeightsScoreManyKeys checks that scoring keys in batches,
// more keys than one batch holds, stored and unknown ones mixed, adds up
// what the keys' entries give one by one.
func TestLabelWeightsScoreManyKeys(t *testing.T) {
	const labels, stored = 5, 150
	w := newLabelWeights(stored)
	want := make([]float32, labels)
	var keys, sorted []uint64
	for i := range stored {
		sorted = append(sorted, uint64(i+1)*0x9E3779B97F4A7C15)
	}
	slices.Sort(sorted) // add wants increasing keys
	for i, k := range sorted {
		var entries []labelEntry
		for l := range i % (labels + 1) { // some keys have no entries
			entries = append(entries, labelEntry{label: uint16(l), w: toBfloat16(float32(i%7 + 1))})
			want[l] += float32(i%7 + 1)
		}
		w.add(k, entries)
		keys = append(keys, k, k^0xabc) // each stored key, then one never stored
	}
	got := make([]float32, labels)
	w.score(keys, got)
	for l := range labels {
		if got[l] != want[l] {
			t.Errorf("label %d: score %v, want %v", l, got[l], want[l])
		}
	}
}

func TestSaveLoadSaveIsIdentical(t *testing.T) {
	var first, second bytes.Buffer
	if err := tinyModel(t).Save(&first); err != nil {
		t.Fatal(err)
	}
	m, err := Load(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Save(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("saving a loaded model gives %d bytes, the original %d", second.Len(), first.Len())
	}
}

// TestLargeTables covers tables big enough for their own huge-page
// mapping: zeroed, writable, and found again after a collection.
func TestLargeTables(t *testing.T) {
	const rows = 1 << 18 // 2^20 slots of 8 bytes
	w := newActionWeights(rows)
	for _, s := range w.slots {
		if s != (actionSlot{}) {
			t.Fatal("a new table's slot is not empty")
		}
	}
	for i := range uint64(rows) {
		w.add(i<<44|(i+1), [numActions - 1]uint16{toBfloat16(1), toBfloat16(2)})
	}
	runtime.GC()
	for _, i := range []uint64{0, 1, rows / 2, rows - 1} {
		var scores [numActions]float32
		w.score([]uint64{i<<44 | (i + 1)}, &scores)
		if scores != [numActions]float32{0, 1, 2} {
			t.Errorf("row %d: scores %v", i, scores)
		}
	}
}
