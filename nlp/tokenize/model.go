package tokenize

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"sync"

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
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var scratch [binary.MaxVarintLen64]byte
	putUint := func(x uint64) { bw.Write(scratch[:binary.PutUvarint(scratch[:], x)]) }
	putString := func(s string) { putUint(uint64(len(s))); bw.WriteString(s) }

	bw.WriteString(magic)
	putUint(formatVersion)
	abbrevs := slices.Sorted(maps.Keys(m.lex.abbrevs))
	putUint(uint64(len(abbrevs)))
	for _, a := range abbrevs {
		putString(a)
	}
	whole := slices.Sorted(maps.Keys(m.lex.whole))
	putUint(uint64(len(whole)))
	for _, w := range whole {
		putString(w)
	}
	multi := slices.Sorted(maps.Keys(m.lex.multi))
	putUint(uint64(len(multi)))
	for _, w := range multi {
		putString(w)
		parts := m.lex.multi[w]
		putUint(uint64(len(parts)))
		for _, p := range parts {
			putUint(uint64(p))
		}
	}
	var live uint64
	for _, v := range m.sent.weights {
		if v != 0 {
			live++
		}
	}
	putUint(live)
	prev := 0
	for k, v := range m.sent.weights {
		if v == 0 {
			continue
		}
		putUint(uint64(k - prev)) // delta-coded indexes compress well
		prev = k
		var b [4]byte
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(v))
		bw.Write(b[:])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("tokenize: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("tokenize: save: %w", err)
	}
	return nil
}

// ErrFormat is returned by Load for data that is not a tokenizer model.
var ErrFormat = errors.New("tokenize: not a dyad tokenizer model")

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, ErrFormat
	}
	var rerr error
	getUint := func() uint64 {
		if rerr != nil {
			return 0
		}
		x, err := binary.ReadUvarint(br)
		if err != nil {
			rerr = err
		}
		return x
	}
	getCount := func() int {
		n := getUint()
		if n > maxEntries && rerr == nil {
			rerr = fmt.Errorf("count %d too large", n)
		}
		if rerr != nil {
			return 0
		}
		return int(n)
	}
	getString := func() string {
		n := getUint()
		if n > maxStringLen && rerr == nil {
			rerr = fmt.Errorf("string length %d too large", n)
		}
		if rerr != nil {
			return ""
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			rerr = err
		}
		return string(b)
	}
	if v := getUint(); rerr == nil && v != formatVersion {
		return nil, fmt.Errorf("tokenize: model format version %d, this build reads %d", v, formatVersion)
	}
	lex := &lexicon{abbrevs: map[string]bool{}, whole: map[string]bool{}, multi: map[string][]int{}}
	for n := getCount(); n > 0 && rerr == nil; n-- {
		lex.abbrevs[getString()] = true
	}
	for n := getCount(); n > 0 && rerr == nil; n-- {
		lex.whole[getString()] = true
	}
	for n := getCount(); n > 0 && rerr == nil; n-- {
		w := getString()
		parts := make([]int, min(getCount(), 16))
		total := 0
		for i := range parts {
			parts[i] = int(getUint())
			total += parts[i]
		}
		if total != len(w) && rerr == nil {
			rerr = fmt.Errorf("multiword %q: parts cover %d bytes", w, total)
		}
		lex.multi[w] = parts
	}
	n := getCount()
	weights := make([]float32, 1<<tableBits)
	key := uint64(0)
	for ; n > 0 && rerr == nil; n-- {
		key += getUint()
		if key >= 1<<tableBits {
			rerr = fmt.Errorf("weight index %d out of range", key)
			break
		}
		var b [4]byte
		if _, err := io.ReadFull(br, b[:]); err != nil {
			rerr = err
			break
		}
		weights[key] = math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
	}
	if rerr != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, rerr)
	}
	return &Model{lex: lex, sent: perceptron{weights: weights}}, nil
}

// Default returns the model embedded in the binary (models.Tokenize),
// loading it on first use.
func Default() (*Model, error) { return loadDefault() }

var loadDefault = sync.OnceValues(func() (*Model, error) {
	return Load(bytes.NewReader(models.Tokenize))
})
