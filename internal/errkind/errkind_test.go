package errkind

import (
	"errors"
	"io/fs"
	"testing"
)

func TestSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 bytes"},
		{1, "1 byte"},
		{1023, "1023 bytes"},
		{1024, "1.0 KiB"},
		{1536, "1.5 KiB"},
		{32 << 20, "32.0 MiB"},
		{200 << 20, "200.0 MiB"},
		{3 << 30, "3.0 GiB"},
	}
	for _, tt := range tests {
		if got := Size(tt.n); got != tt.want {
			t.Errorf("Size(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestError(t *testing.T) {
	kind := errors.New("too large")
	e := Errorf(kind, "file is %s", Size(2048))
	if e.Error() != "file is 2.0 KiB" || !errors.Is(e, kind) {
		t.Errorf("Errorf: %q, is kind %v", e, errors.Is(e, kind))
	}
	c := &Error{Kind: kind, Msg: "m", Cause: fs.ErrClosed}
	if !errors.Is(c, kind) || !errors.Is(c, fs.ErrClosed) {
		t.Errorf("an Error with a cause is not both its kind and its cause")
	}
}
