// Package gaz holds what package geo and its generator share: the key
// place names are matched by, and the builder of the embedded gazetteer.
package gaz

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key is the form place names are matched by: lower case, without
// diacritics, apostrophes or full stops, every other run of punctuation
// and space as one space, and without a leading "the". "Ra's al-'Ayn",
// "Ras al Ayn" and "RAS AL-AYN" share the key "ras al ayn"; "U.S." and
// "US" share "us"; "Washington, D.C." is "washington dc".
func Key(s string) string {
	if isKey(s) {
		return s
	}
	var buf [64]byte
	return string(AppendKey(buf[:0], s))
}

// isKey reports a string that is its own key: lower-case ASCII letters
// and digits, the form of most words of running text.
func isKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// AppendKey appends the Key of s to dst, so the keys of many words can
// share one buffer.
func AppendKey(dst []byte, s string) []byte {
	if isKey(s) {
		return append(dst, s...)
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	start := len(dst)
	space := false
	if !ascii {
		s = norm.NFD.String(strings.ToValidUTF8(s, " "))
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r == '\'' || r == '.' || r == '`' || r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '\u02bb' || r == '\u02bf' || r == '\u02be':
			continue
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if r == 'ı' {
				r = 'i'
			}
		default:
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, r)
	}
	if rest, ok := bytes.CutPrefix(dst[start:], []byte("the ")); ok {
		dst = append(dst[:start], rest...)
	}
	return dst
}

// articles are the forms the Arabic definite article takes in
// romanised place names ("Al Anbar", "Ar Raqqah", "As Suwayda",
// "Deir ez-Zor"), which news copy writes or drops at will.
var articles = []string{"al ", "el ", "ad ", "adh ", "an ", "ar ", "as ", "ash ", "at ", "ath ", "az ", "ed ", "en ", "er ", "es ", "et ", "ez "}

// StripArticle returns key without a leading Arabic article, and
// whether there was one. A key that is nothing but the article is kept.
func StripArticle(key string) (string, bool) {
	for _, a := range articles {
		if rest, ok := strings.CutPrefix(key, a); ok && rest != "" {
			return rest, true
		}
	}
	return key, false
}
