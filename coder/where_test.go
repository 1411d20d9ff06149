package coder

import (
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
)

// seedExcerpt is part of the founding story (Reuters, 2024-08-06),
// paragraphs separated by blank lines as in Article.Body.
const seedExcerpt = `The United States has told Iran and Israel that the conflict in the Middle East cannot be allowed to escalate, Secretary of State Antony Blinken said on Tuesday.

The Middle East is bracing for a probable new wave of attacks from Iran and its allies. An attack on a base in Iraq Monday injured five U.S. troops and two contractors.

Ismail Haniyeh, the political leader of Palestinian Islamist group Hamas, was assassinated in the Iranian capital of Tehran last week. It drew threats of revenge by Iran on Israel, which has not claimed responsibility for the attack.

Coupled with the killing of the senior military commander of the Lebanese group Hezbollah, Fuad Shukr, by Israel in a strike on Beirut last week, concern intensified that the conflict in Gaza was turning into a wider Middle East war.

Earlier Monday, a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel. Austin was unequivocal, saying the United States “will not tolerate” attacks on its personnel.`

func TestEventPlace(t *testing.T) {
	a := &dyad.Article{Dateline: dyad.Dateline{Place: "ANNAPOLIS, Md.", Country: "US", Date: "2024-08-06"}, Body: seedExcerpt}
	doc := attrDoc(t, a.Body)
	sc := newPlaceScope(a, newDocTrees(doc), placeContext{})
	tests := []struct {
		pred, after   string // the predicate's word, the first after the word `after`
		country, name string // name: a substring of Location.Name
		source        string
	}{
		{"wounded", "", "IRQ", "al Asad airbase", "sentence"},
		{"attack", "rocket", "IRQ", "western Iraq", "sentence"},
		{"injured", "", "IRQ", "Iraq", "sentence"},
		{"assassinated", "", "IRN", "Tehran", "sentence"},
		{"killing", "", "LBN", "Beirut", "sentence"},
		{"told", "", "USA", "Annapolis", "dateline"},
		// No place words of its own: the paragraph's.
		{"saying", "", "IRQ", "Iraq", "paragraph"},
	}
	for _, tt := range tests {
		t.Run(tt.pred, func(t *testing.T) {
			pred := attrTok(t, doc, tt.pred)
			if tt.after != "" {
				pred = attrTok(t, doc, tt.after) + 1
			}
			loc := eventPlace(newDocTrees(doc), pred, sc)
			if loc == nil {
				t.Fatal("no location")
			}
			if loc.Country != tt.country || !strings.Contains(loc.Name, tt.name) || loc.Source != tt.source {
				t.Errorf("location %+v, want %s %q from %s", *loc, tt.country, tt.name, tt.source)
			}
		})
	}
}

func TestEventPlaceContext(t *testing.T) {
	// Tripoli is Libya's capital unless the story is about Lebanon.
	a := &dyad.Article{Body: "Lebanese troops clashed with gunmen in Tripoli on Sunday. Lebanon's army said the fighting was over."}
	doc := attrDoc(t, a.Body)
	loc := eventPlace(newDocTrees(doc), attrTok(t, doc, "clashed"), newPlaceScope(a, newDocTrees(doc), placeContext{}))
	if loc == nil || loc.Country != "LBN" {
		t.Errorf("location %+v, want Tripoli in Lebanon", loc)
	}
}

func TestEventPlaceHostile(t *testing.T) {
	docs := []*dyad.Doc{nil, {}, {Tokens: []dyad.Token{{Text: "Paris", Head: 3, UPOS: "PROPN"}}, Sentences: []dyad.Span{{Start: 0, End: 1}, {Start: 4, End: 2}}}}
	for _, doc := range docs {
		for _, a := range []*dyad.Article{nil, {Dateline: dyad.Dateline{Place: strings.Repeat("x,", 1000), Country: "??"}}} {
			sc := newPlaceScope(a, newDocTrees(doc), placeContext{})
			for _, pred := range []int{-1, 0, 1, 9} {
				eventPlace(newDocTrees(doc), pred, sc)
			}
		}
	}
	if loc := eventPlace(nil, 0, nil); loc != nil {
		t.Errorf("nil scope gave %+v", loc)
	}
}

func BenchmarkEventPlace(b *testing.B) {
	a := &dyad.Article{Dateline: dyad.Dateline{Place: "ANNAPOLIS, Md.", Country: "US", Date: "2024-08-06"}, Body: seedExcerpt}
	doc := attrDoc(b, a.Body)
	pred := attrTok(b, doc, "wounded")
	sc := newPlaceScope(a, newDocTrees(doc), placeContext{})
	b.Run("event", func(b *testing.B) {
		for b.Loop() {
			eventPlace(newDocTrees(doc), pred, sc)
		}
	})
	b.Run("scope", func(b *testing.B) {
		for b.Loop() {
			newPlaceScope(a, newDocTrees(doc), placeContext{})
		}
	})
}

func TestPlaceFitsActors(t *testing.T) {
	tests := []struct {
		source, target string // "" target: none
		country        string
		want           bool
	}{
		{"IRN", "USA", "LBN", false},
		{"IRNGOV", "USAMIL", "USA", true},
		{"ISR", "LBNMIL", "LBN", true},
		{"IRN", "", "ISR", true},       // no target: an attack's place is often neither side's
		{"---MIL", "USA", "IRQ", true}, // a side without a country
		{"IGOUNO", "SYR", "CHE", true},
		{"DEU", "RUS", "POL", false},
	}
	for _, tt := range tests {
		ev := &dyad.Event{Source: dyad.Actor{Code: tt.source}}
		if tt.target != "" {
			ev.Target = &dyad.Actor{Code: tt.target}
		}
		if got := placeFitsActors(ev, tt.country); got != tt.want {
			t.Errorf("placeFitsActors(%s → %s, %s) = %v; want %v", tt.source, tt.target, tt.country, got, tt.want)
		}
	}
}

func TestInPersonOrOrgName(t *testing.T) {
	doc := &dyad.Doc{Entities: []dyad.Entity{{Span: dyad.Span{Start: 0, End: 1}, Label: "PER"}, {Span: dyad.Span{Start: 3, End: 5}, Label: "PER"},
		{Span: dyad.Span{Start: 6, End: 7}, Label: "LOC"}, {Span: dyad.Span{Start: 8, End: 12}, Label: "ORG"}}}
	tests := []struct {
		start, end int
		country    bool
		want       bool
	}{
		{0, 1, false, true},  // "Clinton" tagged a person is no town
		{0, 1, true, false},  // a country tagged a person is the tagger's slip
		{4, 5, true, true},   // "Jordan" of "Michael Jordan"
		{6, 7, false, false}, // a location
		{2, 3, false, false},
		{11, 12, false, true}, // "Jerusalem" of "Hebrew University of Jerusalem"
		{11, 12, true, false}, // a country in a body's name still tells the story's countries
	}
	for _, tt := range tests {
		if got := inPersonOrOrgName(doc, tt.start, tt.end, tt.country); got != tt.want {
			t.Errorf("inPersonOrOrgName(%d, %d, country %v) = %v; want %v", tt.start, tt.end, tt.country, got, tt.want)
		}
	}
}

func TestMergeSurnames(t *testing.T) {
	in := []dyad.EntityMention{
		{Text: "Antony Blinken", Label: "PER", Name: "Antony Blinken", Code: "USAGOV", Mentions: 1},
		{Text: "Blinken", Label: "ORG", Name: "Blinken", Code: "USAGOV", Mentions: 3},
		{Text: "Austin", Label: "LOC", Name: "Austin", Mentions: 1}, // a place keeps its entry
		{Text: "Lloyd Austin", Label: "PER", Name: "Lloyd Austin", Code: "USAGOVMIL", Mentions: 2},
		{Text: "Smith", Label: "PER", Name: "Smith", Mentions: 1}, // two Smiths: which one is unknown
		{Text: "John Smith", Label: "PER", Name: "John Smith", Mentions: 1},
		{Text: "Jane Smith", Label: "PER", Name: "Jane Smith", Mentions: 1},
		{Text: "Hamas", Label: "ORG", Name: "Hamas", Code: "PSEREBHMS", Mentions: 2},
	}
	var got []string
	for _, e := range mergeSurnames(in) {
		got = append(got, e.Name+"/"+e.Label+"/"+e.Code+"/"+strings.Repeat("+", e.Mentions))
	}
	want := []string{"Antony Blinken/PER/USAGOV/++++", "Austin/LOC//+", "Lloyd Austin/PER/USAGOVMIL/++", "Smith/PER//+",
		"John Smith/PER//+", "Jane Smith/PER//+", "Hamas/ORG/PSEREBHMS/++"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("mergeSurnames:\n got %q\nwant %q", got, want)
	}
}

// TestPlaceScopeInstitutions checks that a name of a body the
// dictionaries know is not taken for the town GeoNames gives it to
// ("White House" is an alternate name of Casablanca), while a region
// coded as an actor stays a place.
func TestPlaceScopeInstitutions(t *testing.T) {
	a := &dyad.Article{ID: "t", Dateline: dyad.Dateline{Date: "2015-09-22"},
		Body: "The White House condemned the shelling of Gaza on Tuesday.\n\nPresident Obama invited the boy to the White House."}
	c := newTestCoder(t)
	doc, _ := c.pipeline.Annotate(a.Body)
	ac := c.newArticleCoding(a, repairParse(doc, c.sayVerbs, false), 0)
	ac.code()
	sc := newPlaceScope(a, ac.trees, placeContext{institution: ac.institution})
	var names []string
	for _, p := range sc.places {
		names = append(names, p.place.Name)
	}
	if got := strings.Join(names, ","); got != "Gaza Strip" {
		t.Errorf("places %q; want Gaza Strip only", got)
	}
}
