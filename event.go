package dyad

// Actor is a participant in an event or the speaker of a quote: the text
// as the article wrote it, a canonical name and a CAMEO actor code such as
// "USAGOV", "IRNMIL" or "LBNREB" (Hezbollah).
type Actor struct {
	Text string `json:"text"`
	Name string `json:"name"`
	Code string `json:"code"`
}

// PLOVER is an event's type and mode in the PLOVER ontology.
type PLOVER struct {
	Type string `json:"type"`
	Mode string `json:"mode,omitempty"`
}

// Location is where an event happened, geocoded with GeoNames.
type Location struct {
	Name string `json:"name"`
	// Country is the ISO 3166-1 alpha-3 code.
	Country   string  `json:"country"`
	Admin1    string  `json:"admin1,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID int     `json:"geonameid,omitempty"`
	// Source says where the place words were found: "sentence",
	// "paragraph" or "dateline".
	Source string `json:"source"`
}

// Event is one coded happening: who did what to whom, where and when,
// with its toll and the sentence that proves it.
type Event struct {
	ID     string `json:"id"`
	Source Actor  `json:"source"`
	// Target is nil for events without one ("protesters rallied").
	Target      *Actor  `json:"target"`
	CAMEO       string  `json:"cameo"`
	CAMEORoot   string  `json:"cameo_root"`
	Description string  `json:"description"`
	PLOVER      PLOVER  `json:"plover"`
	Goldstein   float64 `json:"goldstein"`
	QuadClass   int     `json:"quad_class"`
	Negated     bool    `json:"negated"`
	// Hypothetical marks modal or conditional events ("will send",
	// "could", "if called upon").
	Hypothetical bool `json:"hypothetical"`
	// ReportedBy is who reported the event in reported speech, if anyone.
	ReportedBy *Actor `json:"reported_by"`
	// Date is YYYY-MM-DD (the first day of the week, month or year when
	// DatePrecision is coarser than "day").
	Date          string    `json:"date"`
	DatePrecision string    `json:"date_precision"`
	Location      *Location `json:"location"`
	Killed        *int      `json:"killed"`
	Wounded       *int      `json:"wounded"`
	// Sentence is the text of the sentence that codes the event.
	Sentence      string  `json:"sentence"`
	SentenceIndex int     `json:"sentence_index"`
	Confidence    float64 `json:"confidence"`
}

// Quote is something an actor said, directly ("...," Blinken said) or in
// indirect speech (Blinken said that ...).
type Quote struct {
	Speaker Actor  `json:"speaker"`
	Text    string `json:"text"`
	Direct  bool   `json:"direct"`
	// Partial marks a quoted fragment inside the reporter's sentence
	// (a "clear consensus").
	Partial       bool `json:"partial"`
	SentenceIndex int  `json:"sentence_index"`
}

// EntityMention is a named entity of an article with its resolved actor
// code, if any, and how often it is mentioned.
type EntityMention struct {
	Text     string `json:"text"`
	Label    string `json:"label"`
	Name     string `json:"name"`
	Code     string `json:"code,omitempty"`
	Mentions int    `json:"mentions"`
}

// Coding is everything the event coder found in one article.
type Coding struct {
	Article  Article         `json:"article"`
	Events   []Event         `json:"events"`
	Quotes   []Quote         `json:"quotes"`
	Entities []EntityMention `json:"entities"`
}
