package dict

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// loadSnippet loads one dictionary file of the given role from text.
func loadSnippet(t *testing.T, role, text string) (*Dictionaries, []LineError) {
	t.Helper()
	const name = "snippet.txt"
	var f Files
	switch role {
	case "verbs":
		f.Verbs = []string{name}
	case "actors":
		f.Actors = []string{name}
	case "agents":
		f.Agents = []string{name}
	case "discards":
		f.Discards = []string{name}
	case "issues":
		f.Issues = []string{name}
	case "prepositions":
		f.Prepositions = []string{name}
	default:
		t.Fatalf("unknown role %q", role)
	}
	d, errs, err := Load(Source{FS: fstest.MapFS{name: {Data: []byte(text)}}, Files: f})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return d, errs
}

// errorLines is the line numbers of errs, with a check that each names
// the snippet file.
func errorLines(t *testing.T, errs []LineError) []int {
	t.Helper()
	var lines []int
	for _, e := range errs {
		if e.File != "snippet.txt" || !strings.HasPrefix(e.Error(), "snippet.txt:") {
			t.Errorf("error %v does not name the file", e)
		}
		lines = append(lines, e.Line)
	}
	return lines
}

func wantLines(t *testing.T, errs []LineError, want ...int) {
	t.Helper()
	if got := errorLines(t, errs); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Errorf("error lines = %v, want %v; errors: %v", got, want, errs)
	}
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func mapFS(name, text string) fstest.MapFS { return fstest.MapFS{name: {Data: []byte(text)}} }
