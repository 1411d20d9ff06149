// Package entities embeds dyad's own named-entity annotations of UD
// English EWT train (PER, ORG, LOC, following UniversalNER's conventions),
// which `dyad train ner` learns from beside UniversalNER's dev split. The
// text is EWT's, so the file is under EWT's licence, CC BY-SA 4.0 (see
// LICENSE.txt and README.md); the reader is ner.ReadMarked.
package entities

import _ "embed"

// EWTTrain is ewt-train.txt: "# newdoc id = ..." lines, then one line per
// sentence of EWT train, "sent_id<TAB>words", mentions marked inline as
// <PER>…</PER>, <ORG>…</ORG> and <LOC>…</LOC>.
//
//go:embed ewt-train.txt
var EWTTrain []byte
