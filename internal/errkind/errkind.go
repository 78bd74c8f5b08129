// Package errkind makes errors that belong to a kind — a sentinel error tested with errors.Is —
// while carrying their own message, as the readers and fetchers report them: "file is 200.0 MiB,
// over the 32.0 MiB limit" is an article.ErrTooLarge.
package errkind

import "fmt"

// Error is an error of kind Kind with message Msg and, optionally, the error that caused it.
type Error struct {
	Kind  error
	Msg   string
	Cause error
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns the kind, and the cause when there is one.
func (e *Error) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Kind, e.Cause}
	}
	return []error{e.Kind}
}

// Errorf returns an error of the given kind with a formatted message.
func Errorf(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Size formats a byte count for a message: "200.0 MiB", "1.5 KiB", "100 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n == 1:
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
