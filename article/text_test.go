package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files of the text and record tests")

// testNow is the ingest time of the golden tests: after every test story.
var testNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// TestFromTextGolden extracts every testdata/text/*.txt page and compares
// the article with its .golden.json (go test -run Golden -update rewrites
// them; review the diff).
func TestFromTextGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "text", "*.txt"))
	if err != nil || len(paths) < 5 {
		t.Fatalf("want 5+ test pages in testdata/text, found %d (%v)", len(paths), err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a, err := FromText(string(raw), Options{Now: testNow})
			if err != nil {
				t.Fatalf("FromText: %v", err)
			}
			checkGolden(t, strings.TrimSuffix(path, ".txt")+".golden.json", a)
		})
	}
}

func checkGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from extraction:\n got: %s\nwant: %s", path, got, want)
	}
}

// TestFromTextFounding pins what the founding story must give, so that
// a golden file rewritten by mistake cannot hide a regression.
func TestFromTextFounding(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "text", "reuters-blinken.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := FromText(string(raw), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ field, got, want string }{
		{"section", a.Section, "Palestine & Israel Conflict"},
		{"headline", a.Headline, "US has communicated need to not escalate conflict to Iran and Israel, says Blinken"},
		{"place", a.Dateline.Place, "Annapolis"},
		{"region", a.Dateline.Region, "Maryland"},
		{"country", a.Dateline.Country, "US"},
		{"wire", a.Wire, "Reuters"},
		{"date", a.Dateline.Date, "2024-08-06"},
		{"published", a.Published.Format(time.DateOnly), "2024-08-06"},
		{"lang", a.Lang, "en"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !strings.HasPrefix(a.Body, "The United States has told Iran and Israel") {
		t.Errorf("body starts %q", a.Body[:min(len(a.Body), 60)])
	}
	for _, furniture := range []string{"Related Articles", "Back to top", "ANNAPOLIS", "(Reuters)"} {
		if strings.Contains(a.Body, furniture) {
			t.Errorf("body keeps %q", furniture)
		}
	}
	if !strings.HasSuffix(a.Body, "since the Israel-Hamas war broke out in October.") {
		t.Errorf("body ends %q", a.Body[max(0, len(a.Body)-60):])
	}
	if len(a.ID) < 16 {
		t.Errorf("ID %q is shorter than 16 hex digits", a.ID)
	}
}

// TestFromTextSameStorySameID checks that the ID follows the story, not
// its layout: other furniture, spacing and line ends give the same ID.
func TestFromTextSameStorySameID(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "text", "reuters-blinken.txt"))
	if err != nil {
		t.Fatal(err)
	}
	base, err := FromText(string(raw), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string]string{
		"crlf":       strings.ReplaceAll(string(raw), "\n", "\r\n"),
		"menus":      "Skip to content\nHome\nWorld\nAdvertisement\n" + string(raw) + "\nShare this\nRead more\n",
		"nbsp":       strings.ReplaceAll(string(raw), " the ", "\u00a0the  "),
		"other date": strings.Replace(string(raw), "Aug 6", "Aug 7", 1),
	}
	for name, text := range variants {
		a, err := FromText(text, Options{Now: testNow})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if a.ID != base.ID {
			t.Errorf("%s: ID %s, want %s", name, a.ID, base.ID)
		}
	}
	changed, err := FromText(strings.Replace(string(raw), "seven U.S. personnel", "eight U.S. personnel", 1), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if changed.ID == base.ID {
		t.Error("a changed body kept the same ID")
	}
}

// TestFromTextHostile feeds inputs no page should have; none may panic,
// and those without a story must say so.
func TestFromTextHostile(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	tests := []struct {
		name    string
		text    string
		opts    Options
		wantErr error // nil: any outcome but a panic
		noBody  bool
	}{
		{name: "empty", text: "", noBody: true},
		{name: "blank", text: " \n\t\r\n\u00a0\n", noBody: true},
		{name: "only furniture", text: "Related Articles\n\nBack to top button\nShare this\nAdvertisement\n", noBody: true},
		{name: "binary", text: "\x00\x01\x02\xff\xfe\x7f\x1b[31m\x00PK\x03\x04"},
		{name: "one 1 MB line", text: huge},
		{name: "invalid UTF-8", text: "Headline \xc3\x28 here\n\nWASHINGTON (AP) \xe2\x80 — The \xff story said on Tuesday that it was invalid.\n"},
		{name: "control characters", text: "Title\x07\n\nThe\x00 story\x1b goes on and on and on for a while.\n"},
		{name: "dateline only", text: "WASHINGTON (AP) —", noBody: true},
		{name: "over the limit", text: strings.Repeat("word ", 100), opts: Options{MaxTextBytes: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Now = testNow
			a, err := FromText(tt.text, tt.opts)
			if tt.noBody && !errors.Is(err, ErrNoBody) {
				t.Fatalf("err = %v, want ErrNoBody", err)
			}
			if err == nil && (a.Body == "" || !utf8Valid(a.Body) || !utf8Valid(a.Headline)) {
				t.Errorf("article without error has body %q headline %q", a.Body, a.Headline)
			}
		})
	}
	if _, err := FromText(strings.Repeat("word ", 100), Options{MaxTextBytes: 100}); err == nil {
		t.Error("text over MaxTextBytes accepted")
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }

func BenchmarkFromText(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "text", "reuters-blinken.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	opts := Options{Now: testNow}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromText(text, opts); err != nil {
			b.Fatal(err)
		}
	}
}
