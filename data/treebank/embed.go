// Package treebank embeds dyad's own dependency trees of news sentences,
// which `dyad eval nlp` scores the parser on: news is what dyad reads, and
// UD English EWT's web text is not news. See README.md for how they were
// made.
package treebank

import _ "embed"

// NewsTest is news-test.tsv: 1,920 sentences of the English pages of the
// article-extraction benchmark, one a line,
// "page<TAB>tokens<TAB>heads<TAB>relations", the tokens as byte offsets
// into the page's articleBody in the benchmark's ground-truth.json (the
// pages' text is not dyad's to copy, so it is read from the shared data).
// No model learns from it. The reader is conllu.ReadStandoff.
//
//go:embed news-test.tsv
var NewsTest []byte
