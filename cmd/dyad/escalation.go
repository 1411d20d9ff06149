package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyadnews/dyad/escalation"
	"github.com/dyadnews/dyad/sqlite"
)

var escalationCommand = command{
	name:    "escalation",
	summary: "daily events, Goldstein and casualties of an actor pair, with change flags",
	run:     runEscalation,
}

func runEscalation(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "escalation", "--pair A-B [--since DATE] [--until DATE] [--format table|json|csv] [--db PATH]",
		"Print one line per day for an actor pair from the stored events: the event\n"+
			"count, Goldstein sum and mean, counts per QuadClass (verbal and material\n"+
			"cooperation, verbal and material conflict), killed and wounded, each\n"+
			"happening counted once however many copies of its story are stored; and\n"+
			"flag the days a sharp turn begins (the 7-day Goldstein mean against the\n"+
			"28 days before; see docs/analysis.md).\n\n"+
			"A three-letter code is a country and matches every code it begins (USA:\n"+
			"USAGOV, USAMIL, ...); a longer one matches only itself. A-B counts both\n"+
			"directions, A>B only A's events towards B.")
	pairFlag := fs.String("pair", "", "actor `pair`: USA-IRN (both ways) or USA>IRN (one way)")
	sinceFlag := fs.String("since", "", "first `date` (YYYY-MM-DD); default 90 days before until")
	untilFlag := fs.String("until", "", "last `date` (YYYY-MM-DD), inclusive; default the pair's latest event")
	format := fs.String("format", "table", "output `format`: table, json or csv")
	dbPath := fs.String("db", defaultDBPath(), "SQLite database `path`; $DYAD_DB sets the default")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pairFlag == "" || fs.NArg() > 0 {
		fs.Usage()
		return exitCode(2)
	}
	pair, err := escalation.ParsePair(*pairFlag)
	if err != nil {
		return err
	}
	var since, until time.Time
	for _, f := range []struct {
		name, v string
		t       *time.Time
	}{{"since", *sinceFlag, &since}, {"until", *untilFlag, &until}} {
		if f.v == "" {
			continue
		}
		if *f.t, err = time.Parse(time.DateOnly, f.v); err != nil {
			return fmt.Errorf("--%s: want a date as 2024-08-06, not %q", f.name, f.v)
		}
	}
	if !since.IsZero() && !until.IsZero() && until.Before(since) {
		return fmt.Errorf("--until %s is before --since %s", *untilFlag, *sinceFlag)
	}
	switch *format {
	case "table", "json", "csv":
	default:
		return fmt.Errorf("--format: want table, json or csv, not %q", *format)
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	series, err := db.PairSeries(ctx, pair, since, until, escalation.Options{})
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(st.out)
		enc.SetIndent("", "  ")
		return enc.Encode(series)
	case "csv":
		return writeEscalationCSV(st, series)
	}
	return writeEscalationTable(st, series)
}

var escalationHeader = []string{"date", "events", "goldstein_sum", "goldstein_mean",
	"verbal_coop", "material_coop", "verbal_conflict", "material_conflict", "killed", "wounded", "flag"}

// escalationRows are the series' days as text, with each flag on its day.
func escalationRows(s escalation.Series) [][]string {
	flags := map[string]escalation.Flag{}
	for _, f := range s.Flags {
		flags[f.Date] = f
	}
	rows := make([][]string, 0, len(s.Days))
	for _, d := range s.Days {
		flag := ""
		if f, ok := flags[d.Date]; ok {
			flag = fmt.Sprintf("%s (7d %.2f vs %.2f, z %.1f)", f.Direction, f.RecentMean, f.BaselineMean, f.Z)
		}
		rows = append(rows, []string{d.Date, strconv.Itoa(d.Events),
			strconv.FormatFloat(d.GoldsteinSum, 'f', 2, 64), strconv.FormatFloat(d.GoldsteinMean, 'f', 2, 64),
			strconv.Itoa(d.QuadClass[0]), strconv.Itoa(d.QuadClass[1]), strconv.Itoa(d.QuadClass[2]), strconv.Itoa(d.QuadClass[3]),
			strconv.Itoa(d.Killed), strconv.Itoa(d.Wounded), flag})
	}
	return rows
}

func writeEscalationCSV(st *stdio, s escalation.Series) error {
	w := csv.NewWriter(st.out)
	if err := w.Write(escalationHeader); err != nil {
		return err
	}
	if err := w.WriteAll(escalationRows(s)); err != nil {
		return err
	}
	return w.Error()
}

func writeEscalationTable(st *stdio, s escalation.Series) error {
	fmt.Fprintf(st.out, "%s (%s level), %s to %s: %d flags\n\n", s.Pair, s.Level, s.Since, s.Until, len(s.Flags))
	tw := tabwriter.NewWriter(st.out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join([]string{"date", "events", "g_sum", "g_mean", "vcoop", "mcoop", "vconf", "mconf", "killed", "wounded", ""}, "\t")+"\t")
	for _, r := range escalationRows(s) {
		fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
	}
	return tw.Flush()
}
