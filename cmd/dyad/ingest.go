package main

import (
	"context"
	"fmt"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/ingest"
	"github.com/dyadnews/dyad/sqlite"
)

var ingestCommand = command{
	name:    "ingest",
	summary: "extract stories and store them in the article database",
	run:     runIngest,
}

// ingestBatch is how many articles one database transaction stores:
// enough to spread the commit and index flush, few enough that an
// interrupted run loses little work (a re-run skips what was stored).
const ingestBatch = 128

func runIngest(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "ingest", "[--db PATH] INPUT...",
		"Extract each input's story and store it; a story already stored (same\n"+
			"content or same canonical URL) is counted as a duplicate. Failures are\n"+
			"listed on stderr with their input; every good input is stored all the\n"+
			"same, and the exit status is 1 when any failed.\n\n"+inputsHelp)
	dbPath := fs.String("db", defaultDBPath(), "SQLite database `path`; $DYAD_DB sets the default")
	var in inputFlags
	in.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitCode(2)
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()

	s := storer{db: db, st: st}
	for r := range ingest.Articles(ctx, fs.Args(), in.options(st)) {
		if r.Err != nil {
			s.fail(r.Origin, r.Err)
			continue
		}
		s.pending = append(s.pending, r)
		if len(s.pending) == ingestBatch {
			s.flush(ctx)
		}
	}
	// Store what was extracted even when interrupted.
	s.flush(context.WithoutCancel(ctx))
	fmt.Fprintf(st.out, "%d stored, %d duplicate, %d failed\n", s.stored, s.duplicate, s.failed)
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.failed > 0 {
		return exitCode(1)
	}
	return nil
}

// storer writes extracted articles in batches and keeps the tally.
type storer struct {
	db                        *sqlite.DB
	st                        *stdio
	pending                   []ingest.Result
	stored, duplicate, failed int
}

func (s *storer) fail(origin string, err error) {
	s.failed++
	fmt.Fprintf(s.st.err, "%s: %v\n", origin, err)
}

func (s *storer) count(res dyad.PutResult) {
	if res == dyad.Duplicate {
		s.duplicate++
	} else {
		s.stored++
	}
}

func (s *storer) flush(ctx context.Context) {
	if len(s.pending) == 0 {
		return
	}
	batch := make([]*dyad.Article, len(s.pending))
	for i, r := range s.pending {
		batch[i] = r.Article
	}
	results, err := s.db.PutArticles(ctx, batch)
	if err == nil {
		for _, res := range results {
			s.count(res)
		}
	} else {
		// The batch stored nothing; one at a time, only the article at
		// fault fails.
		for _, r := range s.pending {
			res, err := s.db.PutArticle(ctx, r.Article)
			if err != nil {
				s.fail(r.Origin, err)
				continue
			}
			s.count(res)
		}
	}
	s.pending = s.pending[:0]
}
