package dyad

import (
	"slices"
	"testing"
)

func TestStretches(t *testing.T) {
	tests := []struct {
		name      string
		tokens    int
		sentences []Span
		want      []Span
	}{
		{"no sentences", 3, nil, []Span{{0, 3}}},
		{"no tokens", 0, []Span{{0, 2}}, nil},
		{"sentences and gaps", 7, []Span{{1, 3}, {4, 6}}, []Span{{0, 1}, {1, 3}, {3, 4}, {4, 6}, {6, 7}}},
		{"overlapping and backwards spans", 5, []Span{{0, 3}, {2, 4}, {1, 2}}, []Span{{0, 3}, {3, 4}, {4, 5}}},
		{"spans past the end", 3, []Span{{1, 9}, {100, 200}}, []Span{{0, 1}, {1, 3}}},
		{"negative and empty spans", 2, []Span{{-5, -1}, {1, 1}}, []Span{{0, 1}, {1, 2}}},
	}
	for _, tt := range tests {
		d := &Doc{Tokens: make([]Token, tt.tokens), Sentences: tt.sentences}
		got := slices.Collect(d.Stretches())
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// FuzzStretches checks that whatever Sentences holds, the stretches cover
// every token once, in order, without empty stretches.
func FuzzStretches(f *testing.F) {
	f.Add(uint8(7), []byte{1, 3, 4, 6})
	f.Add(uint8(3), []byte{200, 9, 0, 0, 2, 1})
	f.Fuzz(func(t *testing.T, n uint8, bounds []byte) {
		d := &Doc{Tokens: make([]Token, n)}
		for i := 0; i+1 < len(bounds); i += 2 {
			d.Sentences = append(d.Sentences, Span{int(int8(bounds[i])), int(int8(bounds[i+1]))})
		}
		next := 0
		for sp := range d.Stretches() {
			if sp.Start != next || sp.End <= sp.Start || sp.End > int(n) {
				t.Fatalf("stretch %v after %d tokens of %d (sentences %v)", sp, next, n, d.Sentences)
			}
			next = sp.End
		}
		if next != int(n) {
			t.Fatalf("stretches end at %d of %d tokens (sentences %v)", next, n, d.Sentences)
		}
	})
}
