package dict

import (
	"fmt"
	"strings"
)

// Agent is an agent noun's code fragment: "~MIL" (TROOPS) or "NGO~"
// (HUMAN_RIGHTS_BODY).
type Agent struct {
	// Code is the fragment without its '~'.
	Code string
	// Prefix is true for "CODE~": the fragment goes before the actor's
	// code (organisations: "NGO~" + "USA" = "NGOUSA"); false for "~CODE",
	// which goes after it ("USA" + "~MIL" = "USAMIL").
	Prefix bool
	// Name is the dictionary form the entry was made from (singular,
	// normalised), e.g. "TROOP" for "TROOPS".
	Name string
	File string
	Line int
}

// Apply attaches the fragment to an actor code.
func (a Agent) Apply(actor string) string {
	if a.Prefix {
		return a.Code + actor
	}
	return actor + a.Code
}

// String is the fragment as the dictionaries write it.
func (a Agent) String() string {
	if a.Prefix {
		return a.Code + "~"
	}
	return "~" + a.Code
}

// Agents is the union of agent dictionaries; a phrase defined twice keeps
// its last definition.
type Agents struct {
	entries int
	names   phraseTrie[*Agent]
}

// Len is the number of dictionary entries (before plurals and
// substitutions).
func (a *Agents) Len() int { return a.entries }

// Names is the number of distinct phrases, plurals and substitutions
// included.
func (a *Agents) Names() int { return a.names.n }

// Lookup finds the agent a phrase names.
func (a *Agents) Lookup(phrase string) (*Agent, bool) { return a.names.get(Tokens(phrase)) }

// Match finds the longest agent phrase at the start of tokens.
func (a *Agents) Match(tokens []string) (n int, agent *Agent) { return a.names.longest(tokens) }

// read parses one agent dictionary.
//
// Format: "PHRASE {PLURAL} [CODE]" where the code is "~X" or "X~" and the
// optional braces give the plural ("{}" for none). Without braces the
// plural is made from the last word; PETRARCH's rule is kept (…Y → …IES,
// …S → …SES, else …S) with two fixes: a vowel before the Y keeps it
// (ATTORNEY → ATTORNEYS, not ATTORNIES) and …X/…Z/…CH/…SH take …ES
// (CHURCH → CHURCHES). "!NAME! = A, B, C" defines a substitution set;
// "CONGRESS!PERSON! [~LEG]" then stands for CONGRESSMAN, CONGRESSMEN, …
// with no further plurals. A missing or malformed code, an unclosed
// brace and an undefined set are reported.
func (a *Agents) read(lr *lineReader) error {
	subst := map[string][]string{}
	for {
		l, ok, err := lr.next()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		text := strings.TrimSpace(l.text)
		if strings.HasPrefix(text, "!") && strings.Contains(text, "=") && !strings.Contains(text, "[") {
			lhs, rhs, _ := strings.Cut(text, "=")
			lhs = strings.TrimSpace(lhs)
			if len(lhs) < 3 || !strings.HasSuffix(lhs, "!") || strings.Count(lhs, "!") != 2 {
				lr.errs.add(lr.file, l.n, fmt.Sprintf("substitution set %q: want !NAME! = A, B", lhs))
				continue
			}
			var items []string
			for _, it := range strings.Split(rhs, ",") {
				if it = Normalize(it); it != "" {
					items = append(items, it)
				}
			}
			if len(items) == 0 {
				lr.errs.add(lr.file, l.n, "empty substitution set")
				continue
			}
			subst[strings.ToUpper(lhs[1:len(lhs)-1])] = items
			continue
		}
		phrasePart, codePart, hasCode := strings.Cut(text, "[")
		if !hasCode {
			lr.errs.add(lr.file, l.n, "agent without a [code]")
			continue
		}
		codeText, after, closed := strings.Cut(codePart, "]")
		if !closed {
			lr.errs.add(lr.file, l.n, "missing ']'")
			continue
		}
		if strings.TrimSpace(after) != "" {
			lr.errs.add(lr.file, l.n, fmt.Sprintf("unexpected %q after the code", strings.TrimSpace(after)))
			continue
		}
		ag, msg := parseAgentCode(strings.TrimSpace(codeText))
		if msg != "" {
			lr.errs.add(lr.file, l.n, msg)
			continue
		}
		ag.File, ag.Line = lr.file, l.n
		phrase, plural, hasPlural := phrasePart, "", false
		if i := strings.IndexByte(phrasePart, '{'); i >= 0 {
			j := strings.IndexByte(phrasePart, '}')
			if j < i {
				lr.errs.add(lr.file, l.n, "missing '}'")
				continue
			}
			if strings.TrimSpace(phrasePart[j+1:]) != "" {
				lr.errs.add(lr.file, l.n, "text between '}' and the code")
				continue
			}
			phrase, plural, hasPlural = phrasePart[:i], phrasePart[i+1:j], true
		}
		if strings.Contains(phrase, "!") {
			forms, msg := substitute(phrase, subst)
			if msg != "" {
				lr.errs.add(lr.file, l.n, msg)
				continue
			}
			ag.Name = Normalize(forms[0])
			for _, f := range forms {
				a.names.put(Tokens(f), ag)
			}
			a.entries++
			continue
		}
		words := Tokens(phrase)
		if len(words) == 0 {
			lr.errs.add(lr.file, l.n, "empty agent phrase")
			continue
		}
		ag.Name = strings.Join(words, "_")
		a.names.put(words, ag)
		a.entries++
		switch {
		case hasPlural:
			if p := Tokens(plural); len(p) > 0 {
				a.names.put(p, ag)
			}
		default:
			pl := append([]string(nil), words...)
			pl[len(pl)-1] = pluralNoun(pl[len(pl)-1])
			a.names.put(pl, ag)
		}
	}
}

func parseAgentCode(s string) (*Agent, string) {
	ag := &Agent{}
	switch {
	case strings.HasPrefix(s, "~"):
		ag.Code = strings.ToUpper(s[1:])
	case strings.HasSuffix(s, "~"):
		ag.Code, ag.Prefix = strings.ToUpper(s[:len(s)-1]), true
	default:
		return nil, fmt.Sprintf("agent code %q: want ~CODE or CODE~", s)
	}
	if !validCode(ag.Code) {
		return nil, fmt.Sprintf("agent code %q: want letters and digits beside one '~'", s)
	}
	return ag, ""
}

// substitute expands the one !SET! marker in phrase.
func substitute(phrase string, subst map[string][]string) ([]string, string) {
	i := strings.IndexByte(phrase, '!')
	j := strings.IndexByte(phrase[i+1:], '!')
	if j < 0 {
		return nil, "unclosed substitution marker"
	}
	j += i + 1
	items, ok := subst[strings.ToUpper(phrase[i+1:j])]
	if !ok {
		return nil, fmt.Sprintf("substitution set !%s! is not defined", phrase[i+1:j])
	}
	if strings.Contains(phrase[j+1:], "!") {
		return nil, "more than one substitution marker"
	}
	forms := make([]string, 0, len(items))
	for _, it := range items {
		forms = append(forms, phrase[:i]+it+phrase[j+1:])
	}
	return forms, ""
}

// pluralNoun is the regular English plural of an upper-case noun.
func pluralNoun(w string) string {
	n := len(w)
	switch {
	case n == 0:
		return w
	case w[n-1] == 'Y' && n > 1 && !strings.ContainsRune("AEIOU", rune(w[n-2])):
		return w[:n-1] + "IES"
	case strings.HasSuffix(w, "S") || strings.HasSuffix(w, "X") || strings.HasSuffix(w, "Z") ||
		strings.HasSuffix(w, "CH") || strings.HasSuffix(w, "SH"):
		return w + "ES"
	}
	return w + "S"
}
