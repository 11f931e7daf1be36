//! `marsad.Pipeline`: the facade's [`marsad::Pipeline`], built once per process and shared by
//! every call (and every thread: the work runs with the GIL released, in parallel with rayon).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use arrow_array::RecordBatch;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use marsad::extract::inputs::Input;
use marsad::{DocumentResult, PipelineOptions};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::columns::events_batch;
use crate::docs::{self, ColumnNames, Fields};

/// Bytes one document may have: news articles are far smaller, and a bigger one is a dump or
/// a binary file that would hold a worker for minutes.
pub const DEFAULT_MAX_BYTES: usize = 8 * 1024 * 1024;

/// Marsad's pipeline: Arabic news in, the article, its entities and coded events out.
///
/// Build it once per process and reuse it: lexicons, the gazetteer and models load once.
/// Every method takes documents as ``marsad extract`` takes JSON Lines records and returns
/// what ``marsad extract`` prints for them. A bad document (no text, binary content, too large)
/// yields a result with ``error`` set; no method raises on content.
///
/// Args:
///     gazetteer: a user gazetteer (made by ``marsad gazetteer import``) layered on the
///         embedded one; None uses the default location when a file is there, as the CLI does.
///     published: publication time (RFC 3339 or YYYY-MM-DD) for documents without one: the
///         anchor of relative dates such as «أمس».
///     source: outlet name for documents without one.
///     url: URL for documents without one.
///     max_bytes: the most bytes one document may have (default 8 MiB); a larger one is a
///         result with ``error`` set.
///     ner: run the learned named-entity tagger (default True); False is ``marsad extract
///         --no-ner``: about twice as fast, persons then come from titles and roles only.
#[pyclass(frozen, module = "marsad._marsad", name = "Pipeline")]
pub struct PyPipeline {
    inner: marsad::Pipeline,
    max_bytes: usize,
}

impl PyPipeline {
    fn process(&self, input: &Input) -> DocumentResult {
        self.inner.process_input(input)
    }

    /// Runs `inputs` on `jobs` threads (None: all cores; 1: this thread), in input order.
    fn run(&self, inputs: &[Input], jobs: Option<usize>) -> PyResult<Vec<DocumentResult>> {
        use rayon::prelude::*;
        if jobs == Some(1) || inputs.len() <= 1 {
            return Ok(inputs.iter().map(|i| self.process(i)).collect());
        }
        let work = || inputs.par_iter().map(|i| self.process(i)).collect();
        match jobs {
            None | Some(0) => Ok(work()),
            Some(n) => Ok(pool(n)?.install(work)),
        }
    }
}

/// One thread pool per requested size, kept for the life of the process.
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: Mutex<Option<HashMap<usize, Arc<rayon::ThreadPool>>>> = Mutex::new(None);
    let mut pools = POOLS
        .lock()
        .map_err(|_| PyRuntimeError::new_err("the thread pool registry is poisoned"))?;
    let pools = pools.get_or_insert_with(HashMap::new);
    if let Some(p) = pools.get(&threads) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    pools.insert(threads, p.clone());
    Ok(p)
}

/// Python's cyclic garbage collector held off while results become dicts, and put back as it
/// was when dropped. A batch allocates hundreds of thousands of dicts, lists and strings at once,
/// which sets off collections that walk every live object again and again (a fifth of
/// extract_batch's time on news-dev); JSON trees hold no reference cycles, so nothing is left
/// for the collector to find when it runs again.
struct GcPause<'py> {
    gc: Option<Bound<'py, PyAny>>,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?.into_any();
        if gc.call_method0("isenabled")?.is_truthy()? {
            gc.call_method0("disable")?;
            Ok(GcPause { gc: Some(gc) })
        } else {
            Ok(GcPause { gc: None })
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // (enabling the collector cannot fail; an error here would have nowhere to go)
            let _ = gc.call_method0("enable");
        }
    }
}

/// The dict of one result, built straight from its serde form: the same keys, order and values
/// as `json.loads` of the line `marsad extract` prints for it, without writing that text in a
/// worker and parsing it back here (the parse was most of the time this thread held the GIL).
fn to_dict<'py>(py: Python<'py>, r: &DocumentResult) -> PyResult<Bound<'py, PyAny>> {
    match pythonize::pythonize(py, r) {
        Ok(d) => Ok(d),
        Err(e) => {
            let failed = DocumentResult::failed(
                r.id.clone(),
                format!("{}: cannot convert the result: {e}", r.id),
            );
            pythonize::pythonize(py, &failed)
                .map_err(|e| PyRuntimeError::new_err(format!("{}: {e}", r.id)))
        }
    }
}

/// The list of the dicts of `results`, with the cyclic collector held off while they are made.
fn to_dicts<'py>(py: Python<'py>, results: Vec<DocumentResult>) -> PyResult<Bound<'py, PyList>> {
    let _pause = GcPause::new(py)?;
    let dicts = results
        .iter()
        .map(|r| to_dict(py, r))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, dicts)
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (gazetteer=None, published=None, source=None, url=None, max_bytes=DEFAULT_MAX_BYTES, ner=true))]
    fn new(
        gazetteer: Option<String>,
        published: Option<String>,
        source: Option<String>,
        url: Option<String>,
        max_bytes: usize,
        ner: bool,
    ) -> PyResult<Self> {
        if let Some(p) = &published {
            if marsad::parse_published(p).is_none() {
                return Err(PyValueError::new_err(format!(
                    "published={p:?} is neither RFC 3339 (2021-06-29T16:03:00+03:00) nor YYYY-MM-DD"
                )));
            }
        }
        let inner = marsad::Pipeline::with_options(PipelineOptions {
            published,
            source,
            url,
            gazetteer: gazetteer.map(PathBuf::from),
            no_ner: !ner,
        })
        .map_err(|e| PyValueError::new_err(format!("cannot build the pipeline: {e}")))?;
        Ok(PyPipeline { inner, max_bytes })
    }

    /// The result of one document, the same dict as a line of ``marsad extract --format jsonl``.
    ///
    /// Give ``text`` (flattened text, as a scraper leaves it) or ``html`` (a page), as ``str``
    /// or ``bytes``; fields given here win over what extraction finds. ``id`` defaults to
    /// ``"-"`` (the id of standard input in ``marsad extract``).
    #[pyo3(signature = (text=None, html=None, published=None, source=None, url=None, id=None, title=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: Option<&Bound<'py, PyAny>>,
        html: Option<&Bound<'py, PyAny>>,
        published: Option<&Bound<'py, PyAny>>,
        source: Option<String>,
        url: Option<String>,
        id: Option<&Bound<'py, PyAny>>,
        title: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let id = docs::string("id", id)
            .map_err(PyValueError::new_err)?
            .unwrap_or_else(|| "-".into());
        let fields = (|| -> Result<Fields, String> {
            Ok(Fields {
                id: Some(id.clone()),
                text: docs::content("text", text)?,
                html: docs::content("html", html)?,
                published: docs::string("published", published)?,
                source,
                url,
                title,
                ..Default::default()
            })
        })();
        let input = match fields {
            Ok(f) => f.into_input(|| id.clone(), self.max_bytes),
            Err(why) => Input::Failed {
                reason: format!("{id}: {why}"),
                id: id.clone(),
            },
        };
        let result = py.detach(|| self.process(&input));
        let _pause = GcPause::new(py)?;
        to_dict(py, &result)
    }

    /// The results of many documents, in input order, computed in parallel without the GIL.
    ///
    /// ``docs`` is a list of dicts with the fields of ``marsad extract``'s JSON Lines input
    /// (``id``, ``text`` or ``html``, ``url``, ``source``, ``published``, ``title``; also
    /// ``warc``/``charset`` as ``read_warc`` gives them) or of ``str`` (texts, whose id is their
    /// position). ``jobs``: threads (None: all cores).
    #[pyo3(signature = (docs, jobs=None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        jobs: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let inputs: Vec<Input> = docs
            .try_iter()?
            .enumerate()
            .map(|(i, item)| item.map(|item| docs::from_python(&item, i, self.max_bytes)))
            .collect::<PyResult<_>>()?;
        if jobs == Some(1) || inputs.len() <= 1 {
            let results = py.detach(|| self.run(&inputs, jobs))?;
            return to_dicts(py, results);
        }
        // the workers code documents while this thread, holding the GIL, turns the results
        // already done into dicts: the conversion overlaps the work instead of following it
        let pool = jobs.filter(|&n| n > 0).map(pool).transpose()?;
        let _pause = GcPause::new(py)?;
        let mut slots: Vec<Option<Bound<'py, PyAny>>> = vec![None; inputs.len()];
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, DocumentResult)>(1024);
        let inputs = &inputs;
        std::thread::scope(|scope| -> PyResult<()> {
            scope.spawn(move || {
                use rayon::prelude::*;
                let work = || {
                    inputs
                        .par_iter()
                        .enumerate()
                        .for_each_with(tx, |tx, (i, input)| {
                            // a closed channel means the caller stopped on an error: skip the rest
                            let _ = tx.send((i, self.process(input)));
                        })
                };
                match pool {
                    Some(p) => p.install(work),
                    None => work(),
                }
            });
            // (a Mutex only so that the wait can leave the GIL: a Receiver is not Sync)
            let rx = Mutex::new(rx);
            let next = || rx.lock().ok().and_then(|r| r.recv().ok());
            let ready = || rx.lock().ok().and_then(|r| r.try_recv().ok());
            let mut result = Ok(());
            // the GIL is let go only to wait: results already waiting are taken without it
            while let Some(first) = py.detach(next) {
                let mut item = Some(first);
                while let Some((i, r)) = item {
                    if result.is_ok() {
                        match to_dict(py, &r) {
                            Ok(d) => slots[i] = Some(d),
                            Err(e) => result = Err(e),
                        }
                    }
                    item = ready();
                }
            }
            result
        })?;
        let dicts: Vec<Bound<'py, PyAny>> = slots
            .into_iter()
            .map(|d| d.ok_or_else(|| PyRuntimeError::new_err("a document's result was lost")))
            .collect::<PyResult<_>>()?;
        PyList::new(py, dicts)
    }

    /// The events of a ``pyarrow.RecordBatch`` of documents as a ``pyarrow.RecordBatch`` in
    /// ACLED's columns and Marsad's (see ``marsad.EVENT_COLUMNS``): one row per event, and one
    /// row with ``error`` set per document that failed (null text, binary content, too large).
    ///
    /// Columns are found by name; a ``*_col`` set to None is not read. Text columns may be
    /// string or binary; ``published`` may also be a date or timestamp (written in UTC).
    #[pyo3(signature = (batch, jobs=None, text_col="text".to_string(), html_col="html".to_string(),
        id_col="id".to_string(), published_col="published".to_string(),
        source_col="source".to_string(), url_col="url".to_string(), title_col="title".to_string(),
        warc_col="warc".to_string(), charset_col="charset".to_string(),
        error_col="error".to_string()))]
    #[allow(clippy::too_many_arguments)]
    fn extract_arrow<'py>(
        &self,
        py: Python<'py>,
        batch: &Bound<'py, PyAny>,
        jobs: Option<usize>,
        text_col: Option<String>,
        html_col: Option<String>,
        id_col: Option<String>,
        published_col: Option<String>,
        source_col: Option<String>,
        url_col: Option<String>,
        title_col: Option<String>,
        warc_col: Option<String>,
        charset_col: Option<String>,
        error_col: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let batch = RecordBatch::from_pyarrow_bound(batch)?;
        let names = ColumnNames {
            id: id_col,
            text: text_col,
            html: html_col,
            warc: warc_col,
            charset: charset_col,
            url: url_col,
            source: source_col,
            published: published_col,
            title: title_col,
            error: error_col,
        };
        let max_bytes = self.max_bytes;
        let out = py.detach(|| -> PyResult<RecordBatch> {
            let inputs =
                docs::from_batch(&batch, &names, max_bytes).map_err(PyValueError::new_err)?;
            drop(batch);
            let results = self.run(&inputs, jobs)?;
            events_batch(&results).map_err(|e| PyRuntimeError::new_err(e.to_string()))
        })?;
        out.to_pyarrow(py)
    }

    fn __repr__(&self) -> String {
        format!("marsad.Pipeline(max_bytes={})", self.max_bytes)
    }
}
