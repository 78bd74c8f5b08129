package article

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// feedSeeds are small feeds for FuzzParseFeed, besides the files of
// testdata/feeds.
var feedSeeds = []string{
	`<rss version="2.0"><channel><title>T</title><link>https://x.example/</link><item><title>A &amp; B</title><link>/a</link><pubDate>Sat, 02 Mar 2024 10:00:00 +0100</pubDate><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>`,
	`<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>E</title><link href="https://x.example/e"/><updated>2024-03-01T10:00:00Z</updated></entry></feed>`,
	`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel><item><title>I</title><link>https://x.example/i</link></item></rdf:RDF>`,
	`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://x.example/j","title":"J1","content_text":"t"}]}`,
	`<rss><channel><item><title>cut`,
	`<html><body>no feed</body></html>`,
	``,
}

func TestParseFeed(t *testing.T) {
	date := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		file    string
		feed    Feed
		partial bool
	}{
		{
			file: "rss2.xml",
			feed: Feed{
				Title: "The Lantern Gazette – News", URL: "https://lantern.example/", Language: "en-gb",
				Updated: date("2024-03-07T12:00:00Z"),
				Items: []FeedItem{
					{
						URL:       "https://lantern.example/news/2024/03/07/harbour-strike-ends",
						Title:     "Harbour strike ends after three days",
						Published: date("2024-03-07T09:30:00Z"),
						Summary:   "Dock workers returned to work on Thursday after the harbour authority agreed to reopen talks.\n\nMore news",
						GUID:      "https://lantern.example/news/2024/03/07/harbour-strike-ends",
					},
					{
						URL:       "https://lantern.example/news/2024/02/28/ferry-timetable",
						Title:     "Ferry timetable cut for spring",
						Published: date("2024-02-28T16:45:00Z"),
						Summary:   "The ferry operator will run two crossings a day instead of four until May.",
						GUID:      "lantern-4471",
					},
					{
						URL:       "https://lantern.example/news/2024/02/20/bridge-repairs",
						Title:     "Bridge repairs to start in April",
						Published: date("2024-02-20T13:00:00Z"),
						Summary:   "Repairs to the old bridge will start in April and last six months.",
						GUID:      "https://lantern.example/news/2024/02/20/bridge-repairs",
					},
				},
			},
		},
		{
			file: "atom.xml",
			feed: Feed{
				Title: "Le Petit Observateur", URL: "https://observateur.example/", FeedURL: "https://observateur.example/feed.atom", Language: "fr",
				Updated: date("2024-03-06T17:00:00Z"),
				Items: []FeedItem{
					{
						URL:       "https://observateur.example/ville/2024/03/terrasses",
						Title:     "Café owners protest new terrace rules",
						Published: date("2024-03-06T16:15:00Z"),
						Summary:   "Owners of cafés gathered outside the town hall.",
						GUID:      "tag:observateur.example,2024:terrasses",
					},
					{
						URL:       "https://observateur.example/ville/2024/03/tram",
						Title:     "Tram line extension approved",
						Published: date("2024-03-05T09:00:00Z"),
						Summary:   "The council approved the extension of tram line 2.",
						GUID:      "tag:observateur.example,2024:tram",
					},
				},
			},
		},
		{
			file: "latin1.xml",
			feed: Feed{
				Title: "Nouvelles de la région", URL: "https://region.example/",
				Items: []FeedItem{{URL: "https://region.example/ecole", Title: "L'école rouvre", Summary: "L'école du village a rouvert lundi."}},
			},
		},
		{
			file:    "broken.xml",
			partial: true,
			feed: Feed{
				Title: "Wire & Co", URL: "https://wire.example/", Partial: true,
				Items: []FeedItem{
					{URL: "https://wire.example/geneva", Title: "Talks resume in Geneva", Published: date("2024-03-01T10:00:00Z"),
						Summary: "Negotiators met on Friday — the first meeting since January."},
					{URL: "https://wire.example/rates", Title: "Rates held"},
				},
			},
		},
		{file: "rss2.xml.gz"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "feeds", tt.file)
			got, err := ReadFeedFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if tt.file == "rss2.xml.gz" {
				if len(got.Items) != 3 {
					t.Errorf("got %d items from the compressed feed", len(got.Items))
				}
				return
			}
			if got.Title != tt.feed.Title || got.URL != tt.feed.URL || got.FeedURL != tt.feed.FeedURL ||
				got.Language != tt.feed.Language || !got.Updated.Equal(tt.feed.Updated) || got.Partial != tt.feed.Partial {
				t.Errorf("feed %+v,\nwant %+v", *got, tt.feed)
			}
			if len(got.Items) != len(tt.feed.Items) {
				t.Fatalf("got %d items, want %d: %+v", len(got.Items), len(tt.feed.Items), got.Items)
			}
			for i, w := range tt.feed.Items {
				g := got.Items[i]
				if g.URL != w.URL || g.Title != w.Title || !g.Published.Equal(w.Published) || g.Summary != w.Summary || g.GUID != w.GUID {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, g, w)
				}
				if !g.Published.IsZero() && g.Published.Location() != time.UTC {
					t.Errorf("item %d: date %v not in UTC", i, g.Published)
				}
			}
		})
	}
}

func TestParseFeedErrors(t *testing.T) {
	for _, in := range []string{"", "   ", "<html><body><p>A page, not a feed.</p></body></html>", "plain text", "<rss><channel><item><title>cut"} {
		f, err := ParseFeed(strings.NewReader(in))
		if f != nil || !errors.Is(err, ErrFeed) {
			t.Errorf("ParseFeed(%q) = %v, %v; want an ErrFeed", in, f, err)
		}
	}
	if _, err := ParseFeed(strings.NewReader("<rss>" + strings.Repeat(" ", DefaultMaxBytes) + "</rss>")); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized feed: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "missing.xml")
	_, err := ReadFeedFile(missing)
	var e *Error
	if !errors.As(err, &e) || e.Path != missing || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFeedFile(missing) = %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(bad, []byte("not a feed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFeedFile(bad); !errors.As(err, &e) || e.Path != bad || !errors.Is(err, ErrFeed) {
		t.Errorf("ReadFeedFile(bad) = %v", err)
	}
}
