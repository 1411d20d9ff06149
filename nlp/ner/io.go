package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
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
)

// Save writes the model in its compact binary format.
func (m *Model) Save(w io.Writer) error {
	if _, err := io.WriteString(w, magic); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	e := newGzipEncoder(w)
	e.uvarint(formatVersion)
	e.uvarint(uint64(len(m.labels)))
	for _, l := range m.labels {
		e.string(l)
	}
	e.floats(m.trans)
	e.floats(m.startScore)
	e.floats(m.labelBias)

	words := make([]string, 0, len(m.lex))
	for w := range m.lex {
		words = append(words, w)
	}
	slices.Sort(words)
	e.uvarint(uint64(len(words)))
	for _, w := range words {
		e.string(w)
		e.byte(m.lex[w])
	}

	var phrases []string
	if m.gaz != nil {
		for p := range m.gaz.phrases {
			phrases = append(phrases, p)
		}
	}
	slices.Sort(phrases)
	e.uvarint(uint64(len(phrases)))
	for _, p := range phrases {
		e.string(p)
		e.byte(m.gaz.phrases[p])
	}

	e.weights(m)
	// A two-stage model stores the second stage's scores and weights;
	// it shares the first stage's labels, lexicon and gazetteer.
	if m.second == nil {
		e.uvarint(0)
	} else {
		e.uvarint(1)
		e.floats(m.second.trans)
		e.floats(m.second.startScore)
		e.floats(m.second.labelBias)
		e.weights(m.second)
	}
	if err := e.close(); err != nil {
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
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	defer zr.Close()
	d := &decoder{r: bufio.NewReader(zr)}
	if v := d.uvarint(); d.err == nil && v != formatVersion {
		return nil, fmt.Errorf("ner: load: model format version %d, this build reads %d", v, formatVersion)
	}
	labels := make([]string, d.count())
	for i := range labels {
		labels[i] = d.string()
	}
	if d.err != nil {
		return nil, fmt.Errorf("ner: load: %w", d.err)
	}
	if len(labels) == 0 || len(labels) > 15 {
		return nil, fmt.Errorf("ner: load: %d labels", len(labels))
	}
	m := newModel(labels, nil, nil)
	d.floatsInto(m.trans)
	d.floatsInto(m.startScore)
	d.floatsInto(m.labelBias)

	n := d.count()
	m.lex = make(map[string]uint8, n)
	for range n {
		w := d.string()
		m.lex[w] = d.byte()
	}
	n = d.count()
	m.gaz = NewGazetteer()
	for range n {
		p := d.string()
		kinds := d.byte() &^ prefixBit
		if toks := strings.Split(p, " "); len(toks) <= maxPhraseTokens && p != "" && kinds != 0 {
			m.gaz.addTokens(toks, kinds)
		}
	}
	if err := d.weights(m); err != nil {
		return nil, err
	}
	if d.uvarint() == 1 {
		sm := newModel(labels, m.gaz, m.lex)
		d.floatsInto(sm.trans)
		d.floatsInto(sm.startScore)
		d.floatsInto(sm.labelBias)
		if err := d.weights(sm); err != nil {
			return nil, err
		}
		sm.freeze()
		m.second = sm
	}
	if d.err != nil {
		return nil, fmt.Errorf("ner: load: %w", d.err)
	}
	m.freeze()
	return m, nil
}

// weights writes m's feature rows: keys sorted and delta-coded, each row
// a bit mask of its non-zero tags and those weights quantised to int16
// with one scale for the stage.
func (e *encoder) weights(m *Model) {
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
	e.floats([]float32{scale})
	e.uvarint(uint64(len(rows)))
	var prev uint64
	for _, r := range rows {
		e.uvarint(r.key - prev)
		prev = r.key
		var mask uint64
		for t, v := range r.q {
			if v != 0 {
				mask |= 1 << t
			}
		}
		e.uvarint(mask)
		for _, v := range r.q {
			if v != 0 {
				e.varint(int64(v))
			}
		}
	}
}

type encoder struct {
	zw  *gzip.Writer
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func newGzipEncoder(w io.Writer) *encoder {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // the level is valid
	return &encoder{zw: zw, w: bufio.NewWriter(zw)}
}

// close flushes and ends the gzip stream, returning the first error.
func (e *encoder) close() error {
	if e.err == nil {
		e.err = e.w.Flush()
	}
	if e.err == nil {
		e.err = e.zw.Close()
	}
	return e.err
}

func (e *encoder) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}
func (e *encoder) uvarint(v uint64) { e.write(binary.AppendUvarint(e.buf[:0], v)) }
func (e *encoder) varint(v int64)   { e.write(binary.AppendVarint(e.buf[:0], v)) }
func (e *encoder) byte(b byte)      { e.write([]byte{b}) }
func (e *encoder) string(s string) {
	e.uvarint(uint64(len(s)))
	e.write([]byte(s))
}
func (e *encoder) floats(fs []float32) {
	e.uvarint(uint64(len(fs)))
	for _, f := range fs {
		e.write(binary.LittleEndian.AppendUint32(e.buf[:0], math.Float32bits(f)))
	}
}

// weights reads the feature rows encoder.weights wrote into m.
func (d *decoder) weights(m *Model) error {
	nt := len(m.tags)
	scale := make([]float32, 1)
	d.floatsInto(scale)
	n := d.count()
	m.index = make(map[uint64]int32, n)
	m.weights = make([]float32, 0, min(n, 1<<20)*nt)
	var key uint64
	for i := range n {
		key += d.uvarint()
		mask := d.uvarint()
		if d.err != nil {
			break
		}
		if mask>>nt != 0 {
			return fmt.Errorf("ner: load: feature %d: bad tag mask", i)
		}
		m.index[key] = int32(i)
		for t := range nt {
			var v float32
			if mask&(1<<t) != 0 {
				v = float32(d.varint()) * scale[0]
			}
			m.weights = append(m.weights, v)
		}
	}
	if d.err != nil {
		return fmt.Errorf("ner: load: %w", d.err)
	}
	return nil
}

type decoder struct {
	r   *bufio.Reader
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	d.fail(err)
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(d.r)
	d.fail(err)
	return v
}

func (d *decoder) fail(err error) {
	if err != nil && d.err == nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		d.err = err
	}
}

// count reads a length and checks it against maxCount.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > maxCount {
		d.fail(fmt.Errorf("length %d out of range", n))
		return 0
	}
	return int(n)
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	b, err := d.r.ReadByte()
	d.fail(err)
	return b
}

func (d *decoder) string() string {
	n := d.count()
	if d.err != nil || n == 0 {
		return ""
	}
	if n > 1<<16 {
		d.fail(fmt.Errorf("string of %d bytes", n))
		return ""
	}
	b := make([]byte, n)
	_, err := io.ReadFull(d.r, b)
	d.fail(err)
	return string(b)
}

func (d *decoder) floatsInto(dst []float32) {
	n := d.count()
	if d.err == nil && n != len(dst) {
		d.fail(fmt.Errorf("%d scores, want %d", n, len(dst)))
	}
	var b [4]byte
	for i := range dst {
		if d.err != nil {
			return
		}
		_, err := io.ReadFull(d.r, b[:])
		d.fail(err)
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
	}
}
