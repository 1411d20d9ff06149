package geo

import "strings"

// State is a US state or district as datelines write it.
type State struct {
	Name string
	// AP is the Associated Press style abbreviation ("Md.", "Calif.");
	// AP writes the eight short names (Alaska, Texas, ...) in full.
	AP string
	// Postal is the two-letter USPS code.
	Postal string
}

var states = []State{
	{"Alabama", "Ala.", "AL"}, {"Alaska", "Alaska", "AK"}, {"Arizona", "Ariz.", "AZ"},
	{"Arkansas", "Ark.", "AR"}, {"California", "Calif.", "CA"}, {"Colorado", "Colo.", "CO"},
	{"Connecticut", "Conn.", "CT"}, {"Delaware", "Del.", "DE"}, {"District of Columbia", "D.C.", "DC"},
	{"Florida", "Fla.", "FL"}, {"Georgia", "Ga.", "GA"}, {"Hawaii", "Hawaii", "HI"},
	{"Idaho", "Idaho", "ID"}, {"Illinois", "Ill.", "IL"}, {"Indiana", "Ind.", "IN"},
	{"Iowa", "Iowa", "IA"}, {"Kansas", "Kan.", "KS"}, {"Kentucky", "Ky.", "KY"},
	{"Louisiana", "La.", "LA"}, {"Maine", "Maine", "ME"}, {"Maryland", "Md.", "MD"},
	{"Massachusetts", "Mass.", "MA"}, {"Michigan", "Mich.", "MI"}, {"Minnesota", "Minn.", "MN"},
	{"Mississippi", "Miss.", "MS"}, {"Missouri", "Mo.", "MO"}, {"Montana", "Mont.", "MT"},
	{"Nebraska", "Neb.", "NE"}, {"Nevada", "Nev.", "NV"}, {"New Hampshire", "N.H.", "NH"},
	{"New Jersey", "N.J.", "NJ"}, {"New Mexico", "N.M.", "NM"}, {"New York", "N.Y.", "NY"},
	{"North Carolina", "N.C.", "NC"}, {"North Dakota", "N.D.", "ND"}, {"Ohio", "Ohio", "OH"},
	{"Oklahoma", "Okla.", "OK"}, {"Oregon", "Ore.", "OR"}, {"Pennsylvania", "Pa.", "PA"},
	{"Rhode Island", "R.I.", "RI"}, {"South Carolina", "S.C.", "SC"}, {"South Dakota", "S.D.", "SD"},
	{"Tennessee", "Tenn.", "TN"}, {"Texas", "Texas", "TX"}, {"Utah", "Utah", "UT"},
	{"Vermont", "Vt.", "VT"}, {"Virginia", "Va.", "VA"}, {"Washington", "Wash.", "WA"},
	{"West Virginia", "W.Va.", "WV"}, {"Wisconsin", "Wis.", "WI"}, {"Wyoming", "Wyo.", "WY"},
}

// stateVariants are abbreviations in common use besides AP's.
var stateVariants = map[string]string{
	"Calif": "CA", "Penn.": "PA", "Tex.": "TX", "Wisc.": "WI", "Fla": "FL",
	"Md": "MD", "Pa": "PA", "Va": "VA", "Mass": "MA", "Conn": "CT",
	"W. Va.": "WV", "Ariz": "AZ", "Wash": "WA", "Mich": "MI", "Ill": "IL",
}

var stateByKey = func() map[string]State {
	m := make(map[string]State, 4*len(states))
	byPostal := make(map[string]State, len(states))
	for _, s := range states {
		m[s.Name] = s
		m[strings.ToUpper(s.Name)] = s
		m[s.AP] = s
		m[strings.ToUpper(s.AP)] = s
		byPostal[s.Postal] = s
	}
	for v, postal := range stateVariants {
		m[v] = byPostal[postal]
	}
	// Two-letter postal codes also name states, except where they are
	// words or other things in dateline position ("IN", "OR", "ME", "OK").
	for p, s := range byPostal {
		switch p {
		case "IN", "OR", "ME", "OK", "HI", "ID", "OH", "LA", "DE", "PA", "MA", "CO":
			continue
		}
		m[p] = s
	}
	return m
}()

// USState finds a state by its name, AP abbreviation or a common
// variant, as written in a dateline: "Md.", "Maryland", "N.Y.", "Calif.".
func USState(s string) (State, bool) {
	st, ok := stateByKey[s]
	return st, ok
}
