package coder

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dyadnews/dyad/geo"
)

// maxGazetteerCache bounds the names a Coder remembers the gazetteer's
// answer for; past it, lookups go to the gazetteer every time.
const maxGazetteerCache = 1 << 16

// gazetteerCache remembers which names and words are countries and
// demonyms: the same few hundred capitalised words recur in every article,
// and a gazetteer lookup weighs every place of that name.
type gazetteerCache struct {
	countries, demonyms sync.Map // string → country code ("" for none)
	size                atomic.Int64
}

// country is the alpha-3 code of the country named name.
func (g *gazetteerCache) country(name string) (string, bool) {
	return g.lookup(&g.countries, name, func(s string) string {
		if c, ok := geo.CountryByName(s); ok {
			return c.ISO3
		}
		return ""
	})
}

// demonym is the alpha-3 code of the country of a nationality word.
func (g *gazetteerCache) demonym(word string) (string, bool) {
	return g.lookup(&g.demonyms, word, func(s string) string {
		code, _ := geo.Demonym(s)
		return code
	})
}

func (g *gazetteerCache) lookup(m *sync.Map, key string, find func(string) string) (string, bool) {
	if v, ok := m.Load(key); ok {
		code := v.(string)
		return code, code != ""
	}
	code := find(key)
	if g.size.Load() < maxGazetteerCache {
		g.size.Add(1)
		// The key is cut from an article's text: keep a copy, not the
		// article.
		m.Store(strings.Clone(key), code)
	}
	return code, code != ""
}
