package story

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-project/dyad/record"
)

// Six articles on three events: a quake in Iran, a boxing title fight, and talks in Moscow.
var events = []struct{ id, event, text string }{
	{"q1", "quake", "An earthquake of magnitude 5.9 struck Qeshm island off Iran's southern coast on Sunday, killing three people and damaging hundreds of homes in the villages of Dargahan and Tonban, the Iranian seismological centre said."},
	{"b1", "boxing", "Wladimir Klitschko knocked out Tony Thompson in the sixth round in Bern on Saturday to keep his WBA, IBF and WBO heavyweight titles, flooring the American challenger with a right hand."},
	{"q2", "quake", "Three villagers died and dozens were hurt when a magnitude 5.9 quake shook Qeshm island in the Gulf, Iranian officials said, as rescuers searched the rubble of homes in Dargahan."},
	{"m1", "talks", "Sergei Lavrov and Rex Tillerson met in Moscow for five hours of talks on Syria and Ukraine, and agreed to form a working group on the irritants in Russian-American relations."},
	{"b2", "boxing", "Klitschko retained his heavyweight belts with a sixth-round stoppage of Thompson in Bern, his 51st knockout, and said he wanted to fight again in the autumn."},
	{"m2", "talks", "After talks in Moscow with Lavrov that lasted five hours, Tillerson said trust between Russia and the United States was low, though both sides agreed on a working group on Syria."},
}

func addAll(c *Clusterer) []string {
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = c.Add(e.id, Features{Text: e.text})
	}
	return ids
}

func TestClustererGroupsEvents(t *testing.T) {
	ids := addAll(NewClusterer(Options{}))
	story := map[string]string{}
	for i, e := range events {
		if s, ok := story[e.event]; ok && s != ids[i] {
			t.Errorf("%s: story %s, want %s as the other %s article", e.id, ids[i], s, e.event)
		}
		story[e.event] = ids[i]
	}
	if len(story) != 3 || story["quake"] == story["boxing"] || story["quake"] == story["talks"] || story["boxing"] == story["talks"] {
		t.Errorf("stories %v: want three distinct", story)
	}
	// A story is named after its first article.
	if story["quake"] != "q1" || story["boxing"] != "b1" || story["talks"] != "m1" {
		t.Errorf("story ids %v", story)
	}
}

func TestClustererDeterministic(t *testing.T) {
	var first []string
	for range 3 {
		c := NewClusterer(Options{})
		ids := addAll(c)
		// A larger stream too, to exercise the ties and the index.
		for i := range 300 {
			ids = append(ids, c.Add(fmt.Sprint("x", i), Features{Text: synthetic(i)}))
		}
		if first == nil {
			first = ids
			continue
		}
		if fmt.Sprint(ids) != fmt.Sprint(first) {
			t.Fatalf("same input, different stories:\n%v\n%v", first, ids)
		}
	}
}

// synthetic returns an article on topic i%25, mixing words of the topic and common ones.
func synthetic(i int) string {
	var b strings.Builder
	t := i % 25
	for k := range 60 {
		switch k % 3 {
		case 0:
			fmt.Fprintf(&b, "topic%dword%d ", t, (k*7+i)%13)
		case 1:
			fmt.Fprintf(&b, "common%d ", (k*11+i)%40)
		default:
			fmt.Fprintf(&b, "Name%d ", (t*3+k)%17)
		}
	}
	return b.String()
}

func TestClustererWindow(t *testing.T) {
	c := NewClusterer(Options{})
	a := c.Add("a", Features{Text: events[0].text, Published: "2019-03-01"})
	b := c.Add("b", Features{Text: events[2].text, Published: "2019-03-20"})
	if a == b {
		t.Errorf("articles 19 days apart in one story %s", a)
	}
	d := c.Add("d", Features{Text: events[2].text + " Aid arrived.", Published: "2019-03-05T10:00:00Z"})
	if d != a {
		t.Errorf("article 4 days after: story %s, want %s", d, a)
	}
	u := c.Add("u", Features{Text: events[2].text + " Aid arrived.", Published: ""})
	if u != a && u != b {
		t.Errorf("undated article: story %s, want one of the two", u)
	}
	// Without a window, the far article joins.
	c = NewClusterer(Options{Window: -1})
	a = c.Add("a", Features{Text: events[0].text, Published: "2019-03-01"})
	if b := c.Add("b", Features{Text: events[2].text, Published: "2019-09-20"}); b != a {
		t.Errorf("no window: story %s, want %s", b, a)
	}
}

func TestClustererNearDuplicates(t *testing.T) {
	// With an impossible threshold only near-duplicates join a story.
	c := NewClusterer(Options{Threshold: 1.1})
	a := c.Add("a", Features{Title: "Lavrov meets Tillerson", Text: wire})
	if b := c.Add("b", Features{Title: "Lavrov meets Tillerson", Text: strings.Replace(wire, "five hours", "five long hours", 1)}); b != a {
		t.Errorf("near-duplicate: story %s, want %s", b, a)
	}
	if r := c.Add("r", Features{Text: edit(wire, 6)}); r == a {
		t.Errorf("rewrite joined the story at threshold 1.1")
	}
	// Articles that join a story by similarity are remembered for their copies; copies are not.
	c = NewClusterer(Options{})
	for i, e := range events[:3] {
		c.Add(e.id, Features{Text: e.text})
		c.Add(e.id+"-copy", Features{Text: e.text})
		if n := c.dedup.Len(); n != i+1 {
			t.Errorf("after %d articles and their copies, %d remembered", i+1, n)
		}
	}
	// Without the near-duplicate check, the copy starts its own story.
	c = NewClusterer(Options{Threshold: 1.1, DupThreshold: -1})
	a = c.Add("a", Features{Text: wire})
	if b := c.Add("b", Features{Text: wire}); b == a || b != "b" {
		t.Errorf("no near-duplicates: copy in story %s", b)
	}
}

func TestClustererStoryIDs(t *testing.T) {
	c := NewClusterer(Options{})
	if s := c.Add("same", Features{Text: events[0].text}); s != "same" {
		t.Errorf("story %s", s)
	}
	if s := c.Add("same", Features{Text: events[1].text}); s != "same-2" {
		t.Errorf("second story of an id: %s, want same-2", s)
	}
	if s := c.Add("", Features{Text: events[3].text}); s != "story" {
		t.Errorf("story of an article without id: %s", s)
	}
	if n := c.Stories(); n != 3 {
		t.Errorf("%d stories", n)
	}
}

func TestClustererMaxOpen(t *testing.T) {
	c := NewClusterer(Options{MaxOpen: 4})
	ids := addAll(c)
	for i := range 40 {
		// Articles that share no word: a story each.
		c.Add(fmt.Sprint("x", i), Features{Text: fmt.Sprintf("alpha%[1]d beta%[1]d gamma%[1]d delta%[1]d", i)})
	}
	if n := c.Stories(); n != 43 {
		t.Errorf("%d stories, want 43", n)
	}
	if c.open > 5 {
		t.Errorf("%d stories open, want at most 5", c.open)
	}
	// The quake story was closed: a new quake article starts a story.
	if s := c.Add("q3", Features{Text: events[0].text}); s == ids[0] {
		t.Errorf("article joined closed story %s", s)
	}
}

func TestClustererConcurrent(t *testing.T) {
	c := NewClusterer(Options{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				c.Add(fmt.Sprint(g, "-", i), Features{Text: synthetic(g*25 + i)})
			}
		}()
	}
	wg.Wait()
	if c.Stories() == 0 {
		t.Error("no story")
	}
}

func TestFromRecord(t *testing.T) {
	a := &record.Article{
		ID: "x", Title: "T", Text: "Body", Published: "2017-04-12",
		Entities: []record.Entity{
			{Text: "Lavrov", Type: "PER", Actor: &record.Actor{Name: "Sergey Lavrov", Code: "RUSGOV"}},
			{Text: "Moscow", Type: "LOC"},
		},
		Events: []record.Event{
			{Code: "040", Source: &record.Participant{Code: "USAGOV"}, Target: &record.Participant{Code: "RUSGOV"}},
			{Code: "010", Source: &record.Participant{Code: "RUS"}},
		},
	}
	f := FromRecord(a)
	if f.Title != "T" || f.Text != "Body" || f.Published != "2017-04-12" ||
		fmt.Sprint(f.Actors) != "[RUSGOV]" || fmt.Sprint(f.Events) != "[040 USAGOV RUSGOV 010 RUS -]" {
		t.Errorf("FromRecord: %+v", f)
	}
	c := NewClusterer(Options{ActorWeight: 1, EventWeight: 1})
	if s := c.AddRecord(a); s != "x" || a.Story != "x" {
		t.Errorf("AddRecord: %q, Story %q", s, a.Story)
	}
}

func TestStem(t *testing.T) {
	for w, want := range map[string]string{
		"arrested": "arrest", "arrests": "arrest", "arresting": "arrest", "stopped": "stop",
		"countries": "country", "bus": "bus", "analysis": "analysis", "class": "class",
	} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestClustererRestore checks that a clusterer restored with the first articles and their
// stories puts the next articles where one that saw every article does.
func TestClustererRestore(t *testing.T) {
	want := addAll(NewClusterer(Options{}))
	for cut := 0; cut <= len(events); cut++ {
		c := NewClusterer(Options{})
		for i, e := range events[:cut] {
			c.Restore(e.id, want[i], Features{Text: e.text})
		}
		for i, e := range events[cut:] {
			if got := c.Add(e.id, Features{Text: e.text}); got != want[cut+i] {
				t.Errorf("restored %d articles: %s in story %s, want %s", cut, e.id, got, want[cut+i])
			}
		}
		if c.Stories() != 3 {
			t.Errorf("restored %d articles: %d stories, want 3", cut, c.Stories())
		}
	}
}
