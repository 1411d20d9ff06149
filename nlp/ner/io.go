package ner

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/dyadnews/dyad/internal/binfile"
)

// The model file is magic, then a gzip stream of: format version, labels,
// transition scores, lexicon, gazetteer phrases and the feature weights
// (keys sorted and delta-coded, each row a bit mask of its non-zero tags
// and those weights quantised to int16 with one scale for the file).
const (
	magic         = "dyad-ner\n"
	formatVersion = 3
	// maxCount bounds every length read from a model file, so a corrupt
	// file fails with an error instead of exhausting memory.
	maxCount = 1 << 26
	// maxString bounds a label, word or phrase read from a model file.
	maxString = 1 << 16
)

// Save writes the model in its compact binary format.
func (m *Model) Save(w io.Writer) error {
	if _, err := io.WriteString(w, magic); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	e := binfile.NewGzipWriter(w)
	e.Uvarint(formatVersion)
	e.Uvarint(uint64(len(m.labels)))
	for _, l := range m.labels {
		e.String(l)
	}
	e.Float32s(m.trans)
	e.Float32s(m.startScore)
	e.Float32s(m.labelBias)

	words := make([]string, 0, len(m.lex))
	for w := range m.lex {
		words = append(words, w)
	}
	slices.Sort(words)
	e.Uvarint(uint64(len(words)))
	for _, w := range words {
		e.String(w)
		e.Byte(m.lex[w])
	}

	var phrases []string
	if m.gaz != nil {
		for p := range m.gaz.phrases {
			phrases = append(phrases, p)
		}
	}
	slices.Sort(phrases)
	e.Uvarint(uint64(len(phrases)))
	for _, p := range phrases {
		e.String(p)
		e.Byte(m.gaz.phrases[p])
	}

	writeWeights(e, m)
	// A two-stage model stores the second stage's scores and weights;
	// it shares the first stage's labels, lexicon and gazetteer.
	if m.second == nil {
		e.Uvarint(0)
	} else {
		e.Uvarint(1)
		e.Float32s(m.second.trans)
		e.Float32s(m.second.startScore)
		e.Float32s(m.second.labelBias)
		writeWeights(e, m.second)
	}
	if err := e.Close(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return nil, errors.New("ner: load: not a dyad NER model file")
	}
	d, err := binfile.NewGzipReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	if v := d.Uvarint(); d.Err() == nil && v != formatVersion {
		return nil, fmt.Errorf("ner: load: model format version %d, this build reads %d", v, formatVersion)
	}
	// The label count is checked before anything is allocated for it.
	nl := d.Count(maxCount)
	if d.Err() == nil && (nl == 0 || nl > 15) {
		return nil, fmt.Errorf("ner: load: %d labels", nl)
	}
	labels := make([]string, nl)
	for i := range labels {
		labels[i] = d.String(maxString)
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	m := newModel(labels, nil, nil)
	d.Float32s(m.trans)
	d.Float32s(m.startScore)
	d.Float32s(m.labelBias)

	n := d.Count(maxCount)
	m.lex = make(map[string]uint8, n)
	for range n {
		w := d.String(maxString)
		m.lex[w] = d.Byte()
	}
	n = d.Count(maxCount)
	m.gaz = NewGazetteer()
	for range n {
		p := d.String(maxString)
		kinds := d.Byte() &^ prefixBit
		if toks := strings.Split(p, " "); len(toks) <= maxPhraseTokens && p != "" && kinds != 0 {
			m.gaz.addTokens(toks, kinds)
		}
	}
	if err := readWeights(d, m); err != nil {
		return nil, err
	}
	if d.Uvarint() == 1 {
		sm := newModel(labels, m.gaz, m.lex)
		d.Float32s(sm.trans)
		d.Float32s(sm.startScore)
		d.Float32s(sm.labelBias)
		if err := readWeights(d, sm); err != nil {
			return nil, err
		}
		sm.freeze()
		m.second = sm
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	m.freeze()
	return m, nil
}

// writeWeights writes m's feature rows: keys sorted and delta-coded, each row
// a bit mask of its non-zero tags and those weights quantised to int16
// with one scale for the stage.
func writeWeights(e *binfile.Writer, m *Model) {
	nt := len(m.tags)
	var maxAbs float32
	for _, v := range m.weights {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	type row struct {
		key uint64
		q   []int16
	}
	var rows []row
	for key, r := range m.index {
		q := make([]int16, nt)
		nonzero := false
		for t := range nt {
			q[t] = int16(math.Round(float64(m.weights[int(r)*nt+t] / scale)))
			nonzero = nonzero || q[t] != 0
		}
		if nonzero {
			rows = append(rows, row{key, q})
		}
	}
	slices.SortFunc(rows, func(a, b row) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	e.Float32s([]float32{scale})
	e.Uvarint(uint64(len(rows)))
	var prev uint64
	for _, r := range rows {
		e.Uvarint(r.key - prev)
		prev = r.key
		var mask uint64
		for t, v := range r.q {
			if v != 0 {
				mask |= 1 << t
			}
		}
		e.Uvarint(mask)
		for _, v := range r.q {
			if v != 0 {
				e.Varint(int64(v))
			}
		}
	}
}

// readWeights reads the feature rows writeWeights wrote into m.
func readWeights(d *binfile.Reader, m *Model) error {
	nt := len(m.tags)
	scale := make([]float32, 1)
	d.Float32s(scale)
	n := d.Count(maxCount)
	m.index = make(map[uint64]int32, n)
	m.weights = make([]float32, 0, min(n, 1<<20)*nt)
	var key uint64
	for i := range n {
		key += d.Uvarint()
		mask := d.Uvarint()
		if d.Err() != nil {
			break
		}
		if mask>>nt != 0 {
			return fmt.Errorf("ner: load: feature %d: bad tag mask", i)
		}
		m.index[key] = int32(i)
		for t := range nt {
			var v float32
			if mask&(1<<t) != 0 {
				v = float32(d.Varint()) * scale[0]
			}
			m.weights = append(m.weights, v)
		}
	}
	if err := d.Err(); err != nil {
		return fmt.Errorf("ner: load: %w", err)
	}
	return nil
}
