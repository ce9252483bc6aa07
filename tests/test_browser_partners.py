"""The Partners page in Chromium: its charts drawn offline, the world map of venues on the app's own outline,
and its downloads.

Needs Chromium, as tests/test_browser.py (whose browser and page fixtures this module uses).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
import test_browser as shared

from c5dash import meetings

pytestmark = pytest.mark.browser
browser = shared.browser  # the fixtures of tests/test_browser.py
page = shared.page
CHART = shared.CHART


def test_partners_page_draws_every_format_and_the_venues_on_a_world_map(page, server, dataset):
    page.goto(server + "/Partners")
    page.wait_for_selector(f"{CHART} .scatterlayer .trace path.point", timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .geo .countries path", timeout=30_000)
    rows = page.evaluate(
        """(chart) => document.querySelector(chart).layout.yaxis.categoryarray""",
        CHART,
    )
    assert set(rows) == set(meetings.chart_labels(dataset).values())
    # The world's outline is drawn from the app's own copy, with countries and land.
    outline = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.js-plotly-plot .geo .countries path, .js-plotly-plot .geo .land path'
        )).map(p => (p.getAttribute('d') || '').length)"""
    )
    assert len(outline) >= 2 and min(outline) > 10_000  # every country's border and the land, not a stub
    assert any(u.endswith("/app/static/world/world_110m.json") for u in page.watch.requests)
    assert page.watch.outside() == [] and page.watch.unexpected_errors() == []


def test_a_page_without_a_world_map_is_not_sent_the_world_outline(page, server):
    """137 KB the region map does not draw: the Overview gets the empty outline only."""
    page.goto(server + "/")
    page.wait_for_selector(".js-plotly-plot path.choroplethlocation", timeout=30_000)
    outlines = [u for u in page.watch.requests if u.endswith("world_110m.json")]
    assert outlines and all("/app/static/topojson/" in u for u in outlines)


def test_partners_downloads_give_every_meeting_with_its_status_and_sources(page, server, dataset):
    page.goto(server + "/Partners?partner=JPN,KOR")
    page.wait_for_selector(f"{CHART} .scatterlayer .trace path.point", timeout=30_000)
    name, data = shared.download(page, "CSV")
    assert name == "partners-timeline_1991-2026.csv" or name.startswith("partners-timeline")
    rows = pd.read_csv(io.BytesIO(data), comment="#")
    expected = dataset.events[dataset.events["partner"].isin(["JPN", "KOR"])]
    assert sorted(rows["event_id"]) == sorted(expected["event_id"])
    statuses = dict(zip(rows["event_id"], rows["status"]))
    assert statuses["jpn-c5-2024-08-09-astana"] == "postponed"
    assert rows["source_urls"].str.startswith("http").all()
    name, data = shared.download(page, "PNG")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert page.watch.outside() == []
