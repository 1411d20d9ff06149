package models

import _ "embed"

// Parser is the dependency parser model (nlp/parser), trained on UD
// English EWT with jackknifed tagger tags by
// `go run ./nlp/parser/cmd/train-parser -o models/parser.bin.gz`.
//
//go:embed parser.bin.gz
var Parser []byte
