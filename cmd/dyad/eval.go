package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/data"
	"github.com/dyad-project/dyad/eval"
	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/eval/ecbplus"
	"github.com/dyad-project/dyad/eval/petrarch"
	"github.com/dyad-project/dyad/eval/plover"
	"github.com/dyad-project/dyad/eval/polnear"
	"github.com/dyad-project/dyad/eval/scrapinghub"
	"github.com/dyad-project/dyad/nlp/ner"
	"github.com/dyad-project/dyad/nlp/pos"
	"github.com/dyad-project/dyad/pipeline"
	"github.com/dyad-project/dyad/record"
	"github.com/dyad-project/dyad/story"
)

// evaluators are the tasks "dyad eval" scores, each reading its gold set from a path.
var evaluators = map[string]func(gold string) (*eval.Report, error){
	"nlp": func(gold string) (*eval.Report, error) {
		docs, err := conll.ReadFile(gold)
		if err != nil {
			return nil, err
		}
		return eval.NLP(docs, pos.Default()), nil
	},
	"ner": func(gold string) (*eval.Report, error) {
		docs, err := conll.ReadFile(gold)
		if err != nil {
			return nil, err
		}
		kb, err := actors.LoadKB(data.Actors())
		if err != nil {
			return nil, err
		}
		return eval.NER(docs, ner.Default(), ner.NameGazetteer(kb.Names())), nil
	},
	"cluster": func(gold string) (*eval.Report, error) {
		docs, err := ecbplus.ReadDir(gold)
		if err != nil {
			return nil, err
		}
		return eval.Cluster(docs, eval.StoryClusterer(story.Options{})), nil
	},
	"extract": func(gold string) (*eval.Report, error) {
		pages, err := scrapinghub.Read(gold)
		if err != nil {
			return nil, err
		}
		return eval.ArticleExtraction(pages), nil
	},
	"quotes": func(gold string) (*eval.Report, error) {
		docs, err := polnear.ReadDir(gold)
		if err != nil {
			return nil, err
		}
		return eval.QuotesMentions(docs, eval.QuoteFinder()), nil
	},
}

// flaggedEvaluators are the tasks that take flags of their own besides --gold: each adds them
// to the flag set and returns its scorer, which reads them once they are parsed.
var flaggedEvaluators = map[string]func(fs *flag.FlagSet) func(gold string) (*eval.Report, error){
	"events": eventsEvaluator,
}

func init() {
	commands["eval"] = &command{
		summary: "score dyad against a gold data set and print a table and a metric line",
		usage: `TASK --gold PATH

Tasks:
  nlp     sentence boundaries and part-of-speech tags, on a CoNLL-2003 file
  ner     named entities (PER, ORG, LOC, MISC), exact spans, on a CoNLL-2003 file
  events  events, on PLOVER 0.5 gold records (.json) or PETRARCH unit tests (.xml)
  cluster stories (articles about the same event), B-cubed, on ECB+ (a directory of topic folders)
  extract main text of HTML pages (shingle F1, as extracted and after cleaning), on the ScrapingHub
          article-extraction benchmark (a directory with ground-truth.json and html/)
  quotes  quotes, reported speech and their speakers, on a PolNeAR split (a directory with
          text/ and attributions/; the first annotator's file where there are several)

events takes PETRARCH dictionaries, for a run in PETRARCH's terms:
  --actors FILE   an actor dictionary, replacing dyad's actors (role words stay dyad's)
  --agents FILE   an agent dictionary, replacing dyad's role words
  --verbs FILE    a verb dictionary, replacing dyad's event patterns (what it cannot convert is
                  counted under the report's title)

The last line of the output is "metric=value ...", for scripts.

examples:
  dyad eval nlp --gold ../shared/data/ner/conll2003/eng.valid.iob2.txt
  dyad eval events --gold ../shared/data/events/plover_gsr_dev.json
  dyad eval quotes --gold ../shared/data/quotes/polnear/dev
  dyad eval extract --gold ../shared/data/extraction/scrapinghub
  d=../shared/data/events/petrarch_unittests
  dyad eval events --gold $d/PETR.UnitTest.records.xml --actors $d/dictionaries/PETR.Validate.actors.txt \
    --agents $d/dictionaries/PETR.Validate.agents.txt --verbs $d/dictionaries/PETR.Validate.verbs.txt`,
		run: runEval,
	}
}

func runEval(ctx context.Context, e *env, args []string) int {
	c := commands["eval"]
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := newFlags("eval", c, e.stderr)
		if ok, code := parse(fs, args); !ok {
			return code
		}
		return fail(e, exitUsage, "eval: name a task: %s", strings.Join(evalTasks(), ", "))
	}
	task, args := args[0], args[1:]
	score, ok := evaluators[task]
	withFlags, flagged := flaggedEvaluators[task]
	if !ok && !flagged {
		return fail(e, exitUsage, "eval: unknown task %q (tasks: %s)", task, strings.Join(evalTasks(), ", "))
	}
	fs := newFlags("eval", c, e.stderr)
	gold := fs.String("gold", "", "path of the gold data (file or directory)")
	if flagged {
		score = withFlags(fs)
	}
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if *gold == "" {
		return fail(e, exitUsage, "eval %s: --gold is required", task)
	}
	r, err := score(*gold)
	if err != nil {
		return fail(e, exitPartial, "eval %s: %v", task, err)
	}
	if err := r.Write(e.stdout); err != nil {
		return fail(e, exitPartial, "eval %s: %v", task, err)
	}
	return exitOK
}

func evalTasks() []string {
	var ts []string
	for t := range evaluators {
		ts = append(ts, t)
	}
	for t := range flaggedEvaluators {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// eventsEvaluator scores dyad's events against PLOVER gold records (.json) or PETRARCH unit
// tests (.xml), with dyad's dictionaries or the PETRARCH ones given by --actors, --agents and
// --verbs.
func eventsEvaluator(fs *flag.FlagSet) func(gold string) (*eval.Report, error) {
	dicts := &dictFlags{replace: true}
	dicts.register(fs)
	return func(gold string) (*eval.Report, error) {
		opt, note, err := dicts.options(pipeline.Options{})
		if err != nil {
			return nil, err
		}
		coder := pipeline.New(opt)
		code := func(text string, date time.Time) ([]record.Event, error) {
			rec, err := coder.Code(&article.Article{Text: text, Published: date})
			if err != nil {
				return nil, err
			}
			return rec.Events, nil
		}
		var r *eval.Report
		switch ext := strings.ToLower(filepath.Ext(gold)); ext {
		case ".json":
			recs, err := plover.Read(gold)
			if err != nil {
				return nil, err
			}
			r = eval.PLOVER(recs, code)
		case ".xml":
			recs, err := petrarch.Read(gold)
			if err != nil {
				return nil, err
			}
			r = eval.Petrarch(recs, code)
		default:
			return nil, fmt.Errorf("%s: want a PLOVER gold file (.json) or a PETRARCH sentence file (.xml)", gold)
		}
		if note != "" {
			r.Title += "\n" + note
		}
		return r, nil
	}
}
