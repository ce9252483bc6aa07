"""A page's rerun costs what it shows, not what its downloads would need: the cost of a rerun must not grow
with every row of the data."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import c5dash.ui.charts as charts

ROOT = Path(__file__).resolve().parent.parent


def test_a_page_reads_its_rows_sources_for_an_image_footer_only_when_a_file_is_made(monkeypatch):
    made = []
    real = charts.image_footer
    monkeypatch.setattr(charts, "image_footer", lambda *args: made.append(args) or real(*args))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and at.get("plotly_chart")
    assert made == []  # the footer of the map's PNG, SVG, PDF and HTML is made with the file, on a click


def test_the_timeline_lists_its_people_once_per_server_not_on_every_rerun(monkeypatch):
    import c5dash.meetings as meetings

    listed = []
    real = meetings.people_of
    monkeypatch.setattr(meetings, "people_of", lambda *args: listed.append(args) or real(*args))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/1_Timeline.py")
    at.run()
    at.run()
    assert not at.exception and at.get("plotly_chart")
    assert len(listed) <= 1  # a rerun reads the list computed before (a memo keyed by the patched function)
