package tagger

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
)

// File format: a gzip stream holding the magic string, a format version
// and then the model's tables, integers and the 16-bit quantised weights
// as varints. Maps and features are written in key order so the same
// model always gives the same bytes.
const (
	magic         = "dyad-tagger"
	formatVersion = 3
	// maxTableLen bounds every count read from a file, so a corrupt or
	// hostile file fails cleanly instead of exhausting memory.
	maxTableLen = 1 << 26
)

// Save writes m to w in the tagger's gzip-compressed binary format.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("tagger: save: %w", err)
	}
	e := &encoder{w: bufio.NewWriter(zw)}
	e.str(magic)
	e.uvarint(formatVersion)
	e.uvarint(uint64(len(m.upos)))
	for i := range m.upos {
		e.str(m.upos[i])
		e.str(m.xpos[i])
	}
	lexKeys := slices.Sorted(maps.Keys(m.lexicon))
	e.uvarint(uint64(len(lexKeys)))
	for _, k := range lexKeys {
		le := m.lexicon[k]
		e.u64(k)
		e.u64(le.amb)
		e.varint(int64(le.fixed))
	}
	e.uvarint(uint64(len(m.morph.names)))
	for _, f := range m.morph.names {
		e.str(f)
	}
	for _, cands := range m.morph.candidates {
		e.uvarint(uint64(len(cands)))
		for _, k := range cands {
			e.uvarint(uint64(k))
		}
	}
	e.stage(m.morph.weights.stage(0))
	e.stage(m.weights.stage(0))
	if m.hasStacked {
		e.uvarint(1)
		e.stage(m.weights.stage(1))
		e.uvarint(uint64(math.Float32bits(m.sureMargin)))
	} else {
		e.uvarint(0)
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	if e.err == nil {
		e.err = zw.Close()
	}
	if e.err != nil {
		return fmt.Errorf("tagger: save: %w", e.err)
	}
	return nil
}

// stage writes one stage's weights: its features, each with its (class,
// weight) pairs.
func (e *encoder) stage(w stageWeights) {
	e.uvarint(uint64(len(w.keys)))
	for i, k := range w.keys {
		e.uvarint(uint64(k))
		pairs := w.pairs[w.start[i]:w.start[i+1]]
		e.uvarint(uint64(len(pairs)))
		for _, p := range pairs {
			e.uvarint(uint64(p.class))
			e.varint(int64(p.w))
		}
	}
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tagger: load: not a tagger model: %w", err)
	}
	d := &decoder{r: bufio.NewReader(zr)}
	if got := d.str(); got != magic {
		if d.err == nil {
			d.err = fmt.Errorf("not a tagger model (header %q)", got)
		}
		return nil, fmt.Errorf("tagger: load: %w", d.err)
	}
	if v := d.uvarint(); v != formatVersion && d.err == nil {
		return nil, fmt.Errorf("tagger: load: model format version %d, this build reads %d", v, formatVersion)
	}
	m := &Model{}
	nclass := d.count(maxClasses)
	if nclass == 0 && d.err == nil {
		d.fail("no classes")
	}
	for range nclass {
		m.upos = append(m.upos, d.str())
		m.xpos = append(m.xpos, d.str())
	}
	nlex := d.count(maxTableLen)
	m.lexicon = make(map[uint64]lexEntry, nlex)
	for range nlex {
		k, amb, fixed := d.u64(), d.u64(), d.varint()
		if fixed < -1 || fixed >= int64(nclass) {
			d.fail("lexicon class %d out of range", fixed)
		}
		m.lexicon[k] = lexEntry{amb: amb, fixed: int32(fixed)}
	}
	nfeats := d.count(maxClasses)
	m.morph.names = make([]string, nfeats)
	for i := range m.morph.names {
		m.morph.names[i] = d.str()
	}
	m.morph.candidates = make([][]uint8, nclass)
	for c := range m.morph.candidates {
		n := d.count(nfeats)
		for range n {
			m.morph.candidates[c] = append(m.morph.candidates[c], uint8(d.count(nfeats-1)))
		}
	}
	morphWeights := d.stage(nfeats)
	stages := []stageWeights{d.stage(nclass)}
	switch d.uvarint() {
	case 0:
	case 1:
		stages = append(stages, d.stage(nclass))
		m.hasStacked = true
		bits := d.uvarint()
		m.sureMargin = math.Float32frombits(uint32(bits))
		if bits > math.MaxUint32 || !(m.sureMargin >= 0) || math.IsInf(float64(m.sureMargin), 0) {
			d.fail("bad second-stage margin")
		}
	default:
		d.fail("bad second-stage marker")
	}
	if d.err != nil {
		return nil, fmt.Errorf("tagger: load: %w", d.err)
	}
	if m.weights, err = newWeightTable(nclass, stages...); err != nil {
		return nil, fmt.Errorf("tagger: load: %w", err)
	}
	if m.morph.weights, err = newWeightTable(nfeats, morphWeights); err != nil {
		return nil, fmt.Errorf("tagger: load: %w", err)
	}
	m.morph.nominal, m.morph.pronoun = nominalClasses(m.upos)
	m.finite = isFinite(m.xpos)
	return m, nil
}

// stage reads one stage's weights written by encoder.stage.
func (d *decoder) stage(nclass int) stageWeights {
	nfeat := d.count(maxTableLen)
	w := stageWeights{keys: make([]uint32, 0, nfeat), start: make([]uint32, 1, nfeat+1)}
	for range nfeat {
		k := d.uvarint()
		n := d.count(nclass)
		if d.err != nil {
			break
		}
		if k == 0 || k > math.MaxUint32 {
			d.fail("bad feature key %d", k)
		}
		w.keys = append(w.keys, uint32(k))
		for range n {
			c, v := d.uvarint(), d.varint()
			if c >= uint64(nclass) || v < math.MinInt16 || v > math.MaxInt16 {
				d.fail("bad weight %d for class %d", v, c)
			}
			w.pairs = append(w.pairs, pair{class: uint8(c), w: int16(v)})
		}
		if len(w.pairs) > maxTableLen {
			d.fail("too many weights")
		}
		w.start = append(w.start, uint32(len(w.pairs)))
	}
	return w
}

// encoder writes the primitives of the format, keeping the first error.
type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (e *encoder) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) uvarint(v uint64) { e.write(binary.AppendUvarint(e.buf[:0], v)) }
func (e *encoder) varint(v int64)   { e.write(binary.AppendVarint(e.buf[:0], v)) }
func (e *encoder) u64(v uint64)     { e.write(binary.LittleEndian.AppendUint64(e.buf[:0], v)) }
func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// decoder reads the primitives of the format; after the first error every
// read returns a zero value and the error is kept.
type decoder struct {
	r   *bufio.Reader
	err error
}

// maxStringLen bounds a string read from a file.
const maxStringLen = 1 << 16

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

func (d *decoder) readErr(err error) {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	if d.err == nil {
		d.err = err
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.readErr(err)
	}
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(d.r)
	if err != nil {
		d.readErr(err)
	}
	return v
}

// count reads a length and checks it against limit.
func (d *decoder) count(limit int) int {
	n := d.uvarint()
	if n > uint64(limit) {
		d.fail("table length %d exceeds %d", n, limit)
		return 0
	}
	return int(n)
}

func (d *decoder) u64() uint64 {
	var b [8]byte
	if d.err != nil {
		return 0
	}
	if _, err := io.ReadFull(d.r, b[:]); err != nil {
		d.readErr(err)
		return 0
	}
	return binary.LittleEndian.Uint64(b[:])
}

func (d *decoder) str() string {
	n := d.count(maxStringLen)
	if d.err != nil || n == 0 {
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.readErr(err)
		return ""
	}
	return string(b)
}
