package dict

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// EventCode is a verb dictionary code: "[190]", or "[042:043]" for an
// active and a passive code (PETRARCH2 codes the passive reading of the
// verb with the second), or "[---]" for no event.
type EventCode struct {
	Active, Passive string
}

// Null reports whether the code generates no event in the active voice.
func (c EventCode) Null() bool { return c.Active == "" || c.Active == "---" }

func (c EventCode) String() string {
	if c.Passive == "" {
		return c.Active
	}
	return c.Active + ":" + c.Passive
}

func parseEventCode(s string) (EventCode, string) {
	s = strings.TrimSpace(s)
	a, p, _ := strings.Cut(s, ":")
	c := EventCode{Active: strings.ToUpper(strings.TrimSpace(a)), Passive: strings.ToUpper(strings.TrimSpace(p))}
	if c.Active == "" && c.Passive == "" {
		return c, "empty code"
	}
	for _, part := range []string{c.Active, c.Passive} {
		if part != "" && part != "---" && !validCode(part) {
			return c, fmt.Sprintf("code %q: want digits (and letters)", s)
		}
	}
	return c, ""
}

// VerbBlock is a "--- NAME [CODE] ---" block: synonymous verbs and the
// patterns that refine their code.
type VerbBlock struct {
	// Name is the block's header word, e.g. "PHYSICAL_CONFLICT".
	Name string
	// Code is the block's default code for its verbs.
	Code EventCode
	// Verbs are the block's verbs as written (one entry a line, primary
	// forms; see Verbs.Lookup for inflected forms).
	Verbs []*Verb
	// Patterns are the block's patterns, most specific first (more
	// terms to match), in file order among equals.
	Patterns []*Pattern
	File     string
	Line     int
}

// Verb is one form of a dictionary verb.
type Verb struct {
	// Word is the word the parser tags as the verb, inflected: "FOUGHT".
	Word string
	// Before and After are the other words of a multi-word verb, which
	// must stand right before or after Word: RE_+ARREST has Before
	// ["RE"], +FIGHT_BACK has After ["BACK"].
	Before, After []string
	// Lemma is the dictionary entry the form comes from, normalised,
	// without its '+': "FIGHT_BACK", "RE_ARREST", "ATTACK".
	Lemma string
	// Code is the verb's own code if its line gives one, else its block's.
	Code  EventCode
	Block *VerbBlock
	File  string
	Line  int
}

// ElementKind says what a pattern element matches.
type ElementKind uint8

// Pattern element kinds.
const (
	// Word is a literal word (a noun head, preposition or particle).
	Word ElementKind = iota
	// SynsetRef is "&NAME": any member of the synonym set.
	SynsetRef
	// SourceMark is "$": the source actor is here.
	SourceMark
	// TargetMark is "+": the target actor is here.
	TargetMark
	// SkipMark is "^": an actor that is neither source nor target.
	SkipMark
	// CompoundMark is "%": a compound actor (TABARI legacy).
	CompoundMark
	// NounPhrase is "{A B C}": a noun phrase with head C (the last
	// element) and modifiers A, B.
	NounPhrase
	// PrepPhrase is "(P X Y)": preposition P (first element) governing
	// X, Y.
	PrepPhrase
)

var kindNames = [...]string{"word", "synset", "source", "target", "skip", "compound", "noun phrase", "prep phrase"}

func (k ElementKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Element is one item of a pattern.
type Element struct {
	Kind ElementKind
	// Text is the word for Word, the set name with its '&' for SynsetRef,
	// empty otherwise.
	Text string
	// Joined means the element is written joined to the one before it
	// (or, first after '*', to the verb) with '_': nothing may come
	// between them.
	Joined bool
	// Elements are the parts of a NounPhrase or PrepPhrase.
	Elements []Element
}

// Pattern is a "- BEFORE * AFTER [CODE]" line: when the verb's sentence
// has the elements before and after the verb (the '*'), the event code
// is Code.
type Pattern struct {
	Before, After []Element
	// VerbJoined means the verb is written joined to the element before
	// it ("IN_*").
	VerbJoined bool
	Code       EventCode
	// Text is the pattern as written, between '-' and the code.
	Text string
	File string
	Line int
}

// Specificity is the number of terms the pattern requires (words, set
// references, markers, the parts of phrases); patterns with more are
// tried first.
func (p *Pattern) Specificity() int { return countTerms(p.Before) + countTerms(p.After) }

func countTerms(es []Element) int {
	n := 0
	for _, e := range es {
		if e.Kind == NounPhrase || e.Kind == PrepPhrase {
			n += countTerms(e.Elements)
		} else {
			n++
		}
	}
	return n
}

// Synset is a "&NAME" synonym set.
type Synset struct {
	// Name is the set's name with its '&' and without a trailing '_'.
	Name string
	// Members are the phrases of the set (each a word sequence), plurals
	// and nested sets expanded.
	Members [][]string
	File    string
	Line    int

	raw     []synMember
	plurals bool
	trie    phraseTrie[struct{}]
}

type synMember struct {
	words  []string // or a single "&NAME"
	plural bool
	line   int
}

// Match is the length of the longest member at the start of tokens, 0 if
// none.
func (s *Synset) Match(tokens []string) int {
	n, _ := s.trie.longest(tokens)
	return n
}

// Transformation is a "~" line: a rule rewriting an event embedded in a
// clause of another verb, such as "~ a (a b ATTACK) SAY = a b 015": when
// a says that a attacked b, the event is a → b 015. Letters are
// variables; "." and "_" are kept as written (PETRARCH2 uses them for an
// absent and an unconstrained actor).
type Transformation struct {
	Source                              string
	InnerSource, InnerTarget, InnerVerb string
	Verb                                string
	ResultSource, ResultTarget          string
	ResultCode                          string
	Text                                string
	File                                string
	Line                                int
}

// Verbs is the union of verb dictionaries.
type Verbs struct {
	Blocks          []*VerbBlock
	Synsets         map[string]*Synset
	Transformations []*Transformation

	forms map[string][]*Verb
	// pending holds patterns until synsets are resolved.
	pending []*pendingPattern
}

type pendingPattern struct {
	p     *Pattern
	block *VerbBlock
}

func newVerbs() *Verbs {
	return &Verbs{Synsets: map[string]*Synset{}, forms: map[string][]*Verb{}}
}

// Lookup returns the dictionary verbs whose (inflected) verb word is
// word: multi-word verbs first, longest first, then single words, in file
// order among equals. Each carries its code and block, and the block its
// patterns.
func (v *Verbs) Lookup(word string) []*Verb { return v.forms[upper(word)] }

// Forms is the number of distinct verb words.
func (v *Verbs) Forms() int { return len(v.forms) }

// Patterns is the number of patterns in all blocks.
func (v *Verbs) Patterns() int {
	n := 0
	for _, b := range v.Blocks {
		n += len(b.Patterns)
	}
	return n
}

// Synset returns the set named name ("&CURRENCY" or "CURRENCY").
func (v *Verbs) Synset(name string) (*Synset, bool) {
	name = strings.ToUpper(strings.TrimSuffix(name, "_"))
	if !strings.HasPrefix(name, "&") {
		name = "&" + name
	}
	s, ok := v.Synsets[name]
	return s, ok
}

// read parses one verb dictionary. Grammar (PETRreader.py):
//
//	&NAME          a synonym set, its members on the "+" lines that follow;
//	               a trailing '_' on the name (no plurals for any member)
//	               or on a member (none for it)
//	--- NAME [CODE] ---   a verb block with its default code
//	VERB [CODE]           a verb; regular forms generated
//	VERB {F1 F2 ...}      a verb with all its forms given ("{}": only VERB)
//	+FIGHT_BACK, RE_+ARREST   multi-word verbs, '+' marking the verb word
//	- BEFORE * AFTER [CODE]   a pattern; see Pattern and Element
//	~ a (a b VERB) VERB2 = a b CODE   a transformation
//
// Comments: '#' and (TABARI) ';' to the end of the line, "<!-- -->".
// Reported: a verb or pattern outside a block, a multi-word verb without
// '+' or with words separated by spaces, a pattern without exactly one
// '*', unbalanced or nested brackets, a missing or malformed code, and
// (after all files are read) a reference to an undefined synset.
func (v *Verbs) read(lr *lineReader) error {
	lr.semicolonComments = true
	var block *VerbBlock
	var syn *Synset
	for {
		l, ok, err := lr.next()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		text := strings.TrimSpace(l.text)
		if syn != nil && text[0] == '+' {
			v.addSynMember(lr, l.n, syn, text[1:])
			continue
		}
		syn = nil
		switch {
		case strings.HasPrefix(text, "---"):
			block = v.readBlockHeader(lr, l.n, text)
		case text[0] == '&':
			syn = v.readSynsetHeader(lr, l.n, text)
		case text[0] == '~':
			v.readTransformation(lr, l.n, text)
		case text[0] == '-':
			if block == nil {
				lr.errs.add(lr.file, l.n, "pattern outside a verb block")
				continue
			}
			p, msg := parsePattern(strings.TrimSpace(text[1:]))
			if msg != "" {
				lr.errs.add(lr.file, l.n, msg)
				continue
			}
			p.File, p.Line = lr.file, l.n
			v.pending = append(v.pending, &pendingPattern{p: p, block: block})
		default:
			if block == nil {
				lr.errs.add(lr.file, l.n, "verb outside a verb block")
				continue
			}
			v.readVerb(lr, l.n, text, block)
		}
	}
}

func (v *Verbs) readBlockHeader(lr *lineReader, n int, text string) *VerbBlock {
	body := strings.Trim(text, "- \t")
	b := &VerbBlock{Code: EventCode{Active: "---"}, File: lr.file, Line: n}
	name := body
	if i := strings.IndexByte(body, '['); i >= 0 {
		j := strings.IndexByte(body, ']')
		if j < i {
			lr.errs.add(lr.file, n, "missing ']' in block header")
		} else if c, msg := parseEventCode(body[i+1 : j]); msg != "" {
			lr.errs.add(lr.file, n, msg)
		} else {
			b.Code = c
		}
		name = body[:i]
	}
	b.Name = Normalize(name)
	v.Blocks = append(v.Blocks, b)
	return b
}

func (v *Verbs) readSynsetHeader(lr *lineReader, n int, text string) *Synset {
	name := strings.ToUpper(text)
	if len(strings.Fields(name)) != 1 || len(name) < 2 {
		lr.errs.add(lr.file, n, fmt.Sprintf("synset name %q: want &NAME", text))
		return nil
	}
	s := &Synset{Name: name, plurals: true, File: lr.file, Line: n}
	if strings.HasSuffix(name, "_") {
		s.Name, s.plurals = strings.TrimSuffix(name, "_"), false
	}
	if old, dup := v.Synsets[s.Name]; dup {
		// A redefinition extends the set, as PETRARCH2's reader does.
		return old
	}
	v.Synsets[s.Name] = s
	return s
}

func (v *Verbs) addSynMember(lr *lineReader, n int, s *Synset, text string) {
	text = strings.TrimSpace(text)
	m := synMember{plural: s.plurals && !strings.HasSuffix(text, "_"), line: n}
	if strings.HasPrefix(text, "&") {
		ref := strings.ToUpper(strings.TrimSuffix(text, "_"))
		if len(strings.Fields(ref)) != 1 {
			lr.errs.add(lr.file, n, "a set reference in a synset must stand alone")
			return
		}
		m.words = []string{ref}
	} else {
		if strings.ContainsAny(text, "&$%^*(){}[]") {
			lr.errs.add(lr.file, n, "synset members are words only")
			return
		}
		m.words = Tokens(text)
	}
	if len(m.words) == 0 {
		lr.errs.add(lr.file, n, "empty synset member")
		return
	}
	s.raw = append(s.raw, m)
}

func (v *Verbs) readTransformation(lr *lineReader, n int, text string) {
	lhs, rhs, ok := strings.Cut(text[1:], "=")
	l := strings.Fields(strings.NewReplacer("(", " ( ", ")", " ) ").Replace(lhs))
	r := strings.Fields(rhs)
	if !ok || len(l) != 7 || l[1] != "(" || l[5] != ")" || len(r) != 3 {
		lr.errs.add(lr.file, n, "transformation: want ~ a (a b VERB) VERB2 = a b CODE")
		return
	}
	v.Transformations = append(v.Transformations, &Transformation{
		Source: l[0], InnerSource: l[2], InnerTarget: l[3], InnerVerb: strings.ToUpper(l[4]),
		Verb: strings.ToUpper(l[6]), ResultSource: r[0], ResultTarget: r[1], ResultCode: r[2],
		Text: strings.TrimSpace(text), File: lr.file, Line: n,
	})
}

// readVerb parses "FORM {FORMS} [CODE]" and files every form.
func (v *Verbs) readVerb(lr *lineReader, n int, text string, b *VerbBlock) {
	code := b.Code
	if i := strings.IndexByte(text, '['); i >= 0 {
		j := strings.LastIndexByte(text, ']')
		if j < i || strings.TrimSpace(text[j+1:]) != "" {
			lr.errs.add(lr.file, n, "want VERB {FORMS} [CODE]")
			return
		}
		c, msg := parseEventCode(text[i+1 : j])
		if msg != "" {
			lr.errs.add(lr.file, n, msg)
			return
		}
		code, text = c, text[:i]
	}
	var forms []string
	braces := false
	if i := strings.IndexByte(text, '{'); i >= 0 {
		j := strings.IndexByte(text, '}')
		if j < i || strings.TrimSpace(text[j+1:]) != "" {
			lr.errs.add(lr.file, n, "unbalanced '{' in verb forms")
			return
		}
		forms, braces, text = strings.Fields(text[i+1:j]), true, text[:i]
	}
	head := strings.Fields(strings.ToUpper(text))
	if len(head) != 1 {
		lr.errs.add(lr.file, n, fmt.Sprintf("verb %q: join the words of a multi-word verb with '_' and mark the verb with '+'", strings.TrimSpace(text)))
		return
	}
	primary, msg := parseVerbForm(head[0], -1)
	if msg != "" {
		lr.errs.add(lr.file, n, msg)
		return
	}
	lemma := strings.Join(append(append(append([]string(nil), primary.Before...), primary.Word), primary.After...), "_")
	mk := func(f *Verb) *Verb {
		f.Lemma, f.Code, f.Block, f.File, f.Line = lemma, code, b, lr.file, n
		return f
	}
	all := []*Verb{mk(primary)}
	if braces {
		pos := len(primary.Before)
		for _, f := range forms {
			vf, msg := parseVerbForm(strings.ToUpper(f), pos)
			if msg != "" {
				lr.errs.add(lr.file, n, msg)
				return
			}
			all = append(all, mk(vf))
		}
	} else {
		s, ed, ing := regularVerbForms(primary.Word)
		for _, w := range []string{s, ed, ing} {
			all = append(all, mk(&Verb{Word: w, Before: primary.Before, After: primary.After}))
		}
	}
	b.Verbs = append(b.Verbs, all[0])
	for _, f := range all {
		v.forms[f.Word] = insertVerb(v.forms[f.Word], f)
	}
}

// insertVerb keeps a form list ordered: more words first, then file order.
// A form a later file lists again replaces the earlier files' entries for
// it, so an override file (dyad's own, or a user's --verbs) can give a
// verb another block; within one file a form listed in several blocks
// keeps them all.
func insertVerb(list []*Verb, f *Verb) []*Verb {
	kept := list[:0]
	for _, o := range list {
		same := o.Word == f.Word && slices.Equal(o.Before, f.Before) && slices.Equal(o.After, f.After)
		if same && o.Block == f.Block && o.Line == f.Line {
			return list // the same form listed twice on one line
		}
		if same && o.File != f.File {
			continue
		}
		kept = append(kept, o)
	}
	list = kept
	size := func(x *Verb) int { return len(x.Before) + len(x.After) }
	i := sort.Search(len(list), func(i int) bool { return size(list[i]) < size(f) })
	list = append(list, nil)
	copy(list[i+1:], list[i:])
	list[i] = f
	return list
}

// parseVerbForm reads "WORD", "+WORD_PARTICLE" or "WORDS_+WORD". A
// multi-word form without '+' takes its verb at verbPos (the primary's),
// or fails when verbPos < 0.
func parseVerbForm(s string, verbPos int) (*Verb, string) {
	words := strings.Split(s, "_")
	for _, w := range words {
		if w == "" || w == "+" {
			return nil, fmt.Sprintf("verb form %q has an empty word", s)
		}
		if strings.ContainsAny(w, "{}[]()&$%^*~") {
			return nil, fmt.Sprintf("verb form %q: unexpected character", s)
		}
	}
	at := -1
	for i, w := range words {
		if strings.HasPrefix(w, "+") {
			if at >= 0 {
				return nil, fmt.Sprintf("verb form %q marks two verbs with '+'", s)
			}
			at, words[i] = i, w[1:]
		}
	}
	if at < 0 {
		switch {
		case len(words) == 1:
			at = 0
		case verbPos >= 0 && verbPos < len(words):
			at = verbPos
		default:
			return nil, fmt.Sprintf("multi-word verb %q: mark the verb word with '+'", s)
		}
	}
	f := &Verb{Word: words[at]}
	if at > 0 {
		f.Before = words[:at]
	}
	if at < len(words)-1 {
		f.After = words[at+1:]
	}
	return f, ""
}

// finish resolves synsets and files the patterns; it runs once all verb
// files are read, since a set may be defined after (or in another file
// than) the patterns using it.
func (v *Verbs) finish(errs *errorList) {
	state := map[string]int{} // 0 unvisited, 1 in progress, 2 done
	var resolve func(s *Synset) bool
	resolve = func(s *Synset) bool {
		switch state[s.Name] {
		case 1:
			errs.add(s.File, s.Line, fmt.Sprintf("synset %s contains itself", s.Name))
			return false
		case 2:
			return true
		}
		state[s.Name] = 1
		for _, m := range s.raw {
			if strings.HasPrefix(m.words[0], "&") {
				sub, ok := v.Synsets[m.words[0]]
				if !ok {
					errs.add(s.File, m.line, fmt.Sprintf("synset %s is not defined", m.words[0]))
					continue
				}
				if resolve(sub) {
					s.Members = append(s.Members, sub.Members...)
				}
				continue
			}
			s.Members = append(s.Members, m.words)
			if m.plural {
				pl := append([]string(nil), m.words...)
				pl[len(pl)-1] = pluralNoun(pl[len(pl)-1])
				s.Members = append(s.Members, pl)
			}
		}
		for _, m := range s.Members {
			s.trie.put(m, struct{}{})
		}
		state[s.Name] = 2
		return true
	}
	names := make([]string, 0, len(v.Synsets))
	for name := range v.Synsets {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		resolve(v.Synsets[name])
	}
	for _, pp := range v.pending {
		if ref := v.undefinedRef(pp.p.Before, pp.p.After); ref != "" {
			errs.add(pp.p.File, pp.p.Line, fmt.Sprintf("pattern uses undefined synset %s", ref))
			continue
		}
		pp.block.Patterns = append(pp.block.Patterns, pp.p)
	}
	v.pending = nil
	for _, b := range v.Blocks {
		sort.SliceStable(b.Patterns, func(i, j int) bool {
			return b.Patterns[i].Specificity() > b.Patterns[j].Specificity()
		})
	}
}

func (v *Verbs) undefinedRef(lists ...[]Element) string {
	for _, es := range lists {
		for _, e := range es {
			if e.Kind == SynsetRef {
				if _, ok := v.Synsets[e.Text]; !ok {
					return e.Text
				}
			}
			if ref := v.undefinedRef(e.Elements); ref != "" {
				return ref
			}
		}
	}
	return ""
}

// patToken is a lexical item of a pattern.
type patToken struct {
	text   string // a word, "&SET", or one of $ + ^ % * ( ) { }
	joined bool   // written with '_' right before it
}

func lexPattern(s string) []patToken {
	var toks []patToken
	joinNext := false
	word := strings.Builder{}
	flush := func() {
		if word.Len() > 0 {
			toks = append(toks, patToken{text: word.String(), joined: joinNext})
			word.Reset()
			joinNext = false
		}
	}
	for _, r := range s {
		switch {
		case r == '_':
			flush()
			joinNext = true
		case r == ' ' || r == '\t':
			flush()
			joinNext = false
		case strings.ContainsRune("$^%*(){}", r), r == '+' && word.Len() == 0:
			flush()
			toks = append(toks, patToken{text: string(r), joined: joinNext})
			joinNext = false
		default:
			word.WriteRune(r)
		}
	}
	flush()
	return toks
}

// parsePattern reads "BEFORE * AFTER [CODE]".
func parsePattern(s string) (*Pattern, string) {
	i := strings.LastIndexByte(s, '[')
	j := strings.LastIndexByte(s, ']')
	if i < 0 || j < i || strings.TrimSpace(s[j+1:]) != "" {
		return nil, "pattern without a final [code]"
	}
	code, msg := parseEventCode(s[i+1 : j])
	if msg != "" {
		return nil, msg
	}
	body := strings.TrimSpace(s[:i])
	if strings.ContainsAny(body, "[]") {
		return nil, "stray bracket in pattern"
	}
	p := &Pattern{Code: code, Text: body}
	toks := lexPattern(strings.ToUpper(body))
	star := -1
	for k, t := range toks {
		if t.text == "*" {
			if star >= 0 {
				return nil, "pattern with more than one '*'"
			}
			star = k
		}
	}
	if star < 0 {
		return nil, "pattern without the verb '*'"
	}
	var err string
	if p.Before, err = parseElements(toks[:star]); err != "" {
		return nil, err
	}
	if p.After, err = parseElements(toks[star+1:]); err != "" {
		return nil, err
	}
	p.VerbJoined = toks[star].joined
	if star+1 < len(toks) && toks[star+1].joined && len(p.After) > 0 {
		p.After[0].Joined = true
	}
	return p, ""
}

// parseElements groups tokens into elements: terms, {noun phrases} and
// (prepositional phrases), which may hold noun phrases but not nest
// otherwise.
func parseElements(toks []patToken) ([]Element, string) {
	var out []Element
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		switch t.text {
		case "(", "{":
			closer := map[string]string{"(": ")", "{": "}"}[t.text]
			end := -1
			depth := 0
			for m := k + 1; m < len(toks); m++ {
				switch toks[m].text {
				case "(":
					return nil, "nested '(' in pattern"
				case "{":
					if t.text == "{" {
						return nil, "nested '{' in pattern"
					}
					depth++
				case "}":
					if t.text == "(" {
						depth--
						if depth < 0 {
							return nil, "unbalanced '}' in pattern"
						}
					}
				}
				if toks[m].text == closer && depth == 0 {
					end = m
					break
				}
			}
			if end < 0 {
				return nil, fmt.Sprintf("unclosed '%s' in pattern", t.text)
			}
			inner, msg := parseElements(toks[k+1 : end])
			if msg != "" {
				return nil, msg
			}
			if len(inner) == 0 {
				return nil, fmt.Sprintf("empty '%s%s' in pattern", t.text, closer)
			}
			kind := NounPhrase
			if t.text == "(" {
				kind = PrepPhrase
			} else {
				for _, e := range inner {
					if e.Kind == NounPhrase || e.Kind == PrepPhrase {
						return nil, "phrase inside a noun phrase"
					}
				}
			}
			out = append(out, Element{Kind: kind, Joined: t.joined, Elements: inner})
			k = end
		case ")", "}":
			return nil, fmt.Sprintf("unbalanced '%s' in pattern", t.text)
		case "$":
			out = append(out, Element{Kind: SourceMark, Joined: t.joined})
		case "+":
			out = append(out, Element{Kind: TargetMark, Joined: t.joined})
		case "^":
			out = append(out, Element{Kind: SkipMark, Joined: t.joined})
		case "%":
			out = append(out, Element{Kind: CompoundMark, Joined: t.joined})
		default:
			if strings.HasPrefix(t.text, "&") {
				if len(t.text) < 2 {
					return nil, "empty synset reference"
				}
				out = append(out, Element{Kind: SynsetRef, Text: t.text, Joined: t.joined})
			} else {
				out = append(out, Element{Kind: Word, Text: t.text, Joined: t.joined})
			}
		}
	}
	return out, ""
}
