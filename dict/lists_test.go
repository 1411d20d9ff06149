package dict

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestDiscards(t *testing.T) {
	d, errs := loadSnippet(t, "discards", "# header\nMONTHS LATER\n+World Golf Championships   # pas\nBASEBALL_\n+\n")
	wantLines(t, errs, 5)
	if d.Discards.Len() != 3 {
		t.Errorf("Len = %d", d.Discards.Len())
	}
	ds := d.Discards.Find(strings.Fields("He won the world golf championships today"))
	if ds == nil || !ds.Story || ds.Phrase != "WORLD_GOLF_CHAMPIONSHIPS" || ds.Line != 3 {
		t.Errorf("Find = %+v", ds)
	}
	if ds := d.Discards.Find(strings.Fields("Two months later peace")); ds == nil || ds.Story {
		t.Errorf("sentence discard = %+v", ds)
	}
	if ds := d.Discards.Find(strings.Fields("baseballs are round")); ds != nil {
		t.Errorf("whole-word discard matched a longer word: %+v", ds)
	}
}

func TestIssues(t *testing.T) {
	const text = `<ISSUE CATEGORY="EDUCATION" TYPE="ALL">
n:preschool [EARLY_CHILDHOOD_EDUCATION]
early+childhood education [EARLY_CHILDHOOD_EDUCATION]
ethnic v:purge [ID_ATROCITY]
~a head start
~~Armenian genocide
european central bank
intimidation of press [MEDIA_CENSORSHIP]intimidation of the media [MEDIA_CENSORSHIP]
</ISSUE>
literacy [LITERACY]
`
	d, errs := loadSnippet(t, "issues", text)
	wantLines(t, errs, 7, 8)
	tests := []struct {
		phrase, code, category string
		exclude                IssueExclusion
	}{
		{"preschools", "EARLY_CHILDHOOD_EDUCATION", "EDUCATION", NoExclusion},
		{"early-childhood education", "EARLY_CHILDHOOD_EDUCATION", "EDUCATION", NoExclusion},
		{"early childhood education", "EARLY_CHILDHOOD_EDUCATION", "EDUCATION", NoExclusion},
		{"ethnic purged", "ID_ATROCITY", "EDUCATION", NoExclusion},
		{"ethnic purging", "ID_ATROCITY", "EDUCATION", NoExclusion},
		{"a head start", "", "EDUCATION", SentenceExclusion},
		{"armenian genocide", "", "EDUCATION", StoryExclusion},
		{"literacy", "LITERACY", "", NoExclusion},
	}
	for _, tt := range tests {
		words := Tokens(tt.phrase)
		n, is := d.Issues.Match(words)
		if n != len(words) || is.Code != tt.code || is.Category != tt.category || is.Exclude != tt.exclude {
			t.Errorf("Match(%q) = %d, %+v", tt.phrase, n, is)
		}
	}
	if d.Issues.Len() != 6 {
		t.Errorf("Len = %d, want 6", d.Issues.Len())
	}
}

func TestRegularVerbForms(t *testing.T) {
	tests := map[string][3]string{
		"ATTACK":   {"ATTACKS", "ATTACKED", "ATTACKING"},
		"ARRANGE":  {"ARRANGES", "ARRANGED", "ARRANGING"},
		"AGREE":    {"AGREES", "AGREED", "AGREEING"},
		"CARRY":    {"CARRIES", "CARRIED", "CARRYING"},
		"DESTROY":  {"DESTROYS", "DESTROYED", "DESTROYING"},
		"ACCESS":   {"ACCESSES", "ACCESSED", "ACCESSING"},
		"REPROACH": {"REPROACHES", "REPROACHED", "REPROACHING"},
	}
	for v, want := range tests {
		s, ed, ing := regularVerbForms(v)
		if got := [3]string{s, ed, ing}; got != want {
			t.Errorf("regularVerbForms(%s) = %v, want %v", v, got, want)
		}
	}
}

func TestPrepositions(t *testing.T) {
	d, errs := loadSnippet(t, "prepositions", "abaft\nabout\nvis-à-vis\nnext to\n")
	wantLines(t, errs, 4)
	var got []string
	for p := range d.Prepositions {
		got = append(got, p)
	}
	sort.Strings(got)
	if !reflect.DeepEqual(got, []string{"ABAFT", "ABOUT", "VIS-À-VIS"}) {
		t.Errorf("prepositions = %q", got)
	}
}
