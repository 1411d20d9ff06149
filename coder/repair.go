package coder

import (
	"strings"

	"github.com/dyadnews/dyad"
)

// repairParse mends attachments the parser often gets wrong in news
// sentences and that cost the coder its arguments. The Doc is the
// caller's: when a repair is needed, the tokens are copied first and the
// copy is returned.
//
// A trailing attribution (", officials said.") is a report of the clause
// before it, not a second event coordinated with it: the parser may make
// the saying verb a conjunct and hang the main clause's own obliques on it
// ("signed a protocol with Dagolath, ..., officials said" with "with
// Dagolath" under "said"). The obliques written before the attribution's
// subject go back to the main verb, and the saying verb becomes a
// parataxis.
func repairParse(doc *dyad.Doc, sayVerbs map[string]bool) *dyad.Doc {
	out := doc
	writable := func() []dyad.Token {
		if out == doc {
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
		// A possessor hung on a verb ("Iraq's military condemned" with
		// "military" tagged an adjective) belongs to the nominal
		// argument it is written before.
		for p := s.Start; p < s.End; p++ {
			t := &out.Tokens[p]
			if t.DepRel != "nmod:poss" || t.Head < s.Start || t.Head >= s.End || out.Tokens[t.Head].UPOS != "VERB" {
				continue
			}
			v := t.Head
			for j := p + 1; j < s.End && j < p+5; j++ {
				if out.Tokens[j].Head != v {
					continue
				}
				switch out.Tokens[j].DepRel {
				case "nsubj", "nsubj:pass", "obj", "iobj", "obl":
					writable()[p].Head = j
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
