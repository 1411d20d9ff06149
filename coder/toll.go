package coder

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad"
)

// toll is the casualty count of one event. Killed and Wounded are nil
// when the text gives no number ("dozens were wounded" says there were
// casualties but not how many).
type toll struct {
	Killed, Wounded *int
	// Breakdown lists the counts summed, in text order: "injured five
	// U.S. troops and two contractors" is {5 "U.S. troops" wounded} and
	// {2 "contractors" wounded}.
	Breakdown []tollPart
}

// tollPart is one count of a toll.
type tollPart struct {
	Count int
	// Who is the words naming the counted people ("U.S. troops"), empty
	// when the number stands alone ("left three dead").
	Who  string
	Kind string // "killed" or "wounded"
}

// Limits of the toll reader.
const (
	// maxTollCount caps one count: a larger figure is a misread, not a
	// casualty figure of one event.
	maxTollCount = 10_000_000
	// tollWindow is how many tokens a count may lie from its casualty
	// word ("killed at least 12 people", "12 people were killed").
	tollWindow = 6
	// tollMaxHops is how far up the tree a casualty word may hang below
	// its event's predicate ("opened fire, killing two").
	tollMaxHops = 3
)

// tollCue is how a casualty word reads its count.
type tollCue uint8

const (
	// cueVerb is a verb whose object is counted when active ("killed 12
	// people") and whose subject when passive ("12 people were killed").
	cueVerb tollCue = iota + 1
	// cueBefore is counted by the number before it: "three dead", "15
	// soldiers died", "20 deaths", "40 lives".
	cueBefore
	// cueToll is "death toll", counted by the number after it: "the death
	// toll rose to 107".
	cueToll
)

// tollWords maps lower-case casualty words to their kind and reading.
// "Casualties" is left out on purpose: it means killed and wounded
// together in military use and either one in loose use, so it can be
// added to neither count.
var tollWords = map[string]struct {
	kind string
	cue  tollCue
}{
	"kill": {"killed", cueVerb}, "kills": {"killed", cueVerb}, "killed": {"killed", cueVerb}, "killing": {"killed", cueVerb},
	"slay": {"killed", cueVerb}, "slew": {"killed", cueVerb}, "slain": {"killed", cueBefore},
	"die": {"killed", cueBefore}, "died": {"killed", cueBefore}, "dead": {"killed", cueBefore},
	"deaths": {"killed", cueBefore}, "fatalities": {"killed", cueBefore}, "lives": {"killed", cueBefore},
	"toll":  {"killed", cueToll},
	"wound": {"wounded", cueVerb}, "wounds": {"wounded", cueVerb}, "wounded": {"wounded", cueVerb}, "wounding": {"wounded", cueVerb},
	"injure": {"wounded", cueVerb}, "injures": {"wounded", cueVerb}, "injured": {"wounded", cueVerb}, "injuring": {"wounded", cueVerb},
	"hurt": {"wounded", cueVerb}, "hurting": {"wounded", cueVerb}, "maimed": {"wounded", cueVerb},
	"injuries": {"wounded", cueBefore},
}

// beWords before a casualty verb make it passive or adjectival: "were
// killed", "was badly hurt", "have been injured".
var beWords = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "’re": true, "'re": true, "got": true, "get": true}

// eventToll reads the killed and wounded counts that belong to the
// predicate at token pred: said by the predicate itself ("wounded seven
// U.S. personnel", "12 people were killed"), by a casualty word it
// governs ("opened fire, killing two police officers and injuring three
// bystanders") or, for an event noun, by the clause it is an argument of
// ("the attack killed 12", "the blast left three dead"). A count written
// as a range ("10 to 15") is its lower bound; "at least", "more than"
// and "nearly" give the number written.
func eventToll(d *docTrees, pred int) toll {
	var out toll
	t, ok := d.treeOf(pred)
	if !ok {
		return out
	}
	nominal := t.tok(pred).UPOS == "NOUN" || t.tok(pred).UPOS == "PROPN"
	used := map[int]bool{} // number tokens already counted
	for c := t.start; c < t.end; c++ {
		w, ok := tollWords[t.lower(c)]
		if !ok || !t.tollAttached(c, pred, nominal) {
			continue
		}
		if (w.cue == cueToll && !t.deathToll(c)) || (t.lower(c) == "lives" && !t.livesLost(c)) {
			continue
		}
		for _, p := range t.tollCounts(c, w.cue, w.kind) {
			if used[p.at] {
				continue
			}
			used[p.at] = true
			out.add(p.tollPart)
		}
	}
	return out
}

// tollHangs reports whether the casualty word at c hangs on pred within
// tollMaxHops, as hopsUp reads it, a coordination costing no hop: in
// "left 30 dead and 50 wounded" the second count is a conjunct of the
// first.
func (t *sentenceTree) tollHangs(c, pred int) bool {
	for i, hops, steps := c, 0, 0; i >= 0 && hops <= tollMaxHops && steps < t.end-t.start; steps++ {
		if i == pred {
			return true
		}
		h := t.head(i)
		rel := t.tok(i).DepRel
		// A predicate on a count or a noun ("left three dead" with
		// "dead" an xcomp of "three") says how they ended up: no clause
		// of its own.
		secondary := baseRel(rel) == "xcomp" && h >= 0 && t.tok(h).UPOS != "VERB" && t.tok(h).UPOS != "AUX"
		if clauseRelation(rel) && !secondary && (h != pred || (baseRel(rel) != "advcl" && baseRel(rel) != "xcomp")) {
			return false
		}
		if baseRel(rel) != "conj" {
			hops++
		}
		i = h
	}
	return false
}

// weaponClause reports a casualty verb in a relative clause on the
// weapon the predicate uses: "fired rockets that killed two Israelis".
// A clause on a person ("arrested the man who killed two") tells of
// another event.
func (t *sentenceTree) weaponClause(c, pred int) bool {
	n := -1
	if baseRel(t.tok(c).DepRel) == "acl" {
		n = t.head(c)
	} else {
		// The parser may hang the clause on the verb ("fired rockets
		// that killed" with "killed" a complement of "fired"): the noun
		// is the one its relative pronoun follows.
		for _, k := range t.children(c) {
			if t.tok(k).DepRel == "nsubj" && t.tok(k).XPOS == "WDT" && k < c {
				n = k - 1
			}
		}
	}
	if !t.in(n) || t.head(n) != pred || !weaponNouns[t.tok(n).Lemma] {
		return false
	}
	return t.tok(n).DepRel == "obj" || baseRel(t.tok(n).DepRel) == "obl"
}

// weaponNouns are what an attack is made with.
var weaponNouns = map[string]bool{
	"rocket": true, "missile": true, "shell": true, "bomb": true, "drone": true, "grenade": true, "mortar": true,
	"round": true, "bullet": true, "shot": true, "projectile": true, "explosive": true, "barrel": true, "artillery": true,
}

func (tl *toll) add(p tollPart) {
	tl.Breakdown = append(tl.Breakdown, p)
	sum := &tl.Killed
	if p.Kind == "wounded" {
		sum = &tl.Wounded
	}
	if *sum == nil {
		*sum = new(int)
	}
	**sum = min(**sum+p.Count, maxTollCount)
}

// tollAttached reports whether the casualty word at c belongs to pred.
func (t *sentenceTree) tollAttached(c, pred int, nominal bool) bool {
	if c == pred || t.tollHangs(c, pred) || t.weaponClause(c, pred) {
		return true
	}
	if !nominal {
		return false
	}
	// "the attack killed": the noun is an argument of the casualty verb;
	// "the strike caused 20 deaths": both hang on one verb.
	if t.hopsUp(pred, c, 2) >= 0 {
		return true
	}
	h := t.head(pred)
	return h >= 0 && t.hopsUp(c, h, 2) >= 0
}

// deathToll reports "toll" as in "death toll", "the toll", "casualty toll".
func (t *sentenceTree) deathToll(c int) bool {
	for j := c - 1; j >= max(t.start, c-3); j-- {
		switch t.lower(j) {
		case "death", "casualty", "the":
			return true
		}
	}
	return false
}

// livesLost reports "lives" as in "claimed 40 lives", "40 lives were
// lost", "cost 12 lives", not "saved 40 lives".
func (t *sentenceTree) livesLost(c int) bool {
	for j := max(t.start, c-tollWindow); j < min(t.end, c+4); j++ {
		switch strings.ToLower(t.tok(j).Lemma) {
		case "claim", "lose", "lost", "cost":
			return true
		}
	}
	return false
}

// countAt is a count with the index of its number token.
type countAt struct {
	tollPart
	at int
}

// tollCounts reads the counts of the casualty word at c.
func (t *sentenceTree) tollCounts(c int, cue tollCue, kind string) []countAt {
	switch cue {
	case cueToll:
		// "the death toll rose to 107", "a death toll of 107".
		for j := c + 1; j < min(t.end, c+1+tollWindow); j++ {
			if n, end, ok := t.number(j); ok {
				return []countAt{{tollPart{n, "", kind}, j}}
			} else if end < 0 {
				return nil
			}
		}
		return nil
	case cueVerb:
		if !t.passiveAt(c) {
			if cs := t.countsAfter(c, kind); len(cs) > 0 {
				return cs
			}
			if t.tok(c).XPOS != "VBN" && t.tok(c).XPOS != "JJ" {
				return nil
			}
		}
	}
	return t.countBefore(c, kind)
}

// passiveAt reports a casualty verb read passively or as an adjective:
// "were killed", "was badly hurt", "people killed in the attack".
func (t *sentenceTree) passiveAt(c int) bool {
	tk := t.tok(c)
	if strings.Contains(tk.Feats, "Voice=Pass") && tk.DepRel != "root" {
		return true
	}
	for j := c - 1; j >= max(t.start, c-3); j-- {
		w := t.lower(j)
		if beWords[w] {
			return true
		}
		if t.tok(j).UPOS != "ADV" && t.tok(j).UPOS != "PART" {
			break
		}
	}
	return false
}

// countsAfter reads the objects counted after an active casualty verb:
// "killed 12 people", "injured five U.S. troops and two contractors",
// "killed at least 30", "killed a U.S. soldier".
func (t *sentenceTree) countsAfter(c int, kind string) []countAt {
	var out []countAt
	j := c + 1
	for j < t.end {
		k, ok := t.nextNumber(j, min(t.end, j+tollWindow))
		if !ok {
			break
		}
		n, end, _ := t.number(k)
		who, whoEnd := t.counted(end)
		out = append(out, countAt{tollPart{n, who, kind}, k})
		// "... and two contractors": another count joined to this one.
		if whoEnd >= t.end || (t.lower(whoEnd) != "and" && t.tok(whoEnd).Text != ",") {
			break
		}
		j = whoEnd + 1
		if next, ok := t.nextNumber(j, min(t.end, j+3)); !ok || t.hasCasualtyWord(j, next) {
			break
		}
	}
	if len(out) == 0 {
		// "killed a U.S. soldier": one person.
		if j := c + 1; j < t.end && (t.lower(j) == "a" || t.lower(j) == "an") {
			who, end := t.counted(j + 1)
			if end > j+1 && personNoun(t.tok(end-1)) {
				out = append(out, countAt{tollPart{1, who, kind}, j})
			}
		}
	}
	return out
}

// hasCasualtyWord reports a casualty word among tokens [from, to).
func (t *sentenceTree) hasCasualtyWord(from, to int) bool {
	for j := from; j < to; j++ {
		if _, ok := tollWords[t.lower(j)]; ok {
			return true
		}
	}
	return false
}

// nextNumber finds the first number in [from, to), skipping the
// quantifiers, determiners and adjectives of a counted phrase ("at least",
// "more than", "some", "nearly"); it stops at punctuation, a verb or a
// conjunction.
func (t *sentenceTree) nextNumber(from, to int) (int, bool) {
	for j := from; j < to; j++ {
		if _, _, ok := t.number(j); ok {
			return j, true
		}
		tk := t.tok(j)
		switch tk.UPOS {
		case "PUNCT", "VERB", "AUX", "CCONJ", "SCONJ", "PRON":
			return 0, false
		case "NOUN", "PROPN":
			// "killed the commander", "dozens of": no count.
			return 0, false
		}
	}
	return 0, false
}

// countBefore reads the number before a casualty word read backwards:
// "15 soldiers died", "three dead", "12 people were killed", "20 deaths".
func (t *sentenceTree) countBefore(c int, kind string) []countAt {
	for j := c - 1; j >= max(t.start, c-tollWindow); j-- {
		tk := t.tok(j)
		if _, end, _ := t.number(j); end < 0 {
			return nil // "dozens wounded"
		}
		if tk.UPOS == "NUM" || numberWord(t.lower(j)) {
			// The number's phrase begins at its first number token.
			k := j
			for k > t.start && (t.tok(k-1).UPOS == "NUM" || numberWord(t.lower(k-1)) || t.tok(k-1).Text == "-") {
				k--
			}
			n, _, ok := t.number(k)
			if !ok {
				return nil
			}
			who, _ := t.counted(j + 1)
			if who != "" && t.tok(j+1).UPOS != "NOUN" && t.tok(j+1).UPOS != "ADJ" && t.tok(j+1).UPOS != "PROPN" {
				who = ""
			}
			return []countAt{{tollPart{n, who, kind}, k}}
		}
		switch tk.UPOS {
		case "PUNCT", "VERB", "SCONJ", "ADP":
			return nil
		}
		if w := t.lower(j); w == "and" || w == "including" {
			return nil
		}
	}
	return nil
}

// counted returns the words naming the counted people after a number
// ending before token from ("U.S. troops"), and the token after them.
func (t *sentenceTree) counted(from int) (string, int) {
	end := from
	for end < t.end && end < from+4 {
		switch t.tok(end).UPOS {
		case "NOUN", "PROPN", "ADJ":
			end++
			continue
		}
		break
	}
	// Trim a trailing casualty word: "three dead" counts no one named.
	for end > from {
		if _, ok := tollWords[t.lower(end-1)]; !ok {
			break
		}
		end--
	}
	return t.text(from, end), end
}

// personNoun reports a noun that names a person, so "a soldier" is one.
func personNoun(tk *dyad.Token) bool {
	if tk.UPOS != "NOUN" || strings.Contains(tk.Feats, "Number=Plur") {
		return false
	}
	switch strings.ToLower(tk.Lemma) {
	case "soldier", "civilian", "person", "man", "woman", "child", "boy", "girl", "officer", "policeman",
		"commander", "journalist", "worker", "contractor", "militant", "fighter", "protester", "resident",
		"guard", "pilot", "teenager", "student", "farmer", "doctor", "nurse", "member", "marine", "sailor",
		"trooper", "bystander", "passenger", "driver", "official", "leader", "citizen", "national", "hostage":
		return true
	}
	return false
}

var (
	unitWords = map[string]int{
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
		"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
		"seventeen": 17, "eighteen": 18, "nineteen": 19,
	}
	tensWords = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
	// scaleWords multiply what comes before them.
	scaleWords = map[string]int{"hundred": 100, "thousand": 1000, "million": 1_000_000}
)

func numberWord(w string) bool {
	_, u := unitWords[w]
	_, t := tensWords[w]
	_, s := scaleWords[w]
	return u || t || s || w == "dozen"
}

// number reads the number phrase starting at token j: "12", "2,500",
// "seven", "twenty-five", "two hundred", "1.2 million", "a dozen", a
// range "10 to 15" (its lower bound). end is the token after it; end is
// -1 when the token is a vague quantity ("dozens", "hundreds", "scores")
// after which no count follows.
func (t *sentenceTree) number(j int) (n, end int, ok bool) {
	w := t.lower(j)
	switch w {
	case "dozens", "hundreds", "thousands", "scores", "several", "many", "numerous":
		return 0, -1, false
	case "a", "an":
		if j+1 < t.end && t.lower(j+1) == "dozen" {
			return 12, j + 2, true
		}
		return 0, j, false
	}
	n, k, ok := t.numberRun(j)
	if !ok {
		return 0, j, false
	}
	// A range: "10 to 15", "10-15", "between 10 and 15".
	if k+1 < t.end {
		between := j > t.start && t.lower(j-1) == "between"
		switch w := t.lower(k); {
		case w == "to" || w == "-" || w == "–" || w == "or" || (w == "and" && between):
			if m, k2, ok := t.numberRun(k + 1); ok && m >= n {
				k = k2
			}
		}
	}
	return n, k, true
}

// numberRun reads consecutive number tokens from j.
func (t *sentenceTree) numberRun(j int) (int, int, bool) {
	total, current, k := 0, 0, j
	read := false
	for ; k < t.end && k < j+6; k++ {
		w := t.lower(k)
		if v, ok := digits(w); ok && !read {
			current, read = v, true
			continue
		}
		if !read && strings.Contains(w, ".") {
			f, err := strconv.ParseFloat(w, 64)
			if err != nil || f <= 0 || f >= maxTollCount {
				break
			}
			// "1.2 million": the fraction needs its scale word.
			if k+1 < t.end && t.lower(k+1) == "million" {
				return min(int(f*1_000_000), maxTollCount), k + 2, true
			}
			return 0, j, false
		}
		if v, ok := unitWords[w]; ok {
			current += v
			read = true
			continue
		}
		if v, ok := tensWords[w]; ok {
			current += v
			read = true
			continue
		}
		if w == "-" && read && k+1 < t.end {
			if _, ok := unitWords[t.lower(k+1)]; ok && current%10 == 0 && current >= 20 {
				continue // "twenty-five"
			}
			break
		}
		if v, ok := scaleWords[w]; ok && read {
			total += max(current, 1) * v
			current = 0
			continue
		}
		break
	}
	if !read {
		return 0, j, false
	}
	return min(total+current, maxTollCount), k, true
}

// digits reads "12", "2,500" or "2500".
func digits(w string) (int, bool) {
	if w == "" || len(w) > 15 {
		return 0, false
	}
	n := 0
	group := -1 // digits since the last comma, -1 before the first comma
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= '0' && c <= '9':
			n = min(n*10+int(c-'0'), 10*maxTollCount)
			if group >= 0 {
				group++
			}
		case c == ',' && i > 0 && i <= 3 && group < 0, c == ',' && group == 3:
			group = 0
		default:
			return 0, false
		}
	}
	if group >= 0 && group != 3 {
		return 0, false
	}
	return min(n, maxTollCount), true
}

// maxLowerWordBytes is the longest token lowerWords lower-cases: no word
// the tables compare tokens with is longer.
const maxLowerWordBytes = 16

// lowerWords lower-cases words for table lookups, those longer than
// maxLowerWordBytes to "", in one allocation (see convertEach).
func lowerWords(words []string) []string {
	return convertEach(len(words), func(i int) string { return words[i] }, hasUpper, appendLower, maxLowerWordBytes)
}

// appendLower appends w in lower case to dst, as strings.ToLower writes
// it.
func appendLower(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			for _, r := range w[i:] {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			return dst
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// hasUpper reports a word lower-casing may change: one with an ASCII
// capital or any non-ASCII byte.
func hasUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}
