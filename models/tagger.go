package models

import _ "embed"

// Tagger is the POS tagger model (nlp/tagger), trained on UD English EWT by
// `go run ./nlp/tagger/cmd/train-tagger -o models/tagger.bin.gz`.
//
//go:embed tagger.bin.gz
var Tagger []byte
