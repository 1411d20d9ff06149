package sqlite

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on what a user's search text may ask of FTS5, so a pasted essay
// does not become a query with thousands of terms.
const (
	maxQueryTerms = 32
	maxTermBytes  = 64
)

// words splits text into the runs of letters and digits FTS5's unicode61
// tokenizer would index; a run directly followed by '*' is marked as a
// prefix. Everything else, including FTS5 syntax (quotes, parentheses,
// AND/OR/NOT/NEAR, column filters), is only a separator, so no user text
// can make a query fail to parse.
func words(text string, limit int) (terms []string, prefix []bool) {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		start = -1
		if len(w) > maxTermBytes || len(terms) >= limit {
			return
		}
		terms = append(terms, w)
		prefix = append(prefix, end < len(text) && text[end] == '*')
	}
	for i, r := range text {
		isWord := r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
		switch {
		case isWord && start < 0:
			start = i
		case !isWord:
			flush(i)
		}
	}
	flush(len(text))
	return terms, prefix
}

// matchAll turns user search text into an FTS5 query matching articles
// that contain every word; "" when the text has no words.
func matchAll(text string) string {
	terms, prefix := words(text, maxQueryTerms)
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + t + `"`)
		if prefix[i] {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// matchAny is an FTS5 query matching articles containing any of terms.
func matchAny(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	return strings.Join(quoted, " OR ")
}

func prefixed(p, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// salient picks up to n words that best say what a story is about: the
// most frequent non-stopwords, headline occurrences counting extra.
func salient(headline, body string, n int) []string {
	counts := map[string]int{}
	add := func(text string, weight int) {
		terms, _ := words(text, 1<<30)
		for _, t := range terms {
			t = strings.ToLower(t)
			if utf8.RuneCountInString(t) < 3 || stopwords[t] || isNumber(t) {
				continue
			}
			counts[t] += weight
		}
	}
	add(headline, headlineWeight)
	add(body, 1)
	type scored struct {
		term  string
		count int
	}
	all := make([]scored, 0, len(counts))
	for t, c := range counts {
		all = append(all, scored{t, c})
	}
	slices.SortFunc(all, func(x, y scored) int {
		return cmp.Or(cmp.Compare(y.count, x.count), cmp.Compare(x.term, y.term))
	})
	terms := make([]string, 0, n)
	for _, s := range all[:min(n, len(all))] {
		terms = append(terms, s.term)
	}
	return terms
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// stopwords are English function words and newswire boilerplate that say
// nothing about a story's subject.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		about above after again against all also among and any are around as at back
		be because been before being below between both but by can could did does doing
		down during each even ever few for from further had has have having he her here
		hers herself him himself his how however i if in into is it its itself just
		last least less like made make many may me might more most much must my myself
		new no nor not now of off on once one only or other our ours ourselves out over
		own per said same say says she should since so some still such than that the
		their theirs them themselves then there these they this those through thus to
		too two under until up upon very was we were what when where whether which while
		who whom whose why will with within without would year years yet you your yours
		yourself yourselves told tuesday monday wednesday thursday friday saturday sunday
		week weeks reuters according also news reported`) {
		m[w] = true
	}
	return m
}()
