package models

import _ "embed"

// Lemma is the lemmatizer model (nlp/lemma), trained on UD English EWT by
// `go run ./nlp/lemma/cmd/train-lemma -o models/lemma.bin.gz`.
//
//go:embed lemma.bin.gz
var Lemma []byte
