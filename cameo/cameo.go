// Package cameo is the CAMEO event ontology: the 311 codes of the CAMEO
// codebook (20 two-digit cue categories and their three- and four-digit
// refinements) with descriptions, Goldstein conflict–cooperation scores,
// quad classes and a crosswalk to PLOVER event types and modes.
//
// The tables are embedded (data/cameo); Default returns them parsed.
//
// Inheritance rule: a code that is not in a table takes the entry of its
// nearest ancestor that is — the ancestors of "0256" are "025" and then
// "02". Every code of the CAMEO table has its own Goldstein score and
// PLOVER row, so the rule matters for codes from elsewhere: dictionary
// codes such as "1951" or a "0257" in someone's data get "195"'s or "025"'s
// values, and Lookup reports them as not being CAMEO codes.
package cameo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	cameodata "github.com/dyadnews/dyad/data/cameo"
)

// Code is a CAMEO event code: two to four decimal digits, "02" to "2042".
type Code string

// Valid reports whether c is shaped like a CAMEO code: 2–4 digits whose
// root is 01–20. It does not say the code is in the codebook; see
// Ontology.Lookup for that.
func (c Code) Valid() bool {
	if len(c) < 2 || len(c) > 4 {
		return false
	}
	for i := 0; i < len(c); i++ {
		if c[i] < '0' || c[i] > '9' {
			return false
		}
	}
	r := (int(c[0]-'0'))*10 + int(c[1]-'0')
	return r >= 1 && r <= 20
}

// Root is the two-digit cue category of c ("0256" → "02"); "" if c is
// not a valid code.
func (c Code) Root() Code {
	if !c.Valid() {
		return ""
	}
	return c[:2]
}

// Parent is the code one level up ("0256" → "025", "025" → "02"); "" for
// a root or an invalid code.
func (c Code) Parent() Code {
	if !c.Valid() || len(c) == 2 {
		return ""
	}
	return c[:len(c)-1]
}

// QuadClass is the four-way grouping of CAMEO roots used by GDELT and
// most event-data analyses.
type QuadClass int

// The quad classes, numbered as GDELT numbers them; Unknown is 0.
const (
	Unknown             QuadClass = iota
	VerbalCooperation             // roots 01–05
	MaterialCooperation           // roots 06–09
	VerbalConflict                // roots 10–14
	MaterialConflict              // roots 15–20
)

func (q QuadClass) String() string {
	switch q {
	case VerbalCooperation:
		return "verbal cooperation"
	case MaterialCooperation:
		return "material cooperation"
	case VerbalConflict:
		return "verbal conflict"
	case MaterialConflict:
		return "material conflict"
	}
	return "unknown"
}

// QuadClass is the quad class of c's root; Unknown for an invalid code.
func (c Code) QuadClass() QuadClass {
	if !c.Valid() {
		return Unknown
	}
	switch r := (int(c[0]-'0'))*10 + int(c[1]-'0'); {
	case r <= 5:
		return VerbalCooperation
	case r <= 9:
		return MaterialCooperation
	case r <= 14:
		return VerbalConflict
	default:
		return MaterialConflict
	}
}

// Description is c's codebook description in the default ontology ("" if
// c is not a CAMEO code).
func (c Code) Description() string {
	e, _ := Default().Lookup(c)
	return e.Description
}

// Goldstein is c's Goldstein score in the default ontology, inherited
// from the nearest ancestor when c has none; ok is false when no ancestor
// has one either.
func (c Code) Goldstein() (score float64, ok bool) { return Default().Goldstein(c) }

// PLOVER is c's PLOVER mapping in the default ontology, inherited from
// the nearest ancestor; ok is false for an invalid code.
func (c Code) PLOVER() (p PLOVER, ok bool) { return Default().PLOVER(c) }

// PLOVER is where a CAMEO code lands in the PLOVER ontology.
type PLOVER struct {
	// Type is the PLOVER event type: AGREE, CONSULT, SUPPORT, CONCEDE,
	// COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN,
	// PROTEST, SANCTION, MOBILIZE, COERCE or ASSAULT.
	Type string `json:"type"`
	// Mode refines the type (ASSAULT: firearms, heavy-weapons, abduct,
	// ...); often empty.
	Mode string `json:"mode,omitempty"`
	// Context is PLOVER's "why" field (military, economic, ...); it may
	// hold several values separated by "; ".
	Context string `json:"context,omitempty"`
	// Basis says where the row comes from: "oeda" for the Open Event Data
	// Alliance's 2021 crosswalk, "dyad" for dyad's own assignment where
	// PLOVER has none (CAMEO 01 and 02).
	Basis string `json:"basis"`
}

// Event is everything the ontology knows about one code.
type Event struct {
	Code        Code    `json:"code"`
	Description string  `json:"description"`
	Goldstein   float64 `json:"goldstein"`
	PLOVER      PLOVER  `json:"plover"`
}

// Ontology is a parsed set of CAMEO tables. It is read-only after Load
// and safe for concurrent use.
type Ontology struct {
	events map[Code]Event
	codes  []Code
}

// Default is the embedded CAMEO ontology, parsed once. The embedded
// tables are part of the binary and tested, so a parse failure is a
// build defect and panics.
var Default = sync.OnceValue(func() *Ontology {
	o, err := Load(bytes.NewReader(cameodata.EventCodes), bytes.NewReader(cameodata.Goldstein), bytes.NewReader(cameodata.PLOVER))
	if err != nil {
		panic("cameo: embedded tables: " + err.Error())
	}
	return o
})

// Load parses the three tables: event codes ("code<TAB>description" after
// a header line), Goldstein scores ("code<TAB>score" after a header line)
// and the PLOVER crosswalk ('#' comments, then
// "code<TAB>type<TAB>mode<TAB>context<TAB>basis"). Every code of the
// first table must have a score (directly or by inheritance) and a
// PLOVER row (likewise); the other tables may name only codes of the
// first.
func Load(eventCodes, goldstein, plover io.Reader) (*Ontology, error) {
	o := &Ontology{events: map[Code]Event{}}
	err := readTSV(eventCodes, "event codes", 2, true, func(line int, f []string) error {
		c := Code(f[0])
		if !c.Valid() {
			return fmt.Errorf("line %d: invalid code %q", line, f[0])
		}
		if _, dup := o.events[c]; dup {
			return fmt.Errorf("line %d: duplicate code %s", line, c)
		}
		o.events[c] = Event{Code: c, Description: f[1], Goldstein: noScore}
		o.codes = append(o.codes, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(goldstein, "goldstein", 2, true, func(line int, f []string) error {
		c := Code(f[0])
		e, ok := o.events[c]
		if !ok {
			return fmt.Errorf("line %d: code %q is not in the event codes", line, f[0])
		}
		s, err := strconv.ParseFloat(f[1], 64)
		if err != nil || s < -10 || s > 10 {
			return fmt.Errorf("line %d: score %q is not a number in [-10, 10]", line, f[1])
		}
		e.Goldstein = s
		o.events[c] = e
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(plover, "plover", 5, false, func(line int, f []string) error {
		c := Code(f[0])
		e, ok := o.events[c]
		if !ok {
			return fmt.Errorf("line %d: code %q is not in the event codes", line, f[0])
		}
		if f[1] == "" || (f[4] != "oeda" && f[4] != "dyad") {
			return fmt.Errorf("line %d: need a type and a basis of oeda or dyad", line)
		}
		e.PLOVER = PLOVER{Type: f[1], Mode: f[2], Context: f[3], Basis: f[4]}
		o.events[c] = e
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(o.codes, func(i, j int) bool { return o.codes[i] < o.codes[j] })
	// Resolve inheritance parents-first (sorted order puts "02" before
	// "025" before "0256"), so one pass suffices.
	for _, c := range o.codes {
		e := o.events[c]
		p, hasParent := o.events[c.Parent()]
		if e.Goldstein == noScore {
			if !hasParent || p.Goldstein == noScore {
				return nil, fmt.Errorf("goldstein: code %s has no score and no ancestor with one", c)
			}
			e.Goldstein = p.Goldstein
		}
		if e.PLOVER.Type == "" {
			if !hasParent || p.PLOVER.Type == "" {
				return nil, fmt.Errorf("plover: code %s has no row and no ancestor with one", c)
			}
			e.PLOVER = p.PLOVER
		}
		o.events[c] = e
	}
	return o, nil
}

// noScore marks a code whose score is still to be inherited; real scores
// lie in [-10, 10].
const noScore = -100

// readTSV calls row for each non-blank line of r split on tabs into
// exactly n fields, skipping '#' comment lines and, if header, the first
// line.
func readTSV(r io.Reader, name string, n int, header bool, row func(line int, fields []string) error) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if (header && line == 1) || strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != n {
			return fmt.Errorf("%s: line %d: %d fields, want %d", name, line, len(f), n)
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if err := row(line, f); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Codes lists the ontology's codes in codebook order ("01", "010", ...).
func (o *Ontology) Codes() []Code { return append([]Code(nil), o.codes...) }

// Lookup returns the entry for a code of the codebook.
func (o *Ontology) Lookup(c Code) (Event, bool) {
	e, ok := o.events[c]
	return e, ok
}

// nearest is the entry of c or of its nearest ancestor in the codebook.
func (o *Ontology) nearest(c Code) (Event, bool) {
	for ; c != ""; c = c.Parent() {
		if e, ok := o.events[c]; ok {
			return e, true
		}
	}
	return Event{}, false
}

// Goldstein is the score of c or of its nearest ancestor in the codebook.
func (o *Ontology) Goldstein(c Code) (float64, bool) {
	e, ok := o.nearest(c)
	return e.Goldstein, ok
}

// PLOVER is the crosswalk row of c or of its nearest ancestor.
func (o *Ontology) PLOVER(c Code) (PLOVER, bool) {
	e, ok := o.nearest(c)
	return e.PLOVER, ok
}
