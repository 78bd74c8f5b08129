// Package phrase finds known multi-word phrases in a token sequence: a dictionary of phrases
// compiled into a token-level trie, matched longest-first from any position.
//
// Tokens are compared by a normalised key: letters lower-cased, Latin diacritics folded
// ("Genève" = "geneve"), periods dropped ("U.S." = "US" = "us"), and typographic apostrophes
// treated as '. Matching costs one hash-table probe per token of the match and allocates nothing.
package phrase

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key returns the normalised hash of a token.
func Key(tok string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	add := func(b byte) { h ^= uint64(b); h *= prime }
	for i := 0; i < len(tok); {
		c := tok[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '.':
				continue
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			add(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(tok[i:])
		i += n
		r = fold(r)
		if r == '\u2019' || r == '\u2018' {
			add('\'')
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
			add(b)
		}
	}
	return h
}

// fold lower-cases r and strips a Latin diacritic from it.
func fold(r rune) rune {
	r = unicode.ToLower(r)
	if r < 0xC0 || r > 0x24F {
		return r
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Properties(buf[:n]).Decomposition()
	if len(d) > 0 && d[0] < utf8.RuneSelf {
		return rune(d[0])
	}
	switch r {
	case 'ß':
		return 's'
	case 'ø':
		return 'o'
	case 'đ':
		return 'd'
	case 'ł':
		return 'l'
	case 'ı':
		return 'i'
	}
	return r
}

// Builder collects phrases and compiles them into a Matcher.
type Builder struct {
	m Matcher
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	b := &Builder{m: Matcher{edges: map[uint64]int32{}, nodes: make([]node, 1)}}
	return b
}

type node struct {
	first, n int32 // values[first:first+n] end here
	vals     []int32
}

// Matcher finds phrases. It is safe for concurrent use once built.
type Matcher struct {
	first  Filter           // the first-token edges, to skip most tokens with one bit test
	edges  map[uint64]int32 // (node, token key) → child node
	nodes  []node
	values []int32
	depth  int
}

func edge(node int32, key uint64) uint64 {
	return key ^ (uint64(node)+1)*0x9E3779B97F4A7C15
}

// Add adds a phrase, given as its tokens, with a value the caller chooses (an index into its own
// table). A phrase may be added with several values; adding the same pair twice keeps one.
func (b *Builder) Add(tokens []string, value int32) {
	if len(tokens) == 0 {
		return
	}
	m := &b.m
	cur := int32(0)
	m.first.Add(edge(0, Key(tokens[0])))
	for _, t := range tokens {
		k := edge(cur, Key(t))
		next, ok := m.edges[k]
		if !ok {
			next = int32(len(m.nodes))
			m.nodes = append(m.nodes, node{})
			m.edges[k] = next
		}
		cur = next
	}
	for _, v := range m.nodes[cur].vals {
		if v == value {
			return
		}
	}
	m.nodes[cur].vals = append(m.nodes[cur].vals, value)
	m.depth = max(m.depth, len(tokens))
}

// Build compiles the phrases added so far. The Builder must not be used afterwards.
func (b *Builder) Build() *Matcher {
	m := &b.m
	for i := range m.nodes {
		nd := &m.nodes[i]
		nd.first, nd.n = int32(len(m.values)), int32(len(nd.vals))
		m.values = append(m.values, nd.vals...)
		nd.vals = nil
	}
	return m
}

// Longest returns the length in tokens of the longest phrase that starts at tokens[i], and its
// values; n is 0 when none does. The values slice belongs to the Matcher and must not be changed.
func (m *Matcher) Longest(tokens []string, i int) (n int, values []int32) {
	if i >= len(tokens) || !m.first.Has(edge(0, Key(tokens[i]))) {
		return 0, nil
	}
	cur := int32(0)
	for j := i; j < len(tokens) && j-i < m.depth; j++ {
		next, ok := m.edges[edge(cur, Key(tokens[j]))]
		if !ok {
			break
		}
		cur = next
		if nd := &m.nodes[cur]; nd.n > 0 {
			n, values = j-i+1, m.values[nd.first:nd.first+nd.n]
		}
	}
	return n, values
}

// Len returns the number of distinct phrases.
func (m *Matcher) Len() int {
	c := 0
	for _, nd := range m.nodes {
		if nd.n > 0 {
			c++
		}
	}
	return c
}
