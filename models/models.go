package models

import _ "embed"

// The model files' names, in models/ and in any directory `dyad train
// --out` writes to.
const (
	TokenizeFile = "tokenize.bin.gz"
	TaggerFile   = "tagger.bin.gz"
	LemmaFile    = "lemma.bin.gz"
	ParserFile   = "parser.bin.gz"
	NERFile      = "ner.bin.gz"
)

// The model files, each written by `dyad train <component> --out models`
// (all of them by `dyad train all --out models`) from UD English EWT and
// UniversalNER EWT in ../shared/data with each component's default seed.
var (
	// Tokenize is the tokenizer and sentence splitter (nlp/tokenize).
	//go:embed tokenize.bin.gz
	Tokenize []byte

	// Tagger is the POS tagger (nlp/tagger): UPOS, XPOS and FEATS.
	//go:embed tagger.bin.gz
	Tagger []byte

	// Lemma is the lemmatizer (nlp/lemma).
	//go:embed lemma.bin.gz
	Lemma []byte

	// Parser is the dependency parser (nlp/parser), trained on jackknifed
	// and gold tags.
	//go:embed parser.bin.gz
	Parser []byte

	// NER is the entity recogniser (nlp/ner), trained on UniversalNER EWT
	// dev and dyad's own annotations of EWT train and of news pages
	// (data/entities), with gazetteers from GeoNames (CC BY 4.0) and the
	// PETRARCH2 dictionaries (MIT, Open Event Data Alliance).
	//go:embed ner.bin.gz
	NER []byte
)
