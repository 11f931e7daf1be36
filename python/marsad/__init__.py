"""Marsad (مرصد): Arabic news in, coded events out.

The same pipeline as the ``marsad`` command, in-process::

    import marsad
    pipeline = marsad.Pipeline(published="2021-06-29T16:03:00+03:00")
    result = pipeline.extract(text="قصفت طائرات مواقع في إدلب أمس وقتل ثلاثة مدنيين.")
    result["entities"], result["events"]

``Pipeline.extract`` returns the dict ``marsad extract`` prints; ``extract_batch`` runs a list of
documents in parallel without the GIL; ``extract_arrow`` turns a ``pyarrow.RecordBatch`` of
documents into a batch of events in ACLED's columns (``EVENT_COLUMNS``), the form Spark's
``mapInArrow``, Ray's ``map_batches``, pandas and polars take. ``marsad.spark`` and
``marsad.ray`` run it on a cluster.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Union

from ._marsad import (
    ACLED_COLUMNS,
    DEFAULT_MAX_BYTES,
    MARSAD_COLUMNS,
    Pipeline,
    WarcRecords,
    __version__,
    event_schema,
    read_warc,
    results_to_arrow,
)

#: Every column of an events batch: ACLED's, in ACLED's order, then Marsad's.
EVENT_COLUMNS: list[str] = list(ACLED_COLUMNS) + list(MARSAD_COLUMNS)

__all__ = [
    "ACLED_COLUMNS",
    "DEFAULT_MAX_BYTES",
    "EVENT_COLUMNS",
    "MARSAD_COLUMNS",
    "Pipeline",
    "WarcRecords",
    "__version__",
    "event_schema",
    "events_table",
    "read_warc",
    "results_to_arrow",
    "to_pandas",
]


def events_table(results: Union[Iterable[Mapping[str, Any]], Any]):
    """The events of ``results`` as a ``pyarrow.Table`` in ``EVENT_COLUMNS``.

    ``results`` is a list of dicts from ``Pipeline.extract``/``extract_batch``, or already a
    ``pyarrow.RecordBatch``/``Table`` from ``extract_arrow``. One row per event, plus one row with
    ``error`` set per failed document.
    """
    import pyarrow as pa

    if isinstance(results, pa.Table):
        return results
    if isinstance(results, pa.RecordBatch):
        return pa.Table.from_batches([results])
    texts = [json.dumps(r, ensure_ascii=False) for r in results]
    return pa.Table.from_batches([results_to_arrow(texts)])


def to_pandas(results: Union[Iterable[Mapping[str, Any]], Any]):
    """The events of ``results`` as a ``pandas.DataFrame`` (see :func:`events_table`), for
    notebooks: one row per event in ACLED's columns then Marsad's."""
    return events_table(results).to_pandas()
