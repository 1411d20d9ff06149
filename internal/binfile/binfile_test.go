package binfile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"testing/iotest"
)

// field is one value of the format, written and read back by its pair of
// methods.
type field struct {
	name  string
	write func(*Writer)
	// read reads the field back and returns it, or what it should be
	// compared with, as a comparable value.
	read func(*Reader) any
	want any
}

var fields = []field{
	{"uvarint 0", func(w *Writer) { w.Uvarint(0) }, func(r *Reader) any { return r.Uvarint() }, uint64(0)},
	{"uvarint max", func(w *Writer) { w.Uvarint(math.MaxUint64) }, func(r *Reader) any { return r.Uvarint() }, uint64(math.MaxUint64)},
	{"varint negative", func(w *Writer) { w.Varint(-300) }, func(r *Reader) any { return r.Varint() }, int64(-300)},
	{"varint min", func(w *Writer) { w.Varint(math.MinInt64) }, func(r *Reader) any { return r.Varint() }, int64(math.MinInt64)},
	{"byte", func(w *Writer) { w.Byte(0xfe) }, func(r *Reader) any { return r.Byte() }, byte(0xfe)},
	{"uint16", func(w *Writer) { w.Uint16(0xbeef) }, func(r *Reader) any { return r.Uint16() }, uint16(0xbeef)},
	{"uint64", func(w *Writer) { w.Uint64(0x0102030405060708) }, func(r *Reader) any { return r.Uint64() }, uint64(0x0102030405060708)},
	{"float32", func(w *Writer) { w.Float32(-1.5) }, func(r *Reader) any { return r.Float32() }, float32(-1.5)},
	{"string", func(w *Writer) { w.String("Blinken") }, func(r *Reader) any { return r.String(7) }, "Blinken"},
	{"empty string", func(w *Writer) { w.String("") }, func(r *Reader) any { return r.String(0) }, ""},
	{"raw", func(w *Writer) { w.Raw([]byte("magic")) }, func(r *Reader) any {
		b := make([]byte, 5)
		r.Raw(b)
		return string(b)
	}, "magic"},
	{"raw string", func(w *Writer) { w.RawString("magic") }, func(r *Reader) any {
		b := make([]byte, 5)
		r.Raw(b)
		return string(b)
	}, "magic"},
	{"count at limit", func(w *Writer) { w.Uvarint(12) }, func(r *Reader) any { return r.Count(12) }, 12},
	{"float32s", func(w *Writer) { w.Float32s([]float32{1, -2, 0.25}) }, func(r *Reader) any {
		got := make([]float32, 3)
		r.Float32s(got)
		return [3]float32(got)
	}, [3]float32{1, -2, 0.25}},
}

func TestRoundTrip(t *testing.T) {
	for _, f := range fields {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewWriter(&buf)
			f.write(w)
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			r := NewReader(bytes.NewReader(buf.Bytes()))
			if got := f.read(r); got != f.want || r.Err() != nil {
				t.Errorf("read back %v (error %v), want %v", got, r.Err(), f.want)
			}
			if _, err := r.r.ReadByte(); err != io.EOF {
				t.Errorf("bytes left after the field (error %v)", err)
			}
		})
	}
}

// TestAllFieldsInSequence writes every field into one stream, through a
// reader that is not a ByteReader and hands out a byte at a time, so
// NewReader's buffering and short reads are both exercised.
func TestAllFieldsInSequence(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, f := range fields {
		f.write(w)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	r := NewReader(iotest.OneByteReader(&buf))
	for _, f := range fields {
		if got := f.read(r); got != f.want {
			t.Errorf("%s: read back %v, want %v", f.name, got, f.want)
		}
	}
	if r.Err() != nil {
		t.Error(r.Err())
	}
}

// TestTruncated cuts each field short: every read must fail with
// io.ErrUnexpectedEOF, whether the stream ends before or inside it.
func TestTruncated(t *testing.T) {
	for _, f := range fields {
		var buf bytes.Buffer
		w := NewWriter(&buf)
		f.write(w)
		w.Flush()
		for cut := range buf.Len() {
			r := NewReader(bytes.NewReader(buf.Bytes()[:cut]))
			f.read(r)
			if !errors.Is(r.Err(), io.ErrUnexpectedEOF) {
				t.Errorf("%s cut to %d of %d bytes: error %v, want io.ErrUnexpectedEOF", f.name, cut, buf.Len(), r.Err())
			}
		}
	}
}

func TestHostileInput(t *testing.T) {
	huge := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01} // 2⁶⁴-1
	tests := []struct {
		name string
		file []byte
		read func(*Reader)
		want string
	}{
		{"count above limit", []byte{13}, func(r *Reader) { r.Count(12) }, "length 13 exceeds 12"},
		{"huge count", huge, func(r *Reader) { r.Count(1 << 20) }, "exceeds"},
		{"negative limit", []byte{0}, func(r *Reader) { r.Count(-1) }, "exceeds -1"},
		{"string above limit", append([]byte{8}, "Blinkens"...), func(r *Reader) { r.String(7) }, "string of 8 bytes exceeds 7"},
		{"huge string", huge, func(r *Reader) { r.String(1 << 16) }, "exceeds"},
		{"string longer than the file", []byte{0x80, 0x80, 0x01, 'a'}, func(r *Reader) { r.String(1 << 16) }, "unexpected EOF"},
		{"float32s of another length", []byte{2, 0, 0, 0, 0, 0, 0, 0, 0}, func(r *Reader) { r.Float32s(make([]float32, 3)) }, "2 values, want 3"},
		{"varint overflow", append(bytes.Repeat([]byte{0x80}, 10), 0x01), func(r *Reader) { r.Uvarint() }, "overflow"},
		{"signed varint overflow", append(bytes.Repeat([]byte{0xff}, 10), 0x01), func(r *Reader) { r.Varint() }, "overflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(bytes.NewReader(tt.file))
			tt.read(r)
			if r.Err() == nil || !strings.Contains(r.Err().Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", r.Err(), tt.want)
			}
		})
	}
}

// TestReaderKeepsFirstError checks that after a failure every read returns
// a zero value and the first error stays, whatever fails later.
func TestReaderKeepsFirstError(t *testing.T) {
	r := NewReader(bytes.NewReader([]byte{200, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
	if n := r.Count(100); n != 0 {
		t.Errorf("count over the limit read as %d", n)
	}
	first := r.Err()
	if first == nil {
		t.Fatal("count over the limit: no error")
	}
	r.Fail("a later format error")
	raw := []byte{1, 2}
	r.Raw(raw)
	floats := []float32{1}
	r.Float32s(floats)
	got := []any{r.Uvarint(), r.Varint(), r.Byte(), r.Uint16(), r.Uint64(), r.Float32(), r.String(10), r.Count(10), raw[0], floats[0]}
	want := []any{uint64(0), int64(0), byte(0), uint16(0), uint64(0), float32(0), "", 0, byte(0), float32(0)}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("read %d after the error: %v, want %v", i, got[i], want[i])
		}
	}
	if r.Err() != first {
		t.Errorf("error became %v, want the first, %v", r.Err(), first)
	}
}

func TestFail(t *testing.T) {
	r := NewReader(bytes.NewReader([]byte{7}))
	r.Fail("bad marker %d", 3)
	if r.Err() == nil || r.Err().Error() != "bad marker 3" {
		t.Errorf("error %v, want bad marker 3", r.Err())
	}
	if v := r.Uvarint(); v != 0 {
		t.Errorf("read %d after Fail", v)
	}
}

// failingWriter accepts n bytes and then fails.
type failingWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriterKeepsFirstError(t *testing.T) {
	tests := []struct {
		name  string
		write func(*Writer)
	}{
		{"small write, error at Flush", func(w *Writer) { w.String("short") }},
		{"write larger than the buffer", func(w *Writer) { w.String(strings.Repeat("x", 10000)) }},
		{"many fields", func(w *Writer) {
			for i := range 5000 {
				w.Uvarint(uint64(i))
				w.Byte(1)
				w.Float32s([]float32{1})
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := NewWriter(&failingWriter{n: 3})
			tt.write(w)
			w.Uint64(1)
			if err := w.Flush(); !errors.Is(err, errDiskFull) {
				t.Errorf("Flush: %v, want %v", err, errDiskFull)
			}
			if !errors.Is(w.Err(), errDiskFull) {
				t.Errorf("Err: %v, want %v", w.Err(), errDiskFull)
			}
		})
	}
}

// TestNewReaderSharesBufioReader checks that a *bufio.Reader is read as
// it is, so its owner may go on reading it after the fields.
func TestNewReaderSharesBufioReader(t *testing.T) {
	src := bufio.NewReader(bytes.NewReader([]byte{5, 'r', 'e', 's', 't'}))
	r := NewReader(src)
	if v := r.Uvarint(); v != 5 {
		t.Fatalf("read %d, want 5", v)
	}
	if rest, _ := io.ReadAll(src); string(rest) != "rest" {
		t.Errorf("%q left in the source, want rest", rest)
	}
}

// TestVarintsAgreeWithEncodingBinary checks Reader's own varint decoding
// against the standard library's on the edges of each byte length.
func TestVarintsAgreeWithEncodingBinary(t *testing.T) {
	var values []uint64
	for shift := range 64 {
		v := uint64(1) << shift
		values = append(values, v-1, v, v+1)
	}
	values = append(values, math.MaxUint64)
	for _, v := range values {
		for _, signed := range []int64{int64(v), -int64(v)} {
			file := binary.AppendUvarint(nil, v)
			file = binary.AppendVarint(file, signed)
			r := NewReader(bytes.NewReader(file))
			if got := r.Uvarint(); got != v {
				t.Errorf("Uvarint: %d, want %d", got, v)
			}
			if got := r.Varint(); got != signed {
				t.Errorf("Varint: %d, want %d", got, signed)
			}
			if r.Err() != nil {
				t.Errorf("%d: %v", v, r.Err())
			}
		}
	}
}

// FuzzUvarint checks that Reader.Uvarint takes and rejects what
// binary.ReadUvarint does.
func FuzzUvarint(f *testing.F) {
	f.Add([]byte{0x80, 0x01})
	f.Add(append(bytes.Repeat([]byte{0xff}, 9), 0x01))
	f.Add(append(bytes.Repeat([]byte{0xff}, 9), 0x02))
	f.Fuzz(func(t *testing.T, b []byte) {
		want, wantErr := binary.ReadUvarint(bytes.NewReader(b))
		r := NewReader(bytes.NewReader(b))
		got := r.Uvarint()
		if (wantErr == nil) != (r.Err() == nil) || (wantErr == nil && got != want) {
			t.Errorf("%x: %d, %v; encoding/binary reads %d, %v", b, got, r.Err(), want, wantErr)
		}
	})
}

func TestGzip(t *testing.T) {
	var file bytes.Buffer
	w := NewGzipWriter(&file)
	for _, f := range fields {
		f.write(w)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := gzip.NewReader(bytes.NewReader(file.Bytes())); err != nil {
		t.Fatalf("not a gzip stream: %v", err)
	}
	r, err := NewGzipReader(bytes.NewReader(file.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fields {
		if got := f.read(r); got != f.want {
			t.Errorf("%s: read back %v, want %v", f.name, got, f.want)
		}
	}
	if r.Byte(); !errors.Is(r.Err(), io.ErrUnexpectedEOF) {
		t.Errorf("reading past the end: %v, want io.ErrUnexpectedEOF", r.Err())
	}
	for _, bad := range [][]byte{nil, []byte("not gzip at all")} {
		if _, err := NewGzipReader(bytes.NewReader(bad)); err == nil {
			t.Errorf("NewGzipReader(%q): no error", bad)
		}
	}
}

func TestCloseKeepsFirstError(t *testing.T) {
	for name, w := range map[string]*Writer{
		"plain": NewWriter(&failingWriter{n: 3}),
		"gzip":  NewGzipWriter(&failingWriter{n: 3}),
	} {
		w.String("more than three bytes")
		if err := w.Close(); !errors.Is(err, errDiskFull) {
			t.Errorf("%s: Close: %v, want %v", name, err, errDiskFull)
		}
	}
}

func FuzzReader(f *testing.F) {
	f.Add([]byte{3, 'a', 'b', 'c', 2, 0, 0, 128, 63, 0, 0, 0, 64})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(bytes.NewReader(b))
		s := r.String(1 << 10)
		n := r.Count(1 << 10)
		vs := make([]float32, n)
		r.Float32s(vs)
		r.Uint64()
		r.Varint()
		if r.Err() == nil && len(s)+n > len(b) {
			t.Errorf("read %d string bytes and %d values from %d bytes", len(s), n, len(b))
		}
	})
}
