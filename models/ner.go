package models

import _ "embed"

// NER is the named-entity recogniser model (nlp/ner), trained on
// UniversalNER English EWT dev with GeoNames and PETRARCH2 gazetteers
// (CC BY 4.0 GeoNames, MIT Open Event Data Alliance) by
// ner.TrainFromData with ner.DefaultTrainOptions (`dyad train ner`).
//
//go:embed ner.bin.gz
var NER []byte
