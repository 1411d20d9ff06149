package tagger

import (
	"math/rand/v2"
	"testing"
)

// TestWeightTable checks the merged three-stage table, each stage with
// its own number of classes, sparse and dense rows alike, against plain
// per-stage sums.
func TestWeightTable(t *testing.T) {
	const width = 40 // the widest stage
	classes := []int{12, 12, width}
	rng := rand.New(rand.NewPCG(1, 2))
	want := [numStages]map[uint32][width]int32{{}, {}, {}}
	var stages [numStages]stageWeights
	for si := range stages {
		for f := range 500 {
			k := uint32(rng.IntN(700) + 1) // stages share some keys
			if _, dup := want[si][k]; dup {
				continue
			}
			var row [width]int32
			var pairs []pair
			n := 1 + f%classes[si] // from sparse to full rows
			for _, c := range rng.Perm(classes[si])[:n] {
				w := int16(rng.IntN(2001) - 1000)
				if w == 0 {
					w = 1
				}
				pairs = append(pairs, pair{class: uint8(c), w: w})
				row[c] = int32(w)
			}
			stages[si].add(k, pairs)
			want[si][k] = row
		}
	}
	tab, err := newWeightTable(classes, stages[:]...)
	if err != nil {
		t.Fatal(err)
	}
	dense := 0
	for _, sl := range tab.slots {
		if sl.dense != 0 {
			dense++
		}
	}
	if dense == 0 {
		t.Fatal("no dense rows built")
	}
	for si := range stages {
		var all [width]int32
		var keys []uint64
		for k := uint32(1); k <= 800; k++ {
			var got scores
			// addAll takes hashes; a 32-bit hash folds to itself.
			tab.addAll([]uint64{uint64(k)}, si, &got)
			if w := want[si][k]; [width]int32(got[:width]) != w {
				t.Fatalf("stage %d key %d: got %v, want %v", si, k, got[:width], w)
			}
			for c, w := range want[si][k] {
				all[c] += w
			}
			keys = append(keys, uint64(k))
		}
		// All keys at once, more than one batch, add up the same.
		var got scores
		tab.addAll(keys, si, &got)
		if [width]int32(got[:width]) != all {
			t.Fatalf("stage %d: all keys at once give %v, one by one %v", si, got[:width], all)
		}
		back := tab.stage(si)
		if len(back.keys) != len(want[si]) {
			t.Errorf("stage %d: %d features back, want %d", si, len(back.keys), len(want[si]))
		}
		for i, k := range back.keys {
			var row [width]int32
			for _, p := range back.pairs[back.start[i]:back.start[i+1]] {
				row[p.class] = int32(p.w)
			}
			if row != want[si][k] {
				t.Errorf("stage %d key %d: exported %v, want %v", si, k, row, want[si][k])
			}
		}
	}
	if _, err := newWeightTable([]int{maxClasses + 1}, stages[0]); err == nil {
		t.Error("too many classes: no error")
	}
	if _, err := newWeightTable(classes[:1], stages[:2]...); err == nil {
		t.Error("a class count missing: no error")
	}
}

func TestDescribe(t *testing.T) {
	var a, b, c wordInfo
	describe("Attacks", &a)
	describe("attacks", &b)
	describe("ATTACKS", &c)
	if a.norm != b.norm || b.norm != c.norm {
		t.Error("case changes the normalised form")
	}
	if a.shape == b.shape || b.shape == c.shape {
		t.Error("case does not change the shape")
	}
	describe("1984", &a)
	describe("2024", &b)
	if a.norm != b.norm {
		t.Error("digits are not normalised")
	}
	describe("we\u2019ve", &a)
	describe("we've", &b)
	if a.norm != b.norm || a.suf[2] != b.suf[2] {
		t.Error("typographic apostrophe not normalised")
	}
	describe("parties", &a)
	describe("ties", &b)
	if a.suf[3] != b.suf[3] || a.suf[2] != b.suf[2] || a.pre[0] == b.pre[0] {
		t.Error("suffixes or prefixes wrong")
	}
	describe("é", &a) // shorter than every affix
	if a.suf[3] != a.norm || a.pre[2] != a.norm {
		t.Error("affixes of a one-rune word should be the word")
	}
}
