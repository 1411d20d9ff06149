package cameo

import (
	"strings"
	"testing"
)

func TestDefaultLoadsEveryCode(t *testing.T) {
	o := Default()
	codes := o.Codes()
	// The shared table lists 311 codes: the 20 cue categories and 291
	// three- and four-digit codes.
	if len(codes) != 311 {
		t.Fatalf("got %d codes, want 311", len(codes))
	}
	roots := 0
	for _, c := range codes {
		e, ok := o.Lookup(c)
		if !ok || e.Description == "" {
			t.Errorf("%s: no description", c)
		}
		if len(c) == 2 {
			roots++
		}
		if e.PLOVER.Type == "" || (e.PLOVER.Basis != "oeda" && e.PLOVER.Basis != "dyad") {
			t.Errorf("%s: PLOVER row %+v", c, e.PLOVER)
		}
	}
	if roots != 20 {
		t.Errorf("got %d roots, want 20", roots)
	}
}

func TestCodeShape(t *testing.T) {
	tests := []struct {
		code         Code
		valid        bool
		root, parent Code
		quad         QuadClass
	}{
		{"0256", true, "02", "025", VerbalCooperation},
		{"01", true, "01", "", VerbalCooperation},
		{"057", true, "05", "05", VerbalCooperation},
		{"060", true, "06", "06", MaterialCooperation},
		{"094", true, "09", "09", MaterialCooperation},
		{"100", true, "10", "10", VerbalConflict},
		{"1454", true, "14", "145", VerbalConflict},
		{"150", true, "15", "15", MaterialConflict},
		{"2042", true, "20", "204", MaterialConflict},
		{"00", false, "", "", Unknown},
		{"21", false, "", "", Unknown},
		{"1", false, "", "", Unknown},
		{"12345", false, "", "", Unknown},
		{"1a0", false, "", "", Unknown},
		{"---", false, "", "", Unknown},
		{"", false, "", "", Unknown},
	}
	for _, tt := range tests {
		if got := tt.code.Valid(); got != tt.valid {
			t.Errorf("%q.Valid() = %v", tt.code, got)
		}
		if got := tt.code.Root(); got != tt.root {
			t.Errorf("%q.Root() = %q, want %q", tt.code, got, tt.root)
		}
		if got := tt.code.Parent(); got != tt.parent {
			t.Errorf("%q.Parent() = %q, want %q", tt.code, got, tt.parent)
		}
		if got := tt.code.QuadClass(); got != tt.quad {
			t.Errorf("%q.QuadClass() = %v, want %v", tt.code, got, tt.quad)
		}
	}
}

func TestGoldstein(t *testing.T) {
	tests := []struct {
		code Code
		want float64
		ok   bool
	}{
		{"0256", -0.3, true},
		{"190", -10.0, true},
		{"02", 3.0, true},
		{"018", 3.4, true},
		{"100", -5.0, true},
		{"2042", -10.0, true},
		// Not in the codebook: inherited from the nearest ancestor.
		{"1951", -10.0, true},
		{"0257", -0.3, true},
		{"99", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := tt.code.Goldstein()
		if ok != tt.ok || got != tt.want {
			t.Errorf("%q.Goldstein() = %v, %v; want %v, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := Default().Lookup("1951"); ok {
		t.Error("1951 looked up as a codebook code")
	}
}

func TestPLOVER(t *testing.T) {
	tests := []struct {
		code       Code
		typ, mode  string
		basis      string
		descPrefix string
	}{
		{"010", "AGREE", "", "dyad", "Make statement"},
		{"0256", "REQUEST", "yield", "dyad", "Appeal for de-escalation"},
		{"036", "AGREE", "", "oeda", "Express intent to meet"},
		{"042", "CONSULT", "visit", "oeda", "Make a visit"},
		{"0874", "RETREAT", "disarm", "oeda", "Retreat or surrender"},
		{"112", "ACCUSE", "disapprove", "oeda", "Accuse"},
		{"1041", "REQUEST", "change", "oeda", "Demand change in leadership"},
		{"163", "COERCE", "restrict", "oeda", "Impose embargo"},
		{"173", "COERCE", "arrest", "oeda", "Arrest"},
		{"190", "ASSAULT", "", "oeda", "Use conventional military force"},
		{"193", "ASSAULT", "firearms", "oeda", "Fight with small arms"},
		{"195", "ASSAULT", "heavy-weapons", "oeda", "Employ aerial weapons"},
		{"192", "COERCE", "confiscate", "oeda", "Occupy territory"},
	}
	for _, tt := range tests {
		p, ok := tt.code.PLOVER()
		if !ok || p.Type != tt.typ || p.Mode != tt.mode || p.Basis != tt.basis {
			t.Errorf("%s.PLOVER() = %+v, %v; want %s/%s (%s)", tt.code, p, ok, tt.typ, tt.mode, tt.basis)
		}
		if d := tt.code.Description(); !strings.HasPrefix(d, tt.descPrefix) {
			t.Errorf("%s.Description() = %q, want prefix %q", tt.code, d, tt.descPrefix)
		}
	}
	// A dictionary code outside the codebook inherits its parent's row.
	if p, ok := Code("1951").PLOVER(); !ok || p.Type != "ASSAULT" || p.Mode != "heavy-weapons" {
		t.Errorf("1951 PLOVER = %+v, %v", p, ok)
	}
}

func TestLoadErrors(t *testing.T) {
	const codes = "code\tdescription\n01\tStatement\n010\tStatement, other\n"
	const scores = "c\ts\n01\t0.0\n"
	const plover = "01\tAGREE\t\t\tdyad\n"
	if o, err := Load(strings.NewReader(codes), strings.NewReader(scores), strings.NewReader(plover)); err != nil {
		t.Fatalf("minimal tables: %v", err)
	} else if g, _ := o.Goldstein("010"); g != 0 {
		t.Errorf("010 inherited %v", g)
	} else if p, _ := o.PLOVER("010"); p.Type != "AGREE" {
		t.Errorf("010 inherited %+v", p)
	}
	tests := []struct {
		name                  string
		codes, scores, plover string
		want                  string
	}{
		{"bad code", "h\n1x\tX\n", scores, plover, "invalid code"},
		{"duplicate", "h\n01\tX\n01\tY\n", scores, plover, "duplicate"},
		{"fields", "h\n01\n", scores, plover, "1 fields"},
		{"score range", codes, "h\n01\t11\n", plover, "not a number"},
		{"score code", codes, "h\n05\t1\n", plover, "not in the event codes"},
		{"no score", codes, "h\n010\t1\n", plover, "no score"},
		{"plover basis", codes, scores, "01\tAGREE\t\t\tguess\n", "basis"},
		{"no plover", codes, scores, "010\tAGREE\t\t\tdyad\n", "no row"},
	}
	for _, tt := range tests {
		_, err := Load(strings.NewReader(tt.codes), strings.NewReader(tt.scores), strings.NewReader(tt.plover))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func BenchmarkGoldstein(b *testing.B) {
	o := Default()
	for b.Loop() {
		o.Goldstein("0256")
	}
}
