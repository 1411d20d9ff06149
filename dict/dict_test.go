package dict

import (
	"reflect"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"UN_SECRETARY GENERAL", "UN_SECRETARY_GENERAL"},
		{"un secretary_general_", "UN_SECRETARY_GENERAL"},
		{"  Barack\tObama ", "BARACK_OBAMA"},
		{"___", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLineReaderComments(t *testing.T) {
	const text = "A # comment\n" +
		"<!-- one-line --> B\n" +
		"<!-- start\n" +
		"inside\n" +
		"end --> C\n" +
		"<! -- PETRARCH skips any line starting <! -->\n" +
		"\n   \n" +
		"D\x00E\n" +
		"F\xffG\r\n"
	errs := &errorList{max: 10}
	lr := newLineReader(strings.NewReader(text), "f", DefaultLimits, errs)
	var got []string
	var nums []int
	for {
		l, ok, err := lr.next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		got = append(got, strings.TrimSpace(l.text))
		nums = append(nums, l.n)
	}
	want := []string{"A", "B", "C", "D E", "F\uFFFDG"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
	if !reflect.DeepEqual(nums, []int{1, 2, 5, 9, 10}) {
		t.Errorf("line numbers = %v", nums)
	}
}

func TestLineTooLong(t *testing.T) {
	text := "A\n" + strings.Repeat("x", 300) + "\nB\n"
	errs := &errorList{max: 10}
	lr := newLineReader(strings.NewReader(text), "f", Limits{MaxLineBytes: 100, MaxErrors: 10}, errs)
	var got []string
	for {
		l, ok, err := lr.next()
		if err != nil || !ok {
			break
		}
		got = append(got, l.text)
	}
	if !reflect.DeepEqual(got, []string{"A", "B"}) || len(errs.errs) != 1 || errs.errs[0].Line != 2 {
		t.Errorf("lines %q, errors %v", got, errs.errs)
	}
}

func TestErrorLimit(t *testing.T) {
	text := strings.Repeat("NOCODE\n", 50)
	d, errs, err := LoadLimits(Limits{MaxErrors: 5}, Source{FS: mapFS("a.txt", text), Files: Files{Agents: []string{"a.txt"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 5 || d.DroppedErrors != 45 {
		t.Errorf("kept %d errors, dropped %d; want 5 and 45", len(errs), d.DroppedErrors)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, _, err := Load(Source{FS: mapFS("a.txt", ""), Files: Files{Actors: []string{"missing.txt"}}})
	if err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("err = %v", err)
	}
}

// TestHostileInput feeds every reader bytes no dictionary has; nothing
// may panic and every bad line must be reported or skipped.
func TestHostileInput(t *testing.T) {
	inputs := []string{
		"", "\x00\x01\x02", "[", "]", "{", "}", "(", ")", "[[[]]]", "- * (", "- * {A (B)} [010]",
		"--- [", "&", "+", "~", "~ a (", "!X! =", "A!X!B [~GOV]", "\xff\xfe\xfd", "<!--", "-->",
		"A [B 999999-000000]", "A [B >]", "A [B <", "[CODE]", "+SYN", "A {B [C]", "- * * [010]",
		"- $ + ^ % * [010]", "&S\n+&S\n--- B [010] ---\nV\n- * &S [011]", "A_+B_+C", "+_", "V {+}",
		strings.Repeat("(", 1000) + " * [010]", strings.Repeat("A_", 5000) + " [X]",
	}
	for _, role := range []string{"verbs", "actors", "agents", "discards", "issues", "prepositions"} {
		for _, in := range inputs {
			for _, text := range []string{in, "--- B [010] ---\n" + in, "A [X]\n" + in} {
				loadSnippet(t, role, text)
			}
		}
	}
}

func TestValidationRecordParseErr(t *testing.T) {
	tests := []struct {
		parse string
		ok    bool
	}{
		{"(ROOT (S (NP (NNP Arnor)) (VP (VBZ is)) (. .)))", true},
		{"", true},
		{"(ROOT (S (NP (NNP Arnor)) (VP (VBZ is)) (. .)", false},
		{"(ROOT (S (NP (NNP Arnor))) (VP (VBZ is)) (. .)))", false},
	}
	for _, tt := range tests {
		err := ValidationRecord{ID: "R", Parse: tt.parse}.ParseErr()
		if (err == nil) != tt.ok {
			t.Errorf("%q: error %v, want ok=%v", tt.parse, err, tt.ok)
		}
	}
}
