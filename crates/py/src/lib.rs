//! Python bindings of Marsad: the native module `marsad._marsad` of the `marsad` wheel.
//!
//! The Python package (python/marsad) re-exports what is here and adds the Spark and Ray jobs.
//! Everything heavy runs in Rust with the GIL released: [`pipeline`] wraps the facade's
//! `Pipeline` (one per process, shared by threads), [`columns`] lays events out in ACLED's
//! columns as Arrow, [`docs`] reads documents from Python values and Arrow batches, and
//! [`warc`] streams the records of a WARC file held in memory.
//!
//! Wheels are built by maturin (crates/py/pyproject.toml), which turns on
//! `pyo3/extension-module`; the plain `cargo test` build links libpython instead, so the unit
//! tests here (pure Rust) run with the rest of the workspace.

pub mod columns;
pub mod countries;
pub mod docs;
pub mod pipeline;
pub mod warc;

use arrow_array::RecordBatch;
use arrow_pyarrow::ToPyArrow;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// The schema of the events batches (``Pipeline.extract_arrow``) as a ``pyarrow.Schema``.
#[pyfunction]
fn event_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    columns::event_schema().as_ref().to_pyarrow(py)
}

/// The events of document results (dicts as ``Pipeline.extract`` returns them, given as their
/// JSON texts) as a ``pyarrow.RecordBatch`` with the columns of ``Pipeline.extract_arrow``.
#[pyfunction]
fn results_to_arrow(py: Python<'_>, results: Vec<String>) -> PyResult<Bound<'_, PyAny>> {
    let batch: RecordBatch = py.detach(|| -> PyResult<RecordBatch> {
        let parsed = results
            .iter()
            .enumerate()
            .map(|(i, r)| {
                serde_json::from_str::<marsad::DocumentResult>(r).map_err(|e| {
                    PyValueError::new_err(format!("result {i} is not a document result: {e}"))
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        columns::events_batch(&parsed).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    })?;
    batch.to_pyarrow(py)
}

#[pymodule]
#[pyo3(name = "_marsad")]
fn marsad_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<pipeline::PyPipeline>()?;
    m.add_class::<warc::WarcRecords>()?;
    m.add_function(wrap_pyfunction!(event_schema, m)?)?;
    m.add_function(wrap_pyfunction!(results_to_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(warc::read_warc, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MAX_BYTES", pipeline::DEFAULT_MAX_BYTES)?;
    let acled: Vec<&str> = columns::ACLED_COLUMNS.iter().map(|(n, _)| *n).collect();
    m.add("ACLED_COLUMNS", acled)?;
    let ours: Vec<&str> = columns::MARSAD_COLUMNS.iter().map(|(n, _)| *n).collect();
    m.add("MARSAD_COLUMNS", ours)?;
    Ok(())
}
