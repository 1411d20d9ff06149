package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad/sqlite"
)

// sharedPath is rel (e.g. "seed/x.txt" or "data/wikinews") in the shared
// directory that holds the data directory (see shareddata.Dir).
func sharedPath(t testing.TB, rel string) string {
	t.Helper()
	return filepath.Join(shareddata.Dir(t), "..", rel)
}

func runDyad(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), &stdio{in: strings.NewReader(""), out: &out, err: &errb}, args)
	return code, out.String(), errb.String()
}

const goodStory = `Rebels seize border town

KYIV, Aug 6 (Reuters) - Rebel forces seized the border town of Novoselytsia on Tuesday, officials said.

The army said it would retake the town within days.`

func TestExtractSeed(t *testing.T) {
	seed := sharedPath(t, filepath.Join("seed", "blinken-escalation-2024-08-06.txt"))
	code, out, stderr := runDyad(t, "extract", seed)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d output lines, want 1:\n%s", len(lines), out)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, lines[0])
	}
	for _, key := range []string{"input", "id", "headline", "body", "dateline", "lang"} {
		if v, ok := got[key]; !ok || v == "" {
			t.Errorf("field %q missing or empty in %s", key, lines[0])
		}
	}
	if got["input"] != seed {
		t.Errorf("input = %v, want %s", got["input"], seed)
	}
	if h, _ := got["headline"].(string); !strings.Contains(h, "Blinken") {
		t.Errorf("headline %q does not name Blinken", h)
	}
	// The founding example's metadata, as the extractor finds it in the text.
	dateline, _ := got["dateline"].(map[string]any)
	for key, want := range map[string]any{"wire": "Reuters", "lang": "en", "published": "2024-08-06T00:00:00Z"} {
		if got[key] != want {
			t.Errorf("%s = %v, want %v", key, got[key], want)
		}
	}
	if dateline["date"] != "2024-08-06" || dateline["country"] != "US" {
		t.Errorf("dateline = %v, want date 2024-08-06 in US", dateline)
	}
	if _, ok := got["error"]; ok {
		t.Errorf("successful extraction has an error field: %v", got["error"])
	}
}

func TestExtractFailuresAndFormats(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(good, []byte(goodStory), 0o644)
	os.WriteFile(empty, nil, 0o644)

	code, out, _ := runDyad(t, "extract", good, empty)
	if code != 1 {
		t.Errorf("exit %d with a failed input, want 1", code)
	}
	var results []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		results = append(results, m)
	}
	if len(results) != 2 {
		t.Fatalf("%d results, want 2:\n%s", len(results), out)
	}
	if results[0]["input"] != good || results[0]["headline"] != "Rebels seize border town" {
		t.Errorf("good result = %v", results[0])
	}
	if results[1]["input"] != empty || !strings.Contains(results[1]["error"].(string), "empty") {
		t.Errorf("failed result = %v, want input and an error saying empty", results[1])
	}

	code, out, _ = runDyad(t, "extract", "--format", "text", good, empty)
	if code != 1 {
		t.Errorf("text format: exit %d, want 1", code)
	}
	for _, want := range []string{"== " + good, "Rebels seize border town", "retake the town", "== " + empty, "error: "} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}

	if code, _, _ := runDyad(t, "extract"); code != 2 {
		t.Errorf("extract without inputs: exit %d, want 2", code)
	}
	if code, _, _ := runDyad(t, "extract", "--format", "xml", good); code != 2 {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
}

func TestIngestTwiceStoresOnce(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "dyad.db")
	story := filepath.Join(dir, "story.txt")
	os.WriteFile(story, []byte(goodStory), 0o644)

	code, out, stderr := runDyad(t, "ingest", "--db", db, story)
	if code != 0 || strings.TrimSpace(out) != "1 stored, 0 duplicate, 0 failed" {
		t.Fatalf("first ingest: exit %d, out %q, stderr %q", code, out, stderr)
	}
	// The same story again, this time on standard input.
	var o, e bytes.Buffer
	code = run(context.Background(), &stdio{in: strings.NewReader(goodStory), out: &o, err: &e}, []string{"ingest", "--db", db, "-"})
	if code != 0 || strings.TrimSpace(o.String()) != "0 stored, 1 duplicate, 0 failed" {
		t.Fatalf("second ingest: exit %d, out %q, stderr %q", code, o.String(), e.String())
	}
}

func TestIngestBatchWithFailures(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "dyad.db")
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	os.WriteFile(filepath.Join(in, "a.txt"), []byte(goodStory), 0o644)
	os.WriteFile(filepath.Join(in, "b.txt"), []byte("\x00\x01binary"), 0o644)
	os.WriteFile(filepath.Join(in, "c.txt"), []byte(strings.Replace(goodStory, "Rebel forces", "Government troops", 1)), 0o644)
	missing := filepath.Join(dir, "missing.html")

	code, out, stderr := runDyad(t, "ingest", "--db", db, in, missing)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if strings.TrimSpace(out) != "2 stored, 0 duplicate, 2 failed" {
		t.Errorf("summary %q", out)
	}
	for _, want := range []string{filepath.Join(in, "b.txt") + ": binary", missing + ": "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if n, err := store.CountArticles(context.Background()); err != nil || n != 2 {
		t.Errorf("stored %d articles (%v), want 2", n, err)
	}
}
