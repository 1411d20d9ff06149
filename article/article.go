// Package article turns a fetched page or pasted text into a dyad.Article:
// the story's body without page furniture, and its metadata (headline,
// section, byline, wire, dateline, publication date, language).
package article

import "time"

// Options carries what extraction needs to know from outside the text.
type Options struct {
	// Now is the ingest time: a date without a year is never resolved to
	// a day after it. Zero means time.Now().
	Now time.Time
	// URL is where the page or text came from, if known.
	URL string
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}
