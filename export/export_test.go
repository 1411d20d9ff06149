package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
)

func intp(n int) *int { return &n }

// records are two events: one full (a rocket attack with toll and
// place, a sentence with a tab, quotes and a line break) and one bare.
func records() []Record {
	full := Record{
		ArticleEvent: dyad.ArticleEvent{
			Event: dyad.Event{ID: "e1",
				Source: dyad.Actor{Text: "militants", Name: "IRAQI MILITANTS", Code: "IRQREB"},
				Target: &dyad.Actor{Text: "U.S. troops", Name: "UNITED STATES", Code: "USAMIL"},
				CAMEO:  "195", CAMEORoot: "19", Description: "Employ aerial weapons",
				PLOVER:    dyad.PLOVER{Type: "ATTACK", Mode: "aerial"},
				Goldstein: -10, QuadClass: 4, Date: "2024-08-05", DatePrecision: "day",
				Location: &dyad.Location{Name: "Al Asad", Country: "IRQ", Admin1: "Al Anbar", Lat: 33.78, Lon: 42.44,
					GeonameID: 98182, Source: "sentence"},
				Killed: intp(2), Wounded: intp(7),
				Sentence: "A rocket \"attack\",\tthey said,\nhit al Asad.", SentenceIndex: 0, Confidence: 0.9},
			ArticleID: "a1", Headline: "Rocket attack", ClusterID: "a0", NumArticles: 3, NumSources: 2, Representative: true,
		},
		Seq: 42, URL: "https://example.com/rocket", Site: "example.com",
		Added: time.Date(2024, 8, 6, 15, 4, 5, 0, time.UTC),
	}
	bare := Record{
		ArticleEvent: dyad.ArticleEvent{
			Event: dyad.Event{ID: "e2", Source: dyad.Actor{Text: "protesters", Code: "---OPP"},
				CAMEO: "141", CAMEORoot: "14", QuadClass: 3, Date: "2024-08-06", DatePrecision: "day",
				Sentence: "Protesters rallied.", SentenceIndex: 4},
			ArticleID: "a2", ClusterID: "a2", NumArticles: 1, NumSources: 1, Representative: true,
		},
		Seq: 43,
	}
	return []Record{full, bare}
}

func write(t *testing.T, format string) string {
	t.Helper()
	var b bytes.Buffer
	w, err := NewWriter(format, &b)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records() {
		if err := w.Write(&r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGDELT(t *testing.T) {
	if len(GDELTColumns) != 61 {
		t.Fatalf("%d GDELT columns, want 61", len(GDELTColumns))
	}
	col := map[string]int{}
	for i, c := range GDELTColumns {
		col[c] = i
	}
	sc := bufio.NewScanner(strings.NewReader(write(t, "gdelt")))
	var rows [][]string
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), "\t"))
	}
	if len(rows) != 2 {
		t.Fatalf("%d lines, want 2", len(rows))
	}
	for i, r := range rows {
		if len(r) != 61 {
			t.Fatalf("line %d: %d fields, want 61", i, len(r))
		}
	}
	want := map[string]string{
		"GLOBALEVENTID": "42", "SQLDATE": "20240805", "MonthYear": "202408", "Year": "2024", "FractionDate": "2024.5973",
		"Actor1Code": "IRQREB", "Actor1Name": "IRAQI MILITANTS", "Actor1CountryCode": "IRQ", "Actor1Type1Code": "REB",
		"Actor2Code": "USAMIL", "Actor2CountryCode": "USA", "Actor2Type1Code": "MIL",
		"IsRootEvent": "1", "EventCode": "195", "EventBaseCode": "195", "EventRootCode": "19", "QuadClass": "4",
		"GoldsteinScale": "-10", "NumMentions": "3", "NumSources": "2", "NumArticles": "3", "AvgTone": "",
		"ActionGeo_Type": "4", "ActionGeo_FullName": "Al Asad", "ActionGeo_CountryCode": "IZ", "ActionGeo_ADM1Code": "IZ01",
		"ActionGeo_Lat": "33.78", "ActionGeo_Long": "42.44", "ActionGeo_FeatureID": "98182",
		"DATEADDED": "20240806150405", "SOURCEURL": "https://example.com/rocket",
	}
	for name, v := range want {
		if got := rows[0][col[name]]; got != v {
			t.Errorf("%s = %q, want %q", name, got, v)
		}
	}
	bare := map[string]string{"Actor1Code": "---OPP", "Actor1CountryCode": "", "Actor1Type1Code": "OPP",
		"Actor2Code": "", "IsRootEvent": "0", "EventBaseCode": "141", "ActionGeo_Type": "", "SOURCEURL": ""}
	for name, v := range bare {
		if got := rows[1][col[name]]; got != v {
			t.Errorf("bare event: %s = %q, want %q", name, got, v)
		}
	}
}

func TestCSV(t *testing.T) {
	rows, err := csv.NewReader(strings.NewReader(write(t, "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("rows %q", rows)
	}
	want := []string{"2024-08-05", "Explosions/Remote violence", "Air/drone strike", "IRAQI MILITANTS", "UNITED STATES",
		"IRQ", "Al Asad", "33.78", "42.44", "2", "A rocket \"attack\",\tthey said,\nhit al Asad.", "example.com", "https://example.com/rocket"}
	if strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("row 1:\n got %q\nwant %q", rows[1], want)
	}
	if got := rows[2][1] + "/" + rows[2][2] + "/" + rows[2][3] + "/" + rows[2][9]; got != "Protests/Peaceful protest/protesters/0" {
		t.Errorf("row 2: %q", rows[2])
	}
}

func TestJSONL(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(write(t, "jsonl"), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, line := range lines {
		var e dyad.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		if e.ID != records()[i].ID || e.CAMEO != records()[i].CAMEO {
			t.Errorf("line %d decodes to %+v", i, e)
		}
		var cluster struct {
			ClusterID   string `json:"cluster_id"`
			NumArticles int    `json:"num_articles"`
			NumSources  int    `json:"num_sources"`
			ArticleID   string `json:"article_id"`
		}
		if err := json.Unmarshal([]byte(line), &cluster); err != nil {
			t.Fatal(err)
		}
		if cluster.ClusterID != records()[i].ClusterID || cluster.NumArticles != records()[i].NumArticles || cluster.ArticleID == "" {
			t.Errorf("line %d cluster fields %+v", i, cluster)
		}
	}
	var full dyad.Event
	json.Unmarshal([]byte(lines[0]), &full)
	if full.Killed == nil || *full.Killed != 2 || full.Location == nil || full.Location.GeonameID != 98182 {
		t.Errorf("full event lost fields: %+v", full)
	}
}

func TestACLEDType(t *testing.T) {
	for _, c := range []struct{ code, typ, sub string }{
		{"190", "Battles", "Armed clash"},
		{"1951", "Explosions/Remote violence", "Air/drone strike"},
		{"1831", "Explosions/Remote violence", "Suicide bomb"},
		{"186", "Violence against civilians", "Attack"},
		{"145", "Riots", "Violent demonstration"},
		{"1411", "Protests", "Peaceful protest"},
		{"173", "Strategic developments", "Arrests"},
		{"057", "Strategic developments", "Agreement"},
		{"0256", "Strategic developments", "Other"},
		{"", "Strategic developments", "Other"},
		{"x", "Strategic developments", "Other"},
	} {
		if typ, sub := ACLEDType(c.code); typ != c.typ || sub != c.sub {
			t.Errorf("ACLEDType(%q) = %q, %q; want %q, %q", c.code, typ, sub, c.typ, c.sub)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := NewWriter("xml", &bytes.Buffer{}); err == nil {
		t.Error("no error for xml")
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			rs := records()
			w, err := NewWriter(format, discard{})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := w.Write(&rs[0]); err != nil {
					b.Fatal(err)
				}
			}
			w.Close()
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// GDELT's geography columns hold FIPS 10-4 codes, not dyad's ISO ones.
func TestGDELTGeoCodes(t *testing.T) {
	for _, tt := range []struct {
		loc           dyad.Location
		country, adm1 string
	}{
		{dyad.Location{Name: "Annapolis", Country: "USA", Admin1: "Maryland"}, "US", "USMD"},
		{dyad.Location{Name: "Beirut", Country: "LBN", Admin1: "Beyrouth"}, "LE", "LE04"},
		{dyad.Location{Name: "Iraq", Country: "IRQ"}, "IZ", ""},
		{dyad.Location{Name: "Somewhere", Country: "IRQ", Admin1: "No Such Division"}, "IZ", ""},
		{dyad.Location{Name: "Nowhere", Country: "XXX"}, "", ""},
	} {
		country, adm1 := gdeltGeoCodes(&tt.loc)
		if country != tt.country || adm1 != tt.adm1 {
			t.Errorf("%s: (%q, %q), want (%q, %q)", tt.loc.Name, country, adm1, tt.country, tt.adm1)
		}
	}
}
