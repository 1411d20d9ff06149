// Package petrarch2 embeds the PETRARCH2 dictionaries dyad codes events
// with: the CAMEO 2.0 verb dictionary, the Phoenix actor, agent, discard,
// issue and preposition dictionaries (MIT licence, Open Event Data
// Alliance; see LICENSE). The readers are in the top-level dict package.
package petrarch2

import "embed"

// FS holds the dictionary files at its root, under their upstream names.
//
//go:embed *.txt LICENSE
var FS embed.FS

// Names of the embedded files, by role, as PETRARCH2's PETR_config.ini
// lists them for operational coding.
const (
	Verbs        = "CAMEO.2.0.txt"
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
}
