package models

import _ "embed"

// Lemma is the lemmatizer model (nlp/lemma), trained on UD English EWT by
// `dyad train lemma --out models`.
//
//go:embed lemma.bin.gz
var Lemma []byte
