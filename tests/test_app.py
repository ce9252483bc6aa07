"""Every page runs under Streamlit's AppTest, with and without a filter, and fails clearly on bad data."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, events_involving
from streamlit.testing.v1 import AppTest

from c5dash import transform

PAGES = {
    "app.py": 1,
    "pages/1_Timeline.py": 1,
    "pages/2_Investment.py": 2,
    "pages/3_Data_and_sources.py": 0,
}


def run(page: str = "app.py", **params: str) -> AppTest:
    """A first visit to `page` with `params` in the URL, as a deep link would make it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if page != "app.py":
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def event_markers(fig: dict) -> int:
    """Markers of events on the timeline (not the stars of deals)."""
    return sum(len(trace["customdata"]) for trace in fig["data"] if trace.get("name") != DEALS_TRACE)


DEALS_TRACE = "Deal announced (value)"


@pytest.mark.parametrize("page, charts", PAGES.items())
@pytest.mark.parametrize("country", [None, "KAZ", "TKM,UZB"])
def test_every_page_runs_with_and_without_a_filter(page, charts, country):
    at = run(page, **({"country": country} if country else {}))
    assert not at.exception
    assert len(at.get("plotly_chart")) == charts
    assert not at.warning
    assert at.multiselect(key="sidebar_countries").value == (country.split(",") if country else [])


def test_overview_map_and_figures_follow_the_filter():
    everything = run()
    only_tjk = run(country="TJK")
    coloured = figure(only_tjk)["data"][1]
    assert coloured["locations"] == ["TJK"]
    assert len(figure(everything)["data"][1]["locations"]) == 5
    assert int(only_tjk.metric[0].value) < int(everything.metric[0].value)


def test_changing_the_widget_updates_the_url_and_the_chart():
    at = run()
    at.multiselect(key="sidebar_countries").set_value(["KGZ"]).run()
    assert at.query_params["country"] == "KGZ"
    assert figure(at)["data"][1]["locations"] == ["KGZ"]
    at.multiselect(key="sidebar_countries").set_value([]).run()
    assert "country" not in at.query_params


def test_selection_survives_switching_pages(dataset):
    at = run(country="UZB")
    at.switch_page("pages/1_Timeline.py").run()
    assert not at.exception
    assert at.multiselect(key="sidebar_countries").value == ["UZB"]
    assert at.query_params["country"] == "UZB"
    assert event_markers(figure(at)) == events_involving(dataset, ["UZB"])


def test_unknown_codes_in_the_url_are_ignored_with_a_notice():
    at = run(country="KAZ,XYZ,<img src=x>")
    assert not at.exception
    assert at.multiselect(key="sidebar_countries").value == ["KAZ"]
    (notice,) = at.warning
    assert "`XYZ`" in notice.value and "<img" not in notice.value
    assert at.query_params["country"] == "KAZ"


def test_timeline_caption_counts_the_filtered_events(dataset):
    at = run("pages/1_Timeline.py", country="TKM")
    assert not at.exception
    assert any(c.value.startswith(f"{events_involving(dataset, ['TKM'])} events") for c in at.caption)


def test_investment_measure_from_the_url_and_a_bad_one(dataset):
    measures = transform.measures_in(dataset.investments)
    last = measures[-1]
    good = run("pages/2_Investment.py", measure=last)
    assert good.selectbox(key="investment_measure").value == last
    assert all(trace["type"] == "bar" for trace in figure(good)["data"])
    bad = run("pages/2_Investment.py", measure="<b>everything</b>")
    assert not bad.exception
    assert "Ignored the measure" in bad.warning[0].value
    assert bad.query_params["measure"] == measures[0]


def test_investment_for_a_country_without_figures_says_so(seed_copy, monkeypatch):
    # The fixed fixture dataset has investment figures for Kazakhstan only.
    monkeypatch.setenv("C5DASH_DATA_DIR", str(seed_copy))
    at = run("pages/2_Investment.py", country="TKM")
    assert not at.exception
    assert "No figures" in at.info[0].value
    assert "No figures" in figure(at)["layout"]["annotations"][0]["text"]


def test_data_page_search_narrows_every_table(dataset):
    at = run("pages/3_Data_and_sources.py")
    assert len(at.dataframe) == len(dataset.tables()) + 1  # the summary, then each table
    at.text_input(key="data_search").input("Samarkand").run()
    events = at.dataframe[1 + list(dataset.tables()).index("events")].value
    assert 0 < len(events) < len(dataset.events)
    for _, row in events.iterrows():
        assert any("samarkand" in str(cell).lower() for cell in row)


@pytest.mark.parametrize("page", PAGES)
def test_bad_data_gives_an_error_page_not_a_traceback(page, data_copy, monkeypatch):
    text = (data_copy / "investments.csv").read_text(encoding="utf-8")
    (data_copy / "investments.csv").write_text(text.replace(",62000000000,", ",-1,"), encoding="utf-8")
    monkeypatch.setenv("C5DASH_DATA_DIR", str(data_copy))
    at = run(page)
    assert not at.exception
    assert "did not pass validation: 1 problem" in at.error[0].value
    problems = at.dataframe[0].value
    assert problems.iloc[0].to_dict() == {
        "file": "investments.csv",
        "row": 2,
        "column": "value_usd",
        "problem": "'-1' is below the minimum 0",
    }
    assert not at.get("plotly_chart")


def test_trade_flow_from_the_url_shows_only_that_flow(dataset):
    for flow in transform.flows_in(dataset.trade):
        at = run("pages/2_Investment.py", flow=flow)
        assert not at.exception
        assert at.selectbox(key="investment_flow").value == flow
        shown = sum(len(trace["customdata"]) for trace in figure(at, 1)["data"])
        assert shown == (dataset.trade["flow"] == flow).sum()
    bad = run("pages/2_Investment.py", flow="balance")
    assert "Ignored the flow" in bad.warning[0].value
