package models

import _ "embed"

// Tagger is the POS tagger model (nlp/tagger), trained on UD English EWT by
// `dyad train pos --out models`.
//
//go:embed tagger.bin.gz
var Tagger []byte
