package tokenize

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"

	"github.com/dyadnews/dyad/internal/binfile"
	"github.com/dyadnews/dyad/models"
)

// The model file is gzip-compressed: a magic line, a format version,
// then the word lists and the sentence splitter's weights, all counts
// and lengths as uvarints.
const (
	magic         = "dyad tokenize model\n"
	formatVersion = 1
	// Sanity bounds that make a corrupt file fail cleanly.
	maxEntries   = 1 << 24
	maxStringLen = 1 << 10
)

// Save writes the model in its compressed binary format.
func (m *Model) Save(w io.Writer) error {
	e := binfile.NewGzipWriter(w)
	e.RawString(magic)
	e.Uvarint(formatVersion)
	abbrevs := slices.Sorted(maps.Keys(m.lex.abbrevs))
	e.Uvarint(uint64(len(abbrevs)))
	for _, a := range abbrevs {
		e.String(a)
	}
	whole := slices.Sorted(maps.Keys(m.lex.whole))
	e.Uvarint(uint64(len(whole)))
	for _, w := range whole {
		e.String(w)
	}
	multi := slices.Sorted(maps.Keys(m.lex.multi))
	e.Uvarint(uint64(len(multi)))
	for _, w := range multi {
		e.String(w)
		parts := m.lex.multi[w]
		e.Uvarint(uint64(len(parts)))
		for _, p := range parts {
			e.Uvarint(uint64(p))
		}
	}
	var live uint64
	for _, v := range m.sent.weights {
		if v != 0 {
			live++
		}
	}
	e.Uvarint(live)
	prev := 0
	for k, v := range m.sent.weights {
		if v == 0 {
			continue
		}
		e.Uvarint(uint64(k - prev)) // delta-coded indexes compress well
		prev = k
		e.Float32(v)
	}
	if err := e.Close(); err != nil {
		return fmt.Errorf("tokenize: save: %w", err)
	}
	return nil
}

// ErrFormat is returned by Load for data that is not a tokenizer model.
var ErrFormat = errors.New("tokenize: not a dyad tokenizer model")

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	d, err := binfile.NewGzipReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	head := make([]byte, len(magic))
	d.Raw(head)
	if d.Err() != nil || string(head) != magic {
		return nil, ErrFormat
	}
	if v := d.Uvarint(); d.Err() == nil && v != formatVersion {
		return nil, fmt.Errorf("tokenize: model format version %d, this build reads %d", v, formatVersion)
	}
	lex := &lexicon{abbrevs: map[string]bool{}, whole: map[string]bool{}, multi: map[string][]int{}}
	for n := d.Count(maxEntries); n > 0 && d.Err() == nil; n-- {
		lex.abbrevs[d.String(maxStringLen)] = true
	}
	for n := d.Count(maxEntries); n > 0 && d.Err() == nil; n-- {
		lex.whole[d.String(maxStringLen)] = true
	}
	for n := d.Count(maxEntries); n > 0 && d.Err() == nil; n-- {
		w := d.String(maxStringLen)
		parts := make([]int, min(d.Count(maxEntries), 16))
		total := 0
		for i := range parts {
			parts[i] = int(d.Uvarint())
			total += parts[i]
		}
		if total != len(w) {
			d.Fail("multiword %q: parts cover %d bytes", w, total)
		}
		lex.multi[w] = parts
	}
	n := d.Count(maxEntries)
	weights := make([]float32, 1<<tableBits)
	key := uint64(0)
	for ; n > 0 && d.Err() == nil; n-- {
		key += d.Uvarint()
		if key >= 1<<tableBits {
			d.Fail("weight index %d out of range", key)
			break
		}
		weights[key] = d.Float32()
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return &Model{lex: lex, sent: perceptron{weights: weights}}, nil
}

// Default returns the model embedded in the binary (models.Tokenize),
// loading it on first use.
func Default() (*Model, error) { return loadDefault() }

var loadDefault = sync.OnceValues(func() (*Model, error) {
	return Load(bytes.NewReader(models.Tokenize))
})
