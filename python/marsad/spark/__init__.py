"""Marsad on Apache Spark: events of a DataFrame of documents, computed where the data is.

``events(df)`` returns a DataFrame of events in ACLED's columns then Marsad's (see
``marsad.EVENT_COLUMNS``) through ``mapInArrow``: batches of rows go to the Rust pipeline as
Arrow, with no row loop in Python, and the pipeline is built once per executor process (a
module-level cache that outlives tasks, since Spark reuses its Python workers). A document that
cannot be coded (null text, binary content, too large) gives a row with ``error`` set; it never
fails the task.

``python -m marsad.spark.job INPUT OUTPUT`` is the batch job built on it (JSON Lines, Parquet or
WARC in; Parquet partitioned by country and month out, with cross-source clusters).
"""

from __future__ import annotations

import functools
import os
import threading
from typing import Any, Iterator, Optional

import marsad

__all__ = ["events", "event_struct_type", "pipeline", "local_conf", "configure_local"]

_PIPELINES: dict[tuple, "marsad.Pipeline"] = {}
_LOCK = threading.Lock()


def pipeline(
    gazetteer: Optional[str] = None,
    published: Optional[str] = None,
    source: Optional[str] = None,
    url: Optional[str] = None,
    max_bytes: int = marsad.DEFAULT_MAX_BYTES,
    ner: bool = True,
) -> "marsad.Pipeline":
    """This process's pipeline for these options, built on first use and kept."""
    key = (gazetteer, published, source, url, max_bytes, ner)
    p = _PIPELINES.get(key)
    if p is None:
        with _LOCK:
            p = _PIPELINES.get(key)
            if p is None:
                p = marsad.Pipeline(
                    gazetteer=gazetteer,
                    published=published,
                    source=source,
                    url=url,
                    max_bytes=max_bytes,
                    ner=ner,
                )
                _PIPELINES[key] = p
    return p


LOCAL_FS = "marsad.hadoop.NioLocalFileSystem"
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"


def local_conf() -> dict[str, str]:
    """Spark settings for a session started in local mode, where one JVM is driver and executor
    on the machine's few cores beside the Python workers that code the documents:

    - the JVM compiles with its quick compiler only (``-XX:TieredStopAtLevel=1``): a local job's
      JVM work (reading, shuffles, Parquet) is a small part of it, and the optimizing compiler's
      threads took a core from the Python workers (on 2 cores, news-dev x20 in ``local[2]``: the
      whole job 6.8-7.1 s with it, 5.5-5.7 s without; a run five times as long is faster too);
    - Hadoop's local file system with permissions set by a system call (``marsad-hadoop.jar``, in
      the wheel when it was built with javac at hand), where Hadoop without its native library
      runs ``chmod`` in a new process for every file and folder it writes: most of the time of a
      partitioned write of many small folders. Left out when the wheel has no jar (Hadoop's own
      file system is used).

    These go to the JVM's command line and class path, so they only take effect in a session
    whose JVM is started from Python (``SparkSession.builder...getOrCreate()``), as in local mode,
    and they replace a ``spark.driver.extraJavaOptions`` set before; with ``spark-submit``, pass
    ``--driver-class-path`` and ``--conf spark.hadoop.fs.file.impl=marsad.hadoop.NioLocalFileSystem``
    yourself. A cluster's executors keep the JVM's defaults (long runs on many cores)."""
    conf = {"spark.driver.extraJavaOptions": LOCAL_JAVA_OPTIONS}
    jar = os.path.join(os.path.dirname(__file__), "jars", "marsad-hadoop.jar")
    if os.path.isfile(jar):
        conf.update({"spark.driver.extraClassPath": jar, "spark.hadoop.fs.file.impl": LOCAL_FS})
    return conf


def configure_local(builder):
    """``builder`` with ``local_conf()``: ``configure_local(SparkSession.builder.master(
    "local[2]")).getOrCreate()``."""
    for key, value in local_conf().items():
        builder = builder.config(key, value)
    return builder


def event_struct_type():
    """The Spark schema of ``events``' output: ``marsad.event_schema()`` in Spark's types."""
    import pyarrow as pa
    from pyspark.sql import types as T

    def spark_type(t: "pa.DataType"):
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            return T.StringType()
        if pa.types.is_int32(t):
            return T.IntegerType()
        if pa.types.is_int64(t):
            return T.LongType()
        if pa.types.is_float64(t):
            return T.DoubleType()
        if pa.types.is_boolean(t):
            return T.BooleanType()
        raise TypeError(f"no Spark type for the Arrow type {t}")

    return T.StructType(
        [T.StructField(f.name, spark_type(f.type), True) for f in marsad.event_schema()]
    )


def _code_batches(
    batches: Iterator[Any], columns: dict[str, Optional[str]], options: dict[str, Any], jobs: int
) -> Iterator[Any]:
    p = pipeline(**options)
    for batch in batches:
        yield p.extract_arrow(batch, jobs=jobs, **columns)


def events(
    df,
    text_col: Optional[str] = "text",
    html_col: Optional[str] = None,
    id_col: Optional[str] = "id",
    published_col: Optional[str] = None,
    source_col: Optional[str] = None,
    url_col: Optional[str] = None,
    title_col: Optional[str] = None,
    warc_col: Optional[str] = None,
    charset_col: Optional[str] = None,
    error_col: Optional[str] = None,
    jobs: int = 1,
    **options: Any,
):
    """A DataFrame of the events of ``df``'s documents, one row per event (and one row with
    ``error`` set per failed document), in ``marsad.EVENT_COLUMNS``.

    Columns are named by the ``*_col`` arguments (None: not read); ``text_col`` and
    ``html_col`` may be string or binary columns, ``published_col`` a string, date or timestamp.
    ``jobs`` is the number of threads per task (Spark already runs one task per core).
    ``options`` go to ``marsad.Pipeline`` (``published``, ``source``, ``url``, ``gazetteer``,
    ``max_bytes``: run-wide defaults for documents without their own; ``ner=False`` skips the
    learned named-entity tagger).
    """
    columns = {
        "text_col": text_col,
        "html_col": html_col,
        "id_col": id_col,
        "published_col": published_col,
        "source_col": source_col,
        "url_col": url_col,
        "title_col": title_col,
        "warc_col": warc_col,
        "charset_col": charset_col,
        "error_col": error_col,
    }
    wanted = [c for c in columns.values() if c is not None]
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise ValueError(f"the DataFrame has no column {missing} (columns: {df.columns})")
    if not any(columns[k] for k in ("text_col", "html_col", "warc_col")):
        raise ValueError("name a text_col, html_col or warc_col")
    # only the columns read travel to Python
    df = df.select(*dict.fromkeys(wanted))
    fn = functools.partial(_code_batches, columns=columns, options=options, jobs=jobs)
    return df.mapInArrow(fn, event_struct_type())
