package perceptron

// Shapes writes two word shapes, the features taggers use for words they have not seen: long maps A–Z to X, a–z to x, 0–9 to d,
// other bytes ≥ 0x80 to u and keeps the rest, with runs of one class cut to
// four ("Xxxx", "dddd-dd-dd", "X.X."); short collapses each run to one
// ("Xx", "d-d-d"). Both stop at 24 bytes.
func Shapes(w string, long, short *[24]byte) (nl, ns int) {
	var prev byte
	run := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c = 'X'
		case c >= 'a' && c <= 'z':
			c = 'x'
		case c >= '0' && c <= '9':
			c = 'd'
		case c >= 0x80:
			c = 'u'
		}
		if c == prev {
			run++
		} else {
			run = 1
			prev = c
			if ns < len(short) {
				short[ns] = c
				ns++
			}
		}
		if run <= 4 && nl < len(long) {
			long[nl] = c
			nl++
		}
	}
	return
}
