package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dyadnews/dyad/progress"

	"github.com/dyadnews/dyad/coder"
	"github.com/dyadnews/dyad/dict"
	"github.com/dyadnews/dyad/nlp"
)

// runEvalPetrarch codes PETRARCH's validation suite and lists what fails.
// It is a measure: it exits 0 whatever the pass rate and prints the
// summary line last.
func runEvalPetrarch(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "eval petrarch", "[--records FILE] [--dict-dir DIR]",
		"Code each record of a PETRARCH validation file from its text (dyad's own\n"+
			"parse, not the record's) with the dictionaries its <Environment> names,\n"+
			"compare the (source, target, code) set with the expected one, list the\n"+
			"failures and end with the line 'N passed, M failed'.")
	records := fs.String("records", filepath.Join(defaultDataDir(), "petrarch2", "validation-dev.xml"), "validation `FILE`")
	dictDir := fs.String("dict-dir", "", "`DIR` holding the suite's dictionaries (default: dictionaries/ beside FILE)")
	quiet := fs.Bool("quiet", false, "print only the summary line")
	only := fs.String("only", "", "code only the records with this `ID`")
	debug := fs.Bool("debug", false, "explain dropped candidate events and matched patterns on stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitCode(2)
	}
	if *dictDir == "" {
		*dictDir = filepath.Join(filepath.Dir(*records), "dictionaries")
	}
	f, err := os.Open(*records)
	if err != nil {
		return err
	}
	suite, err := dict.ReadValidation(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *records, err)
	}
	p, err := nlp.Load()
	if err != nil {
		return err
	}
	if *only != "" {
		suite.Records = slices.DeleteFunc(suite.Records, func(r dict.ValidationRecord) bool { return r.ID != *only })
	}
	var debugOut io.Writer
	if *debug {
		debugOut = st.err
	}
	bar := progress.New(st.err, len(suite.Records), "eval petrarch", progress.Options{Unit: "records"})
	rep, err := coder.EvalPetrarch(ctx, suite, *dictDir, p, debugOut, func() { bar.Add(1) })
	bar.Finish()
	if err != nil {
		return err
	}
	for _, e := range rep.DictErrors {
		fmt.Fprintf(st.err, "dictionary: %v\n", e)
	}
	if !*quiet {
		for _, o := range rep.Outcomes {
			if o.Passed {
				continue
			}
			fmt.Fprintf(st.out, "FAIL %s (%s)\n  text:     %s\n  expected: %s\n  got:      %s\n",
				o.ID, o.Category, o.Text, list(o.Expected), list(o.Got))
		}
	}
	fmt.Fprintf(st.out, "%d passed, %d failed\n", rep.Passed, rep.Failed)
	return nil
}

func list(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return strings.Join(s, "; ")
}
