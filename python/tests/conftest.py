"""Shared fixtures: the release `marsad` binary (the reference every test compares with), the
in-tree articles, and news-dev from ../shared when it is there."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "articles.jsonl"
NEWS_DEV = REPO.parent / "shared" / "corpus" / "news-dev.jsonl"


def marsad_binary() -> Path:
    exe = Path(os.environ.get("MARSAD_BIN", REPO / "target" / "release" / "marsad"))
    if not exe.exists():
        subprocess.run(
            ["cargo", "build", "--release", "-p", "marsad-cli"], cwd=REPO, check=True
        )
    return exe


def cli_extract(path: Path, *args: str) -> list[dict]:
    """What `marsad extract PATH --format jsonl` prints, one dict per document."""
    out = subprocess.run(
        [str(marsad_binary()), "extract", str(path), "--format", "jsonl", *args],
        check=False,
        capture_output=True,
    )
    assert out.returncode in (0, 1), out.stderr.decode()
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines() if line.strip()]


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def extract_kwargs(record: dict) -> dict:
    """`Pipeline.extract` arguments for a JSON Lines record."""
    keys = ("text", "html", "published", "source", "url", "id", "title")
    return {k: record[k] for k in keys if record.get(k) is not None}


@pytest.fixture(scope="session")
def pipeline():
    import marsad

    return marsad.Pipeline()


@pytest.fixture(scope="session")
def fixture_records() -> list[dict]:
    return read_jsonl(FIXTURE)


@pytest.fixture(scope="session")
def fixture_cli() -> list[dict]:
    return cli_extract(FIXTURE)


@pytest.fixture(scope="session")
def news_dev_path() -> Path:
    if not NEWS_DEV.exists():
        print(f"skipping: {NEWS_DEV} is absent (the shared data sits beside the clone in CI)")
        pytest.skip(f"{NEWS_DEV} is absent")
    return NEWS_DEV


@pytest.fixture(scope="session")
def news_dev_cli(news_dev_path) -> list[dict]:
    return cli_extract(news_dev_path)


@pytest.fixture(scope="session")
def spark():
    """A local[2] Spark session whose Python workers run this interpreter (and so find the
    installed wheel), on the local file system the job uses in local mode."""
    pytest.importorskip("pyspark", reason="pyspark is not installed")
    import sys

    from pyspark.sql import SparkSession

    from marsad.spark import configure_local

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    s = (
        configure_local(SparkSession.builder.master("local[2]"))
        .appName("marsad-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()
