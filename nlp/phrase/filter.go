package phrase

// Filter is a one-hash Bloom filter over 64-bit keys: Has never misses a key that was added, and
// for a key that was not it answers false all but rarely, at the cost of one bit test. It spares
// a hash-table probe for most of the tokens of a text, which start no phrase.
type Filter struct {
	bits []uint64
}

// filterBits is the size of a Filter: 2^20 bits (128 KiB), which keeps false positives under 2%
// for the twenty thousand keys of a knowledge base.
const filterBits = 1 << 20

// Add records key.
func (f *Filter) Add(key uint64) {
	if f.bits == nil {
		f.bits = make([]uint64, filterBits/64)
	}
	i := key >> (64 - 20)
	f.bits[i/64] |= 1 << (i % 64)
}

// Has reports whether key may have been added.
func (f *Filter) Has(key uint64) bool {
	if f.bits == nil {
		return false
	}
	i := key >> (64 - 20)
	return f.bits[i/64]&(1<<(i%64)) != 0
}
