package dict

import (
	"fmt"
	"strings"
	"time"
)

// ActorCode is one code of an actor with the dates it applies between.
//
// The dictionaries write "[USAGOV]" (undated), "[USAGOV >090120]" (on or
// after 20 Jan 2009), "[USAELI <090120]" (before) and "[USAGOV
// 010120-090120]" (from the first date, inclusive, to the second,
// exclusive — so a handover date belongs to the successor). Dates are
// YYMMDD, years 00–30 being 20YY and others 19YY as in TABARI, or
// YYYYMMDD. A range whose ends are the same day holds that day; spaces
// inside the dates ("> 140608") are ignored. Codes joined by '/'
// ("[ELR/GAL]") make the name a compound actor: it has each code.
type ActorCode struct {
	Code string
	// From and To bound the dates the code applies to; a zero value is
	// an open end. Both zero means undated.
	From, To time.Time
}

// Dated reports whether the code has a date restriction.
func (c ActorCode) Dated() bool { return !c.From.IsZero() || !c.To.IsZero() }

// appliesAt reports whether a dated code's range holds day.
func (c ActorCode) appliesAt(day time.Time) bool {
	return (c.From.IsZero() || !day.Before(c.From)) && (c.To.IsZero() || day.Before(c.To))
}

// Actor is one entry of an actor dictionary: a primary name, its
// synonyms ("+" lines) and its codes.
type Actor struct {
	// Name is the primary name, normalised ("BARACK_OBAMA").
	Name string
	// Synonyms are the other names, normalised, in file order.
	Synonyms []string
	Codes    []ActorCode
	File     string
	Line     int
}

// CodesAt is the codes that apply on date: the dated codes whose range
// holds it, or, if none does, the undated ones (PETRARCH's rule: an
// undated code is the fallback, e.g. "ELI" for a former leader). For a
// zero date, the undated codes, or all codes if there are none.
func (a *Actor) CodesAt(date time.Time) []string {
	var out []string
	seen := func(c string) bool {
		for _, o := range out {
			if o == c {
				return true
			}
		}
		return false
	}
	if !date.IsZero() {
		day := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
		for _, c := range a.Codes {
			if c.Dated() && c.appliesAt(day) && !seen(c.Code) {
				out = append(out, c.Code)
			}
		}
		if out != nil {
			return out
		}
	}
	for _, c := range a.Codes {
		if !c.Dated() && !seen(c.Code) {
			out = append(out, c.Code)
		}
	}
	if out == nil && date.IsZero() {
		for _, c := range a.Codes {
			if !seen(c.Code) {
				out = append(out, c.Code)
			}
		}
	}
	return out
}

// Actors is the union of actor dictionaries. A name defined twice keeps
// its last definition, so files loaded later (a user's own) override.
type Actors struct {
	entries []*Actor
	names   phraseTrie[*Actor]
}

// Len is the number of actor entries (primary names).
func (a *Actors) Len() int { return len(a.entries) }

// Names is the number of distinct names (primaries and synonyms).
func (a *Actors) Names() int { return a.names.n }

// Entries lists the entries in load order.
func (a *Actors) Entries() []*Actor { return a.entries }

// Lookup finds the entry a name (in any spelling Normalize accepts)
// belongs to.
func (a *Actors) Lookup(name string) (*Actor, bool) { return a.names.get(Tokens(name)) }

// Actor returns the codes of name on date; nil if the name is unknown.
func (a *Actors) Actor(name string, date time.Time) []string {
	e, ok := a.Lookup(name)
	if !ok {
		return nil
	}
	return e.CodesAt(date)
}

// Match finds the longest actor name at the start of tokens; n is its
// length in tokens, 0 if none.
func (a *Actors) Match(tokens []string) (n int, actor *Actor) { return a.names.longest(tokens) }

// readActors parses one actor dictionary.
//
// Format: a primary name line, optionally followed on the same line by
// bracketed codes; "+" lines with synonyms; lines holding only bracketed
// codes. Names join words with '_' or spaces; a trailing '_' (TABARI's
// "whole word") is ignored. Codes after the name lines belong to the
// entry.
//
// Departures from PETRARCH: consecutive primary lines with no codes
// between them form one entry that takes the codes that follow (the
// files rely on this: "IVO_JOSIPOVIC_ / PRESIDENT_JOSIPOVIC_ /
// JOSIPOVIC_ / [HRVGOV >20120219]"), where PETRARCH gave all but the last
// no code at all. An entry that ends without any code, trailing text
// after codes, an unreadable date and a code outside [A-Z0-9-] are
// reported.
func (a *Actors) read(lr *lineReader) error {
	var cur *Actor
	codesSeen := false // cur has received code lines
	finish := func() {
		if cur == nil {
			return
		}
		if len(cur.Codes) == 0 {
			lr.errs.add(cur.File, cur.Line, fmt.Sprintf("actor %s has no code", cur.Name))
		} else {
			a.add(cur)
		}
		cur, codesSeen = nil, false
	}
	for {
		l, ok, err := lr.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		text := strings.TrimSpace(l.text)
		switch {
		case text[0] == '[':
			if cur == nil {
				lr.errs.add(lr.file, l.n, "code line before any actor name")
				continue
			}
			codes, rest, msg := parseActorCodes(text)
			if msg == "" && rest != "" {
				msg = fmt.Sprintf("unexpected %q after codes", rest)
			}
			if msg != "" {
				lr.errs.add(lr.file, l.n, msg)
				continue
			}
			cur.Codes = append(cur.Codes, codes...)
			codesSeen = true
		case text[0] == '+':
			if cur == nil {
				lr.errs.add(lr.file, l.n, "synonym before any actor name")
				continue
			}
			name, codes, msg := parseNameLine(text[1:])
			if msg != "" {
				lr.errs.add(lr.file, l.n, msg)
				continue
			}
			if len(codes) > 0 {
				lr.errs.add(lr.file, l.n, "codes on a synonym line")
				continue
			}
			cur.Synonyms = append(cur.Synonyms, name)
		default:
			name, codes, msg := parseNameLine(text)
			if msg != "" {
				lr.errs.add(lr.file, l.n, msg)
				continue
			}
			switch {
			case cur != nil && !codesSeen && len(cur.Codes) == 0 && len(codes) == 0:
				// A run of uncoded primaries shares the codes to come.
				cur.Synonyms = append(cur.Synonyms, name)
				continue
			default:
				finish()
			}
			cur = &Actor{Name: name, Codes: codes, File: lr.file, Line: l.n}
			codesSeen = len(codes) > 0
		}
	}
	finish()
	return nil
}

func (a *Actors) add(e *Actor) {
	a.entries = append(a.entries, e)
	for _, name := range append([]string{e.Name}, e.Synonyms...) {
		words := strings.Split(name, "_")
		a.names.put(words, e)
		// Text is tokenized with a hyphen as a word of its own
		// ("Barad - dur", "Guinea - Bissau"): the name is found that
		// way too.
		if split, ok := splitHyphens(words); ok {
			if _, taken := a.names.get(split); !taken {
				a.names.put(split, e)
			}
		}
	}
}

// splitHyphens splits the hyphenated words of a name as the tokenizer
// splits them ("BARAD-DUR" → "BARAD", "-", "DUR"); ok is false when no
// word has a hyphen inside it.
func splitHyphens(words []string) (out []string, ok bool) {
	for _, w := range words {
		if i := strings.IndexByte(w, '-'); i > 0 && i < len(w)-1 {
			ok = true
			break
		}
	}
	if !ok {
		return nil, false
	}
	for _, w := range words {
		for {
			i := strings.IndexByte(w, '-')
			if i <= 0 || i == len(w)-1 {
				out = append(out, w)
				break
			}
			out = append(out, w[:i], "-")
			w = w[i+1:]
		}
	}
	return out, true
}

// parseNameLine splits "NAME_WORDS [CODE ...] [CODE]" into the normalised
// name and its codes; msg says what is wrong, if anything.
func parseNameLine(text string) (name string, codes []ActorCode, msg string) {
	namePart, codePart, _ := strings.Cut(text, "[")
	if strings.ContainsAny(namePart, "]{}") {
		return "", nil, fmt.Sprintf("unexpected bracket in name %q", strings.TrimSpace(namePart))
	}
	name = Normalize(namePart)
	if name == "" {
		return "", nil, "empty name"
	}
	if strings.Contains(text, "[") {
		var rest string
		codes, rest, msg = parseActorCodes("[" + codePart)
		if msg == "" && rest != "" {
			msg = fmt.Sprintf("unexpected %q after codes", rest)
		}
	}
	return name, codes, msg
}

// parseActorCodes reads consecutive "[CODE DATE]" groups from the start
// of text and returns them with whatever follows.
func parseActorCodes(text string) (codes []ActorCode, rest string, msg string) {
	rest = strings.TrimSpace(text)
	for strings.HasPrefix(rest, "[") {
		body, after, ok := strings.Cut(rest[1:], "]")
		if !ok {
			return nil, "", "missing ']'"
		}
		cs, msg := parseActorCode(body)
		if msg != "" {
			return nil, "", msg
		}
		codes = append(codes, cs...)
		rest = strings.TrimSpace(after)
	}
	return codes, rest, ""
}

// parseActorCode reads "CODE" or "CODE DATES"; "A/B" gives one code for
// each of A and B with the same dates.
func parseActorCode(body string) ([]ActorCode, string) {
	f := strings.Fields(body)
	if len(f) == 0 {
		return nil, "empty code"
	}
	var c ActorCode
	if len(f) > 1 {
		// "[EGYGOV > 140608]" and "[HOBGOV 19950601 - 19990815]": the
		// intent is plain.
		d := strings.Join(f[1:], "")
		var err error
		switch {
		case d[0] == '>':
			c.From, err = parseDictDate(d[1:])
		case d[0] == '<':
			c.To, err = parseDictDate(d[1:])
		default:
			from, to, ok := strings.Cut(d, "-")
			if !ok {
				return nil, fmt.Sprintf("date %q: want >DATE, <DATE or DATE-DATE", d)
			}
			if c.From, err = parseDictDate(from); err == nil {
				c.To, err = parseDictDate(to)
			}
			switch {
			case err != nil:
			case c.From.Equal(c.To):
				// "040517-040517": the one day.
				c.To = c.To.AddDate(0, 0, 1)
			case c.To.Before(c.From):
				err = fmt.Errorf("range ends before it starts")
			}
		}
		if err != nil {
			return nil, fmt.Sprintf("date %q: %v", d, err)
		}
	}
	var out []ActorCode
	for _, code := range strings.Split(strings.ToUpper(f[0]), "/") {
		if !validCode(code) {
			return nil, fmt.Sprintf("code %q: not letters, digits and '-'", f[0])
		}
		c.Code = code
		out = append(out, c)
	}
	return out, ""
}

func validCode(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-') {
			return false
		}
	}
	return true
}

// parseDictDate reads YYMMDD (00–30 → 20YY, else 19YY) or YYYYMMDD.
func parseDictDate(s string) (time.Time, error) {
	if len(s) != 6 && len(s) != 8 {
		return time.Time{}, fmt.Errorf("want YYMMDD or YYYYMMDD")
	}
	n := make([]int, 0, 4)
	for i := 0; i < len(s); i += 2 {
		if s[i] < '0' || s[i] > '9' || s[i+1] < '0' || s[i+1] > '9' {
			return time.Time{}, fmt.Errorf("want digits")
		}
		n = append(n, int(s[i]-'0')*10+int(s[i+1]-'0'))
	}
	var y, m, d int
	if len(s) == 8 {
		y, m, d = n[0]*100+n[1], n[2], n[3]
	} else {
		y, m, d = 1900+n[0], n[1], n[2]
		if n[0] <= 30 {
			y += 100
		}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("no such day")
	}
	return t, nil
}
