// Package petrarch2 embeds the PETRARCH2 dictionaries dyad codes events
// with: the CAMEO 2.0 verb dictionary, the Phoenix actor, agent, discard,
// issue and preposition dictionaries (MIT licence, Open Event Data
// Alliance; see LICENSE), and dyad's own verb overrides for news English
// (Dyad.news.verbs.txt) and actors of current news (Dyad.actors.txt),
// same licence. The readers are in the top-level
// dict package.
package petrarch2

import "embed"

// FS holds the dictionary files at its root, under their upstream names.
//
//go:embed *.txt LICENSE
var FS embed.FS

// Names of the embedded files, by role, as PETRARCH2's PETR_config.ini
// lists them for operational coding.
const (
	Verbs = "CAMEO.2.0.txt"
	// DyadVerbs is read after Verbs: the verb senses CAMEO.2.0.txt
	// codes that news English mostly uses otherwise.
	DyadVerbs    = "Dyad.news.verbs.txt"
	Agents       = "Phoenix.agents.txt"
	Discards     = "Phoenix.discards.txt"
	Issues       = "Phoenix.IssueCoding.txt"
	Prepositions = "Phoenix.prepositions.txt"
)

// Actors are the actor dictionaries, in the order PETRARCH2 reads them.
var Actors = []string{
	"Phoenix.Countries.actors.txt",
	"Phoenix.International.actors.txt",
	"Phoenix.MilNonState.actors.txt",
	// Dyad.actors.txt, read last so its names replace theirs: people the
	// 2015 files lack or date only up to 2015.
	"Dyad.actors.txt",
}
