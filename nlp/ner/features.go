package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

func hashString(s string) uint64 { return fnvString(fnvOffset, s) }

// mix makes a feature key from a template number and up to two value
// hashes, with a splitmix64 finaliser so that keys spread evenly.
func mix(template uint64, a, b uint64) uint64 {
	x := a ^ (b * 0x9E3779B97F4A7C15) ^ (template << 56) ^ template*0xBF58476D1CE4E5B9
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// maxFeatureBytes bounds how much of a token feeds its features, so a
// hostile megabyte-long "word" costs no more than a long real one.
const maxFeatureBytes = 64

// tokenInfo is what feature extraction needs from one token, computed
// once per sentence.
type tokenInfo struct {
	lower                             string
	hLower, hForm, hShape             uint64
	hSuf2, hSuf3, hSuf4, hPre2, hPre3 uint64
	hUPOS, hXPOS                      uint64
	// lex is the token's lexicon entry: capitalisation and PROPN-ratio
	// buckets learned from unlabelled treebank text.
	lex   uint8
	title bool // lower is a personal title such as "mr." or "president"
	org   bool // lower is a word that ends organisation names
	loc   bool // lower is a word that ends place names
	cap   uint8
	propn bool // tagged PROPN
	// orgAhead is the distance (1–3) to an organisation word ending the
	// run of capitalised tokens this one starts or continues, 0 if none:
	// "Malcolm Smith Motorsports", "Ray 's Pizza".
	orgAhead uint8
	// run is the token's BILOU position in its maximal run of PROPN
	// tokens (0 outside one) and runLen that run's length: names are
	// PROPN runs, so the run tells where a name may start and end.
	run    uint8
	runLen uint8
}

// Capitalisation classes of a token.
const (
	capNone  uint8 = iota // no letters or starts lowercase
	capInit               // "Paris"
	capAll                // "NATO"
	capMixed              // "iPhone", "McCain"
)

var (
	hashBOS = hashString("<s>")
	hashEOS = hashString("</s>")
)

// clip cuts form to at most maxFeatureBytes on a rune boundary.
func clip(form string) string {
	if len(form) <= maxFeatureBytes {
		return form
	}
	cut := maxFeatureBytes
	for cut > 0 && !utf8.RuneStart(form[cut]) {
		cut--
	}
	return form[:cut]
}

// normalizeWord is the lexicon and gazetteer form of a token.
func normalizeWord(form string) string { return strings.ToLower(clip(form)) }

func fillTokenInfo(ti *tokenInfo, form, upos, xpos string, lex map[string]uint8) {
	form = clip(form)
	ti.lower = strings.ToLower(form)
	ti.hLower = hashString(ti.lower)
	ti.hForm = hashString(form)
	ti.hShape, ti.cap = shape(form)
	ti.hSuf2 = hashString(suffix(ti.lower, 2))
	ti.hSuf3 = hashString(suffix(ti.lower, 3))
	ti.hSuf4 = hashString(suffix(ti.lower, 4))
	ti.hPre2 = hashString(prefix(ti.lower, 2))
	ti.hPre3 = hashString(prefix(ti.lower, 3))
	ti.hUPOS = hashString(upos)
	ti.propn = upos == "PROPN"
	ti.hXPOS = hashString(xpos)
	l, ok := lex[ti.lower]
	if !ok {
		l = lexUnknown
	}
	ti.lex = l
	_, ti.title = titleWords[ti.lower]
	_, ti.org = orgWords[ti.lower]
	_, ti.loc = locWords[ti.lower]
}

// shape hashes the token's character classes with runs collapsed
// ("Xx", "X.X.", "d,d") and classifies its capitalisation.
func shape(form string) (uint64, uint8) {
	h := uint64(fnvOffset)
	var last byte
	upper, lower, n := 0, 0, 0
	firstUpper := false
	for _, r := range form {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			upper++
			if n == 0 {
				firstUpper = true
			}
		case unicode.IsLower(r):
			c = 'x'
			lower++
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsLetter(r):
			c = 'L'
		default:
			c = 'S'
		}
		n++
		if c != last {
			h = fnvByte(h, c)
			last = c
		}
	}
	switch {
	case upper == 0:
		return h, capNone
	case lower == 0:
		return h, capAll
	case firstUpper && upper == 1:
		return h, capInit
	case firstUpper:
		return h, capMixed
	}
	return h, capMixed
}

func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

func set(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

// Closed word lists that generalise beyond the few names seen in training.
var (
	titleWords = set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "president",
		"minister", "sen.", "sen", "senator", "rep.", "gov.", "governor", "gen.", "general", "col.", "lt.",
		"sgt.", "capt.", "king", "queen", "prince", "princess", "pope", "rev.", "father", "sheikh", "ayatollah",
		"chairman", "secretary", "judge", "mayor", "premier", "chancellor", "uncle", "aunt", "st.", "saint",
		"ambassador", "spokesman", "spokeswoman", "cleric", "leader")
	orgWords = set("inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "llc", "plc",
		"company", "group", "party", "ministry", "university", "college", "school", "institute", "association",
		"council", "committee", "commission", "agency", "bank", "foundation", "department", "church",
		"army", "court", "union", "organization", "organisation", "news", "times", "post", "airlines",
		"airways", "club", "society", "federation", "brigade", "brigades", "front", "movement", "board",
		"hospital", "center", "centre", "network", "press", "police", "forces", "office", "authority",
		"services", "systems", "technologies", "bureau", "fund", "assembly", "parliament", "congress", "senate",
		// Businesses, which web text names often: shops, restaurants,
		// publishers, firms.
		"restaurant", "cafe", "grill", "pizza", "pizzeria", "diner", "bakery", "hotel", "hotels", "motel",
		"inn", "motors", "motorsports", "automotive", "insurance", "energy", "partners", "industries",
		"holdings", "enterprises", "solutions", "labs", "records", "studios", "pictures", "entertainment",
		"media", "communications", "telecom", "railways", "railroad", "roadways", "orchestra", "books",
		"publishing", "publishers", "magazine", "journal", "daily", "herald", "tribune", "gazette",
		"telegraph", "academy", "pvt", "pvt.", "gmbh", "ag", "llp", "bancorp", "financial", "capital",
		"securities", "investments", "futures", "trust", "clinic", "pharmacy", "store", "stores", "market",
		"supermarket", "salon", "spa", "gym", "fitness", "dental", "cabs", "taxi", "express", "suites",
		"resort", "lodge", "mall", "team", "fc", "mosque", "temple", "cathedral", "administration",
		"command", "corps", "navy", "guard", "institution", "alliance", "coalition", "league", "conference")
	locWords = set("river", "lake", "mountain", "mountains", "mount", "mt.", "street", "st", "avenue", "ave",
		"ave.", "road", "rd", "rd.", "boulevard", "blvd", "bay", "island", "islands", "county", "province",
		"state", "park", "beach", "valley", "sea", "ocean", "gulf", "airport", "bridge", "city", "village",
		"district", "region", "strait", "peninsula", "desert", "falls", "canyon", "square", "airbase", "base",
		"hills", "coast", "border")
)

// Feature templates. Their numbers are part of the model format: renumber
// only with a new format version.
const (
	fBias uint64 = iota + 1
	fLower
	fForm
	fLowerPrev
	fLowerNext
	fLowerPrev2
	fLowerNext2
	fShape
	fShapePrev
	fShapeNext
	fShapeTri
	fSuf2
	fSuf3
	fSuf4
	fPre2
	fPre3
	fUPOS
	fUPOSPrev
	fUPOSNext
	fXPOS
	fUPOSTri
	fBigramPrev
	fBigramNext
	fGaz
	fGazCap
	fGazPrev
	fGazNext
	fLex
	fLexShape
	fLexPrev
	fLexNext
	fFirstLower
	fTitlePrev
	fOrgWord
	fOrgNext
	fLocWord
	fLocNext
	fUPOSShape
	fPrevLowerShape
	fCap
	fCapPrevNext
	fPropnRun
	fPropnRunLower
	fPropnRunLen
	fTitle
	fStackTag
	fStackTagCap
	fStackTri
	fStackTagLower
	fDocLabel
	fDocLabelCap
	fDocLabelTag
	fDocOnlyO
	fOrgAhead
	fAcronym
)

// features appends the feature keys of token i of the prepared sentence.
func (s *sentence) features(i int, dst []uint64) []uint64 {
	info := s.info
	t := &info[i]
	prev, next := hashBOS, hashEOS
	prev2, next2 := hashBOS, hashEOS
	prevShape, nextShape := hashBOS, hashEOS
	prevUPOS, nextUPOS := hashBOS, hashEOS
	prevLex, nextLex := uint64(0xFE), uint64(0xFE)
	prevCap, nextCap := uint64(9), uint64(9)
	prevTitle := false
	orgNext, locNext := false, false
	if i > 0 {
		p := &info[i-1]
		prev, prevShape, prevUPOS, prevLex, prevCap, prevTitle = p.hLower, p.hShape, p.hUPOS, uint64(p.lex), uint64(p.cap), p.title
	}
	if i > 1 {
		prev2 = info[i-2].hLower
	}
	if i+1 < len(info) {
		n := &info[i+1]
		next, nextShape, nextUPOS, nextLex, nextCap = n.hLower, n.hShape, n.hUPOS, uint64(n.lex), uint64(n.cap)
		orgNext, locNext = n.org, n.loc
	}
	if i+2 < len(info) {
		next2 = info[i+2].hLower
	}
	dst = append(dst,
		mix(fBias, 0, 0),
		mix(fLower, t.hLower, 0),
		mix(fForm, t.hForm, 0),
		mix(fLowerPrev, prev, 0),
		mix(fLowerNext, next, 0),
		mix(fLowerPrev2, prev2, 0),
		mix(fLowerNext2, next2, 0),
		mix(fShape, t.hShape, 0),
		mix(fShapePrev, prevShape, 0),
		mix(fShapeNext, nextShape, 0),
		mix(fShapeTri, t.hShape, prevShape*31+nextShape),
		mix(fSuf2, t.hSuf2, 0),
		mix(fSuf3, t.hSuf3, 0),
		mix(fSuf4, t.hSuf4, 0),
		mix(fPre2, t.hPre2, 0),
		mix(fPre3, t.hPre3, 0),
		mix(fUPOS, t.hUPOS, 0),
		mix(fUPOSPrev, prevUPOS, 0),
		mix(fUPOSNext, nextUPOS, 0),
		mix(fXPOS, t.hXPOS, 0),
		mix(fUPOSTri, t.hUPOS, prevUPOS*31+nextUPOS),
		mix(fBigramPrev, t.hLower, prev),
		mix(fBigramNext, t.hLower, next),
		mix(fLex, uint64(t.lex), 0),
		mix(fLexShape, uint64(t.lex), t.hShape),
		mix(fLexPrev, prevLex, uint64(t.lex)),
		mix(fLexNext, nextLex, uint64(t.lex)),
		mix(fUPOSShape, t.hUPOS, t.hShape),
		mix(fPrevLowerShape, prev, t.hShape),
		mix(fCap, uint64(t.cap), 0),
		mix(fCapPrevNext, uint64(t.cap), prevCap*16+nextCap),
	)
	if i == 0 {
		dst = append(dst, mix(fFirstLower, t.hLower, 0))
	}
	if t.run != 0 {
		dst = append(dst,
			mix(fPropnRun, uint64(t.run), uint64(t.cap)),
			mix(fPropnRunLower, uint64(t.run), t.hLower),
			mix(fPropnRunLen, uint64(t.run), uint64(min(t.runLen, 5))))
	}
	if t.orgAhead != 0 {
		dst = append(dst, mix(fOrgAhead, uint64(t.orgAhead), uint64(t.cap)))
	}
	if t.cap == capAll {
		dst = append(dst, mix(fAcronym, uint64(min(utf8.RuneCountInString(t.lower), 7)), uint64(t.lex)))
	}
	if t.title {
		dst = append(dst, mix(fTitle, uint64(t.cap), uint64(t.run)))
	}
	if prevTitle {
		dst = append(dst, mix(fTitlePrev, uint64(t.cap), 0))
	}
	if t.org {
		dst = append(dst, mix(fOrgWord, uint64(t.cap), 0))
	}
	if orgNext {
		dst = append(dst, mix(fOrgNext, uint64(t.cap), nextCap))
	}
	if t.loc {
		dst = append(dst, mix(fLocWord, uint64(t.cap), 0))
	}
	if locNext {
		dst = append(dst, mix(fLocNext, uint64(t.cap), nextCap))
	}
	if s.stack != nil {
		dst = s.stackedFeatures(i, dst)
	}
	g := s.gaz[i*numKinds : (i+1)*numKinds]
	for k, code := range g {
		if code == 0 {
			continue
		}
		dst = append(dst,
			mix(fGaz, uint64(k), uint64(code)),
			mix(fGazCap, uint64(k)<<8|uint64(code), uint64(t.cap)))
	}
	if i > 0 {
		for k, code := range s.gaz[(i-1)*numKinds : i*numKinds] {
			if code != 0 {
				dst = append(dst, mix(fGazPrev, uint64(k), uint64(code)))
			}
		}
	}
	if i+1 < len(info) {
		for k, code := range s.gaz[(i+1)*numKinds : (i+2)*numKinds] {
			if code != 0 {
				dst = append(dst, mix(fGazNext, uint64(k), uint64(code)))
			}
		}
	}
	return dst
}

// Lexicon buckets: how often a word is capitalised where capitals are
// not forced (not sentence-initial) and how often the treebank tags it
// PROPN, learned from unlabelled treebank sentences. They tell names from
// common words in text that ignores case, and generalise to names the
// labelled data never saw.
const lexUnknown uint8 = 0xFF

func capBucket(capped, total int) uint8 {
	if total == 0 {
		return 5
	}
	r := float64(capped) / float64(total)
	switch {
	case r < 0.05:
		return 0
	case r < 0.3:
		return 1
	case r < 0.7:
		return 2
	case r < 0.95:
		return 3
	}
	return 4
}

func propnBucket(propn, total int) uint8 {
	r := float64(propn) / float64(total)
	switch {
	case propn == 0:
		return 0
	case r < 0.3:
		return 1
	case r < 0.7:
		return 2
	}
	return 3
}
