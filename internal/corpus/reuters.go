// Package corpus reads the raw news corpora used for benchmarks.
package corpus

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Reuters returns the title and body of every story in the Reuters-21578 SGML files (reut2-*.sgm)
// in dir, in file order. Stories without a body are left out.
func Reuters(dir string) (titles, bodies []string, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("no reut2-*.sgm files in %s", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		for _, story := range strings.Split(string(b), "</REUTERS>") {
			body := between(story, "<BODY>", "</BODY>")
			if body == "" {
				continue
			}
			body = strings.TrimSuffix(strings.TrimSpace(body), "Reuter\n&#3;")
			titles = append(titles, html.UnescapeString(between(story, "<TITLE>", "</TITLE>")))
			bodies = append(bodies, html.UnescapeString(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(body), "&#3;"))))
		}
	}
	return titles, bodies, nil
}

func between(s, open, close string) string {
	i := strings.Index(s, open)
	if i < 0 {
		return ""
	}
	s = s[i+len(open):]
	j := strings.Index(s, close)
	if j < 0 {
		return ""
	}
	return s[:j]
}
