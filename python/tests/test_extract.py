"""`Pipeline.extract` and `extract_batch` give exactly what `marsad extract` prints."""

from __future__ import annotations

import gc
import json
import pathlib
import tempfile

import pytest

import marsad
from conftest import FIXTURE, cli_extract, extract_kwargs, read_jsonl


def test_fixture_has_events_or_says_why(fixture_cli):
    assert len(fixture_cli) == 8
    assert all(r["error"] is None for r in fixture_cli)


def test_extract_equals_cli_on_fixture(pipeline, fixture_records, fixture_cli):
    for record, expected in zip(fixture_records, fixture_cli):
        got = pipeline.extract(**extract_kwargs(record))
        assert got == expected, f"document {record['id']} differs from `marsad extract`"


def test_extract_equals_cli_on_news_dev(pipeline, news_dev_path, news_dev_cli):
    records = read_jsonl(news_dev_path)
    assert len(records) == len(news_dev_cli)
    differing = [
        r["id"] for r, e in zip(records, news_dev_cli) if pipeline.extract(**extract_kwargs(r)) != e
    ]
    assert not differing, f"{len(differing)} news-dev documents differ, e.g. {differing[:5]}"


@pytest.mark.parametrize("jobs", [None, 1, 2])
def test_extract_batch_equals_extract(pipeline, fixture_records, jobs):
    batch = pipeline.extract_batch(fixture_records, jobs=jobs)
    single = [pipeline.extract(**extract_kwargs(r)) for r in fixture_records]
    assert batch == single


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_batch_leaves_the_garbage_collector_as_it_found_it(pipeline, fixture_records, jobs):
    # the conversion holds the cyclic collector off while it builds the dicts, then puts it back
    assert gc.isenabled()
    pipeline.extract_batch(fixture_records, jobs=jobs)
    assert gc.isenabled()
    gc.disable()
    try:
        pipeline.extract_batch(fixture_records, jobs=jobs)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_extract_batch_equals_cli_on_news_dev(pipeline, news_dev_path, news_dev_cli):
    assert pipeline.extract_batch(read_jsonl(news_dev_path)) == news_dev_cli


def test_run_wide_options_match_the_cli(fixture_records):
    record = {k: v for k, v in fixture_records[0].items() if k in ("id", "text")}
    p = marsad.Pipeline(published="2023-03-14T11:20:00+03:00", source="مرصد")
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "one.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        expected = cli_extract(path, "--published", "2023-03-14T11:20:00+03:00", "--source", "مرصد")
    assert p.extract(**record) == expected[0]


def test_a_bad_published_option_is_refused():
    with pytest.raises(ValueError, match="RFC 3339"):
        marsad.Pipeline(published="yesterday")


def test_bad_documents_are_results_with_an_error(pipeline):
    assert pipeline.extract()["error"]
    assert pipeline.extract(text=b"\x00\x01\x02", id="bin")["error"]
    big = pipeline.extract(text="ا" * (marsad.DEFAULT_MAX_BYTES // 2 + 1), id="big")
    assert "cap" in big["error"]
    out = pipeline.extract_batch([{"id": "a"}, 42, {"id": "b", "text": 3}, "قصفت الطائرات"])
    assert [r["error"] is not None for r in out] == [True, True, True, False]
    assert out[1]["id"] == "1" and out[3]["id"] == "3"


def test_fixture_file_is_read_as_the_cli_reads_it():
    assert read_jsonl(FIXTURE)[7]["html"].startswith("<html>")


def test_ner_false_equals_cli_no_ner(fixture_records):
    """`Pipeline(ner=False)` is `marsad extract --no-ner`: no entity from the tagger."""
    expected = cli_extract(FIXTURE, "--no-ner")
    p = marsad.Pipeline(ner=False)
    got = [p.extract(**extract_kwargs(r)) for r in fixture_records]
    assert got == expected
    sources = {e.get("source") for r in got for e in r["entities"]}
    assert not any(s and s.startswith("ner") for s in sources)
