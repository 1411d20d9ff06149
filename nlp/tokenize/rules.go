package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// piece is one token found by the rules, as byte offsets into the text.
type piece struct {
	start, end int
	// fused marks the first parts of a multiword token (do|n't).
	fused bool
	// newlines counts the line breaks in the whitespace before the piece.
	newlines int
	// spaced marks a piece that should have had a space before it: the
	// word after a full stop glued to it, as in "war .Iran".
	spaced bool
}

// splitter applies the tokenization rules, which follow the UD English
// Web Treebank: punctuation, hyphens and slashes between words are split
// off; numbers, URLs, e-mail addresses, handles, emoticons, phone numbers
// and abbreviations are kept whole; clitics become multiword tokens.
type splitter struct {
	text     string
	lex      *lexicon
	out      []piece
	newlines int // line breaks before the next piece
	// repairNext marks the next piece as spaced.
	repairNext bool
	// openSingle says a single quote was opened in this paragraph, so a
	// word ending in s' closes it rather than being a plural possessive.
	openSingle bool
}

func (sp *splitter) emit(start, end int, fused bool) {
	if start >= end {
		return
	}
	sp.out = append(sp.out, piece{start: start, end: end, fused: fused, newlines: sp.newlines, spaced: sp.repairNext})
	sp.newlines = 0
	sp.repairNext = false
}

// run splits the whole text into pieces.
func (sp *splitter) run() {
	t := sp.text
	i := 0
	for i < len(t) {
		// Whitespace and control characters separate chunks.
		c := t[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7f {
				if c == '\n' {
					sp.newlines++
					if sp.newlines >= 2 {
						sp.openSingle = false
					}
				}
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(t[i:]); isSeparator(r) {
			if r == '\u2029' || r == '\u2028' || r == '\u0085' {
				sp.newlines++
			}
			i += n
			continue
		}
		j := i
		for j < len(t) {
			c := t[j]
			if c < utf8.RuneSelf {
				if c <= ' ' || c == 0x7f {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(t[j:])
			if isSeparator(r) {
				break
			}
			j += n
		}
		sp.chunk(i, j)
		i = j
	}
}

func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff'
}

// maxChunk bounds the chunk the rules look at; longer runs without
// whitespace (binary junk, base64) are cut by fallbackChunk in linear
// time.
const maxChunk = 512

// chunk splits one whitespace-delimited chunk text[s:e].
func (sp *splitter) chunk(s, e int) {
	t := sp.text
	if e-s == 1 {
		sp.emit(s, e, false)
		return
	}
	if e-s > maxChunk {
		if k := symbolRun(t[s:e]); k == e-s {
			sp.emit(s, e, false)
		} else {
			sp.fallbackChunk(s, e)
		}
		return
	}
	if w := t[s:e]; sp.lex.isWhole(w) || isEmoticon(w) {
		sp.emit(s, e, false)
		return
	}
	// Leading punctuation.
	openedSingle := false
	for s < e {
		n := leadingPunct(t[s:e])
		if n == 0 {
			break
		}
		if q := t[s : s+n]; q == "'" || q == "‘" || q == "`" {
			openedSingle = true
			sp.openSingle = true
		}
		sp.emit(s, s+n, false)
		if n == 1 && t[s] == '.' {
			sp.repairNext = true
		}
		s += n
	}
	if s >= e {
		return
	}
	if n := webToken(t[s:e]); n > 0 {
		sp.emit(s, s+n, false)
		if s+n < e {
			sp.chunk(s+n, e)
		}
		return
	}
	// Trailing punctuation, collected right to left.
	var tail []piece
	for e > s {
		n, keep := sp.trailingPunct(t[s:e], openedSingle)
		if n == 0 {
			break
		}
		if keep {
			// A plural possessive: "payers'" is payers + ' as one token.
			tail = append(tail, piece{start: e - n, end: e})
			e -= n
			sp.core(s, e, true)
			sp.flushTail(tail)
			return
		}
		tail = append(tail, piece{start: e - n, end: e})
		e -= n
	}
	sp.core(s, e, false)
	sp.flushTail(tail)
}

// fallbackChunk splits an overlong chunk into runs of letters and digits
// of at most maxChunk bytes and single other characters.
func (sp *splitter) fallbackChunk(s, e int) {
	t := sp.text
	start := s
	for i := s; i < e; {
		r, n := utf8.DecodeRuneInString(t[i:e])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if i+n-start > maxChunk {
				sp.emit(start, i, false)
				start = i
			}
			i += n
			continue
		}
		sp.emit(start, i, false)
		sp.emit(i, i+n, false)
		i += n
		start = i
	}
	sp.emit(start, e, false)
}

func (sp *splitter) flushTail(tail []piece) {
	for k := len(tail) - 1; k >= 0; k-- {
		sp.emit(tail[k].start, tail[k].end, false)
	}
}

// leadingPunct returns the length of the opening punctuation token at the
// start of w, or 0.
func leadingPunct(w string) int {
	if k := symbolRun(w); k > 2 {
		return k
	}
	switch {
	case strings.HasPrefix(w, "``"), strings.HasPrefix(w, "''"), strings.HasPrefix(w, "--"):
		return 2
	case strings.HasPrefix(w, "..."):
		return dotRun(w)
	}
	r, n := utf8.DecodeRuneInString(w)
	if k := symbolRun(w); k > n {
		return k
	}
	switch r {
	case '.':
		// A full stop missing its space: "war .Iran".
		if len(w) > 1 && w[1] >= 'A' && w[1] <= 'Z' {
			return 1
		}
	case '@':
		if len(w) > n && isDigitByte(w[n]) {
			return n
		}
	case '(', '[', '{', '<', '"', '“', '”', '«', '„', '*', '~', '|', '¿', '¡', '…', '•', '·', '-', '–', '—', '=', '^', ',', ';', '>', '+':
		if r == '-' || r == '+' {
			// "-5" and "+3" are numbers; "-LRB-"-like codes are words.
			if len(w) > 1 && (isDigitByte(w[1]) || isLetterStart(w[1:])) {
				return 0
			}
		}
		return n
	case '\'', '‘', '’', '`':
		if isClitic(w[n:]) || (len(w) > n+1 && isDigitByte(w[n]) && isDigitByte(w[n+1])) {
			return 0 // 's, 'em, '90s
		}
		return n
	case '$', '£', '€', '¥':
		return n
	case '#':
		if len(w) > n && isDigitByte(w[n]) {
			return n
		}
	}
	return 0
}

// symbolRun returns the length of the run of one repeated punctuation
// mark or symbol starting w ("<<", "***", "-----"), which EWT keeps as
// one token.
func symbolRun(w string) int {
	r, n := utf8.DecodeRuneInString(w)
	if r == '\'' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) || r == utf8.RuneError {
		return n
	}
	k := n
	for k < len(w) && strings.HasPrefix(w[k:], w[:n]) {
		k += n
	}
	return k
}

func isLetterStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

func dotRun(w string) int {
	n := 0
	for n < len(w) && w[n] == '.' {
		n++
	}
	return n
}

// trailingPunct returns the length of the punctuation token ending w, or
// 0; keep reports a plural possessive apostrophe, which stays fused to
// its word.
func (sp *splitter) trailingPunct(w string, openedSingle bool) (n int, keep bool) {
	r, n := utf8.DecodeLastRuneInString(w)
	if n == len(w) {
		return 0, false
	}
	switch r {
	case '.', '!', '?':
		// A run of terminal marks is one token: "...", "!!!?", ".?".
		k := 0
		for k < len(w)-1 && strings.IndexByte(".!?", w[len(w)-1-k]) >= 0 {
			k++
		}
		if k == 1 && r == '.' && (sp.lex.isAbbrev(w) || hasClockSuffix(w)) {
			return 0, false
		}
		if k > 1 && k < len(w) && w[len(w)-k] == '.' && strings.Trim(w[len(w)-k:], ".") != "" &&
			sp.lex.isAbbrev(w[:len(w)-k+1]) {
			return k - 1, false // "T.V.?" is T.V. + ?
		}
		return k, false
	case '-':
		if k := trailingRun(w, '-'); k < len(w) {
			return k, false
		}
		return 0, false
	case '\'', '’':
		if (strings.HasSuffix(w, "''") || strings.HasSuffix(w, "’’")) && len(w) > 2*n {
			return 2 * n, false
		}
		body := w[:len(w)-n]
		last, _ := utf8.DecodeLastRuneInString(body)
		if (last == 's' || last == 'S') && !openedSingle && !sp.openSingle && len(body) > 1 && isWordish(body) {
			return n, true
		}
		if openedSingle || sp.openSingle {
			sp.openSingle = false
		}
		return n, false
	case ',', ';', ':', ')', ']', '}', '>', '"', '”', '“', '»', '…', '*', '%', '~', '|', '=', '•', '`', '‘', '+':
		if r == ')' && strings.Count(w, "(") > strings.Count(w, ")")-1 && strings.IndexByte(w, '(') > 0 {
			return 0, false // "(s)" inside a word
		}
		k := n
		for k < len(w) && strings.HasSuffix(w[:len(w)-k], w[len(w)-n:]) {
			k += n
		}
		if k >= len(w) {
			return 0, false
		}
		return k, false
	}
	return 0, false
}

// hasClockSuffix reports a time written against its a.m. or p.m.: "11a.m.".
func hasClockSuffix(w string) bool {
	if len(w) < 5 || !isDigitByte(w[len(w)-5]) {
		return false
	}
	return strings.EqualFold(w[len(w)-4:], "a.m.") || strings.EqualFold(w[len(w)-4:], "p.m.")
}

func trailingRun(w string, c byte) int {
	k := 0
	for k < len(w) && w[len(w)-1-k] == c {
		k++
	}
	return k
}

func isWordish(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '-' && r != '&' {
			return false
		}
	}
	return true
}

// clitics are the contracted words EWT splits off as the second part of
// a multiword token.
var clitics = []string{"s", "re", "ve", "ll", "d", "m", "t"}

// isClitic reports whether w (after an apostrophe) is a clitic or a
// clipped word that keeps its apostrophe: 's, 're, 'em, 'til, 'cause.
func isClitic(w string) bool {
	if len(w) > 5 {
		return false
	}
	for _, c := range clippedWords {
		if strings.EqualFold(w, c) {
			return true
		}
	}
	return false
}

var clippedWords = append(clitics, "em", "til", "cause", "n", "tis", "twas", "nuff", "bout")

// inFold reports whether the ASCII-lowercased w is in set.
func inFold(set map[string]bool, w string) bool {
	var buf [maxLookup]byte
	l, ok := lowerASCII(buf[:], w)
	return ok && set[string(l)]
}

// core splits the word left once punctuation is peeled. possessive marks
// a word whose trailing apostrophe was kept as part of its multiword token.
func (sp *splitter) core(s, e int, possessive bool) {
	if s >= e {
		return
	}
	t := sp.text
	w := t[s:e]
	if parts := sp.lex.multiword(w); parts != nil {
		at := s
		for k, n := range parts {
			sp.emit(at, at+n, k < len(parts)-1 || possessive)
			at += n
		}
		return
	}
	// Clitics: n't, 's, 're, 've, 'll, 'd, 'm.
	if k := cliticStart(w); k > 0 {
		sp.inner(s, s+k, true)
		sp.emit(s+k, e, possessive)
		return
	}
	sp.inner(s, e, possessive)
}

// cliticStart returns where a clitic suffix of w starts, or 0.
func cliticStart(w string) int {
	lw := len(w)
	if lw >= 4 {
		tail := w[lw-3:]
		if (tail[0] == 'n' || tail[0] == 'N') && (tail[1] == '\'' || tail[1] == '`') && (tail[2] == 't' || tail[2] == 'T') {
			return lw - 3
		}
	}
	if lw >= 6 && (strings.HasSuffix(w, "’t") || strings.HasSuffix(w, "’T")) && (w[lw-5] == 'n' || w[lw-5] == 'N') {
		return lw - 5
	}
	for i := lw - 1; i > 0 && i >= lw-4; i-- {
		var n int
		switch {
		case w[i] == '\'' || w[i] == '`':
			n = 1
		case i >= 2 && w[i-2:i+1] == "’":
			i -= 2
			n = 3
		default:
			continue
		}
		if !isClitic(w[i+n:]) || w[i+n:] == "t" || w[i+n:] == "T" || strings.EqualFold(w[i+n:], "em") ||
			strings.EqualFold(w[i+n:], "n") || len(w[i+n:]) > 2 {
			return 0
		}
		prev, _ := utf8.DecodeLastRuneInString(w[:i])
		if unicode.IsLetter(prev) {
			return i
		}
		return 0 // decades keep their 's: 1960's
	}
	return 0
}

// inner splits a word at hyphens, slashes and other inner punctuation.
func (sp *splitter) inner(s, e int, fusedEnd bool) {
	t := sp.text
	w := t[s:e]
	if isNumberish(w) {
		sp.emit(s, e, fusedEnd)
		return
	}
	start := s
	i := s
	for i < e {
		r, n := utf8.DecodeRuneInString(t[i:e])
		split := false
		switch r {
		case '-', '–', '—':
			split = sp.splitHyphen(t[start:e], i-start, n)
		case '/':
			split = !isPhone(t[start:e]) && splitSlash(t[start:e], i-start)
		case ',', ';', '"', '(', ')', '[', ']', '!', '?', '“', '”', '*', '+', '=':
			split = !(r == ',' && i > s && i+1 < e && isDigitByte(t[i-1]) && isDigitByte(t[i+1]))
		case ':':
			split = !(i > s && i+1 < e && isDigitByte(t[i-1]) && isDigitByte(t[i+1]))
		case '.':
			if i+1 < e && t[i+1] == '.' {
				// An ellipsis between words: "so...ok".
				k := i
				for k < e && t[k] == '.' {
					k++
				}
				sp.emitUnit(start, i)
				sp.emit(i, k, false)
				start, i = k, k
				continue
			}
			split = sentenceJoin(t[start:e], i-start)
		}
		if !split {
			i += n
			continue
		}
		sp.emitUnit(start, i)
		k := i + n
		if r == '-' {
			for k < e && t[k] == '-' {
				k++
			}
		}
		sp.emit(i, k, false)
		sp.repairNext = r == '.'

		start, i = k, k
	}
	if start < e {
		sp.emitUnitFused(start, e, fusedEnd)
	} else if fusedEnd && len(sp.out) > 0 {
		sp.out[len(sp.out)-1].fused = true
	}
}

func (sp *splitter) emitUnit(s, e int) { sp.emitUnitFused(s, e, false) }

// emitUnitFused emits a word, splitting a number from its unit ("5pm",
// "35mm") and a currency sign from its amount.
func (sp *splitter) emitUnitFused(s, e int, fused bool) {
	w := sp.text[s:e]
	if k := unitSplit(w, s > 0 && isCurrencyEnd(sp.text[:s])); k > 0 {
		sp.emit(s, s+k, false)
		sp.emit(s+k, e, fused)
		return
	}
	sp.emit(s, e, fused)
}

func isCurrencyEnd(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return r == '$' || r == '£' || r == '€' || r == '¥'
}

// units are the measures EWT splits from a number written against them.
var units = map[string]bool{"am": true, "pm": true, "k": true, "mm": true, "cm": true, "km": true,
	"kg": true, "lb": true, "lbs": true, "ft": true, "mph": true, "mg": true, "ml": true,
	"hrs": true, "hr": true, "min": true, "mins": true, "gb": true, "mb": true, "kb": true,
	"x": true, "bn": true, "mln": true, "m": true, "oz": true, "yrs": true, "sec": true, "hz": true,
	"b": true, "t": true, "tn": true, "mn": true, "a.m.": true, "p.m.": true}

func unitSplit(w string, afterCurrency bool) int {
	k := 0
	for k < len(w) && (isDigitByte(w[k]) || ((w[k] == '.' || w[k] == ',' || w[k] == ':') && k > 0)) {
		k++
	}
	if k == 0 || k == len(w) || !isDigitByte(w[k-1]) {
		return 0
	}
	u := w[k:]
	if u == "M" || u == "B" || u == "b" || u == "t" {
		// "86M" names a thing; "2.7M" and "$3M" are amounts.
		if strings.ContainsAny(w[:k], ".,") || afterCurrency {
			return k
		}
		return 0
	}
	if inFold(units, u) {
		return k
	}
	return 0
}

// prefixes keep their hyphen, as EWT writes "non-human" and "e-mail"
// as one token.
var prefixes = map[string]bool{"e": true, "non": true, "pre": true, "post": true, "re": true,
	"co": true, "anti": true, "ex": true, "multi": true, "semi": true, "mid": true,
	"cross": true, "neo": true, "sub": true, "pro": true, "un": true,
	"micro": true, "intra": true, "arch": true, "psycho": true, "over": true}

// splitHyphen decides whether the hyphen at w[i:i+n] separates tokens.
func (sp *splitter) splitHyphen(w string, i, n int) bool {
	if i == 0 || i+n >= len(w) {
		return true
	}
	if inFold(prefixes, w[:i]) && isLetterStart(w[i+n:]) {
		return false
	}
	// Phone numbers keep their hyphens: 713-853-3989, 345-9945.
	if isPhone(w) {
		return false
	}
	return true
}

// isPhone reports phone numbers and dates written with hyphens or
// slashes: 713-853-3989, 345-9945, 713/345-7942, 11-20-2000.
func isPhone(w string) bool {
	groups := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '/' })
	if len(groups) < 2 || strings.Count(w, "-")+strings.Count(w, "/") != len(groups)-1 {
		return false
	}
	for _, g := range groups {
		if len(g) > 4 {
			return false
		}
		for k := 0; k < len(g); k++ {
			if !isDigitByte(g[k]) {
				return false
			}
		}
	}
	if len(groups) >= 3 {
		return true
	}
	return strings.Contains(w, "-") && len(groups[0]) <= 3 && len(groups[1]) == 4
}

// splitSlash keeps "w/o" and "l/c" whole; "and/or" and "1/2" split.
func splitSlash(w string, i int) bool {
	if i == 0 || i+1 >= len(w) {
		return true
	}
	left, right := w[:i], w[i+1:]
	if len(left) == 1 && isLetterStart(left) && (len(right) == 1 || right == "out") {
		return false
	}
	return true
}

// sentenceJoin reports a full stop with its space missing between two
// words, as in "war.Iran", where the word before is lowercase and the
// word after is capitalised.
func sentenceJoin(w string, i int) bool {
	if i < 2 || i+2 >= len(w) {
		return false
	}
	if strings.Contains(w, "://") || strings.Contains(w, "@") || strings.Contains(w, "www") {
		return false
	}
	for k := 0; k < i; k++ {
		if w[k] < 'a' || w[k] > 'z' {
			return false
		}
	}
	if w[i+1] < 'A' || w[i+1] > 'Z' {
		return false
	}
	for k := i + 2; k < len(w); k++ {
		if w[k] < 'a' || w[k] > 'z' {
			return false
		}
	}
	return true
}

// isNumberish reports digits with inner separators, "2,500", "3.5",
// "7:30", and ordinals and decades: "2nd", "1990s".
func isNumberish(w string) bool {
	if w == "" || !isDigitByte(w[0]) {
		return false
	}
	digits := 0
	for k := 0; k < len(w); k++ {
		c := w[k]
		switch {
		case isDigitByte(c):
			digits++
		case c == '.' || c == ',' || c == ':':
			if k+1 >= len(w) || !isDigitByte(w[k+1]) {
				return false
			}
		default:
			return ordinalOrDecade(w[k:]) && digits > 0
		}
	}
	return true
}

func ordinalOrDecade(suffix string) bool {
	for _, o := range [...]string{"st", "nd", "rd", "th", "s", "'s"} {
		if strings.EqualFold(suffix, o) {
			return true
		}
	}
	return false
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// webToken returns the length of a URL, e-mail address, @handle or
// #hashtag at the start of w, without trailing punctuation, or 0.
func webToken(w string) int {
	if !strings.ContainsAny(w, ".@#:") {
		return 0
	}
	isWeb := hasPrefixFold(w, "http://") || hasPrefixFold(w, "https://") ||
		hasPrefixFold(w, "www.") || hasPrefixFold(w, "ftp://") || hasPrefixFold(w, "mailto:")
	if !isWeb {
		if at := strings.IndexByte(w, '@'); at > 0 && strings.IndexByte(w[at:], '.') > 1 && isEmailLocal(w[:at]) {
			isWeb = true
		} else if w[0] == '@' && isDomain(w[1:]) {
			isWeb = true
		} else if (w[0] == '@' || w[0] == '#') && len(w) > 1 && isLetterStart(w[1:]) {
			n := 1
			for n < len(w) {
				r, k := utf8.DecodeRuneInString(w[n:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
					break
				}
				n += k
			}
			return n
		} else if isDomain(w) {
			isWeb = true
		}
	}
	if !isWeb {
		return 0
	}
	n := len(w)
	for n > 0 {
		c := w[n-1]
		if c == ')' && strings.Count(w[:n], "(") >= strings.Count(w[:n], ")") {
			break
		}
		if strings.IndexByte(".,;:!?'\")]>", c) < 0 {
			break
		}
		n--
	}
	if n == 0 {
		return 0
	}
	return n
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isEmailLocal(w string) bool {
	for k := 0; k < len(w); k++ {
		c := w[k]
		if !(isDigitByte(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("._%+-", c) >= 0) {
			return false
		}
	}
	return true
}

// domainEnds are top-level domains common enough to recognise a bare
// host name such as "yahoo.com".
var domainEnds = []string{".com", ".org", ".net", ".edu", ".gov", ".co.uk", ".uk", ".ca", ".de", ".info", ".io"}

func isDomain(w string) bool {
	if strings.IndexByte(w, '.') < 0 {
		return false
	}
	host, _, _ := strings.Cut(strings.TrimRight(w, ".,;:!?)'\""), "/")
	for _, d := range domainEnds {
		if len(host) > len(d) && strings.EqualFold(host[len(host)-len(d):], d) {
			for k := 0; k < len(host); k++ {
				c := host[k] | 0x20
				if !(isDigitByte(host[k]) || c >= 'a' && c <= 'z' || c == '.' || c == '-') {
					return false
				}
			}
			return true
		}
	}
	return false
}

// emoticons kept whole.
var emoticons = map[string]bool{":)": true, ":-)": true, ":(": true, ":-(": true, ";)": true,
	";-)": true, ":D": true, ":-D": true, ":P": true, ":-P": true, ":p": true, ":/": true,
	":-/": true, "<3": true, ":o": true, ":O": true, "^_^": true, "^^": true, ":'(": true,
	"XD": true, "xD": true, ":))": true, ":-))": true, ";-))": true, "=)": true, ":]": true, "=]": true}

func isEmoticon(w string) bool { return emoticons[w] }
