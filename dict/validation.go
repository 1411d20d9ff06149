package dict

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// ValidationSuite is a PETRARCH validation file (validation-dev.xml): the
// dictionaries it was written for and its unit-test records.
type ValidationSuite struct {
	Environment Environment
	Records     []ValidationRecord
}

// Environment is the suite's <Environment> header.
type Environment struct {
	Verbfile, Actorfile, Agentfile, Discardfile, Errorfile string
	// Include lists the record categories the suite runs ("valid DEMO
	// ACTOR ...").
	Include []string
	Pause   string
	Config  []ConfigOption
}

// ConfigOption is a <Config option="..." value="..."> setting.
type ConfigOption struct{ Option, Value string }

// Files is the environment's dictionaries as a Files value, to be read
// from the directory that holds them.
func (e Environment) Files() Files {
	var f Files
	add := func(dst *[]string, name string) {
		if name != "" {
			*dst = append(*dst, name)
		}
	}
	add(&f.Verbs, e.Verbfile)
	add(&f.Actors, e.Actorfile)
	add(&f.Agents, e.Agentfile)
	add(&f.Discards, e.Discardfile)
	return f
}

// ValidationRecord is one <Sentence> test. IDs are not unique in the
// upstream file (AGENTS-19 appears twice); use the record's index to
// tell records apart.
type ValidationRecord struct {
	ID       string
	Category string
	// Date is the sentence date (the date actor codes are resolved at).
	Date time.Time
	// Sentence is the record's sentence="true" attribute.
	Sentence bool
	// Expected are the events the coder must produce, in file order.
	Expected []ExpectedEvent
	// NoEvents is true when the record must produce no event: it says
	// noevents="True" or has no <EventCoding> at all.
	NoEvents bool
	// Error names the input error the record must be rejected with
	// ("dateline", "bad_input_parse"), if any.
	Error string
	// Text is the sentence with its line breaks and runs of spaces
	// collapsed to single spaces.
	Text string
	// Parse is the Penn Treebank parse as written.
	Parse string
}

// ExpectedEvent is an <EventCoding> triple. A code in double quotes,
// such as `"INJURY TOLL"`, is an uncoded actor expected by its text.
type ExpectedEvent struct {
	Source, Target, Code string
}

type xmlSuite struct {
	Env struct {
		Verbfile    string `xml:"Verbfile"`
		Actorfile   string `xml:"Actorfile"`
		Agentfile   string `xml:"Agentfile"`
		Discardfile string `xml:"Discardfile"`
		Errorfile   string `xml:"Errorfile"`
		Include     string `xml:"Include"`
		Pause       string `xml:"Pause"`
		Config      []struct {
			Option string `xml:"option,attr"`
			Value  string `xml:"value,attr"`
		} `xml:"Config"`
	} `xml:"Environment"`
	Sentences []struct {
		ID       string `xml:"id,attr"`
		Date     string `xml:"date,attr"`
		Category string `xml:"category,attr"`
		Sentence string `xml:"sentence,attr"`
		Codings  []struct {
			Source   *string `xml:"sourcecode,attr"`
			Target   *string `xml:"targetcode,attr"`
			Event    *string `xml:"eventcode,attr"`
			NoEvents string  `xml:"noevents,attr"`
			Error    string  `xml:"error,attr"`
		} `xml:"EventCoding"`
		Text  string `xml:"Text"`
		Parse string `xml:"Parse"`
	} `xml:"Sentences>Sentence"`
}

// ReadValidation parses a PETRARCH validation file. Records must have an
// id, a YYYYMMDD date and, for each <EventCoding>, either all three codes
// or noevents/error; anything else is an error naming the record.
func ReadValidation(r io.Reader) (*ValidationSuite, error) {
	var x xmlSuite
	dec := xml.NewDecoder(r)
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("validation: %w", err)
	}
	s := &ValidationSuite{Environment: Environment{
		Verbfile: strings.TrimSpace(x.Env.Verbfile), Actorfile: strings.TrimSpace(x.Env.Actorfile),
		Agentfile: strings.TrimSpace(x.Env.Agentfile), Discardfile: strings.TrimSpace(x.Env.Discardfile),
		Errorfile: strings.TrimSpace(x.Env.Errorfile), Include: strings.Fields(x.Env.Include),
		Pause: strings.TrimSpace(x.Env.Pause),
	}}
	for _, c := range x.Env.Config {
		s.Environment.Config = append(s.Environment.Config, ConfigOption{Option: c.Option, Value: c.Value})
	}
	for _, xs := range x.Sentences {
		rec := ValidationRecord{
			ID: strings.TrimSpace(xs.ID), Category: strings.TrimSpace(xs.Category),
			Sentence: strings.EqualFold(strings.TrimSpace(xs.Sentence), "true"),
			Text:     strings.Join(strings.Fields(xs.Text), " "),
			Parse:    strings.TrimSpace(xs.Parse),
		}
		if rec.ID == "" {
			return nil, fmt.Errorf("validation: record after %d records has no id", len(s.Records))
		}
		d, err := time.Parse("20060102", strings.TrimSpace(xs.Date))
		if err != nil {
			return nil, fmt.Errorf("validation: record %s: date %q: want YYYYMMDD", rec.ID, xs.Date)
		}
		rec.Date = d
		for _, c := range xs.Codings {
			switch {
			case c.Source != nil && c.Target != nil && c.Event != nil:
				rec.Expected = append(rec.Expected, ExpectedEvent{
					Source: strings.TrimSpace(*c.Source), Target: strings.TrimSpace(*c.Target), Code: strings.TrimSpace(*c.Event),
				})
			case strings.EqualFold(strings.TrimSpace(c.NoEvents), "true"):
				rec.NoEvents = true
			case strings.TrimSpace(c.Error) != "":
				rec.Error = strings.TrimSpace(c.Error)
			default:
				return nil, fmt.Errorf("validation: record %s: <EventCoding> needs sourcecode, targetcode and eventcode, or noevents or error", rec.ID)
			}
		}
		if len(rec.Expected) == 0 && rec.Error == "" {
			// A record without <EventCoding> (PATTERN-06) expects nothing.
			rec.NoEvents = true
		}
		if rec.Text == "" {
			return nil, fmt.Errorf("validation: record %s: empty <Text>", rec.ID)
		}
		s.Records = append(s.Records, rec)
	}
	return s, nil
}

// ParseErr reports whether the record's Penn Treebank parse is malformed
// (brackets that do not balance), as PETRARCH checks every input before
// coding it: such a record is bad input, to be rejected rather than
// coded. A record without a parse has nothing to check.
func (r ValidationRecord) ParseErr() error {
	depth := 0
	for i := 0; i < len(r.Parse); i++ {
		switch r.Parse[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return fmt.Errorf("validation: record %s: parse closes a bracket it never opened at byte %d", r.ID, i)
			}
		}
	}
	if depth != 0 {
		return fmt.Errorf("validation: record %s: parse leaves %d brackets open", r.ID, depth)
	}
	return nil
}
