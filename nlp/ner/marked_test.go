package ner

import (
	"slices"
	"strings"
	"testing"
)

func TestReadMarked(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		words string
		tags  string
		err   string // part of the error, "" for none
	}{
		{
			name:  "mentions of one and several words",
			line:  "s-1\tGuerrillas near <LOC>Hawijah</LOC> killed <PER>Asi Ali</PER> of <ORG>the Iraqi Army</ORG> .",
			words: "Guerrillas near Hawijah killed Asi Ali of the Iraqi Army .",
			tags:  "O O B-LOC O B-PER I-PER O B-ORG I-ORG I-ORG O",
		},
		{
			name:  "adjacent mentions",
			line:  "s-2\t<LOC>Suwayrah</LOC> <LOC>Kut</LOC>",
			words: "Suwayrah Kut",
			tags:  "B-LOC B-LOC",
		},
		{name: "no marks", line: "s-3\tNothing here .", words: "Nothing here .", tags: "O O O"},
		{name: "brackets are words", line: "s-4\t[ <PER>Bob</PER> ]", words: "[ Bob ]", tags: "O B-PER O"},
		{name: "nested", line: "s-5\t<ORG>Bank of <LOC>Iraq</LOC></ORG>", err: "inside"},
		{name: "unclosed", line: "s-6\t<PER>Bob said", err: "not closed"},
		{name: "wrong close", line: "s-7\t<PER>Bob</ORG> said", err: "closes no"},
		{name: "stray close", line: "s-8\tBob</PER> said", err: "closes no"},
		{name: "empty mention", line: "s-9\t<PER></PER> said", err: "without a word"},
		{name: "two spaces", line: "s-10\tBob  said", err: "empty word"},
		{name: "no tab", line: "s-11 Bob said", err: "want a sent_id"},
		{name: "mark inside a word", line: "s-12\tBo<PER>b said", err: "without a word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadMarked(strings.NewReader("# newdoc id = d\n\n" + tt.line + "\n"))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "line 3") {
					t.Fatalf("error %v, want one on line 3 containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("%d sentences, want 1", len(got))
			}
			id, _, _ := strings.Cut(tt.line, "\t")
			if got[0].ID != id || got[0].Doc != "d" {
				t.Errorf("id %q in document %q, want %q in d", got[0].ID, got[0].Doc, id)
			}
			if w := strings.Fields(tt.words); !slices.Equal(got[0].Words, w) {
				t.Errorf("words %q, want %q", got[0].Words, w)
			}
			if tags := strings.Fields(tt.tags); !slices.Equal(got[0].Tags, tags) {
				t.Errorf("tags %q, want %q", got[0].Tags, tags)
			}
		})
	}
}

func TestMarkedSentences(t *testing.T) {
	ms, err := ReadMarked(strings.NewReader("# newdoc id = a\na-1\t<PER>Asi Ali</PER> left <LOC>Tikrit</LOC> .\na-2\tHe did .\n# newdoc id = b\nb-1\t<ORG>Hamas</ORG> said .\n"))
	if err != nil {
		t.Fatal(err)
	}
	sents := MarkedSentences(ms)
	if docs := documents(sents); len(docs) != 2 || len(docs[0]) != 2 || len(docs[1]) != 1 {
		t.Fatalf("documents %v, want a of 2 sentences and b of 1", docs)
	}
	if id := sents[1].Comment("sent_id"); id != "a-2" {
		t.Errorf("second sent_id %q, want a-2", id)
	}
	tags, ok := GoldTags(&sents[0])
	if want := []string{"B-PER", "I-PER", "O", "B-LOC", "O"}; !ok || !slices.Equal(tags, want) {
		t.Errorf("tags %v, want %v", tags, want)
	}
	if sents[0].Words[3].Form != "Tikrit" {
		t.Errorf("word 4 %q, want Tikrit", sents[0].Words[3].Form)
	}
}

// FuzzReadMarked checks that no input makes the reader panic, and that
// what it accepts has a tag for every word.
func FuzzReadMarked(f *testing.F) {
	for _, seed := range []string{
		"# newdoc id = d\ns-1\t<PER>Asi Ali</PER> left <LOC>Tikrit</LOC> .\n",
		"s\t<ORG><ORG>x</ORG>\n", "s\t</PER>\n", "s\t<PER></PER>\n", "\t\t\n", "s\t \n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ms, err := ReadMarked(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, m := range ms {
			if len(m.Words) != len(m.Tags) {
				t.Fatalf("%d words and %d tags in %q", len(m.Words), len(m.Tags), in)
			}
		}
	})
}
