package article

import (
	"strings"
	"testing"
)

func TestSplitTitle(t *testing.T) {
	long := strings.Repeat("x", maxTitle)
	tests := []struct {
		name      string
		in        string
		title     string
		body      string // "" means the whole input
		wholeBody bool
	}{
		{
			name:  "title and body",
			in:    "President says relations may be at 'all-time low'\n\nAdjust Comment Print\n\nFirst paragraph...\n\nSecond...\n",
			title: "President says relations may be at 'all-time low'",
			body:  "Adjust Comment Print\n\nFirst paragraph...\n\nSecond...\n",
		},
		{name: "no trailing newline", in: "Title\n\nBody", title: "Title", body: "Body"},
		{name: "body paragraph breaks kept", in: "Title\n\nA\n\n\n\nB\n \nC\n\n", title: "Title", body: "A\n\n\n\nB\n \nC\n\n"},
		{name: "several blank lines after the title", in: "Title\n\n\n  \nBody\n", title: "Title", body: "Body\n"},
		{name: "blank line with spaces", in: "Title\n \t \nBody\n", title: "Title", body: "Body\n"},
		{name: "CRLF", in: "Title\r\n\r\nBody one.\r\n\r\nBody two.\r\n", title: "Title", body: "Body one.\r\n\r\nBody two.\r\n"},
		{name: "title trimmed", in: "  Title  \n\nBody\n", title: "Title", body: "Body\n"},
		{name: "leading blank lines", in: "\n\nTitle\n\nBody\n", title: "Title", body: "Body\n"},
		{name: "title ends with a question mark", in: "Is it over?\n\nBody.\n", title: "Is it over?", body: "Body.\n"},
		{name: "title of 250 characters", in: long + "\n\nBody\n", title: long, body: "Body\n"},
		{name: "title of 250 multibyte characters", in: strings.Repeat("é", maxTitle) + "\n\nBody\n", title: strings.Repeat("é", maxTitle), body: "Body\n"},
		{name: "first line of 251 characters", in: long + "x\n\nBody\n", wholeBody: true},
		{name: "first line ends with a period", in: "He said no.\n\nBody\n", wholeBody: true},
		{name: "first line ends with a period and spaces", in: "He said no. \n\nBody\n", wholeBody: true},
		{name: "no blank line", in: "Title\nBody\n\nMore\n", wholeBody: true},
		{name: "single line", in: "Only a line\n", wholeBody: true},
		{name: "single line without newline", in: "Only a line", wholeBody: true},
		{name: "title and nothing after", in: "Title\n\n", wholeBody: true},
		{name: "title and blank lines after", in: "Title\n\n \n\n", wholeBody: true},
		{name: "title then blank line at end of input", in: "Title\n", wholeBody: true},
		{name: "empty", in: "", wholeBody: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, body := splitTitle(tt.in)
			wantTitle, wantBody := tt.title, tt.body
			if tt.wholeBody {
				wantTitle, wantBody = "", tt.in
			}
			if title != wantTitle || body != wantBody {
				t.Errorf("splitTitle(%q) = %q, %q; want %q, %q", tt.in, title, body, wantTitle, wantBody)
			}
		})
	}
}

func TestIsBinary(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"text", "Plain text.\n\tIndented.\r\n\fPage.\v", false},
		{"empty", "", false},
		{"NUL", "text\x00text", true},
		{"NUL after 8 KiB", strings.Repeat("a", sniffLen) + "\x00", false},
		{"10% controls", "\x01\x02" + strings.Repeat("a", 18), false},
		{"over 10% controls", "\x01\x02\x1b" + strings.Repeat("a", 17), true},
		{"DEL counts", "\x7f\x7f\x7f" + strings.Repeat("a", 17), true},
		{"UTF-8 is not control", strings.Repeat("é€", 10), false},
	}
	for _, tt := range tests {
		if got := isBinary([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: isBinary(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", -1},
		{"plain", -1},
		{"café €", -1},
		{"\uFFFD", -1},
		{"\xff", 0},
		{"ab\xe9cd", 2},
		{"é\xc3", 2},         // truncated sequence at the end
		{"a\xed\xa0\x80", 1}, // surrogate
		{"a\xc0\xaf", 1},     // overlong encoding
	}
	for _, tt := range tests {
		if got := invalidUTF8([]byte(tt.in)); got != tt.want {
			t.Errorf("invalidUTF8(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
