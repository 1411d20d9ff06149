package lemma

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/dyadnews/dyad/internal/binfile"
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
	e := binfile.NewGzipWriter(w)
	e.String(magic)
	e.Uvarint(formatVersion)
	e.Uvarint(uint64(m.maxSuffix))
	keys := slices.Sorted(maps.Keys(m.words))
	e.Uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.String(k)
		e.String(m.words[k])
	}
	keys = slices.Sorted(maps.Keys(m.inContext))
	e.Uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.String(k)
		e.String(m.inContext[k])
	}
	keys = slices.Sorted(maps.Keys(m.rules))
	e.Uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.String(k)
		e.String(m.rules[k].Strip)
		e.String(m.rules[k].Add)
	}
	keys = slices.Sorted(maps.Keys(m.casing))
	e.Uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.String(k)
		e.Uvarint(uint64(m.casing[k]))
	}
	if err := e.Close(); err != nil {
		return fmt.Errorf("lemma: save: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	d, err := binfile.NewGzipReader(r)
	if err != nil {
		return nil, fmt.Errorf("lemma: load: not a lemmatizer model: %w", err)
	}
	if got := d.String(maxString); got != magic {
		d.Fail("not a lemmatizer model (header %q)", got)
		return nil, fmt.Errorf("lemma: load: %w", d.Err())
	}
	if v := d.Uvarint(); v != formatVersion && d.Err() == nil {
		return nil, fmt.Errorf("lemma: load: model format version %d, this build reads %d", v, formatVersion)
	}
	m := &Model{maxSuffix: d.Count(maxString)}
	n := d.Count(maxEntries)
	m.words = make(map[string]string, n)
	for range n {
		k := d.String(maxString)
		m.words[k] = d.String(maxString)
	}
	n = d.Count(maxEntries)
	m.inContext = make(map[string]string, n)
	for range n {
		k := d.String(maxString)
		m.inContext[k] = d.String(maxString)
	}
	n = d.Count(maxEntries)
	m.rules = make(map[string]edit, n)
	for range n {
		k := d.String(maxString)
		strip := d.String(maxString)
		m.rules[k] = edit{Strip: strip, Add: d.String(maxString)}
	}
	n = d.Count(maxEntries)
	m.casing = make(map[string]caseMode, n)
	for range n {
		k := d.String(maxString)
		mode := d.Count(int(caseTitle))
		m.casing[k] = caseMode(mode)
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("lemma: load: %w", err)
	}
	return m, nil
}
