"""`marsad.ray` over ray.data (an optional extra: skipped when ray is not installed)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import FIXTURE

ray = pytest.importorskip("ray", reason="ray is not installed (optional extra marsad[ray])")


def test_ray_events_equal_the_cli(fixture_cli):
    import marsad.ray as mray

    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True)
    try:
        ds = ray.data.read_json(str(FIXTURE))
        ev = mray.events(ds, html_col="html", published_col="published", source_col="source",
                         url_col="url", title_col="title")
        rows = ev.take_all()
        got = Counter((r["id"], json.dumps(json.loads(r["event"]), sort_keys=True)) for r in rows if r["error"] is None)
        want = Counter((d["id"], json.dumps(e, sort_keys=True)) for d in fixture_cli for e in d["events"])
        assert got == want
        clusters = mray.clusters(ev).take_all()
        assert sum(c["reports"] for c in clusters) == sum(want.values())
    finally:
        ray.shutdown()
