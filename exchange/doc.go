// Package exchange reads and writes event rows in the formats other event data uses: GDELT 2.0
// events TSV (and GDELT 1.0, read only), Phoenix TSV, Parquet and JSON Lines. It is what
// `dyad export` and `dyad import` run.
//
// The row is Event: GDELT's event columns, with dyad's provenance and reading of the event added.
// FromArticle makes the rows of one coded article; rows of events merged across articles come
// from the store. Writers take an iter.Seq[Event] and stream; readers return an
// iter.Seq2[Event, error] that yields a *LineError for a line it cannot read (naming the line,
// the column and the reason) and goes on with the next line. Write, Read and ParseFormat choose
// a codec by name.
//
// # Column mapping
//
// GDELT (WriteGDELT2, ReadGDELT2, ReadGDELT1): the columns are GDELT2Columns and GDELT1Columns,
// in GDELT's order and formats. Event.Source and Event.Target are Actor1 and Actor2; their Geo
// are Actor1Geo and Actor2Geo. SQLDATE is Day; MonthYear, Year and FractionDate are written from
// it (FractionDate = Year + ((Month-1)*30 + Day)/365 to four places, as GDELT computes it) and
// not read back. DATEADDED is DateAdded in UTC, YYYYMMDDHHMMSS (GDELT 1.0: YYYYMMDD). An unknown
// value is an empty column, except a Geo's Type, written 0 as GDELT does. GoldsteinScale is
// written like GDELT ("5.0"); AvgTone and coordinates in the shortest form that reads back
// exactly. Geo country codes are FIPS 10-4, as in GDELT: FIPSOf and CountryOfFIPS convert to
// and from dyad's CAMEO (ISO alpha-3) country codes. dyad's own fields (ArticleID, Sentence,
// Evidence, Negated, Modality, Plover, Confidence, SourceName, actor Text) have no GDELT
// column and are not written.
//
// Actor role columns: SplitActorCode splits a CAMEO actor code into GDELT's CountryCode,
// KnownGroupCode, EthnicCode, Religion1/2Code and Type1/2/3Code; on the 710 rows of the GDELT
// 1.0 sample it gives GDELT's own split for all but one actor of 1,181 (a Taiwan actor that
// GDELT left without a country). GDELT files are read as they are, not re-split.
//
// FromArticle's choices: GlobalEventID is EventID(article id, event index), stable across
// runs; IsRootEvent marks events of the lead paragraph; NumMentions, NumSources and NumArticles
// are 1; AvgTone is the article's tone; ActionGeo is the event's location, its GDELT geo type
// guessed (country, US place, world place), actor geos empty; DateAdded is left to the store.
//
// Phoenix (WritePhoenix, ReadPhoenix): the 26 columns of the Phoenix event data sets, then 8 of
// dyad's; see PhoenixColumns. The quad_class column uses Phoenix's classes (0 for CAMEO roots 01
// and 02, 3 for 16) and is read back as GDELT's.
//
// Parquet (WriteParquet, ReadParquet): one flat column per field, named as GDELT's columns in
// snake case (global_event_id, day, actor1_code, ..., action_geo_feature_id, date_added,
// source_url), then dyad's (article_id, source_name, actor1_text, actor2_text, sentence,
// evidence, negated, modality, plover, confidence). day is a DATE, date_added a millisecond
// TIMESTAMP; nullable numbers (avg_tone, coordinates, sentence) are optional columns.
//
// JSON Lines (WriteJSONL, ReadJSONL): Event's JSON form, one object a line.
//
// # Import
//
// Import, ImportReader and ImportFile (behind `dyad import`) write rows of any of these formats
// into a store as pseudo-articles, one per row (see ToArticle): an article without text whose id
// is a prefix (the format's name) and the GlobalEventID, and whose one event is the row's, with
// sentence -1 and no evidence offsets. Batches of rows are written in one transaction each;
// importing a row again replaces it. Rows that cannot be read or imported (see CheckImport) are
// recorded in the store's errors table with their line, and the import goes on. GDELT's
// NumMentions, NumSources, NumArticles and IsRootEvent are not kept: in the store, each row is
// one mention of the merged event of its source, target, code, day and place.
package exchange
