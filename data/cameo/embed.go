// Package cameo embeds the CAMEO event-code tables dyad ships: the code
// descriptions and Goldstein scores of the CAMEO codebook, and dyad's
// CAMEO → PLOVER crosswalk (see the header of plover.tsv for its basis).
// The ontology itself — parsing, inheritance, quad classes — lives in the
// top-level cameo package; this one only carries the bytes.
package cameo

import _ "embed"

// EventCodes is eventcodes.tsv: a header line, then "code<TAB>description".
//
//go:embed eventcodes.tsv
var EventCodes []byte

// Goldstein is goldstein.tsv: a header line, then "code<TAB>score".
//
//go:embed goldstein.tsv
var Goldstein []byte

// PLOVER is plover.tsv: '#' comments, then
// "code<TAB>type<TAB>mode<TAB>context<TAB>basis".
//
//go:embed plover.tsv
var PLOVER []byte
