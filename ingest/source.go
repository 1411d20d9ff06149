package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/article"
)

// StdinOrigin is the Origin of the item read from standard input.
const StdinOrigin = "stdin"

// articleExts are the file name extensions a directory walk reads (after
// removing .gz); other files, such as the images and scripts saved
// beside a page, are skipped. Files named on the command line are always
// read, whatever their name.
var articleExts = map[string]bool{
	"": true, ".html": true, ".htm": true, ".xhtml": true, ".shtml": true,
	".php": true, ".asp": true, ".aspx": true, ".jsp": true,
	".txt": true, ".text": true, ".md": true,
	".jsonl": true, ".ndjson": true,
}

// enumerate turns one input into tasks, handing each to emit in order; it
// returns false when emit asks to stop.
func enumerate(ctx context.Context, input string, opts Options, emit func(task) bool) bool {
	switch {
	case input == "-":
		return readStdin(ctx, opts, emit)
	case isURL(input):
		return emit(task{origin: input, run: func(ctx context.Context) (*dyad.Article, error) {
			return fetch(ctx, input, opts)
		}})
	}
	info, err := os.Stat(input)
	if err != nil {
		return emit(failed(input, err))
	}
	if !info.IsDir() {
		return readPath(ctx, input, opts, emit)
	}
	stop := false
	err = filepath.WalkDir(input, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if !emit(failed(path, err)) {
				stop = true
				return fs.SkipAll
			}
			return nil
		}
		if path != input && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !articleExts[baseExt(path)] {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if !readPath(ctx, path, opts, emit) {
			stop = true
			return fs.SkipAll
		}
		return nil
	})
	if err != nil && !stop {
		return emit(failed(input, err))
	}
	return !stop
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// baseExt is the lowercased extension of a file name without a trailing .gz.
func baseExt(path string) string {
	name := strings.TrimSuffix(strings.ToLower(filepath.Base(path)), ".gz")
	return filepath.Ext(name)
}

func isJSONL(path string) bool {
	ext := baseExt(path)
	return ext == ".jsonl" || ext == ".ndjson"
}

// failed is a task that reports err for origin.
func failed(origin string, err error) task {
	return task{origin: origin, run: func(context.Context) (*dyad.Article, error) { return nil, err }}
}

// readPath emits the tasks of one file: one per line of a JSONL file, one
// for any other.
func readPath(ctx context.Context, path string, opts Options, emit func(task) bool) bool {
	if isJSONL(path) {
		f, err := os.Open(path)
		if err != nil {
			return emit(failed(path, err))
		}
		defer f.Close()
		r, err := maybeGunzip(bufio.NewReader(f))
		if err != nil {
			return emit(failed(path, err))
		}
		return readJSONL(ctx, path, r, opts, emit)
	}
	return emit(task{origin: path, run: func(context.Context) (*dyad.Article, error) {
		raw, err := readFile(path, opts.MaxBytes)
		if err != nil {
			return nil, err
		}
		doc, err := decode(raw, "")
		if err != nil {
			return nil, err
		}
		return extract(doc, opts, "")
	}})
}

// readFile reads a file, decompressing gzip, refusing (before reading it
// all) one over max bytes on disk or decompressed.
func readFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > max {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, info.Size(), max)
	}
	r, err := maybeGunzip(bufio.NewReader(f))
	if err != nil {
		return nil, err
	}
	return readCapped(r, max)
}

// readCapped reads r to the end, failing once it passes max bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(raw)) > max {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)
	}
	return raw, nil
}

// maybeGunzip returns a reader of the decompressed stream when r starts
// with the gzip magic number, and r itself otherwise: the content decides,
// not the file name.
func maybeGunzip(r *bufio.Reader) (io.Reader, error) {
	magic, _ := r.Peek(2)
	if !bytes.Equal(magic, []byte{0x1F, 0x8B}) {
		return r, nil
	}
	z, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return z, nil
}

// readStdin emits standard input as one document or, when it is JSON
// lines (its first line is a JSON object), one task per line.
func readStdin(ctx context.Context, opts Options, emit func(task) bool) bool {
	if opts.Stdin == nil {
		return emit(failed(StdinOrigin, errors.New("no standard input")))
	}
	r, err := maybeGunzip(bufio.NewReader(opts.Stdin))
	if err != nil {
		return emit(failed(StdinOrigin, err))
	}
	br := bufio.NewReader(r)
	if looksLikeJSONL(br) {
		return readJSONL(ctx, StdinOrigin, br, opts, emit)
	}
	raw, err := readCapped(br, opts.MaxBytes)
	if err != nil {
		return emit(failed(StdinOrigin, err))
	}
	return emit(task{origin: StdinOrigin, run: func(context.Context) (*dyad.Article, error) {
		doc, err := decode(raw, "")
		if err != nil {
			return nil, err
		}
		return extract(doc, opts, "")
	}})
}

// looksLikeJSONL peeks at the first line: a complete JSON object.
func looksLikeJSONL(br *bufio.Reader) bool {
	head, _ := br.Peek(64 << 10)
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	line, _, found := bytes.Cut(head, []byte("\n"))
	if !found && len(head) == 64<<10 {
		return false
	}
	var obj map[string]json.RawMessage
	return json.Unmarshal(line, &obj) == nil
}

// readJSONL emits a task per non-blank line of r. A line longer than
// MaxBytes is reported and skipped without being held in memory.
func readJSONL(ctx context.Context, name string, r io.Reader, opts Options, emit func(task) bool) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return false
		}
		line, tooLong, err := readLine(br, opts.MaxBytes)
		origin := fmt.Sprintf("%s:line %d", name, n)
		if err != nil && !errors.Is(err, io.EOF) {
			return emit(failed(origin, fmt.Errorf("read: %w", err)))
		}
		switch {
		case tooLong:
			if !emit(failed(origin, fmt.Errorf("%w: line over %d bytes", ErrTooLarge, opts.MaxBytes))) {
				return false
			}
		case len(bytes.TrimSpace(line)) > 0:
			if !emit(task{origin: origin, run: func(context.Context) (*dyad.Article, error) {
				return fromRecord(line, opts)
			}}) {
				return false
			}
		}
		if err != nil { // io.EOF
			return true
		}
	}
}

// readLine returns the next line without its newline. A line over max
// bytes is consumed and reported as tooLong, without its content.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max+1 { // +1: the newline
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

// fromRecord extracts a JSONL line: {"id","url","title","published","text"}
// for a story's text, or {"url","html"} for a page.
func fromRecord(line []byte, opts Options) (*dyad.Article, error) {
	var rec article.Record
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRecord, err)
	}
	aopts := opts.articleOptions(rec.URL)
	var a *dyad.Article
	var err error
	switch {
	case strings.TrimSpace(rec.Text) != "":
		a, err = article.FromRecord(rec, aopts)
	case strings.TrimSpace(rec.HTML) != "":
		a, err = article.FromHTML(rec.HTML, aopts)
	default:
		return nil, fmt.Errorf("%w: no \"text\" or \"html\"", ErrRecord)
	}
	if err != nil {
		return nil, fmt.Errorf("extract from record: %w", err)
	}
	return a, nil
}
