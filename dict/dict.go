// Package dict reads the PETRARCH2 coding dictionaries in their own text
// formats — the CAMEO verb-pattern dictionary, actor, agent, discard,
// issue and preposition dictionaries — into structures an event coder
// can query quickly, and reads PETRARCH's validation suite.
//
// The grammar follows the comments of PETRARCH2's PETRreader.py and the
// headers of the files themselves. Where PETRARCH's reader silently did
// something surprising, this package reports the line instead (a
// LineError: file, line number and reason; the line is skipped and
// loading goes on) or, where the data's intent is plain, follows the
// intent; each such departure is documented at the reader concerned.
//
// Phrases are compared in a normal form: upper case, words separated by
// '_' (Normalize). Dictionaries write the same phrase as "UN_SECRETARY
// GENERAL", "UN SECRETARY_GENERAL_" or "un secretary general"; all three
// normalise to "UN_SECRETARY_GENERAL". Match methods take a sentence's
// tokens and find the longest dictionary phrase starting at the first.
package dict

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// LineError is a malformed dictionary line: where it is and what is wrong.
// The line was skipped.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Limits bound what a dictionary file may ask of the reader.
type Limits struct {
	// MaxLineBytes is the longest line read; longer lines are reported
	// and skipped.
	MaxLineBytes int
	// MaxErrors is how many LineErrors are kept in all; loading goes on
	// past it, the rest are counted in Dictionaries.DroppedErrors.
	MaxErrors int
}

// DefaultLimits are generous for the real dictionaries (longest line
// under 300 bytes) and small enough that hostile input cannot balloon.
var DefaultLimits = Limits{MaxLineBytes: 64 << 10, MaxErrors: 10000}

// Tokens splits a phrase into its normalised words: upper case, split at
// white space and '_'.
func Tokens(phrase string) []string {
	return strings.FieldsFunc(strings.ToUpper(phrase), isSep)
}

// Normalize is a phrase's normal form: its Tokens joined with '_'.
func Normalize(phrase string) string { return strings.Join(Tokens(phrase), "_") }

func isSep(r rune) bool { return r == '_' || unicode.IsSpace(r) }

// upper upper-cases a token without allocating when it already is.
func upper(s string) string { return strings.ToUpper(s) }

// line is one logical line of a dictionary file, comments removed.
type line struct {
	n    int
	text string
}

// lineReader yields the non-blank lines of a dictionary file with
// PETRARCH's comments removed: "<!-- ... -->" (also across lines), any
// other line starting "<!", and everything from '#' on. Overlong lines become errors.
type lineReader struct {
	r                 *bufio.Reader
	file              string
	n                 int
	max               int
	inXML             bool
	errs              *errorList
	semicolonComments bool // also strip from ';' (TABARI comments in verb files)
}

func newLineReader(r io.Reader, file string, lim Limits, errs *errorList) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), file: file, max: lim.MaxLineBytes, errs: errs}
}

// next returns the next non-blank line; ok is false at the end of input.
// Read errors other than EOF are returned.
func (lr *lineReader) next() (l line, ok bool, err error) {
	for {
		raw, err := lr.readRaw()
		if raw == nil && err != nil {
			if errors.Is(err, io.EOF) {
				return line{}, false, nil
			}
			return line{}, false, fmt.Errorf("%s: %w", lr.file, err)
		}
		lr.n++
		if len(raw) > lr.max {
			lr.errs.add(lr.file, lr.n, fmt.Sprintf("line longer than %d bytes", lr.max))
			continue
		}
		text := clean(raw)
		if !lr.inXML && strings.HasPrefix(text, "<!") && !strings.HasPrefix(text, "<!--") {
			// PETRARCH skips any line starting "<!" ("<! -- ... -->").
			continue
		}
		text = lr.strip(text)
		if strings.TrimSpace(text) == "" {
			continue
		}
		return line{n: lr.n, text: text}, true, nil
	}
}

// readRaw reads one physical line without its end, however long; a line
// longer than the limit is returned truncated to limit+1 bytes.
func (lr *lineReader) readRaw() ([]byte, error) {
	var buf []byte
	for {
		frag, err := lr.r.ReadSlice('\n')
		if len(buf) <= lr.max {
			buf = append(buf, frag...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && len(buf) == 0 {
			return nil, err
		}
		buf = bytes.TrimRight(buf, "\r\n")
		if len(buf) > lr.max+1 {
			buf = buf[:lr.max+1]
		}
		if buf == nil {
			buf = []byte{}
		}
		return buf, nil
	}
}

// clean makes a raw line valid UTF-8 and turns control characters into
// spaces.
func clean(b []byte) string {
	s := string(b)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

func (lr *lineReader) strip(s string) string {
	var out strings.Builder
	for s != "" {
		if lr.inXML {
			i := strings.Index(s, "-->")
			if i < 0 {
				return out.String()
			}
			lr.inXML = false
			s = s[i+3:]
			continue
		}
		i := strings.Index(s, "<!--")
		j := strings.IndexByte(s, '#')
		if lr.semicolonComments {
			if k := strings.IndexByte(s, ';'); k >= 0 && (j < 0 || k < j) {
				j = k
			}
		}
		if j >= 0 && (i < 0 || j < i) {
			out.WriteString(s[:j])
			return out.String()
		}
		if i < 0 {
			out.WriteString(s)
			return out.String()
		}
		out.WriteString(s[:i])
		lr.inXML = true
		s = s[i+4:]
	}
	return out.String()
}

// errorList collects LineErrors up to a limit.
type errorList struct {
	max     int
	errs    []LineError
	dropped int
}

func (e *errorList) add(file string, n int, msg string) {
	if len(e.errs) >= e.max {
		e.dropped++
		return
	}
	e.errs = append(e.errs, LineError{File: file, Line: n, Msg: msg})
}

// phraseTrie maps word sequences to values and finds the longest stored
// sequence at the start of a token slice.
type phraseTrie[V any] struct {
	root trieNode[V]
	n    int
}

type trieNode[V any] struct {
	next map[string]*trieNode[V]
	val  V
	has  bool
}

// put stores v under words, replacing any value there; it reports
// whether a value was replaced.
func (t *phraseTrie[V]) put(words []string, v V) bool {
	nd := &t.root
	for _, w := range words {
		if nd.next == nil {
			nd.next = map[string]*trieNode[V]{}
		}
		c := nd.next[w]
		if c == nil {
			c = &trieNode[V]{}
			nd.next[w] = c
		}
		nd = c
	}
	replaced := nd.has
	if !replaced {
		t.n++
	}
	nd.val, nd.has = v, true
	return replaced
}

// get returns the value stored under exactly words.
func (t *phraseTrie[V]) get(words []string) (V, bool) {
	nd := &t.root
	for _, w := range words {
		nd = nd.next[w]
		if nd == nil {
			var zero V
			return zero, false
		}
	}
	return nd.val, nd.has
}

// longest returns the value of the longest stored phrase that is a prefix
// of tokens (compared upper-cased) and its length in tokens; n is 0 when
// none is.
func (t *phraseTrie[V]) longest(tokens []string) (n int, v V) {
	nd := &t.root
	for i, tok := range tokens {
		nd = nd.next[upper(tok)]
		if nd == nil {
			break
		}
		if nd.has {
			n, v = i+1, nd.val
		}
	}
	return n, v
}
