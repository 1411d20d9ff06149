package dict

import (
	"reflect"
	"testing"
	"time"
)

const actorSnippet = `[ORPHAN]
AFGHANISTAN_  [AFG]
+AFGHAN_
+KABUL   # a synonym with a comment
BARACK_OBAMA
+PRESIDENT OBAMA
	[USAELI 780101-000101]
	[USAGOV >090120]
IVO_JOSIPOVIC_
PRESIDENT_JOSIPOVIC_
	[HRVGOV >20120219]
	[HRVGOVLEG 20031222-20100218]
ABDUL_QADIR_
	[AFGELI 620101-780427]
	[AFGGOV 780427-780430]
	[AFGELI]
LORIEN  [ELR/GAL]
ONE_DAY [XXX 040517-040517]
SPACED [EGYGOV > 140608]
	[ALSO]
BAD_DATE
	[AAA 9008223-911221]
	[AAA]
BACKWARDS [BBB 20121207-20120802]
+SYNONYM_WITH_CODE [CCC]
UNCODED_
TRAILING [DDD] Newspapers $137,000,000
LOWER_CASE [pse]
SHARED_A
SHARED_B
	[SHR]
`

func TestActorsSnippet(t *testing.T) {
	d, errs := loadSnippet(t, "actors", actorSnippet)
	// 1: code line before a name; 22: bad date; 24: backwards range; 25:
	// codes on a synonym; 26: an entry left without a code (reported at
	// its name); 27: text after the code.
	wantLines(t, errs, 1, 22, 24, 25, 26, 27)
	a := d.Actors
	tests := []struct {
		name string
		date time.Time
		want []string
	}{
		{"afghan", day(2020, 1, 1), []string{"AFG"}},
		{"KABUL", time.Time{}, []string{"AFG"}},
		{"BARACK_OBAMA", day(2010, 1, 1), []string{"USAGOV"}},
		{"president obama", day(2009, 1, 20), []string{"USAGOV"}},
		{"BARACK_OBAMA", day(2009, 1, 19), nil},
		{"BARACK_OBAMA", day(1990, 6, 1), []string{"USAELI"}},
		{"BARACK_OBAMA", day(1999, 12, 31), []string{"USAELI"}},
		{"BARACK_OBAMA", day(2000, 1, 1), nil},
		{"BARACK_OBAMA", time.Time{}, []string{"USAELI", "USAGOV"}},
		// A run of uncoded primaries shares the codes that follow.
		{"PRESIDENT_JOSIPOVIC", day(2013, 1, 1), []string{"HRVGOV"}},
		{"IVO_JOSIPOVIC", day(2005, 1, 1), []string{"HRVGOVLEG"}},
		{"IVO_JOSIPOVIC", day(2011, 1, 1), nil},
		// The undated code is the fallback.
		{"ABDUL_QADIR", day(1700, 1, 1), []string{"AFGELI"}},
		{"ABDUL_QADIR", day(1978, 4, 28), []string{"AFGGOV"}},
		{"ABDUL_QADIR", day(1990, 1, 1), []string{"AFGELI"}},
		{"LORIEN", day(2000, 1, 1), []string{"ELR", "GAL"}},
		{"ONE_DAY", day(2004, 5, 17), []string{"XXX"}},
		{"ONE_DAY", day(2004, 5, 18), nil},
		{"SPACED", day(2014, 6, 8), []string{"EGYGOV"}},
		{"BAD_DATE", day(2000, 1, 1), []string{"AAA"}},
		{"LOWER_CASE", day(2000, 1, 1), []string{"PSE"}},
		{"SHARED_B", day(2000, 1, 1), []string{"SHR"}},
		{"UNCODED", day(2000, 1, 1), nil},
		{"TRAILING", day(2000, 1, 1), nil},
		{"NOBODY", day(2000, 1, 1), nil},
	}
	for _, tt := range tests {
		if got := a.Actor(tt.name, tt.date); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Actor(%q, %s) = %v, want %v", tt.name, tt.date.Format("2006-01-02"), got, tt.want)
		}
	}
	e, ok := a.Lookup("IVO JOSIPOVIC")
	if !ok || e.Name != "IVO_JOSIPOVIC" || !reflect.DeepEqual(e.Synonyms, []string{"PRESIDENT_JOSIPOVIC"}) || e.Line != 9 {
		t.Errorf("IVO_JOSIPOVIC entry = %+v", e)
	}
	if a.Len() != 10 {
		t.Errorf("Len = %d, want 10", a.Len())
	}
}

func TestActorsMatchLongest(t *testing.T) {
	d, _ := loadSnippet(t, "actors", "UN [IGOUNO]\nUN_SECRETARY_GENERAL [IGOUNOSEC]\nUN_SECRETARY_GENERAL_BAN [IGOUNOBAN]\nGUINEA-BISSAU_ [GNB]\nMAZAR-I-SHARIF_ [AFG]\nSELF- [SLF]\n")
	tests := []struct {
		tokens []string
		n      int
		name   string
	}{
		{[]string{"UN", "Secretary", "General", "said"}, 3, "UN_SECRETARY_GENERAL"},
		{[]string{"UN", "Secretary", "says"}, 1, "UN"},
		{[]string{"un", "secretary", "general", "ban"}, 4, "UN_SECRETARY_GENERAL_BAN"},
		{[]string{"Secretary"}, 0, ""},
		{nil, 0, ""},
		// A hyphenated name is found as the tokenizer splits it.
		{[]string{"Guinea", "-", "Bissau", "said"}, 3, "GUINEA-BISSAU"},
		{[]string{"GUINEA-BISSAU"}, 1, "GUINEA-BISSAU"},
		{[]string{"Mazar", "-", "i", "-", "Sharif"}, 5, "MAZAR-I-SHARIF"},
		{[]string{"Self", "-"}, 0, ""},
	}
	for _, tt := range tests {
		n, a := d.Actors.Match(tt.tokens)
		if n != tt.n || (n > 0 && a.Name != tt.name) {
			t.Errorf("Match(%v) = %d, %+v; want %d %s", tt.tokens, n, a, tt.n, tt.name)
		}
	}
}

func TestActorRedefinitionOverrides(t *testing.T) {
	d, _, err := Load(
		Source{FS: mapFS("a.txt", "IRAN [IRN]\n"), Files: Files{Actors: []string{"a.txt"}}},
		Source{FS: mapFS("b.txt", "IRAN [IRNGOV]\n"), Files: Files{Actors: []string{"b.txt"}}},
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Actors.Actor("IRAN", day(2020, 1, 1)); !reflect.DeepEqual(got, []string{"IRNGOV"}) {
		t.Errorf("IRAN = %v, want the later definition", got)
	}
}

func TestParseDictDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"090120", day(2009, 1, 20), true},
		{"300101", day(2030, 1, 1), true},
		{"310101", day(1931, 1, 1), true},
		{"19411207", day(1941, 12, 7), true},
		{"20120229", day(2012, 2, 29), true},
		{"20130229", time.Time{}, false},
		{"2004017", time.Time{}, false},
		{"20a00101", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := parseDictDate(tt.in)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseDictDate(%q) = %v, %v", tt.in, got, err)
		}
	}
}
