package parser

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// The model file is gzip-compressed. Its content starts with magic and a
// version number, then the labels and the two weight tables. Each table's
// keys are stored sorted and delta-encoded as uvarints, and its weights as
// bfloat16 (the top half of a float32, rounded), which halves the file at
// no measurable cost in accuracy for perceptron weights. An action row is
// LEFT's and RIGHT's weights less SHIFT's (version 1 stored all three).
const (
	magic   = "dyad-parser\n"
	version = 2
	// Limits that keep a corrupt or hostile file from allocating much.
	maxLabelBytes = 64
	maxRows       = 1 << 24
)

// Save writes m in the compressed model format.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := &encoder{w: bufio.NewWriter(zw)}
	e.w.WriteString(magic)
	e.uvarint(version)
	e.uvarint(uint64(len(m.labels)))
	for _, l := range m.labels {
		e.uvarint(uint64(len(l)))
		e.w.WriteString(l)
	}
	e.uvarint(uint64(m.root))
	writeActions(e, m.actions)
	writeLabels(e, m.arcs)
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("parser: saving model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("parser: saving model: %w", err)
	}
	return nil
}

func writeKeys(e *encoder, keys []uint64) {
	e.uvarint(uint64(len(keys)))
	prev := uint64(0)
	for _, k := range keys {
		e.uvarint(k - prev)
		prev = k
	}
}

func writeActions(e *encoder, t *actionWeights) {
	writeKeys(e, t.keys)
	for _, k := range t.keys {
		for _, v := range t.slot(k).w {
			e.w.Write(binary.LittleEndian.AppendUint16(e.buf[:0], v))
		}
	}
}

func writeLabels(e *encoder, t *labelWeights) {
	writeKeys(e, t.keys)
	for _, k := range t.keys {
		s := t.slot(k)
		e.uvarint(uint64(s.end - s.start))
		for _, en := range t.entries[s.start:s.end] {
			e.uvarint(uint64(en.label))
		}
		for _, en := range t.entries[s.start:s.end] {
			e.w.Write(binary.LittleEndian.AppendUint16(e.buf[:0], en.w))
		}
	}
}

type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) uvarint(v uint64) { e.w.Write(binary.AppendUvarint(e.buf[:0], v)) }

func toBfloat16(v float32) uint16 {
	bits := math.Float32bits(v)
	// Round to nearest even on the dropped half.
	bits += 0x7fff + (bits>>16)&1
	return uint16(bits >> 16)
}

func fromBfloat16(b uint16) float32 { return math.Float32frombits(uint32(b) << 16) }

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("parser: not a parser model (%w)", err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("parser: not a parser model (bad magic)")
	}
	m, err := readModel(br)
	if err != nil {
		return nil, fmt.Errorf("parser: reading model: %w", err)
	}
	return m, nil
}

func readModel(br *bufio.Reader) (*Model, error) {
	v, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	if v != version {
		return nil, fmt.Errorf("model format version %d, this build reads %d", v, version)
	}
	nl, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	if nl < 2 || nl > maxLabels {
		return nil, fmt.Errorf("%d labels", nl)
	}
	m := &Model{labels: make([]string, nl)}
	for i := range m.labels {
		size, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		if size > maxLabelBytes {
			return nil, fmt.Errorf("label of %d bytes", size)
		}
		b := make([]byte, size)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, err
		}
		m.labels[i] = string(b)
	}
	root, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	if root >= nl || m.labels[root] != "root" {
		return nil, errors.New("no root label")
	}
	m.root = int16(root)
	keys, err := readKeys(br)
	if err != nil {
		return nil, fmt.Errorf("action weights: %w", err)
	}
	m.actions = newActionWeights(len(keys))
	// One buffer for every weight read: a fresh one per row would escape
	// to the heap, a million allocations per load.
	b := make([]byte, 2*(numActions-1))
	for _, k := range keys {
		var w [numActions - 1]uint16
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("action weights: %w", err)
		}
		for j := range w {
			w[j] = binary.LittleEndian.Uint16(b[2*j:])
		}
		m.actions.add(k, w)
	}
	if keys, err = readKeys(br); err != nil {
		return nil, fmt.Errorf("label weights: %w", err)
	}
	m.arcs = newLabelWeights(len(keys))
	var entries []labelEntry
	for _, k := range keys {
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("label weights: %w", err)
		}
		if n > nl {
			return nil, fmt.Errorf("label weights: %d entries for %d labels", n, nl)
		}
		entries = entries[:0]
		for range n {
			l, err := binary.ReadUvarint(br)
			if err != nil {
				return nil, fmt.Errorf("label weights: %w", err)
			}
			if l >= nl {
				return nil, fmt.Errorf("label weights: label %d of %d", l, nl)
			}
			entries = append(entries, labelEntry{label: uint16(l)})
		}
		for j := range entries {
			if _, err := io.ReadFull(br, b[:2]); err != nil {
				return nil, fmt.Errorf("label weights: %w", err)
			}
			entries[j].w = binary.LittleEndian.Uint16(b)
		}
		m.arcs.add(k, entries)
	}
	return m, nil
}

// readKeys reads a table's delta-encoded keys. Memory grows with what is
// actually read, not with the count a file claims.
func readKeys(br *bufio.Reader) ([]uint64, error) {
	rows, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	if rows > maxRows {
		return nil, fmt.Errorf("%d rows, more than %d", rows, maxRows)
	}
	keys := make([]uint64, 0, min(rows, 1<<16))
	prev := uint64(0)
	for i := range int(rows) {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		prev += d
		if prev == 0 || (i > 0 && d == 0) {
			return nil, errors.New("keys not strictly increasing")
		}
		keys = append(keys, prev)
	}
	return keys, nil
}
