package coder

import (
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
)

// treeDoc builds a one-sentence Doc from "word/UPOS/head/deprel" items
// (head -1 for the root; an optional fifth field is the XPOS), so that a
// repair is tested on the exact parse error it mends whatever the current
// models make of the sentence.
func treeDoc(t *testing.T, items ...string) *dyad.Doc {
	t.Helper()
	doc := &dyad.Doc{}
	for i, it := range items {
		f := strings.Split(it, "/")
		if len(f) != 4 && len(f) != 5 {
			t.Fatalf("item %d: %q is not word/UPOS/head/deprel[/XPOS]", i, it)
		}
		xpos := ""
		if len(f) == 5 {
			xpos = f[4]
		}
		head := 0
		for _, r := range strings.TrimPrefix(f[2], "-") {
			head = head*10 + int(r-'0')
		}
		if strings.HasPrefix(f[2], "-") {
			head = -head
		}
		lemma := strings.ToLower(f[0])
		switch lemma {
		case "said":
			lemma = "say"
		case "told":
			lemma = "tell"
		case "given":
			lemma = "give"
		case "made":
			lemma = "make"
		case "commented":
			lemma = "comment"
		case "years":
			lemma = "year"
		case "reporters":
			lemma = "reporter"
		}
		doc.Tokens = append(doc.Tokens, dyad.Token{Text: f[0], Lemma: lemma, UPOS: f[1], XPOS: xpos, Head: head, DepRel: f[3]})
	}
	doc.Sentences = []dyad.Span{{Start: 0, End: len(doc.Tokens)}}
	return doc
}

func TestRepairParse(t *testing.T) {
	type arc struct {
		tok    int
		head   int
		deprel string
	}
	tests := []struct {
		name  string
		items []string
		want  []arc
	}{
		{"medial attribution: the attributed complement returns to its verb",
			// US told Iran that war cannot be allowed , Blinken said , even as Pentagon warned
			[]string{"US/PROPN/1/nsubj", "told/VERB/-1/root", "Iran/PROPN/1/iobj", "that/SCONJ/6/mark", "war/NOUN/6/nsubj:pass",
				"cannot/AUX/6/aux", "allowed/VERB/9/advcl", ",/PUNCT/6/punct", "Blinken/PROPN/9/nsubj", "said/VERB/1/ccomp",
				",/PUNCT/9/punct", "even/ADV/14/advmod", "as/SCONJ/14/mark", "Pentagon/PROPN/14/nsubj", "warned/VERB/9/ccomp"},
			[]arc{{9, 1, "parataxis"}, {6, 1, "ccomp"}, {14, 9, "advcl"}}},
		{"coordinated adjectives split between the noun and the verb",
			// Gondor 's awful and evil minister Calimehtar warned Arnor
			[]string{"Gondor/PROPN/2/nmod:poss", "'s/PART/0/case", "awful/ADJ/7/advmod", "and/CCONJ/7/cc", "evil/ADJ/5/amod",
				"minister/NOUN/6/nmod:desc", "Calimehtar/PROPN/7/nsubj", "warned/VERB/-1/root", "Arnor/PROPN/7/obj"},
			[]arc{{2, 5, "amod"}, {4, 2, "conj"}, {3, 4, "cc"}, {0, 5, "nmod:poss"}}},
		{"a title taken for a second subject",
			// minister Calimehtar warned
			[]string{"minister/NOUN/2/nsubj", "Calimehtar/PROPN/2/nsubj", "warned/VERB/-1/root"},
			[]arc{{0, 1, "nmod:desc"}, {1, 2, "nsubj"}}},
		{"coordinated subjects taken for several",
			// Arnor , Calenardhon and the evil Gondor welcomed
			[]string{"Arnor/PROPN/7/nsubj", ",/PUNCT/2/punct", "Calenardhon/PROPN/0/conj", "and/CCONJ/7/cc", "the/DET/5/det",
				"evil/NOUN/7/nsubj", "Gondor/PROPN/7/nsubj", "welcomed/VERB/-1/root"},
			[]arc{{5, 6, "nmod:desc"}, {6, 0, "conj"}, {3, 6, "cc"}, {0, 7, "nsubj"}}},
		{"an object with an adposition",
			// protesters have been killed , according to reports
			[]string{"protesters/NOUN/3/nsubj:pass", "have/AUX/3/aux", "been/AUX/3/aux:pass", "killed/VERB/-1/root", ",/PUNCT/7/punct",
				"according/VERB/7/case", "to/ADP/5/fixed", "reports/NOUN/3/obj"},
			[]arc{{7, 3, "obl"}}},
		{"a time opening taken for the root, the subject for its appositive",
			// Late Sunday , an air strike killed 12 people .
			[]string{"Late/ADV/1/advmod", "Sunday/PROPN/-1/root", ",/PUNCT/5/punct", "an/DET/5/det", "air/NOUN/5/compound",
				"strike/NOUN/1/appos", "killed/VERB/5/acl/VBD", "12/NUM/8/nummod", "people/NOUN/6/obj", "./PUNCT/1/punct"},
			[]arc{{6, -1, "root"}, {5, 6, "nsubj"}, {1, 6, "obl:unmarked"}, {9, 6, "punct"}, {0, 1, "advmod"}}},
		{"a subject hung on the time opening",
			// on Monday , a bomb wounded three soldiers
			[]string{"on/ADP/1/case", "Monday/PROPN/5/obl", ",/PUNCT/4/punct", "a/DET/4/det", "bomb/NOUN/1/appos",
				"wounded/VERB/-1/root/VBD", "three/NUM/7/nummod", "soldiers/NOUN/5/obj"},
			[]arc{{4, 5, "nsubj"}, {1, 5, "obl"}}},
		{"a bare infinitive's subject after a verb of perception",
			// like to see China agree to purchases
			[]string{"like/VERB/-1/root", "to/PART/2/mark", "see/VERB/0/xcomp", "China/PROPN/4/nsubj", "agree/VERB/2/ccomp/VBP",
				"to/ADP/6/case", "purchases/NOUN/4/obl"},
			[]arc{{3, 2, "obj"}, {4, 2, "xcomp"}}},
		{"a possessive on a phrase with of",
			// the Church of Scientology 's website is attacked
			[]string{"the/DET/1/det", "Church/PROPN/7/nsubj:pass", "of/ADP/5/case", "Scientology/PROPN/5/nmod:poss", "'s/PART/3/case",
				"website/NOUN/1/nmod", "is/AUX/7/aux:pass", "attacked/VERB/-1/root"},
			[]arc{{5, 7, "nsubj:pass"}, {1, 5, "nmod:poss"}, {3, 1, "nmod"}, {2, 3, "case"}, {4, 3, "case"}}},
		{"the object before an infinitive taken for an oblique",
			// China wants the States to eliminate tariffs
			[]string{"China/PROPN/1/nsubj", "wants/VERB/-1/root", "the/DET/3/det", "States/PROPN/1/obl", "to/PART/5/mark",
				"eliminate/VERB/1/xcomp", "tariffs/NOUN/5/obj"},
			[]arc{{3, 1, "obj"}, {5, 1, "xcomp"}}},
		{"a possessor the parse made a second subject",
			// Iraq 's military condemned attacks
			[]string{"Iraq/PROPN/3/nsubj", "’s/PART/0/case", "military/ADJ/3/nsubj", "condemned/VERB/-1/root", "attacks/NOUN/3/obj"},
			[]arc{{0, 2, "nmod:poss"}, {2, 3, "nsubj"}}},
		{"a clause after its comma does not reach back across it",
			// Blinken said on Tuesday , even as Pentagon warned
			[]string{"Blinken/PROPN/1/nsubj", "said/VERB/-1/root", "on/ADP/3/case", "Tuesday/PROPN/8/obl", ",/PUNCT/3/punct",
				"even/ADV/8/advmod", "as/SCONJ/8/mark", "Pentagon/PROPN/8/nsubj", "warned/VERB/1/advcl"},
			[]arc{{3, 1, "obl"}, {5, 8, "advmod"}, {7, 8, "nsubj"}}},
		{"a subjectless clause before the speaker is adverbial when the content follows",
			// Asked , Austin said US was sure
			[]string{"Asked/VERB/3/ccomp", ",/PUNCT/0/punct", "Austin/PROPN/3/nsubj", "said/VERB/-1/root", "US/PROPN/6/nsubj", "was/AUX/6/cop", "sure/ADJ/3/ccomp"},
			[]arc{{0, 3, "advcl"}, {6, 3, "ccomp"}}},
		{"the speaker the tagger took for an adjective",
			// “ respond , ” the general said
			[]string{"“/PUNCT/1/punct", "respond/VERB/-1/root", ",/PUNCT/1/punct", "”/PUNCT/1/punct", "the/DET/5/det", "general/ADJ/6/ccomp", "said/VERB/1/advcl"},
			[]arc{{5, 6, "nsubj"}, {4, 5, "det"}}},
		{"an appeal verb's infinitive after its object",
			// We urge governments to work
			[]string{"We/PRON/1/nsubj", "urge/VERB/-1/root", "governments/NOUN/1/obj", "to/PART/4/mark", "work/VERB/1/advcl"},
			[]arc{{4, 1, "xcomp"}}},
		{"the infinitive a verb of commitment takes is its complement",
			// militias vow on Thursday to wage war
			[]string{"militias/NOUN/1/nsubj", "vow/VERB/-1/root", "on/ADP/3/case", "Thursday/PROPN/1/obl", "to/PART/5/mark", "wage/VERB/1/advcl", "war/NOUN/5/obj"},
			[]arc{{5, 1, "xcomp"}}},
		{"a verb of commitment with an object keeps its purpose clause",
			// they promise aid to win votes
			[]string{"they/PRON/1/nsubj", "promise/VERB/-1/root", "aid/NOUN/1/obj", "to/PART/4/mark", "win/VERB/1/advcl", "votes/NOUN/4/obj"},
			[]arc{{4, 1, "advcl"}}},
		{"names listed after a name, the last with a conjunction, are conjuncts",
			// Mordor , Fornost , and Gondor welcomed
			[]string{"Mordor/PROPN/6/nsubj", ",/PUNCT/2/punct", "Fornost/PROPN/0/list", ",/PUNCT/5/punct", "and/CCONJ/5/cc", "Gondor/PROPN/0/list", "welcomed/VERB/-1/root"},
			[]arc{{2, 0, "conj"}, {5, 0, "conj"}}},
		{"an appositive that goes on into a coordination is its second item",
			// Mordor , the Shire , Fornost and Bree welcomed
			[]string{"Mordor/PROPN/8/nsubj", ",/PUNCT/3/punct", "the/DET/3/det", "Shire/PROPN/0/appos", ",/PUNCT/5/punct", "Fornost/PROPN/3/conj", "and/CCONJ/7/cc", "Bree/PROPN/5/conj", "welcomed/VERB/-1/root"},
			[]arc{{3, 0, "conj"}}},
		{"a coordinated appositive stays one",
			// Paris , an Australian woman and former Scientologist , claimed
			[]string{"Paris/PROPN/9/nsubj", ",/PUNCT/4/punct", "an/DET/4/det", "Australian/ADJ/4/amod", "woman/NOUN/0/appos", "and/CCONJ/7/cc", "former/ADJ/7/amod", "Scientologist/NOUN/4/conj", ",/PUNCT/4/punct", "claimed/VERB/-1/root"},
			[]arc{{4, 0, "appos"}}},
		{"an appositive with no coordination stays one",
			// Rathke , the Spokesperson , said
			[]string{"Rathke/PROPN/5/nsubj", ",/PUNCT/3/punct", "the/DET/3/det", "Spokesperson/PROPN/0/appos", ",/PUNCT/0/punct", "said/VERB/-1/root"},
			[]arc{{3, 0, "appos"}}},
		{"a preposition heads no clause whose verb has a second subject",
			// ties between Gondor and Osgiliath , the agency said
			[]string{"welcomed/VERB/-1/root", "ties/NOUN/0/obj", "between/ADP/8/mark", "Gondor/PROPN/8/nsubj", "and/CCONJ/5/cc", "Osgiliath/PROPN/3/conj", ",/PUNCT/7/punct", "agency/NOUN/8/nsubj", "said/VERB/0/advcl"},
			[]arc{{3, 1, "nmod"}, {2, 3, "case"}}},
		{"a verbless sentence around a participle after a nominal is a clause",
			// Russian police arrested students today .
			[]string{"Russian/ADJ/1/amod", "police/NOUN/2/compound", "arrested/VERB/3/amod/VBN", "students/NOUN/-1/root", "today/NOUN/3/nmod:unmarked", "./PUNCT/3/punct"},
			[]arc{{2, -1, "root"}, {1, 2, "nsubj"}, {3, 2, "obj"}, {4, 2, "nmod:unmarked"}}},
		{"a verbless sentence around a past tense read as an adjective is a clause",
			// Syrian rebels battled Russian troops .
			[]string{"Syrian/ADJ/1/amod", "rebels/NOUN/2/nsubj", "battled/VERB/4/amod/VBD", "Russian/ADJ/4/amod", "troops/NOUN/-1/root", "./PUNCT/4/punct"},
			[]arc{{2, -1, "root"}, {1, 2, "nsubj"}, {4, 2, "obj"}, {5, 2, "punct"}}},
		{"a past tense read as an adjective stays one when another verb is finite",
			// rebels battled troops were there
			[]string{"rebels/NOUN/1/nsubj", "battled/VERB/2/amod/VBD", "troops/NOUN/-1/root", "were/AUX/2/cop/VBD", "there/ADV/2/advmod"},
			[]arc{{1, 2, "amod"}, {2, -1, "root"}}},
		{"a conjunction heading a content word is its cc",
			// killed 12 people and wounded 30
			[]string{"killed/VERB/-1/root", "12/NUM/2/nummod", "people/NOUN/0/obj", "and/CCONJ/2/nmod", "wounded/ADJ/5/amod", "30/NUM/3/obl"},
			[]arc{{5, 2, "conj"}, {3, 5, "cc"}, {4, 5, "amod"}}},
		{"a conjunction over punctuation alone is left alone",
			// cats and , or dogs
			[]string{"cats/NOUN/-1/root", "and/CCONJ/4/cc", ",/PUNCT/3/punct", "or/CCONJ/1/conj", "dogs/NOUN/0/conj"},
			[]arc{{1, 4, "cc"}, {2, 3, "punct"}, {3, 1, "conj"}}},
		{"a possessor heading what it owns hangs on it",
			// Jordan 's King Abdullah met Kevin
			[]string{"Jordan/PROPN/4/nsubj", "'s/PART/0/case", "King/PROPN/3/compound", "Abdullah/PROPN/0/list", "met/VERB/-1/root", "Kevin/PROPN/4/obj"},
			[]arc{{3, 4, "nsubj"}, {0, 3, "nmod:poss"}, {1, 0, "case"}, {2, 3, "compound"}}},
		{"a noun compounded with a finite verb is its subject",
			// The South retaliated by firing
			[]string{"The/DET/1/det", "South/PROPN/2/compound", "retaliated/VERB/-1/root/VBN", "by/SCONJ/4/mark", "firing/VERB/2/advcl/VBG"},
			[]arc{{1, 2, "nsubj"}}},
		{"a noun compounded with a gerund stays a compound",
			// decision making matters
			[]string{"decision/NOUN/1/compound", "making/VERB/2/csubj/VBG", "matters/VERB/-1/root/VBZ"},
			[]arc{{0, 1, "compound"}}},
		{"a past tense read as a noun before its coordinated verb's conjunction is the first verb",
			// Iraq 's military condemned on Tuesday and said .
			[]string{"Iraq/PROPN/3/nmod:poss", "'s/PART/0/case", "military/ADJ/3/amod", "condemned/NOUN/7/nsubj", "on/ADP/5/case", "Tuesday/PROPN/3/nmod", "and/CCONJ/7/cc", "said/VERB/-1/root/VBD", "./PUNCT/7/punct"},
			[]arc{{3, -1, "root"}, {7, 3, "conj"}, {2, 3, "nsubj"}, {5, 3, "obl"}, {8, 3, "punct"}, {6, 7, "cc"}}},
		{"a noun with a determiner before the conjunction stays a subject",
			// the wounded and said
			[]string{"the/DET/1/det", "wounded/NOUN/3/nsubj", "and/CCONJ/3/cc", "said/VERB/-1/root/VBD"},
			[]arc{{1, 3, "nsubj"}, {3, -1, "root"}}},
		{"a capitalised gerund opening the sentence before a finite verb is its subject",
			// Pyongyang on Thursday fired shells .
			[]string{"Pyongyang/VERB/-1/root/VBG", "on/ADP/2/case", "Thursday/PROPN/0/obl", "fired/VERB/0/conj/VBD", "shells/NOUN/3/obj", "./PUNCT/0/punct"},
			[]arc{{3, -1, "root"}, {0, 3, "nsubj"}, {2, 3, "obl"}, {5, 3, "punct"}}},
		{"a gerund coordinated by a conjunction stays the root",
			// Trading opened and closed
			[]string{"Trading/VERB/-1/root/VBG", "and/CCONJ/2/cc", "closed/VERB/0/conj/VBD"},
			[]arc{{0, -1, "root"}, {2, 0, "conj"}}},
		{"a possessor already on what it owns stays there",
			// Jordan 's king met Kevin
			[]string{"Jordan/PROPN/2/nmod:poss", "'s/PART/0/case", "king/NOUN/3/nsubj", "met/VERB/-1/root", "Kevin/PROPN/3/obj"},
			[]arc{{0, 2, "nmod:poss"}, {2, 3, "nsubj"}}},
		{"a name without a possessive mark heading a list stays its head",
			// Jordan , Egypt met
			[]string{"Jordan/PROPN/3/nsubj", ",/PUNCT/2/punct", "Egypt/PROPN/0/conj", "met/VERB/-1/root"},
			[]arc{{0, 3, "nsubj"}, {2, 0, "conj"}}},
		{"a that-clause conjunct after an object is the object's content",
			// Eriador expressed hopes that Osgiliath could be drawn
			[]string{"Eriador/PROPN/1/nsubj", "expressed/VERB/-1/root", "hopes/NOUN/1/obj", "that/SCONJ/7/mark", "Osgiliath/PROPN/7/nsubj:pass", "could/AUX/7/aux", "be/AUX/7/aux:pass", "drawn/VERB/1/conj"},
			[]arc{{7, 2, "acl"}}},
		{"a that-clause conjunct after a person is the verb's complement",
			// told reporters that troops had left
			[]string{"told/VERB/-1/root", "reporters/NOUN/0/obj", "that/SCONJ/5/mark", "troops/NOUN/5/nsubj", "had/AUX/5/aux", "left/VERB/0/conj"},
			[]arc{{5, 0, "ccomp"}}},
		{"a that-clause joined by a conjunction stays a conjunct",
			// said X and that troops left
			[]string{"said/VERB/-1/root", "and/CCONJ/4/cc", "that/SCONJ/4/mark", "troops/NOUN/4/nsubj", "left/VERB/0/conj"},
			[]arc{{4, 0, "conj"}}},
		{"a past tense hanging on the root noun as a relative is the sentence's verb",
			// Israeli troops attacked Hamas .
			[]string{"Israeli/ADJ/1/amod", "troops/NOUN/-1/root", "attacked/VERB/1/acl/VBD", "Hamas/PROPN/2/obj", "./PUNCT/1/punct"},
			[]arc{{2, -1, "root"}, {1, 2, "nsubj"}, {3, 2, "obj"}, {4, 2, "punct"}}},
		{"a participle with an object hanging on the root noun is the sentence's verb",
			// Israeli troops attacked Hamas fighters .
			[]string{"Israeli/ADJ/1/amod", "troops/NOUN/-1/root", "attacked/VERB/1/acl/VBN", "Hamas/PROPN/4/compound", "fighters/NOUN/2/obj", "./PUNCT/1/punct"},
			[]arc{{2, -1, "root"}, {1, 2, "nsubj"}, {4, 2, "obj"}, {5, 2, "punct"}}},
		{"a ditransitive's passive participle with its second object stays a relative",
			// soldiers given medals .
			[]string{"soldiers/NOUN/-1/root", "given/VERB/0/acl/VBN", "medals/NOUN/1/obj", "./PUNCT/0/punct"},
			[]arc{{1, 0, "acl"}, {0, -1, "root"}}},
		{"a participle without an object stays a relative",
			// troops killed in Gaza
			[]string{"troops/NOUN/-1/root", "killed/VERB/0/acl/VBN", "in/ADP/3/case", "Gaza/PROPN/1/obl"},
			[]arc{{1, 0, "acl"}, {0, -1, "root"}}},
		{"a relative with its own subject stays a relative",
			// the troops that Israel sent
			[]string{"the/DET/1/det", "troops/NOUN/-1/root", "that/PRON/4/obj", "Israel/PROPN/4/nsubj", "sent/VERB/1/acl/VBD"},
			[]arc{{4, 1, "acl"}, {1, -1, "root"}}},
		{"a participle after a determiner is an adjective",
			// the arrested students
			[]string{"the/DET/2/det", "arrested/VERB/2/amod/VBN", "students/NOUN/-1/root"},
			[]arc{{1, 2, "amod"}, {2, -1, "root"}}},
		{"a list without a conjunction stays a list",
			// Mordor , Fornost : Gondor
			[]string{"Mordor/PROPN/-1/root", ",/PUNCT/2/punct", "Fornost/PROPN/0/list", ":/PUNCT/4/punct", "Gondor/PROPN/0/list"},
			[]arc{{2, 0, "list"}, {4, 0, "list"}}},
		{"a name right after a noun is that noun's close appositive",
			// commander of the group Hezbollah
			[]string{"commander/NOUN/-1/root", "of/ADP/3/case", "the/DET/3/det", "group/NOUN/0/nmod", "Hezbollah/PROPN/0/appos"},
			[]arc{{4, 3, "appos"}}},
		{"a name after a comma is no close appositive",
			// commander of the group , Hezbollah
			[]string{"commander/NOUN/-1/root", "of/ADP/3/case", "the/DET/3/det", "group/NOUN/0/nmod", ",/PUNCT/5/punct", "Hezbollah/PROPN/0/appos"},
			[]arc{{5, 0, "appos"}}},
		{"a determined nominal after a name and a comma is an appositive",
			// Jeff Rathke , the Spokesperson , said
			[]string{"Jeff/PROPN/6/nsubj", "Rathke/PROPN/0/flat", ",/PUNCT/4/punct", "the/DET/4/det", "Spokesperson/PROPN/0/conj", ",/PUNCT/0/punct", "said/VERB/-1/root"},
			[]arc{{4, 0, "appos"}}},
		{"two subjects: the first after a verb and its particle is that verb's object",
			// Ethiopia broken down relations years after crowds trashed embassy
			[]string{"Ethiopia/PROPN/1/nsubj", "broken/VERB/-1/root", "down/ADP/1/compound:prt", "relations/NOUN/7/nsubj:pass", "five/NUM/5/nummod",
				"years/NOUN/7/nsubj", "crowds/NOUN/5/nmod", "trashed/VERB/1/conj", "embassy/NOUN/7/obj"},
			[]arc{{3, 1, "obj"}}},
		{"'that' with no gap in a passive clause is a complementizer",
			// Eriador expressed hopes that Osgiliath could be drawn
			[]string{"Eriador/PROPN/1/nsubj", "expressed/VERB/-1/root", "hopes/NOUN/1/obj", "that/PRON/7/obj", "Osgiliath/PROPN/7/nsubj:pass", "could/AUX/7/aux", "be/AUX/7/aux:pass", "drawn/VERB/2/acl:relcl"},
			[]arc{{3, 7, "mark"}, {7, 2, "acl"}}},
		{"an adjective led by a possessor before a subjectless verb is its subject",
			// Iraq 's military condemned the attack
			[]string{"Iraq/PROPN/3/nmod:poss", "'s/PART/0/case", "military/ADJ/3/amod", "condemned/VERB/-1/root", "the/DET/5/det", "attack/NOUN/3/obj"},
			[]arc{{2, 3, "nsubj"}, {0, 2, "nmod:poss"}}},
		{"a bare adjective on a verb is left alone",
			// Visibly angry, protesters marched
			[]string{"Visibly/ADV/1/advmod", "angry/ADJ/4/amod", ",/PUNCT/1/punct", "protesters/NOUN/4/nsubj", "marched/VERB/-1/root"},
			[]arc{{1, 4, "amod"}}},
		{"the subject of a nominal object with no copula is the verb's object",
			// Gunmen took five soldiers hostage
			[]string{"Gunmen/NOUN/1/nsubj", "took/VERB/-1/root", "five/NUM/3/nummod", "soldiers/NOUN/4/nsubj", "hostage/NOUN/1/obj"},
			[]arc{{3, 1, "obj"}, {4, 1, "xcomp"}}},
		{"a speech verb on its speaker, before a comma and the clause the speaker is the subject of, introduces that clause",
			// The senator commented , " We will vote
			[]string{"The/DET/1/det", "senator/NOUN/7/nsubj", "commented/VERB/1/acl", ",/PUNCT/2/punct", "\"/PUNCT/7/punct", "We/PRON/7/nsubj", "will/AUX/7/aux", "vote/VERB/-1/root"},
			[]arc{{2, -1, "root"}, {7, 2, "ccomp"}, {1, 2, "nsubj"}, {4, 2, "punct"}}},
		{"a bare name right after a common noun names it",
			// Israel killed a commander of the group Hezbollah
			[]string{"Israel/PROPN/1/nsubj", "killed/VERB/-1/root", "a/DET/3/det", "commander/NOUN/1/obj", "of/ADP/6/case", "the/DET/6/det", "group/NOUN/3/nmod", "Hezbollah/PROPN/1/obl"},
			[]arc{{7, 6, "appos"}}},
		{"a bare day after a noun stays a time",
			// killed three people Monday
			[]string{"killed/VERB/-1/root", "three/NUM/2/nummod", "people/NOUN/0/obj", "Monday/PROPN/0/obl"},
			[]arc{{3, 0, "obl"}}},
		{"an adjective right after a number says how the count ended up",
			// left 30 dead and 50 wounded
			[]string{"left/VERB/-1/root", "30/NUM/0/obj", "dead/ADJ/1/xcomp", "and/CCONJ/4/cc", "50/NUM/1/conj", "wounded/ADJ/1/parataxis"},
			[]arc{{5, 4, "amod"}, {2, 1, "xcomp"}}},
		{"a second subject after a comma, the list's conjunction still to come, is a conjunct",
			// Mordor , Fornost and Bree welcomed
			[]string{"Mordor/PROPN/5/nsubj", ",/PUNCT/2/punct", "Fornost/PROPN/5/nsubj", "and/CCONJ/4/cc", "Bree/PROPN/2/conj", "welcomed/VERB/-1/root"},
			[]arc{{2, 0, "conj"}, {4, 2, "conj"}}},
		{"a counted span of time is no second object",
			// Arnor will adopt resolution five years after
			[]string{"Arnor/PROPN/2/nsubj", "will/AUX/2/aux", "adopt/VERB/-1/root", "resolution/NOUN/2/obj", "five/NUM/5/nummod", "years/NOUN/2/obj"},
			[]arc{{5, 2, "obl:tmod"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := treeDoc(t, tt.items...)
			before := append([]dyad.Token(nil), doc.Tokens...)
			got := repairParse(doc, sayVerbs, false)
			for _, w := range tt.want {
				tk := got.Tokens[w.tok]
				if tk.Head != w.head || tk.DepRel != w.deprel {
					t.Errorf("%s: head %d %s, want %d %s", tk.Text, tk.Head, tk.DepRel, w.head, w.deprel)
				}
			}
			for i := range before {
				if doc.Tokens[i] != before[i] {
					t.Fatalf("the caller's Doc was changed at token %d", i)
				}
			}
			// In place, the same repairs are made in the Doc itself.
			if inPlace := repairParse(doc, sayVerbs, true); inPlace != doc {
				t.Fatal("repairing in place returned another Doc")
			}
			for i := range doc.Tokens {
				if doc.Tokens[i] != got.Tokens[i] {
					t.Errorf("token %d repaired in place: %+v, with a copy: %+v", i, doc.Tokens[i], got.Tokens[i])
				}
			}
		})
	}
}

// TestCodePatternConditions checks that an event is coded only when the
// dictionary pattern's conditions hold, not on a word found further off.
func TestCodePatternConditions(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text    string
		wantNot []string // CAMEO codes that must not be coded
		want    string   // a CAMEO code that must be, if any
	}{
		// Soldiers stationed are not a visit (HOST's base code 043:042).
		{"Iraq is a rare ally to both the U.S. and Iran, hosting 2,500 U.S. troops.", []string{"042", "043"}, ""},
		// "(FOR DEATH)" is "for the death", not "for involvement in the
		// death"; the accusation stays BLAME's own 112. Washington's
		// support is Washington's, not Iran's ("* SUPPORT" of CITE), and
		// citing it gives the accusation's grounds, no statement (010).
		{"Iran has blamed the U.S. for involvement in the death of Haniyeh, citing Washington’s long-standing support for Israel.", []string{"1124", "032", "010"}, "112"},
		// A verb of saying takes no actor as object: the United States
		// is what Austin spoke about, not to.
		{"Defense Secretary Lloyd Austin was unequivocal, saying the United States “will not tolerate” attacks on its personnel.", []string{"010"}, ""},
	}
	for _, tt := range tests {
		a := &dyad.Article{ID: "t", Body: tt.text, Dateline: dyad.Dateline{Date: "2024-08-06"}}
		coding, err := c.Code(a)
		if err != nil {
			t.Fatal(err)
		}
		found := tt.want == ""
		var got []string
		for _, ev := range coding.Events {
			got = append(got, ev.Source.Code+"→"+targetCode(ev.Target)+" "+ev.CAMEO)
			for _, bad := range tt.wantNot {
				if ev.CAMEO == bad {
					t.Errorf("%q: coded %s", tt.text, bad)
				}
			}
			if ev.CAMEO == tt.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no %s event; got %v", tt.text, tt.want, got)
		}
	}
}
