package dict

import "testing"

const agentSnippet = `<!-- AGENTS -->
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
TROOP [~MIL] # ab 22 Aug 2005
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
POLICE {} [~COP]
CONGRESS [~LEG]
ATTORNEY [~JUD]
CHURCH [~REL]
MILITIA [~REB]
HUMAN_RIGHTS_BODY  [NGO~]
CONGRESS!PERSON! [~LEG]
DEPARMENT_OF_ENVIRONMENT [~ENV}
ISLAMIC_EXTREMIST
MINISTER!UNDEFINED! [~GOV]
WORKER [LAB]
!BROKEN = A, B
SECURITY SERVICE [~GOV]
`

func TestAgentsSnippet(t *testing.T) {
	d, errs := loadSnippet(t, "agents", agentSnippet)
	wantLines(t, errs, 12, 13, 14, 15, 16)
	tests := []struct {
		phrase string
		code   string
		name   string
	}{
		{"TROOP", "~MIL", "TROOP"},
		{"troops", "~MIL", "TROOP"},
		{"ATTORNEYS_GENERAL", "~GOVATG", "ATTORNEY_GENERAL"},
		{"POLICE", "~COP", "POLICE"},
		{"CONGRESSES", "~LEG", "CONGRESS"},
		{"ATTORNEYS", "~JUD", "ATTORNEY"},
		{"CHURCHES", "~REL", "CHURCH"},
		{"MILITIAS", "~REB", "MILITIA"},
		{"HUMAN RIGHTS BODIES", "NGO~", "HUMAN_RIGHTS_BODY"},
		{"CONGRESSWOMEN", "~LEG", "CONGRESSMAN"},
		{"SECURITY_SERVICES", "~GOV", "SECURITY_SERVICE"},
	}
	for _, tt := range tests {
		a, ok := d.Agents.Lookup(tt.phrase)
		if !ok || a.String() != tt.code || a.Name != tt.name {
			t.Errorf("Lookup(%q) = %+v, %v; want %s from %s", tt.phrase, a, ok, tt.code, tt.name)
		}
	}
	for _, absent := range []string{"POLICES", "ATTORNEY_GENERALS", "ATTORNIES", "CONGRESSPERSONS", "DEPARMENT_OF_ENVIRONMENT"} {
		if a, ok := d.Agents.Lookup(absent); ok {
			t.Errorf("Lookup(%q) = %+v, want none", absent, a)
		}
	}
	mil, _ := d.Agents.Lookup("TROOPS")
	ngo, _ := d.Agents.Lookup("HUMAN_RIGHTS_BODY")
	if got := mil.Apply("USA"); got != "USAMIL" {
		t.Errorf("~MIL applied to USA = %s", got)
	}
	if got := ngo.Apply("USA"); got != "NGOUSA" {
		t.Errorf("NGO~ applied to USA = %s", got)
	}
	if n, a := d.Agents.Match([]string{"Security", "services", "said"}); n != 2 || a.Code != "GOV" {
		t.Errorf("Match = %d, %+v", n, a)
	}
	if d.Agents.Len() != 10 {
		t.Errorf("Len = %d, want 10", d.Agents.Len())
	}
}

func TestPluralNoun(t *testing.T) {
	for in, want := range map[string]string{
		"TROOP": "TROOPS", "MILITIA": "MILITIAS", "PARTY": "PARTIES", "ATTORNEY": "ATTORNEYS",
		"BUS": "BUSES", "BOX": "BOXES", "CHURCH": "CHURCHES", "BUSH": "BUSHES", "Y": "YS",
	} {
		if got := pluralNoun(in); got != want {
			t.Errorf("pluralNoun(%s) = %s, want %s", in, got, want)
		}
	}
}
