package parser

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// News leads its sentences with the time far more often than the web text
// of EWT does ("Earlier Monday, a rocket attack ... wounded seven U.S.
// personnel"; "Late Sunday, an air strike ... killed 12 people"), and a
// parser that has seen few such openings reads the day as the root or the
// subject, which loses the event's actor. FrontedTimes writes such
// openings into copies of training sentences, annotated as EWT annotates
// its few: "On Monday ," is obl with case, "Last week ," obl:unmarked with
// amod, "Earlier Monday ," obl:unmarked with advmod, and the comma is the
// time word's punct.

// timeWord is one word of a time opening; head is the index of its head
// in the opening, or -1 for the opening's head, which the clause's root
// governs.
type timeWord struct {
	form, lemma, upos, xpos, feats, rel string
	head                                int
}

var (
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	months   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	periods  = []string{"week", "month", "year", "night"}
)

// timeOpening returns a random time opening, without its comma.
func timeOpening(rng *rand.Rand) []timeWord {
	day := weekdays[rng.IntN(len(weekdays))]
	dayWord := func(rel string) timeWord {
		return timeWord{form: day, lemma: day, upos: "PROPN", xpos: "NNP", feats: "Number=Sing", rel: rel, head: -1}
	}
	switch rng.IntN(6) {
	case 0, 1:
		adv := []string{"Earlier", "Later", "Early", "Late"}[rng.IntN(4)]
		lemma, xpos, feats := strings.ToLower(adv), "RB", "_"
		if strings.HasSuffix(adv, "er") {
			lemma, xpos, feats = strings.TrimSuffix(lemma, "r"), "RBR", "Degree=Cmp"
		}
		return []timeWord{
			{form: adv, lemma: lemma, upos: "ADV", xpos: xpos, feats: feats, rel: "advmod", head: 1},
			dayWord("obl:unmarked"),
		}
	case 2:
		return []timeWord{{form: "On", lemma: "on", upos: "ADP", xpos: "IN", feats: "_", rel: "case", head: 1}, dayWord("obl")}
	case 3:
		return []timeWord{
			{form: "Earlier", lemma: "early", upos: "ADV", xpos: "RBR", feats: "Degree=Cmp", rel: "advmod", head: 2},
			{form: "on", lemma: "on", upos: "ADP", xpos: "IN", feats: "_", rel: "case", head: 2},
			dayWord("obl"),
		}
	case 4:
		p := periods[rng.IntN(len(periods))]
		return []timeWord{
			{form: "Last", lemma: "last", upos: "ADJ", xpos: "JJ", feats: "Degree=Pos", rel: "amod", head: 1},
			{form: p, lemma: p, upos: "NOUN", xpos: "NN", feats: "Number=Sing", rel: "obl:unmarked", head: -1},
		}
	default:
		m := months[rng.IntN(len(months))]
		return []timeWord{
			{form: "In", lemma: "in", upos: "ADP", xpos: "IN", feats: "_", rel: "case", head: 1},
			{form: m, lemma: m, upos: "PROPN", xpos: "NNP", feats: "Number=Sing", rel: "obl", head: -1},
		}
	}
}

// FrontedTimes returns copies of a share of train's declarative sentences
// (a verb root, led by its subject, ending in a full stop, no multiword
// tokens), each with a random time opening put in front; seed fixes the
// choice. The copies are meant to be added to train.
func FrontedTimes(train []conllu.Sentence, share float64, seed uint64) []conllu.Sentence {
	rng := rand.New(rand.NewPCG(seed, 0xf0e7))
	var out []conllu.Sentence
	for _, s := range train {
		if !ledBySubject(s) || rng.Float64() >= share {
			continue
		}
		out = append(out, withOpening(s, timeOpening(rng), rng.IntN(5) > 0))
	}
	return out
}

// ledBySubject reports whether s is a plain declarative sentence whose
// first word belongs to the subject of its verb root.
func ledBySubject(s conllu.Sentence) bool {
	n := len(s.Words)
	if n < 5 || len(s.Ranges) > 0 || s.Words[n-1].Form != "." {
		return false
	}
	root := -1
	for i, w := range s.Words {
		if w.Head == 0 {
			if root >= 0 {
				return false
			}
			root = i
		}
		if w.Head < 0 || w.Head > n {
			return false
		}
	}
	if root < 0 || s.Words[root].UPOS != "VERB" {
		return false
	}
	// Climb from the first word to the root's child above it.
	w := 0
	for steps := 0; s.Words[w].Head != root+1; steps++ {
		if s.Words[w].Head == 0 || steps > n {
			return false
		}
		w = s.Words[w].Head - 1
	}
	rel := s.Words[w].DepRel
	return w < root && (rel == "nsubj" || rel == "nsubj:pass")
}

// withOpening returns s with the opening (and a comma after it) in front.
func withOpening(s conllu.Sentence, opening []timeWord, comma bool) conllu.Sentence {
	k := len(opening)
	if comma {
		k++
	}
	root := 0
	for _, w := range s.Words {
		if w.Head == 0 {
			root = w.ID + k
		}
	}
	headOf := -1 // the opening's head, 1-based in the new sentence
	for i, t := range opening {
		if t.head < 0 {
			headOf = i + 1
		}
	}
	words := make([]conllu.Word, 0, len(s.Words)+k)
	for i, t := range opening {
		h := root
		if t.head >= 0 {
			h = t.head + 1
		}
		words = append(words, conllu.Word{ID: i + 1, Form: t.form, Lemma: t.lemma, UPOS: t.upos, XPOS: t.xpos,
			Feats: t.feats, Head: h, DepRel: t.rel, Deps: "_", Misc: "_"})
	}
	if comma {
		words[len(words)-1].Misc = "SpaceAfter=No"
		words = append(words, conllu.Word{ID: k, Form: ",", Lemma: ",", UPOS: "PUNCT", XPOS: ",", Feats: "_",
			Head: headOf, DepRel: "punct", Deps: "_", Misc: "_"})
	}
	for i, w := range s.Words {
		w.ID += k
		if w.Head > 0 {
			w.Head += k
		}
		// Other MISC attributes may refer to word IDs, which moved.
		w.Deps, w.Misc = "_", "_"
		if !s.SpaceAfter(i) {
			w.Misc = "SpaceAfter=No"
		}
		if i == 0 && w.UPOS != "PROPN" && w.Form != "I" {
			w.Form = lowerFirst(w.Form)
		}
		words = append(words, w)
	}
	return conllu.Sentence{Words: words}
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || !unicode.IsUpper(r) {
		return s
	}
	// Keep acronyms and names written in capitals ("US", "NATO").
	if next, _ := utf8.DecodeRuneInString(s[size:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}
