package story

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/dyad-project/dyad/nlp"
)

// Features are what a Clusterer compares articles by. Text is required; the others are used
// when given (see FromRecord).
type Features struct {
	Title     string
	Text      string
	Published string   // the publication date, YYYY-MM-DD (a longer timestamp is cut), or ""
	Actors    []string // the actor codes of the article's entities, one per mention
	Events    []string // the article's events, as "code source target" (CAMEO codes)
}

// Defaults of Options.
const (
	DefaultThreshold    = 0.3
	DefaultNameWeight   = 1
	DefaultNumberWeight = 0.5
	DefaultWindow       = 14 * 24 * time.Hour
	DefaultMaxOpen      = 20000
)

// Options configure a Clusterer. Zero fields take the defaults; a negative weight, window or
// DupThreshold turns its feature off.
type Options struct {
	// Threshold is the least similarity (0–1) an article must have with a story to join it;
	// below it, the article starts a story of its own. DefaultThreshold when ≤ 0.
	Threshold float64
	// The similarity of an article with a story is the weighted mean of the cosine similarities
	// of their views: TF-IDF vectors of the content words (weight 1), of the capitalised words
	// (names), of the numbers (ages, scores, magnitudes, years), of the actor codes and of the
	// events. The weights of the last four; actors and events default to 0, as they did not
	// help on ECB+.
	NameWeight, NumberWeight, ActorWeight, EventWeight float64
	// DupThreshold: an article whose word shingles have an estimated Jaccard similarity of at
	// least DupThreshold with those of an earlier one (see Dedup) joins that article's story,
	// whatever its other features. DefaultDupThreshold.
	DupThreshold float64
	// Window bounds a story in time: an article joins a story only if the story would then span
	// at most Window from its first article to its last (by Features.Published, where both the
	// article and some of the story's articles are dated). A story that outlives it goes on as a
	// new one; without a bound, a stream on one subject drifts into a single story. Whole days;
	// DefaultWindow.
	Window time.Duration
	// MaxOpen bounds the stories that new articles may join, and so the memory: beyond it, the
	// stories least recently joined are closed. DefaultMaxOpen.
	MaxOpen int
	// NoPrior leaves out the document frequencies of news prose the package embeds, which give
	// word weights from the first article on: the weights then come only from the articles
	// added.
	NoPrior bool
}

// Clusterer groups articles into stories — articles about the same real-world event — as they
// arrive, in one pass: each article joins the most similar open story when the similarity
// reaches the threshold, else it starts a new one. A story is represented by the centroid of
// its articles' vectors. Word weights are TF-IDF, with document frequencies from a corpus of
// news prose embedded in the package and from the articles added so far.
//
// A Clusterer is safe for concurrent use, and deterministic: the same articles added in the
// same order get the same stories.
type Clusterer struct {
	mu      sync.Mutex
	opt     Options
	weights [numViews]float64
	prior   *dfTable
	n       int               // articles added
	df      map[uint64]uint32 // document frequency of each term among them
	stories []*storyState
	open    int
	ids     map[string]int32 // the index of each story id given
	post    map[uint64][]int32
	dedup   *Dedup
	seq     int

	// buffers
	words []word
	toks  []nlp.Token
	tf    []entry
	idfs  []float64
	stamp []int
	acc   []float64
	cands []int32
	sh    Shingler
}

// A view is one of the vectors an article is compared by.
type view uint8

const (
	viewWords view = iota
	viewNames
	viewNumbers
	viewActors
	viewEvents
	numViews
)

// An entry is one weighted term of a vector. Vectors are slices of entries sorted by term,
// then view.
type entry struct {
	term uint64 // the hash of the term
	view view
	w    float64
}

func compareEntries(a, b entry) int {
	if c := cmp.Compare(a.term, b.term); c != 0 {
		return c
	}
	return cmp.Compare(a.view, b.view)
}

type storyState struct {
	id       string
	centroid []entry // the sum of its articles' vectors, without IDF
	size     int
	last     int // the sequence number of the last article that joined it
	// The dates of its first and last articles, in days since 1970 (0: no article dated).
	minDay, maxDay int32
	// The norm of each view of the centroid with IDF, computed when the document count was normN.
	norms [numViews]float64
	normN int
	open  bool
}

// NewClusterer returns a Clusterer.
func NewClusterer(opt Options) *Clusterer {
	def := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
		*x = max(*x, 0)
	}
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultThreshold
	}
	def(&opt.NameWeight, DefaultNameWeight)
	def(&opt.NumberWeight, DefaultNumberWeight)
	def(&opt.ActorWeight, 0)
	def(&opt.EventWeight, 0)
	if opt.Window == 0 {
		opt.Window = DefaultWindow
	}
	if opt.MaxOpen <= 0 {
		opt.MaxOpen = DefaultMaxOpen
	}
	c := &Clusterer{
		opt:  opt,
		df:   map[uint64]uint32{},
		ids:  map[string]int32{},
		post: map[uint64][]int32{},
	}
	c.weights = [numViews]float64{1, opt.NameWeight, opt.NumberWeight, opt.ActorWeight, opt.EventWeight}
	if opt.DupThreshold >= 0 {
		c.dedup = NewDedup(DedupOptions{Threshold: opt.DupThreshold, Capacity: opt.MaxOpen * 4})
	}
	if !opt.NoPrior {
		c.prior = priorDF()
	}
	return c
}

// Add assigns an article to a story and returns the story's id: the id of the story's first
// article (with a suffix "-2", "-3", ... if that id names a story already).
func (c *Clusterer) Add(id string, f Features) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	day := parseDay(f.Published)

	// A near-duplicate joins the story of the article it copies.
	var sig Signature
	var keys []uint64
	best := int32(-1)
	if c.dedup != nil {
		var n int
		sig, n = c.sh.Sign(f.Title + "\n" + f.Text)
		if n > 0 {
			keys = c.dedup.keys(&sig)
			if e, _ := c.dedup.lookup(&sig, keys); e != nil && c.stories[e.val].open && c.inWindow(c.stories[e.val], day) {
				best = e.val
			}
		}
	}

	v, idf := c.vector(&f)
	if best >= 0 {
		keys = nil // a near-duplicate is not remembered: its original stands for it
	} else if best = c.nearest(v, idf, day); best < 0 {
		best = c.newStory(id)
	}
	if keys != nil {
		c.dedup.insert(id, best, &sig, keys)
	}
	c.join(best, v, idf, day)
	if c.open > c.opt.MaxOpen+c.opt.MaxOpen/4 {
		c.sweep()
	}
	return c.stories[best].id
}

// Restore adds an article that was put in story storyID before, by a Clusterer whose state is
// gone (the one of an ingest that stopped, say), so that the articles added next may join that
// story. Articles are restored in the order they were first added, before any is added. A story
// of storyID that is closed is opened again.
func (c *Clusterer) Restore(id, storyID string, f Features) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	day := parseDay(f.Published)
	s, ok := c.ids[storyID]
	if !ok {
		s = c.openStory(storyID)
	} else if st := c.stories[s]; !st.open {
		st.open = true
		c.open++
	}
	v, idf := c.vector(&f)
	if c.dedup != nil {
		if sig, n := c.sh.Sign(f.Title + "\n" + f.Text); n > 0 {
			keys := c.dedup.keys(&sig)
			if e, _ := c.dedup.lookup(&sig, keys); e == nil {
				c.dedup.insert(id, s, &sig, keys)
			}
		}
	}
	c.join(s, v, idf, day)
	if c.open > c.opt.MaxOpen+c.opt.MaxOpen/4 {
		c.sweep()
	}
}

// terms appends the article's terms to c.tf, one entry per occurrence with its weight, and
// returns it sorted and with the occurrences of each term summed.
func (c *Clusterer) terms(f *Features) []entry {
	tf := c.tf[:0]
	for _, text := range [2]string{f.Title, f.Text} {
		c.words, c.toks = words(c.words[:0], text, c.toks)
		for _, w := range c.words {
			if len(w.norm) < 2 || stopwords[w.norm] {
				continue
			}
			t := w.norm
			if !w.num {
				t = stem(t)
			}
			h := hashString(t)
			tf = append(tf, entry{term: h, view: viewWords, w: 1})
			if w.cap && c.weights[viewNames] > 0 {
				tf = append(tf, entry{term: h, view: viewNames, w: 1})
			}
			if w.num && c.weights[viewNumbers] > 0 {
				tf = append(tf, entry{term: h, view: viewNumbers, w: 1})
			}
		}
	}
	if c.weights[viewActors] > 0 {
		for _, a := range f.Actors {
			if a != "" {
				tf = append(tf, entry{term: hashString("actor:" + a), view: viewActors, w: 1})
			}
		}
	}
	if c.weights[viewEvents] > 0 {
		for _, e := range f.Events {
			if e != "" {
				tf = append(tf, entry{term: hashString("event:" + e), view: viewEvents, w: 1})
			}
		}
	}
	slices.SortFunc(tf, compareEntries)
	out := tf[:0]
	for _, e := range tf {
		if n := len(out); n > 0 && out[n-1].term == e.term && out[n-1].view == e.view {
			out[n-1].w++
		} else {
			out = append(out, e)
		}
	}
	c.tf = out
	return out
}

// vector returns the article's vector: sublinear term frequencies times IDF, each view
// normalised to unit length. It counts the article in the document frequencies first.
func (c *Clusterer) vector(f *Features) ([]entry, []float64) {
	tf := c.terms(f)
	c.n++
	for i, e := range tf {
		// A term counts once per article, whatever its views: they follow one another.
		if i == 0 || tf[i-1].term != e.term {
			c.df[e.term]++
		}
	}
	v := make([]entry, len(tf))
	idf := c.idfs[:0]
	var norms [numViews]float64
	for i, e := range tf {
		x := c.idf(e.term)
		if i > 0 && tf[i-1].term == e.term {
			x = idf[i-1]
		}
		idf = append(idf, x)
		w := (1 + math.Log(e.w)) * x
		v[i] = entry{term: e.term, view: e.view, w: w}
		norms[e.view] += w * w
	}
	for i := range v {
		if n := norms[v[i].view]; n > 0 {
			v[i].w /= math.Sqrt(n)
		}
	}
	c.idfs = idf
	return v, idf
}

// idf returns the inverse document frequency of a term, ln(1 + N/df), over the prior counts
// and the articles added.
func (c *Clusterer) idf(term uint64) float64 {
	n, df := float64(c.n), float64(c.df[term])
	if c.prior != nil {
		n += float64(c.prior.n)
		df += float64(c.prior.df[term])
	}
	return math.Log(1 + n/max(df, 1))
}

// candidateTerms is the number of an article's highest-weighted terms whose stories are its
// candidates.
const candidateTerms = 24

// maxCandidates is the number of candidate stories compared in full with an article.
const maxCandidates = 64

// nearest returns the open story most similar to v, if the similarity reaches the threshold
// and the story is in the time window of an article of that day; else -1.
func (c *Clusterer) nearest(v []entry, idf []float64, day int32) int32 {
	// Candidates: the stories that share one of the article's highest-weighted terms.
	top := make([]entry, 0, len(v))
	for _, e := range v {
		if e.view == viewWords {
			top = append(top, e)
		}
	}
	slices.SortFunc(top, func(a, b entry) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.term, b.term)
	})
	top = top[:min(len(top), candidateTerms)]
	if len(c.stamp) < len(c.stories) {
		c.stamp = append(c.stamp, make([]int, len(c.stories)-len(c.stamp))...)
		c.acc = append(c.acc, make([]float64, len(c.stories)-len(c.acc))...)
	}
	cands := c.cands[:0]
	for _, e := range top {
		for _, s := range c.post[e.term] {
			if c.stamp[s] != c.seq {
				c.stamp[s] = c.seq
				c.acc[s] = 0
				cands = append(cands, s)
			}
			c.acc[s] += e.w
		}
	}
	// Only the stories sharing the most of those terms (by weight) are compared in full.
	slices.SortFunc(cands, func(a, b int32) int {
		if c := cmp.Compare(c.acc[b], c.acc[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	cands = cands[:min(len(cands), maxCandidates)]
	slices.Sort(cands)
	c.cands = cands
	best, bestSim := int32(-1), c.opt.Threshold
	for _, s := range cands {
		st := c.stories[s]
		if !st.open || !c.inWindow(st, day) {
			continue
		}
		if sim := c.similarity(v, idf, st); sim > bestSim || sim == bestSim && best < 0 {
			best, bestSim = s, sim
		}
	}
	return best
}

// similarity returns the weighted mean over the views of the cosine similarity of the
// article's vector v (whose terms have the IDF idf) with the story's centroid, weighted with
// the current IDF.
func (c *Clusterer) similarity(v []entry, idf []float64, st *storyState) float64 {
	c.refreshNorms(st)
	var dot [numViews]float64
	cen := st.centroid
	j := 0
	for i, e := range v {
		j = seek(cen, j, e)
		if j == len(cen) {
			break
		}
		if cen[j].term == e.term && cen[j].view == e.view {
			dot[e.view] += e.w * cen[j].w * idf[i]
		}
	}
	var sum, wsum float64
	for k, wt := range c.weights {
		if wt == 0 {
			continue
		}
		wsum += wt
		if st.norms[k] > 0 {
			sum += wt * dot[k] / st.norms[k]
		}
	}
	return sum / wsum
}

// seek returns the index of the first entry of the sorted es at or after from that is not
// less than e, galloping: a centroid is often much longer than an article's vector.
func seek(es []entry, from int, e entry) int {
	if from >= len(es) || compareEntries(es[from], e) >= 0 {
		return from
	}
	// es[lo] < e; find hi with es[hi] >= e or hi = len.
	lo, step := from, 1
	hi := from + step
	for hi < len(es) && compareEntries(es[hi], e) < 0 {
		lo = hi
		step *= 2
		hi = lo + step
	}
	hi = min(hi, len(es))
	for lo+1 < hi {
		m := int(uint(lo+hi) >> 1)
		if compareEntries(es[m], e) < 0 {
			lo = m
		} else {
			hi = m
		}
	}
	return hi
}

// refreshNorms recomputes the norms of a story's centroid when the document count has grown
// by more than 2% since they were computed; the IDF drifts slowly.
func (c *Clusterer) refreshNorms(st *storyState) {
	n := c.n
	if c.prior != nil {
		n += c.prior.n
	}
	if st.normN > 0 && float64(n) <= float64(st.normN)*1.02 {
		return
	}
	var norms [numViews]float64
	for _, e := range st.centroid {
		w := e.w * c.idf(e.term)
		norms[e.view] += w * w
	}
	for k := range norms {
		norms[k] = math.Sqrt(norms[k])
	}
	st.norms, st.normN = norms, n
}

// newStory opens a story for the article id and returns its index.
func (c *Clusterer) newStory(id string) int32 {
	sid := id
	if sid == "" {
		sid = "story"
	}
	for k := 2; c.hasStory(sid); k++ {
		sid = id + "-" + strconv.Itoa(k)
	}
	return c.openStory(sid)
}

func (c *Clusterer) hasStory(id string) bool {
	_, ok := c.ids[id]
	return ok
}

// openStory opens a story of id and returns its index.
func (c *Clusterer) openStory(id string) int32 {
	s := int32(len(c.stories))
	c.ids[id] = s
	c.stories = append(c.stories, &storyState{id: id, open: true})
	c.open++
	return s
}

// join adds the article's vector v to story s.
func (c *Clusterer) join(s int32, v []entry, idf []float64, day int32) {
	st := c.stories[s]
	// The centroid is kept without IDF, which is applied at comparison time.
	merged := make([]entry, 0, len(st.centroid)+len(v))
	i, j := 0, 0
	for i < len(st.centroid) || j < len(v) {
		switch {
		case j == len(v) || i < len(st.centroid) && compareEntries(st.centroid[i], v[j]) < 0:
			merged = append(merged, st.centroid[i])
			i++
		case i == len(st.centroid) || compareEntries(v[j], st.centroid[i]) < 0:
			e := v[j]
			e.w /= idf[j]
			// A new term of the story: index it, once per term whatever its views.
			if n := len(merged); (n == 0 || merged[n-1].term != e.term) && (i == len(st.centroid) || st.centroid[i].term != e.term) {
				c.post[e.term] = append(c.post[e.term], s)
			}
			merged = append(merged, e)
			j++
		default:
			e := st.centroid[i]
			e.w += v[j].w / idf[j]
			merged = append(merged, e)
			i++
			j++
		}
	}
	st.centroid = merged
	st.size++
	st.last = c.seq
	st.normN = 0
	if day != 0 {
		if st.minDay == 0 || day < st.minDay {
			st.minDay = day
		}
		st.maxDay = max(st.maxDay, day)
	}
}

// inWindow reports whether an article of the given day may join story st: when both are
// dated, the story with the article spans at most the window.
func (c *Clusterer) inWindow(st *storyState, day int32) bool {
	if c.opt.Window < 0 || day == 0 || st.maxDay == 0 {
		return true
	}
	w := int32(c.opt.Window / (24 * time.Hour))
	return max(st.maxDay, day)-min(st.minDay, day) <= w
}

// sweep closes the stories least recently joined until MaxOpen are open, and rebuilds the
// index of terms from the open ones.
func (c *Clusterer) sweep() {
	var open []int32
	for s, st := range c.stories {
		if st.open {
			open = append(open, int32(s))
		}
	}
	slices.SortFunc(open, func(a, b int32) int { return cmp.Compare(c.stories[b].last, c.stories[a].last) })
	for _, s := range open[c.opt.MaxOpen:] {
		st := c.stories[s]
		st.open, st.centroid = false, nil
		c.open--
	}
	clear(c.post)
	for s, st := range c.stories {
		for i, e := range st.centroid {
			if i == 0 || st.centroid[i-1].term != e.term {
				c.post[e.term] = append(c.post[e.term], int32(s))
			}
		}
	}
}

// Stories returns the number of stories.
func (c *Clusterer) Stories() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.stories)
}

// parseDay returns the day of a YYYY-MM-DD date (a longer timestamp is cut) in days since
// 1970, or 0 when there is none.
func parseDay(s string) int32 {
	if len(s) < 10 {
		return 0
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return 0
	}
	d := int32(t.Unix() / 86400)
	if d == 0 {
		d = 1 // 1970-01-01 is not "undated"
	}
	return d
}
