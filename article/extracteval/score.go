package extracteval

import (
	"unicode"
	"unicode/utf8"
)

// ShingleSize is the benchmark's n: bodies are compared as multisets of
// 4-word shingles, so a misplaced paragraph costs little and leftover
// furniture costs in proportion to its length.
const ShingleSize = 4

// Counts is one page's true-positive, false-positive and false-negative
// shingle counts, normalised to sum to 1 so every page weighs the same.
type Counts struct {
	TP, FP, FN float64
}

// Score is an extractor's result over a set of pages.
type Score struct {
	// Precision is the mean over pages that predicted something, Recall
	// the mean over pages whose truth is non-empty; F1 is their harmonic
	// mean, exactly as the benchmark's evaluate.py computes it.
	F1, Precision, Recall float64
	// Pages is the number of pages scored.
	Pages int
}

// MatchShingles compares a predicted body with the true one.
func MatchShingles(truth, pred string) Counts {
	t := shingles(truth)
	p := shingles(pred)
	var c Counts
	for k, tn := range t {
		pn := p[k]
		c.TP += float64(min(tn, pn))
		c.FN += float64(max(0, tn-pn))
	}
	for k, pn := range p {
		c.FP += float64(max(0, pn-t[k]))
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c.TP, c.FP, c.FN = c.TP/s, c.FP/s, c.FN/s
	}
	return c
}

// Aggregate turns per-page counts into the benchmark's figures.
func Aggregate(pages []Counts) Score {
	var pSum, rSum float64
	var pN, rN int
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			pSum += precision(c)
			pN++
		}
		if c.TP+c.FN > 0 {
			rSum += recall(c)
			rN++
		}
	}
	s := Score{Pages: len(pages)}
	if pN > 0 {
		s.Precision = pSum / float64(pN)
	}
	if rN > 0 {
		s.Recall = rSum / float64(rN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func precision(c Counts) float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	return c.TP / (c.TP + c.FP)
}

func recall(c Counts) float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	return c.TP / (c.TP + c.FN)
}

// shingle is ShingleSize consecutive words joined by a separator that
// cannot occur inside a word.
type shingle string

// shingles counts the text's word n-grams. A text with fewer than
// ShingleSize words is one short shingle, as in the benchmark.
func shingles(text string) map[shingle]int {
	words := Words(text)
	out := make(map[shingle]int, len(words))
	if len(words) == 0 {
		return out
	}
	n := max(1, len(words)-ShingleSize+1)
	buf := make([]byte, 0, 64)
	for i := range n {
		buf = buf[:0]
		for j := i; j < min(i+ShingleSize, len(words)); j++ {
			if j > i {
				buf = append(buf, ' ')
			}
			buf = append(buf, words[j]...)
		}
		out[shingle(buf)]++
	}
	return out
}

// Words splits text into maximal runs of word characters as Python's
// re `\w+` does on str: letters, numbers and the underscore. Combining
// marks are not word characters there, so they split words here too.
// Case is kept, as the benchmark keeps it.
func Words(text string) []string {
	var words []string
	start := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		word := r != utf8.RuneError && (r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r))
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			words = append(words, text[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		words = append(words, text[start:])
	}
	return words
}
