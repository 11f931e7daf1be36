//! Versioned migrations. `PRAGMA user_version` holds the schema version; each migration is a
//! script applied in one transaction. A database newer than [`VERSION`] is refused.

pub const VERSION: i64 = 4;

const MIGRATIONS: &[&str] = &[
    // 1: documents, entities, events and their sources, actors, places, errors, search
    r#"
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    simhash INTEGER NOT NULL,
    near_duplicate_of INTEGER REFERENCES documents(id),
    source TEXT,
    title TEXT,
    published TEXT,
    published_day TEXT,
    text TEXT NOT NULL,
    result_json TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_day ON documents(published_day);

CREATE TABLE simhash_bands (
    band INTEGER NOT NULL,
    value INTEGER NOT NULL,
    document INTEGER NOT NULL REFERENCES documents(id)
);
CREATE INDEX simhash_bands_lookup ON simhash_bands(band, value);

CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_ar TEXT,
    country TEXT NOT NULL,
    admin1 TEXT,
    admin2 TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature TEXT NOT NULL,
    geonameid INTEGER,
    UNIQUE (name, country, lat, lon)
);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_ar TEXT,
    inter INTEGER NOT NULL,
    country TEXT
);

CREATE TABLE entities (
    document INTEGER NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    value TEXT,
    place INTEGER REFERENCES places(id),
    actor TEXT REFERENCES actors(id)
);
CREATE INDEX entities_document ON entities(document);
CREATE INDEX entities_actor ON entities(actor) WHERE actor IS NOT NULL;
CREATE INDEX entities_place ON entities(place) WHERE place IS NOT NULL;

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    cluster_key TEXT NOT NULL,
    event_date TEXT NOT NULL,
    time_precision INTEGER NOT NULL,
    disorder_type TEXT NOT NULL,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    plover_event TEXT NOT NULL,
    plover_mode TEXT,
    actor1 TEXT REFERENCES actors(id),
    assoc_actor_1 TEXT NOT NULL,
    actor2 TEXT REFERENCES actors(id),
    assoc_actor_2 TEXT NOT NULL,
    place INTEGER REFERENCES places(id),
    country TEXT,
    admin1 TEXT,
    geo_precision INTEGER,
    fatalities INTEGER,
    background INTEGER NOT NULL,
    confidence REAL NOT NULL,
    n_sources INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX events_cluster ON events(cluster_key);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_type_date ON events(sub_event_type, event_date);
CREATE INDEX events_event_type ON events(event_type, event_date);
CREATE INDEX events_country_date ON events(country, event_date);
CREATE INDEX events_admin1 ON events(admin1);
CREATE INDEX events_actor1 ON events(actor1);
CREATE INDEX events_actor2 ON events(actor2);

CREATE TABLE event_sources (
    event INTEGER NOT NULL REFERENCES events(id),
    document INTEGER NOT NULL REFERENCES documents(id),
    source TEXT,
    url TEXT,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    fatalities INTEGER,
    event_json TEXT NOT NULL,
    PRIMARY KEY (event, document, start)
);
CREATE INDEX event_sources_document ON event_sources(document);

CREATE TABLE errors (
    doc_id TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE VIRTUAL TABLE search USING fts5(
    title, body, content='', tokenize='unicode61 remove_diacritics 0'
);
"#,
    // 2: indexes for the filters users run most, over news events only (background left out),
    // with the case-insensitive comparisons the filters use
    r#"
CREATE INDEX events_news_date ON events(event_date) WHERE background = 0;
CREATE INDEX events_news_country ON events(country, event_date) WHERE background = 0;
CREATE INDEX events_news_type ON events(event_type COLLATE NOCASE, event_date) WHERE background = 0;
CREATE INDEX events_news_sub_type ON events(sub_event_type COLLATE NOCASE, event_date) WHERE background = 0;
CREATE INDEX events_news_plover ON events(plover_event COLLATE NOCASE, event_date) WHERE background = 0;
CREATE INDEX events_news_admin1 ON events(admin1 COLLATE NOCASE, event_date) WHERE background = 0;
"#,
    // 3: a source no longer repeats the event's JSON (the document's result holds it)
    r#"
ALTER TABLE event_sources DROP COLUMN event_json;
"#,
    // 4: what the search filters test, kept small and keyed by the value asked for, so that a
    // filter costs one lookup per document the words match (the country of a document was a walk
    // through its entities, its types a walk through its events); filled at ingest, back-filled
    // here from the entities and event sources
    r#"
CREATE TABLE document_countries (
    country TEXT NOT NULL,
    document INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (country, document)
) WITHOUT ROWID;
INSERT OR IGNORE INTO document_countries (country, document)
    SELECT p.country, en.document FROM entities en JOIN places p ON p.id = en.place;

CREATE TABLE document_types (
    type TEXT NOT NULL,
    document INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (type, document)
) WITHOUT ROWID;
INSERT OR IGNORE INTO document_types (type, document)
    SELECT lower(e.event_type), s.document FROM events e JOIN event_sources s ON s.event = e.id
    UNION SELECT lower(e.sub_event_type), s.document FROM events e JOIN event_sources s ON s.event = e.id
    UNION SELECT lower(e.plover_event), s.document FROM events e JOIN event_sources s ON s.event = e.id;

-- the date filter tests a document's day by its number: an index leading with the number holds
-- the day beside it, where the table would be read (documents are large rows)
CREATE INDEX documents_id_day ON documents(id, published_day);
DROP INDEX documents_day;

-- the near-duplicate lookup reads a band's documents in order from the index and stops at the
-- first close one; it read every document of the band (a wire story copied a thousand times: a
-- thousand rows of documents) to sort them
DROP INDEX simhash_bands_lookup;
CREATE INDEX simhash_bands_lookup ON simhash_bands(band, value, document);

-- no query reads entities by actor or by place (the country filter has its own table): two
-- index updates less for each of the forty-odd entities of an article
DROP INDEX entities_actor;
DROP INDEX entities_place;

-- the full-text index merges its segments 8 at a time rather than 4 (each posting is rewritten
-- about half as often), and flushes 8 MiB of new postings at once rather than 1 MiB
INSERT INTO search(search, rank) VALUES ('automerge', 8);
INSERT INTO search(search, rank) VALUES ('hashsize', 8388608);
"#,
];

/// Brings the database up to [`VERSION`].
pub fn migrate(conn: &mut rusqlite::Connection, path: &str) -> crate::Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(crate::Error::NewerSchema {
            path: path.to_string(),
            found,
            supported: VERSION,
        });
    }
    for (i, script) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(script)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
