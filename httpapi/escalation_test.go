package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/dyadnews/dyad/escalation"
	"github.com/dyadnews/dyad/httpapi"
)

func TestEscalation(t *testing.T) {
	srv, _ := newEventsAPI(t, httpapi.Config{})
	var s escalation.Series
	get(t, srv, "/api/escalation?a=usa&b=IRQ&since=2024-08-01&until=2024-08-07", http.StatusOK, &s)
	if s.Pair != "USA-IRQ" || s.Level != "country" || len(s.Days) != 7 || s.Flags == nil {
		t.Fatalf("series %+v", s)
	}
	if d := s.Days[4]; d.Date != "2024-08-05" || d.Events != 1 || d.QuadClass[3] != 0 || d.Wounded != 7 {
		t.Errorf("2024-08-05: %+v", d)
	}
	// One way only: Iraq's militants towards the United States.
	get(t, srv, "/api/escalation?a=USA&b=IRQ&since=2024-08-01&until=2024-08-07&ordered=true", http.StatusOK, &s)
	if s.Days[4].Events != 0 {
		t.Errorf("USA>IRQ counts IRQ's event: %+v", s.Days[4])
	}
	// Defaults: the 90 days up to the pair's latest event.
	get(t, srv, "/api/escalation?a=USAGOV&b=ISR", http.StatusOK, &s)
	if len(s.Days) != 90 || s.Until != "2024-08-06" || s.Level != "code" || s.Days[89].Events != 1 {
		t.Errorf("default range: %d days to %s", len(s.Days), s.Until)
	}
	for _, q := range []string{
		"", "a=USA", "a=US&b=IRN", "a=USA&b=<x>", "a=USA&b=IRN&since=yesterday",
		"a=USA&b=IRN&since=2024-08-07&until=2024-08-01", "a=USA&b=IRN&ordered=maybe",
		"a=USA&b=IRN&since=1800-01-01&until=2024-01-01",
	} {
		var e struct{ Error string }
		get(t, srv, "/api/escalation?"+q, http.StatusBadRequest, &e)
		if e.Error == "" {
			t.Errorf("?%s: no error message", q)
		}
	}
}
