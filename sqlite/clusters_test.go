package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/dedup"
)

const wireCopy = `KYIV, May 2 (AP) - Russian missiles and drones struck energy facilities in five regions of Ukraine overnight, killing two workers and cutting power to hundreds of thousands of homes, Ukrainian officials said on Thursday.

The national grid operator said it had been forced to impose emergency outages in the east of the country while crews worked to repair damaged substations and transmission lines.

Ukraine's air force said it had shot down most of the drones and several of the cruise missiles, but that ballistic missiles had hit two thermal power plants in the Kharkiv and Dnipropetrovsk regions.

The energy minister called on Western partners to speed up deliveries of air defence systems, saying the attacks were intended to leave civilians without light and heat.`

// copyAt is the wire story as site i republishes it.
func copyAt(i int) dyad.Article {
	body := wireCopy + "\n\n" + []string{"Advertisement", "Read more on our Europe page", "Follow us for updates"}[i%3]
	if i%2 == 1 {
		body = "Share this story\n\n" + strings.Replace(body, "called on Western partners", "urged allies", 1)
	}
	return dyad.Article{
		ID:        fmt.Sprintf("copy%02d", i),
		URL:       fmt.Sprintf("https://site%d.example/world/ukraine-power", i),
		Site:      fmt.Sprintf("site%d.example", i%7),
		Headline:  fmt.Sprintf("Headline %d: Russia hits Ukraine's grid", i),
		Published: time.Date(2024, 5, 2, i, 0, 0, 0, time.UTC),
		Body:      body,
	}
}

var otherStories = []string{
	`KYIV, May 2 (AP) - Ukraine's parliament on Thursday approved a law to raise electricity prices for households for the first time in a year, saying the money was needed to repair power plants damaged by Russian missiles and drones. The energy minister said the increase would be paid back once the grid was restored.`,
	`MOSCOW, May 2 (AP) - Russia's defence ministry said on Thursday its forces had struck energy facilities used by the Ukrainian military overnight and shot down drones over the Belgorod region. The ministry did not say which facilities were hit.`,
}

func TestClustersAtIngest(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	var batch []*dyad.Article
	for i := range 10 {
		a := copyAt(i)
		batch = append(batch, &a)
	}
	for i, text := range otherStories {
		batch = append(batch, &dyad.Article{ID: fmt.Sprintf("other%d", i), Headline: "Other", Body: text,
			Published: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)})
	}
	// Half in one batch, half in another: copies find each other within
	// a batch and across batches.
	if _, err := db.PutArticles(ctx, batch[:5]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutArticles(ctx, batch[5:]); err != nil {
		t.Fatal(err)
	}
	cluster, members, err := db.Cluster(ctx, "copy07")
	if err != nil {
		t.Fatal(err)
	}
	if cluster != "copy00" || len(members) != 10 {
		t.Errorf("cluster of copy07 = %q with %d members %v; want copy00 with 10", cluster, len(members), members)
	}
	for i := range otherStories {
		id := fmt.Sprintf("other%d", i)
		if cluster, members, err := db.Cluster(ctx, id); err != nil || cluster != id || len(members) != 1 {
			t.Errorf("cluster of %s = %q %v (%v); want its own", id, cluster, members, err)
		}
	}
	if _, _, err := db.Cluster(ctx, "missing"); err == nil {
		t.Error("cluster of a missing article: no error")
	}
}

// strike is the event every copy of the wire story codes.
func strike(id string, wounded *int) dyad.Event {
	return dyad.Event{ID: id, Source: dyad.Actor{Text: "Russian", Name: "RUSSIA", Code: "RUS"},
		Target: &dyad.Actor{Text: "Ukraine", Name: "UKRAINE", Code: "UKR"}, CAMEO: "195", CAMEORoot: "19",
		Goldstein: -10, QuadClass: 4, Date: "2024-05-02", DatePrecision: "day", Killed: intp(2), Wounded: wounded,
		Sentence: "Russian missiles struck.", Confidence: 0.9}
}

func TestEventGroupsCountOnce(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	var batch []*dyad.Article
	for i := range 10 {
		a := copyAt(i)
		batch = append(batch, &a)
	}
	if _, err := db.PutArticles(ctx, batch); err != nil {
		t.Fatal(err)
	}
	for i, a := range batch {
		var wounded *int
		if i == 4 {
			wounded = intp(3) // the fullest toll: this copy represents the group
		}
		c := dyad.Coding{Events: []dyad.Event{strike("e1", wounded)}}
		if err := db.PutCoding(ctx, a.ID, c); err != nil {
			t.Fatal(err)
		}
	}
	page, err := db.Events(ctx, dyad.EventQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 10 {
		t.Fatalf("%d events, want 10", len(page.Events))
	}
	reps := 0
	for _, e := range page.Events {
		if e.ClusterID != "copy00" || e.NumArticles != 10 || e.NumSources != 7 {
			t.Errorf("event of %s: cluster %q, %d articles, %d sources; want copy00, 10, 7", e.ArticleID, e.ClusterID, e.NumArticles, e.NumSources)
		}
		if e.Representative {
			reps++
			if e.ArticleID != "copy04" {
				t.Errorf("representative from %s, want copy04 (fullest toll)", e.ArticleID)
			}
		}
	}
	if reps != 1 {
		t.Errorf("%d representatives, want 1", reps)
	}
	// Re-coding the representative's copy without the event hands the
	// group to the earliest remaining copy, with the counts down by one.
	if err := db.PutCoding(ctx, "copy04", dyad.Coding{}); err != nil {
		t.Fatal(err)
	}
	page, err = db.Events(ctx, dyad.EventQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Events {
		if e.NumArticles != 9 {
			t.Errorf("after re-coding: event of %s counts %d articles, want 9", e.ArticleID, e.NumArticles)
		}
		if e.Representative != (e.ArticleID == "copy00") {
			t.Errorf("after re-coding: event of %s representative=%v", e.ArticleID, e.Representative)
		}
	}
}

// TestBandMigrationKeepsClusters stores a story in the band layout of
// migration 5 (band, hash, article ID), reopens the store so migration 7
// rebuilds the band index by seq, and checks a new copy still joins the
// story's cluster.
func TestBandMigrationKeepsClusters(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	first := copyAt(0)
	put(t, db, first)
	var blob []byte
	if err := db.read.QueryRowContext(ctx, `SELECT signature FROM article_clusters WHERE article_id = ?`, first.ID).Scan(&blob); err != nil {
		t.Fatal(err)
	}
	sig, err := dedup.ParseSignature(blob)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`DROP TABLE article_bands`,
		`DROP TABLE article_bands_recent`,
		`CREATE TABLE article_bands (band INTEGER NOT NULL, hash INTEGER NOT NULL, article_id TEXT NOT NULL,
			PRIMARY KEY (band, hash, article_id)) WITHOUT ROWID`,
		`DELETE FROM schema_migrations WHERE version >= 7`,
	} {
		if _, err := db.write.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	for band, hash := range dedup.BandHashes(&sig) {
		if _, err := db.write.ExecContext(ctx, `INSERT INTO article_bands VALUES (?, ?, ?)`, band, hash, first.ID); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM article_bands`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != dedup.Bands {
		t.Errorf("migrated band index has %d rows, want %d", rows, dedup.Bands)
	}
	put(t, db, copyAt(1))
	if cluster, members, err := db.Cluster(ctx, "copy01"); err != nil || cluster != first.ID || len(members) != 2 {
		t.Errorf("cluster of copy01 = %q %v (%v); want %s with 2 members", cluster, members, err, first.ID)
	}
}

// TestRecentBandsMove fills article_bands_recent up to recentBandRows and
// checks the next batch moves its rows into article_bands first, and that
// copies are found on either side of the move.
func TestRecentBandsMove(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	put(t, db, copyAt(0))
	// One row at the last rowid stands for a full table.
	if _, err := db.write.ExecContext(ctx, `INSERT INTO article_bands_recent (rowid, key, seq) VALUES (?, 1, 1)`, recentBandRows); err != nil {
		t.Fatal(err)
	}
	put(t, db, copyAt(1))
	count := func(table string) int {
		var n int
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if moved, recent := count("article_bands"), count("article_bands_recent"); moved != dedup.Bands+1 || recent != dedup.Bands {
		t.Errorf("after the move: %d rows in article_bands, %d recent; want %d and %d", moved, recent, dedup.Bands+1, dedup.Bands)
	}
	put(t, db, copyAt(2))
	if cluster, members, err := db.Cluster(ctx, "copy02"); err != nil || cluster != "copy00" || len(members) != 3 {
		t.Errorf("cluster of copy02 = %q %v (%v); want copy00 with 3 members", cluster, members, err)
	}
}
