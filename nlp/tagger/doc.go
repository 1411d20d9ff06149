// Package tagger is dyad's part-of-speech tagger: it gives every token its
// Universal and Penn Treebank tags ("NOUN", "NNS") and its UD
// morphological features ("Number=Plur").
//
// Tags are predicted as one joint UPOS|XPOS class by averaged perceptrons
// in two stages. The first tags a sentence greedily from left to right
// from the words, their affixes and shapes, the tags already chosen and
// the ambiguity classes (the set of tags a word took in training) of the
// words ahead. The second retags it with the same features plus the
// first stage's tags of the words ahead, so that both sides of a word
// inform its tag; it is trained on first-stage tags from jackknifed
// models, as wrong as they are at tagging time. A third perceptron then
// chooses the FEATS string among those seen with the token's tag, from
// the word, its neighbours and the nearest nominal to its left (for verb
// agreement).
//
// Train learns a model from a treebank (UD English EWT), Save and Load
// keep it in a compact gzip-compressed binary format, and Model.Tag
// annotates a dyad.Doc in place. Features are hashed so that tagging
// allocates nothing per token, and the weights of both stages share one
// cache-friendly table. JackknifeTags gives training data predicted tags
// for downstream learners such as the parser.
package tagger
