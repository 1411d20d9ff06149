// Package shareddata finds the open data that dyad's tests train and
// evaluate on: $DYAD_DATA, else ../shared/data beside the repository root.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// Dir returns the shared data directory: $DYAD_DATA (a relative path is
// taken from the repository root, where commands are run, not from the
// package directory a test runs in), else ../shared/data beside the
// repository root. When it is absent the test is skipped, except under CI
// (CI=true), where a missing data set must fail the run rather than let
// its tests pass unseen.
func Dir(t testing.TB) string {
	t.Helper()
	d := os.Getenv("DYAD_DATA")
	if d == "" || !filepath.IsAbs(d) {
		root := repoRoot(t)
		if d == "" {
			d = filepath.Join(root, "..", "shared", "data")
		} else {
			d = filepath.Join(root, d)
		}
	}
	if _, err := os.Stat(d); err != nil {
		missing(t, "shared data not found at "+d+" (set DYAD_DATA)")
	}
	return d
}

// Seed returns the path of the founding article, beside the data folder.
func Seed(t testing.TB) string {
	t.Helper()
	p := filepath.Join(Dir(t), "..", "seed", "blinken-escalation-2024-08-06.txt")
	if _, err := os.Stat(p); err != nil {
		missing(t, "founding article not found: "+err.Error())
	}
	return p
}

// repoRoot is the nearest directory above the working directory that
// holds go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			missing(t, "repository root not found (set DYAD_DATA)")
		}
		dir = parent
	}
}

func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// EWT reads a split ("train", "dev" or "test") of UD English EWT.
func EWT(t testing.TB, split string) []conllu.Sentence {
	t.Helper()
	sents, err := conllu.ReadFile(filepath.Join(Dir(t), "ud-english-ewt", "en_ewt-ud-"+split+".conllu"))
	if err != nil {
		t.Fatal(err)
	}
	return sents
}
