// Package story places articles in stories as they arrive: it finds near-duplicates (the same
// wire copy on several sites) and groups the articles that report the same real-world event.
//
// Near-duplicates (Dedup): each article's words are normalised (lower case, letters and
// digits) and cut into shingles of five consecutive words; each shingle is hashed once with
// XXH3, and 128 seeded mixes of that hash stand for 128 random permutations, whose minima form
// the article's MinHash signature. The share of positions where two signatures agree estimates
// the Jaccard similarity of the two shingle sets. Signatures are indexed by LSH: cut into b
// bands of r rows, with b and r chosen from the threshold so that a pair at the threshold
// shares a band with probability at least 0.99 (32 × 4 at the default 0.8); only the articles
// sharing a band are compared.
//
// Stories (Clusterer): a single pass, in arrival order. An article is a set of TF-IDF vectors
// (views): its content words (stopwords dropped, light stemming), the capitalised ones among
// them (names), the numbers (ages, scores, magnitudes, years), and optionally its actor codes
// and events. Document frequencies combine a table of news prose embedded in the package with
// the articles seen so far, so that weights make sense from the first article on. A story is
// the centroid of its articles' vectors; the similarity of an article with a story is the
// weighted mean of the views' cosines. The article joins the most similar open story if the
// similarity reaches the threshold (0.3) and the story stays within the time window (14 days
// from its first article to its last, when dated), or the story of the article it
// near-duplicates; otherwise it starts a story, named after it. Candidate stories come from an
// inverted index of the stories' terms.
//
// On ECB+ (dyad eval cluster), the default options reach a B-cubed F1 of 0.88; see
// eval.Cluster.
package story
