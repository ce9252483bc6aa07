"""The Trade page in Chromium: the series drawn as lines, the statements as points, and its downloads.

Needs Chromium, as tests/test_browser.py (whose browser and page fixtures this module uses).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
import test_browser as shared

pytestmark = pytest.mark.browser
browser = shared.browser  # the fixtures of tests/test_browser.py
page = shared.page
CHART = shared.CHART


def drawn_traces(page) -> list[dict]:
    """Each trace plotly.js drew: its name, mode, how many points and how many line paths it drew."""
    page.wait_for_selector(f"{CHART} .scatterlayer .trace", timeout=30_000)
    return page.evaluate(
        """(chart) => {
            const gd = document.querySelector(chart);
            // Each drawn group holds its trace (d3's data); the subplots' groups are not in trace order
            return Array.from(gd.querySelectorAll('.scatterlayer .trace')).map(g => ({
                name: g.__data__[0].trace.name,
                mode: g.__data__[0].trace.mode,
                points: g.__data__[0].trace.x.length,
                paths: Array.from(g.querySelectorAll('path.js-line'))
                    .filter(p => (p.getAttribute('d') || '').length > 10).length,
                markers: g.querySelectorAll('path.point').length,
            }));
        }""",
        CHART,
    )


def test_trade_page_draws_the_series_as_lines_and_the_statements_as_points(page, server, dataset):
    page.goto(server + "/Trade?country=KAZ")
    traces = drawn_traces(page)
    lines = [t for t in traces if t["mode"].startswith("lines")]
    points = [t for t in traces if t["mode"] == "markers"]
    kaz = dataset.trade_series[dataset.trade_series["country_iso3"] == "KAZ"]
    assert len(lines) == 2 and all(t["paths"] == 1 for t in lines)  # exports and imports, each one line
    assert sum(t["points"] for t in lines) == len(kaz)
    stated = dataset.trade[
        (dataset.trade["country_iso3"] == "KAZ")
        & (dataset.trade["partner_iso3"] == "USA")
        & dataset.trade["flow"].isin(["exports", "imports"])
    ]
    assert sum(t["markers"] for t in points) == len(stated) and all(t["paths"] == 0 for t in points)
    assert page.watch.outside() == [] and page.watch.unexpected_errors() == []


def test_trade_downloads_give_the_series_and_statements_with_sources_and_vintage(page, server, dataset):
    page.goto(server + "/Trade?country=KAZ&measure=turnover")
    drawn_traces(page)
    name, data = shared.download(page, "CSV")
    assert name == "trade-usa-turnover_KAZ_1991-2026.csv"
    rows = pd.read_csv(io.BytesIO(data), comment="#")
    series = dataset.trade_series[dataset.trade_series["country_iso3"] == "KAZ"]
    derived = rows[rows["kind"] == "derived from the official series"]
    assert sorted(derived["year"]) == sorted(series["year"].unique()) and set(derived["flow"]) == {"turnover"}
    assert derived["vintage"].notna().all() and derived["source_urls"].str.contains("census.gov").all()
    stated = dataset.trade[
        (dataset.trade["country_iso3"] == "KAZ")
        & (dataset.trade["partner_iso3"] == "USA")
        & (dataset.trade["flow"] == "turnover")
    ]
    assert sorted(rows.loc[rows["kind"] == "statement", "row_id"]) == sorted(stated["trade_id"])
    assert rows["source_urls"].str.startswith("http").all()
    name, data = shared.download(page, "HTML")
    assert name == "trade-usa-turnover_KAZ_1991-2026.html" and b"Plotly.newPlot" in data
    name, data = shared.download(page, "SVG")
    assert b"Kazakhstan" in data and b"derived" in data
