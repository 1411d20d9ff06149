// Package coder turns articles into CAMEO events: who did what to whom,
// where, when and with what toll, with the quotes and entities of the
// story. It reads the dependency parse of dyad's own NLP pipeline and the
// PETRARCH2 dictionaries (actors, agents, verbs with their patterns,
// discards) and resolves people, pronouns and descriptions to actor codes
// across the article.
package coder

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/dict"
	"github.com/dyadnews/dyad/nlp"
)

// Options configure a Coder. The zero value codes with the embedded
// dictionaries and the embedded NLP models.
type Options struct {
	// Dicts are the dictionaries to code with; nil means dict.Embedded().
	Dicts *dict.Dictionaries
	// Pipeline annotates text; nil means nlp.Load().
	Pipeline *nlp.Pipeline
	// EventNouns codes event nouns ("the killing of X by Y", "an attack
	// on Z") besides verbs. PETRARCH codes verbs only; its validation
	// suite is run with this off.
	EventNouns bool
	// Debug, if set, receives one line for every candidate event that was
	// dropped and why.
	Debug io.Writer
	// MaxTokens bounds the tokens of one article that are coded; the rest
	// of a longer text is ignored. Zero means DefaultMaxTokens.
	MaxTokens int
	// MaxSentenceTokens skips sentences longer than this (run-on text,
	// tables). Zero means DefaultMaxSentenceTokens.
	MaxSentenceTokens int
}

// Limits on hostile or odd input.
const (
	DefaultMaxTokens         = 50000
	DefaultMaxSentenceTokens = 200
)

// Coder codes articles. It is safe for concurrent use.
type Coder struct {
	dicts    *dict.Dictionaries
	pipeline *nlp.Pipeline
	opts     Options
	sayVerbs map[string]bool
	// synsetFirst and synsetLast index each synonym set's members by
	// their first and last word, for matching forwards and backwards.
	synsetFirst, synsetLast map[*dict.Synset]map[string][][]string
	// synsets resolves a pattern element's set name as written.
	synsets map[string]*dict.Synset
	// negating marks the patterns whose words carry a negation ("&NEGATVAUXVRB *
	// OVER EFFORTS" [904]): their code already says what was not done.
	negating map[*dict.Pattern]bool
	// compiled holds each block's patterns prepared for matching, and
	// wordBits the mask bits of each word patterns name (its own bit and
	// those of the sets it is a member of).
	compiled  map[*dict.VerbBlock][]compiledPattern
	wordBits  map[string]wordMask
	gazetteer *gazetteerCache
	// displayNames memoises displayName of dictionary names (keys come
	// from the dictionaries only, so the map stays their size).
	displayNames sync.Map
}

// New returns a Coder for opts.
func New(opts Options) (*Coder, error) {
	if opts.Dicts == nil {
		d, _, err := dict.Load(dict.Embedded())
		if err != nil {
			return nil, fmt.Errorf("coder: loading the embedded dictionaries: %w", err)
		}
		opts.Dicts = d
	}
	if opts.Dicts.Verbs == nil || opts.Dicts.Actors == nil || opts.Dicts.Agents == nil {
		return nil, errors.New("coder: dictionaries lack verbs, actors or agents")
	}
	if opts.Pipeline == nil {
		p, err := nlp.Load()
		if err != nil {
			return nil, fmt.Errorf("coder: %w", err)
		}
		opts.Pipeline = p
	}
	if opts.MaxTokens <= 0 {
		opts.MaxTokens = DefaultMaxTokens
	}
	if opts.MaxSentenceTokens <= 0 {
		opts.MaxSentenceTokens = DefaultMaxSentenceTokens
	}
	c := &Coder{dicts: opts.Dicts, pipeline: opts.Pipeline, opts: opts, sayVerbs: sayVerbs,
		synsetFirst: map[*dict.Synset]map[string][][]string{}, synsetLast: map[*dict.Synset]map[string][][]string{},
		gazetteer: &gazetteerCache{}}
	for _, s := range opts.Dicts.Verbs.Synsets {
		first, last := map[string][][]string{}, map[string][][]string{}
		for _, m := range s.Members {
			if len(m) == 0 {
				continue
			}
			first[m[0]] = append(first[m[0]], m)
			last[m[len(m)-1]] = append(last[m[len(m)-1]], m)
		}
		c.synsetFirst[s], c.synsetLast[s] = first, last
	}
	c.synsets = map[string]*dict.Synset{}
	c.negating = map[*dict.Pattern]bool{}
	for _, b := range opts.Dicts.Verbs.Blocks {
		for _, p := range b.Patterns {
			if c.elementsNegate(p.Before) || c.elementsNegate(p.After) {
				c.negating[p] = true
			}
		}
	}
	c.compilePatterns()
	return c, nil
}

// elementsNegate reports whether pattern elements name a negation word,
// directly or in a synonym set, and records the sets they name.
func (c *Coder) elementsNegate(es []dict.Element) bool {
	neg := false
	for _, e := range es {
		switch e.Kind {
		case dict.Word:
			neg = neg || negationWords[e.Text]
		case dict.SynsetRef:
			s, ok := c.dicts.Verbs.Synset(e.Text)
			if !ok {
				continue
			}
			c.synsets[e.Text] = s
			for _, m := range s.Members {
				for _, w := range m {
					neg = neg || negationWords[w]
				}
			}
		case dict.NounPhrase, dict.PrepPhrase:
			neg = c.elementsNegate(e.Elements) || neg
		}
	}
	return neg
}

// negationWords are the dictionary forms of negation.
var negationWords = map[string]bool{"NOT": true, "N'T": true, "NEVER": true, "NO": true}

// sayVerbs are the lemmas of verbs of saying, whose clausal complements are
// reported speech.
var sayVerbs = map[string]bool{
	"say": true, "tell": true, "report": true, "announce": true, "claim": true,
	"state": true, "add": true, "note": true, "warn": true, "confirm": true,
	"allege": true, "accuse": true, "insist": true, "believe": true, "indicate": true,
}

// Code annotates the article's headline and body with the NLP pipeline and
// codes them.
func (c *Coder) Code(a *dyad.Article) (dyad.Coding, error) {
	if a == nil {
		return dyad.Coding{}, errors.New("coder: nil article")
	}
	if !c.english(a) {
		return c.CodeDoc(a, nil, 0), nil
	}
	text, bodyStart := articleText(a)
	doc, _ := c.pipeline.Annotate(text)
	return c.codeDoc(a, doc, bodyStart, true), nil
}

// english reports whether the article may be coded: the models and
// dictionaries are English, and a story known to be in another language
// would only be coded from misread words.
func (c *Coder) english(a *dyad.Article) bool {
	if a.Lang == "" || a.Lang == "en" {
		return true
	}
	c.debugf("article %s: language %q, not English; not coded", a.ID, a.Lang)
	return false
}

// articleText is the text the coder annotates: the headline as its own
// paragraph, then the body. bodyStart is the body's byte offset.
func articleText(a *dyad.Article) (text string, bodyStart int) {
	h := strings.TrimSpace(a.Headline)
	if h == "" {
		return a.Body, 0
	}
	return h + "\n\n" + a.Body, len(h) + 2
}

// CodeDoc codes an annotated Doc of article a. The Doc's text is the
// headline paragraph, if any, then the body starting at byte bodyStart;
// paragraphs are separated by blank lines. Sentences before bodyStart are
// the headline's. The Doc is left as it is.
func (c *Coder) CodeDoc(a *dyad.Article, doc *dyad.Doc, bodyStart int) dyad.Coding {
	return c.codeDoc(a, doc, bodyStart, false)
}

// codeDoc is CodeDoc, mending the parse in the Doc itself when the Doc is
// the coder's own (owned): a copy of its tokens is a sixth of what coding
// an article allocates.
func (c *Coder) codeDoc(a *dyad.Article, doc *dyad.Doc, bodyStart int, owned bool) dyad.Coding {
	out := dyad.Coding{Article: *a, Events: []dyad.Event{}, Quotes: []dyad.Quote{}, Entities: []dyad.EntityMention{}}
	if doc == nil || len(doc.Tokens) == 0 {
		return out
	}
	if !c.english(a) {
		return out
	}
	if len(doc.Tokens) > c.opts.MaxTokens {
		c.debugf("article %s: %d tokens, coding the first %d", a.ID, len(doc.Tokens), c.opts.MaxTokens)
	}
	ac := c.newArticleCoding(a, repairParse(doc, c.sayVerbs, owned), bodyStart)
	ac.code()
	out.Events = ac.events()
	out.Quotes = ac.quotes()
	out.Entities = ac.entities()
	return out
}

func (c *Coder) debugf(format string, args ...any) {
	if c.opts.Debug != nil {
		fmt.Fprintf(c.opts.Debug, format+"\n", args...)
	}
}

// anchorDate is the date relative expressions are resolved against: the
// dateline's date, else the publication time, else today.
func anchorDate(a *dyad.Article) time.Time {
	if d, err := time.Parse("2006-01-02", a.Dateline.Date); err == nil {
		return d
	}
	if !a.Published.IsZero() {
		return a.Published.UTC()
	}
	return time.Now().UTC()
}

// eventID is a stable hash of what identifies an event in its article.
func eventID(articleID string, sentence, pred int, source, target string) string {
	h := sha256.New()
	for _, s := range []string{articleID, strconv.Itoa(sentence), strconv.Itoa(pred), source, target} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
