"""A page's rerun costs what it shows, not what its downloads would need: the cost of a rerun must not grow
with every row of the data."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import c5dash.ui.charts as charts
from c5dash import meetings, trade

ROOT = Path(__file__).resolve().parent.parent


def test_a_page_reads_its_rows_sources_for_an_image_footer_only_when_a_file_is_made(monkeypatch):
    made = []
    real = charts.image_footer
    monkeypatch.setattr(charts, "image_footer", lambda *args: made.append(args) or real(*args))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and at.get("plotly_chart")
    assert made == []  # the footer of the map's PNG, SVG, PDF and HTML is made with the file, on a click


@pytest.mark.parametrize(
    ("page", "module", "name"),
    [
        ("pages/1_Timeline.py", meetings, "people_of"),  # the Person filter's choices
        ("pages/5_Trade.py", trade, "partner_choices"),  # the Partner filter's choices and labels
        ("pages/5_Trade.py", trade, "partner_labels"),
    ],
)
def test_a_pages_choices_from_the_data_are_computed_once_per_server_not_on_every_rerun(monkeypatch, page, module, name):
    calls = []
    real = getattr(module, name)

    @functools.wraps(real)  # the memo tells functions apart by their source: each patched one keeps its own
    def counted(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(module, name, counted)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(page)
    at.run()
    first = len(calls)
    at.run()
    assert not at.exception and at.get("plotly_chart")
    assert len(calls) == first  # the rerun reads what was computed before


def test_the_growth_table_reads_the_browser_columns_by_their_headings(tmp_path):
    """The browser results gained a column; a run from before it and one from after it are read alike."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("growth", ROOT / "benchmarks" / "growth.py")
    growth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(growth)
    before = (
        "| page | first chart (ms) | × minimal app | bytes received (KB) |\n"
        "|---|---:|---:|---:|\n| Overview | 1900 | 1.20 | 85 |\n"
    )
    after = (
        "| page | first chart (ms) | × minimal app | × minimal app with the sidebar | bytes received (KB) |\n"
        "|---|---:|---:|---:|---:|\n| Overview | 1900 | 1.19 | 1.06 | 87 |\n"
    )
    for text, ratio, kb in ((before, 1.20, 85), (after, 1.19, 87)):
        path = tmp_path / "results.md"
        path.write_text(text, encoding="utf-8")
        rows = growth.table_rows(path)
        assert growth.column_value(rows, "Overview", "× minimal app") == ratio
        assert growth.column_value(rows, "Overview", "bytes received (KB)") == kb
        assert growth.column_value(rows, "Timeline", "bytes received (KB)") is None
