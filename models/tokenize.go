package models

import _ "embed"

// Tokenize is the tokenizer and sentence splitter model
// (nlp/tokenize), trained on UD English EWT.
//
//go:embed tokenize.bin.gz
var Tokenize []byte
