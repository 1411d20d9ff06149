package coder

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadnews/dyad/dict"
	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/article"
	"github.com/dyadnews/dyad/nlp"
)

var (
	testCoderOnce sync.Once
	testCoder     *Coder
	testCoderErr  error
)

// newTestCoder is a coder with the embedded dictionaries and models and
// event nouns on, as `dyad code` runs it; built once for all tests.
func newTestCoder(t testing.TB) *Coder {
	testCoderOnce.Do(func() { testCoder, testCoderErr = New(Options{EventNouns: true}) })
	if testCoderErr != nil {
		t.Fatal(testCoderErr)
	}
	return testCoder
}

func seedArticle(t testing.TB) *dyad.Article {
	path := filepath.Join(shareddata.Dir(t), "..", "seed", "blinken-escalation-2024-08-06.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed story: %v", err)
	}
	a, err := article.FromText(string(b), article.Options{Now: time.Date(2024, 8, 7, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

type goldenEvent struct {
	What      string `json:"what"`
	Source    string `json:"source"`
	Target    string `json:"target"`
	Root      string `json:"root"`
	Date      string `json:"date"`
	Precision string `json:"precision"`
	Wounded   *int   `json:"wounded"`
	Country   string `json:"country"`
	// Place is a word the location's name must contain ("Asad").
	Place    string `json:"place"`
	KnownGap bool   `json:"known_gap"`
	// Reason says why a known gap is still missed.
	Reason string `json:"reason"`
}

// matches reports whether ev has every fact the golden event states.
func (g goldenEvent) matches(ev dyad.Event) bool {
	if g.Source != "" && !strings.HasPrefix(ev.Source.Code, g.Source) {
		return false
	}
	if g.Target != "" && (ev.Target == nil || !strings.HasPrefix(ev.Target.Code, g.Target)) {
		return false
	}
	if g.Root != "" && ev.CAMEORoot != g.Root {
		return false
	}
	if g.Date != "" && ev.Date != g.Date {
		return false
	}
	if g.Precision != "" && ev.DatePrecision != g.Precision {
		return false
	}
	if g.Wounded != nil && (ev.Wounded == nil || *ev.Wounded != *g.Wounded) {
		return false
	}
	if g.Country != "" && (ev.Location == nil || ev.Location.Country != g.Country) {
		return false
	}
	if g.Place != "" && (ev.Location == nil || !strings.Contains(ev.Location.Name, g.Place)) {
		return false
	}
	return true
}

func TestCodeSeedGolden(t *testing.T) {
	a := seedArticle(t)
	c := newTestCoder(t)
	coding, err := c.Code(a)
	if err != nil {
		t.Fatal(err)
	}
	var golden struct {
		Events []goldenEvent `json:"events"`
	}
	b, err := os.ReadFile(filepath.Join("testdata", "blinken-escalation-2024-08-06.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatal(err)
	}
	used := make([]bool, len(coding.Events))
	for _, g := range golden.Events {
		found := false
		for i, ev := range coding.Events {
			if g.matches(ev) {
				found, used[i] = true, true
				break
			}
		}
		switch {
		case !found && !g.KnownGap:
			t.Errorf("missing: %s", g.What)
		case !found:
			t.Logf("known gap, not found: %s", g.What)
		case g.KnownGap:
			t.Logf("known gap now found: %s (mark it found in the golden file)", g.What)
		}
	}
	for i, ev := range coding.Events {
		if !used[i] {
			t.Logf("extra event: %s → %s %s (sentence %d)", ev.Source.Code, targetCode(ev.Target), ev.CAMEO, ev.SentenceIndex)
		}
	}
}

func TestCodeSeedInvariants(t *testing.T) {
	a := seedArticle(t)
	coding, err := newTestCoder(t).Code(a)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, ev := range coding.Events {
		if ids[ev.ID] {
			t.Errorf("event ID %s repeated", ev.ID)
		}
		ids[ev.ID] = true
		if ev.Target == nil {
			t.Errorf("event without target: %+v", ev)
		}
		if ev.Confidence <= 0 || ev.Confidence > 1 {
			t.Errorf("confidence %v out of (0, 1]", ev.Confidence)
		}
		if ev.Sentence == "" || ev.Date == "" || ev.DatePrecision == "" {
			t.Errorf("event lacks sentence or date: %+v", ev)
		}
	}
	// People missing from the 2015 dictionaries are coded from their
	// titles and appositives.
	want := map[string]string{"Antony Blinken": "USAGOV", "Lloyd Austin": "USAGOV", "Ismail Haniyeh": "PSE"}
	for _, e := range coding.Entities {
		if prefix, ok := want[e.Name]; ok {
			if !strings.HasPrefix(e.Code, prefix) {
				t.Errorf("%s coded %q, want %s…", e.Name, e.Code, prefix)
			}
			delete(want, e.Name)
		}
	}
	for name := range want {
		t.Errorf("entity %s not listed", name)
	}
}

// TestCodeSentences checks actor and event rules on short sentences
// parsed by the embedded pipeline; only robust facts are asserted.
func TestCodeSentences(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text           string
		source, target string // code prefixes
		root           string
		negated        bool
	}{
		{"U.S. troops attacked Iranian militias in Syria.", "USAMIL", "IRN", "19", false},
		{"Iraq's military condemned the attack by Israel.", "IRQMIL", "ISR", "11", false},
		{"Israel and Hamas agreed to a ceasefire with Egypt.", "", "EGY", "", false},
		{"Russia did not attack Ukraine on Monday.", "RUS", "UKR", "19", true},
	}
	for _, tt := range tests {
		a := &dyad.Article{ID: "t", Body: tt.text, Dateline: dyad.Dateline{Date: "2024-08-06"}}
		coding, err := c.Code(a)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, ev := range coding.Events {
			if strings.HasPrefix(ev.Source.Code, tt.source) && ev.Target != nil && strings.HasPrefix(ev.Target.Code, tt.target) &&
				strings.HasPrefix(ev.CAMEORoot, tt.root) && ev.Negated == tt.negated {
				found = true
			}
		}
		if !found {
			var got []string
			for _, ev := range coding.Events {
				got = append(got, ev.Source.Code+"→"+targetCode(ev.Target)+" "+ev.CAMEO)
			}
			t.Errorf("%q: no event %s→%s root %q negated=%v; got %v", tt.text, tt.source, tt.target, tt.root, tt.negated, got)
		}
	}
}

// hostileTexts are odd inputs the coder must code without panicking.
var hostileTexts = []string{
	"", " ", "\x00\x01\x02", "\xff\xfe invalid utf-8 \xc3", strings.Repeat("attack ", 5000),
	"“ ” \" ' ‘ ’ «", "He said. It said. They said they would.", strings.Repeat("Iran attacked Israel, ", 300),
}

// TestCodeHostile feeds odd text and broken parses: nothing may panic.
func TestCodeHostile(t *testing.T) {
	c := newTestCoder(t)
	for _, text := range hostileTexts {
		coding, err := c.Code(&dyad.Article{Headline: text, Body: text})
		if err != nil {
			t.Errorf("%q: %v", text[:min(len(text), 20)], err)
		}
		checkCoding(t, text, coding)
	}
	if _, err := c.Code(nil); err == nil {
		t.Error("nil article: no error")
	}
}

// FuzzCode codes arbitrary headlines and bodies: no panic, no error, and
// every event well formed.
func FuzzCode(f *testing.F) {
	for _, text := range hostileTexts {
		f.Add(text, text)
	}
	f.Add("Rocket attack wounds US troops in Iraq", "Earlier Monday, a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel.")
	c := newTestCoder(f)
	f.Fuzz(func(t *testing.T, headline, body string) {
		coding, err := c.Code(&dyad.Article{ID: "fuzz", Headline: headline, Body: body})
		if err != nil {
			t.Fatalf("%v", err)
		}
		checkCoding(t, headline+"\n\n"+body, coding)
	})
}

// checkCoding checks what any coding must hold: events with a CAMEO code
// and its root (the source may be unknown: "a rocket attack wounded
// seven U.S. personnel"), a Goldstein score on CAMEO's scale, a QuadClass
// of 1 to 4, counts that are not negative, and the proving sentence.
func checkCoding(t *testing.T, text string, coding dyad.Coding) {
	t.Helper()
	for _, e := range coding.Events {
		switch {
		case len(e.CAMEO) < 3 || !strings.HasPrefix(e.CAMEO, e.CAMEORoot) || len(e.CAMEORoot) != 2:
			t.Errorf("%.30q: event %+v: CAMEO %q, root %q", text, e, e.CAMEO, e.CAMEORoot)
		case e.Goldstein < -10 || e.Goldstein > 10 || e.QuadClass < 1 || e.QuadClass > 4:
			t.Errorf("%.30q: event %s: Goldstein %v, QuadClass %d", text, e.CAMEO, e.Goldstein, e.QuadClass)
		case (e.Killed != nil && *e.Killed < 0) || (e.Wounded != nil && *e.Wounded < 0):
			t.Errorf("%.30q: event %s: negative toll", text, e.CAMEO)
		case strings.TrimSpace(e.Sentence) == "":
			t.Errorf("%.30q: event %s without its sentence", text, e.CAMEO)
		}
	}
}

// TestCodeRandomTrees codes token streams with random heads, relations
// and tags: a parse can be any graph, with cycles and no root.
func TestCodeRandomTrees(t *testing.T) {
	c := newTestCoder(t)
	words := []string{"Iran", "attacked", "Israel", "the", "U.S.", "troops", "he", "said", "by", "on", "killing", "not", "will", "Hamas", "'s", ",", ".",
		"group", "Hezbollah", "to", "vowed", "citing", "and", "that"}
	tags := []string{"PROPN", "VERB", "NOUN", "PRON", "ADP", "DET", "PUNCT", "AUX", "ADJ", "CCONJ"}
	rels := []string{"nsubj", "obj", "obl", "nmod", "conj", "xcomp", "ccomp", "appos", "compound", "nmod:poss", "case", "aux", "advmod", "root", "nsubj:pass", "parataxis",
		"list", "advcl", "acl", "acl:relcl", "obl:agent", "mark", "cc", "flat"}
	rng := rand.New(rand.NewSource(1))
	for range 600 {
		n := 1 + rng.Intn(40)
		doc := &dyad.Doc{}
		for i := range n {
			w := words[rng.Intn(len(words))]
			start := len(doc.Text)
			doc.Text += w + " "
			head := rng.Intn(n+2) - 2 // -2 .. n-1: out of range too
			doc.Tokens = append(doc.Tokens, dyad.Token{Text: w, Lemma: strings.ToLower(w), Start: start, End: start + len(w),
				UPOS: tags[rng.Intn(len(tags))], Head: head, DepRel: rels[rng.Intn(len(rels))], NER: "O"})
			_ = i
		}
		cut := rng.Intn(n + 1)
		doc.Sentences = []dyad.Span{{Start: 0, End: cut}, {Start: cut, End: n}, {Start: n, End: n + 3}}
		c.CodeDoc(&dyad.Article{ID: "r", Dateline: dyad.Dateline{Date: "2024-08-06"}}, doc, 0)
	}
}

func BenchmarkCode(b *testing.B) {
	a := seedArticle(b)
	c := newTestCoder(b)
	if _, err := nlp.Load(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Code(a); err != nil {
				b.Error(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkCodeDoc is the coder's own work per article, after the NLP.
func BenchmarkCodeDoc(b *testing.B) {
	a := seedArticle(b)
	c := newTestCoder(b)
	text, bodyStart := articleText(a)
	doc, _ := c.pipeline.Annotate(text)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c.CodeDoc(a, doc, bodyStart)
	}
}

// TestPetrarchValidation guards the pass count on PETRARCH2's validation
// records (see docs/benchmarks.md); the floor may only go up.
func TestPetrarchValidation(t *testing.T) {
	dir := filepath.Join(shareddata.Dir(t), "petrarch2")
	f, err := os.Open(filepath.Join(dir, "validation-dev.xml"))
	if err != nil {
		t.Skipf("validation suite: %v", err)
	}
	defer f.Close()
	suite, err := dict.ReadValidation(f)
	if err != nil {
		t.Fatal(err)
	}
	p, err := nlp.Load()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := EvalPetrarch(context.Background(), suite, filepath.Join(dir, "dictionaries"), p, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d passed, %d failed", rep.Passed, rep.Failed)
	if rep.Passed+rep.Failed != len(suite.Records) {
		t.Errorf("%d outcomes for %d records", rep.Passed+rep.Failed, len(suite.Records))
	}
	// 194 pass with the committed models (195 with session 9's parser,
	// 196 before session 6's NER model). The floor was set three below
	// 196 for the parse shifts a retrained parser or tagger brings, and
	// session 10's parser used two of them: the next retraining needs
	// the coder's rules to win records back first. Raise it with them.
	const floor = 193
	if rep.Passed < floor {
		t.Errorf("%d records passed, fewer than the %d measured before", rep.Passed, floor)
	}
}

// TestCodeValidationDictionaries codes sentences of the validation suite's
// kind, not its records, with its dictionaries: each rule of argument
// finding once, on dyad's own parse.
func TestCodeValidationDictionaries(t *testing.T) {
	dir := filepath.Join(shareddata.Dir(t), "petrarch2")
	f, err := os.Open(filepath.Join(dir, "validation-dev.xml"))
	if err != nil {
		t.Skipf("validation suite: %v", err)
	}
	suite, err := dict.ReadValidation(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := dict.Load(dict.Source{FS: os.DirFS(filepath.Join(dir, "dictionaries")), Files: suite.Environment.Files()})
	if err != nil {
		t.Fatal(err)
	}
	p, err := nlp.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Options{Dicts: d, Pipeline: p})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, text, want string }{
		{"the words a pattern matched are not its target (* &CURRENCY)",
			"Gondor will contribute a million swiss francs to Arnor.", "GON ARN 903"},
		{"the target of a pattern without '+' follows its words (* WAR)",
			"Arnor's militia vowed to wage war on Gondor.", "ARN GON 173"},
		{"the agent of a reduced relative on the object",
			"Gondor welcomed cultural memos sent by Arnor.", "GON ARN 912"},
		{"the subject of a noun's content clause",
			"Arnor expressed hopes that Gondor could be drawn into the talks.", "ARN GON 024"},
		{"an infinitive of purpose shares its head's subject",
			"Gondor is inching closer to accord with Arnor.", "GON ARN 083"},
		{"an agent's owner hung on a word of the agent other than its head",
			"Arnor will restore diplomatic ties with Gondor's main opposition groups.", "ARN GONMOP 064"},
		{"'%' after the verb is a compound target (* WITH %)",
			"Gondor agrees with Arnor and Bree that the dispute should be settled.", "GON ARN 031; GON BRE 031"},
		{"'%' after the verb needs a compound",
			"Gondor agrees with Arnor that the dispute should be settled.", "GON ARN 081"},
		{"a pattern word matches the form written (* RESOLUTION)",
			"Arnor will adopt a resolution with Gondor.", "ARN GON 102"},
		{"a pattern word does not match another inflection",
			"Arnor will adopt resolutions with Gondor.", "ARN GON 081"},
		{"a title's owner over a name coded as a bare country",
			"Gondor's awful and evil minister Calimehtar warned Arnor.", "GONGOV ARN 160"},
		{"a verb in two blocks has the patterns of both (SHOT: + WAS * DEAD IN $)",
			"An Eriadorian was shot dead in Gondor.", "GON ERI 224"},
		{"no event between two parties the dictionaries lack",
			"Harriet Vane met Peter Wimsey in Gondor on Wednesday.", ""},
		{"coordinated agents share their owner, once",
			"Danish media and government warned at the Gondor of Arnor.", "DNKGOV ARN 162; DNKMED ARN 162"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &dyad.Article{ID: "t", Body: tt.text, Dateline: dyad.Dateline{Date: "1995-01-01"}}
			coding, err := c.Code(a)
			if err != nil {
				t.Fatal(err)
			}
			got := triples(coding.Events)
			if strings.Join(got, "; ") != tt.want {
				t.Errorf("%q: got %v, want %s", tt.text, got, tt.want)
			}
		})
	}
}

// TestCodeAppositiveNamesAgent checks that a named actor in apposition
// with an agent phrase is who the phrase is: the commander of "the
// Lebanese group Hezbollah" is Hezbollah's, not Lebanon's military (the
// seed golden has the founding story's longer phrase).
func TestCodeAppositiveNamesAgent(t *testing.T) {
	c := newTestCoder(t)
	for _, text := range []string{
		"Israel killed a commander of the Lebanese group Hezbollah.",
	} {
		a := &dyad.Article{ID: "t", Body: text, Dateline: dyad.Dateline{Date: "2024-08-06"}}
		coding, err := c.Code(a)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		var got []string
		for _, ev := range coding.Events {
			got = append(got, ev.Source.Code+"→"+targetCode(ev.Target)+" "+ev.CAMEO)
			if ev.Source.Code == "ISR" && strings.HasPrefix(targetCode(ev.Target), "LBNREB") {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no ISR → LBNREB… event; got %v", text, got)
		}
	}
}

// TestCodeAnnouncedActs checks that an act its actor says it will do is
// coded as the intent or threat CAMEO makes of it (036, 0353, 1384), that
// force aimed at things goes to whoever the story last showed using them,
// and that an attack on an idea is criticism (111).
func TestCodeAnnouncedActs(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text string
		want string // SRC→TGT CODE that must be coded
		not  string // a code that must not be
	}{
		{"Iran said it would attack Israel.", "IRN→ISR 1384", "190"},
		{"Iran attacked Israel.", "IRN→ISR 190", "1384"},
		{"Iran attacked Israel's plan for the region.", "IRN→ISR 111", "190"},
		{"Israel built new bunkers near the border. Hezbollah said it would attack the bunkers.", "LBNREB→ISR 1384", "190"},
		{"Iran said it will meet France next week.", "IRN→FRA 036", "040"},
		{"Russia said it will release the Ukrainian prisoners.", "RUS→UKR 0353", "0841"},
	}
	for _, tt := range tests {
		a := &dyad.Article{ID: "t", Body: tt.text, Dateline: dyad.Dateline{Date: "2024-08-06"}}
		coding, err := c.Code(a)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		found := false
		for _, ev := range coding.Events {
			g := ev.Source.Code + "→" + targetCode(ev.Target) + " " + ev.CAMEO
			got = append(got, g)
			if g == tt.want && !ev.Hypothetical {
				found = true
			}
			if ev.CAMEO == tt.not {
				t.Errorf("%q: coded %s", tt.text, tt.not)
			}
		}
		if !found {
			t.Errorf("%q: no %s (not hypothetical); got %v", tt.text, tt.want, got)
		}
	}
	// Only a named actor owns what is attacked: the bridge the
	// reporters used is not theirs.
	text := "The reporters used the bridge on Monday. Israel bombed the bridge."
	coding, err := c.Code(&dyad.Article{ID: "t", Body: text, Dateline: dyad.Dateline{Date: "2024-08-06"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range coding.Events {
		if ev.Target != nil && ev.Target.Code == "---MED" {
			t.Errorf("%q: %s → %s %s", text, ev.Source.Code, ev.Target.Code, ev.CAMEO)
		}
	}
}

// TestCodeAccidents checks that deaths no one inflicted ("killed in a
// stampede", "when a building collapsed") are no act of force, while
// unattributed violence is kept with an unknown perpetrator.
func TestCodeAccidents(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text    string
		violent bool
	}{
		{"Over 345 pilgrims have been killed in a stampede near Mecca.", false},
		{"Five Egyptian workers were killed when a building collapsed in Cairo.", false},
		{"US service members killed in Afghanistan helicopter crash", false},
		{"Five Egyptian workers were killed in an attack in Cairo.", true},
		{"Wikinews has learned that according to an Internet posting made just over 24 hours ago, the Church of Scientology's website is being attacked by hackers, causing the site to shut down.", false},
		{"Russian hackers attacked the website of the Estonian army.", false},
		{"Russian troops attacked Estonian soldiers.", true},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2024-08-06")
		violent := false
		for _, ev := range coding.Events {
			if materialConflict(ev.CAMEO) {
				violent = true
			}
		}
		if violent != tt.violent {
			t.Errorf("%q: violent event %v, want %v (%d events)", tt.text, violent, tt.violent, len(coding.Events))
		}
	}
}

// TestCodeOnlyEnglish checks that a story known to be in another language
// is not coded from misread words, and that an unknown language is.
func TestCodeOnlyEnglish(t *testing.T) {
	c := newTestCoder(t)
	for _, tt := range []struct {
		lang string
		want bool
	}{{"en", true}, {"", true}, {"de", false}} {
		a := &dyad.Article{ID: "t", Lang: tt.lang, Body: "Iran attacked Israel.", Dateline: dyad.Dateline{Date: "2024-08-06"}}
		coding, err := c.Code(a)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(coding.Events) > 0; got != tt.want {
			t.Errorf("lang %q: events %v, want %v", tt.lang, got, tt.want)
		}
	}
}

// TestCodeMoneyIsNoActor checks that the country of a currency is not the
// target of what is done with the money.
func TestCodeMoneyIsNoActor(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct{ text, want, not string }{
		{"Germany will contribute a million Swiss francs to Ukraine.", "UKR", "CHE"},
		{"Alibaba's listing would raise at least 88 billion Hong Kong dollars.", "", "HKG"},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2024-08-06")
		found := tt.want == ""
		for _, ev := range coding.Events {
			switch targetCode(ev.Target) {
			case tt.want:
				found = true
			case tt.not:
				t.Errorf("%q: %s → %s %s", tt.text, ev.Source.Code, tt.not, ev.CAMEO)
			}
		}
		if !found {
			t.Errorf("%q: no event on %s", tt.text, tt.want)
		}
	}
}

func TestUpperEach(t *testing.T) {
	in := []string{"Iran", "U.S.", "", "straße", "ÉLYSÉE", "ok", "\xff\xfeab", "MIXed"}
	got := upperEach(len(in), func(i int) string { return in[i] })
	for i, s := range in {
		if want := strings.ToUpper(s); got[i] != want {
			t.Errorf("%q: %q, want %q", s, got[i], want)
		}
	}
}

// TestPersonRunHyphen checks that a hyphen written without spaces between
// capitalised words continues a personal name, and one with spaces or
// before a lower-case word does not.
func TestPersonRunHyphen(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Khaled Al-Maeena said", 4},
		{"Khaled Al - Maeena said", 2},
		{"Khaled Iran-backed said", 2},
	}
	for _, tt := range tests {
		doc := &dyad.Doc{Text: tt.text}
		pos := 0
		for _, f := range strings.FieldsFunc(strings.ReplaceAll(tt.text, "-", " - "), func(r rune) bool { return r == ' ' }) {
			start := strings.Index(tt.text[pos:], f) + pos
			upos := "PROPN"
			if f == "-" {
				upos = "PUNCT"
			} else if f == "said" {
				upos = "VERB"
			}
			doc.Tokens = append(doc.Tokens, dyad.Token{Text: f, UPOS: upos, Start: start, End: start + len(f), NER: "B-PER"})
			pos = start + len(f)
		}
		if got := personRun(doc, 0, len(doc.Tokens), false); got != tt.want {
			t.Errorf("%q: run of %d tokens, want %d", tt.text, got, tt.want)
		}
	}
}

// TestCodePlaceTargets checks that the place where something is done is
// its target only for verbs of movement or force.
func TestCodePlaceTargets(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text, place string
		target      bool
	}{
		// The place written first, so that no parse can read it as
		// the likes' own; "removing likes in Italy" codes Italy when the
		// parse puts it in the object, as PETRARCH2's records want for
		// a thing's place ("rescheduled his trip in the White Downs").
		{"In Italy, Canada, Ireland and Japan, the company has previously removed likes.", "ITA", false},
		{"The Iranian president arrived in France on Monday.", "FRA", true},
		{"The government's Flag Consideration Project has planned a number of conferences and roadshows as part of this process, with the first meeting set to take place in Christchurch on May 16.", "NZL", false},
		{"Saudi officials said the wounded were taken to Mecca.", "SAU", false},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2024-08-06")
		found := false
		for _, ev := range coding.Events {
			if targetCode(ev.Target) == tt.place {
				found = true
			}
		}
		if found != tt.target {
			t.Errorf("%q: an event on %s %v, want %v", tt.text, tt.place, found, tt.target)
		}
	}
}

// TestCodeNewsVerbSenses checks dyad's verb overrides
// (data/petrarch2/Dyad.news.verbs.txt) on real sentences: light uses of
// take, struggle, ring and electoral defeats are no seizure or force, a
// paper quoting someone does nothing to them;
// taking captives and military defeats still are. A statement whose
// reported clause only takes people somewhere is addressed to no one.
func TestCodeNewsVerbSenses(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text string
		want string // a CAMEO code among the events, "" for none
	}{
		{"From all the press reports that I have read, the Indian government appears to have taken the threat of Cyclone Phailin very seriously indeed.", ""},
		{"Montalvo was charged with taking hard drives and a zip drive from the Scientology organization after leaving the Sea Org group.", ""},
		{"Iran and Iraq took part in the talks in Geneva on Monday.", ""},
		{"The Lebanese government is struggling with Hezbollah over the budget.", ""},
		{"Hamas defeated Fatah in the election.", ""},
		{"Two pan-democratic veteran politicians were defeated in this constituency.", ""},
		{"The Hong Kong legislative election was held on Sunday. Two pan-democratic veteran politicians Lee Cheuk-yan of the Labour Party and Frederick Fung of ADPL were defeated in this constituency, with Junius Ho defeating Lee Cheuk-yan by around five thousand votes.", ""},
		{`Civil Defense Authority director General Suleiman al-Amr, in remarks to al-Ikhbariya television, said "All those who were wounded and the dead have been taken to hospital."`, ""},
		{"Rick Santorum himself has acknowledged the existence of the santorum neologism; he was quoted by The Canadian Press on his assessment of Google's response.", ""},
		{"The Guardian quoted critics like immigration barrister Colin Yeo.", ""},
		{"Obama declined to send arms to Ukraine.", "120"},
		{"Gunmen took five Israeli soldiers hostage on Monday.", "181"},
		{"The Afghan army on Sunday arrested three Taliban commanders in Kandahar province.", "173"},
		{"Russian troops seized the Ukrainian airport on Monday.", "192"},
		{"Police took the Israeli journalist into custody on Monday.", "173"},
		{"Hamas defeated Fatah in Gaza.", "190"},
		{"Iran, Russia and Syria have been pressuring the U.S. to leave al-Tanf.", "100"},
		{"China wants the United States to eliminate the tariffs on Chinese goods.", "030"},
		{"Assange is battling extradition to the United States, which accuses him of publishing secret documents related to his WikiLeaks work.", ""},
		{"Syrian rebels battled Russian troops near Aleppo on Monday.", "190"},
		{"The U.S. will keep its military base in al-Tanf after American troops leave Syria under President Donald Trump’s announcement last month.", ""},
		{"The Israeli prime minister left for Moscow on Monday.", "042"},
		{"Carlineo faces a maximum of 10 years in prison and up to a $250,000 fine.", ""},
		{"Unpredictable Sondland faces questions about Trump, Ukraine", ""},
		{"“Ambassador Sondland referred to investigations into the Bidens and Burisma in 2016,” Vindman testified, referring to the gas company on whose board Hunter Biden had a seat.", ""},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2024-08-06")
		var codes []string
		found := false
		for _, ev := range coding.Events {
			codes = append(codes, ev.CAMEO)
			found = found || ev.CAMEO == tt.want
		}
		if tt.want == "" && len(codes) > 0 || tt.want != "" && !found {
			t.Errorf("%q: codes %v, want %q", tt.text, codes, tt.want)
		}
	}
}

// TestCodeChannelIsNoTarget checks that the medium something is said on
// is not whom it is said to.
func TestCodeChannelIsNoTarget(t *testing.T) {
	c := newTestCoder(t)
	for _, text := range []string{
		"On his campaign website, Sarvis notes he favors parental school choice through student vouchers.",
		"Her mother had spoken out against Scientology on French television.",
		`On a new website, "The Internet Explorer 6 Countdown", Microsoft has launched an aggressive campaign to persuade users to stop using IE6.`,
	} {
		coding, err := c.Code(&dyad.Article{ID: "t", Body: text, Dateline: dyad.Dateline{Date: "2024-08-06"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range coding.Events {
			if ev.Target != nil && strings.Contains(ev.Target.Code, "MED") {
				t.Errorf("%q: %s event on the medium %q", text, ev.CAMEO, ev.Target.Text)
			}
		}
	}
}

// TestCodeOwnCountryStatement checks that what a country's government,
// agency or people say about the country itself is addressed to no one.
func TestCodeOwnCountryStatement(t *testing.T) {
	c := newTestCoder(t)
	for _, text := range []string{
		`That said, the DEA says that the southwestern border with Mexico "remains the primary entry point for heroin into the United States".`,
		"U.S. Senator John Cornyn, Republican from Texas, issued a statement regarding the rejection of Johnson Space Center (JSC) in Houston, Texas as a location.",
	} {
		coding, err := c.Code(&dyad.Article{ID: "t", Body: text, Dateline: dyad.Dateline{Date: "2019-11-20"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range coding.Events {
			if ev.Target != nil && len(ev.Target.Code) == 3 && strings.HasPrefix(ev.Source.Code, ev.Target.Code) {
				t.Errorf("%q: %s %s -> %s", text, ev.CAMEO, ev.Source.Code, ev.Target.Code)
			}
		}
	}
}

// TestCodeTitleHeldByAnother checks that a bare title before a name is
// the story's country's only while the story has not named someone else
// with it ("Afghan President Ashraf Ghani" ... "President Mallory"), and
// that a surname spelt another way is the same holder (Kovalensky,
// Kovalenskiy).
func TestCodeTitleHeldByAnother(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text, name, code string
	}{
		// Names the dictionaries lack (Trump and Zelensky are in dyad's
		// own actors file), so the title rule is what codes them.
		{"When Afghan President Ashraf Ghani first announced the potential exchange last week, he said Kabul had ensured that the freed militants would not return to the front line. They were on the verge of a deal when President Mallory scuttled the talks in September, citing Taliban violence.", "Mallory", "---GOV"},
		{"Mallory asked Ukraine President Mykola Kovalenskiy to investigate. Sondland replied that President Kovalensky would do it.", "Kovalensky", "UKRGOV"},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2019-11-20")
		got := "(none)"
		for _, e := range coding.Entities {
			if e.Text == tt.name {
				got = e.Code
			}
		}
		if got != tt.code {
			t.Errorf("%s: code %s, want %s", tt.name, got, tt.code)
		}
	}
}

// TestCodeClassifierIsNoActor checks that a kind of actor used as a
// common noun's classifier ("school choice", "TV debate") is not who the
// phrase is, while people of a kind ("a man suspect") still are.
func TestCodeClassifierIsNoActor(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text string
		// want is an actor code some event must have, not one no event
		// may have, as source or target.
		want, not string
	}{
		{"On his campaign website, Sarvis notes he favors parental school choice through student vouchers.", "", "---EDU"},
		{"In their first TV debate of the election on Tuesday, Johnson and Corbyn attacked each other’s policies on Brexit.", "", "---MED"},
		{"Sen. Ben Sasse called his death \"a crisis of public trust\" within the prison system.", "", "---COP"},
		{"Police arrested a 57-year-old man suspect of committing the assassination.", "---PPL", ""},
		// An adjective that is also a kind of actor's name.
		{`Trump and US Trade Representative Robert Lighthizer recognize that making such concessions for a "skinny" trade deal that fails to address core intellectual property and technology transfer issues is not a very good deal for Trump, a second person briefed on last weekend's trade phone call said.`, "", "---EDU"},
		{"Omar Lamrani, a senior military analyst at Stratfor, said the base had little value for businesses.", "", "---MIL"},
		{"Bolivian protesters attacked military units in Cochabamba on Monday.", "---MIL", ""},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2019-11-19")
		found := tt.want == ""
		for _, ev := range coding.Events {
			for _, code := range []string{ev.Source.Code, targetCode(ev.Target)} {
				switch code {
				case tt.want:
					found = true
				case tt.not:
					t.Errorf("%q: %s %s → %s", tt.text, ev.CAMEO, ev.Source.Code, targetCode(ev.Target))
				}
			}
		}
		if !found {
			t.Errorf("%q: no event of %s (%d events)", tt.text, tt.want, len(coding.Events))
		}
	}
}

// TestCodeDomesticPlaceIsNoTarget checks that a place inside the source's
// own country (or, for a source of no known country, the story's) is
// where it acted, not whom it acted with, while a visit abroad still goes
// to the country visited.
func TestCodeDomesticPlaceIsNoTarget(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text string
		// target is the target code some event must have; not one no
		// event may have.
		target, not string
	}{
		{"NASA celebrated the launch of the first space shuttle Tuesday at an event at the Kennedy Space Center (KSC) in Cape Canaveral, Florida.", "", "USA"},
		{"He traveled to Florida to meet with Devocht, who had told Montalvo he would assist him with future employment and housing.\n\nMontalvo lives in Los Angeles, California.", "", "USA"},
		{"This week, Patrick launched a tour of early-voting states, visiting Nevada and Iowa before South Carolina.", "", "USA"},
		{"U.S. Defense Secretary Mark Esper visited Hanoi on Tuesday.", "VNM", ""},
		{"American Airlines offered to fly the cat to Canada.", "CAN", ""},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2019-11-19")
		found := tt.target == ""
		for _, ev := range coding.Events {
			switch targetCode(ev.Target) {
			case tt.target:
				found = true
			case tt.not:
				t.Errorf("%q: %s %s → %s", tt.text, ev.CAMEO, ev.Source.Code, tt.not)
			}
		}
		if !found {
			t.Errorf("%q: no event on %s (%d events)", tt.text, tt.target, len(coding.Events))
		}
	}
}

// TestCodeTitleAsSurname checks that a title word the story has used as
// someone's surname is that person when written alone as a name, and
// still a title before a name.
func TestCodeTitleAsSurname(t *testing.T) {
	c := newTestCoder(t)
	const named = "American Kevin King and Australian Timothy Weeks, both professors at the American University of Kabul, were handed over to US forces.\n\n"
	tests := []struct {
		text string
		// source is the code and text (code/text) the story's one
		// coded event must have, target the text: "Kevin King" is the
		// person, whether or not the parse lets "American" give him a
		// country, never a monarch.
		source, target string
	}{
		{named + "King and Weeks were abducted by gunmen wearing military uniforms in the heart of Afghan capital in August 2016.", "---UAF/gunmen", "Kevin King"},
		{named + "Jordan's King Abdullah met Kevin King in Amman.", "JORGOV/King Abdullah", "Kevin King"},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2019-11-19")
		found := false
		for _, ev := range coding.Events {
			src := ev.Source.Code + "/" + ev.Source.Text
			if src == tt.source && ev.Target != nil && ev.Target.Text == tt.target {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no event %s → %s in %d events", tt.text, tt.source, tt.target, len(coding.Events))
		}
	}
}

// TestCodeSpokesperson checks that a spokesperson is coded as the one
// they speak for: a country's speaks for its government, and "a
// spokesperson for" an office is that office's.
func TestCodeSpokesperson(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct{ text, source string }{
		{"Environment Canada spokeswoman Sujata Raisinghani told Paul Dewar the department will look into the incident.", "CANGOVMED"},
		{"A spokesperson for the British Foreign Office criticized Israel on Tuesday.", "GBRGOVMED"},
		{"Jeff Rathke, the US State Department Spokesperson, said, \"We urge the governments of the region to work together quickly, first and foremost, to save the lives of migrants now at sea who are in need of an immediate rescue effort\".", "USAGOVMED"},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2019-11-19")
		var got []string
		for _, ev := range coding.Events {
			got = append(got, ev.Source.Code)
		}
		if !slices.Contains(got, tt.source) {
			t.Errorf("%q: sources %v, want %s", tt.text, got, tt.source)
		}
	}
}

// TestCodeQuoteContent checks that what a direct quote says others did
// is not coded as an event, while the speaker's own act in it, or their
// side's, is.
func TestCodeQuoteContent(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text string
		// want is a CAMEO root some event must have; not one no event
		// may have.
		want, not string
	}{
		{"“They caught me while I was trying to cross the border and deported here from Arizona in US,” he said.", "", "17"},
		{"Rathbun wrote, \"Moxon proceeded to lie to Daniel that the hard drives were never returned.\"", "", "05"},
		{"“If the U.S. imposes a tariff on Chinese televisions, the duty is paid to U.S. Customs and Border Protection,” the guide says.", "", "17"},
		{"Jeff Rathke, the US State Department Spokesperson, said, \"We urge the governments of the region to work together quickly, first and foremost, to save the lives of migrants now at sea who are in need of an immediate rescue effort\".", "01", ""},
		{"“The United States condemns the attack on the embassy,” Secretary of State Antony Blinken said.", "11", ""},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2019-11-19")
		found := tt.want == ""
		for _, ev := range coding.Events {
			switch ev.CAMEO[:2] {
			case tt.want:
				found = true
			case tt.not:
				t.Errorf("%q: %s %s → %s", tt.text, ev.CAMEO, ev.Source.Code, targetCode(ev.Target))
			}
		}
		if !found {
			t.Errorf("%q: no %s event (%d events)", tt.text, tt.want, len(coding.Events))
		}
	}
}

// TestCodePressIsNoTarget checks that speaking to the press is not coded
// as a statement to it, while a spokesperson's statement to others is.
func TestCodePressIsNoTarget(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text  string
		event bool
	}{
		{"Environment Canada spokeswoman Sujata Raisinghani told CBC News the department will look into the incident.", false},
		{"After the leak, CEO of the Refugee Council Enver Solomon told Sky News any process \"must be well thought out\".", false},
		{"Emirates President Tim Clark, meanwhile, told reporters at a press conference that the airline would expand.", false},
		{"“We make no apology for having an instant rebuttal to all the nonsense and lies put out,” Raab told the BBC.", false},
		{"Secretary of State Antony Blinken told Iran that the conflict cannot be allowed to escalate.", true},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2019-11-19")
		for _, ev := range coding.Events {
			if !tt.event {
				t.Errorf("%q: %s %s → %s", tt.text, ev.CAMEO, ev.Source.Code, targetCode(ev.Target))
			}
		}
		if tt.event && len(coding.Events) == 0 {
			t.Errorf("%q: no event", tt.text)
		}
	}
}

// TestCodeAccordingToIsNoAgent checks that the one a passive sentence's
// report is attributed to is not coded as who did it, while a by-agent
// still is.
func TestCodeAccordingToIsNoAgent(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct{ text, source string }{
		{"More than 2,500 Afghan civilians have been killed in the fighting so far this year, according to the United Nations.", ""},
		{"Five Afghan civilians were killed by US troops in Kabul on Tuesday.", "USAMIL"},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2019-11-19")
		var sources []string
		for _, ev := range coding.Events {
			sources = append(sources, ev.Source.Code)
		}
		if len(sources) == 0 || !slices.Contains(sources, tt.source) {
			t.Errorf("%q: sources %q, want %q", tt.text, sources, tt.source)
		}
	}
}

// codeText codes text as the body of a story of the given date.
func codeText(t *testing.T, c *Coder, text, date string) dyad.Coding {
	t.Helper()
	coding, err := c.Code(&dyad.Article{ID: "t", Body: text, Dateline: dyad.Dateline{Date: date}})
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return coding
}

// TestLightVerbLendsItsToPhrase checks that an event noun carried by a
// light verb takes the verb's "to" phrase as its target, wherever the
// parser hangs it: on the noun or on the verb.
func TestLightVerbLendsItsToPhrase(t *testing.T) {
	c := newTestCoder(t)
	for _, tt := range []struct{ head, rel, word string }{{"3", "nmod", "appeal"}, {"1", "obl", "made"}} {
		// Iran made an appeal to the United Nations.
		doc := treeDoc(t, "Iran/PROPN/1/nsubj", "made/VERB/-1/root", "an/DET/3/det", "appeal/NOUN/1/obj",
			"to/ADP/7/case", "the/DET/7/det", "United/PROPN/7/compound", "Nations/PROPN/"+tt.head+"/"+tt.rel, "./PUNCT/1/punct")
		coding := c.CodeDoc(&dyad.Article{ID: "t", Dateline: dyad.Dateline{Date: "2024-08-06"}}, doc, 0)
		var got []string
		for _, e := range coding.Events {
			tgt := ""
			if e.Target != nil {
				tgt = e.Target.Code
			}
			got = append(got, e.Source.Code+">"+tgt+" "+e.CAMEO)
		}
		if !slices.Contains(got, "IRN>IGOUNO 020") {
			t.Errorf("'to the United Nations' as %s of %q: events %v, want IRN>IGOUNO 020", tt.rel, tt.word, got)
		}
	}
}

// TestCodeHypothetical checks that what may happen, or happens only on a
// condition, is flagged hypothetical, and what happened is not.
func TestCodeHypothetical(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text         string
		cameo        string
		hypothetical bool
	}{
		// A pattern's words in a modal clause below the verb that matched.
		{"Swedish prosecutor Eva-Marie Persson added that an appeal against the decision could be made to the office of Sweden's attorney general.", "020", true},
		// The consequent of a condition.
		{"A similarly fresh Reuters poll has lower numbers for removal (44 percent of Americans say they want the House to impeach and the Senate to convict), but also shows that most Americans want Congress to investigate Trump if he “committed impeachable offenses during his conversation with the president of Ukraine.”", "090", true},
		{"Israeli troops attacked Hamas fighters in Gaza on Monday.", "190", false},
		// A threat's words are modal by nature: the threat was made.
		{"Palestinian chief negotiator Saeb Erekat said they would take a series of measures against the United Nations.", "130", false},
		{"Iran made an appeal to the United Nations on Monday.", "020", false},
	}
	for _, tt := range tests {
		coding := codeText(t, c, tt.text, "2019-11-19")
		var got []string
		found := false
		for _, ev := range coding.Events {
			got = append(got, fmt.Sprintf("%s hypothetical=%t", ev.CAMEO, ev.Hypothetical))
			found = found || ev.CAMEO == tt.cameo && ev.Hypothetical == tt.hypothetical
			if ev.Hypothetical && ev.Confidence > 0.5 {
				t.Errorf("%q: hypothetical %s has confidence %v, want at most 0.5", tt.text, ev.CAMEO, ev.Confidence)
			}
		}
		if !found {
			t.Errorf("%q: events %v, want %s hypothetical=%t", tt.text, got, tt.cameo, tt.hypothetical)
		}
	}
}

// TestCodeAmbassadorIsNotTheStorysCountrys checks that an ambassador named
// without a country does not take the country the story is most about:
// ambassadors serve abroad.
func TestCodeAmbassadorIsNotTheStorysCountrys(t *testing.T) {
	c := newTestCoder(t)
	text := "WASHINGTON (AP) — Ambassador Gordon Sondland, the most anticipated witness in the impeachment inquiry, is likely to be unpredictable when he faces questions about his evolving accounts of the Trump administration’s dealings with Ukraine and a newly revealed summertime phone call with President Donald Trump.\n\n" +
		"He testified about a July 10 meeting at the White House when Sondland told visiting Ukraine officials they would need to “deliver” before the administration would agree to a meeting Zelenskiy wanted with Trump.\n\n" +
		"Ukraine's president Volodymyr Zelenskiy met officials in Kyiv."
	coding := codeText(t, c, text, "2019-11-19")
	found := false
	for _, ev := range coding.Events {
		for _, a := range []*dyad.Actor{&ev.Source, ev.Target} {
			if a == nil || !strings.Contains(a.Text, "Sondland") {
				continue
			}
			found = true
			if strings.HasPrefix(a.Code, "UKR") {
				t.Errorf("%s %s (%s) → %s: Sondland coded %s", ev.CAMEO, ev.Source.Code, ev.Source.Text, targetCode(ev.Target), a.Code)
			}
		}
	}
	if !found {
		t.Errorf("no event of Sondland (%d events)", len(coding.Events))
	}
}

// TestNamesPeople checks the agent-noun test that decides whether a kind
// of actor before a noun is who the phrase is ("small-business owners")
// or only classifies it ("student vouchers").
func TestNamesPeople(t *testing.T) {
	for lemma, want := range map[string]bool{
		"owner": true, "investor": true, "activist": true, "politician": true, "resident": true,
		"suspect": true, "troop": true, "department": true,
		"voucher": false, "paper": false, "equipment": false, "incident": false, "choice": false, "debate": false,
	} {
		if got := namesPeople(lemma); got != want {
			t.Errorf("namesPeople(%q) = %v, want %v", lemma, got, want)
		}
	}
}

// TestCodeTimeOpenings codes wire sentences that open with the time, which
// the parser may read as a phrase about the time with the event hanging
// on it (repairTimeAppositive), and checks the attack and its toll.
func TestCodeTimeOpenings(t *testing.T) {
	c := newTestCoder(t)
	for _, tt := range []struct {
		text            string
		killed, wounded int
	}{
		{"Late Sunday, an air strike on a school in northern Gaza killed 12 people.", 12, 0},
		{"Earlier on Monday, a roadside bomb near Kandahar wounded three Canadian soldiers.", 0, 3},
		{"On Sunday, an explosion at a market in Baghdad killed 15 people and wounded 40 others.", 15, 40},
	} {
		coding := codeText(t, c, tt.text, "2024-08-06")
		found := false
		for _, ev := range coding.Events {
			if materialConflict(ev.CAMEO) && deref(ev.Killed) == tt.killed && deref(ev.Wounded) == tt.wounded {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no act of force with %d killed and %d wounded among %d events", tt.text, tt.killed, tt.wounded, len(coding.Events))
		}
	}
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
