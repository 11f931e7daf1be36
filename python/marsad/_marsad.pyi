"""Type stubs of Marsad's native module (crates/py)."""

from datetime import date, datetime
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

import pyarrow

__version__: str
DEFAULT_MAX_BYTES: int
ACLED_COLUMNS: list[str]
MARSAD_COLUMNS: list[str]

Content = Union[str, bytes]
Published = Union[str, datetime, date]

class Pipeline:
    """Marsad's pipeline, built once per process and reused (lexicons, gazetteer and models
    load once). No method raises on content: a bad document is a result with ``error`` set."""

    def __init__(
        self,
        gazetteer: Optional[str] = None,
        published: Optional[str] = None,
        source: Optional[str] = None,
        url: Optional[str] = None,
        max_bytes: int = ...,
        ner: bool = True,
    ) -> None: ...
    def extract(
        self,
        text: Optional[Content] = None,
        html: Optional[Content] = None,
        published: Optional[Published] = None,
        source: Optional[str] = None,
        url: Optional[str] = None,
        id: Optional[Union[str, int]] = None,
        title: Optional[str] = None,
    ) -> dict[str, Any]:
        """The dict ``marsad extract`` prints for one document."""
    def extract_batch(
        self,
        docs: Iterable[Union[str, Mapping[str, Any]]],
        jobs: Optional[int] = None,
    ) -> list[dict[str, Any]]:
        """Results of many documents (dicts with the JSON Lines fields, or texts), in order,
        computed in parallel without the GIL."""
    def extract_arrow(
        self,
        batch: pyarrow.RecordBatch,
        jobs: Optional[int] = None,
        text_col: Optional[str] = "text",
        html_col: Optional[str] = "html",
        id_col: Optional[str] = "id",
        published_col: Optional[str] = "published",
        source_col: Optional[str] = "source",
        url_col: Optional[str] = "url",
        title_col: Optional[str] = "title",
        warc_col: Optional[str] = "warc",
        charset_col: Optional[str] = "charset",
        error_col: Optional[str] = "error",
    ) -> pyarrow.RecordBatch:
        """Events of a batch of documents in ACLED's and Marsad's columns; failed documents
        give a row with ``error`` set."""

class WarcRecords(Iterator[dict[str, Any]]):
    def __iter__(self) -> "WarcRecords": ...
    def __next__(self) -> dict[str, Any]: ...

def read_warc(data: bytes, name: str = "warc", max_bytes: int = ...) -> WarcRecords:
    """The HTML documents of a WARC file's bytes (plain or gzip), read lazily."""

def event_schema() -> pyarrow.Schema:
    """The schema of the events batches."""

def results_to_arrow(results: list[str]) -> pyarrow.RecordBatch:
    """Events of document results given as JSON texts."""
