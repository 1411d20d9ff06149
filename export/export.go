// Package export writes stored events in the formats the field reads:
// the GDELT 2.0 event table (tab-separated, 61 columns), an ACLED-like
// CSV, and JSON lines in the schema of `dyad code` with the cluster
// fields. Writers take one event at a time and keep nothing, so an export
// of any size runs in constant memory; docs/analysis.md lists what each
// format leaves empty and how CAMEO maps to ACLED's event types.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/geo"
)

// Record is one stored event with what the formats need of its article.
type Record struct {
	dyad.ArticleEvent
	// Seq is the store's number for the event, GDELT's GLOBALEVENTID.
	Seq  int64  `json:"-"`
	URL  string `json:"url,omitempty"`
	Site string `json:"site,omitempty"`
	// Added is when the article was stored, GDELT's DATEADDED.
	Added time.Time `json:"-"`
}

// Writer writes records in one format. Close flushes what is buffered;
// it does not close the underlying io.Writer.
type Writer interface {
	Write(r *Record) error
	Close() error
}

// Formats are the names NewWriter takes.
var Formats = []string{"gdelt", "csv", "jsonl"}

// NewWriter returns a writer of the named format on w.
func NewWriter(format string, w io.Writer) (Writer, error) {
	switch format {
	case "gdelt":
		return &gdeltWriter{w: bufio.NewWriterSize(w, 64<<10)}, nil
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(CSVHeader); err != nil {
			return nil, fmt.Errorf("export: csv header: %w", err)
		}
		return &csvWriter{w: cw}, nil
	case "jsonl":
		bw := bufio.NewWriterSize(w, 64<<10)
		return &jsonlWriter{w: bw, enc: json.NewEncoder(bw)}, nil
	}
	return nil, fmt.Errorf("export: unknown format %q (want gdelt, csv or jsonl)", format)
}

type jsonlWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func (j *jsonlWriter) Write(r *Record) error {
	if err := j.enc.Encode(r); err != nil {
		return fmt.Errorf("export: jsonl: %w", err)
	}
	return nil
}

func (j *jsonlWriter) Close() error { return j.w.Flush() }

// GDELTColumns are the GDELT 2.0 event table's columns, in order.
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// gdeltWriter writes GDELT's tab-separated rows, without a header as
// GDELT's own files have none. Tabs and line breaks inside a field would
// break the layout, so they become spaces.
type gdeltWriter struct {
	w   *bufio.Writer
	row [61]string
	// dates holds the SQLDATE, MonthYear, Year and FractionDate fields of
	// the dates met so far: an export spans a few thousand days, and
	// parsing and formatting each event's date was a fifth of the
	// writer's time. Emptied when it reaches maxCachedDates.
	dates map[string][4]string
}

const maxCachedDates = 1 << 14

func (g *gdeltWriter) Write(r *Record) error {
	f := g.row[:]
	clear(f)
	e := &r.Event
	f[0] = strconv.FormatInt(r.Seq, 10)
	copy(f[1:5], g.dateFields(e.Date))
	actorFields(f[5:15], &e.Source)
	if e.Target != nil {
		actorFields(f[15:25], e.Target)
	}
	if e.SentenceIndex == 0 {
		f[25] = "1"
	} else {
		f[25] = "0"
	}
	f[26] = e.CAMEO
	f[27] = e.CAMEO[:min(3, len(e.CAMEO))]
	f[28] = e.CAMEORoot
	f[29] = strconv.Itoa(e.QuadClass)
	f[30] = strconv.FormatFloat(e.Goldstein, 'f', -1, 64)
	f[31] = strconv.Itoa(r.NumArticles)
	f[32] = strconv.Itoa(r.NumSources)
	f[33] = strconv.Itoa(r.NumArticles)
	// 34 AvgTone and 35-50, the actors' own places: dyad does not measure
	// tone and places the event, not its actors.
	if l := e.Location; l != nil {
		f[51] = geoType(l)
		f[52] = l.Name
		f[53], f[54] = gdeltGeoCodes(l)
		f[56] = strconv.FormatFloat(l.Lat, 'f', -1, 64)
		f[57] = strconv.FormatFloat(l.Lon, 'f', -1, 64)
		if l.GeonameID != 0 {
			f[58] = strconv.Itoa(l.GeonameID)
		}
	}
	if !r.Added.IsZero() {
		f[59] = r.Added.UTC().Format("20060102150405")
	}
	f[60] = r.URL
	for i, v := range f {
		if i > 0 {
			g.w.WriteByte('\t')
		}
		writeGDELTField(g.w, v)
	}
	if err := g.w.WriteByte('\n'); err != nil {
		return fmt.Errorf("export: gdelt: %w", err)
	}
	return nil
}

// dateFields returns SQLDATE, MonthYear, Year and FractionDate of a
// YYYY-MM-DD date, empty for anything else.
func (g *gdeltWriter) dateFields(date string) []string {
	if f, ok := g.dates[date]; ok {
		return f[:]
	}
	var f [4]string
	if d, err := time.Parse(time.DateOnly, date); err == nil {
		f[0] = d.Format("20060102")
		f[1], f[2] = f[0][:6], f[0][:4]
		f[3] = strconv.FormatFloat(float64(d.Year())+float64(d.YearDay())/365, 'f', 4, 64)
	}
	if g.dates == nil || len(g.dates) >= maxCachedDates {
		g.dates = map[string][4]string{}
	}
	g.dates[date] = f
	return f[:]
}

// writeGDELTField writes v with the bytes that would split a GDELT field
// or row (tab, CR, LF) as spaces. A byte loop: strings.ContainsAny on
// each of 61 fields was a third of the writer's time.
func writeGDELTField(w *bufio.Writer, v string) {
	start := 0
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == '\t' || c == '\r' || c == '\n' {
			w.WriteString(v[start:i])
			w.WriteByte(' ')
			start = i + 1
		}
	}
	w.WriteString(v[start:])
}

func (g *gdeltWriter) Close() error { return g.w.Flush() }

// actorFields fills Code, Name, CountryCode, KnownGroupCode, EthnicCode,
// Religion1Code, Religion2Code, Type1-3Code from a CAMEO actor code: its
// first three letters are the country unless they are "---" or an
// international code (IGO, NGO, ...), and its following three-letter
// parts are role types (GOV, MIL, REB, ...).
func actorFields(f []string, a *dyad.Actor) {
	f[0], f[1] = a.Code, a.Name
	code := a.Code
	if len(code) < 3 {
		return
	}
	head, rest := code[:3], code[3:]
	switch head {
	case "---", "IGO", "NGO", "IMG", "MNC", "UIS":
		rest = code
		if head == "---" {
			rest = code[3:]
		}
	default:
		f[2] = head
	}
	for i := 0; i < 3 && len(rest) >= 3; i++ {
		f[7+i] = rest[:3]
		rest = rest[3:]
	}
}

// gdeltGeoCodes gives GDELT's country and ADM1 codes of a location: the
// FIPS 10-4 country code ("IZ" for Iraq, where dyad's own country is the
// ISO "IRQ") and that code followed by the division's ("IZ01", "USMD").
// A country without a FIPS code gets empty fields, never an ISO code in
// a FIPS column.
func gdeltGeoCodes(l *dyad.Location) (country, adm1 string) {
	c, ok := geo.Country(l.Country)
	if !ok || c.FIPS == "" {
		return "", ""
	}
	if l.Admin1 == "" {
		return c.FIPS, ""
	}
	code, ok := geo.Admin1Code(c.ISO3, l.Admin1)
	if !ok {
		return c.FIPS, ""
	}
	return c.FIPS, c.FIPS + code
}

// geoType is GDELT's ActionGeo_Type: 1 a country, 2 a US state, 3 a US
// city, 4 a world city, 5 a world state (first-level division), judged
// from what the geocoder filled in.
func geoType(l *dyad.Location) string {
	switch {
	case l.GeonameID == 0 && l.Admin1 == "":
		return "1"
	case l.Country == "USA" && l.GeonameID == 0:
		return "2"
	case l.Country == "USA":
		return "3"
	case l.GeonameID == 0:
		return "5"
	}
	return "4"
}

// CSVHeader is the ACLED-like CSV's header.
var CSVHeader = []string{"event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
	"location", "latitude", "longitude", "fatalities", "notes", "source", "source_url"}

type csvWriter struct {
	w   *csv.Writer
	row [13]string
}

func (c *csvWriter) Write(r *Record) error {
	f := c.row[:]
	clear(f)
	e := &r.Event
	f[0] = e.Date
	f[1], f[2] = ACLEDType(e.CAMEO)
	f[3] = actorName(&e.Source)
	if e.Target != nil {
		f[4] = actorName(e.Target)
	}
	if l := e.Location; l != nil {
		f[5], f[6] = l.Country, l.Name
		if !math.IsNaN(l.Lat) && !math.IsNaN(l.Lon) {
			f[7] = strconv.FormatFloat(l.Lat, 'f', -1, 64)
			f[8] = strconv.FormatFloat(l.Lon, 'f', -1, 64)
		}
	}
	f[9] = "0"
	if e.Killed != nil {
		f[9] = strconv.Itoa(*e.Killed)
	}
	f[10] = e.Sentence
	f[11] = r.Site
	f[12] = r.URL
	if err := c.w.Write(f); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	return nil
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// actorName is an actor as ACLED names one: its canonical name, else the
// text as written, else its code.
func actorName(a *dyad.Actor) string {
	switch {
	case a.Name != "":
		return a.Name
	case a.Text != "":
		return a.Text
	}
	return a.Code
}

// ACLEDType maps a CAMEO event code to ACLED's event type and sub-event
// type. Fighting, assaults and mass violence map to Battles, Explosions/
// Remote violence and Violence against civilians; protests to Protests
// and Riots; arrests, seizures, agreements and the like to Strategic
// developments; everything else ACLED has no type for (statements,
// consultations, aid, threats) is Strategic developments / Other, with
// the CAMEO description kept in the JSON export.
func ACLEDType(code string) (eventType, subEventType string) {
	const (
		battles   = "Battles"
		remote    = "Explosions/Remote violence"
		civilians = "Violence against civilians"
		protests  = "Protests"
		riots     = "Riots"
		strategic = "Strategic developments"
	)
	// Longest prefix first.
	for n := min(len(code), 4); n >= 2; n-- {
		switch code[:n] {
		case "1831":
			return remote, "Suicide bomb"
		case "1832", "1833":
			return remote, "Remote explosive/landmine/IED"
		case "1821":
			return civilians, "Sexual violence"
		case "181":
			return civilians, "Abduction/forced disappearance"
		case "183":
			return remote, "Remote explosive/landmine/IED"
		case "18":
			return civilians, "Attack"
		case "194":
			return remote, "Shelling/artillery/missile attack"
		case "195":
			return remote, "Air/drone strike"
		case "19":
			return battles, "Armed clash"
		case "20":
			return civilians, "Attack"
		case "145":
			return riots, "Violent demonstration"
		case "14":
			return protests, "Peaceful protest"
		case "173":
			return strategic, "Arrests"
		case "171":
			return strategic, "Looting/property destruction"
		case "175":
			return civilians, "Attack"
		case "057", "0871":
			return strategic, "Agreement"
		case "0874":
			return strategic, "Non-violent transfer of territory"
		}
	}
	return strategic, "Other"
}
