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
	// MaxTextBytes is the largest text or record FromText and FromRecord
	// accept; zero means DefaultMaxTextBytes. A longer input is refused
	// with an error rather than cut, since a cut story is a wrong one.
	MaxTextBytes int
}

// DefaultMaxTextBytes is far above any news story (the longest run to
// some 100 KB of text) and low enough that a stray file cannot make
// extraction slow.
const DefaultMaxTextBytes = 4 << 20

func (o Options) maxTextBytes() int {
	if o.MaxTextBytes <= 0 {
		return DefaultMaxTextBytes
	}
	return o.MaxTextBytes
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}
