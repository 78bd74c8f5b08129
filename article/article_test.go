package article

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/dyad-project/dyad/internal/errkind"
)

func TestContentID(t *testing.T) {
	// The ids are fixed: they must not change between versions, since other
	// stages and stored results refer to articles by them.
	tests := []struct {
		title, text, html string
		want              string
	}{
		// printf 'Title\n\nBody.\n' | sha256sum | cut -c1-16
		{"Title", "Body.\n", "", "b652c7755cf5787e"},
		// printf '\n\nBody.\n' | sha256sum | cut -c1-16
		{"", "Body.\n", "", "8e1be2ca964b3f67"},
		// printf '<p>Body.</p>' | sha256sum | cut -c1-16
		{"Title", "", "<p>Body.</p>", "607288e964c04f31"},
		{"", "", "<p>Body.</p>", "607288e964c04f31"},
	}
	for _, tt := range tests {
		if got := ContentID(tt.title, tt.text, tt.html); got != tt.want {
			t.Errorf("ContentID(%q, %q, %q) = %s, want %s", tt.title, tt.text, tt.html, got, tt.want)
		}
	}
}

func TestError(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Path: "a.txt", Err: ErrEmpty}, "a.txt: empty file"},
		{&Error{Path: "feed.jsonl", Line: 12, Err: errors.New("not a JSON object")}, "feed.jsonl:12: not a JSON object"},
		{&Error{Path: "-", Line: 3, Err: ErrBinary}, "-:3: binary content, not text"},
		{&Error{Path: "-"}, "-: unknown error"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	e := &Error{Path: "x", Err: &errkind.Error{Kind: ErrGzip, Msg: "m", Cause: fs.ErrClosed}}
	if !errors.Is(e, ErrGzip) || !errors.Is(e, fs.ErrClosed) || errors.Is(e, ErrEmpty) {
		t.Errorf("errors.Is does not see through %v", e)
	}
	if errors.Unwrap(e) != e.Err {
		t.Errorf("Unwrap() = %v, want %v", errors.Unwrap(e), e.Err)
	}
}
