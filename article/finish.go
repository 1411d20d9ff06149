package article

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"golang.org/x/text/unicode/norm"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/data/geo"
	"github.com/dyadnews/dyad/timex"
)

// ErrNoBody is returned for an article that has no body text left once
// page furniture and whitespace are gone.
var ErrNoBody = errors.New("article has no body text")

// langSampleBytes is how much of the body language detection reads:
// trigram statistics settle long before, and the cost grows with length.
const langSampleBytes = 2048

// finish is the step every extraction route ends with. It normalises the
// headline and paragraphs (Unicode NFC, one space between words, no
// control characters), takes a dateline off the first paragraph, resolves
// the story's date, detects the language and sets the content ID. The
// fields a route already filled (Published from a meta tag, Wire from a
// byline) are kept; the dateline only fills what is still unknown.
func finish(a *dyad.Article, opts Options) error {
	a.Headline = normalizeText(a.Headline)
	a.Section = normalizeText(a.Section)
	a.Byline = normalizeText(a.Byline)
	paras := splitParagraphs(a.Body)
	if len(paras) > 0 {
		if m, ok := ParseDateline(paras[0]); ok {
			paras[0] = strings.TrimSpace(paras[0][m.Len:])
			if paras[0] == "" {
				paras = paras[1:]
			}
			applyDateline(a, m, paras, opts)
		}
	}
	if len(paras) == 0 {
		return ErrNoBody
	}
	a.Body = strings.Join(paras, "\n\n")
	if a.Dateline.Date == "" && !a.Published.IsZero() {
		a.Dateline.Date = a.Published.Format(time.DateOnly)
	}
	if a.Lang == "" {
		a.Lang = detectLang(a.Headline, a.Body)
	}
	a.ID = contentID(a.Headline, a.Body)
	return nil
}

// regionName spells out the region a dateline writes after its place:
// a US state's AP abbreviation becomes its name ("Md." → "Maryland"); a
// country is dropped, as Dateline.Country already holds it; anything else
// is kept as written. Of "Santa Fe, N.M., U.S." only the first part counts.
func regionName(written string) string {
	first, _, _ := strings.Cut(written, ",")
	first = strings.TrimSpace(first)
	if st, ok := geo.USState(first); ok {
		return st.Name
	}
	if _, ok := geo.Country(first); ok {
		return ""
	}
	return first
}

// applyDateline fills the article's place, wire and date from a parsed
// dateline. A month and day without a year are placed in the year the
// story's weekday words agree with, no later than the publication date
// when one is known and than the ingest time otherwise.
func applyDateline(a *dyad.Article, m DatelineMatch, paras []string, opts Options) {
	if a.Dateline.Place == "" {
		a.Dateline.Place = m.Place
		a.Dateline.Region = regionName(m.Region)
		a.Dateline.Country = m.Country
	}
	if a.Wire == "" {
		a.Wire = m.Wire
	}
	if m.Month == 0 {
		return
	}
	written := fmt.Sprintf("dateline %s %d", m.Month.String()[:3], m.Day)
	var date time.Time
	var reason string
	if m.Year != 0 {
		t, ok := timex.Date(m.Year, m.Month, m.Day)
		if !ok {
			return
		}
		date, reason = t, fmt.Sprintf("%s, %d", written, m.Year)
	} else {
		anchor := opts.now()
		if !a.Published.IsZero() {
			anchor = a.Published
		}
		t, why, ok := timex.ResolveMonthDay(m.Month, m.Day, timex.BareWeekdays(strings.Join(paras, "\n")), anchor)
		if !ok {
			return
		}
		date, reason = t, written+"; "+why
	}
	a.Dateline.Date = date.Format(time.DateOnly)
	if a.Published.IsZero() {
		a.Published, a.DateReason = date, reason
	}
}

// splitParagraphs splits a body at blank lines and normalises each
// paragraph; single line breaks inside a paragraph become spaces.
func splitParagraphs(body string) []string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	var paras []string
	for p := range strings.SplitSeq(body, "\n\n") {
		if p = normalizeText(p); p != "" {
			paras = append(paras, p)
		}
	}
	return paras
}

// normalizeText makes text comparable across routes: valid UTF-8 in NFC,
// no control or zero-width characters, every run of white space (line
// breaks, tabs, no-break spaces) one space, no space at either end.
func normalizeText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			continue // zero-width characters and soft hyphens
		case unicode.IsControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isClean reports whether s needs no white space or control character
// clean-up: the common case of a line already tidy, which then costs no
// copy.
func isClean(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return false // leave no-break and zero-width spaces to the full path
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case c < ' ' || c == 0x7f:
			return false
		}
		prevSpace = false
	}
	return true
}

// detectLang returns the ISO 639-1 code of the text's language, or ""
// when the detector is not confident. English, most of what dyad reads,
// is recognised by its function words, which costs a tenth of the
// trigram detector; other text goes to whatlanggo.
func detectLang(headline, body string) string {
	sample := body
	if len(sample) > langSampleBytes {
		cut := langSampleBytes
		for cut > 0 && !utf8.RuneStart(sample[cut]) {
			cut--
		}
		sample = sample[:cut]
	}
	if isEnglish(sample) {
		return "en"
	}
	info := whatlanggo.Detect(headline + "\n" + sample)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

// englishFunctionWords are frequent English words that are not also
// frequent words of other languages written in Latin script ("in", "a",
// "die", "de" are left out for that reason).
var englishFunctionWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "is": true, "that": true, "for": true,
	"with": true, "was": true, "it": true, "by": true, "at": true, "from": true, "has": true,
	"have": true, "he": true, "be": true, "are": true, "this": true, "said": true, "were": true,
	"not": true, "an": true, "which": true, "but": true, "they": true, "his": true, "who": true,
	"had": true, "its": true, "their": true, "been": true, "would": true, "she": true, "her": true,
}

const (
	// minEnglishWords is the fewest words the function-word test decides
	// on; shorter text goes to the trigram detector.
	minEnglishWords = 30
	// minEnglishShare is the share of function words above which text is
	// English: running English prose has some 30% of these words, other
	// languages a few percent at most.
	minEnglishShare = 0.18
)

func isEnglish(s string) bool {
	words, function := 0, 0
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		if len(w) <= 5 && englishFunctionWords[strings.ToLower(w)] {
			function++
		}
	}
	return words >= minEnglishWords && float64(function) >= minEnglishShare*float64(words)
}

// contentID hashes what a story says, not how a page laid it out: the
// headline and body lower-cased, with only letters and digits kept and
// words separated by single spaces. The same story read from its HTML
// page, its plain text or a feed record therefore gets the same ID even
// when quotes, dashes or spacing differ.
func contentID(headline, body string) string {
	key := make([]byte, 0, len(headline)+len(body))
	space := false
	for _, s := range [2]string{headline, body} {
		for _, r := range s {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				space = len(key) > 0
				continue
			}
			if space {
				key = append(key, ' ')
				space = false
			}
			key = utf8.AppendRune(key, unicode.ToLower(r))
		}
		space = len(key) > 0
	}
	sum := sha256.Sum256(key)
	return hex.EncodeToString(sum[:10])
}
