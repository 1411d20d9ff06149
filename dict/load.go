package dict

import (
	"fmt"
	"io/fs"
	"sort"

	"github.com/dyadnews/dyad/data/petrarch2"
)

// Files names dictionary files by role, as paths inside a Source's FS.
type Files struct {
	Verbs, Actors, Agents, Discards, Issues, Prepositions []string
}

// Source is a set of dictionary files in a file system (embed.FS,
// os.DirFS, fstest.MapFS, ...).
type Source struct {
	FS    fs.FS
	Files Files
}

// Embedded is the dictionaries dyad ships (data/petrarch2): the files
// PETRARCH2's PETR_config.ini uses for operational coding, the
// preposition list, and dyad's verb overrides read after CAMEO's.
func Embedded() Source {
	return Source{FS: petrarch2.FS, Files: Files{
		Verbs:        []string{petrarch2.Verbs, petrarch2.DyadVerbs},
		Actors:       append([]string(nil), petrarch2.Actors...),
		Agents:       []string{petrarch2.Agents},
		Discards:     []string{petrarch2.Discards},
		Issues:       []string{petrarch2.Issues},
		Prepositions: []string{petrarch2.Prepositions},
	}}
}

// Dictionaries is everything a coder looks words up in.
type Dictionaries struct {
	Verbs    *Verbs
	Actors   *Actors
	Agents   *Agents
	Discards *Discards
	Issues   *Issues
	// Prepositions is the set of prepositions, upper case.
	Prepositions map[string]bool
	// DroppedErrors counts LineErrors past Limits.MaxErrors.
	DroppedErrors int
}

// Load reads the sources in order with DefaultLimits; see LoadLimits.
func Load(sources ...Source) (*Dictionaries, []LineError, error) {
	return LoadLimits(DefaultLimits, sources...)
}

// LoadLimits reads the dictionary files of the sources in order, so a
// later source (a user's own files after Embedded()) adds to and
// overrides an earlier one. Malformed lines are skipped and returned as
// LineErrors; the error is for files that cannot be read at all.
func LoadLimits(lim Limits, sources ...Source) (*Dictionaries, []LineError, error) {
	if lim.MaxLineBytes <= 0 {
		lim.MaxLineBytes = DefaultLimits.MaxLineBytes
	}
	if lim.MaxErrors <= 0 {
		lim.MaxErrors = DefaultLimits.MaxErrors
	}
	d := &Dictionaries{
		Verbs: newVerbs(), Actors: &Actors{}, Agents: &Agents{},
		Discards: &Discards{}, Issues: &Issues{}, Prepositions: map[string]bool{},
	}
	errs := &errorList{max: lim.MaxErrors}
	for _, src := range sources {
		roles := []struct {
			names []string
			read  func(*lineReader) error
		}{
			{src.Files.Verbs, d.Verbs.read},
			{src.Files.Actors, d.Actors.read},
			{src.Files.Agents, d.Agents.read},
			{src.Files.Discards, d.Discards.read},
			{src.Files.Issues, d.Issues.read},
			{src.Files.Prepositions, func(lr *lineReader) error { return readPrepositions(lr, d.Prepositions) }},
		}
		for _, role := range roles {
			for _, name := range role.names {
				if err := readFile(src.FS, name, lim, errs, role.read); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	d.Verbs.finish(errs)
	d.DroppedErrors = errs.dropped
	return d, errs.errs, nil
}

func readFile(fsys fs.FS, name string, lim Limits, errs *errorList, read func(*lineReader) error) error {
	if fsys == nil {
		return fmt.Errorf("dict: %s: no file system", name)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("dict: %w", err)
	}
	defer f.Close()
	start := len(errs.errs)
	err = read(newLineReader(f, name, lim, errs))
	// Some errors are found only when an entry ends; report in line order.
	tail := errs.errs[start:]
	sort.SliceStable(tail, func(i, j int) bool { return tail[i].Line < tail[j].Line })
	return err
}
