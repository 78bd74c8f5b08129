package actors

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/nlp"
)

// testKB is a small team-written knowledge base, so that these tests do not change with data/.
var testKB = fstest.MapFS{
	"countries.yaml": {Data: []byte(`
- code: FRA
  iso2: FR
  name: France
  aliases: [French Republic]
  demonyms: [French]
  capital: Paris
  metonyms:
    - {text: Paris, code: FRAGOV}
    - {text: the Elysee, code: FRAGOV}
- code: DEU
  iso2: DE
  name: Germany
  demonyms: [German, Germans]
  capital: Berlin
`)},
	"organizations.yaml": {Data: []byte(`
- {code: IGOUNOWHO, name: World Health Organization, aliases: [WHO], type: IGO}
- {code: PAKREBLET, name: Lashkar-e-Taiba, aliases: [LeT], type: REB, country: ""}
`)},
	"roles.yaml": {Data: []byte(`
- code: GOV
  words: [foreign minister, minister, spokesman, chancellor, administration]
- code: MIL
  words: [army, soldier]
- code: COP
  words: [police]
`)},
	"people/p.yaml": {Data: []byte(`
- name: Anne Dupont
  aliases: [Anne-Marie Dupont]
  country: FRA
  roles:
    - {title: Foreign Minister, code: FRAGOV, from: 2015-01-10, to: 2019-06-30}
    - {title: President, code: FRAGOV, from: 2022-05-01}
- name: Paul Dupont
  country: FRA
  roles:
    - {title: Mayor, code: FRAGOV, from: 2001, to: 2008}
- name: Klaus Wernicke
  country: DEU
  roles:
    - {title: Chancellor, code: DEUGOV, from: 2018-03-14}
`)},
}

func findIn(t *testing.T, ix *Index, text string, date time.Time) (*nlp.Doc, []Mention) {
	t.Helper()
	d := &nlp.Doc{Text: text}
	d.Tokens = nlp.Tokenize(nil, text)
	nlp.Segment(d)
	return d, ix.Find(d, date)
}

func show(d *nlp.Doc, ms []Mention) string {
	var b []string
	for _, m := range ms {
		s := fmt.Sprintf("%s/%s/%s", d.Text[m.Start:m.End], m.Type, m.Code)
		if m.Phrase != m.Span || m.Code != "" && m.PhraseCode != m.Code {
			s += fmt.Sprintf("[%s=%s]", d.Text[m.Phrase.Start:m.Phrase.End], m.PhraseCode)
		}
		b = append(b, s)
	}
	return strings.Join(b, " ")
}

func TestFind(t *testing.T) {
	ix, err := Load(testKB)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		name, text, date, want string
	}{
		{"dated roles", "Anne Dupont met Klaus Wernicke in Berlin.", "2016-05-01",
			"Anne Dupont/PER/FRAGOV Klaus Wernicke/PER/DEU Berlin/LOC/DEUGOV"},
		{"same person later", "Anne Dupont met Klaus Wernicke in Berlin.", "2020-01-01",
			"Anne Dupont/PER/FRA Klaus Wernicke/PER/DEUGOV Berlin/LOC/DEUGOV"},
		{"surname refers back", "Anne-Marie Dupont arrived. Later Dupont spoke.", "2023-01-01",
			"Anne-Marie Dupont/PER/FRAGOV Dupont/PER/FRAGOV"},
		{"surname alone, one active", "Dupont spoke to the Elysee.", "2016-01-01",
			"Dupont/PER/FRAGOV Elysee/ORG/FRAGOV"},
		{"surname alone, none active, one country", "Dupont spoke.", "2010-01-01", "Dupont/PER/FRA"},
		{"misspelt country", "Talks with Germny ended.", "2019-01-01", "Germny/LOC/DEU"},
		{"typo", "Minister Anne Dupnot and Mr Wernicek spoke.", "2019-01-01",
			"Anne Dupnot/PER/FRAGOV Wernicek/PER/DEUGOV"},
		{"demonym with role", "The French foreign minister and German soldiers arrived.", "2020-01-01",
			"French/MISC/FRA[French foreign minister=FRAGOV] German/MISC/DEU[German soldiers=DEUMIL]"},
		{"possessive", "France's army moved.", "2019-01-01", "France/LOC/FRA[France's army=FRAMIL]"},
		{"role of a country", "The foreign minister of France and police in Germany spoke.", "2019-01-01",
			"France/LOC/FRA[foreign minister of France=FRAGOV] Germany/LOC/DEU[police in Germany=DEUCOP]"},
		{"the role goes with a list", "The ministers of France and Germany met.", "2019-01-01",
			"France/LOC/FRA[ministers of France=FRAGOV] Germany/LOC/DEU[Germany=DEUGOV]"},
		{"soldiers from a country, as a subject", "Soldiers from France withdrew the army from Germany.", "2019-01-01",
			"France/LOC/FRA[Soldiers from France=FRAMIL] army// Germany/LOC/DEU"},
		{"a title gives a role the person lacks", "Chancellor Klaus Wernicke spoke.", "2016-05-01",
			"Klaus Wernicke/PER/DEU[Klaus Wernicke=DEUGOV]"},
		{"an ethnic group is not a state's people", "The ethnic German soldiers waited.", "2019-01-01", "German/MISC/ soldiers//"},
		{"a people where it lives", "The Germans of southern France waited.", "2019-01-01",
			"Germans/MISC/FRA[Germans of southern France=FRA] France/LOC/FRA"},
		{"armies serve abroad", "Soldiers in Germany and its army of France waited.", "2019-01-01",
			"Soldiers// Germany/LOC/DEU army// France/LOC/FRA"},
		{"a person's administration", "The Dupont administration spoke.", "2016-01-01",
			"Dupont/PER/FRAGOV[Dupont administration=FRAGOV]"},
		{"acronyms keep their case", "The WHO said who knew. LeT fighters, let go.", "2019-01-01",
			"WHO/ORG/IGOUNOWHO LeT/ORG/PAKREBLET"},
		{"lower case is not a name", "the french fries in paris", "2019-01-01", ""},
		{"no date uses the reference date", "Anne Dupont spoke.", "", "Anne Dupont/PER/FRAGOV"},
		{"role phrase to the office holder", "The French foreign minister arrived.", "2016-01-01",
			"French/MISC/FRA[French foreign minister=FRAGOV] French foreign minister/PER/FRAGOV"},
		{"role phrase, office empty", "The French foreign minister arrived.", "2020-01-01",
			"French/MISC/FRA[French foreign minister=FRAGOV]"},
		{"role phrase to an earlier mention", "Klaus Wernicke spoke. The chancellor left.", "2019-01-01",
			"Klaus Wernicke/PER/DEUGOV chancellor/PER/DEUGOV"},
		{"title before a name is not a referent", "Foreign Minister Anne Dupont spoke.", "2016-01-01",
			"Anne Dupont/PER/FRAGOV"},
	}
	for _, tt := range tests {
		var date time.Time
		if tt.date != "" {
			date = day(tt.date)
		}
		d, ms := findIn(t, ix, tt.text, date)
		if got := show(d, ms); got != tt.want {
			t.Errorf("%s: Find(%q)\n got %s\nwant %s", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestAntecedent(t *testing.T) {
	ix, err := Load(testKB)
	if err != nil {
		t.Fatal(err)
	}
	d, ms := findIn(t, ix, "Anne Dupont met the WHO in Geneva. She said its staff were tired. He left.", time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC))
	want := map[string]string{"She": "Anne Dupont", "its": "WHO", "He": "Anne Dupont", "staff": ""}
	for i := range d.Tokens {
		w, ok := want[d.Word(i)]
		if !ok {
			continue
		}
		got := ""
		if j := Antecedent(d, ms, i); j >= 0 {
			got = d.Text[ms[j].Start:ms[j].End]
		}
		if got != w {
			t.Errorf("Antecedent(%q) = %q, want %q", d.Word(i), got, w)
		}
	}
}

// TestFindSample checks the actors of the scraped sample article (April 2017).
func TestFindSample(t *testing.T) {
	raw, err := os.ReadFile(shared.Path(t, "../samples/000_0e40dc00f8e0fa27.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, ms := findIn(t, Default(), string(raw), time.Date(2017, 4, 13, 0, 0, 0, 0, time.UTC))
	got := map[string]string{}
	for _, m := range ms {
		got[d.Text[m.Start:m.End]] = m.Code
	}
	want := map[string]string{
		"Trump": "USAGOV", "Putin": "RUSGOV", "Rex Tillerson": "USAGOV", "Tillerson": "USAGOV",
		"Sergei Lavrov": "RUSGOV", "Sergey ZLavrov": "RUSGOV", "Lavrov": "RUSGOV", "Nikki Haley": "USAGOV",
		"Bashar al-Assad": "SYRGOV", "Assad": "SYRGOV", "Dmitry Peskov": "RUSGOV",
		"Jens Stoltenberg": "IGOWSTNAT", "De Mistura": "IGOUNO",
		"Moscow": "RUSGOV", "Washington": "USAGOV", "Kremlin": "RUSGOV",
		"Russian Federation": "RUS", "North Atlantic Treaty Organisation": "IGOWSTNAT",
	}
	for text, code := range want {
		if got[text] != code {
			t.Errorf("%q coded %q, want %q", text, got[text], code)
		}
	}
}

// TestRolePhrases resolves role phrases to the office holders of the embedded knowledge base.
func TestRolePhrases(t *testing.T) {
	d, ms := findIn(t, Default(), "The Kremlin spokesman spoke. The Russian foreign minister arrived.", time.Date(2017, 4, 13, 0, 0, 0, 0, time.UTC))
	got := map[string]string{}
	for _, m := range ms {
		if m.Kind == KindRole && m.Person >= 0 {
			got[d.Text[m.Start:m.End]] = m.Name
		}
	}
	for phrase, want := range map[string]string{"Kremlin spokesman": "Dmitry Peskov", "Russian foreign minister": "Sergey Lavrov"} {
		if got[phrase] != want {
			t.Errorf("%q resolved to %q, want %q", phrase, got[phrase], want)
		}
	}
}

// TestCities checks that a city names its country, and places a bare role there.
func TestCities(t *testing.T) {
	d, ms := findIn(t, Default(), "Police in Kirkuk arrested two men. Crowds gathered in Lagos and Mumbai.", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	want := "Kirkuk/LOC/IRQ[Police in Kirkuk=IRQCOP] Crowds// Lagos/LOC/NGA Mumbai/LOC/IND"
	if got := show(d, ms); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
