// Command gen rebuilds the gazetteer tables of package geo from the
// GeoNames dumps: cities.tsv from cities15000.zip and countries.tsv from
// countryInfo.tsv. The output is deterministic (sorted, no timestamps),
// so a rebuild from the same dump changes nothing.
//
//	go run ./data/geo/gen -data ../shared/data/geonames -out data/geo
package main

import (
	"archive/zip"
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// minPopulation keeps the towns a dateline is likely to name while
// holding the embedded table near 150 KB; capitals and first-order
// administrative seats are kept whatever their size.
const minPopulation = 50000

type city struct {
	name, country string
	population    int
}

func main() {
	data := flag.String("data", defaultData(), "folder holding the GeoNames cities15000.zip and countryInfo.tsv")
	out := flag.String("out", ".", "folder to write cities.tsv and countries.tsv to")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		log.Fatal(err)
	}
}

func defaultData() string {
	if d := os.Getenv("DYAD_DATA"); d != "" {
		return filepath.Join(d, "geonames")
	}
	return filepath.Join("..", "..", "..", "shared", "data", "geonames")
}

func run(data, out string) error {
	cities, err := readCities(filepath.Join(data, "cities15000.zip"))
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# GeoNames (geonames.org, CC BY 4.0): places with population >= " + strconv.Itoa(minPopulation) + ", capitals and first-order seats; name and country, most populous first\n")
	for _, c := range cities {
		fmt.Fprintf(&b, "%s\t%s\n", c.name, c.country)
	}
	if err := os.WriteFile(filepath.Join(out, "cities.tsv"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	countries, err := readCountries(filepath.Join(data, "countryInfo.tsv"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "countries.tsv"), []byte(countries), 0o644)
}

func readCities(path string) ([]city, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open gazetteer: %w", err)
	}
	defer zr.Close()
	var cities []city
	for _, f := range zr.File {
		if f.Name != "cities15000.txt" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", f.Name, err)
		}
		cities, err = parseCities(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.Name, err)
		}
	}
	if len(cities) == 0 {
		return nil, fmt.Errorf("%s: no cities15000.txt with places in it", path)
	}
	slices.SortFunc(cities, func(a, b city) int {
		return cmp.Or(-cmp.Compare(a.population, b.population), cmp.Compare(a.name, b.name), cmp.Compare(a.country, b.country))
	})
	// A name is looked up to its most populous place, so later
	// namesakes would never be read.
	seen := make(map[string]bool, len(cities))
	return slices.DeleteFunc(cities, func(c city) bool {
		dup := seen[c.name]
		seen[c.name] = true
		return dup
	}), nil
}

// parseCities reads the GeoNames main table: 19 tab-separated columns,
// of which name (1), feature code (7), country (8) and population (14).
func parseCities(r io.Reader) ([]city, error) {
	var cities []city
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			continue
		}
		pop, _ := strconv.Atoi(f[14])
		code := f[7]
		switch code {
		case "PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH":
			continue // sections of cities and places that no longer are
		}
		if pop < minPopulation && code != "PPLC" && code != "PPLA" {
			continue
		}
		cities = append(cities, city{name: f[1], country: f[8], population: pop})
	}
	return cities, sc.Err()
}

// readCountries keeps ISO alpha-2 code and English name of countryInfo.
func readCountries(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read countries: %w", err)
	}
	var lines []string
	for line := range strings.SplitSeq(string(raw), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) < 5 || len(f[0]) != 2 {
			continue
		}
		lines = append(lines, f[4]+"\t"+f[0])
	}
	slices.Sort(lines)
	return "# GeoNames (geonames.org, CC BY 4.0): country name, ISO 3166-1 alpha-2\n" + strings.Join(lines, "\n") + "\n", nil
}
