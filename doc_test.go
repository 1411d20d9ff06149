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
