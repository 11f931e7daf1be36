"""`Pipeline.extract_arrow`: the events table in ACLED's columns, for Spark, Ray, pandas."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

import marsad
from conftest import read_jsonl

DOC_COLUMNS = ["id", "text", "html", "url", "source", "published", "title"]


def doc_batch(records: list[dict]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict(
        {c: [r.get(c) for r in records] for c in DOC_COLUMNS},
        schema=pa.schema([(c, pa.string()) for c in DOC_COLUMNS]),
    )


def events_by_doc(batch: pa.RecordBatch) -> dict[str, list[dict]]:
    got: dict[str, list[dict]] = {}
    rows = batch.to_pylist()
    for row in sorted(rows, key=lambda r: (r["id"], r["event_index"] or 0)):
        if row["error"] is None:
            got.setdefault(row["id"], []).append(json.loads(row["event"]))
    return got


def expected_events(cli: list[dict]) -> dict[str, list[dict]]:
    return {r["id"]: r["events"] for r in cli if r["events"]}


def test_schema_is_acled_then_marsad(pipeline, fixture_records):
    out = pipeline.extract_arrow(doc_batch(fixture_records))
    assert out.schema == marsad.event_schema()
    assert out.schema.names == marsad.EVENT_COLUMNS
    assert out.schema.names[:31] == marsad.ACLED_COLUMNS
    assert marsad.ACLED_COLUMNS[0] == "event_id_cnty" and marsad.ACLED_COLUMNS[-1] == "timestamp"
    for name in ("id", "error", "evidence", "evidence_start", "trigger_end", "plover_event",
                 "plover_mode", "confidence", "cluster_key", "event"):
        assert name in out.schema.names


def check_against_cli(out: pa.RecordBatch, cli: list[dict]):
    n_events = sum(len(r["events"]) for r in cli)
    n_failed = sum(r["error"] is not None for r in cli)
    assert out.num_rows == n_events + n_failed
    assert events_by_doc(out) == expected_events(cli)
    for row in out.to_pylist():
        if row["error"] is not None:
            continue
        e = json.loads(row["event"])
        loc = e["location"]
        place = f"{loc['country']}/{loc['admin2'] or loc['name']}" if loc else ""
        actor = e["actor1"]["id"] if e["actor1"] else ""
        assert row["cluster_key"] == f"{e['sub_event_type']}|{e['date']}|{place}|{actor}"
        assert row["event_date"] == e["date"] and row["event_type"] == e["event_type"]
        assert row["plover_event"] == e["plover"]["event"]
        assert row["evidence"] == e["evidence"]["sentence"]
        assert [row["trigger_start"], row["trigger_end"]] == list(e["evidence"]["trigger"]["span"])
        assert row["confidence"] == e["confidence"]


def test_rows_equal_cli_events_on_fixture(pipeline, fixture_records, fixture_cli):
    check_against_cli(pipeline.extract_arrow(doc_batch(fixture_records)), fixture_cli)


def test_rows_equal_cli_events_on_news_dev(pipeline, news_dev_path, news_dev_cli):
    out = pipeline.extract_arrow(doc_batch(read_jsonl(news_dev_path)))
    check_against_cli(out, news_dev_cli)


def test_one_thread_gives_the_same_batch(pipeline, fixture_records):
    batch = doc_batch(fixture_records)
    assert pipeline.extract_arrow(batch, jobs=1) == pipeline.extract_arrow(batch, jobs=2)


def test_bad_rows_give_an_error_column_never_an_exception(pipeline, fixture_records):
    good = fixture_records[0]
    batch = pa.RecordBatch.from_pydict(
        {
            "id": ["null-text", "binary", "huge", "good", None],
            "text": [None, b"\x00\x01PK\x03\x04", b"a" * (50 * 1024 * 1024), good["text"].encode(), None],
            "published": [None, None, None, good["published"], None],
        },
        schema=pa.schema([("id", pa.string()), ("text", pa.binary()), ("published", pa.string())]),
    )
    out = pipeline.extract_arrow(batch, html_col=None)
    errors = {r["id"]: r["error"] for r in out.to_pylist() if r["error"] is not None}
    assert set(errors) == {"null-text", "binary", "huge", "row 4"}
    assert "cap" in errors["huge"]


def test_a_missing_named_column_is_a_clear_error(pipeline):
    batch = pa.RecordBatch.from_pydict({"body": ["نص"]})
    with pytest.raises(ValueError, match="no column"):
        pipeline.extract_arrow(batch)


def test_timestamps_and_large_strings_are_read(pipeline, fixture_records):
    import datetime as dt

    r = fixture_records[2]
    batch = pa.RecordBatch.from_pydict(
        {
            "id": [r["id"]],
            "text": pa.array([r["text"]], type=pa.large_string()),
            "published": pa.array([dt.datetime(2021, 6, 29, 13, 3, tzinfo=dt.timezone.utc)], type=pa.timestamp("us", tz="UTC")),
        }
    )
    out = pipeline.extract_arrow(batch)
    expected = pipeline.extract(text=r["text"], id=r["id"], published="2021-06-29T13:03:00+00:00")
    assert events_by_doc(out) == expected_events([expected])


def test_to_pandas_of_results_equals_the_arrow_rows(pipeline, fixture_records):
    pd = pytest.importorskip("pandas")
    results = pipeline.extract_batch(fixture_records)
    df = marsad.to_pandas(results)
    arrow_df = pipeline.extract_arrow(doc_batch(fixture_records)).to_pandas()
    assert list(df.columns) == marsad.EVENT_COLUMNS
    pd.testing.assert_frame_equal(df, arrow_df)
