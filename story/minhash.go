package story

import (
	"encoding/binary"
	"math"
	"sync"

	"github.com/dyad-project/dyad/nlp"
)

// NumHashes is the number of hash functions (permutations) of a MinHash signature.
const NumHashes = 128

// DefaultShingle is the number of words in a shingle.
const DefaultShingle = 5

// Signature is the MinHash signature of a text's set of word shingles: for each of NumHashes
// hash functions, the least hash of any shingle (its low 32 bits). Two signatures agree at a
// position with probability equal to the Jaccard similarity of the two shingle sets.
type Signature [NumHashes]uint32

// seeds are the seeds of the hash functions: a shingle's XXH3 hash, xored with seed i and
// mixed, is its hash under function i.
var seeds = func() (s [NumHashes]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x += 0x9e3779b97f4a7c15 // splitmix64
		s[i] = mix64(x)
	}
	return s
}()

// mix64 is the finaliser of MurmurHash3: every bit of x affects every bit of the result.
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb93fe53e94cf
	x ^= x >> 33
	return x
}

// Shingler computes MinHash signatures. It reuses its buffers, so it is not safe for
// concurrent use; its zero value takes shingles of DefaultShingle words.
type Shingler struct {
	K     int // words in a shingle; DefaultShingle when ≤ 0
	words []word
	toks  []nlp.Token
	buf   []byte
	offs  []int
}

// Sign returns the signature of text and the number of shingles it was computed from.
// Words are normalised (lower case, letters and digits only; hyphenated compounds split), and
// a shingle is K consecutive words; a text of fewer words than K is one shingle of all of them.
// A text without words has no shingle and a signature of all ones, which is similar to nothing.
func (s *Shingler) Sign(text string) (sig Signature, shingles int) {
	k := s.K
	if k <= 0 {
		k = DefaultShingle
	}
	s.words, s.toks = words(s.words[:0], text, s.toks)
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	if len(s.words) == 0 {
		return sig, 0
	}
	// The normalised words, each followed by a space; a shingle is a slice of buf.
	s.buf, s.offs = s.buf[:0], s.offs[:0]
	for _, w := range s.words {
		s.offs = append(s.offs, len(s.buf))
		s.buf = append(s.buf, w.norm...)
		s.buf = append(s.buf, ' ')
	}
	s.offs = append(s.offs, len(s.buf))
	k = min(k, len(s.words))
	var mins [NumHashes]uint64
	for i := range mins {
		mins[i] = math.MaxUint64
	}
	for i := 0; i+k < len(s.offs); i++ {
		h := hashBytes(s.buf[s.offs[i]:s.offs[i+k]])
		for j := range mins {
			if x := mix64(h ^ seeds[j]); x < mins[j] {
				mins[j] = x
			}
		}
		shingles++
	}
	for i, m := range mins {
		sig[i] = uint32(m)
	}
	return sig, shingles
}

// Jaccard estimates the Jaccard similarity of the shingle sets of two signatures: the share of
// positions where they agree.
func (s *Signature) Jaccard(o *Signature) float64 {
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / NumHashes
}

// Bands returns the LSH banding for a similarity threshold: the signature is cut into b bands
// of r rows (b·r = NumHashes), and two signatures are candidates when they agree on a whole
// band, which happens with probability 1 − (1 − J^r)^b for Jaccard similarity J. Bands picks
// the largest r (fewest spurious candidates) for which a pair at the threshold is a candidate
// with probability at least 0.99.
func Bands(threshold float64) (b, r int) {
	b, r = NumHashes, 1
	for rr := 2; rr <= NumHashes; rr *= 2 {
		bb := NumHashes / rr
		if 1-math.Pow(1-math.Pow(threshold, float64(rr)), float64(bb)) < 0.99 {
			break
		}
		b, r = bb, rr
	}
	return b, r
}

// DefaultDupThreshold is the estimated Jaccard similarity of shingles from which a Dedup takes
// an article for a near-duplicate of an earlier one.
const DefaultDupThreshold = 0.8

// DedupOptions configure a Dedup. Zero fields take the defaults.
type DedupOptions struct {
	Threshold float64 // least estimated Jaccard similarity of a near-duplicate; DefaultDupThreshold
	Shingle   int     // words in a shingle; DefaultShingle
	// Capacity bounds the number of articles remembered (those that near-duplicate no earlier
	// one): beyond it the oldest are forgotten. Zero remembers every article.
	Capacity int
}

// Dedup finds near-duplicate articles (the same wire story on two sites, a lightly edited
// update) as they arrive: MinHash signatures over word shingles, indexed by LSH bands. It is
// safe for concurrent use; its answers depend on the order of the calls to Add.
type Dedup struct {
	mu      sync.Mutex
	opt     DedupOptions
	bands   int
	rows    int
	entries []dedupEntry     // the articles that near-duplicate no earlier one, oldest first
	first   int              // index in entries of the oldest article still remembered
	seq     int              // sequence number of entries[0]; first is the oldest remembered
	buckets map[uint64][]int // band key → sequence numbers of the articles in it, ascending
	keyBuf  []byte
}

type dedupEntry struct {
	id   string
	val  int32 // the caller's value
	sig  Signature
	keys []uint64 // its band keys
}

// NewDedup returns a Dedup.
func NewDedup(opt DedupOptions) *Dedup {
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultDupThreshold
	}
	if opt.Shingle <= 0 {
		opt.Shingle = DefaultShingle
	}
	b, r := Bands(opt.Threshold)
	return &Dedup{opt: opt, bands: b, rows: r, buckets: map[uint64][]int{}}
}

// Add remembers an article and returns the earlier article it near-duplicates: of those whose
// estimated Jaccard similarity with it reaches the threshold, the most similar (the earliest
// on ties), with that similarity. It returns "" and 0 when there is none. Only articles that
// near-duplicate nothing are candidates: a copy of a copy is found as a copy of the original,
// and a run of many copies costs no more than one. An article without words near-duplicates
// nothing.
func (d *Dedup) Add(id, text string) (dupOf string, sim float64) {
	sh := shinglers.Get().(*Shingler)
	sh.K = d.opt.Shingle
	sig, n := sh.Sign(text)
	shinglers.Put(sh)
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.add(id, &sig, n > 0)
}

var shinglers = sync.Pool{New: func() any { return new(Shingler) }}

// AddSignature is Add for an article whose signature was computed already, by a Shingler
// whose K is the Dedup's Shingle.
func (d *Dedup) AddSignature(id string, sig *Signature) (dupOf string, sim float64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.add(id, sig, !isEmpty(sig))
}

func isEmpty(sig *Signature) bool {
	for _, x := range sig {
		if x != math.MaxUint32 {
			return false
		}
	}
	return true
}

func (d *Dedup) add(id string, sig *Signature, hasShingles bool) (dupOf string, sim float64) {
	if !hasShingles {
		return "", 0
	}
	keys := d.keys(sig)
	if e, sim := d.lookup(sig, keys); e != nil {
		return e.id, sim
	}
	d.insert(id, -1, sig, keys)
	return "", 0
}

// lookup returns the remembered article most similar to sig at or above the threshold (the
// earliest on ties), or nil.
func (d *Dedup) lookup(sig *Signature, keys []uint64) (*dedupEntry, float64) {
	best, sim := -1, 0.0
	oldest := d.seq + d.first
	for _, k := range keys {
		for _, s := range d.buckets[k] {
			if s < oldest {
				continue
			}
			j := sig.Jaccard(&d.entries[s-d.seq].sig)
			if j >= d.opt.Threshold && (j > sim || j == sim && s < best) {
				best, sim = s, j
			}
		}
	}
	if best < 0 {
		return nil, 0
	}
	return &d.entries[best-d.seq], sim
}

// insert remembers an article, with a value for the caller's use.
func (d *Dedup) insert(id string, val int32, sig *Signature, keys []uint64) {
	s := d.seq + len(d.entries)
	for _, k := range keys {
		d.buckets[k] = append(d.buckets[k], s)
	}
	d.entries = append(d.entries, dedupEntry{id: id, val: val, sig: *sig, keys: keys})
	if d.opt.Capacity > 0 && len(d.entries)-d.first > d.opt.Capacity {
		d.forget()
	}
}

// keys returns the LSH band keys of a signature: the hash of each band's rows, seeded with the
// band's number so that equal rows in different bands differ.
func (d *Dedup) keys(sig *Signature) []uint64 {
	keys := make([]uint64, d.bands)
	for b := range d.bands {
		d.keyBuf = d.keyBuf[:0]
		for _, x := range sig[b*d.rows : (b+1)*d.rows] {
			d.keyBuf = binary.LittleEndian.AppendUint32(d.keyBuf, x)
		}
		keys[b] = hashBytesSeed(d.keyBuf, uint64(b))
	}
	return keys
}

// forget drops the oldest remembered article, and compacts the entries once half of them are
// forgotten.
func (d *Dedup) forget() {
	e := &d.entries[d.first]
	s := d.seq + d.first
	for _, k := range e.keys {
		bucket := d.buckets[k]
		// Sequence numbers are ascending and the oldest is forgotten first: it is at the front.
		for len(bucket) > 0 && bucket[0] <= s {
			bucket = bucket[1:]
		}
		if len(bucket) == 0 {
			delete(d.buckets, k)
		} else {
			d.buckets[k] = bucket
		}
	}
	*e = dedupEntry{}
	d.first++
	if d.first >= len(d.entries)/2 {
		d.entries = append(d.entries[:0:0], d.entries[d.first:]...)
		d.seq += d.first
		d.first = 0
	}
}

// Len returns the number of articles remembered: those that near-duplicate no earlier one,
// up to the capacity.
func (d *Dedup) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.entries) - d.first
}
