package coder

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
)

func TestEventToll(t *testing.T) {
	tests := []struct {
		text, pred      string
		killed, wounded string // "-" for nil
		breakdown       string // "count who kind" parts joined by "; ", empty to skip
	}{
		{"Earlier Monday, a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel.", "wounded", "-", "7", "7 U.S. personnel wounded"},
		{"Earlier Monday, a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel.", "attack", "-", "7", ""},
		{"An attack on a base in Iraq on Monday injured five U.S. troops and two contractors.", "injured", "-", "7", "5 U.S. troops wounded; 2 contractors wounded"},
		{"A suicide bombing killed 12 people and wounded at least 30 in Kabul.", "killed", "12", "30", ""},
		{"The blast left three dead.", "left", "3", "-", ""},
		{"Fifteen soldiers died in the clashes.", "died", "15", "-", "15 soldiers killed"},
		{"Gunmen opened fire, killing two police officers and injuring three bystanders.", "opened", "2", "3", ""},
		{"At least 15 people were killed in the attack.", "killed", "15", "-", ""},
		{"The strike killed 10 to 15 civilians.", "killed", "10", "-", ""},
		{"The attack killed a U.S. soldier.", "killed", "1", "-", ""},
		{"The fire claimed 40 lives.", "claimed", "40", "-", ""},
		{"The death toll rose to 107.", "toll", "107", "-", ""},
		{"The earthquake killed 2,500 people.", "killed", "2500", "-", ""},
		{"Seven people were killed, including three children.", "killed", "7", "-", ""},
		{"Dozens were wounded in the shelling.", "wounded", "-", "-", ""},
		{"Israel killed Hezbollah's commander in a strike on Beirut.", "killed", "-", "-", ""},
		{"Iran's leader threatened Israel with revenge.", "threatened", "-", "-", ""},
		{"Doctors saved 40 lives at the hospital.", "saved", "-", "-", ""},
		// A count of another clause is not the predicate's.
		{"Officials said on Monday that 12 soldiers were killed.", "said", "-", "-", ""},
		{"The attack left 30 dead and 50 wounded.", "left", "30", "50", ""},
		{"A storm caused a crane to fall into the mosque, killing 107 or more and wounding 238.", "killing", "107", "238", ""},
		// What the weapon did is the attack's toll; what a person did
		// is another event's.
		{"Hezbollah fired rockets that killed two Israelis.", "fired", "2", "-", ""},
		{"Police arrested the man who killed two people.", "arrested", "-", "-", ""},
	}
	show := func(p *int) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprint(*p)
	}
	for _, tt := range tests {
		t.Run(tt.pred+": "+tt.text, func(t *testing.T) {
			doc := attrDoc(t, tt.text)
			got := eventToll(newDocTrees(doc), attrTok(t, doc, tt.pred))
			if show(got.Killed) != tt.killed || show(got.Wounded) != tt.wounded {
				t.Errorf("killed %s wounded %s, want %s %s (%+v)", show(got.Killed), show(got.Wounded), tt.killed, tt.wounded, got.Breakdown)
			}
			if tt.breakdown != "" {
				var parts []string
				for _, p := range got.Breakdown {
					parts = append(parts, fmt.Sprintf("%d %s %s", p.Count, p.Who, p.Kind))
				}
				if g := strings.Join(parts, "; "); g != tt.breakdown {
					t.Errorf("breakdown %q, want %q", g, tt.breakdown)
				}
			}
		})
	}
}

func TestNumberWords(t *testing.T) {
	tests := []struct {
		text string
		n    int
		ok   bool
	}{
		{"12", 12, true}, {"2,500", 2500, true}, {"seven", 7, true}, {"twenty - five", 25, true},
		{"two hundred", 200, true}, {"1.2 million", 1_200_000, true}, {"a dozen", 12, true},
		{"10 to 15", 10, true}, {"between 10 and 15", 0, false}, {"dozens", 0, false},
		{"999999999999", maxTollCount, true}, {"1,,2", 0, false}, {",", 0, false},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.text)
		doc := &dyad.Doc{Sentences: []dyad.Span{{Start: 0, End: len(words)}}}
		for _, w := range words {
			doc.Tokens = append(doc.Tokens, dyad.Token{Text: w, Head: -1})
		}
		tr, _ := newDocTrees(doc).sentence(0)
		n, _, ok := tr.number(0)
		if n != tt.n || ok != tt.ok {
			t.Errorf("number(%q) = %d %v, want %d %v", tt.text, n, ok, tt.n, tt.ok)
		}
	}
}

func TestEventTollHostile(t *testing.T) {
	docs := []*dyad.Doc{
		nil, {},
		{Tokens: []dyad.Token{{Text: "killed", Head: 0}, {Text: "99999999999999999999", UPOS: "NUM", Head: 5}}, Sentences: []dyad.Span{{Start: 0, End: 2}}},
		{Tokens: []dyad.Token{{Text: "1.5e300", UPOS: "NUM", Head: 1}, {Text: "million", Head: 0}, {Text: "dead", Head: 1}}, Sentences: []dyad.Span{{Start: 0, End: 3}}},
	}
	for i, doc := range docs {
		for _, pred := range []int{-1, 0, 1, 2, 50} {
			tl := eventToll(newDocTrees(doc), pred)
			for _, p := range []*int{tl.Killed, tl.Wounded} {
				if p != nil && (*p < 0 || *p > maxTollCount) {
					t.Errorf("doc %d: count %d out of range", i, *p)
				}
			}
		}
	}
	text := strings.Repeat("The bombs killed 999,999,999 people and wounded 5,000,000 more. ", 300)
	doc := attrDoc(t, text)
	for i := range doc.Tokens {
		eventToll(newDocTrees(doc), i)
	}
}

func BenchmarkEventToll(b *testing.B) {
	doc := attrDoc(b, "An attack on a base in Iraq on Monday injured five U.S. troops and two contractors, according to U.S. officials.")
	pred := attrTok(b, doc, "injured")
	for b.Loop() {
		eventToll(newDocTrees(doc), pred)
	}
}

func TestLowerWords(t *testing.T) {
	words := []string{"Killed", "and", "İSTANBUL", "Überfall", "", "\xffBAD", "U.S.", "a-very-long-token-indeed"}
	got := lowerWords(words)
	for i, w := range words {
		want := strings.ToLower(w)
		if len(w) > maxLowerWordBytes {
			want = ""
		}
		if got[i] != want {
			t.Errorf("lowerWords: %q → %q; want %q", w, got[i], want)
		}
	}
}
