"""Marsad on Ray Data (the optional extra ``marsad[ray]``): the events of a ``ray.data.Dataset``
of documents, through ``map_batches`` in Arrow form.

``events(ds)`` maps each block to events in ``marsad.EVENT_COLUMNS`` (failed documents give a
row with ``error`` set); the pipeline is built once per worker process. ``clusters(ev)`` groups
them by the cluster key ``marsad ingest`` merges on. ``python -m marsad.ray INPUT OUTPUT`` reads
JSON Lines or Parquet and writes Parquet events and clusters.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from typing import Any, Optional

import marsad
from marsad.spark import pipeline  # the per-process cache; needs no Spark

__all__ = ["events", "clusters", "main"]


def _code_table(table, columns: dict[str, Optional[str]], options: dict[str, Any], jobs: Optional[int]):
    import pyarrow as pa

    p = pipeline(**options)
    present = set(table.column_names)
    cols = {k: (v if v in present else None) for k, v in columns.items()}
    if not any(cols[k] for k in ("text_col", "html_col", "warc_col")):
        raise ValueError(f"the dataset has none of the columns {columns} (columns: {table.column_names})")
    out = [p.extract_arrow(b, jobs=jobs, **cols) for b in table.combine_chunks().to_batches()]
    return pa.Table.from_batches(out, schema=marsad.event_schema())


def events(
    ds,
    text_col: Optional[str] = "text",
    html_col: Optional[str] = None,
    id_col: Optional[str] = "id",
    published_col: Optional[str] = None,
    source_col: Optional[str] = None,
    url_col: Optional[str] = None,
    title_col: Optional[str] = None,
    jobs: Optional[int] = 1,
    batch_size: int = 256,
    **options: Any,
):
    """A Dataset of the events of ``ds``'s documents (see ``marsad.spark.events`` for the
    arguments); ``jobs`` threads per task."""
    columns = {
        "text_col": text_col,
        "html_col": html_col,
        "id_col": id_col,
        "published_col": published_col,
        "source_col": source_col,
        "url_col": url_col,
        "title_col": title_col,
        "warc_col": None,
        "charset_col": None,
        "error_col": None,
    }
    fn = functools.partial(_code_table, columns=columns, options=options, jobs=jobs)
    return ds.map_batches(fn, batch_format="pyarrow", batch_size=batch_size)


def _cluster_group(table):
    import pyarrow as pa
    import pyarrow.compute as pc

    sources = pc.unique(table.column("source").drop_null())
    return pa.table(
        {
            "cluster_key": [table.column("cluster_key")[0].as_py()],
            "cluster_id": [pc.min(table.column("event_id_cnty")).as_py()],
            "reports": [table.num_rows],
            "sources": [len(sources)],
            "documents": [len(pc.unique(table.column("id")))],
            # the conservative figure, as marsad ingest merges (ACLED's rule)
            "fatalities": [pc.min(table.column("fatalities")).as_py()],
            "max_fatalities": [pc.max(table.column("fatalities")).as_py()],
            "event_date": [pc.min(table.column("event_date")).as_py()],
        }
    )


def clusters(ev):
    """One row per cluster key of the (error-free) events ``ev``: a groupBy run by Ray."""
    good = ev.filter(lambda row: row["error"] is None)
    return good.groupby("cluster_key").map_groups(_cluster_group, batch_format="pyarrow")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m marsad.ray", description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSON Lines or Parquet files")
    ap.add_argument("output", help="output folder")
    ap.add_argument("--format", choices=["jsonl", "parquet"])
    args = ap.parse_args(argv)

    import ray

    fmt = args.format or ("parquet" if args.input.endswith(".parquet") else "jsonl")
    ds = ray.data.read_parquet(args.input) if fmt == "parquet" else ray.data.read_json(args.input)
    cols = {c: (c if c in ds.columns() else None) for c in ("text", "html", "url", "source", "published", "title")}
    ev = events(
        ds,
        text_col=cols["text"],
        html_col=cols["html"],
        url_col=cols["url"],
        source_col=cols["source"],
        published_col=cols["published"],
        title_col=cols["title"],
    ).materialize()
    ev.write_parquet(os.path.join(args.output, "events"))
    clusters(ev).write_parquet(os.path.join(args.output, "clusters"))
    print(f"marsad.ray: {ev.count()} event rows written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
