package tagger

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"

	"github.com/dyadnews/dyad/internal/binfile"
)

// File format: a gzip stream holding the magic string, a format version
// and then the model's tables, integers and the 16-bit quantised weights
// as varints. Maps and features are written in key order so the same
// model always gives the same bytes.
const (
	magic         = "dyad-tagger"
	formatVersion = 4
	// maxTableLen bounds every count read from a file, so a corrupt or
	// hostile file fails cleanly instead of exhausting memory.
	maxTableLen = 1 << 26
	// maxStringLen bounds a string read from a file.
	maxStringLen = 1 << 16
)

// Save writes m to w in the tagger's gzip-compressed binary format.
func (m *Model) Save(w io.Writer) error {
	e := binfile.NewGzipWriter(w)
	e.String(magic)
	e.Uvarint(formatVersion)
	e.Uvarint(uint64(len(m.upos)))
	for i := range m.upos {
		e.String(m.upos[i])
		e.String(m.xpos[i])
	}
	lexKeys := slices.Sorted(maps.Keys(m.lexicon))
	e.Uvarint(uint64(len(lexKeys)))
	for _, k := range lexKeys {
		le := m.lexicon[k]
		e.Uint64(k)
		e.Uint64(le.amb)
		e.Varint(int64(le.fixed))
	}
	e.Uvarint(uint64(len(m.morph.names)))
	for _, f := range m.morph.names {
		e.String(f)
	}
	for _, cands := range m.morph.candidates {
		e.Uvarint(uint64(len(cands)))
		for _, k := range cands {
			e.Uvarint(uint64(k))
		}
	}
	writeStage(e, m.morph.weights.stage(0))
	writeStage(e, m.weights.stage(0))
	if m.hasStacked {
		e.Uvarint(1)
		writeStage(e, m.weights.stage(1))
		e.Uvarint(uint64(math.Float32bits(m.sureMargin)))
	} else {
		e.Uvarint(0)
	}
	e.Uvarint(uint64(len(m.supertags)))
	for _, st := range m.supertags {
		e.String(st)
	}
	if len(m.supertags) > 0 {
		writeStage(e, m.weights.stage(supertagStage))
	}
	if err := e.Close(); err != nil {
		return fmt.Errorf("tagger: save: %w", err)
	}
	return nil
}

// writeStage writes one stage's weights: its features, each with its
// (class, weight) pairs.
func writeStage(e *binfile.Writer, w stageWeights) {
	e.Uvarint(uint64(len(w.keys)))
	for i, k := range w.keys {
		e.Uvarint(uint64(k))
		pairs := w.pairs[w.start[i]:w.start[i+1]]
		e.Uvarint(uint64(len(pairs)))
		for _, p := range pairs {
			e.Uvarint(uint64(p.class))
			e.Varint(int64(p.w))
		}
	}
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	d, err := binfile.NewGzipReader(r)
	if err != nil {
		return nil, fmt.Errorf("tagger: load: not a tagger model: %w", err)
	}
	if got := d.String(maxStringLen); got != magic {
		d.Fail("not a tagger model (header %q)", got)
		return nil, fmt.Errorf("tagger: load: %w", d.Err())
	}
	if v := d.Uvarint(); v != formatVersion && d.Err() == nil {
		return nil, fmt.Errorf("tagger: load: model format version %d, this build reads %d", v, formatVersion)
	}
	m := &Model{}
	nclass := d.Count(maxClasses)
	if nclass == 0 {
		d.Fail("no classes")
	}
	for range nclass {
		m.upos = append(m.upos, d.String(maxStringLen))
		m.xpos = append(m.xpos, d.String(maxStringLen))
	}
	nlex := d.Count(maxTableLen)
	m.lexicon = make(map[uint64]lexEntry, nlex)
	for range nlex {
		k, amb, fixed := d.Uint64(), d.Uint64(), d.Varint()
		if fixed < -1 || fixed >= int64(nclass) {
			d.Fail("lexicon class %d out of range", fixed)
		}
		m.lexicon[k] = lexEntry{amb: amb, fixed: int32(fixed)}
	}
	nfeats := d.Count(maxClasses)
	m.morph.names = make([]string, nfeats)
	for i := range m.morph.names {
		m.morph.names[i] = d.String(maxStringLen)
	}
	m.morph.candidates = make([][]uint8, nclass)
	for c := range m.morph.candidates {
		n := d.Count(nfeats)
		for range n {
			m.morph.candidates[c] = append(m.morph.candidates[c], uint8(d.Count(nfeats-1)))
		}
	}
	morphWeights := readStage(d, nfeats)
	stages := []stageWeights{readStage(d, nclass)}
	switch d.Uvarint() {
	case 0:
	case 1:
		stages = append(stages, readStage(d, nclass))
		m.hasStacked = true
		bits := d.Uvarint()
		m.sureMargin = math.Float32frombits(uint32(bits))
		if bits > math.MaxUint32 || !(m.sureMargin >= 0) || math.IsInf(float64(m.sureMargin), 0) {
			d.Fail("bad second-stage margin")
		}
	default:
		d.Fail("bad second-stage marker")
	}
	classes := []int{nclass, nclass}
	if nsup := d.Count(maxClasses); nsup > 0 {
		for range nsup {
			m.supertags = append(m.supertags, d.String(maxStringLen))
		}
		if len(stages) == 1 {
			stages = append(stages, stageWeights{})
		}
		stages = append(stages, readStage(d, nsup))
		classes = append(classes, nsup)
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("tagger: load: %w", err)
	}
	if m.weights, err = newWeightTable(classes[:len(stages)], stages...); err != nil {
		return nil, fmt.Errorf("tagger: load: %w", err)
	}
	if m.morph.weights, err = newWeightTable([]int{nfeats}, morphWeights); err != nil {
		return nil, fmt.Errorf("tagger: load: %w", err)
	}
	m.morph.nominal, m.morph.pronoun = nominalClasses(m.upos)
	m.finite = isFinite(m.xpos)
	return m, nil
}

// readStage reads one stage's weights written by writeStage.
func readStage(d *binfile.Reader, nclass int) stageWeights {
	nfeat := d.Count(maxTableLen)
	w := stageWeights{keys: make([]uint32, 0, nfeat), start: make([]uint32, 1, nfeat+1)}
	for range nfeat {
		k := d.Uvarint()
		n := d.Count(nclass)
		if d.Err() != nil {
			break
		}
		if k == 0 || k > math.MaxUint32 {
			d.Fail("bad feature key %d", k)
		}
		w.keys = append(w.keys, uint32(k))
		for range n {
			c, v := d.Uvarint(), d.Varint()
			if c >= uint64(nclass) || v < math.MinInt16 || v > math.MaxInt16 {
				d.Fail("bad weight %d for class %d", v, c)
			}
			w.pairs = append(w.pairs, pair{class: uint8(c), w: int16(v)})
		}
		if len(w.pairs) > maxTableLen {
			d.Fail("too many weights")
		}
		w.start = append(w.start, uint32(len(w.pairs)))
	}
	return w
}
