package article_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dyad-project/dyad/article"
)

func ExampleRead() {
	stdin := strings.NewReader(`{"id":"w1","title":"Talks resume","published":"2024-03-01","text":"Negotiators met on Friday."}
{"title":"No body"}
{"title":"Port reopens","text":"The port reopened on Saturday."}
`)
	ctx := context.Background()
	for a, err := range article.Read(ctx, []string{"-"}, article.Options{Stdin: stdin}) {
		var e *article.Error
		switch {
		case errors.As(err, &e):
			fmt.Println("skipped:", e)
			continue
		case err != nil: // ctx was cancelled
			fmt.Println(err)
			return
		}
		fmt.Println(a.Origin, a.ID, a.Title, a.Published.Format(time.DateOnly))
	}
	// Output:
	// -:1 w1 Talks resume 2024-03-01
	// skipped: -:2: record has neither text nor html
	// -:3 08b1cfaffaa236a1 Port reopens 0001-01-01
}
