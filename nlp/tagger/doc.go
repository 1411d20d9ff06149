// Package tagger is dyad's part-of-speech tagger: a greedy left-to-right
// averaged perceptron that predicts the joint Universal and Penn Treebank
// tag ("NOUN|NNS") of every token as one class, then fills the token's
// UD morphological features from what the training treebank shows for
// that word and tag.
//
// The model is trained by this package's own code on UD English EWT
// (Train), saved in a compact gzip-compressed binary format (Save, Load)
// and annotates a dyad.Doc in place (Model.Tag). Features are hashed to
// 64 bits so that tagging allocates nothing per token; right context is
// seen through the next words' forms, suffixes and ambiguity classes
// (the set of tags a word took in training).
package tagger
