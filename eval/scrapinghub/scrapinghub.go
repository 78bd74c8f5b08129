// Package scrapinghub reads the ScrapingHub article-extraction benchmark: news pages and the true
// text of each page's article.
//
// The benchmark is a directory with
//
//	ground-truth.json   {"ID": {"articleBody": "...", "url": "..."}, ...}
//	html/ID.html.gz     the page as it was fetched, gzip-compressed
//
// Read returns the pages in the order of their ids; the HTML of a page is read only when asked for
// (Page.HTML), so that a run holds one page at a time.
package scrapinghub

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// Page is one page of the benchmark.
type Page struct {
	ID   string // the benchmark's id of the page (a SHA-256 in hex)
	URL  string // the address the page was fetched from
	Body string // the true text of the article (articleBody)
	Path string // the file holding the page's HTML, gzip-compressed
}

// maxPage is the largest decompressed page accepted.
const maxPage = 64 << 20

// HTML returns the page's HTML, decompressed.
func (p Page) HTML() ([]byte, error) {
	f, err := os.Open(p.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	var b bytes.Buffer
	n, err := b.ReadFrom(io.LimitReader(zr, maxPage+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	if n > maxPage {
		return nil, fmt.Errorf("%s: page is over %d MiB", p.Path, maxPage>>20)
	}
	return b.Bytes(), nil
}

// Read reads the benchmark in dir: its ground truth, and the paths of the pages' HTML. Every id
// of the ground truth must have its HTML file.
func Read(dir string) ([]Page, error) {
	gtPath := filepath.Join(dir, "ground-truth.json")
	data, err := os.ReadFile(gtPath)
	if err != nil {
		return nil, err
	}
	var gt map[string]struct {
		ArticleBody *string `json:"articleBody"`
		URL         string  `json:"url"`
	}
	if err := json.Unmarshal(data, &gt); err != nil {
		return nil, fmt.Errorf("%s: %w", gtPath, err)
	}
	if len(gt) == 0 {
		return nil, fmt.Errorf("%s: no pages", gtPath)
	}
	pages := make([]Page, 0, len(gt))
	for id, g := range gt {
		if g.ArticleBody == nil {
			return nil, fmt.Errorf("%s: page %s has no articleBody", gtPath, id)
		}
		if id == "" || filepath.Base(id) != id || id[0] == '.' {
			return nil, fmt.Errorf("%s: bad page id %q", gtPath, id)
		}
		p := Page{ID: id, URL: g.URL, Body: *g.ArticleBody, Path: filepath.Join(dir, "html", id+".html.gz")}
		if _, err := os.Stat(p.Path); err != nil {
			return nil, fmt.Errorf("page %s: %w", id, err)
		}
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}
