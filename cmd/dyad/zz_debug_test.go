package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/eval/petrarch"
	"github.com/dyad-project/dyad/pipeline"
)

func TestZZPetr(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	d := "../../../shared/data/events/petrarch_unittests/"
	df := &dictFlags{replace: true}
	df.actors = files{d + "dictionaries/PETR.Validate.actors.txt"}
	df.agents = files{d + "dictionaries/PETR.Validate.agents.txt"}
	df.verbs = files{d + "dictionaries/PETR.Validate.verbs.txt"}
	opt, _, err := df.options(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := pipeline.New(opt)
	recs, err := petrarch.Read(d + "PETR.UnitTest.records.xml")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if !r.Labelled || r.Disabled {
			continue
		}
		rec, _ := c.Code(&article.Article{Text: r.Text, Published: r.Date})
		var got []string
		for _, e := range rec.Events {
			s, tg := "---", "---"
			if e.Source != nil {
				s = e.Source.Code + "(" + e.Source.Text + ")"
			}
			if e.Target != nil {
				tg = e.Target.Code + "(" + e.Target.Text + ")"
			}
			got = append(got, s+" "+e.Code+" "+tg)
		}
		fmt.Printf("== %s %s\n%s\n  want %v\n  got  %v\n", r.ID, r.Category, r.Text, r.Codings, got)
	}
}
