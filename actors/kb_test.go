package actors

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dyad-project/dyad/data"
)

// TestEmbeddedKB validates every entry of the knowledge base that ships in the binary.
func TestEmbeddedKB(t *testing.T) {
	kb, err := LoadKB(data.Actors())
	if err != nil {
		t.Fatal(err)
	}
	if err := kb.Validate(); err != nil {
		t.Fatalf("knowledge base does not validate:\n%v", err)
	}
	if len(kb.Countries) < 190 {
		t.Errorf("%d countries, want every country (≥ 190)", len(kb.Countries))
	}
	t.Logf("%d countries, %d organizations, %d role groups, %d people",
		len(kb.Countries), len(kb.Organizations), len(kb.Roles), len(kb.People))
}

func TestValidateFindsProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"countries.yaml": {Data: []byte("- {code: RUS, name: Russia}\n- {code: RU, name: Bad}\n")},
		"people/x.yaml": {Data: []byte(`- name: Someone
  country: RUS
  roles:
    - {title: President, code: RUSGOV, from: 2010-05-01, to: 2009}
- name: Nobody
  country: RUS
  roles: []
`)},
	}
	kb, err := LoadKB(fsys)
	if err != nil {
		t.Fatal(err)
	}
	err = kb.Validate()
	if err == nil {
		t.Fatal("Validate accepted a bad knowledge base")
	}
	for _, want := range []string{`code "RU"`, "ends (2009) before it starts (2010-05-01)", `"Nobody": no roles`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error lacks %q:\n%v", want, err)
		}
	}
	if _, err := LoadKB(fstest.MapFS{"roles.yaml": {Data: []byte("- {code: GOV, wrods: [x]}\n")}}); err == nil {
		t.Error("LoadKB accepted an unknown field")
	}
	if _, err := LoadKB(fstest.MapFS{"people/p.yaml": {Data: []byte("- {name: X, country: RUS, roles: [{code: RUSGOV, from: 2010-13-01}]}\n")}}); err == nil {
		t.Error("LoadKB accepted a bad date")
	}
}

func TestDate(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"2017", "2017-01-01", "2017-12-31"},
		{"2016-02", "2016-02-01", "2016-02-29"},
		{"2004-03-09", "2004-03-09", "2004-03-09"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if f, l := d.First().Format("2006-01-02"), d.Last().Format("2006-01-02"); f != tt.first || l != tt.last {
			t.Errorf("%s covers %s..%s, want %s..%s", tt.in, f, l, tt.first, tt.last)
		}
		if d.String() != tt.in {
			t.Errorf("String() = %q, want %q", d.String(), tt.in)
		}
	}
}
