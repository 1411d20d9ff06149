// Package binfile writes and reads the primitives of dyad's binary model
// files: varints, little-endian fixed-width numbers, raw bytes and
// length-prefixed strings and float32 slices.
//
// Both sides keep the first error and turn every later call into a
// no-op (a read then returns the zero value), so a model's Save and Load
// read as a plain list of fields with one error check at the end. Each
// model package keeps its own file layout (magic, compression, field
// order, error prefixes); this package only owns the encoding of a field.
package binfile

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Writer encodes fields into a buffered stream.
type Writer struct {
	w *bufio.Writer
	// zw is the gzip stream under w, if NewGzipWriter made the Writer.
	zw  *gzip.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

// NewWriter returns a Writer buffering its output to w. Call Flush at the
// end: nothing is guaranteed to reach w before it.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// NewGzipWriter returns a Writer that compresses its output to w as one
// gzip stream at the best compression, as the model files are stored.
// Call Close at the end.
func NewGzipWriter(w io.Writer) *Writer {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // the level is valid
	return &Writer{w: bufio.NewWriter(zw), zw: zw}
}

// Raw writes b as it is, with no length.
func (w *Writer) Raw(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}

// RawString writes s as it is, with no length.
func (w *Writer) RawString(s string) {
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
	}
}

// Uvarint writes v as an unsigned varint.
func (w *Writer) Uvarint(v uint64) { w.Raw(binary.AppendUvarint(w.buf[:0], v)) }

// Varint writes v as a zig-zag signed varint.
func (w *Writer) Varint(v int64) { w.Raw(binary.AppendVarint(w.buf[:0], v)) }

// Byte writes one byte.
func (w *Writer) Byte(b byte) {
	if w.err == nil {
		w.err = w.w.WriteByte(b)
	}
}

// Uint16 writes v in 2 bytes, little-endian.
func (w *Writer) Uint16(v uint16) { w.Raw(binary.LittleEndian.AppendUint16(w.buf[:0], v)) }

// Uint64 writes v in 8 bytes, little-endian.
func (w *Writer) Uint64(v uint64) { w.Raw(binary.LittleEndian.AppendUint64(w.buf[:0], v)) }

// Float32 writes v's IEEE 754 bits in 4 bytes, little-endian.
func (w *Writer) Float32(v float32) {
	w.Raw(binary.LittleEndian.AppendUint32(w.buf[:0], math.Float32bits(v)))
}

// String writes s as its length (a uvarint) and its bytes.
func (w *Writer) String(s string) {
	w.Uvarint(uint64(len(s)))
	w.RawString(s)
}

// Float32s writes vs as its length (a uvarint) and each value as Float32
// writes it.
func (w *Writer) Float32s(vs []float32) {
	w.Uvarint(uint64(len(vs)))
	for _, v := range vs {
		w.Float32(v)
	}
}

// Err returns the first error met so far.
func (w *Writer) Err() error { return w.err }

// Flush writes out what is buffered and returns the first error met.
func (w *Writer) Flush() error {
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return w.err
}

// Close flushes w and, if NewGzipWriter made it, ends the gzip stream; it
// returns the first error met. The underlying io.Writer is not closed.
func (w *Writer) Close() error {
	if w.Flush() == nil && w.zw != nil {
		w.err = w.zw.Close()
	}
	return w.err
}

// Reader decodes the fields a Writer wrote. Lengths are checked against
// the caller's limits before anything is allocated, so a corrupt or
// hostile file fails with an error instead of exhausting memory; a file
// that ends inside a field fails with io.ErrUnexpectedEOF.
type Reader struct {
	// r is concrete, not an interface: a model file is millions of
	// varints read a byte at a time, and direct calls load it faster.
	r *bufio.Reader
	// buf takes fixed-width fields: a local array would escape to the
	// heap through the io.Reader call, one allocation per field.
	buf [8]byte
	err error
}

// NewReader returns a Reader over r, buffered unless r is a *bufio.Reader.
func NewReader(r io.Reader) *Reader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	return &Reader{r: br}
}

// NewGzipReader returns a Reader over the gzip stream r, failing if r does
// not start with a gzip header.
func NewGzipReader(r io.Reader) (*Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	return &Reader{r: bufio.NewReader(zr)}, nil
}

// Err returns the first error met so far.
func (r *Reader) Err() error { return r.err }

// Fail records a format error of the caller's own, unless an error is
// already kept; later reads return zero values.
func (r *Reader) Fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

// readErr keeps err, reporting a file that ends inside a field as
// io.ErrUnexpectedEOF: every read wants a field that Save wrote.
func (r *Reader) readErr(err error) {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	if r.err == nil {
		r.err = err
	}
}

// Raw fills b with the next len(b) bytes.
func (r *Reader) Raw(b []byte) {
	if r.err != nil {
		clear(b)
		return
	}
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.readErr(err)
	}
}

// errOverflow reports a varint longer than any uint64.
var errOverflow = errors.New("varint overflows 64 bits")

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	// As binary.ReadUvarint, but with direct calls to the bufio.Reader.
	var v uint64
	for i, shift := 0, uint(0); ; i, shift = i+1, shift+7 {
		b, err := r.r.ReadByte()
		if err != nil {
			r.readErr(err)
			return 0
		}
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				break
			}
			return v | uint64(b)<<shift
		}
		if i == binary.MaxVarintLen64-1 {
			break
		}
		v |= uint64(b&0x7f) << shift
	}
	r.readErr(errOverflow)
	return 0
}

// Varint reads a zig-zag signed varint.
func (r *Reader) Varint() int64 {
	u := r.Uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if r.err != nil {
		return 0
	}
	b, err := r.r.ReadByte()
	if err != nil {
		r.readErr(err)
		return 0
	}
	return b
}

// fixed reads n ≤ 8 bytes into r.buf, reporting whether it could.
func (r *Reader) fixed(n int) bool {
	r.Raw(r.buf[:n])
	return r.err == nil
}

// Uint16 reads 2 bytes, little-endian.
func (r *Reader) Uint16() uint16 {
	if !r.fixed(2) {
		return 0
	}
	return binary.LittleEndian.Uint16(r.buf[:2])
}

// Uint64 reads 8 bytes, little-endian.
func (r *Reader) Uint64() uint64 {
	if !r.fixed(8) {
		return 0
	}
	return binary.LittleEndian.Uint64(r.buf[:8])
}

// Float32 reads 4 bytes, little-endian, as IEEE 754 bits.
func (r *Reader) Float32() float32 {
	if !r.fixed(4) {
		return 0
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(r.buf[:4]))
}

// Count reads a length or an index as a uvarint and fails unless it is at
// most limit (a negative limit admits nothing).
func (r *Reader) Count(limit int) int {
	n := r.Uvarint()
	if r.err != nil {
		return 0
	}
	if limit < 0 || n > uint64(limit) {
		r.Fail("length %d exceeds %d", n, limit)
		return 0
	}
	return int(n)
}

// String reads a string written by Writer.String, failing if it is longer
// than limit bytes.
func (r *Reader) String(limit int) string {
	n := r.Uvarint()
	if r.err != nil || n == 0 {
		return ""
	}
	if limit < 0 || n > uint64(limit) {
		r.Fail("string of %d bytes exceeds %d", n, limit)
		return ""
	}
	b := make([]byte, n)
	r.Raw(b)
	if r.err != nil {
		return ""
	}
	return string(b)
}

// Float32s reads into dst a slice written by Writer.Float32s, failing
// unless its length is len(dst): the caller knows the size from the model's
// shape, so the file cannot choose what is allocated.
func (r *Reader) Float32s(dst []float32) {
	n := r.Uvarint()
	if r.err == nil && n != uint64(len(dst)) {
		r.Fail("%d values, want %d", n, len(dst))
	}
	for i := range dst {
		dst[i] = r.Float32()
	}
}
