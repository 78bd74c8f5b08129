package storetest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/dyad-project/dyad/article"
)

// News returns n small made-up news articles about international relations in 2017, written
// from templates so that dyad finds actors, quotes and events in them (meetings, accusations,
// aid, sanctions, threats, attacks, some negated or hedged). The same n and seed give the same
// articles; ids are "news-000000", "news-000001"….
func News(n int, seed uint64) []*article.Article {
	r := rand.New(rand.NewPCG(seed, 0x64796164))
	out := make([]*article.Article, n)
	start := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		a, b := pickTwo(r, len(newsActors))
		x, y := newsActors[a], newsActors[b]
		topic := newsTopics[r.IntN(len(newsTopics))]
		place := newsPlaces[r.IntN(len(newsPlaces))]
		var sb strings.Builder
		k := 4 + r.IntN(7)
		for j := range k {
			if j > 0 {
				if j%3 == 0 {
					sb.WriteString("\n\n")
				} else {
					sb.WriteString(" ")
				}
			}
			if j > 0 && r.IntN(3) == 0 {
				// Other actors, now and then.
				c, d := pickTwo(r, len(newsActors))
				x, y = newsActors[c], newsActors[d]
			}
			t := newsSentences[r.IntN(len(newsSentences))]
			if j == 0 {
				t = newsSentences[0]
			}
			sb.WriteString(fill(t, x, y, topic, place, newsDays[r.IntN(len(newsDays))]))
		}
		title := fill(newsTitles[r.IntN(len(newsTitles))], newsActors[a], newsActors[b], topic, place, "")
		out[i] = &article.Article{
			ID:        fmt.Sprintf("news-%06d", i),
			URL:       fmt.Sprintf("https://news.example.org/%d/%06d", 2017, i),
			Title:     title,
			Published: start.AddDate(0, 0, r.IntN(365)),
			Source:    newsSources[r.IntN(len(newsSources))],
			Text:      sb.String(),
			Origin:    fmt.Sprintf("news:%d", i+1),
		}
	}
	return out
}

// WriteJSONL writes articles as dyad's JSON Lines input.
func WriteJSONL(w io.Writer, arts []*article.Article) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		rec := map[string]string{"id": a.ID, "url": a.URL, "title": a.Title, "source": a.Source, "text": a.Text}
		if !a.Published.IsZero() {
			rec["published"] = a.Published.Format(time.DateOnly)
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

func pickTwo(r *rand.Rand, n int) (int, int) {
	a := r.IntN(n)
	b := r.IntN(n - 1)
	if b >= a {
		b++
	}
	return a, b
}

// newsActor is an actor as a sentence's subject (long) and as a later mention (short).
type newsActor struct{ long, short string }

func fill(t string, x, y newsActor, topic, place, day string) string {
	return strings.NewReplacer("{A}", x.long, "{a}", x.short, "{B}", y.long, "{b}", y.short,
		"{T}", topic, "{P}", place, "{D}", day).Replace(t)
}

var newsActors = []newsActor{
	{"U.S. Secretary of State Rex Tillerson", "Tillerson"},
	{"Russian Foreign Minister Sergei Lavrov", "Lavrov"},
	{"President Vladimir Putin", "Putin"},
	{"President Donald Trump", "Trump"},
	{"the United States", "Washington"},
	{"Russia", "Moscow"},
	{"China", "Beijing"},
	{"Chinese President Xi Jinping", "Xi"},
	{"German Chancellor Angela Merkel", "Merkel"},
	{"Germany", "Berlin"},
	{"France", "Paris"},
	{"French President Emmanuel Macron", "Macron"},
	{"British Prime Minister Theresa May", "May"},
	{"Britain", "London"},
	{"Iran", "Tehran"},
	{"Israel", "Israel"},
	{"Israeli Prime Minister Benjamin Netanyahu", "Netanyahu"},
	{"Turkey", "Ankara"},
	{"Turkish President Recep Tayyip Erdogan", "Erdogan"},
	{"Syria", "Damascus"},
	{"Ukraine", "Kiev"},
	{"Japan", "Tokyo"},
	{"India", "New Delhi"},
	{"Pakistan", "Islamabad"},
	{"North Korea", "Pyongyang"},
	{"South Korea", "Seoul"},
	{"the European Union", "the EU"},
	{"NATO", "the alliance"},
	{"the United Nations", "the U.N."},
	{"Egypt", "Cairo"},
	{"Saudi Arabia", "Riyadh"},
	{"Mexico", "Mexico City"},
}

var newsTopics = []string{"trade", "security", "climate change", "energy", "the nuclear programme", "migration",
	"the war in Syria", "the conflict in eastern Ukraine", "cyber attacks", "fishing rights"}

var newsPlaces = []string{"Moscow", "Washington", "Beijing", "Berlin", "Paris", "London", "Geneva", "Brussels",
	"Vienna", "Ankara", "Tokyo", "New Delhi", "Cairo", "Riyadh"}

var newsDays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

var newsSources = []string{"Reuters", "AP", "AFP", "BBC", "The Guardian", "Al Jazeera", "Deutsche Welle", "NHK"}

var newsTitles = []string{
	"{a} and {b} hold talks on {T}",
	"{a} accuses {b} over {T}",
	"{a} warns {b} on {T}",
	"{a} pledges aid to {b}",
	"Tensions rise between {a} and {b}",
	"{a} to impose sanctions on {b}",
}

var newsSentences = []string{
	"{A} met {B} in {P} on {D}.",
	"{A} met {B} in {P} on {D} to discuss {T}.",
	"{A} accused {B} of violating international law.",
	"{A} criticised {B} over its policy on {T}.",
	"{A} pledged economic aid to {B}.",
	"{A} imposed new sanctions on {B}.",
	"{A} threatened to retaliate against {B}.",
	"{A} and {B} agreed to cooperate on {T}.",
	"{A} urged {B} to show restraint.",
	"{A} praised {B} for its role in the talks on {T}.",
	"{A} expelled diplomats from {B}.",
	"{A} denied that it had attacked {B}.",
	"{A} did not meet {B} in {P}.",
	"{A} may impose sanctions on {B}.",
	"{A} plans to visit {B} next month.",
	"Forces of {A} attacked positions held by {B} near the border.",
	"{A} condemned the attack and demanded an investigation by {B}.",
	"{A} signed an agreement on {T} with {B} in {P}.",
	"\"We will not accept this,\" {a} told reporters in {P}.",
	"{a} said the talks on {T} were \"constructive\" but difficult.",
	"\"There is no alternative to dialogue,\" {a} said.",
	"Officials did not give details of the talks on {T}.",
	"The meeting in {P} lasted three hours.",
	"Markets fell slightly after the news on {D}.",
	"Analysts said relations had reached a low point.",
}

// WriteWARC writes articles as a WARC file of the kind a crawler writes (CC-NEWS's layout):
// for each article, an HTTP response record whose body is an HTML news page with the
// article's title, publication time and paragraphs, among a site's navigation and footer.
// With gz, every record is its own gzip member, as in a .warc.gz file.
func WriteWARC(w io.Writer, arts []*article.Article, gz bool) error {
	var page, http, rec bytes.Buffer
	for i, a := range arts {
		page.Reset()
		title := html.EscapeString(a.Title)
		fmt.Fprintf(&page, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s | %s</title>\n", title, html.EscapeString(a.Source))
		fmt.Fprintf(&page, "<link rel=\"canonical\" href=\"%s\">\n", html.EscapeString(a.URL))
		if !a.Published.IsZero() {
			fmt.Fprintf(&page, "<meta property=\"article:published_time\" content=\"%s\">\n", a.Published.Format(time.RFC3339))
		}
		fmt.Fprintf(&page, "</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a></nav>\n<article><h1>%s</h1>\n", title)
		for _, p := range strings.Split(a.Text, "\n\n") {
			fmt.Fprintf(&page, "<p>%s</p>\n", html.EscapeString(p))
		}
		page.WriteString("</article>\n<aside><h2>More news</h2><ul><li><a href=\"/a\">Markets close higher</a></li><li><a href=\"/b\">Weather warning issued</a></li></ul></aside>\n<footer>Copyright Example News. All rights reserved.</footer></body></html>\n")

		http.Reset()
		fmt.Fprintf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", page.Len())
		http.Write(page.Bytes())

		rec.Reset()
		fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", i)
		fmt.Fprintf(&rec, "WARC-Date: %s\r\nWARC-Target-URI: %s\r\n", a.Published.UTC().Format(time.RFC3339), a.URL)
		fmt.Fprintf(&rec, "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n", http.Len())
		rec.Write(http.Bytes())
		rec.WriteString("\r\n\r\n")
		if gz {
			zw := gzip.NewWriter(w)
			if _, err := zw.Write(rec.Bytes()); err != nil {
				return err
			}
			if err := zw.Close(); err != nil {
				return err
			}
		} else if _, err := w.Write(rec.Bytes()); err != nil {
			return err
		}
	}
	return nil
}
