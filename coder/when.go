package coder

import (
	"time"

	"github.com/dyadnews/dyad/timex"
)

// Limits of eventTime's search for the time words of a predicate.
const (
	// whenMaxHops is how far up the tree a time phrase may sit below its
	// predicate: "an attack on a base in Iraq Monday injured" puts
	// "Monday" four hops under "injured".
	whenMaxHops = 5
	// whenUnattached is the cost of a time phrase of the sentence that
	// does not hang on the predicate: it is used only when none does.
	whenUnattached = 100
)

// eventTime dates the event of the predicate at token pred against the
// anchor (the article's date): the time words attached to the predicate
// ("on Monday", "last week", "Earlier Monday", "in October"), else the
// sentence's nearest time words, else the anchor itself with precision
// "day". Both results are empty when the anchor is zero.
func eventTime(d *docTrees, pred int, anchor time.Time) (date string, precision string) {
	if anchor.IsZero() {
		return "", ""
	}
	if date, precision, ok := eventTimeWords(d, pred, anchor); ok {
		return date, precision
	}
	return anchor.UTC().Format(time.DateOnly), string(timex.PrecisionDay)
}

// eventTimeWords is eventTime's date from the sentence's own time words;
// ok is false when the sentence has none that resolve.
func eventTimeWords(d *docTrees, pred int, anchor time.Time) (date string, precision string, ok bool) {
	if anchor.IsZero() {
		return "", "", false
	}
	t, ok := d.treeOf(pred)
	if !ok {
		return "", "", false
	}
	future := t.future(pred)
	best, bestCost := timex.Span{}, -1
	for _, p := range d.timePhrases(t) {
		from, to := t.start+p.Start, t.start+p.End
		cost := t.attachment(t.spanHeadIn(from, to), pred, whenMaxHops)
		if cost < 0 {
			cost = whenUnattached + min(absInt(pred-from), absInt(pred-(to-1)))
		}
		if bestCost >= 0 && cost >= bestCost {
			continue
		}
		p.Future = p.Future || future
		if s, ok := p.Resolve(anchor); ok {
			best, bestCost = s, cost
		}
	}
	if bestCost < 0 {
		return "", "", false
	}
	return best.Date(), string(best.Precision), true
}

// future reports a predicate in the future tense: "will meet", "'ll
// strike", "is going to visit".
func (t *sentenceTree) future(pred int) bool {
	for _, k := range t.children(pred) {
		tk := t.tok(k)
		if tk.DepRel != "aux" {
			continue
		}
		switch tk.Lemma {
		case "will", "shall":
			return true
		}
		if tk.Text == "'ll" || tk.Text == "’ll" {
			return true
		}
	}
	if h := t.head(pred); h >= 0 && t.tok(pred).DepRel == "xcomp" && t.tok(h).Text == "going" {
		return true
	}
	return false
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
