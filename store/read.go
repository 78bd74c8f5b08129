package store

import (
	"context"
	"database/sql"

	"github.com/dyad-project/dyad/record"
)

// rows is what both backends' result sets offer.
type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// querier runs a query on either backend.
type querier interface {
	query(ctx context.Context, q string, args ...any) (rows, error)
}

// sqlRows adapts a database/sql transaction.
type sqlRows struct{ tx *sql.Tx }

type sqlResult struct{ *sql.Rows }

func (r sqlResult) Close() { r.Rows.Close() }

func (q sqlRows) query(ctx context.Context, s string, args ...any) (rows, error) {
	r, err := q.tx.QueryContext(ctx, s, args...)
	if err != nil {
		return nil, err
	}
	return sqlResult{r}, nil
}

// each runs query and calls scan for every row.
func each(ctx context.Context, q querier, query string, args []any, scan func(rows) error) error {
	rs, err := q.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		if err := scan(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}

// readArticle reads the record of article id; ph is the placeholder of the one argument.
func readArticle(ctx context.Context, q querier, id, ph string) (*record.Article, error) {
	var a *record.Article
	var aid int64
	err := each(ctx, q, `SELECT aid, id, url, title, source, published, lang, tone, text, story, skipped FROM articles WHERE id = `+ph,
		[]any{id}, func(r rows) error {
			a = &record.Article{}
			var tone sql.Null[float64]
			if err := r.Scan(&aid, &a.ID, &a.URL, &a.Title, &a.Source, &a.Published, &a.Lang, &tone, &a.Text, &a.Story, &a.Skipped); err != nil {
				return err
			}
			if tone.Valid {
				a.Tone = &tone.V
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, ErrNotFound
	}
	arg := []any{aid}
	a.Sentences = []record.Sentence{}
	err = each(ctx, q, `SELECT start_byte, end_byte FROM sentences WHERE article = `+ph+` ORDER BY idx`, arg, func(r rows) error {
		var s record.Sentence
		err := r.Scan(&s.Start, &s.End)
		a.Sentences = append(a.Sentences, s)
		return err
	})
	if err != nil {
		return nil, err
	}
	a.Entities = []record.Entity{}
	err = each(ctx, q, `SELECT text, type, subtype, start_byte, end_byte, actor_code, actor_name, actor_country
		FROM entities WHERE article = `+ph+` ORDER BY idx`, arg, func(r rows) error {
		var e record.Entity
		var code, name, country sql.Null[string]
		if err := r.Scan(&e.Text, &e.Type, &e.Subtype, &e.Start, &e.End, &code, &name, &country); err != nil {
			return err
		}
		if code.Valid {
			e.Actor = &record.Actor{Code: code.V, Name: name.V, Country: country.V}
		}
		a.Entities = append(a.Entities, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	a.Quotes = []record.Quote{}
	err = each(ctx, q, `SELECT text, start_byte, end_byte, direct, scare, in_title, cue,
		speaker_text, speaker_start, speaker_end, speaker_name, speaker_code, speaker_country, confidence
		FROM quotes WHERE article = `+ph+` ORDER BY idx`, arg, func(r rows) error {
		var x record.Quote
		var spText, spName, spCode, spCountry sql.Null[string]
		var spStart, spEnd sql.Null[int64]
		if err := r.Scan(&x.Text, &x.Start, &x.End, &x.Direct, &x.Scare, &x.InTitle, &x.Cue,
			&spText, &spStart, &spEnd, &spName, &spCode, &spCountry, &x.Confidence); err != nil {
			return err
		}
		if spText.Valid {
			x.Speaker = &record.Speaker{Text: spText.V, Start: int(spStart.V), End: int(spEnd.V),
				Name: spName.V, Code: spCode.V, Country: spCountry.V}
		}
		a.Quotes = append(a.Quotes, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	a.Events = []record.Event{}
	err = each(ctx, q, `SELECT code, root, plover, goldstein, quad_class,
		source_text, source_name, source_code, source_country, target_text, target_name, target_code, target_country,
		sentence, start_byte, end_byte, evidence, date, location_name, location_country, lat, lon, negated, modality, confidence
		FROM events WHERE article = `+ph+` ORDER BY idx`, arg, func(r rows) error {
		var x record.Event
		var src, tgt [4]sql.Null[string]
		var locName, locCountry sql.Null[string]
		var lat, lon sql.Null[float64]
		if err := r.Scan(&x.Code, &x.Root, &x.Plover, &x.Goldstein, &x.QuadClass,
			&src[0], &src[1], &src[2], &src[3], &tgt[0], &tgt[1], &tgt[2], &tgt[3],
			&x.Sentence, &x.Start, &x.End, &x.Evidence, &x.Date, &locName, &locCountry, &lat, &lon,
			&x.Negated, &x.Modality, &x.Confidence); err != nil {
			return err
		}
		x.Source, x.Target = participant(src), participant(tgt)
		if locName.Valid {
			x.Location = &record.Location{Name: locName.V, Country: locCountry.V}
			if lat.Valid {
				x.Location.Lat = &lat.V
			}
			if lon.Valid {
				x.Location.Lon = &lon.V
			}
		}
		a.Events = append(a.Events, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

func participant(f [4]sql.Null[string]) *record.Participant {
	if !f[0].Valid {
		return nil
	}
	return &record.Participant{Text: f[0].V, Name: f[1].V, Code: f[2].V, Country: f[3].V}
}
