package parser

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/nlp/conllu"
)

func TestFrontedTimes(t *testing.T) {
	tiny, err := conllu.ReadFile("testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	// Every sentence there is a declarative one led by its subject.
	got := FrontedTimes(tiny, 1, 1)
	if len(got) != len(tiny) {
		t.Fatalf("%d copies of %d sentences", len(got), len(tiny))
	}
	for i, s := range got {
		orig := tiny[i]
		k := len(s.Words) - len(orig.Words)
		if k < 2 || k > 4 {
			t.Fatalf("copy %d: %d words put in front", i, k)
		}
		roots, opening := 0, -1
		for j, w := range s.Words {
			if w.ID != j+1 || w.Head < 0 || w.Head > len(s.Words) || w.Head == w.ID {
				t.Fatalf("copy %d: word %d has ID %d, head %d", i, j+1, w.ID, w.Head)
			}
			if w.Head == 0 {
				roots++
				if w.Form != orig.Words[j-k].Form {
					t.Errorf("copy %d: root %q, want the original's", i, w.Form)
				}
			}
			if j < k && w.Head > k {
				opening = j
			}
		}
		if roots != 1 || opening < 0 || s.Words[s.Words[opening].Head-1].Head != 0 {
			t.Fatalf("copy %d: %d roots, opening head %d not on the root:\n%v", i, roots, opening, s.Words)
		}
		if rel := s.Words[opening].DepRel; !strings.HasPrefix(rel, "obl") {
			t.Errorf("copy %d: opening relation %q, want obl or obl:unmarked", i, rel)
		}
		first := orig.Words[0].Form
		if orig.Words[0].UPOS != "PROPN" {
			first = strings.ToLower(first[:1]) + first[1:]
		}
		if s.Words[k].Form != first {
			t.Errorf("copy %d: first original word %q, want %q", i, s.Words[k].Form, first)
		}
		// The original words keep their relations, heads shifted by k.
		for j, w := range orig.Words {
			c := s.Words[j+k]
			wantHead := w.Head
			if wantHead > 0 {
				wantHead += k
			}
			if c.DepRel != w.DepRel || c.Head != wantHead {
				t.Errorf("copy %d: word %q head %d %s, want %d %s", i, c.Form, c.Head, c.DepRel, wantHead, w.DepRel)
			}
		}
	}
	if again := FrontedTimes(tiny, 1, 1); !reflect.DeepEqual(again, got) {
		t.Error("the same seed gave other copies")
	}
	if none := FrontedTimes(tiny, 0, 1); len(none) != 0 {
		t.Errorf("share 0 gave %d copies", len(none))
	}
}

func TestFrontedTimesSkips(t *testing.T) {
	word := func(id int, form, upos string, head int, rel string) conllu.Word {
		return conllu.Word{ID: id, Form: form, UPOS: upos, Head: head, DepRel: rel}
	}
	led := []conllu.Word{
		word(1, "Yesterday", "NOUN", 3, "obl:unmarked"), word(2, "rebels", "NOUN", 3, "nsubj"),
		word(3, "fired", "VERB", 0, "root"), word(4, "two", "NUM", 5, "nummod"),
		word(5, "rockets", "NOUN", 3, "obj"), word(6, ".", "PUNCT", 3, "punct"),
	}
	question := []conllu.Word{
		word(1, "Rebels", "NOUN", 2, "nsubj"), word(2, "fired", "VERB", 0, "root"),
		word(3, "two", "NUM", 4, "nummod"), word(4, "rockets", "NOUN", 2, "obj"), word(5, "?", "PUNCT", 2, "punct"),
	}
	ranged := conllu.Sentence{Words: []conllu.Word{
		word(1, "They", "PRON", 3, "nsubj"), word(2, "did", "AUX", 3, "aux"), word(3, "leave", "VERB", 0, "root"),
		word(4, "the", "DET", 5, "det"), word(5, "town", "NOUN", 3, "obj"), word(6, ".", "PUNCT", 3, "punct"),
	}, Ranges: []conllu.Range{{First: 1, Last: 2, Form: "They'd"}}}
	for name, s := range map[string]conllu.Sentence{
		"not led by the subject":   {Words: led},
		"not ended by a full stop": {Words: question},
		"multiword token":          ranged,
	} {
		if got := FrontedTimes([]conllu.Sentence{s}, 1, 1); len(got) != 0 {
			t.Errorf("%s: %d copies, want none", name, len(got))
		}
	}
}
