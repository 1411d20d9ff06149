package lemma

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// TrainOptions tunes Train; DefaultTrainOptions gives the shipped model's.
type TrainOptions struct {
	// MaxSuffix is the longest form ending, in bytes, a rule may key on.
	MaxSuffix int
	// MinSupport is how many distinct training words must share a form
	// ending and its edit (with a tag) for the ending to key the rule; the
	// empty ending always does.
	MinSupport int
	// Log receives a summary line; nil discards it.
	Log io.Writer
}

// DefaultTrainOptions returns the options of the shipped model.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{MaxSuffix: 8, MinSupport: 2}
}

// Train learns a lemmatizer from the gold words of train. It has no
// iterations, so dev is only scored for the log.
func Train(train, dev []conllu.Sentence, opts TrainOptions) (*Model, error) {
	if len(train) == 0 {
		return nil, errors.New("lemma: no training sentences")
	}
	if opts.MaxSuffix < 0 || opts.MinSupport < 1 {
		return nil, fmt.Errorf("lemma: bad options %+v", opts)
	}
	type key struct{ tag, form, lemma string }
	types := map[key]int{}
	type ctxKey struct{ tag, form, next, lemma string }
	inContext := map[ctxKey]int{}
	for _, s := range train {
		for i, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" && w.Form != "_" {
				continue
			}
			form := normalize(w.Form)
			var next conllu.Word
			if i+1 < len(s.Words) {
				next = s.Words[i+1]
			}
			types[key{w.XPOS, form, w.Lemma}]++
			inContext[ctxKey{w.XPOS, form, next.XPOS, w.Lemma}]++
			if w.UPOS != "" && w.UPOS != w.XPOS {
				types[key{w.UPOS, form, w.Lemma}]++
				inContext[ctxKey{w.UPOS, form, next.UPOS, w.Lemma}]++
			}
		}
	}
	// The dictionary: the most frequent lemma of each (tag, form), and of
	// each (tag, lower-cased form) not seen in lower case.
	words := map[string]string{}
	wordN := map[string]int{}
	vote := func(lemmas map[string]string, counts map[string]int, k, lemma string, n int) {
		if n > counts[k] || n == counts[k] && lemma < lemmas[k] {
			lemmas[k], counts[k] = lemma, n
		}
	}
	for k, n := range types {
		vote(words, wordN, k.tag+"\t"+k.form, k.lemma, n)
	}
	lowerWords, lowerN := map[string]string{}, map[string]int{}
	for k, n := range types {
		lk := k.tag + "\t" + strings.ToLower(k.form)
		if _, seen := words[lk]; !seen {
			vote(lowerWords, lowerN, lk, k.lemma, n)
		}
	}
	for k, l := range lowerWords {
		words[k] = l
	}
	// Context entries where the next tag overrules the dictionary often
	// enough to trust.
	ctxLemmas, ctxN := map[string]string{}, map[string]int{}
	for k, n := range inContext {
		vote(ctxLemmas, ctxN, k.tag+"\t"+k.form+"\t"+k.next, k.lemma, n)
	}
	for k, l := range ctxLemmas {
		tag, rest, _ := strings.Cut(k, "\t")
		form, _, _ := strings.Cut(rest, "\t")
		if l == words[tag+"\t"+form] || ctxN[k] < opts.MinSupport {
			delete(ctxLemmas, k)
		}
	}
	// The rules and casing, learned over distinct (tag, form) words so
	// that frequent irregular words do not drown the regular pattern.
	type ruleKey struct {
		key string
		e   edit
	}
	ruleCount := map[ruleKey]int{}
	caseCount := map[string]*[3]int{}
	seen := map[key]bool{}
	for k := range types {
		if words[k.tag+"\t"+k.form] != k.lemma {
			continue
		}
		form, lemma := strings.ToLower(k.form), strings.ToLower(k.lemma)
		e := editOf(form, lemma)
		ck := k.tag + "\t" + shapeOf(k.form)
		if caseCount[ck] == nil {
			caseCount[ck] = new([3]int)
		}
		if k.lemma == lemma {
			caseCount[ck][caseLower]++
		}
		if len(k.form) == len(form) && k.form[:len(k.form)-len(e.Strip)]+e.Add == k.lemma {
			caseCount[ck][caseForm]++
		}
		if title(lemma) == k.lemma {
			caseCount[ck][caseTitle]++
		}
		// "PPL" and "ppl" are one word to the rules.
		if lk := (key{k.tag, form, lemma}); seen[lk] {
			continue
		} else {
			seen[lk] = true
		}
		for n := 0; n <= min(opts.MaxSuffix, len(form)); n++ {
			if n > 0 && !isRuneStart(form[len(form)-n]) {
				continue
			}
			rk := k.tag + "\t" + form[len(form)-n:]
			ruleCount[ruleKey{rk, e}]++
		}
	}
	rules := map[string]edit{}
	top := map[string]int{}
	for rk, n := range ruleCount {
		// An ending keys a rule only when that rule itself is backed by
		// enough words; else a shorter ending decides.
		if n < opts.MinSupport && !strings.HasSuffix(rk.key, "\t") {
			continue
		}
		cur, ok := rules[rk.key]
		if !ok || n > top[rk.key] || n == top[rk.key] && less(rk.e, cur) {
			rules[rk.key], top[rk.key] = rk.e, n
		}
	}
	casing := map[string]caseMode{}
	for k, counts := range caseCount {
		best := caseLower
		for mode := caseForm; mode <= caseTitle; mode++ {
			if counts[mode] > counts[best] {
				best = mode
			}
		}
		if best != caseLower {
			casing[k] = best
		}
	}
	m := &Model{words: words, inContext: ctxLemmas, rules: rules, casing: casing, maxSuffix: opts.MaxSuffix}
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, "lemma: %d dictionary entries, %d in context, %d rules", len(words), len(ctxLemmas), len(rules))
		if len(dev) > 0 {
			fmt.Fprintf(opts.Log, ", dev %s", Evaluate(m, dev, nil))
		}
		fmt.Fprintln(opts.Log)
	}
	return m, nil
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func less(a, b edit) bool {
	if len(a.Strip) != len(b.Strip) {
		return len(a.Strip) < len(b.Strip)
	}
	if a.Strip != b.Strip {
		return a.Strip < b.Strip
	}
	return a.Add < b.Add
}
