package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/escalation"
	"github.com/dyadnews/dyad/sqlite"
)

// analysisDB stores two copies of a story (one cluster) and a third
// story, coded, and returns the database path.
func analysisDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	body := strings.Repeat("Iranian drones struck a base used by American troops in eastern Syria, officials said. ", 5)
	killed := 1
	strike := dyad.Event{ID: "e1", Source: dyad.Actor{Text: "Iran", Name: "IRAN", Code: "IRNMIL"},
		Target: &dyad.Actor{Text: "U.S. troops", Name: "UNITED STATES", Code: "USAMIL"},
		CAMEO:  "195", CAMEORoot: "19", Goldstein: -10, QuadClass: 4, Date: "2024-08-05", DatePrecision: "day",
		Killed: &killed, Sentence: "Iranian drones struck, \"officials\" said.", Confidence: 0.9}
	for i, a := range []dyad.Article{
		{ID: "a1", URL: "https://one.example/a", Site: "one.example", Headline: "Drones hit base", Body: body, Published: time.Date(2024, 8, 5, 0, 0, 0, 0, time.UTC)},
		{ID: "a2", URL: "https://two.example/b", Site: "two.example", Headline: "Base attacked", Body: body + " Advertisement", Published: time.Date(2024, 8, 5, 1, 0, 0, 0, time.UTC)},
	} {
		if _, err := db.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if err := db.PutCoding(ctx, a.ID, dyad.Coding{Events: []dyad.Event{strike}}); err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
	}
	return path
}

func TestEscalationCommand(t *testing.T) {
	path := analysisDB(t)
	code, out, errOut := runDyad(t, "escalation", "--pair", "usa-irn", "--since", "2024-08-01", "--until", "2024-08-07", "--format", "json", "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s escalation.Series
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Days) != 7 || s.Days[4].Events != 1 || s.Days[4].Killed != 1 || s.Days[4].QuadClass[3] != 1 {
		t.Errorf("series %+v: want the strike once on 2024-08-05", s.Days)
	}
	code, out, _ = runDyad(t, "escalation", "--pair", "USA-IRN", "--since", "2024-08-05", "--until", "2024-08-05", "--format", "csv", "--db", path)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 2 || rows[1][1] != "1" {
		t.Errorf("csv: exit %d, %v, %q", code, err, rows)
	}
	for _, args := range [][]string{{"--pair", "USA"}, {"--pair", "USA-IRN", "--since", "May"}, {"--pair", "USA-IRN", "--format", "xml"}} {
		if code, _, _ := runDyad(t, append(append([]string{"escalation"}, args...), "--db", path)...); code == 0 {
			t.Errorf("%v: exit 0", args)
		}
	}
}

func TestExportCommand(t *testing.T) {
	path := analysisDB(t)
	for _, c := range []struct {
		format string
		check  func(out string) bool
	}{
		{"gdelt", func(out string) bool {
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			return len(lines) == 1 && len(strings.Split(lines[0], "\t")) == 61 && strings.Contains(lines[0], "\t2\t2\t2\t")
		}},
		{"csv", func(out string) bool {
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			return err == nil && len(rows) == 2 && rows[1][1] == "Explosions/Remote violence" && rows[1][9] == "1"
		}},
		{"jsonl", func(out string) bool {
			var e dyad.ArticleEvent
			err := json.NewDecoder(bytes.NewReader([]byte(out))).Decode(&e)
			return err == nil && e.ClusterID == "a1" && e.NumArticles == 2 && e.NumSources == 2 && strings.Count(out, "\n") == 1
		}},
	} {
		code, out, errOut := runDyad(t, "export", "--format", c.format, "--actor", "irn", "--db", path)
		if code != 0 || !c.check(out) {
			t.Errorf("%s: exit %d, %s\n%s", c.format, code, errOut, out)
		}
	}
	code, out, _ := runDyad(t, "export", "--format", "jsonl", "--copies", "--db", path)
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("--copies: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
	code, out, _ = runDyad(t, "export", "--format", "csv", "--since", "2024-08-06", "--db", path)
	if code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("--since after the events: %q", out)
	}
	if code, _, _ := runDyad(t, "export", "--format", "xml", "--db", path); code == 0 {
		t.Error("xml: exit 0")
	}
}
