package sqlite

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
)

// TestRelatedRanksSharedActors is the seed's case: a story of US appeals
// to Iran and Israel. A story that shares many of its words but none of
// its actors (hackers attacking a website) must rank below one about
// Israel that shares fewer words; the story's own republished copy is
// not related, it is the same story.
func TestRelatedRanksSharedActors(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	at := func(d int) time.Time { return time.Date(2024, 8, d, 12, 0, 0, 0, time.UTC) }
	seedBody := "The United States has told Iran and Israel that the conflict cannot be allowed to escalate, " +
		"Secretary of State Antony Blinken said, even as the Pentagon warned it would not tolerate attacks " +
		"against its forces. An attack on a base in Iraq injured troops. Officials warned of a new wave of attacks."
	articles := []dyad.Article{
		{ID: "seed", Section: "Middle East", Headline: "US tells Iran and Israel not to escalate, says Blinken", Body: seedBody, Published: at(6)},
		{ID: "seed-copy", Section: "World", Headline: "Blinken: US warned Iran, Israel", Body: seedBody + "\n\nAdvertisement", Published: at(6)},
		{ID: "hackers", Section: "Technology", Headline: "Hackers attack Church of Scientology website",
			Body: "Hackers warned they would attack again after an attack on the website; officials said attacks " +
				"on the forces of the church would not be tolerated and the attacks could escalate.", Published: at(2)},
		{ID: "peace", Section: "Opinion", Headline: "The future of the peace process in Israel",
			Body: "Israel's prime minister met Palestinian leaders to discuss the peace process; the United States urged both to talk.", Published: at(1)},
		{ID: "far", Section: "Opinion", Headline: "Israel and Iran: a history",
			Body: "Israel and Iran were allies before 1979; the United States sold arms to both.", Published: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, a := range articles {
		put(t, db, a)
	}
	code := func(id string, events ...dyad.Event) {
		if err := db.PutCoding(ctx, id, dyad.Coding{Events: events}); err != nil {
			t.Fatal(err)
		}
	}
	code("seed", pairEvent("a", "USAGOV", "IRN", "0256", 1, 3.4, "2024-08-06", nil),
		pairEvent("b", "USAGOV", "ISR", "0256", 1, 3.4, "2024-08-06", nil))
	code("seed-copy", pairEvent("a", "USAGOV", "IRN", "0256", 1, 3.4, "2024-08-06", nil))
	code("hackers", pairEvent("h", "---OPP", "---REL", "171", 4, -9, "2024-08-02", nil))
	code("peace", pairEvent("p", "ISRGOV", "PSE", "040", 1, 1, "2024-08-01", nil),
		pairEvent("q", "USA", "ISR", "0256", 1, 3.4, "2024-08-01", nil))
	code("far", pairEvent("f", "USA", "ISR", "061", 2, 6.4, "2019-01-01", nil))

	got, err := db.Related(ctx, "seed", 10)
	if err != nil {
		t.Fatal(err)
	}
	gotIDs := ids(got)
	if slices.Contains(gotIDs, "seed-copy") || slices.Contains(gotIDs, "seed") {
		t.Errorf("related %v includes the story or its own copy", gotIDs)
	}
	rank := func(id string) int {
		if i := slices.Index(gotIDs, id); i >= 0 {
			return i
		}
		return len(gotIDs)
	}
	if rank("peace") > rank("hackers") {
		t.Errorf("related %v: the Israel peace story should rank above the hackers story", gotIDs)
	}
	if rank("peace") > rank("far") {
		t.Errorf("related %v: the story of last week should rank above the one of 2019", gotIDs)
	}
}
