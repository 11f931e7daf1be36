//! `marsad.read_warc`: the records of a WARC file held in memory (as Spark's `binaryFiles` hands
//! it over), streamed by the Rust reader of `marsad extract` (crates/extract's `WarcReader`:
//! plain or gzip member by member, HTML responses only, a corrupt record reported and skipped).

use std::io::Cursor;
use std::sync::Mutex;

use marsad::extract::inputs::Input;
use marsad::extract::warc::WarcReader;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

/// The cap `marsad extract` puts on one record (its `--max-bytes` default).
const DEFAULT_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// An iterator over the documents of a WARC file: dicts with ``id`` (the WARC-Record-ID),
/// ``warc`` (the whole record, bytes), ``url`` and ``charset``, or with ``id`` and ``error`` for
/// a record that could not be read. Pass them to ``Pipeline.extract_batch`` (or as rows to
/// ``extract_arrow``) to get what ``marsad extract FILE.warc`` prints.
#[pyclass(module = "marsad._marsad")]
pub struct WarcRecords {
    reader: Mutex<WarcReader<Cursor<Vec<u8>>>>,
}

#[pymethods]
impl WarcRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let next = py.detach(|| {
            self.reader
                .lock()
                .map(|mut r| r.next())
                .map_err(|_| PyRuntimeError::new_err("the WARC reader is poisoned"))
        })?;
        let Some(item) = next else { return Ok(None) };
        let d = PyDict::new(py);
        match item {
            Input::Doc(raw) => {
                d.set_item("id", raw.id)?;
                d.set_item("warc", PyBytes::new(py, &raw.content))?;
                d.set_item("url", raw.url)?;
                d.set_item("charset", raw.charset)?;
                d.set_item("error", py.None())?;
            }
            Input::Failed { id, reason } => {
                d.set_item("id", id)?;
                d.set_item("warc", py.None())?;
                d.set_item("url", py.None())?;
                d.set_item("charset", py.None())?;
                d.set_item("error", reason)?;
            }
        }
        Ok(Some(d))
    }
}

/// The documents of a WARC file's bytes (plain or gzip), read lazily. ``name`` is used in ids
/// and reasons of unreadable records (``NAME@OFFSET``); ``max_bytes`` caps one record.
#[pyfunction]
#[pyo3(signature = (data, name="warc".to_string(), max_bytes=DEFAULT_RECORD_BYTES))]
pub fn read_warc(data: &Bound<'_, PyBytes>, name: String, max_bytes: u64) -> WarcRecords {
    let bytes = data.as_bytes().to_vec();
    WarcRecords {
        reader: Mutex::new(WarcReader::new(name, Cursor::new(bytes), max_bytes)),
    }
}
