package coder

// Sentences that report no act of their own: a question asks, and the
// turns of an interview told as questions and answers are what the
// interviewee thinks, remembers or supposes ("Politicians profess an
// Oath to this nation but once in office pursue their party agenda";
// "Germany alone had virtually destroyed Russia, twice"). An analyst
// reads them as opinion, not as events; the story's own narration before
// the first question still is.

// minQuestionTurns is how many paragraphs ending in a question make a
// story an interview told in turns: one question can be rhetorical, or
// a quote.
const minQuestionTurns = 2

// speechOnly marks the sentences that code no events: questions, and
// every sentence of an interview from its first question turn on.
func (ac *articleCoding) speechOnly() []bool {
	n := len(ac.doc.Sentences)
	out := make([]bool, n)
	turns, firstTurn := 0, -1
	for si := range n {
		if !ac.isQuestion(si) {
			continue
		}
		out[si] = true
		if si+1 < n && ac.paragraphOf(si+1) == ac.paragraphOf(si) {
			continue // a question inside a paragraph is no turn
		}
		if turns++; firstTurn < 0 {
			firstTurn = ac.paragraphOf(si)
		}
	}
	if turns < minQuestionTurns {
		return out
	}
	for si := range n {
		if ac.paragraphOf(si) >= firstTurn {
			out[si] = true
		}
	}
	return out
}

// isQuestion reports whether sentence si ends with a question mark,
// before any closing quotes or brackets.
func (ac *articleCoding) isQuestion(si int) bool {
	s := ac.doc.Sentences[si]
	if !validSpan(s, len(ac.doc.Tokens)) {
		return false
	}
	for i := s.End - 1; i >= s.Start; i-- {
		switch ac.words[i] {
		case "?":
			return true
		case "\"", "”", "’", "'", ")", "]":
			continue
		}
		return false
	}
	return false
}
