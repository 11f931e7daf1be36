#!/usr/bin/env python3
"""Benchmarks of the Python package (figures for the issue, never asserted in tests):

1. ``Pipeline.extract_batch`` throughput against ``marsad extract`` on news-dev (same threads;
   the CLI's time without its start-up, measured on an empty input, is given too);
2. the Spark job in ``local[2]`` against ``local[1]`` on news-dev repeated 20 times;
3. the wheel's size.

Run after ``bash scripts/python-test.sh`` (which builds the wheel, the binary and a venv):

    target/py-venv/bin/python scripts/bench-python.py [--repeat-cli 5] [--spark-repeat 20]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS_DEV = REPO.parent / "shared" / "corpus" / "news-dev.jsonl"
MARSAD = REPO / "target" / "release" / "marsad"


def repeated(records: list[dict], times: int, path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(times):
            for r in records:
                f.write(json.dumps(dict(r, id=f"{r['id']}#{i}"), ensure_ascii=False) + "\n")
    return path


def time_cmd(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_batch(records: list[dict], times: int, runs: int, jobs: int) -> dict:
    import marsad

    with tempfile.TemporaryDirectory() as d:
        path = repeated(records, times, Path(d) / "docs.jsonl")
        empty = Path(d) / "empty.jsonl"
        empty.write_text("")
        docs = [json.loads(line) for line in open(path, encoding="utf-8")]
        nbytes = path.stat().st_size
        cli = time_cmd([str(MARSAD), "extract", str(path), "--format", "jsonl", "--jobs", str(jobs)], runs)
        start = time_cmd([str(MARSAD), "extract", str(empty), "--format", "jsonl"], runs)
    t = time.perf_counter()
    p = marsad.Pipeline()
    build = time.perf_counter() - t
    p.extract_batch(docs[:50], jobs=jobs)  # warm
    py = []
    for _ in range(runs):
        # the last run's results are freed before the clock starts: freeing them is not
        # this call's work (and the CLI's figure leaves out its process's teardown too)
        out = None
        t = time.perf_counter()
        out = p.extract_batch(docs, jobs=jobs)
        py.append(time.perf_counter() - t)
        assert len(out) == len(docs)
    py_t = statistics.median(py)
    n = len(docs)
    return {
        "documents": n,
        "mb": round(nbytes / 1e6, 2),
        "jobs": jobs,
        "cli_s": round(cli, 3),
        "cli_startup_s": round(start, 3),
        "cli_docs_per_s": round(n / cli, 1),
        "cli_docs_per_s_without_startup": round(n / max(cli - start, 1e-9), 1),
        "pipeline_build_s": round(build, 3),
        "extract_batch_s": round(py_t, 3),
        "extract_batch_docs_per_s": round(n / py_t, 1),
        "extract_batch_vs_cli_without_startup": round((cli - start) / py_t, 3),
    }


def bench_spark(records: list[dict], times: int, partitions: int) -> dict:
    from pyspark.sql import SparkSession

    from marsad.spark import configure_local, events, job

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    result = {"documents": len(records) * times, "partitions": partitions}
    with tempfile.TemporaryDirectory() as d:
        path = repeated(records, times, Path(d) / "docs.jsonl")
        for master in ("local[1]", "local[2]"):
            # as `python -m marsad.spark.job --master local[N]` starts Spark
            spark = (
                configure_local(SparkSession.builder.master(master))
                .appName("marsad-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", str(partitions))
                .config("spark.driver.memory", "4g")
                .getOrCreate()
            )
            spark.sparkContext.setLogLevel("ERROR")
            job.run(spark, str(path), str(Path(d) / "warm"), partitions=partitions)  # JVM warm-up
            t = time.perf_counter()
            counts = job.run(spark, str(path), str(Path(d) / master), partitions=partitions)
            result[master + "_s"] = round(time.perf_counter() - t, 2)
            result["events"] = counts["events"]
            # the coding stage alone: events to Spark's no-op sink
            docs, cols = job.read_documents(spark, str(path), "jsonl")
            t = time.perf_counter()
            events(docs.repartition(partitions), **cols).write.format("noop").mode("overwrite").save()
            result[master + "_events_only_s"] = round(time.perf_counter() - t, 2)
            spark.stop()
    result["speedup"] = round(result["local[1]_s"] / result["local[2]_s"], 3)
    result["speedup_events_only"] = round(
        result["local[1]_events_only_s"] / result["local[2]_events_only_s"], 3
    )
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat-cli", type=int, default=5, help="news-dev copies for the batch bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--spark-repeat", type=int, default=20)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--skip-spark", action="store_true")
    ap.add_argument("--skip-batch", action="store_true")
    args = ap.parse_args()
    if not NEWS_DEV.exists():
        print(f"skipping: {NEWS_DEV} is absent", file=sys.stderr)
        return 0
    records = [json.loads(line) for line in open(NEWS_DEV, encoding="utf-8") if line.strip()]
    wheels = glob.glob(str(REPO / "target" / "wheels" / "marsad-*.whl"))
    report = {"wheel_mb": round(os.path.getsize(wheels[0]) / 2**20, 2) if wheels else None}
    jobs = os.cpu_count() or 1
    if not args.skip_batch:
        report["extract_batch"] = bench_batch(records, args.repeat_cli, args.runs, jobs)
        report["extract_batch_1_thread"] = bench_batch(records, 1, args.runs, 1)
    if not args.skip_spark:
        report["spark"] = bench_spark(records, args.spark_repeat, args.partitions)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
