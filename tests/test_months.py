"""Timelines with too many markers count them by month and say so; the real data's still draw a marker each."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from c5dash import figures, views
from c5dash.data import load_dataset
from c5dash.figures.timeline import event_of

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("synthetic_data", ROOT / "scripts" / "synthetic_data.py")
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)
EVERYTHING = (1991, 2026)


@pytest.fixture(scope="module")
def tenfold(tmp_path_factory):
    """The synthetic dataset at 10×: more events and meetings than a timeline draws one by one."""
    out = tmp_path_factory.mktemp("synthetic") / "10x"
    synthetic.generate(10, out)
    ds, problems = load_dataset(out)
    assert not problems
    return ds


def _markers(figure) -> list[tuple]:
    """Every drawn marker's customdata (legend-only traces have none)."""
    return [tuple(point) for trace in figure.data if trace.customdata is not None for point in trace.customdata]


def _counted(markers: list[tuple]) -> int:
    return sum(int(point[0].split()[0].replace(",", "")) for point in markers)


def test_the_real_timelines_still_draw_a_marker_per_event(dataset):
    page = views.timeline(dataset, [], EVERYTHING, [], [], "any", "", "all")
    assert not page.per_month and "(one marker per event)" in page.figure.layout.title.text
    markers = _markers(page.figure)
    assert len(markers) == len(page.events) + len(page.deals)
    assert {event_of({"customdata": list(m)}) for m in markers} <= set(dataset.events["event_id"])
    partners = views.partners(dataset, [], EVERYTHING, [])
    assert len(_markers(partners.figures["timeline"])) == len(partners.meetings)
    assert "counted by month" not in partners.figures["timeline"].layout.title.text


def test_at_ten_times_the_timeline_counts_each_rows_events_by_month(tenfold):
    page = views.timeline(tenfold, [], EVERYTHING, [], [], "any", "", "all")
    assert len(page.events) + len(page.deals) > figures.MAX_MARKERS
    assert page.per_month and f"{len(page.events):,} events, counted by month" in page.figure.layout.title.text
    markers = _markers(page.figure)
    assert len(markers) < figures.MAX_MARKERS
    assert _counted(markers) == len(page.events) + len(page.deals)  # every event and deal counted once
    assert {event_of({"customdata": list(m)}) for m in markers} == {None}  # a count opens no card
    assert len(page.events) == len(tenfold.events[tenfold.events["status"] == "held"])  # the table has each


def test_at_ten_times_the_partners_timeline_counts_meetings_by_month(tenfold):
    page = views.partners(tenfold, [], EVERYTHING, [])
    assert len(page.meetings) > figures.MAX_MARKERS
    figure = page.figures["timeline"]
    assert f"{len(page.meetings):,} meetings, counted by month" in figure.layout.title.text
    markers = _markers(figure)
    assert len(markers) < figures.MAX_MARKERS and _counted(markers) == len(page.meetings)
    rows = {trace.name for trace in figure.data if trace.customdata is not None}
    assert rows == {figure.layout.yaxis.categoryarray[i] for i in range(len(figure.layout.yaxis.categoryarray))}


def test_a_count_marker_says_one_event_and_two_events():
    from c5dash.figures.months import counted

    assert counted(1, "summit") == "1 summit"
    assert counted(2, "summit not held") == "2 summits not held"
    assert counted(1_200, "visit (category not given)") == "1,200 visits (category not given)"
    assert counted(3, "foreign ministers' meeting") == "3 foreign ministers' meetings"
