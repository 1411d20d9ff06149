package tagger

// morphology predicts a token's UD FEATS string from its normalised form
// and predicted class: the string the form most often had with that class
// in training, else the class's most frequent string. English morphology
// is almost entirely fixed by the Penn tag plus a closed list of pronouns
// and auxiliaries, so this lookup is nearly as good as a classifier.
type morphology struct {
	// byWord holds only the forms whose usual FEATS differ from byClass.
	byWord  map[uint64]string
	byClass []string
}

func morphKey(norm uint64, class int) uint64 {
	return feat1(uint64(class), norm)
}

func (m *morphology) feats(norm uint64, class int) string {
	if f, ok := m.byWord[morphKey(norm, class)]; ok {
		return f
	}
	if class < len(m.byClass) {
		return m.byClass[class]
	}
	return "_"
}

// learnMorphology counts FEATS strings per (form, class) and per class
// over the training words.
func learnMorphology(sents []sentence, numClasses int) morphology {
	perClass := make([]map[string]int, numClasses)
	type wordClass struct {
		norm  uint64
		class int
	}
	perWord := map[wordClass]map[string]int{}
	for _, s := range sents {
		for i, w := range s.words {
			c := s.gold[i]
			f := w.Feats
			if perClass[c] == nil {
				perClass[c] = map[string]int{}
			}
			perClass[c][f]++
			k := wordClass{s.info[i].norm, c}
			if perWord[k] == nil {
				perWord[k] = map[string]int{}
			}
			perWord[k][f]++
		}
	}
	m := morphology{byWord: map[uint64]string{}, byClass: make([]string, numClasses)}
	for c, counts := range perClass {
		m.byClass[c] = mostFrequent(counts)
	}
	for k, counts := range perWord {
		if f := mostFrequent(counts); f != m.byClass[k.class] {
			m.byWord[morphKey(k.norm, k.class)] = f
		}
	}
	return m
}

// mostFrequent returns the most frequent key, the smallest on ties so the
// result does not depend on map order; "_" for no keys.
func mostFrequent(counts map[string]int) string {
	best, bestN := "_", 0
	for k, n := range counts {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}
