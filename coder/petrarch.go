package coder

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/dict"
	"github.com/dyadnews/dyad/nlp"
)

// PetrarchOutcome is how one validation record fared.
type PetrarchOutcome struct {
	// Index is the record's position in the file (IDs repeat).
	Index         int
	ID, Category  string
	Text          string
	Expected, Got []string
	Passed        bool
}

// PetrarchReport is the outcome of a validation suite.
type PetrarchReport struct {
	Outcomes       []PetrarchOutcome
	Passed, Failed int
	// DictErrors are the malformed lines of the suite's dictionaries.
	DictErrors []dict.LineError
}

// EvalPetrarch codes each record's text (not its given parse) with the
// dictionaries the suite's Environment names, read from dictDir, and
// compares the (source, target, code) set with the expected one. A record
// that expects no event or an input error passes when nothing is coded; a
// record whose given parse is malformed is bad input, rejected uncoded as
// PETRARCH rejects it.
// Debug, if not nil, receives the coder's explanations; recordDone, if
// not nil, is called after each record, for progress reports.
func EvalPetrarch(ctx context.Context, suite *dict.ValidationSuite, dictDir string, pipeline *nlp.Pipeline, debug io.Writer, recordDone func()) (PetrarchReport, error) {
	var rep PetrarchReport
	d, lineErrs, err := dict.Load(dict.Source{FS: os.DirFS(dictDir), Files: suite.Environment.Files()})
	if err != nil {
		return rep, fmt.Errorf("coder: reading the suite's dictionaries from %s: %w", dictDir, err)
	}
	rep.DictErrors = lineErrs
	c, err := New(Options{Dicts: d, Pipeline: pipeline, Debug: debug})
	if err != nil {
		return rep, err
	}
	for i, r := range suite.Records {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		o := PetrarchOutcome{Index: i, ID: r.ID, Category: r.Category, Text: r.Text}
		// A record PETRARCH would reject as bad input is not coded.
		if perr := r.ParseErr(); perr != nil {
			if debug != nil {
				fmt.Fprintf(debug, "%v; not coded\n", perr)
			}
		} else {
			a := &dyad.Article{ID: r.ID, Body: r.Text, Published: r.Date, Dateline: dyad.Dateline{Date: r.Date.Format("2006-01-02")}}
			coding, err := c.Code(a)
			if err != nil {
				return rep, fmt.Errorf("coder: record %s: %w", r.ID, err)
			}
			o.Got = triples(coding.Events)
		}
		if !r.NoEvents && r.Error == "" {
			for _, e := range r.Expected {
				o.Expected = append(o.Expected, e.Source+" "+e.Target+" "+e.Code)
			}
			sort.Strings(o.Expected)
			o.Expected = dedupe(o.Expected)
		}
		o.Passed = equalWords(o.Expected, o.Got)
		if recordDone != nil {
			recordDone()
		}
		if o.Passed {
			rep.Passed++
		} else {
			rep.Failed++
		}
		rep.Outcomes = append(rep.Outcomes, o)
	}
	return rep, nil
}

// triples are the events as PETRARCH writes them: "SRC TGT CODE", an
// uncoded actor by its text in double quotes, a missing one as "---";
// sorted, without repeats.
func triples(evs []dyad.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Negated {
			continue
		}
		out = append(out, petrarchActor(&e.Source)+" "+petrarchActor(e.Target)+" "+e.CAMEO)
	}
	sort.Strings(out)
	return dedupe(out)
}

func petrarchActor(a *dyad.Actor) string {
	switch {
	case a == nil:
		return "---"
	case a.Code != "":
		return a.Code
	case a.Text != "":
		return `"` + strings.ToUpper(a.Text) + `"`
	}
	return "---"
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
