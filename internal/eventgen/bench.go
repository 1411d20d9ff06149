package eventgen

import (
	"context"
	"flag"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/sqlite"
)

// Million opens the cached store of a million generated events for a
// benchmark, generating it on first use (see Cached). Generating takes a
// while, so it skips unless a million-event benchmark was asked for by
// name (-bench with "1M" in it): -bench . alone does not build it.
func Million(b *testing.B) *sqlite.DB {
	b.Helper()
	if f := flag.Lookup("test.bench"); f == nil || !strings.Contains(f.Value.String(), "1M") {
		b.Skip("a million-event benchmark: run it by name, e.g. -bench " + b.Name())
	}
	ctx := context.Background()
	path, err := Cached(ctx, 1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}
