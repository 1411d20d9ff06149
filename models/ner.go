package models

import _ "embed"

// NER is the named-entity recogniser model (nlp/ner), trained on
// UniversalNER English EWT dev with GeoNames and PETRARCH2 gazetteers
// (CC BY 4.0 GeoNames, MIT Open Event Data Alliance) by
// `go run ./nlp/ner/cmd/nertrain -out models/ner.bin.gz`.
//
//go:embed ner.bin.gz
var NER []byte
