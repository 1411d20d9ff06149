package nlpeval

// align pairs gold and system words as conll18_ud_eval.py does: words
// outside multiword tokens align when their character spans are equal;
// inside a stretch covered by multiword tokens on either side, words
// align along a longest common subsequence of their lowercased forms.
func align(gold, system []word) *alignment {
	a := &alignment{gold: gold, system: system, goldOf: make([]int, len(system))}
	for i := range a.goldOf {
		a.goldOf[i] = -1
	}
	pair := func(g, s int) {
		a.pairs = append(a.pairs, [2]int{g, s})
		a.goldOf[s] = g
	}
	gi, si := 0, 0
	for gi < len(gold) && si < len(system) {
		if !gold[gi].multiword && !system[si].multiword {
			switch {
			case gold[gi].span == system[si].span:
				pair(gi, si)
				gi++
				si++
			case gold[gi].span.start <= system[si].span.start:
				gi++
			default:
				si++
			}
			continue
		}
		var gs, ss int
		gs, ss, gi, si = multiwordStretch(gold, system, gi, si)
		if gi == gs || si == ss {
			continue
		}
		lcs := longestCommon(gold[gs:gi], system[ss:si])
		ng, ns := gi-gs, si-ss
		at := func(g, s int) int {
			if g >= ng || s >= ns {
				return 0
			}
			return lcs[g*ns+s]
		}
		for g, s := 0, 0; g < ng && s < ns; {
			switch {
			case gold[gs+g].lower == system[ss+s].lower:
				pair(gs+g, ss+s)
				g++
				s++
			case at(g, s) == at(g+1, s):
				g++
			default:
				s++
			}
		}
	}
	return a
}

// multiwordStretch finds the shortest stretch starting at gi, si that
// ends on both sides at the same character and covers every multiword
// token it touches. It returns the stretch's starts and ends.
func multiwordStretch(gold, system []word, gi, si int) (gs, ss, ge, se int) {
	var end int
	if gold[gi].multiword {
		end = gold[gi].span.end
		if !system[si].multiword && system[si].span.start < gold[gi].span.start {
			si++
		}
	} else {
		end = system[si].span.end
		if !gold[gi].multiword && gold[gi].span.start < system[si].span.start {
			gi++
		}
	}
	gs, ss = gi, si
	for !beyondEnd(gold, gi, end) || !beyondEnd(system, si, end) {
		if gi < len(gold) && (si >= len(system) || gold[gi].span.start <= system[si].span.start) {
			end = extendEnd(&gold[gi], end)
			gi++
		} else {
			end = extendEnd(&system[si], end)
			si++
		}
	}
	return gs, ss, gi, si
}

func beyondEnd(words []word, i, end int) bool {
	if i >= len(words) {
		return true
	}
	if words[i].multiword {
		return words[i].span.start >= end
	}
	return words[i].span.end > end
}

func extendEnd(w *word, end int) int {
	if w.multiword && w.span.end > end {
		return w.span.end
	}
	return end
}

// longestCommon returns the suffix LCS table of the two word runs,
// row-major: entry g*len(system)+s is the LCS length of gold[g:] and
// system[s:].
func longestCommon(gold, system []word) []int {
	ng, ns := len(gold), len(system)
	t := make([]int, ng*ns)
	at := func(g, s int) int {
		if g >= ng || s >= ns {
			return 0
		}
		return t[g*ns+s]
	}
	for g := ng - 1; g >= 0; g-- {
		for s := ns - 1; s >= 0; s-- {
			v := 0
			if gold[g].lower == system[s].lower {
				v = 1 + at(g+1, s+1)
			}
			v = max(v, at(g+1, s), at(g, s+1))
			t[g*ns+s] = v
		}
	}
	return t
}
