package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// Reasons an input yields no article; Result.Err wraps one of them (or an
// extraction or I/O error) with the details.
var (
	ErrEmpty       = errors.New("empty input")
	ErrBinary      = errors.New("binary content, not HTML or text")
	ErrTooLarge    = errors.New("input over the size limit")
	ErrEncoding    = errors.New("undecodable text")
	ErrRecord      = errors.New("bad JSON record")
	ErrHTTPStatus  = errors.New("HTTP status not 200")
	ErrContentType = errors.New("content type not HTML or text")
)

// kind is what an input's bytes were sniffed to be.
type kind int

const (
	plainText kind = iota
	htmlPage
)

func (k kind) String() string {
	if k == htmlPage {
		return "HTML"
	}
	return "text"
}

// document is an input decoded to UTF-8, ready for extraction.
type document struct {
	text string
	kind kind
}

// decode sniffs raw (already decompressed) bytes as HTML or plain text and
// converts them to UTF-8. contentType is the HTTP Content-Type, if any.
// The charset comes from, in order: a byte-order mark, the Content-Type
// charset, a <meta charset> or http-equiv declaration (HTML only); failing
// those, valid UTF-8 is taken as is and anything else must read as
// windows-1252 (the superset of latin-1 that browsers use for it).
func decode(raw []byte, contentType string) (document, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return document{}, ErrEmpty
	}
	enc, body, hasBOM := bomEncoding(raw)
	if !hasBOM {
		if err := checkBinary(raw); err != nil {
			return document{}, err
		}
	}
	k := sniffKind(body, contentType)
	if !hasBOM {
		declared, err := declaredEncoding(body, contentType, k)
		if err != nil {
			return document{}, err
		}
		enc = declared
	}
	var text string
	switch {
	case enc != nil && enc != encoding.Nop:
		out, err := enc.NewDecoder().Bytes(body)
		if err != nil {
			return document{}, fmt.Errorf("%w: %v", ErrEncoding, err)
		}
		text = string(out)
	case enc == encoding.Nop: // declared UTF-8: repair stray bad bytes as browsers do
		text = strings.ToValidUTF8(string(body), "\uFFFD")
	case utf8.Valid(body):
		text = string(body)
	default:
		guessed, err := windows1252(body)
		if err != nil {
			return document{}, err
		}
		text = guessed
	}
	if hasBOM {
		if err := checkBinary([]byte(text)); err != nil {
			return document{}, err
		}
	}
	if strings.TrimSpace(text) == "" {
		return document{}, ErrEmpty
	}
	return document{text: text, kind: k}, nil
}

// bomEncoding strips a byte-order mark and returns the encoding it names;
// encoding.Nop stands for UTF-8.
func bomEncoding(raw []byte) (encoding.Encoding, []byte, bool) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return encoding.Nop, raw[3:], true
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), raw[2:], true
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), raw[2:], true
	}
	return nil, raw, false
}

// checkBinary rejects bytes that are not text in any ASCII-compatible
// encoding: a NUL anywhere, a known binary signature, or more than one
// control character in a hundred at the start.
func checkBinary(raw []byte) error {
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return fmt.Errorf("%w (NUL byte at offset %d)", ErrBinary, i)
	}
	if t := http.DetectContentType(raw); !strings.HasPrefix(t, "text/") {
		return fmt.Errorf("%w (looks like %s)", ErrBinary, t)
	}
	head := raw[:min(len(raw), 8192)]
	controls := 0
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' {
			controls++
		}
	}
	if controls*100 > len(head) {
		return fmt.Errorf("%w (%d control characters in the first %d bytes)", ErrBinary, controls, len(head))
	}
	return nil
}

// htmlStart matches the opening of a document that is markup: a doctype,
// comment, XML declaration or a tag of an element news pages start with.
var htmlStart = regexp.MustCompile(`(?i)^(?:<!doctype\s+html|<!--|<\?xml|<(?:html|head|body|meta|title|link|script|style|div|article|section|main|header|nav|p|h[1-6]|table|span|a|b|br|font|iframe|form|noscript)[\s/>])`)

// htmlInside finds the elements that make a document HTML wherever they
// occur, for markup pasted after some stray text.
var htmlInside = regexp.MustCompile(`(?i)<(?:html|body|head)[\s>]|</(?:p|div|article|body|html)>`)

// sniffKind decides HTML versus text from the content; a Content-Type of
// text/html or XHTML is trusted, text/plain is not (servers and editors
// often send saved pages as plain text).
func sniffKind(body []byte, contentType string) kind {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && (mt == "text/html" || mt == "application/xhtml+xml") {
		return htmlPage
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n\f")
	if htmlStart.Match(trimmed[:min(len(trimmed), 64)]) {
		if bytes.HasPrefix(trimmed, []byte("<?xml")) && !htmlInside.Match(trimmed[:min(len(trimmed), 4096)]) {
			return plainText
		}
		return htmlPage
	}
	if htmlInside.Match(trimmed[:min(len(trimmed), 4096)]) {
		return htmlPage
	}
	return plainText
}

// metaCharset finds <meta charset="..."> or <meta http-equiv="Content-Type"
// content="...; charset=..."> in the first bytes of a page, which is where
// the HTML standard requires it.
var metaCharset = regexp.MustCompile(`(?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:-]+)`)

// declaredEncoding returns the encoding named by contentType's charset or,
// for HTML, a meta declaration: nil when none is declared, encoding.Nop
// for UTF-8, and an ErrEncoding for a label no one knows.
func declaredEncoding(body []byte, contentType string, k kind) (encoding.Encoding, error) {
	label := ""
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		label = params["charset"]
	}
	if label == "" && k == htmlPage {
		if m := metaCharset.FindSubmatch(body[:min(len(body), 4096)]); m != nil {
			label = string(m[1])
			// A page that says UTF-16 in ASCII meta text cannot be
			// UTF-16; the HTML standard reads it as UTF-8.
			if strings.HasPrefix(strings.ToLower(label), "utf-16") {
				label = "utf-8"
			}
		}
	}
	if label == "" {
		return nil, nil
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("%w: unknown charset %q", ErrEncoding, label)
	}
	if name, _ := htmlindex.Name(enc); name == "utf-8" {
		return encoding.Nop, nil
	}
	if enc == encoding.Replacement {
		return nil, fmt.Errorf("%w: charset %q is not safe to decode", ErrEncoding, label)
	}
	return enc, nil
}

// windows1252 decodes undeclared text that is not UTF-8. It refuses the
// five bytes windows-1252 leaves undefined: they mean the text is in some
// other encoding (or not text) and would decode to garbage.
func windows1252(body []byte) (string, error) {
	for i, b := range body {
		switch b {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return "", fmt.Errorf("%w: neither UTF-8 nor windows-1252 (byte 0x%02X at offset %d)", ErrEncoding, b, i)
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(body)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrEncoding, err)
	}
	return string(out), nil
}
