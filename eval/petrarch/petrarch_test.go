package petrarch

import (
	"strings"
	"testing"
)

func TestPetrarchDecode(t *testing.T) {
	in := `<Sentences>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "20010203" id ="S1" category="X" sentence = "True">
<!-- a comment -->
<EventCoding sourcecode="AAA" targetcode='"NEW ONE"' eventcode="010"></EventCoding>
<EventCoding noevents = "True"></EventCoding>
<EventCoding error="dateline"></EventCoding>
<Text>
Two
 lines.
</Text>
<Parse>(ROOT (S))</Parse>
</Sentence>
<Config option="new_actor_length" value="2"/>
<Sentence date="20010204" id="S2" sentence="false"><Text>t</Text></Sentence>
</Sentences>`
	recs, err := Decode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	s1, s2 := recs[0], recs[1]
	if s1.ID != "S1" || s1.Category != "X" || s1.Text != "Two lines." || s1.Parse != "(ROOT (S))" || !s1.Labelled || s1.Disabled ||
		len(s1.Codings) != 1 || s1.Codings[0] != (Coding{Source: "AAA", Target: `"NEW ONE"`, Event: "010"}) ||
		!s1.NoEvents || len(s1.Errors) != 1 || s1.Errors[0] != "dateline" || len(s1.Config) != 1 {
		t.Errorf("S1 = %+v", s1)
	}
	if !s2.Disabled || !s2.Labelled || len(s2.Codings) != 0 || s2.Config["new_actor_length"] != "2" || s2.Config["require_dyad"] != "false" {
		t.Errorf("S2 = %+v", s2)
	}
	for _, bad := range []string{
		`<Sentence id="x" date="2001"><Text>t</Text></Sentence>`,
		`<Sentence id="x"><EventCoding sourcecode="A"/></Sentence>`,
		`<Config value="1"/>`,
		`<Sentence id="x"><Text>t</Sentence>`,
	} {
		if _, err := Decode(strings.NewReader(bad)); err == nil {
			t.Errorf("no error for %s", bad)
		}
	}
}
