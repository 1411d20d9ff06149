// Package sqlitetest gives tests a real SQLite store in a temporary
// directory, filled with their fixtures.
package sqlitetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/sqlite"
)

// Open opens a new store in t's temporary directory, closed when the test
// ends, and stores articles and then the codings (keyed by article ID).
func Open(t testing.TB, articles []dyad.Article, codings map[string]dyad.Coding) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, a := range articles {
		if _, err := db.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	for id, c := range codings {
		if err := db.PutCoding(ctx, id, c); err != nil {
			t.Fatal(err)
		}
	}
	return db
}
