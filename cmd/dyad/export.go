package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dyadnews/dyad/progress"

	"github.com/dyadnews/dyad/export"
	"github.com/dyadnews/dyad/sqlite"
)

var exportCommand = command{
	name:    "export",
	summary: "write stored events as GDELT 2.0 rows, ACLED-like CSV or JSON lines",
	run:     runExport,
}

func runExport(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "export", "--format gdelt|csv|jsonl [--since DATE] [--until DATE] [--root RR] [--actor CODE] [--country ISO3] [--copies] [--out FILE] [--db PATH]",
		"Write the stored events, by date, in one of the field's formats:\n"+
			"  gdelt  the GDELT 2.0 event table: 61 tab-separated columns, no header\n"+
			"  csv    ACLED-like columns with a header (event_date, event_type, ...)\n"+
			"  jsonl  one event a line in the schema of `dyad code`, with article_id,\n"+
			"         cluster_id, num_articles, num_sources, url and site\n"+
			"Each happening is written once: of the copies of an event that\n"+
			"near-duplicate articles tell, only the representative (--copies writes\n"+
			"all). docs/analysis.md lists the empty GDELT columns and the CSV mapping.")
	format := fs.String("format", "", "output `format`: gdelt, csv or jsonl")
	sinceFlag := fs.String("since", "", "first event `date` (YYYY-MM-DD)")
	untilFlag := fs.String("until", "", "last event `date` (YYYY-MM-DD), inclusive")
	root := fs.String("root", "", "CAMEO `root` code, 01 to 20")
	actor := fs.String("actor", "", "actor `code` or prefix, as source or target (USA, IRNMIL)")
	country := fs.String("country", "", "ISO 3166-1 alpha-3 `code` of the event's place")
	copies := fs.Bool("copies", false, "write every copy of an event, not one per happening")
	out := fs.String("out", "", "output `file`; default standard output")
	dbPath := fs.String("db", defaultDBPath(), "SQLite database `path`; $DYAD_DB sets the default")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format == "" || fs.NArg() > 0 {
		fs.Usage()
		return exitCode(2)
	}
	f := sqlite.EventFilter{Copies: *copies, Actor: strings.ToUpper(*actor), Country: strings.ToUpper(*country)}
	var err error
	for _, d := range []struct {
		name, v string
		t       *time.Time
	}{{"since", *sinceFlag, &f.Since}, {"until", *untilFlag, &f.Until}} {
		if d.v == "" {
			continue
		}
		if *d.t, err = time.Parse(time.DateOnly, d.v); err != nil {
			return fmt.Errorf("--%s: want a date as 2024-08-06, not %q", d.name, d.v)
		}
	}
	if *root != "" {
		n, err := strconv.Atoi(*root)
		if err != nil || n < 1 || n > 20 || len(*root) > 2 {
			return fmt.Errorf("--root: want a CAMEO root from 01 to 20, not %q", *root)
		}
		f.Root = fmt.Sprintf("%02d", n)
	}
	if c := f.Country; c != "" && (len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		return fmt.Errorf("--country: want an ISO 3166-1 alpha-3 code such as IRQ, not %q", *country)
	}
	if a := f.Actor; len(a) > 32 || strings.Trim(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return fmt.Errorf("--actor: want a CAMEO actor code or prefix, not %q", *actor)
	}
	var w io.Writer = st.out
	var file *os.File
	if *out != "" {
		if file, err = os.Create(*out); err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	ew, err := export.NewWriter(*format, w)
	if err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	n := 0
	var rec export.Record
	// Progress goes to stderr; it is quiet for exports shorter than its
	// interval, so piped output and small exports look as before.
	bar := progress.New(st.err, 0, "export", progress.Options{Unit: "events"})
	err = db.EachEvent(ctx, f, func(e *sqlite.StreamedEvent) error {
		rec = export.Record{ArticleEvent: e.ArticleEvent, Seq: e.Seq, URL: e.URL, Site: e.Site, Added: e.Ingested}
		n++
		if n%1024 == 0 {
			bar.Add(1024)
		}
		return ew.Write(&rec)
	})
	bar.Add(n % 1024)
	bar.Finish()
	if err != nil {
		return err
	}
	if err := ew.Close(); err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
		fmt.Fprintf(st.err, "%d events written to %s\n", n, *out)
	}
	return nil
}
