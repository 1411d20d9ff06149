package parser

import (
	"math/rand/v2"
	"testing"
)

// checkInvariants fails unless s is a consistent configuration: stack
// words are distinct, in increasing order, below the buffer front and
// headless, and words before the buffer front that left the stack have a
// head.
func checkInvariants(t *testing.T, s *state) {
	t.Helper()
	onStack := map[int32]bool{}
	for i, w := range s.stack {
		if w < 0 || w >= s.b0 || (i > 0 && w <= s.stack[i-1]) || s.head[w] != none {
			t.Fatalf("bad stack %v with b0=%d heads=%v", s.stack, s.b0, s.head)
		}
		onStack[w] = true
	}
	for w := range s.b0 {
		if !onStack[w] && s.head[w] == none {
			t.Fatalf("word %d left the stack without a head", w)
		}
	}
	for w := s.b0; int(w) <= s.n; w++ {
		if s.head[w] != none {
			t.Fatalf("buffer word %d has a head", w)
		}
	}
}

// checkTree fails unless the final heads form a tree over n words with
// exactly one word attached to the root n.
func checkTree(t *testing.T, head []int32, n int) {
	t.Helper()
	roots := 0
	for i := range n {
		h := head[i]
		if h < 0 || int(h) > n || int(h) == i {
			t.Fatalf("word %d has head %d", i, h)
		}
		if int(h) == n {
			roots++
		}
		// Walking up from i must reach the root within n steps.
		w, steps := int32(i), 0
		for int(w) != n {
			w = head[w]
			if steps++; steps > n {
				t.Fatalf("cycle through word %d: %v", i, head[:n])
			}
		}
	}
	if n > 0 && roots != 1 {
		t.Fatalf("%d roots in %v", roots, head[:n])
	}
}

// run applies the actions coded by script where legal, then finishes with
// the first legal action, checking the invariants after every step.
func run(t *testing.T, n int, script []byte) *state {
	s := &state{}
	s.reset(n)
	steps := 0
	for _, b := range script {
		if s.final() {
			break
		}
		if a := int(b) % numActions; s.legal(a) {
			s.apply(a, int16(b>>2))
			steps++
			checkInvariants(t, s)
		}
	}
	for !s.final() {
		a := 0
		for !s.legal(a) {
			a++
			if a == numActions {
				t.Fatalf("no legal action in a non-final state: stack %v b0 %d", s.stack, s.b0)
			}
		}
		s.apply(a, 0)
		steps++
		checkInvariants(t, s)
	}
	if steps != 2*n {
		t.Fatalf("%d transitions for %d words, want %d", steps, n, 2*n)
	}
	checkTree(t, s.head, n)
	return s
}

func FuzzTransitions(f *testing.F) {
	f.Add(uint8(5), []byte{0, 0, 1, 2, 0, 1})
	f.Add(uint8(0), []byte{})
	f.Add(uint8(1), []byte{1, 2, 0})
	f.Add(uint8(40), []byte{0, 0, 0, 0, 2, 2, 2, 1, 1, 1, 0, 1})
	f.Fuzz(func(t *testing.T, n uint8, script []byte) {
		s := run(t, int(n), script)
		// The oracle must price every legal action of every state without
		// failing, for any gold heads, including non-projective ones.
		gold := make([]int32, int(n)+1)
		for i := range gold {
			gold[i] = int32((i*7 + len(script)) % (int(n) + 1))
		}
		s.reset(int(n))
		for _, b := range script {
			if s.final() {
				break
			}
			for a := range numActions {
				if s.legal(a) && s.cost(a, gold) < 0 {
					t.Fatalf("negative cost")
				}
			}
			if a := int(b) % numActions; s.legal(a) {
				s.apply(a, 0)
			}
		}
	})
}

// randomProjectiveTree returns the heads of a random projective tree over
// n words (n for the root), built by recursively splitting spans.
func randomProjectiveTree(rng *rand.Rand, n int) []int32 {
	head := make([]int32, n+1)
	var build func(lo, hi int, parent int32)
	build = func(lo, hi int, parent int32) {
		if lo >= hi {
			return
		}
		r := lo + rng.IntN(hi-lo)
		head[r] = parent
		// Split the words left and right of r into children subtrees.
		for _, side := range [][2]int{{lo, r}, {r + 1, hi}} {
			a := side[0]
			for a < side[1] {
				b := a + 1 + rng.IntN(side[1]-a)
				build(a, b, int32(r))
				a = b
			}
		}
	}
	build(0, n, int32(n))
	head[n] = none
	return head
}

// bestReachable returns the most gold arcs any action sequence from s can
// still get right, by exhaustive search (small sentences only).
func bestReachable(s *state, gold []int32) int {
	if s.final() {
		c := 0
		for i := range s.n {
			if s.head[i] == gold[i] {
				c++
			}
		}
		return c
	}
	best := -1
	for a := range numActions {
		if !s.legal(a) {
			continue
		}
		next := clone(s)
		next.apply(a, 0)
		best = max(best, bestReachable(next, gold))
	}
	return best
}

func clone(s *state) *state {
	c := &state{}
	c.reset(s.n)
	c.stack = append(c.stack, s.stack...)
	c.b0 = s.b0
	copy(c.head, s.head)
	return c
}

// TestOracleCostIsExact checks the dynamic oracle against exhaustive
// search: from random reachable states of random projective trees, each
// legal action's cost is exactly the number of gold arcs it puts out of
// reach.
func TestOracleCostIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + rng.IntN(7)
		gold := randomProjectiveTree(rng, n)
		s := &state{}
		s.reset(n)
		for steps := rng.IntN(2 * n); steps > 0 && !s.final(); steps-- {
			var legal []int
			for a := range numActions {
				if s.legal(a) {
					legal = append(legal, a)
				}
			}
			s.apply(legal[rng.IntN(len(legal))], 0)
		}
		if s.final() {
			continue
		}
		here := bestReachable(s, gold)
		for a := range numActions {
			if !s.legal(a) {
				continue
			}
			next := clone(s)
			next.apply(a, 0)
			want := here - bestReachable(next, gold)
			if got := s.cost(a, gold); got != want {
				t.Fatalf("trial %d: gold %v, stack %v, b0 %d, heads %v: cost(%d) = %d, want %d",
					trial, gold[:n], s.stack, s.b0, s.head[:n], a, got, want)
			}
		}
	}
}

// TestOracleFollowsGold checks that always taking a zero-cost action
// rebuilds a projective gold tree exactly.
func TestOracleFollowsGold(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		n := rng.IntN(40)
		gold := randomProjectiveTree(rng, n)
		s := &state{}
		s.reset(n)
		for !s.final() {
			a := 0
			for !s.legal(a) || s.cost(a, gold) != 0 {
				if a++; a == numActions {
					t.Fatalf("no zero-cost action: gold %v stack %v b0 %d", gold[:n], s.stack, s.b0)
				}
			}
			s.apply(a, 0)
		}
		for i := range n {
			if s.head[i] != gold[i] {
				t.Fatalf("word %d got head %d, gold %d (gold %v)", i, s.head[i], gold[i], gold[:n])
			}
		}
	}
}
