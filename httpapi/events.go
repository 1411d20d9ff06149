package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/dyadnews/dyad"
)

// maxActorCodeBytes bounds the source and target filters; CAMEO actor
// codes are a few three-letter parts.
const maxActorCodeBytes = 32

func (a *API) listEvents(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Events == nil {
		writeError(w, http.StatusNotFound, "this server keeps no events")
		return
	}
	q, err := parseEventQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	page, err := a.cfg.Events.Events(r.Context(), q)
	if errors.Is(err, dyad.ErrBadCursor) {
		writeError(w, http.StatusBadRequest, "invalid cursor: pass back the \"next\" value of a previous page")
		return
	}
	if err != nil {
		a.internalError(w, r, fmt.Errorf("list events: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// parseEventQuery reads the event filters. Codes are upper-cased; a bare
// date in until means the whole of that day.
func parseEventQuery(r *http.Request) (dyad.EventQuery, error) {
	p := r.URL.Query()
	q := dyad.EventQuery{Cursor: p.Get("cursor"), Limit: DefaultLimit}
	var err error
	if q.Source, err = actorCode("source", p.Get("source")); err != nil {
		return q, err
	}
	if q.Target, err = actorCode("target", p.Get("target")); err != nil {
		return q, err
	}
	if root := p.Get("root"); root != "" {
		n, err := strconv.Atoi(root)
		if err != nil || n < 1 || n > 20 || len(root) > 2 {
			return q, fmt.Errorf("root must be a CAMEO root from 01 to 20, not %q", root)
		}
		q.Root = fmt.Sprintf("%02d", n)
	}
	if c := strings.ToUpper(p.Get("country")); c != "" {
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return q, fmt.Errorf("country must be an ISO 3166-1 alpha-3 code such as IRQ, not %q", p.Get("country"))
		}
		q.Country = c
	}
	if s := p.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return q, fmt.Errorf("limit must be a whole number from 1 to %d, not %q", MaxLimit, s)
		}
		q.Limit = n
	}
	q.Since, q.Until, err = parseRange(p)
	return q, err
}

// actorCode checks and upper-cases an actor code prefix: letters, digits
// and the dashes of codes without a country ("---GOV").
func actorCode(param, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	c := strings.ToUpper(v)
	if len(c) > maxActorCodeBytes || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return "", fmt.Errorf("%s must be a CAMEO actor code or its prefix (letters, digits, '-'; at most %d), not %q",
			param, maxActorCodeBytes, v)
	}
	return c, nil
}
