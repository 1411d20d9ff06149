package dict

import (
	"reflect"
	"testing"
	"testing/fstest"
)

const verbSnippet = `####### SYNONYM SETS #######
&CURRENCY
+DOLLAR
+SWISS_FRANC
+KRONER_

&AUXVERB_
+WILL
+IS_TO

&WEAPON
+GUN
&MONEY
+&CURRENCY
+CASH_

--- PHYSICAL_CONFLICT   [190]  ---
+FIGHT_BACK {+FOUGHT_BACK +FIGHTS_BACK +FIGHTING_BACK}
RE_+ARREST [173]
ATTACK
FIGHT {FIGHTS FOUGHT FIGHTING }
SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93
- * ON + BY $ SYMPATHISER  [190]  # ATTACK
- * (WITH &CURRENCY)       [042:043]
- {SUICIDE &WEAPON} *     [1831]
- IN_*  [075]
- *_OUT (FROM ^) [110]
- * DEAL                   [057]
LASH OUT
- * (TO {BANNED PARTIES}) $ [1722]
- * [080!]
- * &UNDEFINED [010]
- * VISIT) [042]
- ON [010]
- * * [010]
~ a (a b ATTACK) SAY = a b 015
~ broken
`

func TestVerbsSnippet(t *testing.T) {
	d, errs := loadSnippet(t, "verbs", verbSnippet)
	// 29: spaced multi-word verb; 31: bad code; 33: unbalanced; 34: no
	// '*'; 35: two '*'; 37: bad transformation; then, after all files,
	// 32: an undefined synset.
	wantLines(t, errs, 29, 31, 33, 34, 35, 37, 32)
	v := d.Verbs

	type form struct {
		lemma         string
		before, after []string
		code          string
	}
	lookups := map[string][]form{
		"FOUGHT":    {{"FIGHT_BACK", nil, []string{"BACK"}, "190"}, {"FIGHT", nil, nil, "190"}},
		"ARRESTING": {{"RE_ARREST", []string{"RE"}, nil, "173"}},
		"ATTACKED":  {{"ATTACK", nil, nil, "190"}},
		"attacks":   {{"ATTACK", nil, nil, "190"}},
		"SCRAPPED":  {{"SCRAP", nil, nil, "190"}},
		"FIGHTED":   nil,
		"LASH":      nil,
	}
	for w, want := range lookups {
		var got []form
		for _, f := range v.Lookup(w) {
			got = append(got, form{f.Lemma, f.Before, f.After, f.Code.String()})
			if f.Block.Name != "PHYSICAL_CONFLICT" {
				t.Errorf("%s: block %q", w, f.Block.Name)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Lookup(%s) = %+v, want %+v", w, got, want)
		}
	}

	b := v.Blocks[0]
	if b.Code.String() != "190" || len(b.Verbs) != 5 || len(b.Patterns) != 7 {
		t.Fatalf("block %s [%s]: %d verbs, %d patterns", b.Name, b.Code, len(b.Verbs), len(b.Patterns))
	}
	// Most specific first, file order among equals.
	var order []string
	for _, p := range b.Patterns {
		order = append(order, p.Code.String())
	}
	if want := []string{"190", "1722", "110", "042:043", "1831", "075", "057"}; !reflect.DeepEqual(order, want) {
		t.Errorf("pattern order %v, want %v", order, want)
	}
	p := b.Patterns[0]
	wantAfter := []Element{{Kind: Word, Text: "ON"}, {Kind: TargetMark}, {Kind: Word, Text: "BY"}, {Kind: SourceMark}, {Kind: Word, Text: "SYMPATHISER"}}
	if len(p.Before) != 0 || !reflect.DeepEqual(p.After, wantAfter) || p.Line != 23 || p.Specificity() != 5 {
		t.Errorf("pattern 1 = %+v", p)
	}
	byCode := map[string]*Pattern{}
	for _, p := range b.Patterns {
		byCode[p.Code.String()] = p
	}
	if p := byCode["042:043"]; p.Code.Passive != "043" || !reflect.DeepEqual(p.After, []Element{{Kind: PrepPhrase, Elements: []Element{{Kind: Word, Text: "WITH"}, {Kind: SynsetRef, Text: "&CURRENCY"}}}}) {
		t.Errorf("prep pattern = %+v", p)
	}
	if p := byCode["1831"]; !reflect.DeepEqual(p.Before, []Element{{Kind: NounPhrase, Elements: []Element{{Kind: Word, Text: "SUICIDE"}, {Kind: SynsetRef, Text: "&WEAPON"}}}}) {
		t.Errorf("noun-phrase pattern = %+v", p)
	}
	if p := byCode["075"]; !p.VerbJoined || !reflect.DeepEqual(p.Before, []Element{{Kind: Word, Text: "IN"}}) {
		t.Errorf("IN_* pattern = %+v", p)
	}
	if p := byCode["110"]; !reflect.DeepEqual(p.After, []Element{{Kind: Word, Text: "OUT", Joined: true}, {Kind: PrepPhrase, Elements: []Element{{Kind: Word, Text: "FROM"}, {Kind: SkipMark}}}}) {
		t.Errorf("*_OUT pattern = %+v", p)
	}

	cur, ok := v.Synset("currency")
	if !ok {
		t.Fatal("no &CURRENCY")
	}
	members := map[string]bool{}
	for _, m := range cur.Members {
		members[Normalize(joinWords(m))] = true
	}
	for _, w := range []string{"DOLLAR", "DOLLARS", "SWISS_FRANC", "SWISS_FRANCS", "KRONER"} {
		if !members[w] {
			t.Errorf("&CURRENCY lacks %s (has %v)", w, members)
		}
	}
	if members["KRONERS"] {
		t.Error("&CURRENCY pluralised KRONER_")
	}
	if n := cur.Match([]string{"swiss", "francs", "today"}); n != 2 {
		t.Errorf("Match swiss francs = %d", n)
	}
	aux, _ := v.Synset("&AUXVERB")
	if len(aux.Members) != 2 {
		t.Errorf("&AUXVERB_ (no plurals) members = %v", aux.Members)
	}
	money, _ := v.Synset("&MONEY")
	if len(money.Members) != len(cur.Members)+1 {
		t.Errorf("&MONEY (nested) members = %v", money.Members)
	}

	if len(v.Transformations) != 1 {
		t.Fatalf("transformations = %+v", v.Transformations)
	}
	tr := v.Transformations[0]
	if tr.Source != "a" || tr.InnerSource != "a" || tr.InnerTarget != "b" || tr.InnerVerb != "ATTACK" || tr.Verb != "SAY" || tr.ResultCode != "015" {
		t.Errorf("transformation = %+v", tr)
	}
}

func joinWords(ws []string) string {
	s := ""
	for i, w := range ws {
		if i > 0 {
			s += "_"
		}
		s += w
	}
	return s
}

func TestVerbsOutsideBlockAndCycles(t *testing.T) {
	d, errs := loadSnippet(t, "verbs", "ATTACK\n- * ON [190]\n&A\n+&B\n&B\n+&A\n--- X [010] ---\nGO\n")
	// 1, 2: verb and pattern before any block; 3 or 5: a synset cycle.
	lines := errorLines(t, errs)
	if len(lines) != 3 || lines[0] != 1 || lines[1] != 2 {
		t.Errorf("errors %v", errs)
	}
	if len(d.Verbs.Lookup("GOES")) != 1 {
		t.Errorf("GOES = %v", d.Verbs.Lookup("GOES"))
	}
}

// TestVerbsOverrideByLaterFile checks that a form a later file lists
// again takes that file's block (dyad's news overrides, a user's
// --verbs), while a form listed in two blocks of one file keeps both.
func TestVerbsOverrideByLaterFile(t *testing.T) {
	const base = `--- APPREHEND [171] ---
TAKE {TAKES TOOK TAKEN TAKING}
SEIZE
--- GIVE [070] ---
SEIZE
`
	const override = `--- TAKE [---] ---
TAKE {TAKES TOOK TAKEN TAKING}
- * HOSTAGE [181]
`
	fsys := fstest.MapFS{"base.txt": {Data: []byte(base)}, "override.txt": {Data: []byte(override)}}
	d, errs, err := Load(Source{FS: fsys, Files: Files{Verbs: []string{"base.txt", "override.txt"}}})
	if err != nil || len(errs) > 0 {
		t.Fatalf("Load: %v %v", err, errs)
	}
	tests := []struct {
		word   string
		blocks []string
	}{
		{"TOOK", []string{"TAKE"}},
		{"TAKE", []string{"TAKE"}},
		{"SEIZE", []string{"APPREHEND", "GIVE"}},
	}
	for _, tt := range tests {
		var got []string
		for _, v := range d.Verbs.Lookup(tt.word) {
			got = append(got, v.Block.Name)
		}
		if !reflect.DeepEqual(got, tt.blocks) {
			t.Errorf("%s: blocks %v, want %v", tt.word, got, tt.blocks)
		}
	}
	if v := d.Verbs.Lookup("TOOK"); len(v) == 1 && !v[0].Code.Null() {
		t.Errorf("TOOK: code %v, want the override's null code", v[0].Code)
	}
}
