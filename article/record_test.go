package article

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad/internal/shareddata"
)

// TestFromRecordGolden reads every testdata/text/*.record.json and
// compares the article with its .golden.json.
func TestFromRecordGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "text", "*.record.json"))
	if err != nil || len(paths) < 3 {
		t.Fatalf("want 3+ records in testdata/text, found %d (%v)", len(paths), err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var r Record
			if err := json.Unmarshal(raw, &r); err != nil {
				t.Fatal(err)
			}
			a, err := FromRecord(r, Options{Now: testNow})
			if err != nil {
				t.Fatalf("FromRecord: %v", err)
			}
			checkGolden(t, strings.TrimSuffix(path, ".record.json")+".golden.json", a)
		})
	}
}

func TestFromRecordDates(t *testing.T) {
	tests := []struct {
		name      string
		r         Record
		date      string
		reason    string
		bodyStart string
	}{
		{
			name:      "text date wins over record",
			r:         Record{Title: "Flag", Published: "2011-12-02", Text: "Thursday, May 7, 2015\n\nThe government announced a flag referendum on Tuesday."},
			date:      "2015-05-07",
			reason:    "date line of text: Thursday, May 7, 2015",
			bodyStart: "The government announced",
		},
		{
			name:      "date at the start of the first paragraph",
			r:         Record{Title: "Bar", Published: "2012-03-15", Text: "Thursday, March 15, 2012 Wikinews interviewed one of the owners of a bar."},
			date:      "2012-03-15",
			bodyStart: "Wikinews interviewed",
		},
		{
			name:      "title repeated with the date",
			r:         Record{Title: "Wikinews interviews Simon Licen", Text: "Wikinews interviews Simon Ličen Saturday, November 16, 2013\n\nA Russian study found that coverage was poor."},
			date:      "2013-11-16",
			bodyStart: "A Russian study",
		},
		{
			name:      "title line then date line",
			r:         Record{Title: "Keep your eyes peeled", Text: "Keep your eyes peeled\n\nSunday, May 28, 2006\n\nStardust is a NASA space mission that collected dust."},
			date:      "2006-05-28",
			bodyStart: "Stardust is a NASA",
		},
		{
			name:      "record date only, RFC 3339",
			r:         Record{Title: "Ants", Published: "2015-09-01T10:00:00Z", Text: "Nick Bos studies ants that appear to self-medicate in the wild."},
			date:      "2015-09-01",
			reason:    "record published",
			bodyStart: "Nick Bos",
		},
		{
			name:      "a weekday that contradicts the date is not the story's date",
			r:         Record{Title: "T", Published: "2020-01-01", Text: "Monday, May 7, 2015\n\nThe text goes on for a while with some words."},
			date:      "2020-01-01",
			bodyStart: "Monday, May 7, 2015",
		},
		{
			name:      "a date later in the text is not the story's date",
			r:         Record{Title: "T", Published: "2020-01-01", Text: "The first paragraph says nothing of dates at all.\n\nThe second one does. On Thursday, May 7, 2015 it rained."},
			date:      "2020-01-01",
			bodyStart: "The first paragraph",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromRecord(tt.r, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Published.Format(time.DateOnly); got != tt.date {
				t.Errorf("published %s, want %s (%s)", got, tt.date, a.DateReason)
			}
			if tt.reason != "" && a.DateReason != tt.reason {
				t.Errorf("reason %q, want %q", a.DateReason, tt.reason)
			}
			if !strings.HasPrefix(a.Body, tt.bodyStart) {
				t.Errorf("body starts %q, want %q", a.Body[:min(40, len(a.Body))], tt.bodyStart)
			}
		})
	}
}

func TestFromRecordErrors(t *testing.T) {
	if _, err := FromRecord(Record{ID: "x", Title: "T"}, Options{}); !errors.Is(err, ErrNoBody) {
		t.Errorf("empty text: err = %v, want ErrNoBody", err)
	}
	if _, err := FromRecord(Record{ID: "x", HTML: "<p>hi</p>"}, Options{}); err == nil {
		t.Error("HTML record accepted as text")
	}
	if _, err := FromRecord(Record{Text: strings.Repeat("word ", 50)}, Options{MaxTextBytes: 100}); err == nil {
		t.Error("text over MaxTextBytes accepted")
	}
	if _, err := FromRecord(Record{Title: "\xff\xfe", Published: "\x00garbage", Text: "\xc3\x28 Some text \x01 that is long enough to be a body here."}, Options{Now: testNow}); err != nil {
		t.Errorf("hostile record: %v", err)
	}
}

// TestFromRecordWikinews reads the whole Wikinews corpus: every record
// gives an article, and no body keeps the date line the story opened with.
func TestFromRecordWikinews(t *testing.T) {
	path := filepath.Join(shareddata.Dir(t), "wikinews", "articles.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n, dated := 0, 0
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		a, err := FromRecord(r, Options{Now: testNow})
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		n++
		if strings.HasPrefix(a.DateReason, "date line of text") {
			dated++
			if d := a.Published.Format("January 2, 2006"); strings.Contains(a.Body[:min(len(a.Body), 200)], d) {
				t.Errorf("%s: body still opens with its date %s", r.ID, d)
			}
		}
		if a.Lang != "en" {
			t.Errorf("%s: lang %q", r.ID, a.Lang)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	// 31 of the 43 stories open with their date (counted by hand from
	// the corpus); most of the interviews do not.
	if n != 43 || dated < 28 {
		t.Errorf("%d articles, %d dated from their text; want 43 and 28+", n, dated)
	}
}
