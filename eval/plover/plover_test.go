package plover

import (
	"strings"
	"testing"
	"time"
)

func TestPLOVERDecode(t *testing.T) {
	in := `[{"id": "H", "event": "DOCUMENT"},
	 {"id": "A", "date": "2000-01-02", "event": "AGREE", "text": "x", "source": [{"actorText": "US", "code": "USA", "sector": "GOV"}], "target": ""},
	 {"id": "B", "date": "2000-01-03", "event": "FIGHT", "text": "y", "source": [{"actorText": "Iraq", "code": "IRQ"}]},
	 {"id": "C", "date": "2000-01-04", "event": "AID", "text": "z", "mode": "m", "context": "c", "source": [{"actorText": "a", "code": "A"}], "target": [{"actorText": "b", "code": "B"}, {"actorText": "c", "code": "C"}]}]`
	recs, err := Decode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[0].ID != "A" || len(recs[0].Targets) != 0 || recs[0].Sources[0] != (Actor{Text: "US", Code: "USA", Sector: "GOV"}) ||
		recs[1].Targets != nil || len(recs[2].Targets) != 2 || recs[2].Mode != "m" || recs[0].Date != time.Date(2000, 1, 2, 0, 0, 0, 0, time.UTC) {
		t.Errorf("decoded %+v", recs)
	}
	for _, bad := range []string{
		`[{"id": "A", "event": "AGREE", "target": "USA"}]`,
		`[{"id": "A", "event": "AGREE", "date": "2000/01/01"}]`,
		`[{"id": "A", "event": ""}]`,
		`[{"id": "A", "event": "AGREE", "source": [{"actorText": "x"}]}]`,
		`{"id": "A"}`,
	} {
		if _, err := Decode(strings.NewReader(bad)); err == nil {
			t.Errorf("no error for %s", bad)
		}
	}
}
