//! Marsad's store: one SQLite file that a researcher lives in.
//!
//! Documents, their entities and events are written together, a batch per transaction, so that
//! a run killed midway leaves nothing half-written and a rerun finishes the job. The same URL or
//! the same text is one document. Events reported by several articles are merged into one event
//! that keeps every source. Search runs over matching keys, so spelling variants and proclitics
//! meet («البوكمال» finds «بالبوكمال» and «البو كمال»).
//!
//! ```
//! use marsad_store::{Store, EventFilter};
//! let mut store = Store::open_in_memory().unwrap();
//! let mut doc = marsad::DocumentResult::default();
//! doc.id = "a".into();
//! doc.article.text = "قصفت طائرات مواقع في البوكمال".into();
//! let report = store.ingest(&[doc.clone()]).unwrap();
//! assert_eq!(report.added, 1);
//! assert_eq!(store.ingest(&[doc]).unwrap().duplicates, 1);
//! assert_eq!(store.search(&marsad_store::SearchQuery::new("بالبوكمال")).unwrap().len(), 0);
//! assert_eq!(store.search(&marsad_store::SearchQuery::new("البوكمال")).unwrap().len(), 1);
//! ```

mod countries;
mod error;
mod export;
mod ingest;
mod merge;
mod records;
mod schema;
mod search;
mod simhash;
mod terms;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use countries::{country_info, CountryInfo};
pub use error::{Error, Result};
pub use export::{write_csv, write_geojson, write_jsonl, ACLED_COLUMNS};
pub use ingest::IngestReport;
pub use records::{
    DocumentRecord, EventFilter, EventRecord, EventSummary, SourceRecord, Stats, LIST_SOURCES,
};
pub use search::{SearchHit, SearchQuery};

/// The environment variable that names the default database.
pub const DB_ENV: &str = "MARSAD_DB";
/// The default database path.
pub const DEFAULT_DB: &str = "marsad.db";

/// The database path a command uses: the flag, else `MARSAD_DB`, else `./marsad.db`.
pub fn default_path(flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| std::env::var(DB_ENV).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| DEFAULT_DB.to_string())
}

/// How long a write waits for another writer by default.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open store.
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Opens (creating and migrating as needed) the database at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let p = path.as_ref().to_string_lossy().into_owned();
        let conn = Connection::open(path.as_ref()).map_err(|e| Error::on_open(&p, e))?;
        Store::configure(conn, p, true)
    }

    /// Opens an existing database for reading only (for readers beside a running ingest).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let p = path.as_ref().to_string_lossy().into_owned();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn =
            Connection::open_with_flags(path.as_ref(), flags).map_err(|e| Error::on_open(&p, e))?;
        Store::configure(conn, p, false)
    }

    /// A store in memory (tests, one-off runs).
    pub fn open_in_memory() -> Result<Store> {
        Store::configure(Connection::open_in_memory()?, ":memory:".into(), true)
    }

    /// How long a write waits for another writer before it fails with [`Error::Locked`]
    /// (10 s by default).
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    fn configure(mut conn: Connection, path: String, writable: bool) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| Error::on_open(&path, e))?;
        // ingest, merge, search and the lists each keep their statements prepared
        conn.set_prepared_statement_cache_capacity(64);
        // plans that do not depend on the values bound: otherwise SQLite prepares a statement
        // again when a bound value changes to or from 0 or 1, or is compared with a partial
        // index's condition (the near-duplicate lookup and the event merge were prepared again
        // for nearly every document they ran on)
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .map_err(|e| Error::on_open(&path, e))?;
        // a 64 MiB page cache rather than SQLite's 2 MiB default: a list of events touches
        // thousands of pages
        conn.pragma_update(None, "cache_size", -65536i64)
            .map_err(|e| Error::on_open(&path, e))?;
        // reading the schema is what reveals a file that is not a database
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| Error::on_open(&path, e))?;
        if version > schema::VERSION {
            return Err(Error::NewerSchema {
                path,
                found: version,
                supported: schema::VERSION,
            });
        }
        if writable {
            if path != ":memory:" {
                conn.pragma_update(None, "journal_mode", "WAL")
                    .map_err(|e| Error::on_open(&path, e))?;
            }
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            schema::migrate(&mut conn, &path).map_err(|e| match e {
                Error::Sqlite(s) => Error::on_open(&path, s),
                other => other,
            })?;
        } else if version < schema::VERSION {
            return Err(Error::Corrupt {
                path,
                reason: format!(
                    "schema version {version}; open it once with `marsad ingest` to migrate"
                ),
            });
        }
        Ok(Store { conn, path })
    }

    /// Where the store lives.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The documents that failed, with their reasons, in the order they were recorded.
    pub fn errors(&self) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT doc_id, reason FROM errors ORDER BY rowid")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
