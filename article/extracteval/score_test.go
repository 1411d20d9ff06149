package extracteval

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"snake_case and 3.14", []string{"snake_case", "and", "3", "14"}},
		{"Straße 東京 ١٢٣", []string{"Straße", "東京", "١٢٣"}},
		// A combining mark is not a word character in Python's re.
		{"e\u0301te", []string{"e", "te"}},
		{"bad \xff utf8", []string{"bad", "utf8"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchShingles(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		want        Counts
	}{
		{"identical", "a b c d e", "a b c d e", Counts{TP: 1}},
		{"punctuation and spacing ignored", "a, b. c\n\nd e", "a b c d e", Counts{TP: 1}},
		{"case kept", "A b c d", "a b c d", Counts{FP: 0.5, FN: 0.5}},
		// truth shingles: abcd bcde; pred: abcd bcde cdef → TP 2, FP 1.
		{"extra word", "a b c d e", "a b c d e f", Counts{TP: 2.0 / 3, FP: 1.0 / 3}},
		{"empty prediction", "a b c d", "", Counts{FN: 1}},
		{"both empty", "", "", Counts{}},
		// Fewer words than a shingle make one short shingle.
		{"short", "a b", "a b", Counts{TP: 1}},
		// Repeats count: pred has "a a a a" twice, truth once.
		{"repeats", "a a a a", "a a a a a", Counts{TP: 0.5, FP: 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MatchShingles(tt.truth, tt.pred)
			if !near(got.TP, tt.want.TP) || !near(got.FP, tt.want.FP) || !near(got.FN, tt.want.FN) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestAggregate(t *testing.T) {
	// Page 1 perfect; page 2 half wrong both ways; page 3 predicted
	// nothing (no precision, recall 0); page 4 empty truth and empty
	// prediction (counted nowhere).
	pages := []Counts{
		{TP: 1},
		{TP: 0.5, FP: 0.25, FN: 0.25},
		{FN: 1},
		{},
	}
	got := Aggregate(pages)
	wantP := (1 + 0.5/0.75) / 2
	wantR := (1 + 0.5/0.75 + 0) / 3
	wantF := 2 * wantP * wantR / (wantP + wantR)
	if !near(got.Precision, wantP) || !near(got.Recall, wantR) || !near(got.F1, wantF) || got.Pages != 4 {
		t.Errorf("got %+v, want P %.4f R %.4f F1 %.4f over 4 pages", got, wantP, wantR, wantF)
	}
	if z := Aggregate(nil); z.F1 != 0 || z.Precision != 0 {
		t.Errorf("empty aggregate = %+v", z)
	}
}

func TestReadPredictions(t *testing.T) {
	for _, src := range []string{
		`{"p1": {"articleBody": "x y"}, "p2": {"articleBody": ""}}`,
		`{"output": {"p1": {"articleBody": "x y"}, "p2": {}}, "version": "1.0"}`,
	} {
		got, err := ReadPredictions(strings.NewReader(src))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if want := (Predictions{"p1": "x y", "p2": ""}); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
	if _, err := ReadPredictions(strings.NewReader(`{"p1": "not an object"}`)); err == nil {
		t.Error("malformed prediction accepted")
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	pred := Predictions{"a": "body <b> & \"quotes\"\n\nsecond", "b": ""}
	var sb strings.Builder
	if err := WritePredictions(&sb, pred); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPredictions(strings.NewReader(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, pred) {
		t.Errorf("round trip: got %q, want %q", got, pred)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
