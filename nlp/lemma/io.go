package lemma

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
)

// File format: a gzip stream holding the magic string, a format version,
// the longest rule suffix, then the dictionary and the rules as sorted
// string entries (lengths as varints), so a model always saves to the
// same bytes.
const (
	magic         = "dyad-lemma"
	formatVersion = 1
	// maxEntries and maxString bound what a file may ask Load to allocate.
	maxEntries = 1 << 24
	maxString  = 1 << 16
)

// Save writes m to w in the lemmatizer's gzip-compressed binary format.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("lemma: save: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var buf []byte
	uv := func(v uint64) { buf = binary.AppendUvarint(buf, v) }
	str := func(s string) { uv(uint64(len(s))); buf = append(buf, s...) }
	str(magic)
	uv(formatVersion)
	uv(uint64(m.maxSuffix))
	keys := slices.Sorted(maps.Keys(m.words))
	uv(uint64(len(keys)))
	for _, k := range keys {
		str(k)
		str(m.words[k])
	}
	keys = slices.Sorted(maps.Keys(m.inContext))
	uv(uint64(len(keys)))
	for _, k := range keys {
		str(k)
		str(m.inContext[k])
	}
	keys = slices.Sorted(maps.Keys(m.rules))
	uv(uint64(len(keys)))
	for _, k := range keys {
		str(k)
		str(m.rules[k].Strip)
		str(m.rules[k].Add)
	}
	keys = slices.Sorted(maps.Keys(m.casing))
	uv(uint64(len(keys)))
	for _, k := range keys {
		str(k)
		uv(uint64(m.casing[k]))
	}
	_, err = bw.Write(buf)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return fmt.Errorf("lemma: save: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("lemma: load: not a lemmatizer model: %w", err)
	}
	d := decoder{r: bufio.NewReader(zr)}
	if got := d.str(); got != magic {
		if d.err == nil {
			d.err = fmt.Errorf("not a lemmatizer model (header %q)", got)
		}
		return nil, fmt.Errorf("lemma: load: %w", d.err)
	}
	if v := d.uvarint(); v != formatVersion && d.err == nil {
		return nil, fmt.Errorf("lemma: load: model format version %d, this build reads %d", v, formatVersion)
	}
	m := &Model{maxSuffix: d.count(maxString)}
	n := d.count(maxEntries)
	m.words = make(map[string]string, n)
	for range n {
		k := d.str()
		m.words[k] = d.str()
	}
	n = d.count(maxEntries)
	m.inContext = make(map[string]string, n)
	for range n {
		k := d.str()
		m.inContext[k] = d.str()
	}
	n = d.count(maxEntries)
	m.rules = make(map[string]edit, n)
	for range n {
		k := d.str()
		strip := d.str()
		m.rules[k] = edit{Strip: strip, Add: d.str()}
	}
	n = d.count(maxEntries)
	m.casing = make(map[string]caseMode, n)
	for range n {
		k := d.str()
		mode := d.count(int(caseTitle))
		m.casing[k] = caseMode(mode)
	}
	if d.err != nil {
		return nil, fmt.Errorf("lemma: load: %w", d.err)
	}
	return m, nil
}

// decoder reads varints and strings, keeping the first error.
type decoder struct {
	r   *bufio.Reader
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		d.err = err
	}
	return v
}

func (d *decoder) count(limit int) int {
	v := d.uvarint()
	if v > uint64(limit) {
		if d.err == nil {
			d.err = fmt.Errorf("length %d exceeds %d", v, limit)
		}
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.count(maxString)
	if d.err != nil || n == 0 {
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		d.err = err
		return ""
	}
	return string(b)
}
