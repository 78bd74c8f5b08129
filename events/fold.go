package events

// lowerBytes writes w lower-cased (ASCII letters only) into buf and returns it, so that a map
// look-up m[string(b)] or a comparison string(b) == "not" costs no allocation. A word longer than
// buf comes back as it is, truncated: no look-up word is that long.
func lowerBytes(buf *[24]byte, w string) []byte {
	n := copy(buf[:], w)
	for i := 0; i < n; i++ {
		if c := buf[i]; c >= 'A' && c <= 'Z' {
			buf[i] = c + 'a' - 'A'
		}
	}
	return buf[:n]
}
