package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode checks that no byte string makes decoding panic, and that
// whatever it accepts comes out as valid UTF-8 with some non-space text.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		"", "plain text", "\xEF\xBB\xBFbom", "\xFF\xFEa\x00", "<html><meta charset=latin1>caf\xE9",
		`<meta http-equiv="content-type" content="text/html; charset=x">`, "\x00\x01", "caf\xE9 \x81",
	} {
		f.Add([]byte(seed), "")
	}
	f.Add([]byte("caf\xE9"), "text/html; charset=windows-1252")
	f.Add([]byte("x"), "text/plain; charset=")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		doc, err := decode(raw, contentType)
		if err != nil {
			return
		}
		if !utf8.ValidString(doc.text) || strings.TrimSpace(doc.text) == "" {
			t.Errorf("decode(%q, %q) accepted %q", raw, contentType, doc.text)
		}
	})
}
