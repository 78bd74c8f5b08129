package article_test

import (
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/article"
)

func ExampleExtract() {
	a := &article.Article{
		Origin: "page.html",
		HTML: `<html><head><title>Port reopens | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-02T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Port reopens</h1>
<p>The port of Saltmere reopened on Saturday after a three-day strike by dock workers over pay and night shifts.</p>
<p>The harbour authority said ships waiting at anchor would be unloaded over the weekend.</p></article>
<footer>Copyright Example News</footer></body></html>`,
	}
	if err := article.Extract(a); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Title, "|", a.Source, "|", a.Published.Format("2006-01-02"))
	fmt.Println(a.Text)
	// Output:
	// Port reopens | Example News | 2024-03-02
	// The port of Saltmere reopened on Saturday after a three-day strike by dock workers over pay and night shifts.
	//
	// The harbour authority said ships waiting at anchor would be unloaded over the weekend.
}

func ExampleParseFeed() {
	feed, err := article.ParseFeed(strings.NewReader(`<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example News</title><link>https://news.example/</link>
<item><title>Port reopens</title><link>/world/port</link>
<pubDate>Sat, 02 Mar 2024 10:00:00 +0100</pubDate>
<description>&lt;p&gt;The port reopened on &lt;b&gt;Saturday&lt;/b&gt;.&lt;/p&gt;</description></item>
</channel></rss>`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range feed.Items {
		fmt.Println(it.URL, it.Published.Format("2006-01-02T15:04Z"), it.Title, "-", it.Summary)
	}
	// Output:
	// https://news.example/world/port 2024-03-02T09:00Z Port reopens - The port reopened on Saturday.
}
