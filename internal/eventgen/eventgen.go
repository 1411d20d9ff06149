// Package eventgen fills a dyad SQLite store with generated articles and
// coded events, for benchmarks at sizes no test corpus reaches (a million
// events). It writes in one transaction with prepared statements, and
// its data looks like coded news where it matters to the queries: actor
// countries are Zipf-distributed (a few pairs hold most events), agents
// vary, a fifth of the articles are near-duplicate copies of an earlier
// one with the same events, dates span three years.
package eventgen

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/dyadnews/dyad/sqlite"
)

// Countries are the generated actors' country codes, most frequent
// first.
var Countries = []string{"USA", "IRN", "ISR", "RUS", "UKR", "CHN", "GBR", "FRA", "DEU", "TUR",
	"SYR", "IRQ", "LBN", "PSE", "SAU", "EGY", "IND", "PAK", "AFG", "PRK",
	"KOR", "JPN", "NGA", "ETH", "SDN", "YEM", "VEN", "COL", "MEX", "BRA"}

var agents = []string{"", "GOV", "MIL", "REB", "OPP", "BUS", "MED"}

// rootGoldstein is a typical Goldstein score and the QuadClass of each
// CAMEO root 01-20.
var rootGoldstein = [20]struct {
	g    float64
	quad int
}{{0, 1}, {3, 1}, {4, 1}, {1, 1}, {3.5, 1}, {6, 2}, {7, 2}, {5, 2}, {-2, 2}, {-2, 3},
	{-2, 3}, {-4, 3}, {-6, 3}, {-6.5, 3}, {-7.2, 4}, {-4, 4}, {-7, 4}, {-9, 4}, {-10, 4}, {-10, 4}}

// Start is the first generated event date; dates span Days days.
var Start = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)

const Days = 3 * 365

// EventsPerArticle is how many events each generated article codes.
const EventsPerArticle = 4

// Generate adds about n events to the store at path (created and
// migrated if needed), deterministically from seed.
func Generate(ctx context.Context, path string, n int, seed uint64) error {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = tx.PrepareContext(ctx, q)
		return s
	}
	insArticle := prep(`INSERT INTO articles (id, url, site, headline, published, body, ingested) VALUES (?, ?, ?, ?, ?, '', 0)`)
	insCluster := prep(`INSERT INTO article_clusters (article_id, cluster_id) VALUES (?, ?)`)
	insCoding := prep(`INSERT INTO codings (article_id, coded) VALUES (?, 0)`)
	insEvent := prep(`INSERT INTO events (article_id, cluster_id, representative, num_articles, num_sources,
		id, source_text, source_name, source_code, target_text, target_name, target_code,
		cameo, cameo_root, description, plover_type, plover_mode, goldstein, quad_class, negated, hypothetical,
		date, date_precision, location_name, location_country, location_lat, location_lon, location_source,
		killed, wounded, sentence, sentence_index, confidence)
		VALUES (?, ?, ?, ?, ?, ?, '', '', ?, '', '', ?, ?, ?, '', '', '', ?, ?, 0, 0, ?, 'day', ?, ?, ?, ?, 'sentence', ?, ?, ?, 0, 0.8)`)
	if err != nil {
		return fmt.Errorf("eventgen: prepare: %w", err)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	zipf := rand.NewZipf(rng, 1.2, 2, uint64(len(Countries)-1))
	actor := func() string {
		return Countries[zipf.Uint64()] + agents[rng.IntN(len(agents))]
	}
	type event struct {
		source, target, cameo, root, date, country string
		g                                          float64
		quad                                       int
		killed                                     any
	}
	var prevID string
	var prevEvents []event
	for a := 0; a*EventsPerArticle < n; a++ {
		id := fmt.Sprintf("gen%08d", a)
		cluster, rep, events := id, 1, prevEvents
		// A fifth of the articles copy the one before: same cluster, same
		// events, not representative.
		if a > 0 && rng.IntN(5) == 0 {
			cluster, rep = prevID, 0
		} else {
			day := Start.AddDate(0, 0, rng.IntN(Days))
			events = make([]event, EventsPerArticle)
			for i := range events {
				r := rng.IntN(20)
				e := event{source: actor(), target: actor(), root: fmt.Sprintf("%02d", r+1),
					date:    day.AddDate(0, 0, -rng.IntN(3)).Format(time.DateOnly),
					country: Countries[zipf.Uint64()], g: rootGoldstein[r].g, quad: rootGoldstein[r].quad}
				e.cameo = e.root + fmt.Sprint(rng.IntN(5))
				if e.quad == 4 && rng.IntN(2) == 0 {
					e.killed = rng.IntN(20)
				}
				events[i] = e
			}
			prevID, prevEvents = id, events
		}
		site := fmt.Sprintf("site%d.example", rng.IntN(200))
		if _, err := insArticle.ExecContext(ctx, id, "https://"+site+"/"+id, site, "Generated story "+id,
			Start.AddDate(0, 0, rng.IntN(Days)).UnixMicro()); err != nil {
			return fmt.Errorf("eventgen: article: %w", err)
		}
		if _, err := insCluster.ExecContext(ctx, id, cluster); err != nil {
			return fmt.Errorf("eventgen: cluster: %w", err)
		}
		if _, err := insCoding.ExecContext(ctx, id); err != nil {
			return fmt.Errorf("eventgen: coding: %w", err)
		}
		for i, e := range events {
			if _, err := insEvent.ExecContext(ctx, id, cluster, rep, 1, 1,
				fmt.Sprintf("e%d", i), e.source, e.target, e.cameo, e.root, e.g, e.quad,
				e.date, "Place", e.country, 10.0, 20.0, e.killed, nil, "A generated sentence."); err != nil {
				return fmt.Errorf("eventgen: event: %w", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("eventgen: commit: %w", err)
	}
	return nil
}
