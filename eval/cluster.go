package eval

import (
	"fmt"
	"hash/fnv"
	"runtime"
	"sort"
	"strconv"
	"sync"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/eval/ecbplus"
	"github.com/dyad-project/dyad/pipeline"
	"github.com/dyad-project/dyad/story"
)

// BCubed scores a clustering of items against the gold one: gold[i] and found[i] are the labels
// of item i's gold and found clusters. For each item, precision is the share of its found
// cluster that is in its gold cluster, and recall the share of its gold cluster that is in its
// found cluster (the item itself included); precision and recall are the averages over the
// items and f1 their harmonic mean (Bagga and Baldwin, 1998). With no items all three are 0.
// It panics when the slices differ in length.
func BCubed(gold, found []string) (p, r, f1 float64) {
	if len(gold) != len(found) {
		panic(fmt.Sprintf("eval.BCubed: %d gold labels, %d found", len(gold), len(found)))
	}
	if len(gold) == 0 {
		return 0, 0, 0
	}
	type pair struct{ g, f string }
	both := map[pair]int{}
	ng := map[string]int{}
	nf := map[string]int{}
	for i := range gold {
		both[pair{gold[i], found[i]}]++
		ng[gold[i]]++
		nf[found[i]]++
	}
	// Every item of a (gold, found) intersection has the same precision and recall: sum them per
	// intersection.
	for k, n := range both {
		p += float64(n) * float64(n) / float64(nf[k.f])
		r += float64(n) * float64(n) / float64(ng[k.g])
	}
	p /= float64(len(gold))
	r /= float64(len(gold))
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// shuffles is the number of shuffled orders Cluster also scores.
const shuffles = 5

// Cluster scores story clustering on ECB+ documents. cluster is given the documents and
// returns the label of each one's cluster, in the same order; the labels are compared with the
// gold clusters (topic and half, see ecbplus.Document.Cluster) by B-cubed precision, recall and
// F1, reported as the metrics bcubed_p, bcubed_r and bcubed_f1.
//
// An incremental clusterer depends on the order the documents come in: these metrics are for
// the order of docs (ecbplus.ReadDir's: by topic). Cluster also runs cluster on five shuffled
// orders, each the documents sorted by a hash of their name and the shuffle's number, and
// reports each one's scores and the mean and least F1 (bcubed_f1_shuffled_mean and
// bcubed_f1_shuffled_min). The report also gives the number of gold and found clusters and the
// mean F1 within a topic (topic_bcubed_f1), which shows whether the clusterer keeps a topic's
// two events apart.
func Cluster(docs []ecbplus.Document, cluster func([]ecbplus.Document) []string) *Report {
	gold := make([]string, len(docs))
	for i := range docs {
		gold[i] = docs[i].Cluster()
	}
	found := runClusterer(docs, cluster)
	p, r, f := BCubed(gold, found)
	r0 := &Report{
		Title:  fmt.Sprintf("Story clustering on ECB+: %d documents, %d topics", len(docs), distinctTopics(docs)),
		Header: []string{"order", "clusters", "B3 precision", "B3 recall", "B3 F1"},
		Rows: [][]string{
			{"gold", strconv.Itoa(distinct(gold)), "", "", ""},
			{"as read", strconv.Itoa(distinct(found)), F3(p), F3(r), F3(f)},
		},
		Metrics: map[string]float64{"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f, "topic_bcubed_f1": withinTopics(docs, gold, found)},
	}
	var sum float64
	least := 1.0
	for k := 1; k <= shuffles; k++ {
		perm := shuffled(docs, k)
		sdocs := make([]ecbplus.Document, len(docs))
		for i, j := range perm {
			sdocs[i] = docs[j]
		}
		sfound := runClusterer(sdocs, cluster)
		labels := make([]string, len(docs))
		for i, j := range perm {
			labels[j] = sfound[i]
		}
		p, r, f := BCubed(gold, labels)
		r0.Rows = append(r0.Rows, []string{"shuffled " + strconv.Itoa(k), strconv.Itoa(distinct(labels)), F3(p), F3(r), F3(f)})
		sum += f
		least = min(least, f)
	}
	r0.Metrics["bcubed_f1_shuffled_mean"] = sum / shuffles
	r0.Metrics["bcubed_f1_shuffled_min"] = least
	r0.Rows = append(r0.Rows, []string{"shuffled, mean", "", "", "", F3(sum / shuffles)})
	r0.Rows = append(r0.Rows, []string{"as read, mean within topics", "", "", "", F3(r0.Metrics["topic_bcubed_f1"])})
	return r0
}

func runClusterer(docs []ecbplus.Document, cluster func([]ecbplus.Document) []string) []string {
	found := cluster(docs)
	if len(found) != len(docs) {
		panic(fmt.Sprintf("eval.Cluster: %d labels for %d documents", len(found), len(docs)))
	}
	return found
}

// shuffled returns the indices of docs sorted by the FNV-1a hash of their name and k.
func shuffled(docs []ecbplus.Document, k int) []int {
	keys := make([]uint64, len(docs))
	perm := make([]int, len(docs))
	for i, d := range docs {
		h := fnv.New64a()
		fmt.Fprintf(h, "%d\x00%s", k, d.Name)
		keys[i], perm[i] = h.Sum64(), i
	}
	sort.SliceStable(perm, func(a, b int) bool { return keys[perm[a]] < keys[perm[b]] })
	return perm
}

// withinTopics returns the mean over the topics of the B-cubed F1 of the documents of the
// topic, with the found clusters restricted to them.
func withinTopics(docs []ecbplus.Document, gold, found []string) float64 {
	var topics []int
	byTopic := map[int][]int{}
	for i, d := range docs {
		if _, ok := byTopic[d.Topic]; !ok {
			topics = append(topics, d.Topic)
		}
		byTopic[d.Topic] = append(byTopic[d.Topic], i)
	}
	if len(topics) == 0 {
		return 0
	}
	var sum float64
	for _, t := range topics {
		var g, c []string
		for _, i := range byTopic[t] {
			g, c = append(g, gold[i]), append(c, found[i])
		}
		_, _, f := BCubed(g, c)
		sum += f
	}
	return sum / float64(len(topics))
}

func distinctTopics(docs []ecbplus.Document) int {
	seen := map[int]bool{}
	for _, d := range docs {
		seen[d.Topic] = true
	}
	return len(seen)
}

// StoryClusterer returns the clusterer dyad eval cluster scores: the documents are coded by
// dyad's pipeline as dyad code codes articles (each document's text is an undated article),
// and the features of the records (story.FromRecord) are added to a new story.Clusterer with
// options opt, in the order given; a document's label is its story. The records are coded once
// and kept for later calls. A document that cannot be coded is clustered on its raw text.
func StoryClusterer(opt story.Options) func([]ecbplus.Document) []string {
	coder := pipeline.New(pipeline.Options{})
	var mu sync.Mutex
	feats := map[string]story.Features{}
	features := func(docs []ecbplus.Document) []story.Features {
		out := make([]story.Features, len(docs))
		var wg sync.WaitGroup
		next := make(chan int)
		for range max(1, min(runtime.GOMAXPROCS(0), len(docs))) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					d := &docs[i]
					mu.Lock()
					f, ok := feats[d.Name]
					mu.Unlock()
					if !ok {
						rec, err := coder.Code(&article.Article{ID: d.Name, Text: d.Text})
						if err != nil {
							f = story.Features{Text: d.Text}
						} else {
							f = story.FromRecord(rec)
						}
						mu.Lock()
						feats[d.Name] = f
						mu.Unlock()
					}
					out[i] = f
				}
			}()
		}
		for i := range docs {
			next <- i
		}
		close(next)
		wg.Wait()
		return out
	}
	return func(docs []ecbplus.Document) []string {
		fs := features(docs)
		c := story.NewClusterer(opt)
		labels := make([]string, len(docs))
		for i, d := range docs {
			labels[i] = c.Add(d.Name, fs[i])
		}
		return labels
	}
}

func distinct(labels []string) int {
	seen := map[string]bool{}
	for _, l := range labels {
		seen[l] = true
	}
	return len(seen)
}
