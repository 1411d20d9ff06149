package article

import (
	"fmt"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/timex"
)

// Record is one line of JSON-lines input. A text record carries the
// story's text (Wikinews dumps, feeds, other scrapers); an HTML record
// carries the page, which FromHTML reads.
type Record struct {
	ID        string `json:"id,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text,omitempty"`
	HTML      string `json:"html,omitempty"`
}

// textDateLines is how many of a text's first lines may carry the
// story's own date ("Thursday, May 7, 2015"), alone or after a repeat of
// the title.
const textDateLines = 2

// FromRecord turns a text record into an article: Title is the headline
// and Text the body, cleaned of captions and page furniture as FromText
// cleans a page. Published is read leniently (a date or RFC 3339). A
// date on the text's own first lines is the story's date and wins over
// Published, which is sometimes when the page was created rather than
// when the story ran; that date line, and a repeat of the title, leave
// the body.
func FromRecord(r Record, opts Options) (*dyad.Article, error) {
	name := r.ID
	if name == "" {
		name = r.URL
	}
	if r.Text == "" {
		if r.HTML != "" {
			return nil, fmt.Errorf("record %s: an HTML record is for FromHTML", name)
		}
		return nil, fmt.Errorf("record %s: %w", name, ErrNoBody)
	}
	if limit := opts.maxTextBytes(); len(r.Text)+len(r.Title) > limit {
		return nil, fmt.Errorf("record %s: text of %d bytes is over the %d byte limit", name, len(r.Text), limit)
	}
	a := &dyad.Article{URL: r.URL, Headline: r.Title}
	if a.URL == "" {
		a.URL = opts.URL
	}
	lines := textSplitLines(r.Text)
	lines, date, written := takeTextDate(lines, r.Title)
	switch {
	case !date.IsZero():
		a.Published, a.DateReason = date, "date line of text: "+written
	case r.Published != "":
		if t, ok := timex.ParseLenient(r.Published); ok {
			a.Published, a.DateReason = t, "record published"
		}
	}
	a.Body = strings.Join(textStoryBody(lines, normalizeText(r.Title), ""), "\n\n")
	if err := finish(a, opts); err != nil {
		return nil, fmt.Errorf("record %s: %w", name, err)
	}
	return a, nil
}

// takeTextDate finds the story's date on the first lines of a text: a
// full date at the start of a line, or after a repeat of the title
// ("Frank Messina: An Interview ... Wednesday, October 3, 2007"). It
// returns the lines without the date (and without a line that only
// repeats the title), the date and the date as written.
func takeTextDate(lines []textLine, title string) ([]textLine, time.Time, string) {
	titleKey := looseKey(title)
	for i := 0; i < len(lines) && i < textDateLines; i++ {
		s := lines[i].text
		if len(s) > 2*len(title)+200 {
			continue // a paragraph, not a dateline of the page
		}
		for _, d := range timex.FindDates(s) {
			t, ok := d.Time()
			if !ok || !d.Consistent() {
				continue
			}
			prefix := strings.TrimSpace(s[:d.Start])
			if prefix != "" && looseKey(prefix) != titleKey {
				continue
			}
			rest := strings.TrimSpace(s[d.End:])
			out := make([]textLine, 0, len(lines))
			for j, ln := range lines[:i] {
				if looseKey(ln.text) != titleKey {
					out = append(out, lines[j])
				}
			}
			if rest != "" {
				ln := newTextLine(rest)
				ln.afterBlank = true
				out = append(out, ln)
			}
			return append(out, lines[i+1:]...), t, s[d.Start:d.End]
		}
	}
	return lines, time.Time{}, ""
}
