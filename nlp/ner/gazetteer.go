package ner

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A gazetteer kind is one list of names a token sequence can match. Kinds
// are features, not answers: the model learns how far to trust each (a
// city called "Of" or "Police" exists, and nationalities are not LOC in
// UniversalNER).
const (
	kindCity = iota
	kindCountry
	kindRegion
	kindNationality
	kindPerson
	kindFirstName
	kindOrg
	numKinds
)

// maxPhraseTokens bounds the length of a gazetteer phrase, and so the work
// of matching at each token.
const maxPhraseTokens = 6

// Gazetteer is a set of normalised name phrases (lowercased tokens), each
// with the kinds of list it comes from.
type Gazetteer struct {
	phrases map[string]uint8 // phrase (tokens joined by a space) → kind bitmask
	// hashes maps the hashPhrase of every phrase to its kind bitmask,
	// and of every proper prefix of a phrase to prefixBit, so matching
	// stops extending a token run as soon as no phrase can continue it.
	hashes map[uint64]uint8
}

// prefixBit marks a hash as the prefix of a longer phrase.
const prefixBit = 1 << 7

// NewGazetteer returns an empty gazetteer.
func NewGazetteer() *Gazetteer {
	return &Gazetteer{phrases: map[string]uint8{}, hashes: map[uint64]uint8{}}
}

// Len returns the number of phrases.
func (g *Gazetteer) Len() int {
	if g == nil {
		return 0
	}
	return len(g.phrases)
}

// add stores name under kind after splitting it into tokens the way the
// EWT tokenizer would (spaces; commas and parentheses dropped). Names of
// more than maxPhraseTokens tokens or without a letter are ignored.
func (g *Gazetteer) add(name string, kind int) {
	toks := phraseTokens(name)
	if len(toks) == 0 || len(toks) > maxPhraseTokens {
		return
	}
	hasLetter := false
	for _, r := range name {
		if unicode.IsLetter(r) {
			hasLetter = true
			break
		}
	}
	if !hasLetter {
		return
	}
	g.addTokens(toks, 1<<kind)
}

// addTokens stores a normalised phrase with a kind bitmask.
func (g *Gazetteer) addTokens(toks []string, kinds uint8) {
	g.phrases[strings.Join(toks, " ")] |= kinds
	h := uint64(fnvOffset)
	for i, t := range toks {
		if i > 0 {
			g.hashes[h] |= prefixBit
			h = fnvByte(h, ' ')
		}
		h = fnvString(h, t)
	}
	g.hashes[h] |= kinds
}

func phraseTokens(name string) []string {
	name = strings.Map(func(r rune) rune {
		switch r {
		case ',', '(', ')', '"', '_':
			return ' '
		}
		return r
	}, name)
	toks := strings.Fields(strings.ToLower(name))
	return toks
}

// match marks, for each kind, the longest gazetteer phrases over lower
// (the sentence's lowercased tokens), left to right without overlap, as
// BILOU codes in out[i*numKinds+kind]: 0 none, 1 B, 2 I, 3 L, 4 U.
func (g *Gazetteer) match(lower []string, out []uint8) {
	clear(out)
	if g == nil || len(g.hashes) == 0 {
		return
	}
	var next [numKinds]int // first token each kind may match from
	var masks [maxPhraseTokens]uint8
	for i := range lower {
		n := 0
		h := uint64(fnvOffset)
		for j := i; j < len(lower) && n < maxPhraseTokens; j++ {
			if j > i {
				h = fnvByte(h, ' ')
			}
			h = fnvString(h, lower[j])
			v, ok := g.hashes[h]
			if !ok {
				break
			}
			masks[n] = v
			n++
			if v&prefixBit == 0 {
				break
			}
		}
		for k := range numKinds {
			if next[k] > i {
				continue
			}
			for l := n; l >= 1; l-- {
				if masks[l-1]&(1<<k) == 0 {
					continue
				}
				if l == 1 {
					out[i*numKinds+k] = 4
				} else {
					out[i*numKinds+k] = 1
					for j := i + 1; j < i+l-1; j++ {
						out[j*numKinds+k] = 2
					}
					out[(i+l-1)*numKinds+k] = 3
				}
				next[k] = i + l
				break
			}
		}
	}
}

// BuildGazetteer compiles the name lists under dataDir: GeoNames cities
// (with their ASCII alternate names for large cities), countries and
// first-level regions, and the PETRARCH2 Phoenix actor dictionaries
// (countries and their nationality adjectives, people and the first names
// they give, organisations).
func BuildGazetteer(dataDir string) (*Gazetteer, error) {
	g := NewGazetteer()
	geo := filepath.Join(dataDir, "geonames")
	if err := g.addCities(filepath.Join(geo, "cities15000.zip")); err != nil {
		return nil, err
	}
	if err := g.addTSV(filepath.Join(geo, "countryInfo.tsv"), kindCountry, 4); err != nil {
		return nil, err
	}
	if err := g.addTSV(filepath.Join(geo, "admin1CodesASCII.tsv"), kindRegion, 1, 2); err != nil {
		return nil, err
	}
	dict := filepath.Join(dataDir, "petrarch2", "dictionaries")
	for _, name := range []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"} {
		if err := g.addActors(filepath.Join(dict, name)); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// largeCity is the population from which a city's alternate names are
// added too; below it only the main and ASCII names are.
const largeCity = 200000

func (g *Gazetteer) addCities(path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".txt") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("gazetteer: %s: %w", path, err)
		}
		err = eachTSV(rc, func(cols []string) {
			if len(cols) < 15 {
				return
			}
			g.add(cols[1], kindCity)
			g.add(cols[2], kindCity)
			if pop, _ := strconv.Atoi(cols[14]); pop >= largeCity {
				for _, alt := range strings.Split(cols[3], ",") {
					if isLatinName(alt) {
						g.add(alt, kindCity)
					}
				}
			}
		})
		rc.Close()
		if err != nil {
			return fmt.Errorf("gazetteer: %s: %w", path, err)
		}
	}
	return nil
}

// isLatinName reports whether an alternate name looks like an English
// spelling: ASCII, capitalised, not an all-caps code.
func isLatinName(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return s[0] >= 'A' && s[0] <= 'Z' && strings.ToUpper(s) != s
}

func (g *Gazetteer) addTSV(path string, kind int, cols ...int) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	err = eachTSV(f, func(row []string) {
		if len(row) > 0 && strings.HasPrefix(row[0], "#") {
			return
		}
		for _, c := range cols {
			if c < len(row) {
				g.add(row[c], kind)
			}
		}
	})
	if err != nil {
		return fmt.Errorf("gazetteer: %s: %w", path, err)
	}
	return nil
}

func eachTSV(r io.Reader, fn func([]string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fn(strings.Split(sc.Text(), "\t"))
	}
	return sc.Err()
}

// actorBlock is one entry of a TABARI actor dictionary: a head name, its
// "+" synonyms, the codes in brackets and whether comments mark it as a
// person (leaders lists).
type actorBlock struct {
	names  []string
	codes  []string
	person bool
}

func (g *Gazetteer) addActors(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	blocks, err := readActors(f)
	if err != nil {
		return fmt.Errorf("gazetteer: %s: %w", path, err)
	}
	for _, b := range blocks {
		switch {
		case b.person || b.datedRoles():
			for _, n := range b.names {
				g.add(n, kindPerson)
				if toks := phraseTokens(n); len(toks) >= 2 && len(strings.TrimSuffix(toks[0], ".")) > 1 {
					g.add(toks[0], kindFirstName)
				}
			}
		case b.country():
			for _, n := range b.names {
				if isNationality(n) && g.phrases[strings.Join(phraseTokens(n), " ")] == 0 {
					g.add(n, kindNationality)
				} else {
					g.add(n, kindCountry)
				}
			}
		default:
			for _, n := range b.names {
				g.add(n, kindOrg)
			}
		}
	}
	return nil
}

// country reports whether the block codes a country itself: a bare
// three-letter ISO code such as [AFG].
func (b *actorBlock) country() bool {
	for _, c := range b.codes {
		code, _, _ := strings.Cut(c, " ")
		if len(code) == 3 {
			return true
		}
	}
	return false
}

// datedRoles reports whether every code of a non-country block is limited
// to a period, as office holders' are.
func (b *actorBlock) datedRoles() bool {
	if len(b.codes) == 0 || b.country() {
		return false
	}
	for _, c := range b.codes {
		if !strings.ContainsAny(c, "0123456789") {
			return false
		}
	}
	return true
}

// isNationality guesses from the ending whether a country synonym is an
// adjective ("Afghan", "Lebanese") rather than a place.
func isNationality(name string) bool {
	toks := phraseTokens(name)
	if len(toks) != 1 {
		return false
	}
	for _, suf := range []string{"an", "ese", "ish", "i", "ic"} {
		if strings.HasSuffix(toks[0], suf) {
			return true
		}
	}
	return false
}

func readActors(r io.Reader) ([]actorBlock, error) {
	var (
		out []actorBlock
		cur = -1 // index in out of the block being read
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		text, comment, _ := strings.Cut(line, "#")
		codes := bracketed(text)
		if i := strings.IndexByte(text, '['); i >= 0 {
			text = text[:i]
		}
		name := strings.TrimSpace(text)
		switch {
		case strings.TrimSpace(line) == "" || (name == "" && len(codes) == 0):
			continue
		case name == "" || line[0] == '\t' || line[0] == ' ':
			if cur >= 0 {
				out[cur].codes = append(out[cur].codes, codes...)
			}
			continue
		case name[0] == '+':
			if cur >= 0 {
				out[cur].names = append(out[cur].names, name[1:])
				out[cur].codes = append(out[cur].codes, codes...)
			}
			continue
		}
		out = append(out, actorBlock{names: []string{name}, codes: codes,
			person: strings.Contains(comment, "CountryInfo.txt") || strings.Contains(comment, "IGOrulers.txt")})
		cur = len(out) - 1
	}
	for i := range out {
		out[i].names = slices.DeleteFunc(out[i].names, func(n string) bool { return strings.TrimSpace(n) == "" })
	}
	return out, sc.Err()
}

func bracketed(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return out
		}
		out = append(out, strings.TrimSpace(s[i+1:i+j]))
		s = s[i+j+1:]
	}
}
