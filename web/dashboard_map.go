package web

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:generate go run ./gen/worldmap -topojson countries-110m.json -countries ../../shared/data/geonames/countryInfo.tsv -out .

// worldmapTSV holds one SVG outline per country, keyed by ISO 3166-1
// alpha-3; static/world.svg draws the same outlines. Both come from
// Natural Earth via world-atlas (see WORLDMAP-LICENSE.md).
//
//go:embed worldmap.tsv
var worldmapTSV string

// The map's frame, as gen/worldmap projects it: equirectangular, ten
// units a degree, longitude -180..180 and latitude 85..-60.
const (
	unitsPerDegree = 10
	mapNorth       = 85.0
	mapSouth       = -60.0
	mapWidth       = 360 * unitsPerDegree
	mapHeight      = (mapNorth - mapSouth) * unitsPerDegree
)

// project maps a latitude and longitude to map units. Places beyond the
// frame's latitudes are drawn on its edge.
func project(lat, lon float64) (x, y float64) {
	lat = max(mapSouth, min(mapNorth, lat))
	return (lon + 180) * unitsPerDegree, (mapNorth - lat) * unitsPerDegree
}

type countryOutline struct{ name, path string }

type worldMap struct {
	width, height float64
	countries     map[string]countryOutline
}

// loadWorldMap parses worldmap.tsv once. Its paths are written into
// pages unescaped, so each is checked to hold only path commands and
// numbers.
var loadWorldMap = sync.OnceValues(func() (worldMap, error) {
	m := worldMap{width: mapWidth, height: mapHeight, countries: map[string]countryOutline{}}
	for line := range strings.SplitSeq(worldmapTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return worldMap{}, fmt.Errorf("web: worldmap.tsv: bad line %.40q", line)
		}
		if strings.Trim(f[2], "0123456789 -Mlz") != "" {
			return worldMap{}, fmt.Errorf("web: worldmap.tsv: %s: path holds more than commands and numbers", f[0])
		}
		if f[0] != "-" {
			m.countries[f[0]] = countryOutline{name: f[1], path: f[2]}
		}
	}
	return m, nil
})
