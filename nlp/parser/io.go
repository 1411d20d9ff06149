package parser

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/dyadnews/dyad/internal/binfile"
)

// The model file is gzip-compressed. Its content starts with magic and a
// version number, then the labels and the two weight tables. Each table's
// keys are stored sorted and delta-encoded as uvarints, and its weights as
// bfloat16 (the top half of a float32, rounded), which halves the file at
// no measurable cost in accuracy for perceptron weights. An action row is
// LEFT's and RIGHT's weights less SHIFT's (version 1 stored all three).
// Version 3 adds, after the version, whether the model reads supertags;
// a version 2 model does not.
const (
	magic   = "dyad-parser\n"
	version = 3
	// Limits that keep a corrupt or hostile file from allocating much.
	maxLabelBytes = 64
	maxRows       = 1 << 24
)

// Save writes m in the compressed model format.
func (m *Model) Save(w io.Writer) error {
	e := binfile.NewGzipWriter(w)
	e.RawString(magic)
	e.Uvarint(version)
	supertags := uint64(0)
	if m.supertags {
		supertags = 1
	}
	e.Uvarint(supertags)
	e.Uvarint(uint64(len(m.labels)))
	for _, l := range m.labels {
		e.String(l)
	}
	e.Uvarint(uint64(m.root))
	writeActions(e, m.actions)
	writeLabels(e, m.arcs)
	if err := e.Close(); err != nil {
		return fmt.Errorf("parser: saving model: %w", err)
	}
	return nil
}

func writeKeys(e *binfile.Writer, keys []uint64) {
	e.Uvarint(uint64(len(keys)))
	prev := uint64(0)
	for _, k := range keys {
		e.Uvarint(k - prev)
		prev = k
	}
}

func writeActions(e *binfile.Writer, t *actionWeights) {
	writeKeys(e, t.keys)
	for _, k := range t.keys {
		for _, v := range t.slot(k).w {
			e.Uint16(v)
		}
	}
}

func writeLabels(e *binfile.Writer, t *labelWeights) {
	writeKeys(e, t.keys)
	for _, k := range t.keys {
		s := t.slot(k)
		e.Uvarint(uint64(s.end - s.start))
		for _, en := range t.entries[s.start:s.end] {
			e.Uvarint(uint64(en.label))
		}
		for _, en := range t.entries[s.start:s.end] {
			e.Uint16(en.w)
		}
	}
}

func toBfloat16(v float32) uint16 {
	bits := math.Float32bits(v)
	// Round to nearest even on the dropped half.
	bits += 0x7fff + (bits>>16)&1
	return uint16(bits >> 16)
}

func fromBfloat16(b uint16) float32 { return math.Float32frombits(uint32(b) << 16) }

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	d, err := binfile.NewGzipReader(r)
	if err != nil {
		return nil, fmt.Errorf("parser: not a parser model (%w)", err)
	}
	head := make([]byte, len(magic))
	d.Raw(head)
	if d.Err() != nil || string(head) != magic {
		return nil, errors.New("parser: not a parser model (bad magic)")
	}
	m, err := readModel(d)
	if err != nil {
		return nil, fmt.Errorf("parser: reading model: %w", err)
	}
	return m, nil
}

func readModel(d *binfile.Reader) (*Model, error) {
	v := d.Uvarint()
	if err := d.Err(); err != nil {
		return nil, err
	}
	if v != version && v != 2 {
		return nil, fmt.Errorf("model format version %d, this build reads 2 and %d", v, version)
	}
	supertags := false
	if v >= 3 {
		switch d.Uvarint() {
		case 0:
		case 1:
			supertags = true
		default:
			return nil, errors.New("bad supertags flag")
		}
	}
	nl := d.Uvarint()
	if err := d.Err(); err != nil {
		return nil, err
	}
	if nl < 2 || nl > maxLabels {
		return nil, fmt.Errorf("%d labels", nl)
	}
	m := &Model{labels: make([]string, nl), supertags: supertags}
	for i := range m.labels {
		m.labels[i] = d.String(maxLabelBytes)
	}
	root := d.Uvarint()
	if err := d.Err(); err != nil {
		return nil, err
	}
	if root >= nl || m.labels[root] != "root" {
		return nil, errors.New("no root label")
	}
	m.root = int16(root)
	m.punct = int16(slices.Index(m.labels, "punct"))
	keys, err := readKeys(d)
	if err != nil {
		return nil, fmt.Errorf("action weights: %w", err)
	}
	m.actions = newActionWeights(len(keys))
	// One buffer for every row's weights: a fresh one per row would
	// escape to the heap, a million allocations per load.
	b := make([]byte, 2*(numActions-1))
	for _, k := range keys {
		d.Raw(b)
		if err := d.Err(); err != nil {
			return nil, fmt.Errorf("action weights: %w", err)
		}
		var w [numActions - 1]uint16
		for j := range w {
			w[j] = binary.LittleEndian.Uint16(b[2*j:])
		}
		m.actions.add(k, w)
	}
	if keys, err = readKeys(d); err != nil {
		return nil, fmt.Errorf("label weights: %w", err)
	}
	m.arcs = newLabelWeights(len(keys))
	var entries []labelEntry
	for _, k := range keys {
		n := d.Uvarint()
		if d.Err() == nil && n > nl {
			d.Fail("%d entries for %d labels", n, nl)
		}
		entries = entries[:0]
		for range n {
			l := d.Uvarint()
			if d.Err() != nil {
				break
			}
			if l >= nl {
				d.Fail("label %d of %d", l, nl)
				break
			}
			entries = append(entries, labelEntry{label: uint16(l)})
		}
		for j := range entries {
			entries[j].w = d.Uint16()
		}
		if err := d.Err(); err != nil {
			return nil, fmt.Errorf("label weights: %w", err)
		}
		m.arcs.add(k, entries)
	}
	return m, nil
}

// readKeys reads a table's delta-encoded keys. Memory grows with what is
// actually read, not with the count a file claims.
func readKeys(d *binfile.Reader) ([]uint64, error) {
	rows := d.Count(maxRows)
	keys := make([]uint64, 0, min(rows, 1<<16))
	prev := uint64(0)
	for i := range rows {
		delta := d.Uvarint()
		if d.Err() != nil {
			break
		}
		prev += delta
		if prev == 0 || (i > 0 && delta == 0) {
			d.Fail("keys not strictly increasing")
			break
		}
		keys = append(keys, prev)
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return keys, nil
}
