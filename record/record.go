// Package record defines what dyad writes for each article: the coded article with its
// sentences, entities, quotes and events, each carrying the offsets of its evidence.
// Its JSON form is the contract documented in docs/schema.md: field names are stable and
// additions are allowed.
package record

// Article is one coded article.
type Article struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Text      string     `json:"text"` // the cleaned body; every offset refers to it
	URL       string     `json:"url,omitempty"`
	Source    string     `json:"source,omitempty"`
	Published string     `json:"published,omitempty"` // YYYY-MM-DD
	Lang      string     `json:"lang"`                // ISO 639-1, or "und" when undetermined
	Tone      *float64   `json:"tone"`                // null until tone is scored
	Sentences []Sentence `json:"sentences"`
	Entities  []Entity   `json:"entities"`
	Quotes    []Quote    `json:"quotes"`
	Events    []Event    `json:"events"`
	Story     string     `json:"story,omitempty"` // the id of the article's story (dyad code --stories, dyad ingest)
	// Skipped says why the article was not coded, when it was not: its sentences, entities,
	// quotes and events are then empty.
	Skipped string `json:"skipped,omitempty"`
}

// Sentence is the byte range of one sentence of the text.
type Sentence struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Actor is a resolved actor: its name in the knowledge base and its CAMEO code.
type Actor struct {
	Name    string `json:"name"`
	Code    string `json:"code"`
	Country string `json:"country,omitempty"`
}

// Entity is a mention of a person, organisation, place or other named thing.
type Entity struct {
	Text    string `json:"text"`
	Type    string `json:"type"` // PER, ORG, LOC or MISC
	Subtype string `json:"subtype,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Actor   *Actor `json:"actor,omitempty"`
}

// Speaker is the person or body a quote is attributed to.
type Speaker struct {
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Name    string `json:"name,omitempty"`
	Code    string `json:"code,omitempty"`
	Country string `json:"country,omitempty"`
}

// Quote is something said, with its speaker when the text names one.
type Quote struct {
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Direct bool   `json:"direct"`
	// Scare marks a word or two in quotation marks used as a term ('all-time low'), not as a
	// statement: it has no cue and no speaker.
	Scare bool `json:"scare,omitempty"`
	// InTitle marks a quote of the title: its offsets refer to the title, not the text.
	InTitle    bool     `json:"in_title,omitempty"`
	Cue        string   `json:"cue,omitempty"`
	Speaker    *Speaker `json:"speaker"`
	Confidence float64  `json:"confidence"`
}

// Participant is the source or target of an event.
type Participant struct {
	Text    string `json:"text"`
	Name    string `json:"name,omitempty"`
	Code    string `json:"code"`
	Country string `json:"country,omitempty"`
}

// Location is where an event took place. Coordinates are given when the place is in the
// gazetteer.
type Location struct {
	Name    string   `json:"name"`
	Country string   `json:"country,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
}

// Event is one coded event: who did what to whom, when and where, with its evidence.
type Event struct {
	Code       string       `json:"code"`   // CAMEO event code
	Root       string       `json:"root"`   // CAMEO root (first two digits)
	Plover     string       `json:"plover"` // PLOVER event type
	Goldstein  float64      `json:"goldstein"`
	QuadClass  int          `json:"quad_class"`
	Source     *Participant `json:"source"`
	Target     *Participant `json:"target"`
	Sentence   int          `json:"sentence"`
	Start      int          `json:"start"`
	End        int          `json:"end"`
	Evidence   string       `json:"evidence"`
	Date       string       `json:"date,omitempty"`
	Location   *Location    `json:"location,omitempty"`
	Negated    bool         `json:"negated"`
	Modality   string       `json:"modality"`
	Confidence float64      `json:"confidence"`
}
