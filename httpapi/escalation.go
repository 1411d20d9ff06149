package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/dyadnews/dyad/escalation"
)

// PairSeriesStore answers escalation queries; the SQLite store is one.
type PairSeriesStore interface {
	PairSeries(ctx context.Context, p escalation.Pair, since, until time.Time, opt escalation.Options) (escalation.Series, error)
}

// getEscalation answers GET /api/escalation?a=&b=&since=&until=&ordered=:
// the pair's days (both directions unless ordered=true) with their
// change flags. since and until are dates, until inclusive; by default
// the 90 days up to the pair's latest event.
func (a *API) getEscalation(w http.ResponseWriter, r *http.Request) {
	store, ok := a.cfg.Store.(PairSeriesStore)
	if !ok {
		writeError(w, http.StatusNotFound, "this server keeps no events")
		return
	}
	p := r.URL.Query()
	pair := escalation.Pair{A: p.Get("a"), B: p.Get("b")}
	if pair.A == "" || pair.B == "" {
		writeError(w, http.StatusBadRequest, "a and b must name the pair's actor codes, as a=USA&b=IRN")
		return
	}
	var err error
	if pair.A, err = actorCode("a", pair.A); err == nil {
		pair.B, err = actorCode("b", pair.B)
	}
	if err == nil {
		err = pair.Validate()
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	switch p.Get("ordered") {
	case "", "false", "0":
	case "true", "1":
		pair.Ordered = true
	default:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("ordered must be true or false, not %q", p.Get("ordered")))
		return
	}
	var since, until time.Time
	for _, f := range []struct {
		name string
		t    *time.Time
	}{{"since", &since}, {"until", &until}} {
		v := p.Get(f.name)
		if v == "" {
			continue
		}
		if *f.t, err = time.Parse(time.DateOnly, v); err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("%s must be a date as 2024-08-06, not %q", f.name, v))
			return
		}
	}
	if !since.IsZero() && !until.IsZero() && until.Before(since) {
		writeError(w, http.StatusBadRequest, "since must not be after until")
		return
	}
	if !since.IsZero() && !until.IsZero() && until.Sub(since) > escalation.MaxDays*24*time.Hour {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("at most %d days at a time", escalation.MaxDays))
		return
	}
	series, err := store.PairSeries(r.Context(), pair, since, until, escalation.Options{})
	if err != nil {
		if errors.Is(err, r.Context().Err()) {
			return
		}
		a.internalError(w, r, fmt.Errorf("escalation %s: %w", pair, err))
		return
	}
	writeJSON(w, http.StatusOK, series)
}
