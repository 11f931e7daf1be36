"""`marsad.read_warc` (crates/extract's WARC reader) and WARC input to the Spark job give what
`marsad extract FILE.warc` prints."""

from __future__ import annotations

import gzip
import json
from collections import Counter

import pytest

import marsad
from conftest import cli_extract, read_jsonl, FIXTURE


def warc_record(headers: dict, block: bytes) -> bytes:
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def response(n: int, html: str, status: str = "200 OK", ctype: str = "text/html; charset=utf-8") -> bytes:
    body = html.encode("utf-8")
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    return warc_record(
        {
            "WARC-Type": "response",
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>",
            "WARC-Date": "2023-03-15T10:00:00Z",
            "WARC-Target-URI": f"https://example.invalid/warc/{n}",
            "Content-Type": "application/http; msgtype=response",
        },
        http,
    )


def build_warc(gzipped: bool) -> bytes:
    records = [warc_record({"WARC-Type": "warcinfo", "WARC-Record-ID": "<urn:uuid:info>",
                            "Content-Type": "application/warc-fields"}, b"software: marsad tests\r\n")]
    for i, r in enumerate(read_jsonl(FIXTURE)):
        html = r.get("html") or "<html><head><title>{}</title></head><body><article>{}</article></body></html>".format(
            r["title"], "".join(f"<p>{p}</p>" for p in r["text"].split("\n\n"))
        )
        records.append(response(i + 1, html))
    records.append(response(99, "<html><body>moved</body></html>", status="301 Moved Permanently"))
    records.append(response(98, "PNG", ctype="image/png"))
    if gzipped:
        return b"".join(gzip.compress(r) for r in records)
    return b"".join(records)


@pytest.mark.parametrize("gzipped", [False, True])
def test_read_warc_then_extract_batch_equals_the_cli(tmp_path, pipeline, gzipped):
    data = build_warc(gzipped)
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(data)
    expected = cli_extract(path)
    records = list(marsad.read_warc(data, name=str(path)))
    assert len(records) == 8, [r["id"] for r in records]
    assert all(r["error"] is None and r["warc"] for r in records)
    assert pipeline.extract_batch(records) == expected


def test_a_truncated_warc_gives_an_error_record_not_an_exception():
    data = build_warc(False)
    records = list(marsad.read_warc(data[: len(data) // 2], name="cut.warc"))
    assert records and any(r["error"] for r in records)
    results = marsad.Pipeline().extract_batch(records)
    assert [r["error"] is not None for r in results] == [r["error"] is not None for r in records]


def test_spark_job_reads_warc(tmp_path, spark):
    from marsad.spark import job

    folder = tmp_path / "warcs"
    folder.mkdir()
    (folder / "a.warc.gz").write_bytes(build_warc(True))
    expected = cli_extract(folder / "a.warc.gz")
    job.run(spark, str(folder), str(tmp_path / "out"))
    rows = spark.read.parquet(str(tmp_path / "out" / "events")).collect()
    got = Counter((r["id"], json.dumps(json.loads(r["event"]), sort_keys=True)) for r in rows)
    want = Counter((d["id"], json.dumps(e, sort_keys=True)) for d in expected for e in d["events"])
    assert got == want
