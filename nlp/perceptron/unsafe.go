package perceptron

import "unsafe"

// bytesToString views b as a string for hashing. The string does not outlive
// the call it is passed to.
func bytesToString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}
