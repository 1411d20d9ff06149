package parser

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The model file is gzip-compressed. Its content starts with magic and a
// version number, then the labels and the two weight tables. Each table's
// keys are stored sorted and delta-encoded as uvarints, and its weights as
// bfloat16 (the top half of a float32, rounded), which halves the file at
// no measurable cost in accuracy for perceptron weights.
const (
	magic   = "dyad-parser\n"
	version = 1
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
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	uv(version)
	uv(uint64(len(m.labels)))
	for _, l := range m.labels {
		uv(uint64(len(l)))
		bw.WriteString(l)
	}
	uv(uint64(m.root))
	for _, t := range []*table{m.actions, m.arcs} {
		writeTable(bw, uv, t)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("parser: saving model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("parser: saving model: %w", err)
	}
	return nil
}

func writeTable(bw *bufio.Writer, uv func(uint64), t *table) {
	uv(uint64(t.width))
	uv(uint64(t.used))
	keys := make([]slot, 0, t.used)
	for _, s := range t.slots {
		if s.key != 0 {
			keys = append(keys, s)
		}
	}
	slices.SortFunc(keys, func(a, b slot) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	prev := uint64(0)
	for _, s := range keys {
		uv(s.key - prev)
		prev = s.key
	}
	var b [2]byte
	for _, s := range keys {
		for _, v := range t.w[int(s.row)*t.width : int(s.row+1)*t.width] {
			binary.LittleEndian.PutUint16(b[:], toBfloat16(v))
			bw.Write(b[:])
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
	if m.actions, err = readTable(br, numActions); err != nil {
		return nil, fmt.Errorf("action weights: %w", err)
	}
	if m.arcs, err = readTable(br, int(nl)); err != nil {
		return nil, fmt.Errorf("label weights: %w", err)
	}
	return m, nil
}

func readTable(br *bufio.Reader, width int) (*table, error) {
	w, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	if w != uint64(width) {
		return nil, fmt.Errorf("width %d, want %d", w, width)
	}
	rows, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	if rows > maxRows {
		return nil, fmt.Errorf("%d rows, more than %d", rows, maxRows)
	}
	// Memory grows with what is actually read, not with what is claimed.
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
	t := newTable(width, len(keys))
	t.w = make([]float32, 0, len(keys)*width)
	raw := make([]byte, 2*width)
	row := make([]float32, width)
	for _, k := range keys {
		if _, err := io.ReadFull(br, raw); err != nil {
			return nil, err
		}
		for j := range row {
			row[j] = fromBfloat16(binary.LittleEndian.Uint16(raw[2*j:]))
		}
		t.put(k, row)
	}
	return t, nil
}
