package dict

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadnews/dyad/data/petrarch2"
	"github.com/dyadnews/dyad/internal/shareddata"
)

var embedded = sync.OnceValues(func() (*Dictionaries, []LineError) {
	d, errs, err := Load(Embedded())
	if err != nil {
		panic(err)
	}
	return d, errs
})

// TestEmbeddedCounts pins the size of what the shipped dictionaries
// yield, so a reader change that drops entries shows up.
func TestEmbeddedCounts(t *testing.T) {
	d, errs := embedded()
	counts := []struct {
		what     string
		got, min int
	}{
		{"actor entries", d.Actors.Len(), 27000},
		{"actor names", d.Actors.Names(), 34000},
		{"agent entries", d.Agents.Len(), 2200},
		{"agent phrases", d.Agents.Names(), 5000},
		{"verb blocks", len(d.Verbs.Blocks), 397},
		{"verb words", d.Verbs.Forms(), 6700},
		{"verb patterns", d.Verbs.Patterns(), 4600},
		{"synsets", len(d.Verbs.Synsets), 40},
		{"transformations", len(d.Verbs.Transformations), 8},
		{"discards", d.Discards.Len(), 500},
		{"issue lines", d.Issues.Len(), 3100},
		{"prepositions", len(d.Prepositions), 100},
	}
	for _, c := range counts {
		if c.got < c.min {
			t.Errorf("%s: %d, want at least %d", c.what, c.got, c.min)
		}
	}
	// The upstream files have a few dozen genuinely malformed lines (bad
	// dates, "[~ENV}", patterns with stray brackets); each is reported.
	if len(errs) == 0 || len(errs) > 80 {
		t.Errorf("%d line errors, want 1..80", len(errs))
	}
	for _, e := range errs {
		if e.Line <= 0 || e.File == "" || e.Msg == "" {
			t.Errorf("malformed error %+v", e)
		}
	}
}

func TestEmbeddedActors(t *testing.T) {
	d, _ := embedded()
	tests := []struct {
		name string
		date time.Time
		want []string
	}{
		{"BARACK_OBAMA", day(2012, 6, 1), []string{"USAGOV"}},
		{"President Barack Obama", day(2012, 6, 1), []string{"USAGOV"}},
		{"BARACK_OBAMA", day(1995, 6, 1), []string{"USAELI"}},
		{"HEZBOLLAH", day(2020, 1, 1), []string{"LBNREB"}},
		{"IRAN", day(2020, 1, 1), []string{"IRN"}},
		{"AFGHAN_NATIONAL_ARMY", day(2020, 1, 1), []string{"AFGMIL"}},
		{"LORIEN", day(2020, 1, 1), nil}, // only in the validation dictionary
	}
	for _, tt := range tests {
		if got := d.Actors.Actor(tt.name, tt.date); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Actor(%q, %s) = %v, want %v", tt.name, tt.date.Format("2006-01-02"), got, tt.want)
		}
	}
	// Antony Blinken is not in the 2015-era Phoenix dictionaries but in
	// dyad's own actors file, read after them, dated by office.
	for _, tt := range []struct {
		date time.Time
		want string
	}{{day(2024, 8, 6), "USAGOV"}, {day(2019, 1, 1), "USAELI"}} {
		if got := d.Actors.Actor("Secretary of State Antony Blinken", tt.date); !reflect.DeepEqual(got, []string{tt.want}) {
			t.Errorf("Blinken on %s = %v, want %s", tt.date.Format("2006-01-02"), got, tt.want)
		}
	}
	// A name both files define takes dyad's dates: Biden left office.
	if got := d.Actors.Actor("JOE_BIDEN", day(2025, 6, 1)); !reflect.DeepEqual(got, []string{"USAELI"}) {
		t.Errorf("JOE_BIDEN in 2025 = %v, want [USAELI]", got)
	}
	n, a := d.Actors.Match(strings.Fields("UN Secretary General Ban Ki-moon said"))
	if n < 3 || !strings.Contains(strings.Join(a.CodesAt(day(2010, 1, 1)), " "), "IGOUNO") {
		t.Errorf("Match UN Secretary General = %d, %+v", n, a)
	}
}

func TestEmbeddedVerbsAndAgents(t *testing.T) {
	d, _ := embedded()
	forms := d.Verbs.Lookup("ATTACKED")
	if len(forms) == 0 {
		t.Fatal("ATTACKED not found")
	}
	last := forms[len(forms)-1] // single-word entries come after multi-word ones
	if last.Lemma != "ATTACK" || last.Code.String() != "190" || last.Block.Name != "PHYSICAL_CONFLICT" {
		t.Errorf("ATTACKED → %+v", last)
	}
	pats := last.Block.Patterns
	if len(pats) < 100 {
		t.Fatalf("PHYSICAL_CONFLICT has %d patterns", len(pats))
	}
	for i := 1; i < len(pats); i++ {
		if pats[i].Specificity() > pats[i-1].Specificity() {
			t.Fatalf("patterns not ordered by specificity at %d", i)
		}
	}
	for _, w := range []string{"SAID", "MET", "ACCUSED", "THREATENED", "KILLED", "PROTESTED"} {
		if len(d.Verbs.Lookup(w)) == 0 {
			t.Errorf("verb %s not found", w)
		}
	}
	for phrase, want := range map[string]string{"TROOPS": "~MIL", "TROOP": "~MIL", "POLICE": "~COP", "FOREIGN_MINISTER": "~GOV"} {
		a, ok := d.Agents.Lookup(phrase)
		if !ok || !strings.HasPrefix(a.String(), want) {
			t.Errorf("agent %s = %+v, want %s", phrase, a, want)
		}
	}
	if s, ok := d.Verbs.Synset("&CURRENCY"); !ok || s.Match([]string{"DOLLARS"}) != 1 {
		t.Errorf("&CURRENCY = %v", s)
	}
}

func TestValidationSuite(t *testing.T) {
	dir := filepath.Join(shareddata.Dir(t), "petrarch2")
	f, err := os.Open(filepath.Join(dir, "validation-dev.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadValidation(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Records) != 228 {
		t.Errorf("%d records, want 228", len(s.Records))
	}
	events, none, errRecs := 0, 0, 0
	for _, r := range s.Records {
		events += len(r.Expected)
		if r.NoEvents {
			none++
		}
		if r.Error != "" {
			errRecs++
		}
		if r.Date.IsZero() || r.Text == "" || (r.Parse == "" && r.Error == "") {
			t.Errorf("record %s incomplete: %+v", r.ID, r)
		}
	}
	if events != 287 || none != 17 || errRecs != 5 {
		t.Errorf("%d expected events, %d no-event and %d error records; want 287, 17, 5", events, none, errRecs)
	}
	first := s.Records[0]
	if first.ID != "DEMO-00" || !reflect.DeepEqual(first.Expected, []ExpectedEvent{{"ARN", "GON", "064"}}) ||
		!strings.HasPrefix(first.Text, "Arnor is about to restore full diplomatic ties with Gondor almost five years") ||
		!strings.HasPrefix(first.Parse, "(ROOT") || !first.Date.Equal(day(1995, 1, 1)) {
		t.Errorf("first record = %+v", first)
	}
	env := s.Environment
	if env.Verbfile != "PETR.Validate.verbs.txt" || env.Actorfile != "PETR.Validate.actors.txt" || len(env.Include) != 12 {
		t.Errorf("environment = %+v", env)
	}
	// The suite's own dictionaries load, and its compound actor has both codes.
	d, _, err := Load(Source{FS: os.DirFS(filepath.Join(dir, "dictionaries")), Files: env.Files()})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Actors.Actor("LORIEN", first.Date); !reflect.DeepEqual(got, []string{"ELR", "GAL"}) {
		t.Errorf("LORIEN = %v", got)
	}
}

func TestReadValidationErrors(t *testing.T) {
	const head = `<Validation><Environment><Verbfile>v.txt</Verbfile></Environment><Sentences>`
	const tail = `</Sentences></Validation>`
	tests := []struct{ name, body, want string }{
		{"no id", `<Sentence date="19950101"><EventCoding noevents="True"/><Text>x</Text></Sentence>`, "no id"},
		{"bad date", `<Sentence id="A" date="1995"><EventCoding noevents="True"/><Text>x</Text></Sentence>`, "YYYYMMDD"},
		{"half coding", `<Sentence id="A" date="19950101"><EventCoding sourcecode="X"/><Text>x</Text></Sentence>`, "needs sourcecode"},
		{"no text", `<Sentence id="A" date="19950101"><EventCoding noevents="True"/></Sentence>`, "empty <Text>"},
		{"not xml", `<Sentence`, "validation"},
	}
	for _, tt := range tests {
		_, err := ReadValidation(strings.NewReader(head + tt.body + tail))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	s, err := ReadValidation(strings.NewReader(head +
		`<Sentence id="A" date="19950101" sentence="true"><EventCoding sourcecode='"NEW ACTOR"' targetcode="GON" eventcode="032"></EventCoding><Text> a
  b </Text><Parse>(ROOT)</Parse></Sentence>` +
		`<Sentence id="B" date="19950102"><Text>c</Text></Sentence>` + tail))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Records) != 2 || s.Records[0].Expected[0].Source != `"NEW ACTOR"` || s.Records[0].Text != "a b" || !s.Records[1].NoEvents {
		t.Errorf("records = %+v", s.Records)
	}
}

func BenchmarkLoadEmbedded(b *testing.B) {
	for b.Loop() {
		if _, _, err := Load(Embedded()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkActorMatch(b *testing.B) {
	d, _ := embedded()
	toks := strings.Fields("United States President Barack Obama met Iranian Foreign Minister")
	b.ResetTimer()
	for b.Loop() {
		for i := range toks {
			d.Actors.Match(toks[i:])
		}
	}
}

// TestEmbeddedDyadVerbs checks that dyad's own verb file reads without a
// line error (a synonym set name with '_' in a pattern is read as two
// joined elements and the pattern dropped) and that its forms replace
// CAMEO's.
func TestEmbeddedDyadVerbs(t *testing.T) {
	d, errs := embedded()
	for _, e := range errs {
		if e.File == petrarch2.DyadVerbs {
			t.Errorf("%v", e)
		}
	}
	for _, w := range []string{"TOOK", "DEFEATED", "STRUGGLED", "RANG", "QUOTED"} {
		vs := d.Verbs.Lookup(w)
		last := vs[len(vs)-1] // single-word forms come after multi-word ones
		if last.File != petrarch2.DyadVerbs {
			t.Errorf("%s: from %s:%d, want %s", w, last.File, last.Line, petrarch2.DyadVerbs)
		}
		for _, v := range vs {
			if len(v.Before)+len(v.After) == 0 && v.File != petrarch2.DyadVerbs {
				t.Errorf("%s: CAMEO's single-word form %s:%d kept beside dyad's", w, v.File, v.Line)
			}
		}
		if len(last.Block.Patterns) == 0 && w == "DEFEATED" {
			t.Errorf("%s: no patterns", w)
		}
	}
}
