package sqlite

import (
	"context"
	"testing"

	"github.com/dyadnews/dyad"
)

// FuzzArticlesText checks that no search text makes the FTS5 query fail.
func FuzzArticlesText(f *testing.F) {
	for _, seed := range []string{`"`, `a AND OR`, `*`, `NEAR(a b)`, `col:x`, `a"b`, `^x`, `(`, "\xff", `x*y`, `-x`, `+`} {
		f.Add(seed)
	}
	db, _ := openTest(f)
	put(f, db, dyad.Article{ID: "a", Headline: "Iran and Israel", Body: "Escalation feared."})
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := db.Articles(context.Background(), dyad.ArticleQuery{Text: text}); err != nil {
			t.Errorf("Articles(%q): %v", text, err)
		}
	})
}
