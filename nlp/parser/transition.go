package parser

// The parser uses the arc-hybrid transition system (Kuhlmann, Gómez-
// Rodríguez and Satta 2011) with the artificial root at the END of the
// buffer (Ballesteros and Nivre 2013), restricted so that exactly one
// word attaches to the root:
//
//	SHIFT  moves the buffer front b0 onto the stack (b0 is not the root);
//	LEFT   attaches the stack top s0 to b0 and pops it; when b0 is the
//	       root, only if s0 is the last word on the stack;
//	RIGHT  attaches s0 to the word below it, s1, and pops it.
//
// Every non-final state has a legal action, and every action sequence that
// only takes legal actions ends, after exactly 2n transitions, in a tree
// over the n words with a single root. Both guarantees are what makes the
// parser total on hostile input: no input can leave a word headless.

const (
	shift = iota
	left
	right
	numActions
)

const none = -1

// state is a parser configuration over a sentence of n words; index n is
// the artificial root.
type state struct {
	n     int
	stack []int32
	b0    int32
	// head[i] is i's head (n for the root) or none; label[i] its label.
	head  []int32
	label []int16
	// The two leftmost and two rightmost children of each word, and its
	// numbers of left and right children, for the features.
	l1, l2, r1, r2 []int32
	nl, nr         []uint8
	// Sets of labels of each word's left and right children.
	ls, rs []uint64
}

// reset prepares s for a sentence of n words, reusing its memory.
func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b0 = 0
	s.head = resize32(s.head, n+1)
	s.l1 = resize32(s.l1, n+1)
	s.l2 = resize32(s.l2, n+1)
	s.r1 = resize32(s.r1, n+1)
	s.r2 = resize32(s.r2, n+1)
	for i := 0; i <= n; i++ {
		s.head[i], s.l1[i], s.l2[i], s.r1[i], s.r2[i] = none, none, none, none, none
	}
	if cap(s.label) < n+1 {
		s.label = make([]int16, n+1)
		s.nl = make([]uint8, n+1)
		s.nr = make([]uint8, n+1)
		s.ls = make([]uint64, n+1)
		s.rs = make([]uint64, n+1)
	}
	s.label = s.label[:n+1]
	s.nl, s.nr, s.ls, s.rs = s.nl[:n+1], s.nr[:n+1], s.ls[:n+1], s.rs[:n+1]
	for i := 0; i <= n; i++ {
		s.label[i], s.nl[i], s.nr[i], s.ls[i], s.rs[i] = none, 0, 0, 0, 0
	}
}

func resize32(a []int32, n int) []int32 {
	if cap(a) < n {
		return make([]int32, n)
	}
	return a[:n]
}

// final reports whether the parse is complete.
func (s *state) final() bool { return len(s.stack) == 0 && int(s.b0) == s.n }

// legal reports whether action a may be taken in s.
func (s *state) legal(a int) bool {
	switch a {
	case shift:
		return int(s.b0) < s.n
	case left:
		return len(s.stack) > 0 && (int(s.b0) < s.n || len(s.stack) == 1)
	case right:
		return len(s.stack) > 1
	}
	return false
}

// s0, s1, s2 return the stack's top three words or none.
func (s *state) sAt(k int) int32 {
	if k < len(s.stack) {
		return s.stack[len(s.stack)-1-k]
	}
	return none
}

// apply takes the legal action a, labelling a new arc with lab.
func (s *state) apply(a int, lab int16) {
	switch a {
	case shift:
		s.stack = append(s.stack, s.b0)
		s.b0++
	case left:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.b0, d, lab)
	case right:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.stack[len(s.stack)-1], d, lab)
	}
}

func (s *state) attach(h, d int32, lab int16) {
	s.head[d] = h
	s.label[d] = lab
	bit := uint64(1) << (uint(lab) & 63)
	if d < h {
		switch {
		case s.l1[h] == none || d < s.l1[h]:
			s.l2[h], s.l1[h] = s.l1[h], d
		case s.l2[h] == none || d < s.l2[h]:
			s.l2[h] = d
		}
		if s.nl[h] < 255 {
			s.nl[h]++
		}
		s.ls[h] |= bit
		return
	}
	switch {
	case s.r1[h] == none || d > s.r1[h]:
		s.r2[h], s.r1[h] = s.r1[h], d
	case s.r2[h] == none || d > s.r2[h]:
		s.r2[h] = d
	}
	if s.nr[h] < 255 {
		s.nr[h]++
	}
	s.rs[h] |= bit
}

// head returns the head the action a would give the stack top, which is
// the word it would attach.
func (s *state) arcHead(a int) int32 {
	if a == left {
		return s.b0
	}
	return s.stack[len(s.stack)-2]
}

// cost returns how many gold arcs (gold[i] is i's gold head, n for the
// root) become unreachable by taking the legal action a: the arc-hybrid
// dynamic oracle of Goldberg and Nivre (2013), extended for the single-
// root restriction. For projective gold trees some legal action always
// costs 0; for non-projective ones the caller takes the cheapest.
func (s *state) cost(a int, gold []int32) int {
	n := int32(s.n)
	c := 0
	switch a {
	case shift:
		b := s.b0
		for i, w := range s.stack {
			if gold[w] == b {
				c++ // w could only become b's dependent from the buffer
			}
			if gold[b] == w && i != len(s.stack)-1 {
				c++ // only s0 can still take b as a right dependent
			}
		}
		if gold[b] == n && len(s.stack) > 0 {
			c++ // b could no longer be the last word on the stack
		}
	case left, right:
		s0 := s.stack[len(s.stack)-1]
		h := s.arcHead(a)
		if g := gold[s0]; g != h {
			// s0's gold head is lost if it is still reachable otherwise:
			// it is s1, a buffer word, or the root while s0 is alone on
			// the stack.
			switch {
			case len(s.stack) > 1 && g == s.stack[len(s.stack)-2],
				g >= s.b0 && g < n,
				g == n && len(s.stack) == 1:
				c++
			}
		}
		for d := s.b0; d < n; d++ {
			if gold[d] == s0 {
				c++ // s0's dependents still in the buffer are lost
			}
		}
	}
	return c
}
