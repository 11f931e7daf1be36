"""``python -m marsad.spark.job INPUT OUTPUT``: code a corpus on Spark.

Reads JSON Lines (``id``, ``text`` or ``html``, ``url``, ``source``, ``published``, ``title``:
the input of ``marsad extract --input jsonl``), Parquet with the same columns, or WARC files
(through ``binaryFiles``, each file's records streamed by Marsad's Rust reader). Writes Parquet
under OUTPUT:

- ``events/``: one row per event in ACLED's then Marsad's columns, partitioned by
  ``country_iso2`` and ``month`` (``YYYY-MM``), each with its cross-source cluster
  (``cluster_id``, ``cluster_reports``, ``cluster_sources``);
- ``clusters/``: one row per cluster key (the key ``marsad ingest`` merges on): reports,
  distinct sources and documents, first and largest fatality count, computed by a groupBy;
- ``errors/``: one row per document that could not be coded, with the reason.

Run it with ``spark-submit`` on a cluster, or with ``--master local[2]`` on a laptop. A re-run
over the same input overwrites OUTPUT with the same rows.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

import marsad
from marsad.spark import configure_local, events

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".json.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
DOC_COLUMNS = ["id", "text", "html", "url", "source", "published", "title"]


def detect_format(path: str) -> str:
    """``jsonl``, ``parquet`` or ``warc`` from a path's suffix, or from the files of a local
    folder."""
    names = [path.lower()]
    local = path[len("file:") :] if path.startswith("file:") else path
    if os.path.isdir(local):
        names = [n.lower() for _, _, files in os.walk(local) for n in files if not n.startswith((".", "_"))]
    for fmt, suffixes in (("warc", WARC_SUFFIXES), ("jsonl", JSONL_SUFFIXES), ("parquet", (".parquet",))):
        if any(n.endswith(suffixes) for n in names):
            return fmt
    raise SystemExit(f"marsad.spark.job: cannot tell the format of {path}; pass --format")


def read_documents(spark, path: str, fmt: str, partitions: Optional[int] = None):
    """A DataFrame of documents, and the ``marsad.spark.events`` column arguments for it.

    With ``partitions``, JSON Lines are spread over at least that many partitions (one file
    need not be one task), so that coding scales with the executors too. The lines are read and
    parsed in the JVM (``spark.read.json`` of an RDD of lines would pipe every line through a
    Python worker and back)."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    if fmt == "jsonl":
        schema = T.StructType([T.StructField(c, T.StringType(), True) for c in DOC_COLUMNS])
        if partitions:
            lines = spark.read.text(path)
            lines = lines.filter(F.length(F.trim(F.col("value"))) > 0)
            if lines.rdd.getNumPartitions() < partitions:
                lines = lines.repartition(partitions)
            df = lines.select(F.from_json(F.col("value"), schema).alias("d")).select("d.*")
        else:
            df = spark.read.schema(schema).json(path)
        cols = dict(text_col="text", html_col="html", id_col="id", url_col="url",
                    source_col="source", published_col="published", title_col="title")
        return df, cols
    if fmt == "parquet":
        df = spark.read.parquet(path)
        present = set(df.columns)
        cols = {f"{c}_col": (c if c in present else None) for c in DOC_COLUMNS}
        return df, cols
    if fmt == "warc":
        schema = T.StructType(
            [
                T.StructField("id", T.StringType(), True),
                T.StructField("warc", T.BinaryType(), True),
                T.StructField("url", T.StringType(), True),
                T.StructField("charset", T.StringType(), True),
                T.StructField("error", T.StringType(), True),
            ]
        )
        files = spark.sparkContext.binaryFiles(path)
        records = files.flatMap(_warc_rows)
        df = spark.createDataFrame(records, schema)
        cols = dict(text_col=None, warc_col="warc", id_col="id", url_col="url",
                    charset_col="charset", error_col="error")
        return df, cols
    raise SystemExit(f"marsad.spark.job: unknown format {fmt!r}")


def _warc_rows(path_and_bytes):
    path, data = path_and_bytes
    name = path[len("file:") :] if path.startswith("file:") else path
    for r in marsad.read_warc(bytes(data), name=name):
        yield (r["id"], r["warc"], r["url"], r["charset"], r["error"])


def cluster(ev):
    """Events with their cross-source cluster, and the clusters: a groupBy on ``cluster_key``
    (the key ``marsad ingest`` merges on), run by the executors."""
    from pyspark.sql import functions as F

    # distinct counts as the sizes of sets (nulls left out, as countDistinct does): one
    # aggregation, where countDistinct of two columns would expand every row into three
    clusters = ev.groupBy("cluster_key").agg(
        F.min("event_id_cnty").alias("cluster_id"),
        F.count(F.lit(1)).alias("reports"),
        F.size(F.collect_set("source")).alias("sources"),
        F.size(F.collect_set("id")).alias("documents"),
        F.array_sort(F.collect_set("source")).alias("source_names"),
        # ACLED's rule, as marsad ingest merges: the most conservative of the reports' figures
        F.min("fatalities").alias("fatalities"),
        F.max("fatalities").alias("max_fatalities"),
        F.min("event_date").alias("event_date"),
        F.first("sub_event_type").alias("sub_event_type"),
        F.first("country_iso2").alias("country_iso2"),
        F.min("month").alias("month"),
    )
    # a cluster is one row per key, far fewer than the events: sent whole to every task, so the
    # events are not shuffled for the join
    joined = ev.join(
        F.broadcast(clusters).select(
            "cluster_key",
            "cluster_id",
            F.col("reports").alias("cluster_reports"),
            F.col("sources").alias("cluster_sources"),
        ),
        on="cluster_key",
        how="left",
    )
    # keep the schema's column order, cluster columns last
    ordered = [c for c in ev.columns] + ["cluster_id", "cluster_reports", "cluster_sources"]
    return joined.select(*ordered), clusters


def run(
    spark,
    input_path: str,
    output: str,
    fmt: Optional[str] = None,
    published: Optional[str] = None,
    source: Optional[str] = None,
    partitions: Optional[int] = None,
    ner: bool = True,
) -> dict:
    """Runs the job; returns counts (documents read, events, clusters, errors)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    fmt = fmt or detect_format(input_path)
    docs, cols = read_documents(spark, input_path, fmt, partitions)
    if partitions and docs.rdd.getNumPartitions() < partitions:
        docs = docs.repartition(partitions)
    options = {k: v for k, v in (("published", published), ("source", source)) if v}
    if not ner:
        options["ner"] = False
    # coded once: the events are kept (memory, then disk) and materialized by one action before
    # the writes, the join and the counts read them; otherwise each of those actions could run
    # the pipeline over the documents again
    ev = events(docs, **cols, **options).persist(StorageLevel.MEMORY_AND_DISK)
    total = ev.count()
    good = ev.filter(F.col("error").isNull())
    errors = ev.filter(F.col("error").isNotNull()).select("id", "error", "url")
    with_clusters, clusters = cluster(good)
    # the clusters (one row per key: small) are computed once and kept for the join, their
    # write and their count
    clusters = clusters.persist(StorageLevel.MEMORY_AND_DISK)
    n_clusters = clusters.count()
    # one task per (country, month), so one file per output folder rather than one per task
    with_clusters.repartition("country_iso2", "month").write.mode("overwrite").partitionBy(
        "country_iso2", "month"
    ).parquet(os.path.join(output, "events"))
    clusters.write.mode("overwrite").parquet(os.path.join(output, "clusters"))
    errors.coalesce(1).write.mode("overwrite").parquet(os.path.join(output, "errors"))
    n_errors = errors.count()
    counts = {"events": total - n_errors, "errors": n_errors, "clusters": n_clusters}
    clusters.unpersist()
    ev.unpersist()
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m marsad.spark.job",
        description="Code a corpus (JSON Lines, Parquet or WARC) with Marsad on Spark; write "
        "Parquet events partitioned by country and month, clusters and errors.",
    )
    ap.add_argument("input", help="a file, folder or glob (any Hadoop path: file:, hdfs:, s3a:)")
    ap.add_argument("output", help="the output folder (overwritten)")
    ap.add_argument("--format", choices=["jsonl", "parquet", "warc"], help="default: by suffix")
    ap.add_argument("--published", help="publication time for documents without one")
    ap.add_argument("--source", help="outlet name for documents without one")
    ap.add_argument("--master", help="e.g. local[2] on a laptop; spark-submit sets it on a cluster")
    ap.add_argument("--partitions", type=int, help="repartition the documents (default: as read)")
    ap.add_argument("--no-ner", action="store_true",
                    help="skip the learned named-entity tagger (as marsad extract --no-ner)")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("marsad")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # this process starts Spark's JVM: the local file system without a chmod process
            # per file written
            builder = configure_local(builder)
    spark = builder.getOrCreate()
    try:
        counts = run(spark, args.input, args.output, args.format, args.published, args.source,
                     args.partitions, ner=not args.no_ner)
    finally:
        spark.stop()
    print(
        f"marsad.spark.job: {counts['events']} events in {counts['clusters']} clusters, "
        f"{counts['errors']} documents failed; written to {args.output}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
