// Package entities embeds dyad's own named-entity annotations (PER, ORG,
// LOC, following UniversalNER's conventions): of UD English EWT train and
// of the English news pages of the article-extraction benchmark, which
// `dyad train ner` learns from beside UniversalNER's dev split, and of the
// Wikinews stories, which `dyad eval nlp` scores news NER on. See
// README.md for how they were made and their licences.
package entities

import _ "embed"

// EWTTrain is ewt-train.txt: "# newdoc id = ..." lines, then one line per
// sentence of EWT train, "sent_id<TAB>words", mentions marked inline as
// <PER>…</PER>, <ORG>…</ORG> and <LOC>…</LOC>.
//
//go:embed ewt-train.txt
var EWTTrain []byte

// NewsTrain is news-train.tsv: the mentions in the English pages of the
// article-extraction benchmark, by byte offsets into each page's
// articleBody in the benchmark's ground-truth.json (the pages' text is
// not dyad's to redistribute, so it is read from the shared data), one
// "page<TAB>start<TAB>end<TAB>label<TAB>mention" line each; the reader is
// ner.ReadStandoff.
//
//go:embed news-train.tsv
var NewsTrain []byte

// Wikinews is wikinews-test.txt, the same format: the 43 Wikinews stories
// of the shared data (titles, then bodies), as dyad's tokenizer splits
// them, marked by the same rules. No model learns from it; `dyad eval nlp`
// scores NER on news with it.
//
//go:embed wikinews-test.txt
var Wikinews []byte
