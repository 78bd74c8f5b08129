package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/record"
)

// articles yields n articles, with a read error in place of every seventh.
func articles(n int) iter.Seq2[*article.Article, error] {
	return func(yield func(*article.Article, error) bool) {
		for i := range n {
			var ok bool
			switch {
			case i%7 == 3:
				ok = yield(nil, fmt.Errorf("record %d: unreadable", i))
			case i%11 == 5:
				ok = yield(&article.Article{ID: fmt.Sprint(i), Origin: fmt.Sprint(i), Text: "Adjust Comment Print"}, nil)
			default:
				ok = yield(&article.Article{ID: fmt.Sprint(i), Origin: fmt.Sprint(i),
					Text: fmt.Sprintf("Article %d. France and Germany met in Paris on Tuesday. Russia criticised them.", i)}, nil)
			}
			if !ok {
				return
			}
		}
	}
}

func TestRunOrderAndErrors(t *testing.T) {
	c := New(Options{})
	var got []string
	var encoded []string
	err := c.Run(context.Background(), articles(60), 4,
		func(r *record.Article) error {
			got = append(got, r.ID)
			b, _ := json.Marshal(r)
			encoded = append(encoded, string(b))
			return nil
		},
		func(err error) { got = append(got, "error:"+err.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 60 {
		switch {
		case i%7 == 3:
			want = append(want, fmt.Sprintf("error:record %d: unreadable", i))
		case i%11 == 5:
			want = append(want, fmt.Sprintf("error:%d: %v", i, ErrNoText))
		default:
			want = append(want, fmt.Sprint(i))
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Run emitted, in order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The same input coded again, with another number of workers, gives the same bytes.
	var again []string
	c.Run(context.Background(), articles(60), 1, func(r *record.Article) error {
		b, _ := json.Marshal(r)
		again = append(again, string(b))
		return nil
	}, func(error) {})
	if strings.Join(again, "\n") != strings.Join(encoded, "\n") {
		t.Error("output differs between runs with 4 workers and 1 worker")
	}
}

func TestRunSinkError(t *testing.T) {
	c := New(Options{})
	stop := errors.New("disk full")
	n := 0
	err := c.Run(context.Background(), articles(100), 3, func(r *record.Article) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	}, func(error) {})
	if !errors.Is(err, stop) {
		t.Errorf("Run returned %v, want the sink's error", err)
	}
	if n != 5 {
		t.Errorf("sink called %d times after failing, want 5", n)
	}
}

func TestRunCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := New(Options{}).Run(ctx, articles(1000), 2, func(*record.Article) error { return nil }, func(error) {})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run on a cancelled context returned %v", err)
	}
}

func TestCodeHTML(t *testing.T) {
	c := New(Options{})
	page := `<html><head><title>Talks resume</title></head><body><nav>Home | World</nav>
<article><h1>Talks resume</h1><p>France and Germany met in Paris on Tuesday to discuss trade.</p>
<p>The ministers said the talks were useful and would continue next month.</p></article></body></html>`
	r, err := c.Code(&article.Article{ID: "p", Origin: "page.html", HTML: page})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, "France and Germany met in Paris") || strings.Contains(r.Text, "Home | World") {
		t.Errorf("extracted text %q", r.Text)
	}
	_, err = c.Code(&article.Article{Origin: "empty.html", HTML: "<html><body><script>x()</script></body></html>"})
	if !errors.Is(err, ErrNoText) || !strings.HasPrefix(err.Error(), "empty.html: ") {
		t.Errorf("Code(page without text) = %v, want ErrNoText naming the page", err)
	}
}

func TestCodeCreditsAndDates(t *testing.T) {
	c := New(Options{Date: time.Date(2017, 4, 13, 0, 0, 0, 0, time.UTC)}) // a Thursday
	r, err := c.Code(&article.Article{ID: "x", Text: `"We will defend our interests," said Vladimir Putin on Wednesday. France and Germany met on Tuesday.`})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range r.Events {
		src, tgt := "-", "-"
		if e.Source != nil {
			src = e.Source.Code
		}
		if e.Target != nil {
			tgt = e.Target.Code
		}
		got = append(got, fmt.Sprintf("%s>%s>%s@%s", src, e.Code, tgt, e.Date))
	}
	want := "RUSGOV>010>-@2017-04-12 FRA>040>DEU@2017-04-11 DEU>040>FRA@2017-04-11"
	if strings.Join(got, " ") != want {
		t.Errorf("events %q, want %q", strings.Join(got, " "), want)
	}
}
