package coder

import (
	"strings"

	"github.com/dyadnews/dyad"
)

// repairParse mends attachments the parser often gets wrong in news
// sentences and that cost the coder its arguments. Unless inPlace, the
// Doc is the caller's: when a repair is needed, the tokens are copied
// first and the copy is returned.
//
// A trailing attribution (", officials said.") is a report of the clause
// before it, not a second event coordinated with it: the parser may make
// the saying verb a conjunct and hang the main clause's own obliques on it
// ("signed a protocol with Dagolath, ..., officials said" with "with
// Dagolath" under "said"). The obliques written before the attribution's
// subject go back to the main verb, and the saying verb becomes a
// parataxis.
func repairParse(doc *dyad.Doc, sayVerbs map[string]bool, inPlace bool) *dyad.Doc {
	out := doc
	writable := func() []dyad.Token {
		if out == doc && !inPlace {
			cp := *doc
			cp.Tokens = append([]dyad.Token(nil), doc.Tokens...)
			out = &cp
		}
		return out.Tokens
	}
	for _, s := range doc.Sentences {
		if !validSpan(s, len(doc.Tokens)) {
			continue
		}
		repairPastTenseNoun(out, s, writable)
		repairNameReadAsVerb(out, s, writable)
		repairAdjectiveSubject(out, s, writable)
		// A possessor hung on a verb ("Iraq's military condemned" with
		// "military" tagged an adjective) belongs to the nominal
		// argument it is written before, whether the parse called it a
		// possessor or, from its "'s", a subject or object of its own.
		possessive := map[int]bool{}
		for j := s.Start; j < s.End; j++ {
			if t := out.Tokens[j]; t.DepRel == "case" && possessiveMarks[t.Text] {
				possessive[t.Head] = true
			}
		}
		for p := s.Start; p < s.End; p++ {
			t := &out.Tokens[p]
			if t.Head < s.Start || t.Head >= s.End || out.Tokens[t.Head].UPOS != "VERB" {
				continue
			}
			switch {
			case t.DepRel == "nmod:poss":
			case possessive[p] && (t.DepRel == "nsubj" || t.DepRel == "obj"):
			default:
				continue
			}
			v := t.Head
			for j := p + 1; j < s.End && j < p+5; j++ {
				if out.Tokens[j].Head != v {
					continue
				}
				switch out.Tokens[j].DepRel {
				case "nsubj", "nsubj:pass", "obj", "iobj", "obl":
					toks := writable()
					toks[p].Head, toks[p].DepRel = j, "nmod:poss"
				}
				break
			}
		}
		// "said John Kerry, the Secretary of State, contacted ...": a
		// verb of saying takes no person as object; the parser made the
		// reported clause's subject its object and the clause's verb a
		// conjunct.
		for v := s.Start; v < s.End; v++ {
			t := &out.Tokens[v]
			if t.UPOS != "VERB" || !reportOnlyVerbs[strings.ToLower(t.Lemma)] {
				continue
			}
			obj, conj := -1, -1
			for j := v + 1; j < s.End; j++ {
				if out.Tokens[j].Head != v {
					continue
				}
				switch out.Tokens[j].DepRel {
				case "obj":
					if u := out.Tokens[j].UPOS; (u == "PROPN" || u == "PRON" || u == "NOUN") && obj < 0 {
						obj = j
					}
				case "conj":
					if out.Tokens[j].UPOS == "VERB" && conj < 0 && obj >= 0 {
						conj = j
					}
				}
			}
			if obj < 0 || conj < 0 || hasSubject(out, conj, s) {
				continue
			}
			toks := writable()
			toks[conj].DepRel = "ccomp"
			toks[obj].Head, toks[obj].DepRel = conj, "nsubj"
		}
		repairNominalObjectSubject(out, s, writable)
		repairSpeechParticiple(out, s, writable)
		repairBareNameOblique(out, s, writable)
		repairCountAdjective(out, s, writable)
		repairConjunctionHead(out, s, writable)
		repairPossessorHead(out, s, writable)
		repairThatConjunct(out, s, writable)
		repairAttributions(out, s, sayVerbs, writable)
		repairControl(out, s, writable)
		repairListCoordination(out, s, writable)
		repairCloseAppositive(out, s, writable)
		repairPrepositionalSubject(out, s, writable)
		repairVerblessClause(out, s, writable)
		repairFiniteRelative(out, s, writable)
		repairDoubleSubject(out, s, writable)
		repairGaplessRelative(out, s, writable)
		repairTimeObject(out, s, writable)
		repairClauseReach(out, s, writable)
		repairSplitAdjectives(out, s, writable)
		repairGroupPossessive(out, s, writable)
		repairMarkedObject(out, s, writable)
		repairTimeAppositive(out, s, writable)
		repairBareInfinitive(out, s, writable)
		for v := s.Start; v < s.End; v++ {
			t := &out.Tokens[v]
			if t.UPOS != "VERB" || t.DepRel != "conj" || !sayVerbs[strings.ToLower(t.Lemma)] {
				continue
			}
			main := t.Head
			if main < s.Start || main >= v || out.Tokens[main].UPOS != "VERB" {
				continue
			}
			subj := -1
			for j := main + 1; j < v; j++ {
				if out.Tokens[j].Head == v && strings.HasPrefix(out.Tokens[j].DepRel, "nsubj") {
					subj = j
				}
			}
			// The attribution is the subject and the verb at the end of
			// the sentence, after a comma: "…, officials said."
			if subj < 0 || subj == main+1 || !commaBefore(out, subj, s.Start) || !attributionEnds(out, v, s.End) {
				continue
			}
			toks := writable()
			toks[v].DepRel = "parataxis"
			for j := main + 1; j < subj; j++ {
				if toks[j].Head == v {
					switch toks[j].DepRel {
					case "obl", "nmod", "obj", "iobj":
						toks[j].Head, toks[j].DepRel = main, "obl"
					}
				}
			}
		}
	}
	return out
}

// possessiveMarks are the spellings of the possessive "'s".
var possessiveMarks = map[string]bool{"'s": true, "’s": true, "'": true, "’": true}

// reportOnlyVerbs are verbs of saying that take what is said, never a
// person, as object ("tell" and "warn" take people).
var reportOnlyVerbs = map[string]bool{"say": true, "state": true, "announce": true, "add": true, "report": true, "claim": true}

func hasSubject(doc *dyad.Doc, v int, s dyad.Span) bool {
	for j := s.Start; j < s.End; j++ {
		if doc.Tokens[j].Head == v && strings.HasPrefix(doc.Tokens[j].DepRel, "nsubj") {
			return true
		}
	}
	return false
}

// commaBefore reports whether the phrase of subject subj (its
// determiners and modifiers) is preceded by a comma.
func commaBefore(doc *dyad.Doc, subj, start int) bool {
	j := subj - 1
	for ; j >= start; j-- {
		if doc.Tokens[j].Head != subj {
			break
		}
	}
	return j >= start && (doc.Tokens[j].Text == "," || doc.Tokens[j].Text == "—")
}

// attributionEnds reports whether only the verb's own dependents and the
// final punctuation follow the saying verb v.
func attributionEnds(doc *dyad.Doc, v, end int) bool {
	for j := v + 1; j < end; j++ {
		t := doc.Tokens[j]
		if t.UPOS == "PUNCT" {
			continue
		}
		h := t.Head
		for k := 0; k < 8 && h > v && h < end; k++ {
			h = doc.Tokens[h].Head
		}
		if h != v {
			return false
		}
	}
	return true
}

// repairAttributions mends the attribution clauses of one sentence.
//
// "A has told B that C cannot be allowed to escalate, Secretary Blinken
// said on Tuesday, even as ...": the parser may make the saying verb a
// complement of the clause it attributes and hang that clause's own
// complement on the saying verb. A saying verb whose subject follows a
// comma reports the material before the comma: when it hangs below a verb
// written before that comma, it becomes a parataxis of that verb, and its
// dependents written before the comma go back to that verb ("that C ..."
// as its complement).
//
// A saying verb with its content written after it ("Austin said the U.S.
// was sure ...") has no second content before it: a subjectless clause
// before the subject ("Asked whether he knew ..., Austin said") is an
// adverbial. A clause it governs that opens with a subordinator other than
// a complementizer ("even as the Pentagon warned ...") is an adverbial
// too.
//
// A saying verb without a subject takes the noun phrase written just
// before it as one when the tagger made that phrase's head an adjective
// or a complement ("“…,” the general said").
func repairAttributions(out *dyad.Doc, s dyad.Span, sayVerbs map[string]bool, writable func() []dyad.Token) {
	for v := s.Start; v < s.End; v++ {
		t := out.Tokens[v]
		if t.UPOS != "VERB" || !sayVerbs[strings.ToLower(t.Lemma)] {
			continue
		}
		subj := subjectOf(out, v, s)
		if subj < 0 {
			subj = repairSubjectBefore(out, v, s, writable)
		}
		if comma := phraseStart(out, subj, s.Start) - 1; subj >= 0 && subj < v && comma >= s.Start && out.Tokens[comma].Text == "," {
			h := out.Tokens[v].Head
			switch out.Tokens[v].DepRel {
			case "ccomp", "advcl", "conj", "xcomp":
				if h >= s.Start && h < comma {
					toks := writable()
					toks[v].DepRel = "parataxis"
					for j := s.Start; j < comma; j++ {
						if toks[j].Head != v {
							continue
						}
						toks[j].Head = h
						if isClause(out, j, s) && hasMark(out, j, s, complementizers) {
							toks[j].DepRel = "ccomp"
						}
					}
				}
			}
		}
		after := false
		for j := v + 1; j < s.End; j++ {
			if out.Tokens[j].Head == v && out.Tokens[j].DepRel == "ccomp" {
				after = true
			}
		}
		for j := s.Start; j < s.End; j++ {
			if out.Tokens[j].Head != v || out.Tokens[j].DepRel != "ccomp" {
				continue
			}
			before := after && j < v && subjectOf(out, j, s) < 0 && out.Tokens[j].UPOS == "VERB"
			adverbial := hasMark(out, j, s, nil)
			if before || adverbial {
				writable()[j].DepRel = "advcl"
			}
		}
	}
}

// complementizers open the clausal complement of a verb of saying.
var complementizers = map[string]bool{"that": true, "whether": true, "if": true}

// thatMark is the mark of a complement clause that may follow an object.
var thatMark = map[string]bool{"that": true}

// hasMark reports whether clause head c has a subordinating mark; with
// words non-nil, a mark among them, else one not among the
// complementizers.
func hasMark(doc *dyad.Doc, c int, s dyad.Span, words map[string]bool) bool {
	for j := s.Start; j < s.End; j++ {
		if doc.Tokens[j].Head != c || doc.Tokens[j].DepRel != "mark" {
			continue
		}
		w := strings.ToLower(doc.Tokens[j].Text)
		if words != nil {
			return words[w]
		}
		return !complementizers[w] && w != "to"
	}
	return false
}

func isClause(doc *dyad.Doc, c int, s dyad.Span) bool {
	if u := doc.Tokens[c].UPOS; u == "VERB" || u == "AUX" {
		return true
	}
	for j := s.Start; j < s.End; j++ {
		if doc.Tokens[j].Head == c && doc.Tokens[j].DepRel == "cop" {
			return true
		}
	}
	return false
}

func subjectOf(doc *dyad.Doc, v int, s dyad.Span) int {
	for j := s.Start; j < s.End; j++ {
		if doc.Tokens[j].Head == v && strings.HasPrefix(doc.Tokens[j].DepRel, "nsubj") {
			return j
		}
	}
	return -1
}

// phraseEnd is the token after the phrase headed by h: the first token
// after h that does not hang below it, or end.
func phraseEnd(doc *dyad.Doc, h, end int) int {
	j := h + 1
	for j < end && hangsBelow(doc, j, h, 0) {
		j++
	}
	return j
}

// hangsBelow reports whether token j hangs below h within eight heads,
// climbing no lower than token floor.
func hangsBelow(doc *dyad.Doc, j, h, floor int) bool {
	a := doc.Tokens[j].Head
	for k := 0; k < 8 && a >= floor && a < len(doc.Tokens) && a != h; k++ {
		a = doc.Tokens[a].Head
	}
	return a == h
}

// phraseStart is the first token of the phrase headed by h: the leftmost
// word of its subtree (a comma the parser hung on the phrase is not part
// of it).
func phraseStart(doc *dyad.Doc, h, start int) int {
	first := h
	for j := h - 1; j >= start; j-- {
		if hangsBelow(doc, j, h, start) && doc.Tokens[j].UPOS != "PUNCT" {
			first = j
		}
	}
	return first
}

// repairSubjectBefore makes the phrase written just before the saying
// verb v its subject when it follows a comma or a closing quote and the
// parser hung it on v as something else; it returns the subject or -1.
func repairSubjectBefore(doc *dyad.Doc, v int, s dyad.Span, writable func() []dyad.Token) int {
	p := v - 1
	if p < s.Start || doc.Tokens[p].Head != v {
		return -1
	}
	switch doc.Tokens[p].UPOS {
	case "NOUN", "PROPN", "ADJ":
	default:
		return -1
	}
	switch doc.Tokens[p].DepRel {
	case "ccomp", "obj", "amod", "advmod", "dep", "xcomp":
	default:
		return -1
	}
	start := phraseStart(doc, p, s.Start)
	// The phrase's determiner may hang on the verb too ("the general
	// said" with "the" a dependent of "said").
	det := -1
	if start-1 >= s.Start && doc.Tokens[start-1].UPOS == "DET" && doc.Tokens[start-1].Head == v {
		det = start - 1
		start--
	}
	if start-1 < s.Start {
		return -1
	}
	switch doc.Tokens[start-1].Text {
	case ",", "”", "\"", "’", "—":
	default:
		return -1
	}
	toks := writable()
	toks[p].DepRel = "nsubj"
	if det >= 0 {
		toks[det].Head = p
	}
	return p
}

// controlVerbs take an object and the infinitive it is asked to do
// ("urge the governments to work together", "asked them not to turn").
var controlVerbs = map[string]bool{"urge": true, "ask": true, "call": true, "press": true, "encourage": true,
	"implore": true, "beg": true, "request": true, "invite": true, "advise": true, "tell": true, "persuade": true}

// subjectControlVerbs take the infinitive their subject commits to or
// attempts ("vowed to wage war", "agreed to restore ties") as complement.
var subjectControlVerbs = map[string]bool{"vow": true, "pledge": true, "promise": true, "threaten": true,
	"agree": true, "decide": true, "refuse": true, "plan": true, "seek": true, "try": true, "attempt": true,
	"intend": true, "offer": true, "hope": true, "want": true, "aim": true, "fail": true, "decline": true,
	"vote": true, "resolve": true, "swear": true, "undertake": true}

// hasDependent reports whether v has a dependent with one of the
// relations.
func hasDependent(doc *dyad.Doc, v int, s dyad.Span, rels ...string) bool {
	for j := s.Start; j < s.End; j++ {
		if doc.Tokens[j].Head != v {
			continue
		}
		for _, r := range rels {
			if doc.Tokens[j].DepRel == r {
				return true
			}
		}
	}
	return false
}

// repairControl mends attachments the parser confuses with looser ones.
// An appeal verb's infinitive after its object, and the infinitive of a
// verb of commitment or attempt without one, is its complement (xcomp),
// not a purpose adverbial. A nominal joined to a name by a comma
// with no conjunction and with its own determiner ("Jeff Rathke, the State
// Department Spokesperson,") is an appositive, not a conjunct.
func repairControl(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for c := s.Start; c < s.End; c++ {
		t := out.Tokens[c]
		h := t.Head
		if h < s.Start || h >= c {
			continue
		}
		switch t.DepRel {
		case "obl":
			// "wants the United States to eliminate the tariffs": a bare
			// noun phrase between a verb and its infinitive is the verb's
			// object (and the infinitive's subject), not an oblique.
			if u := t.UPOS; (u != "NOUN" && u != "PROPN" && u != "PRON") || out.Tokens[h].UPOS != "VERB" || hasDependent(out, c, s, "case") {
				continue
			}
			end := min(s.End, c+12)
			if inf := phraseEnd(out, c, end); inf < end && out.Tokens[inf].Text == "to" {
				x := out.Tokens[inf].Head
				if x > inf && x < s.End && out.Tokens[x].Head == h && !hasDependent(out, h, s, "obj") {
					writable()[c].DepRel = "obj"
				}
			}
		case "advcl":
			if t.UPOS != "VERB" || !hasMark(out, c, s, map[string]bool{"to": true}) {
				continue
			}
			lemma := strings.ToLower(out.Tokens[h].Lemma)
			if subjectControlVerbs[lemma] {
				// "vowed on Thursday to wage war": what was vowed, not
				// why.
				if !hasDependent(out, h, s, "obj", "xcomp", "ccomp") && subjectOf(out, c, s) < 0 {
					writable()[c].DepRel = "xcomp"
				}
				continue
			}
			if !controlVerbs[lemma] {
				continue
			}
			obj, xcomp := -1, false
			for j := s.Start; j < s.End; j++ {
				if out.Tokens[j].Head == h {
					switch out.Tokens[j].DepRel {
					case "obj":
						obj = j
					case "xcomp", "ccomp":
						xcomp = true
					}
				}
			}
			if obj >= 0 && obj < c && !xcomp && subjectOf(out, c, s) < 0 {
				writable()[c].DepRel = "xcomp"
			}
		case "conj":
			if out.Tokens[h].UPOS != "PROPN" || (t.UPOS != "NOUN" && t.UPOS != "PROPN") {
				continue
			}
			start := phraseStart(out, c, s.Start)
			if start-1 <= h || out.Tokens[start-1].Text != "," || out.Tokens[start].UPOS != "DET" {
				continue
			}
			hasCC := false
			for j := h + 1; j < c; j++ {
				if out.Tokens[j].UPOS == "CCONJ" {
					hasCC = true
				}
			}
			if !hasCC {
				writable()[c].DepRel = "appos"
			}
		}
	}
}

// repairDoubleSubject mends a clause given more than one subject, which a
// clause never has:
//   - "has broken down relations with Libya almost five years after crowds
//     trashed its embassy", with both "relations" and "years" subjects of
//     "trashed": the first, written right after another verb (and its
//     particle), is that verb's object;
//   - "Ithilen's minister Calimehtar warned", "the evil awful Gondor
//     welcomed" with "minister" or "evil" a subject of its own: a common
//     noun or adjective written right before the next subject describes
//     it;
//   - "Arnor, Calenardhon and the evil awful Gondor welcomed" with
//     "Arnor" and "Gondor" both subjects: a subject after a conjunction
//     is a conjunct of the one before.
func repairDoubleSubject(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	// The subjects of every word before it, in one pass: a scan per word
	// was quadratic in the sentence's length.
	subjects := map[int][]int{}
	for j := s.Start; j < s.End; j++ {
		h := out.Tokens[j].Head
		if h > j && h < s.End && strings.HasPrefix(out.Tokens[j].DepRel, "nsubj") {
			subjects[h] = append(subjects[h], j)
		}
	}
	for c := s.Start; c < s.End; c++ {
		subj := subjects[c]
		// More than a few subjects of one word is no clause to mend (and
		// would make the phrase scans below quadratic).
		if len(subj) < 2 || len(subj) > 8 {
			continue
		}
		first := subj[0]
		p := phraseStart(out, first, s.Start) - 1
		for p >= s.Start && out.Tokens[p].DepRel == "compound:prt" {
			p--
		}
		if p >= s.Start && out.Tokens[p].UPOS == "VERB" && p != c {
			toks := writable()
			toks[first].Head, toks[first].DepRel = p, "obj"
			subj = subj[1:]
		}
		// Describers first, so that a conjunct takes its whole phrase.
		kept := subj[:0:0]
		for i, x := range subj {
			if i+1 < len(subj) {
				y := subj[i+1]
				if u := out.Tokens[x].UPOS; (u == "NOUN" || u == "ADJ") && phraseEnd(out, x, s.End) == phraseStart(out, y, s.Start) {
					rel := "compound"
					switch {
					case u == "ADJ":
						rel = "amod"
					case out.Tokens[y].UPOS == "PROPN":
						rel = "nmod:desc"
					}
					toks := writable()
					toks[x].Head, toks[x].DepRel = y, rel
					continue
				}
			}
			kept = append(kept, x)
		}
		for i := 1; i < len(kept); i++ {
			x, y := kept[i-1], kept[i]
			for j := phraseEnd(out, x, s.End); j < phraseStart(out, y, s.Start); j++ {
				if out.Tokens[j].UPOS == "CCONJ" {
					toks := writable()
					toks[y].Head, toks[y].DepRel = x, "conj"
					toks[j].Head, toks[j].DepRel = y, "cc"
					break
				}
				// "Mordor, the Shire, Fornost and Bree welcomed": a
				// subject after a comma, the list's conjunction still to
				// come before the verb, is a conjunct too, of the last
				// conjunct before it, as the parser chains a list.
				if out.Tokens[j].Text == "," && conjunctionBetween(out, y, c) {
					last := x
					for k := x + 1; k < y; k++ {
						if out.Tokens[k].Head == last && out.Tokens[k].DepRel == "conj" {
							last = k
						}
					}
					toks := writable()
					toks[y].Head, toks[y].DepRel = last, "conj"
					break
				}
			}
		}
	}
}

// repairGaplessRelative mends a content clause taken for a relative one:
// in "expressed hopes that Osgiliath could be drawn into ..." the passive
// verb has its subject and takes no object, so "that" fills no gap; it is
// the complementizer and the clause the noun's content (acl).
func repairGaplessRelative(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for j := s.Start; j < s.End; j++ {
		t := out.Tokens[j]
		h := t.Head
		if !strings.EqualFold(t.Text, "that") || t.DepRel != "obj" || h <= j || h >= s.End || out.Tokens[h].DepRel != "acl:relcl" {
			continue
		}
		passiveSubj := false
		for k := j + 1; k < h; k++ {
			if out.Tokens[k].Head == h && out.Tokens[k].DepRel == "nsubj:pass" {
				passiveSubj = true
			}
		}
		if !passiveSubj {
			continue
		}
		toks := writable()
		toks[j].DepRel, toks[j].UPOS = "mark", "SCONJ"
		toks[h].DepRel = "acl"
	}
}

// maxReachBack bounds how far before its comma repairClauseReach looks
// for a clause's stray dependent ("on Tuesday"), which keeps the repair
// linear on hostile sentences.
const maxReachBack = 12

// repairClauseReach mends a subordinate clause that reaches back across
// the comma before it: in "..., Blinken said on Tuesday, even as the
// Pentagon warned ...", the parser may hang "on Tuesday" on "warned". A
// clause opened by its mark ("as", "while", "because") after a comma
// begins there, so a dependent of its verb written before that comma
// belongs to the verb the clause itself depends on.
func repairClauseReach(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for m := s.Start + 1; m < s.End; m++ {
		c := out.Tokens[m].Head
		if out.Tokens[m].DepRel != "mark" || c <= m || c >= s.End {
			continue
		}
		h := out.Tokens[c].Head
		if h < s.Start || h >= s.End {
			continue
		}
		// The comma that opens the clause: before the mark, past an
		// adverb of the clause ("even as").
		comma := m - 1
		for comma > s.Start && out.Tokens[comma].Head == c && out.Tokens[comma].DepRel == "advmod" {
			comma--
		}
		if out.Tokens[comma].Text != "," {
			continue
		}
		for k := max(s.Start, comma-maxReachBack); k < comma; k++ {
			if out.Tokens[k].Head == c && out.Tokens[k].UPOS != "PUNCT" {
				writable()[k].Head = h
			}
		}
	}
}

// repairSplitAdjectives mends coordinated adjectives the parser split
// between the noun they describe and the verb: in "Gondor's awful and
// evil minister Calimehtar warned Arnor" it may hang "awful" (with the
// possessor "Gondor's") and "and" on "warned" and only "evil" on
// "minister". The first adjective is the noun's modifier, the second its
// conjunct, and a possessor written before them is the noun's.
func repairSplitAdjectives(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for a := s.Start; a+2 < s.End; a++ {
		c, b := a+1, a+2
		ta, tc, tb := out.Tokens[a], out.Tokens[c], out.Tokens[b]
		if ta.UPOS != "ADJ" || tb.UPOS != "ADJ" || tc.UPOS != "CCONJ" || tb.DepRel != "amod" {
			continue
		}
		n, v := tb.Head, ta.Head
		if n <= b || n >= s.End || v <= n || v >= s.End || out.Tokens[v].UPOS != "VERB" || tc.Head == b {
			continue
		}
		toks := writable()
		toks[a].Head, toks[a].DepRel = n, "amod"
		toks[b].Head, toks[b].DepRel = a, "conj"
		toks[c].Head, toks[c].DepRel = b, "cc"
		for j := s.Start; j < a; j++ {
			if toks[j].Head == a && toks[j].DepRel == "nmod:poss" {
				toks[j].Head = n
			}
		}
	}
}

// repairGroupPossessive mends a possessive on a phrase with "of": in "the
// Church of Scientology's website" or "the Bank of England's governor"
// the possessor is the whole "Church of Scientology", and the possessed
// noun heads the phrase, but the parser may hang "website" on "Church"
// through "of" and make "Scientology" its possessor, which turns an
// attack on a website into one on a church.
func repairGroupPossessive(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for z := s.Start; z < s.End; z++ {
		tz := out.Tokens[z]
		n := tz.Head
		// "Church of Scientology 's website": a few words apart.
		if tz.DepRel != "nmod" || n < s.Start || n >= z || z-n > 8 {
			continue
		}
		of, y := -1, -1
		for j := n + 1; j < z; j++ {
			t := out.Tokens[j]
			switch {
			case t.Head == z && t.DepRel == "case" && strings.EqualFold(t.Text, "of"):
				of = j
			case t.Head == z && t.DepRel == "nmod:poss" && of >= 0:
				y = j
			}
		}
		if y < 0 || !hasPossessiveMark(out, y, s) {
			continue
		}
		toks := writable()
		toks[z].Head, toks[z].DepRel = toks[n].Head, toks[n].DepRel
		toks[n].Head, toks[n].DepRel = z, "nmod:poss"
		toks[y].Head, toks[y].DepRel = n, "nmod"
		toks[of].Head = y
	}
}

// hasPossessiveMark reports whether token y has a possessive "'s".
func hasPossessiveMark(doc *dyad.Doc, y int, s dyad.Span) bool {
	for j := y + 1; j < s.End && j <= y+2; j++ {
		if t := doc.Tokens[j]; t.Head == y && t.DepRel == "case" && possessiveMarks[t.Text] {
			return true
		}
	}
	return false
}

// repairMarkedObject mends an object with an adposition of its own: "have
// been killed, according to credible reports" with "reports" the object
// of "killed". A core argument takes no adposition, so the phrase is an
// oblique.
func repairMarkedObject(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for j := s.Start; j < s.End; j++ {
		t := out.Tokens[j]
		if t.DepRel != "case" || t.UPOS == "PART" || possessiveMarks[t.Text] || t.Head < s.Start || t.Head >= s.End {
			continue
		}
		if o := t.Head; out.Tokens[o].DepRel == "obj" || out.Tokens[o].DepRel == "iobj" {
			writable()[o].DepRel = "obl"
		}
	}
}

// repairTimeAppositive mends a news opening with the time in front read
// as a noun phrase about the time: in "Late Sunday, an air strike ...
// killed 12 people" the parser may make "Sunday" the root, "strike" its
// appositive and "killed" a clause on "strike"; in "Earlier on Monday, a
// roadside bomb ... wounded three soldiers" it may hang "bomb" on
// "Monday" and leave "wounded" without a subject. A time is never in
// apposition to a thing: the appositive is the subject of the verb that
// follows it, which heads the sentence, and the time is that verb's.
func repairTimeAppositive(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for a := s.Start; a < s.End; a++ {
		t := out.Tokens[a].Head
		if out.Tokens[a].DepRel != "appos" || t < s.Start || t >= a || !timeWords[strings.ToLower(out.Tokens[t].Text)] {
			continue
		}
		switch v := out.Tokens[t].Head; {
		case v > a && v < s.End && out.Tokens[v].UPOS == "VERB" && subjectOf(out, v, s) < 0:
			// "Monday" already hangs on the verb.
			toks := writable()
			toks[a].Head, toks[a].DepRel = v, "nsubj"
		case v < 0:
			// "Sunday" is the root: the verb is a clause on the appositive.
			for c := a + 1; c < s.End; c++ {
				tc := out.Tokens[c]
				if tc.Head != a || tc.UPOS != "VERB" || !finiteTags[tc.XPOS] || subjectOf(out, c, s) >= 0 {
					continue
				}
				toks := writable()
				toks[c].Head, toks[c].DepRel = -1, "root"
				toks[a].Head, toks[a].DepRel = c, "nsubj"
				toks[t].Head, toks[t].DepRel = c, "obl:unmarked"
				if hasDependent(out, t, s, "case") {
					toks[t].DepRel = "obl"
				}
				// The sentence's other parts the root held (its final
				// punctuation) go to the new root.
				for j := a + 1; j < s.End; j++ {
					if toks[j].Head == t {
						toks[j].Head = c
					}
				}
				break
			}
		}
	}
}

// repairBareInfinitive mends "would like to see China agree to
// purchases" parsed with "China" the subject of a clause "China agree":
// after a verb of perception or causation, a bare infinitive takes the
// noun before it as the verb's object and is its xcomp, as UD annotates
// "saw him leave", so the coder finds whom it is about.
func repairBareInfinitive(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for c := s.Start; c < s.End; c++ {
		t := out.Tokens[c]
		v := t.Head
		if t.DepRel != "ccomp" || (t.XPOS != "VB" && t.XPOS != "VBP") || v < s.Start || v >= c || !bareInfinitiveVerbs[strings.ToLower(out.Tokens[v].Lemma)] {
			continue
		}
		if hasDependent(out, c, s, "mark", "aux", "aux:pass") {
			continue
		}
		x := subjectOf(out, c, s)
		if x <= v || x >= c || hasDependent(out, v, s, "obj") {
			continue
		}
		toks := writable()
		toks[x].Head, toks[x].DepRel = v, "obj"
		toks[c].DepRel = "xcomp"
	}
}

// bareInfinitiveVerbs take an object and a bare infinitive: "see China
// agree", "let them go", "made him resign".
var bareInfinitiveVerbs = map[string]bool{"see": true, "watch": true, "hear": true, "let": true, "make": true, "help": true, "have": true, "feel": true, "notice": true}

// timeWords are the nouns a news opening names the time with.
var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"today": true, "yesterday": true, "tonight": true, "morning": true, "afternoon": true, "evening": true, "night": true,
	"week": true, "month": true, "year": true, "weekend": true,
}

// finiteTags are the tags of a finite verb.
var finiteTags = map[string]bool{"VBD": true, "VBZ": true, "VBP": true}

// timeUnits are nouns of a span of time.
var timeUnits = map[string]bool{"year": true, "month": true, "week": true, "day": true, "hour": true, "minute": true, "decade": true}

// repairTimeObject mends a verb given two objects, the second a span of
// time ("adopt a resolution with Gondor almost five years after ..."): a
// counted time is an adverbial of time (obl:tmod), not a second object.
func repairTimeObject(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for j := s.Start; j < s.End; j++ {
		t := out.Tokens[j]
		h := t.Head
		if t.DepRel != "obj" || !timeUnits[strings.ToLower(t.Lemma)] || h < s.Start || h >= j {
			continue
		}
		earlier := false
		for k := h + 1; k < j; k++ {
			if out.Tokens[k].Head == h && out.Tokens[k].DepRel == "obj" {
				earlier = true
			}
		}
		if earlier {
			writable()[j].DepRel = "obl:tmod"
		}
	}
}

// repairListCoordination mends a coordination taken for a list or an
// apposition: "Evil Mordor, the awful Fornost, and good Gondor welcomed"
// with "Fornost" and "Gondor" as list dependents of the first name. Names
// listed after a name, the last of them with a conjunction of its own,
// are conjuncts.
func repairListCoordination(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for h := s.Start; h < s.End; h++ {
		if u := out.Tokens[h].UPOS; u != "PROPN" && u != "NOUN" {
			continue
		}
		var items []int
		for j := h + 1; j < s.End; j++ {
			if out.Tokens[j].Head == h && out.Tokens[j].DepRel == "list" {
				items = append(items, j)
			}
		}
		if len(items) == 0 || !hasDependent(out, items[len(items)-1], s, "cc") {
			continue
		}
		nominal := true
		for _, j := range items {
			if u := out.Tokens[j].UPOS; u != "PROPN" && u != "NOUN" {
				nominal = false
			}
		}
		if !nominal {
			continue
		}
		toks := writable()
		for _, j := range items {
			toks[j].DepRel = "conj"
		}
	}
	// "Mordor, the Shire, Fornost and Bree" with "the Shire" an
	// appositive of "Mordor" and the rest its conjuncts: an appositive
	// that goes on into a coordination ending in a conjunction is the
	// list's second item.
	for c := s.Start; c < s.End; c++ {
		t := out.Tokens[c]
		if t.DepRel != "appos" || t.Head < s.Start || t.Head >= c || (t.UPOS != "PROPN" && t.UPOS != "NOUN") {
			continue
		}
		if coordinationEnds(out, c, s) {
			writable()[c].DepRel = "conj"
		}
	}
}

// coordinationEnds reports whether the conjuncts hung on c, or on one
// another below it, make a list that goes on after a comma and ends in a
// conjunction ("the Shire, Fornost and Bree"); a coordinated appositive
// ("Valeska Paris, an Australian woman and former Scientologist") has no
// comma inside.
func coordinationEnds(doc *dyad.Doc, c int, s dyad.Span) bool {
	first := -1
	for k := c + 1; k < s.End; k++ {
		if doc.Tokens[k].Head == c && doc.Tokens[k].DepRel == "conj" {
			first = k
			break
		}
	}
	if first < 0 {
		return false
	}
	if p := phraseStart(doc, first, s.Start) - 1; p < s.Start || doc.Tokens[p].Text != "," {
		return false
	}
	h := c
	for range 8 {
		next := -1
		for k := h + 1; k < s.End; k++ {
			if doc.Tokens[k].Head == h && doc.Tokens[k].DepRel == "conj" {
				if hasDependent(doc, k, s, "cc") {
					return true
				}
				if next < 0 {
					next = k
				}
			}
		}
		if next < 0 {
			return false
		}
		h = next
	}
	return false
}

// repairCloseAppositive mends a close appositive hung on the wrong noun
// (as an appositive or a nominal modifier without a preposition): in "the
// commander of the Lebanese group Hezbollah" the name written right after
// "group", with no comma, names the group, not the commander.
func repairCloseAppositive(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for j := s.Start + 1; j < s.End; j++ {
		t := out.Tokens[j]
		prev := j - 1
		if (t.DepRel != "appos" && (t.DepRel != "nmod" || hasDependent(out, j, s, "case"))) || t.UPOS != "PROPN" || t.Head == prev || t.Head >= j || t.Head < s.Start {
			continue
		}
		if out.Tokens[prev].UPOS != "NOUN" || out.Tokens[prev].Head == j {
			continue
		}
		// The noun before must itself hang below the appositive's
		// head: the name stays inside the phrase it was written in.
		h, inside := out.Tokens[prev].Head, false
		for k := 0; k < 4 && h >= s.Start && h < s.End; k++ {
			if h == t.Head {
				inside = true
				break
			}
			h = out.Tokens[h].Head
		}
		if inside {
			toks := writable()
			toks[j].Head, toks[j].DepRel = prev, "appos"
		}
	}
}

// repairPrepositionalSubject mends a prepositional phrase taken for the
// subject of a clause: in "welcomed ties between Minas Tirith and
// Osgiliath after a rift, the agency said" the parser made "between" a
// subordinator of "said" and "Minas Tirith" its subject, though "said"
// has its own subject after the comma. A preposition heads no clause
// whose verb has a second subject: the nominal goes back to the noun
// written before the preposition, as its modifier.
func repairPrepositionalSubject(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for p := s.Start + 1; p+1 < s.End; p++ {
		t := out.Tokens[p]
		if t.UPOS != "ADP" || t.DepRel != "mark" || out.Tokens[p-1].UPOS != "NOUN" {
			continue
		}
		v := t.Head
		if v < s.Start || v >= s.End || v <= p {
			continue
		}
		// The nominal right after the preposition is a subject of v,
		// and v has another subject after it.
		first, second := -1, -1
		for j := p + 1; j < v; j++ {
			if out.Tokens[j].Head == v && strings.HasPrefix(out.Tokens[j].DepRel, "nsubj") {
				if first < 0 {
					first = j
				} else if second < 0 {
					second = j
				}
			}
		}
		if first < 0 || second < 0 || phraseStart(out, first, s.Start) != p+1 {
			continue
		}
		toks := writable()
		toks[first].Head, toks[first].DepRel = p-1, "nmod"
		toks[p].Head, toks[p].DepRel = first, "case"
	}
}

// repairVerblessClause mends a sentence parsed as one noun phrase around
// its own verb: "Russian police arrested students in Moscow" with
// "arrested" an adjective of "students", or "Syrian rebels battled
// Russian troops" with the past tense "battled" one. A sentence with no
// other finite verb whose root noun has such a participle or past tense
// right after another nominal, written before it, is a clause: that
// nominal its subject, the verb its verb, the root noun its object.
func repairVerblessClause(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	root, first, finite := nominalRoot(out, s)
	if root < 0 || finite > 1 {
		return
	}
	for v := s.Start + 1; v < root; v++ {
		t := out.Tokens[v]
		if t.UPOS != "VERB" || t.DepRel != "amod" || t.Head != root || (t.XPOS != "VBN" && t.XPOS != "VBD") {
			continue
		}
		if finite == 1 && first != v {
			// The sentence's one finite verb is another word.
			return
		}
		subj := v - 1
		st := out.Tokens[subj]
		if (st.UPOS != "NOUN" && st.UPOS != "PROPN") || (st.Head != v && st.Head != root) {
			return
		}
		toks := writable()
		toks[v].Head, toks[v].DepRel = -1, "root"
		toks[subj].Head, toks[subj].DepRel = v, "nsubj"
		toks[root].Head, toks[root].DepRel = v, "obj"
		for j := s.Start; j < s.End; j++ {
			// The root's punctuation and adverbials of time go to the
			// new root.
			if j != v && toks[j].Head == root && (toks[j].DepRel == "punct" || toks[j].DepRel == "nmod:unmarked" || toks[j].DepRel == "obl:tmod") {
				toks[j].Head = v
			}
		}
		return
	}
}

// repairFiniteRelative mends a sentence parsed as a noun and a relative
// clause on it: "Israeli troops attacked Hamas fighters in Gaza." with
// "attacked" an acl of "troops". In a sentence with no other finite verb,
// a verb hanging on the root noun after it without a relative's own
// subject or marker is the sentence's verb and the noun its subject when
// it is a past tense (VBD; a reduced relative is a participle) or a
// participle with a direct object, which a passive participle cannot
// take (but "given a medal", "denied a visa": ditransitives can).
func repairFiniteRelative(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	root, v, finite := nominalRoot(out, s)
	if root < 0 || finite > 1 {
		return
	}
	if v < 0 {
		// No finite verb: the first participle on the root after it.
		for j := root + 1; j < s.End; j++ {
			if t := out.Tokens[j]; t.Head == root && t.DepRel == "acl" && t.XPOS == "VBN" {
				v = j
				break
			}
		}
	}
	if v <= root {
		return
	}
	t := out.Tokens[v]
	if t.Head != root || t.DepRel != "acl" || (t.XPOS != "VBD" && t.XPOS != "VBN") {
		return
	}
	object := false
	for j := s.Start; j < s.End; j++ {
		if out.Tokens[j].Head != v {
			continue
		}
		switch out.Tokens[j].DepRel {
		case "nsubj", "nsubj:pass", "mark", "aux", "aux:pass":
			return
		case "obj":
			object = true
		}
	}
	if t.XPOS == "VBN" && (!object || ditransitiveVerbs[strings.ToLower(t.Lemma)]) {
		return
	}
	toks := writable()
	toks[v].Head, toks[v].DepRel = -1, "root"
	toks[root].Head, toks[root].DepRel = v, "nsubj"
	for j := v + 1; j < s.End; j++ {
		if toks[j].Head == root && toks[j].DepRel == "punct" {
			toks[j].Head = v
		}
	}
}

// ditransitiveVerbs take a second object in the passive: "a soldier
// given a medal", "journalists denied visas".
var ditransitiveVerbs = map[string]bool{"give": true, "award": true, "grant": true, "deny": true, "offer": true,
	"promise": true, "send": true, "hand": true, "pay": true, "show": true, "tell": true, "teach": true,
	"lend": true, "owe": true, "refuse": true, "allow": true, "charge": true, "fine": true, "issue": true}

// nominalRoot reads what the verbless-sentence repairs need of sentence
// s: its root when that is a noun or proper noun (else -1), the first
// finite verb or auxiliary other than the root (else -1), and how many
// such finite words there are.
func nominalRoot(out *dyad.Doc, s dyad.Span) (root, firstFinite, finite int) {
	root, firstFinite = -1, -1
	for j := s.Start; j < s.End; j++ {
		t := out.Tokens[j]
		switch {
		case t.DepRel == "root":
			root = j
		case t.UPOS == "VERB" || t.UPOS == "AUX":
			if x := t.XPOS; x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD" {
				if finite == 0 {
					firstFinite = j
				}
				finite++
			}
		}
	}
	if root >= 0 {
		if u := out.Tokens[root].UPOS; u != "NOUN" && u != "PROPN" {
			root = -1
		}
	}
	return root, firstFinite, finite
}

// repairAdjectiveSubject mends a subject parsed as a nominal's modifier
// of the verb: "Iraq's military condemned the attack" with "military",
// tagged an adjective, an amod of "condemned", or "The South retaliated"
// with "South" a compound of "retaliated". Such modifiers qualify
// nominals, never verbs, so an adjective written before a verb that has
// no subject, and led by a determiner or a possessor, is that verb's
// subject, and so is a noun written right before a finite verb (or a
// participle heading the sentence without an auxiliary, which the tagger
// took for a past tense's look-alike).
func repairAdjectiveSubject(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for a := s.Start; a < s.End; a++ {
		t := out.Tokens[a]
		v := t.Head
		if v <= a || v >= s.End || out.Tokens[v].UPOS != "VERB" || hasSubject(out, v, s) {
			continue
		}
		switch x := out.Tokens[v].XPOS; {
		case t.UPOS == "ADJ" && t.DepRel == "amod" && ledAsNominal(out, a, v, s):
		case (t.UPOS == "NOUN" || t.UPOS == "PROPN") && t.DepRel == "compound" && v == a+1 &&
			(x == "VBD" || x == "VBZ" || x == "VBP" || x == "VBN" && out.Tokens[v].DepRel == "root" && !hasDependent(out, v, s, "aux", "aux:pass")):
		default:
			continue
		}
		writable()[a].DepRel = "nsubj"
	}
}

// ledAsNominal reports whether the word at a, hanging on v, is led by a
// determiner or a possessor of its own or, the parse having hung it on v
// too, written right before it.
func ledAsNominal(doc *dyad.Doc, a, v int, s dyad.Span) bool {
	for j := s.Start; j < a; j++ {
		t := doc.Tokens[j]
		switch {
		case t.Head == a && (t.DepRel == "det" || t.DepRel == "nmod:poss"):
			return true
		case t.Head == v && t.DepRel == "nmod:poss" && j == a-2 && doc.Tokens[a-1].Head == j && doc.Tokens[a-1].DepRel == "case":
			return true
		}
	}
	return false
}

// repairNominalObjectSubject mends a secondary predicate parsed as an
// object with a subject of its own: "took five Israeli soldiers hostage"
// with "soldiers" the subject of "hostage". A noun has a subject only
// as a copula's predicate; with no copula, its subject is the verb's
// object and the noun says what the object became, an xcomp as UD has
// it ("took the priests hostages", "elected him president").
func repairNominalObjectSubject(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for n := s.Start; n < s.End; n++ {
		t := out.Tokens[n]
		v := t.Head
		if t.UPOS != "NOUN" || t.DepRel != "obj" || v < s.Start || v >= n || out.Tokens[v].UPOS != "VERB" {
			continue
		}
		subj, copula := -1, false
		for j := s.Start; j < s.End; j++ {
			if out.Tokens[j].Head != n {
				continue
			}
			switch out.Tokens[j].DepRel {
			case "nsubj":
				subj = j
			case "cop":
				copula = true
			}
		}
		if subj < v || subj > n || copula {
			continue
		}
		toks := writable()
		toks[subj].Head, toks[subj].DepRel = v, "obj"
		toks[n].DepRel = "xcomp"
	}
}

// repairSpeechParticiple mends a verb that introduces quotes
// (speechVerbs) parsed as a participle on the speaker: "The senator
// commented, "We will vote against it."" with "commented" an acl of
// "senator" and "senator" the subject of "vote". Such a verb followed by
// a comma or colon and then the clause its noun is the subject of
// introduces that clause: it takes the noun as its subject, the clause
// as its complement and the punctuation between them.
func repairSpeechParticiple(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for v := s.Start + 1; v+1 < s.End; v++ {
		t := out.Tokens[v]
		n := t.Head
		if t.UPOS != "VERB" || t.DepRel != "acl" || n < s.Start || n >= v || !speechVerbs[strings.ToLower(t.Lemma)] {
			continue
		}
		if p := out.Tokens[v+1].Text; p != "," && p != ":" {
			continue
		}
		c := out.Tokens[n].Head
		if c <= v+1 || c >= s.End || !strings.HasPrefix(out.Tokens[n].DepRel, "nsubj") {
			continue
		}
		toks := writable()
		toks[v].Head, toks[v].DepRel = toks[c].Head, toks[c].DepRel
		toks[c].Head, toks[c].DepRel = v, "ccomp"
		toks[n].Head, toks[n].DepRel = v, "nsubj"
		for j := v + 1; j < c; j++ {
			if toks[j].Head == c && toks[j].DepRel == "punct" {
				toks[j].Head = v
			}
		}
	}
}

// repairBareNameOblique mends a name parsed as an oblique of the verb
// without a preposition: "killed a commander of the Lebanese group
// Hezbollah" with "Hezbollah" an obl of "killed". A name written right
// after a common noun, with no case marker of its own, names that noun:
// an apposition ("the group Hezbollah", "his brother Ahmed"). Days and
// months are left alone: "killed three people Monday" is a time.
func repairBareNameOblique(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for p := s.Start + 1; p < s.End; p++ {
		t := out.Tokens[p]
		if t.UPOS != "PROPN" || t.DepRel != "obl" || calendarWords[strings.ToLower(t.Text)] {
			continue
		}
		if v := t.Head; v < s.Start || v >= s.End || out.Tokens[v].UPOS != "VERB" || out.Tokens[p-1].UPOS != "NOUN" {
			continue
		}
		if !hasDependent(out, p, s, "case", "mark") {
			toks := writable()
			toks[p].Head, toks[p].DepRel = p-1, "appos"
		}
	}
}

// calendarWords are the names of the days and months.
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
}

// repairCountAdjective mends an adjective that says how a count ended up,
// parsed as a clause of its own: "left 30 dead and 50 wounded" with
// "wounded" a parataxis of "30". An adjective right after a number,
// hanging elsewhere as a parataxis or dep, modifies that number.
func repairCountAdjective(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for p := s.Start + 1; p < s.End; p++ {
		t := out.Tokens[p]
		if t.UPOS != "ADJ" || (t.DepRel != "parataxis" && t.DepRel != "dep") || t.Head == p-1 || out.Tokens[p-1].UPOS != "NUM" {
			continue
		}
		toks := writable()
		toks[p].Head, toks[p].DepRel = p-1, "amod"
	}
}

// conjunctionBetween reports whether a coordinating conjunction is
// written between tokens a and b.
func conjunctionBetween(doc *dyad.Doc, a, b int) bool {
	for j := a + 1; j < b; j++ {
		if doc.Tokens[j].UPOS == "CCONJ" {
			return true
		}
	}
	return false
}

// repairConjunctionHead mends a coordinating conjunction parsed as the
// head of what it coordinates: "killed 12 people and wounded at least 30"
// with "and" an nmod of "people" and "30" an obl of "and". A conjunction
// heads no content word (EWT train has none but punctuation, other
// conjunctions and conjuncts under one), so its first content dependent
// after it is the conjunct of the word the conjunction hung on, and the
// conjunction its cc.
func repairConjunctionHead(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for c := s.Start; c < s.End; c++ {
		t := out.Tokens[c]
		if t.UPOS != "CCONJ" || t.DepRel == "cc" || t.Head < s.Start || t.Head >= c {
			continue
		}
		d := -1
		for j := c + 1; j < s.End; j++ {
			if out.Tokens[j].Head != c {
				continue
			}
			switch out.Tokens[j].DepRel {
			case "punct", "cc", "conj", "fixed":
			default:
				d = j
			}
			if d >= 0 {
				break
			}
		}
		if d < 0 {
			continue
		}
		toks := writable()
		toks[d].Head, toks[d].DepRel = t.Head, "conj"
		for j := s.Start; j < s.End; j++ {
			if j != d && toks[j].Head == c {
				toks[j].Head = d
			}
		}
		toks[c].Head, toks[c].DepRel = d, "cc"
	}
}

// repairPossessorHead mends a possessor parsed as the head of what it
// owns: "Jordan's King Abdullah met" with "Jordan" the subject and
// "Abdullah" a list item under it. A word marked by a possessive "'s" is
// a possessor, an nmod:poss of the nominal written after it; when that
// nominal hangs on the possessor, the nominal takes the possessor's
// place in the sentence and the possessor hangs on it.
func repairPossessorHead(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for p := s.Start; p+2 < s.End; p++ {
		t := out.Tokens[p]
		if t.DepRel == "nmod:poss" || !hasPossessiveMark(out, p, s) {
			continue
		}
		y := -1
		for j := p + 2; j < s.End && j <= p+5; j++ {
			if u := out.Tokens[j]; u.Head == p && (u.UPOS == "NOUN" || u.UPOS == "PROPN") {
				switch u.DepRel {
				case "list", "appos", "dep", "compound", "flat", "nmod", "obj", "conj", "parataxis":
					y = j
				}
				break
			}
		}
		if y < 0 {
			continue
		}
		toks := writable()
		toks[y].Head, toks[y].DepRel = t.Head, t.DepRel
		toks[p].Head, toks[p].DepRel = y, "nmod:poss"
		for j := y + 1; j < s.End; j++ {
			// What followed the owned nominal was the sentence's, not
			// the possessor's.
			if toks[j].Head == p {
				toks[j].Head = y
			}
		}
	}
}

// repairPastTenseNoun mends a past tense the tagger read as a noun and the
// parser as the subject of the verb coordinated with it: "Iraq's military
// condemned on Tuesday what it called reckless actions and said it had
// captured a truck" with "condemned" a noun and the subject of "said". A
// subject is never cut off from its verb by that verb's own conjunction,
// so a bare noun in -ed, with no determiner, written before the "and" of
// the verb it is the subject of, is the first verb of the coordination:
// it takes the second verb's place, the second verb becomes its
// conjunct, and its nominal dependents after it become its obliques.
func repairPastTenseNoun(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for n := s.Start + 1; n < s.End; n++ {
		t := out.Tokens[n]
		v := t.Head
		if t.UPOS != "NOUN" || t.DepRel != "nsubj" || v <= n+1 || v >= s.End || out.Tokens[v].UPOS != "VERB" ||
			!strings.HasSuffix(t.Text, "ed") || strings.ToLower(t.Text) != t.Text || hasDependent(out, n, s, "det") {
			continue
		}
		cc := false
		for j := n + 1; j < v; j++ {
			if u := out.Tokens[j]; u.Head == v && u.DepRel == "cc" {
				cc = true
			}
		}
		if !cc {
			continue
		}
		toks := writable()
		toks[n].UPOS, toks[n].XPOS = "VERB", "VBD"
		toks[n].Head, toks[n].DepRel = toks[v].Head, toks[v].DepRel
		toks[v].Head, toks[v].DepRel = n, "conj"
		for j := s.Start; j < s.End; j++ {
			switch {
			case toks[j].Head == v && j < n:
				// The subject and what else came before the verbs.
				toks[j].Head = n
			case toks[j].Head == n && j > n && toks[j].DepRel == "nmod":
				toks[j].DepRel = "obl"
			case toks[j].Head == v && toks[j].DepRel == "punct" && j == s.End-1:
				toks[j].Head = n
			}
		}
	}
}

// repairNameReadAsVerb mends a sentence opened by a name in -ing that the
// tagger read as a gerund and the parser made the root: "Pyongyang on
// Thursday fired two shells" with "Pyongyang" a verb and "fired" its
// conjunct. A capitalised gerund heading the sentence with no subject,
// object or auxiliary, whose conjunct is a finite verb with no "and" and
// no subject of its own, is that verb's subject.
func repairNameReadAsVerb(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	n := s.Start
	t := out.Tokens[n]
	if t.XPOS != "VBG" || t.DepRel != "root" || !capitalised(t.Text) || hasDependent(out, n, s, "nsubj", "obj", "aux", "cop") {
		return
	}
	v := -1
	for j := n + 1; j < s.End; j++ {
		if u := out.Tokens[j]; u.Head == n && u.DepRel == "conj" {
			if x := u.XPOS; u.UPOS == "VERB" && (x == "VBD" || x == "VBZ" || x == "VBP") {
				v = j
			}
			break
		}
	}
	if v < 0 || hasDependent(out, v, s, "cc", "nsubj", "nsubj:pass") {
		return
	}
	toks := writable()
	toks[v].Head, toks[v].DepRel = t.Head, t.DepRel
	toks[n].Head, toks[n].DepRel, toks[n].UPOS, toks[n].XPOS = v, "nsubj", "PROPN", "NNP"
	for j := n + 1; j < s.End; j++ {
		if j != v && toks[j].Head == n {
			toks[j].Head = v
		}
	}
}

// repairThatConjunct mends a complement clause parsed as a conjunct of the
// verb before it: "Eriador expressed hopes on Thursday that Osgiliath
// could be drawn into the peace process" with "drawn" a conj of
// "expressed". A clause opened by "that" and joined by no conjunction is
// no conjunct but a complement: of the verb's object when that names no
// person (the content of "hopes", "fears", "claims"), else of the verb
// ("told reporters that ...").
func repairThatConjunct(out *dyad.Doc, s dyad.Span, writable func() []dyad.Token) {
	for c := s.Start + 1; c < s.End; c++ {
		t := out.Tokens[c]
		v := t.Head
		if t.UPOS != "VERB" || t.DepRel != "conj" || v < s.Start || v >= c || out.Tokens[v].UPOS != "VERB" || hasDependent(out, c, s, "cc") {
			continue
		}
		if !hasMark(out, c, s, thatMark) {
			continue
		}
		obj := -1
		for j := v + 1; j < c; j++ {
			if u := out.Tokens[j]; u.Head == v && u.DepRel == "obj" {
				obj = j
			}
		}
		toks := writable()
		if obj >= 0 && toks[obj].UPOS == "NOUN" && !namesPeople(toks[obj].Lemma) {
			toks[c].Head, toks[c].DepRel = obj, "acl"
		} else {
			toks[c].DepRel = "ccomp"
		}
	}
}
