package ingest

import (
	"errors"
	"strings"
	"testing"
)

func TestSniffKind(t *testing.T) {
	tests := []struct {
		name, body, contentType string
		want                    kind
	}{
		{"doctype", "<!DOCTYPE html><html><body><p>x</p></body></html>", "", htmlPage},
		{"leading space and comment", "\n  <!-- saved --><html>", "", htmlPage},
		{"bare article tag", "<article><p>Story</p></article>", "", htmlPage},
		{"markup after stray text", "Saved from example.com\n<html><body><p>Story</p></body></html>", "", htmlPage},
		{"xhtml", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, "", htmlPage},
		{"xml that is not html", `<?xml version="1.0"?><rss><channel/></rss>`, "", plainText},
		{"plain story", "Headline\n\nKYIV, Aug 6 (Reuters) - Troops <b>advanced</b>... a < b", "", plainText},
		{"text mentioning tags", "Use the <p> tag for paragraphs.", "", plainText},
		{"html content type wins", "Just words", "text/html; charset=utf-8", htmlPage},
		{"text/plain does not", "<html><body><p>x</p></body></html>", "text/plain", htmlPage},
	}
	for _, tt := range tests {
		if got := sniffKind([]byte(tt.body), tt.contentType); got != tt.want {
			t.Errorf("%s: sniffKind = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name        string
		raw         []byte
		contentType string
		want        string // substring of the decoded text
		wantKind    kind
		wantErr     error
	}{
		{"utf-8", []byte("Café in Zürich"), "", "Café in Zürich", plainText, nil},
		{"utf-8 bom", []byte("\xEF\xBB\xBFCafé"), "", "Café", plainText, nil},
		{"utf-16le bom", []byte("\xFF\xFEC\x00a\x00f\x00\xE9\x00"), "", "Café", plainText, nil},
		{"utf-16be bom", []byte("\xFE\xFF\x00C\x00a\x00f\x00\xE9"), "", "Café", plainText, nil},
		{"undeclared windows-1252", []byte("Caf\xE9 \x93quoted\x94 \x80 5"), "", "Café “quoted” € 5", plainText, nil},
		{"content-type charset", []byte("Caf\xE9"), "text/plain; charset=ISO-8859-1", "Café", plainText, nil},
		{"meta charset", []byte(`<html><head><meta charset="windows-1251"></head><body><p>` + "\xCC\xEE\xF1\xEA\xE2\xE0" + `</p></body></html>`), "", "Москва", htmlPage, nil},
		{"http-equiv", []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"></head><body>` + "\xA4" + `</body></html>`), "", "€", htmlPage, nil},
		{"content-type beats meta", []byte(`<html><head><meta charset="windows-1251"></head><body>Caf` + "\xE9" + `</body></html>`), "text/html; charset=latin1", "Café", htmlPage, nil},
		{"meta utf-16 read as utf-8", []byte(`<html><head><meta charset="utf-16"></head><body>Café</body></html>`), "", "Café", htmlPage, nil},
		{"declared utf-8 repairs bad bytes", []byte(`<html><head><meta charset="utf-8"></head><body>Caf` + "\xE9" + ` ok</body></html>`), "", "Caf\uFFFD ok", htmlPage, nil},
		{"late utf-8 after ascii kilobytes", []byte("<html><body>" + strings.Repeat("a", 3000) + " Zürich</body></html>"), "", "Zürich", htmlPage, nil},
		{"empty", nil, "", "", 0, ErrEmpty},
		{"whitespace", []byte(" \n\t\r\n "), "", "", 0, ErrEmpty},
		{"bom only", []byte("\xEF\xBB\xBF  \n"), "", "", 0, ErrEmpty},
		{"nul byte", []byte("text\x00more"), "", "", 0, ErrBinary},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", "", 0, ErrBinary},
		{"pdf", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), "", "", 0, ErrBinary},
		{"control characters", []byte(strings.Repeat("ab\x01\x02\x03", 100)), "", "", 0, ErrBinary},
		{"utf-16 bom hiding binary", []byte("\xFF\xFE\x00\x00\x00\x00"), "", "", 0, ErrBinary},
		{"unknown meta charset", []byte(`<html><head><meta charset="x-klingon"></head><body>x</body></html>`), "", "", 0, ErrEncoding},
		{"unknown content-type charset", []byte("words"), "text/plain; charset=bogus-8", "", 0, ErrEncoding},
		{"replacement charset", []byte(`<html><head><meta charset="iso-2022-kr"></head><body>x</body></html>`), "", "", 0, ErrEncoding},
		{"neither utf-8 nor windows-1252", []byte("abc \x81\x8D\x90 def \xC3"), "", "", 0, ErrEncoding},
	}
	for _, tt := range tests {
		doc, err := decode(tt.raw, tt.contentType)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: error %v, want %v", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !strings.Contains(doc.text, tt.want) || doc.kind != tt.wantKind {
			t.Errorf("%s: decoded %v %q, want %v containing %q", tt.name, doc.kind, doc.text, tt.wantKind, tt.want)
		}
	}
}
