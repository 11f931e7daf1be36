"""The Spark entry points in local[2] mode: `marsad.spark.events` and the job give the events
`marsad extract` gives on the same input, and a re-run gives the same output."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

import pytest

from conftest import FIXTURE, read_jsonl

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed")

from marsad.spark import events  # noqa: E402
from marsad.spark import job  # noqa: E402


def cli_event_rows(cli: list[dict]) -> Counter:
    return Counter(
        (r["id"], json.dumps(e, sort_keys=True, ensure_ascii=False)) for r in cli for e in r["events"]
    )


def spark_event_rows(rows) -> Counter:
    return Counter(
        (r["id"], json.dumps(json.loads(r["event"]), sort_keys=True, ensure_ascii=False))
        for r in rows
        if r["error"] is None
    )


def test_events_of_a_dataframe_equal_the_cli(spark, fixture_cli):
    df = spark.read.json(str(FIXTURE)).repartition(2)
    ev = events(df, text_col="text", html_col="html", published_col="published",
                source_col="source", url_col="url", title_col="title")
    rows = ev.collect()
    assert spark_event_rows(rows) == cli_event_rows(fixture_cli)
    assert ev.columns[:31][0] == "event_id_cnty"


def test_bad_rows_do_not_fail_the_task(spark):
    from pyspark.sql import types as T

    schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("text", T.BinaryType())])
    df = spark.createDataFrame(
        [("null", None), ("binary", bytearray(b"\x00\xff\x00PK")), ("huge", bytearray(b"a" * (20 * 1024 * 1024)))],
        schema,
    )
    rows = events(df).collect()
    assert {r["id"] for r in rows if r["error"]} == {"null", "binary", "huge"}


def read_output(spark, out: str):
    events_rows = spark.read.parquet(os.path.join(out, "events")).collect()
    clusters = spark.read.parquet(os.path.join(out, "clusters")).collect()
    errors = spark.read.parquet(os.path.join(out, "errors")).collect()
    return events_rows, clusters, errors


def canonical(rows) -> list:
    return sorted(json.dumps(r.asDict(recursive=True), sort_keys=True, default=str, ensure_ascii=False) for r in rows)


def check_job(spark, input_path, out, cli, fmt=None, rerun=True):
    job.run(spark, str(input_path), str(out), fmt=fmt, partitions=2)
    ev, clusters, errors = read_output(spark, str(out))
    assert spark_event_rows(ev) == cli_event_rows(cli)
    assert {r["id"] for r in errors} == {r["id"] for r in cli if r["error"]}
    keys = Counter(r["cluster_key"] for r in ev)
    assert {c["cluster_key"]: c["reports"] for c in clusters} == dict(keys)
    for r in ev:
        assert r["cluster_reports"] == keys[r["cluster_key"]]
    # partitioned by country and month
    top = sorted(os.listdir(os.path.join(out, "events")))
    assert all(n.startswith("country_iso2=") or n.startswith(("_", ".")) for n in top), top
    if rerun:
        job.run(spark, str(input_path), str(out), fmt=fmt, partitions=3)
        ev2, clusters2, errors2 = read_output(spark, str(out))
        assert canonical(ev2) == canonical(ev)
        assert canonical(clusters2) == canonical(clusters)
        assert canonical(errors2) == canonical(errors)


def test_job_on_the_fixture_equals_the_cli_and_reruns_identically(spark, tmp_path, fixture_cli):
    check_job(spark, FIXTURE, tmp_path / "out", fixture_cli)


def test_job_reads_parquet(spark, tmp_path, fixture_records, fixture_cli):
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = ["id", "text", "html", "url", "source", "published", "title"]
    table = pa.table({c: pa.array([r.get(c) for r in fixture_records], pa.string()) for c in cols})
    pq.write_table(table, tmp_path / "docs.parquet")
    check_job(spark, tmp_path / "docs.parquet", tmp_path / "out", fixture_cli, rerun=False)


def test_job_on_news_dev_equals_the_cli(spark, tmp_path, news_dev_path, news_dev_cli):
    check_job(spark, news_dev_path, tmp_path / "out", news_dev_cli)


def test_local_file_system_sets_hadoops_permissions(spark, tmp_path):
    """The wheel's local file system is the session's (the wheel is built with javac in CI), and
    what it writes has the permissions Hadoop's would give: 0666 and 0777 less the umask."""
    import shutil

    from marsad.spark import LOCAL_FS, local_conf

    if "spark.hadoop.fs.file.impl" not in local_conf():
        assert shutil.which("javac") is None, "javac is here, yet the wheel has no marsad-hadoop.jar"
        pytest.skip("the wheel was built without javac: no marsad-hadoop.jar")
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    fs = jvm.org.apache.hadoop.fs.FileSystem.get(jvm.java.net.URI("file:///"), conf)
    assert fs.getClass().getName() == LOCAL_FS
    # Hadoop's umask, not the process's, decides
    umask = int(conf.get("fs.permissions.umask-mode", "022"), 8)
    out = tmp_path / "parts"
    spark.createDataFrame([("SY", 1), ("YE", 2)], ["country", "n"]).write.partitionBy(
        "country"
    ).parquet(str(out))
    folders = [p for p in out.iterdir() if p.is_dir()]
    files = [p for d in folders for p in d.iterdir() if p.name.endswith(".parquet")]
    assert len(folders) == 2 and len(files) >= 2
    for d in folders:
        assert d.stat().st_mode & 0o7777 == 0o777 & ~umask, d
    for f in files:
        assert f.stat().st_mode & 0o7777 == 0o666 & ~umask, f


def test_local_session_compiles_quickly(spark):
    """A session started by configure_local runs its JVM with the quick compiler only, the
    setting local_conf gives."""
    from marsad.spark import LOCAL_JAVA_OPTIONS

    bean = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean()
    assert LOCAL_JAVA_OPTIONS in list(bean.getInputArguments())


def test_job_command_line(tmp_path, fixture_cli):
    import subprocess

    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    out = tmp_path / "cli-out"
    r = subprocess.run(
        [sys.executable, "-m", "marsad.spark.job", str(FIXTURE), str(out), "--master", "local[2]"],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    n = sum(len(x["events"]) for x in fixture_cli)
    assert f"{n} events" in r.stderr
