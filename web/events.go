package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/cameo"
)

// eventFilter is the events page's form, as the reader typed it.
type eventFilter struct {
	Source, Target, Root, Country, Since, Until string
	// Error says which field is wrong, when one is.
	Error string
}

// Active reports whether any filter is set.
func (f eventFilter) Active() bool {
	return f.Source != "" || f.Target != "" || f.Root != "" || f.Country != "" || f.Since != "" || f.Until != ""
}

// cameoRoot is one choice of the events page's root menu.
type cameoRoot struct {
	Code, Description string
}

// cameoRoots are the twenty CAMEO roots, "01" to "20".
var cameoRoots = func() []cameoRoot {
	roots := make([]cameoRoot, 20)
	for i := range roots {
		c := fmt.Sprintf("%02d", i+1)
		roots[i] = cameoRoot{Code: c, Description: cameo.Code(c).Description()}
	}
	return roots
}()

// maxFilterBytes bounds each filter field; codes and dates are short.
const maxFilterBytes = 32

// events lists recent events, latest first, filtered by the form's
// actor codes (prefixes), root, country and dates.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if s.opts.Events == nil {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	v, err := s.newView(r.Context(), "Events")
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Heading = "Events"
	v.Roots = cameoRoots
	params := r.URL.Query()
	q, filter := parseEventFilter(params)
	v.Filter = filter
	if filter.Error != "" {
		s.render(w, r, http.StatusBadRequest, "events", v)
		return
	}
	q.Limit = s.opts.PageSize
	q.Cursor = params.Get("cursor")
	page, err := s.opts.Events.Events(r.Context(), q)
	if errors.Is(err, dyad.ErrBadCursor) {
		s.fail(w, r, http.StatusBadRequest, nil)
		return
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, fmt.Errorf("list events: %w", err))
		return
	}
	v.Events = page.Events
	if page.Next != "" {
		params.Set("cursor", page.Next)
		v.Next = r.URL.Path + "?" + params.Encode()
	}
	if q.Cursor != "" {
		params.Del("cursor")
		v.First = r.URL.Path
		if len(params) > 0 {
			v.First += "?" + params.Encode()
		}
	}
	s.render(w, r, http.StatusOK, "events", v)
}

// parseEventFilter reads the form. Codes are upper-cased; until is a
// day and includes it. A wrong field is named in the filter's Error.
func parseEventFilter(p map[string][]string) (dyad.EventQuery, eventFilter) {
	get := func(name string) string {
		if vs := p[name]; len(vs) > 0 {
			return strings.TrimSpace(truncateUTF8(vs[0], maxFilterBytes))
		}
		return ""
	}
	f := eventFilter{Source: get("source"), Target: get("target"), Root: get("root"),
		Country: get("country"), Since: get("since"), Until: get("until")}
	var q dyad.EventQuery
	var problems []string
	codeField := func(label, v string) string {
		c := strings.ToUpper(v)
		if strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			problems = append(problems, label+" must be a CAMEO actor code or its start, such as USA or IRNMIL")
			return ""
		}
		return c
	}
	q.Source = codeField("Source", f.Source)
	q.Target = codeField("Target", f.Target)
	if f.Root != "" {
		n, err := strconv.Atoi(f.Root)
		if err != nil || n < 1 || n > 20 || len(f.Root) > 2 {
			problems = append(problems, "Event type must be a CAMEO root from 01 to 20")
		} else {
			q.Root = fmt.Sprintf("%02d", n)
			f.Root = q.Root
		}
	}
	if f.Country != "" {
		c := strings.ToUpper(f.Country)
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			problems = append(problems, "Country must be a three-letter ISO code, such as IRQ")
		} else {
			q.Country = c
		}
	}
	date := func(label, v string) time.Time {
		if v == "" {
			return time.Time{}
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			problems = append(problems, label+" must be a date such as 2024-08-06")
		}
		return t
	}
	q.Since = date("From", f.Since)
	if until := date("To", f.Until); !until.IsZero() {
		q.Until = until.AddDate(0, 0, 1)
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Since.Before(q.Until) {
		problems = append(problems, "From must not be after To")
	}
	f.Error = strings.Join(problems, ". ")
	return q, f
}

// eventDate shows an event's date at its precision: a day, "week of" its
// first day, a month or a year.
func eventDate(date, precision string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	switch precision {
	case "week":
		return "week of " + t.Format("Jan 2, 2006")
	case "month":
		return t.Format("January 2006")
	case "year":
		return t.Format("2006")
	}
	return t.Format("Jan 2, 2006")
}

// toll says how many were killed and wounded, or "" when neither is
// known.
func toll(killed, wounded *int) string {
	var parts []string
	if killed != nil {
		parts = append(parts, fmt.Sprintf("%d killed", *killed))
	}
	if wounded != nil {
		parts = append(parts, fmt.Sprintf("%d wounded", *wounded))
	}
	return strings.Join(parts, ", ")
}
