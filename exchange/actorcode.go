package exchange

import "strings"

// CAMEO actor-code parts, as GDELT's lookup tables group them. Written by the dyad team from the
// CAMEO codebook's published code lists.
var (
	// prefixTypes open an actor code and are types in GDELT's split: IGOWSTNAT is type IGO.
	prefixTypes = setOf("IGO NGO IMG MNC NGM INT UIS")
	// typeCodes are GDELT's role/type codes (CAMEO.type), less the four organisation codes
	// (AMN, IRC, GRP, UNO) that GDELT files show in the known-group column.
	typeCodes = setOf("COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF MOD RAD PKO SET " +
		"IGO NGO IMG MNC NGM INT UIS")
	// religionCodes are CAMEO's religion codes (CAMEO.religion).
	religionCodes = setOf("ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAN JEW JHW LDS MOS MRN NRM PAG PRO SFI SHI SHN SIK SUN TAO UDS ZRO")
	// droppedCodes are parts that GDELT keeps in the full code but in no role column: party and
	// religion in general, and the former Serbia and Montenegro, whose next part is the country.
	droppedCodes = setOf("PTY REL SCG")
)

// SplitActorCode splits a CAMEO actor code into GDELT's role columns and returns an Actor with
// Code and the role fields set. The code is read three letters at a time:
//
//   - a first part IGO, NGO, IMG, MNC, NGM, INT or UIS is a type (IGOWSTNAT: type IGO);
//   - the country is the first part, or the part after such a prefix (NGODNKREF: DNK, MNCUSA:
//     USA); after IGO only a CAMEO region counts (IGOWSTNAT: WST; IGONAM is not Namibia);
//     countries are ISO alpha-3 codes and CAMEO regions (EUR, AFR, MEA, WST, ...);
//   - a later country part gives the country when none came before, except after IGO (SCGSRB: SRB);
//   - a lower-case part is the ethnic code (idgCOP: idg);
//   - religion parts fill Religion1Code and Religion2Code (CHRCTH: CHR, CTH);
//   - type parts fill Type1Code to Type3Code in order (USAGOVMIL: GOV, MIL); more are dropped;
//   - PTY, REL, SCG and numbered parts (CHRANG001) go in no column, as in GDELT files;
//   - the first remaining part is the known group (IGOUNOGOV: UNO; AFGINSTAL: TAL; NGOHRIAMN: AMN).
//
// GDELT's own split looks parts up in its known-group table; dyad's codes name groups with parts
// of their own (AFGREBISK), so any part that is not a country, type or religion is taken as the
// group. Codes whose length is not a multiple of three keep their whole parts only.
func SplitActorCode(code string) Actor {
	a := Actor{Code: code}
	n := len(code) / 3
	part := func(i int) string { return code[3*i : 3*i+3] }
	i := 0
	if n > 0 && prefixTypes[part(0)] {
		a.addType(part(0))
		i = 1
	}
	if i < n {
		p := part(i)
		if (i == 0 && (isCountry(p) || regionCodes[p])) ||
			(i == 1 && (regionCodes[p] || (isCountry(p) && part(0) != "IGO"))) {
			a.CountryCode = p
			i++
		}
	}
	for ; i < n; i++ {
		p := part(i)
		switch {
		case isLower(p):
			if a.EthnicCode == "" {
				a.EthnicCode = p
			}
		case religionCodes[p]:
			if a.Religion1Code == "" {
				a.Religion1Code = p
			} else if a.Religion2Code == "" {
				a.Religion2Code = p
			}
		case typeCodes[p]:
			a.addType(p)
		case a.CountryCode == "" && isCountry(p) && part(0) != "IGO":
			a.CountryCode = p // SCGSRB: SRB
		case droppedCodes[p], !isUpperAlpha(p):
		case i+1 < n && !isUpperAlpha(part(i+1)) && !isLower(part(i+1)):
			// a numbered special code (ANG001): not a group
		default:
			if a.KnownGroupCode == "" {
				a.KnownGroupCode = p
			}
		}
	}
	return a
}

func (a *Actor) addType(t string) {
	switch {
	case a.Type1Code == "":
		a.Type1Code = t
	case a.Type2Code == "":
		a.Type2Code = t
	case a.Type3Code == "":
		a.Type3Code = t
	}
}

func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

func isUpperAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// phoenixActor splits a CAMEO actor code as the Phoenix data sets do: root (a country or IGO,
// NGO, IMG, MNC), primary agent (GOV, MIL, REB, OPP, PTY, COP, JUD, SPY, MED, EDU, BUS, CRM,
// CVL) and the other three-letter parts, joined by ';'. The agent is the second part only, as
// in Phoenix; unlike Phoenix, a first part that is not a root is kept among the others.
func phoenixActor(code string) (root, agent, others string) {
	if len(code) < 3 {
		return "", "", code
	}
	if p := code[:3]; isCountry(p) || phoenixRoots[p] {
		root = p
	}
	if len(code) >= 6 && phoenixAgents[code[3:6]] {
		agent = code[3:6]
	}
	var parts []string
	if root == "" {
		parts = append(parts, code[:3]) // Phoenix drops it; dyad keeps it
	}
	start := 3
	if agent != "" {
		start = 6
	}
	for i := start; i < len(code); i += 3 {
		parts = append(parts, code[i:min(i+3, len(code))])
	}
	return root, agent, strings.Join(parts, ";")
}

var (
	phoenixRoots  = setOf("IGO NGO IMG MNC")
	phoenixAgents = setOf("GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL")
)
