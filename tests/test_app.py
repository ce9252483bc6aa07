"""Every page runs under Streamlit's AppTest, with and without a filter, and fails clearly on bad data."""

from __future__ import annotations

import base64
import dataclasses
import json
from datetime import date
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import ROOT, events_involving, us_events
from streamlit.testing.v1 import AppTest
from test_data import CASES

from c5dash import exports, metrics, profiles, search, transform, ui, views
from c5dash.data import load_dataset
from c5dash.geo import read_shapes
from c5dash.schemas import C5

PAGES = {
    "app.py": 1,
    "pages/1_Timeline.py": 1,
    "pages/6_Partners.py": 5,
    "pages/2_Investment.py": 1,
    "pages/5_Trade.py": 1,
    "pages/4_Country_profiles.py": 2,
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


def title(at: AppTest, index: int = 0) -> str:
    """A drawn chart's title as one line (on screen it wraps to a phone's width)."""
    return figure(at, index)["layout"]["title"]["text"].replace("<br>", " ")


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


def test_timeline_caption_says_plainly_when_no_deal_was_announced():
    at = run("pages/1_Timeline.py", partner="CHN")  # no deal is linked to a China–Central Asia meeting
    assert not at.exception
    (counts,) = [c.value for c in at.caption if " events from " in c.value]
    assert "No deal was announced at these events." in counts and "0 deal(s)" not in counts
    assert "or a star" not in counts  # no star to click
    at = run("pages/1_Timeline.py")
    assert any("deal(s) announced at these events are marked with stars" in c.value for c in at.caption)


def test_investment_measure_from_the_url_and_a_bad_one(dataset):
    measures = transform.measures_in(dataset.investments)
    last = measures[-1]
    good = run("pages/2_Investment.py", measure=last)
    assert good.selectbox(key="investment_measure").value == last
    assert all(trace["type"] == "bar" for trace in figure(good)["data"])
    bad = run("pages/2_Investment.py", measure="<b>everything</b>")
    assert not bad.exception
    assert "Ignored `measure`" in bad.warning[0].value
    assert "measure" not in bad.query_params  # the default leaves the link clean


def test_investment_for_a_country_without_figures_says_so(seed_copy, monkeypatch):
    # The fixed fixture dataset has investment figures for Kazakhstan only.
    monkeypatch.setenv("C5DASH_DATA_DIR", str(seed_copy))
    at = run("pages/2_Investment.py", country="TKM")
    assert not at.exception
    assert "No figures" in at.info[0].value
    assert not at.get("plotly_chart")  # a message, not an empty chart
    assert not at.get("download_button") and not at.get("popover")  # nothing to download
    assert "no figures for this filter" in at.selectbox(key="investment_measure").proto.options[0]


def test_investment_measures_say_how_many_figures_the_filter_keeps_and_default_to_one_with_some(dataset):
    counts = transform.measure_counts(dataset, ["UZB"], transform.year_bounds(dataset))
    assert counts[transform.measures_in(dataset.investments)[0]] == 0  # the first measure has none for UZB
    at = run("pages/2_Investment.py", country="UZB")
    box = at.selectbox(key="investment_measure")
    assert counts[box.value] > 0 and box.value == next(m for m, n in counts.items() if n)
    assert "measure" not in at.query_params  # the default leaves the link clean
    for option, (measure, count) in zip(box.proto.options, counts.items()):
        assert option.startswith(transform.MEASURE_LABELS[measure])
        assert option.endswith(f"({count} figure{'s' if count > 1 else ''})" if count else "for this filter)")
    assert sum(len(trace["y"]) for trace in figure(at)["data"]) == counts[box.value]


def shown_tables(at: AppTest) -> dict[str, pd.DataFrame]:
    """The Data & sources page's tables after its summary, by the file name each is headed with."""
    names = [h.value.removesuffix(".csv") for h in at.subheader]
    return dict(zip(names, (d.value for d in at.dataframe[1:])))


def test_data_page_sends_only_its_summary_until_a_table_is_opened(dataset):
    at = run("pages/3_Data_and_sources.py")
    assert len(at.dataframe) == 1 and len(at.expander) == len(dataset.tables())  # each table a click away
    opened = run("pages/3_Data_and_sources.py", table_events="true")
    assert len(opened.dataframe) == 2 and len(opened.dataframe[1].value) == len(dataset.events)
    assert opened.query_params["table_events"] == "true"


def test_data_page_search_narrows_every_table(dataset):
    at = run("pages/3_Data_and_sources.py")
    at.text_input(key="data_search").input("Samarkand").run()
    events = shown_tables(at)["events"]
    assert 0 < len(events) < len(dataset.events)
    for _, row in events.iterrows():
        assert any("samarkand" in str(cell).lower() for cell in row)
    assert any(m.value.startswith("No match in") for m in at.caption)  # the tables without a match, named


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


@pytest.mark.parametrize("damage, expected", CASES.values(), ids=CASES.keys())
def test_each_kind_of_damaged_file_gives_an_error_page_naming_it(seed_copy, monkeypatch, damage, expected):
    damage(seed_copy)
    monkeypatch.setenv("C5DASH_DATA_DIR", str(seed_copy))
    at = run()
    assert not at.exception
    assert "did not pass validation" in at.error[0].value
    file, row, column, words = expected
    problems = at.dataframe[0].value.astype(object)
    rows = problems.where(problems.notna(), None).to_dict("records")
    named = [r for r in rows if (r["file"], r["row"], r["column"]) == (file, row, column) and words in r["problem"]]
    assert named, problems.to_string()
    assert not at.get("plotly_chart")


def lines_and_points(fig: dict) -> tuple[list[dict], list[dict]]:
    """A trade chart's series (lines) and statements (points, never joined), their x and y as lists."""
    traces = [t | {axis: _array(t[axis]) for axis in ("x", "y")} for t in fig["data"]]
    return [t for t in traces if t["mode"].startswith("lines")], [t for t in traces if t["mode"] == "markers"]


def _array(values: list | dict) -> list:
    """Values as plotly's JSON gives them: a list, or a typed array (`dtype`, base64 `bdata`)."""
    if isinstance(values, list):
        return values
    return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()


def test_trade_page_draws_the_us_series_as_lines_with_the_statements_as_points(dataset):
    at = run("pages/5_Trade.py")
    assert not at.exception and not at.warning
    assert at.selectbox(key="trade_partner").value == "USA"
    assert at.selectbox(key="trade_measure").value == "flows"
    assert "partner" not in at.query_params and "measure" not in at.query_params  # defaults keep the link clean
    lines, points = lines_and_points(figure(at))
    assert sum(len(t["x"]) for t in lines) == len(dataset.trade_series)  # every year, exports and imports
    assert {t["name"] for t in lines} == {
        "Exports to the United States, U.S. Census Bureau",
        "Imports from the United States, U.S. Census Bureau",
    }
    trade = dataset.trade
    stated = trade[(trade["partner_iso3"] == "USA") & trade["flow"].isin(["exports", "imports"])]
    assert sorted(y for t in points for y in t["y"]) == sorted(stated["value_usd"] / 1e9)
    assert all(" stated by " in t["name"] for t in points)
    series = dataset.trade_series
    latest = series[(series["country_iso3"] == "KAZ") & (series["year"] == series["year"].max())]
    turnover = transform.money_text("exact", latest["value_usd"].sum())
    summary = at.markdown[-1].value.replace("\\", "")
    assert f"in {series['year'].max()}" in summary and f"Kazakhstan {turnover}" in summary


def test_trade_measure_and_partner_come_from_the_url(dataset):
    trade = dataset.trade
    at = run("pages/5_Trade.py", measure="turnover")
    lines, points = lines_and_points(figure(at))
    assert lines and all(", derived " in t["name"] for t in lines)
    stated = trade[(trade["partner_iso3"] == "USA") & (trade["flow"] == "turnover")]
    assert sum(len(t["y"]) for t in points) == len(stated)
    at = run("pages/5_Trade.py", measure="balance")
    lines, points = lines_and_points(figure(at))
    assert not points and min(y for t in lines for y in t["y"]) < 0  # a deficit is drawn below zero
    assert "No one states a balance" in at.caption[0].value
    at = run("pages/5_Trade.py", partner="CHN", measure="turnover")  # no series: points only, and said so
    lines, points = lines_and_points(figure(at))
    china = (trade["partner_iso3"] == "CHN") & (trade["flow"] == "turnover")
    assert not lines and sum(len(t["y"]) for t in points) == china.sum()
    assert "No series of trade with China" in at.caption[0].value
    at = run("pages/5_Trade.py", partner="all", measure="turnover")
    lines, points = lines_and_points(figure(at))
    assert {t["name"].split(":")[0] for t in lines} == {"United States"}
    names = transform.country_names(dataset)
    stated = trade.loc[trade["flow"] == "turnover", "partner_iso3"].map(names)
    assert {t["name"].split(":")[0] for t in points} == set(stated)  # every partner's statements, as points
    at = run("pages/5_Trade.py", flow="turnover")  # a link from before the series
    assert at.selectbox(key="trade_measure").value == "turnover" and "flow" not in at.query_params


def test_bad_trade_choices_in_the_url_say_so_and_show_the_default():
    at = run("pages/5_Trade.py", partner="XYZ", measure="exports")
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "Ignored `partner`" in warnings and "Ignored `measure`" in warnings
    assert at.selectbox(key="trade_partner").value == "USA"
    assert at.selectbox(key="trade_measure").value == "flows"


def test_an_old_investment_link_with_a_trade_flow_points_to_the_trade_page():
    at = run("pages/2_Investment.py", flow="exports")
    assert not at.exception
    assert "page of its own" in at.info[0].value


@pytest.mark.parametrize("metric", list(metrics.MAP_METRICS))
def test_every_map_metric_draws_a_titled_map_with_a_summary(metric):
    at = run(metric=metric)
    assert not at.exception
    assert at.selectbox(key="overview_metric").value == metric
    fig = figure(at)
    assert fig["layout"]["title"]["text"]
    assert at.caption[0].value
    assert ("sliders" in fig["layout"]) == (metric in metrics.COUNT_METRICS)


def test_map_controls_come_from_the_url(dataset):
    at = run(metric="days_since_visit", level="head_of_state")
    assert at.selectbox(key="overview_level").value == "head_of_state"
    at = run(metric="visits_to_us", level="foreign_minister")
    assert "(foreign minister or secretary of state)" in title(at)
    ministers = dataset.events[
        (dataset.events["direction"] == "region_to_partner") & (dataset.events["level"] == "foreign_minister")
    ]
    kaz = dataset.event_countries[dataset.event_countries["event_id"].isin(ministers["event_id"])]
    assert (
        metrics.count_values(dataset, ["KAZ"], transform.year_bounds(dataset), "visits_to_us", "foreign_minister")
        .values["value"]
        .item()
        == (kaz["iso3"] == "KAZ").sum()
    )
    at = run(metric="investment", measure="fdi_stock", investor="USA")
    assert at.selectbox(key="overview_measure").value == "fdi_stock"
    assert "Direct investment stock" in title(at)
    assert at.selectbox(key="overview_investor").label == "Investor"
    at = run(metric="investment", measure="announced_commitment", investor="USA")  # deals: a partner
    assert at.selectbox(key="overview_investor").label == "Partner in the deals"
    assert "Announced deals and commitments with the United States" in title(at)
    at = run(metric="trade", partner="CHN")
    assert "China" in title(at)
    at = run(metric="no-such-metric")
    assert "Ignored `metric` in the link (“Show on the map”)" in at.warning[0].value
    assert at.selectbox(key="overview_metric").value == "events"


def test_changing_the_metric_changes_the_map_and_the_url():
    at = run()
    at.selectbox(key="overview_metric").set_value("us_visits").run()
    assert at.query_params["metric"] == "us_visits"
    assert "Visits by U.S. officials" in title(at)


def test_period_from_the_url_and_the_slider(dataset):
    at = run("pages/1_Timeline.py", **{"from": "2015", "to": "2020"})
    assert at.slider(key="sidebar_years").value == (2015, 2020)
    shown = event_markers(figure(at))
    years = us_events(dataset)["start_date"].dt.year
    assert shown == ((years >= 2015) & (years <= 2020)).sum()
    at.slider(key="sidebar_years").set_value((2023, 2023)).run()
    assert at.query_params["from"] == "2023" and at.query_params["to"] == "2023"
    assert event_markers(figure(at)) == (years == 2023).sum()


@pytest.mark.parametrize("period", [{"from": "2020", "to": "2010"}, {"from": "1800"}, {"from": "abc", "to": "<b>"}])
def test_a_bad_period_in_the_url_shows_all_years_with_a_notice(dataset, period):
    at = run(**period)
    assert not at.exception
    assert "Ignored" in at.warning[0].value and "in the link" in at.warning[0].value
    assert at.slider(key="sidebar_years").value == transform.year_bounds(dataset)
    assert "from" not in at.query_params


def test_timeline_filters_from_the_url(dataset):
    at = run("pages/1_Timeline.py", type="summit", level="head_of_state")
    assert at.multiselect(key="timeline_types").value == ["summit"]
    events = us_events(dataset)
    expected = ((events["event_type"] == "summit") & (events["level"] == "head_of_state")).sum()
    assert event_markers(figure(at)) == expected
    at = run("pages/1_Timeline.py", person="Donald Lu")
    lu = dataset.event_people.loc[dataset.event_people["person"] == "Donald Lu", "event_id"].nunique()
    assert event_markers(figure(at)) == lu
    at = run("pages/1_Timeline.py", q="Nur-Sultan")
    assert 0 < event_markers(figure(at)) < len(events)
    bad = run("pages/1_Timeline.py", type="coffee", person="Nobody")
    assert not bad.exception
    assert len(bad.warning) == 2
    assert event_markers(figure(bad)) == len(events)


def test_timeline_with_no_matching_events_says_so(dataset):
    at = run("pages/1_Timeline.py", q="zzzz-no-such-thing", **{"from": "2015", "to": "2023"})
    assert not at.exception
    (notice,) = at.warning
    assert "No events match the search for “zzzz no such thing” in 2015–2023" in notice.value
    assert "no event in any year" in notice.value
    assert not at.get("plotly_chart") and not at.get("popover")  # a message, not an empty chart to download
    page = views.timeline(dataset, [], (2015, 2023), [], [], "any", "zzzz-no-such-thing")
    assert "no dates" not in page.figure.layout.title.text and "2015–2023" in page.figure.layout.title.text
    elsewhere = run("pages/1_Timeline.py", q="Samarkand", **{"from": "2020", "to": "2021"})
    samarkand = search.search_events(dataset, transform.events_table(dataset), "Samarkand")
    assert not (samarkand["start_date"].dt.year.between(2020, 2021)).any()
    assert f"It finds {len(samarkand)} event(s) with other countries, years or filters" in elsewhere.warning[0].value


def test_timeline_search_knows_cyrillic_names_and_years(dataset):
    at = run("pages/1_Timeline.py", q="Ташкент 2023")
    tashkent_2023 = dataset.events[
        (dataset.events["place_id"] == "tashkent") & (dataset.events["start_date"].dt.year == 2023)
    ]
    assert event_markers(figure(at)) == len(tashkent_2023) >= 2


CARD_EVENT = "us-2023-02-27-blinken-kazakhstan"


@pytest.mark.parametrize("page", ["pages/1_Timeline.py", "pages/4_Country_profiles.py"])
def test_an_event_in_the_link_opens_its_card_and_closing_it_clears_the_link(page):
    at = run(page, event=CARD_EVENT, profile="KAZ")
    assert not at.exception and not at.warning
    assert "Secretary of State Blinken visits Kazakhstan" in [h.value for h in at.subheader]
    text = "\n".join(m.value for m in at.markdown)
    assert "27–28 February 2023" in text and "Antony Blinken, Secretary of State" in text
    assert "](https://history.state.gov/departmenthistory/travels/secretary/blinken-antony-j)" in text
    at.button(key=next(b.key for b in at.button if b.key.startswith("close-"))).click().run()
    assert "event" not in at.query_params
    assert "Secretary of State Blinken visits Kazakhstan" not in [h.value for h in at.subheader]


def test_an_unknown_event_in_the_link_gives_a_notice():
    at = run("pages/1_Timeline.py", event="no-such-event")
    assert not at.exception
    assert ["The event in the link (`event`) is not in the data, so no event card is shown."] == [
        w.value for w in at.warning
    ]


def test_card_text_from_the_data_is_plain(data_copy, monkeypatch):
    events = pd.read_csv(data_copy / "events.csv", dtype=str, keep_default_na=False)
    row = events.index[events["event_id"] == CARD_EVENT][0]
    events.loc[row, "summary"] = "See [this](https://evil.example) <b>now</b>"
    events.to_csv(data_copy / "events.csv", index=False)
    monkeypatch.setenv("C5DASH_DATA_DIR", str(data_copy))
    at = run("pages/1_Timeline.py", event=CARD_EVENT)
    assert not at.exception
    summary = next(m.value for m in at.markdown if "evil" in m.value)
    assert "](" not in summary and "<b>" not in summary


def test_each_row_of_the_events_table_links_to_its_card(dataset):
    at = run("pages/1_Timeline.py", country="KGZ", events_table="true")
    links = [urlsplit(link) for link in at.dataframe[0].value["card"]]
    assert {link.path for link in links} == {"/Timeline"}
    queries = [parse_qs(link.query) for link in links]
    assert [q["event"] for q in queries] == [[e] for e in transform.events_table(dataset, ["KGZ"])["event_id"]]
    assert all(q["country"] == ["KGZ"] and q["events_table"] == ["true"] for q in queries)


@pytest.mark.parametrize("iso3", ["KAZ", "KGZ", "TJK", "TKM", "UZB"])
def test_country_profile_shows_its_country(dataset, iso3):
    at = run("pages/4_Country_profiles.py", profile=iso3)
    assert not at.exception
    names = transform.country_names(dataset)
    assert at.title[0].value == names[iso3]
    head = profiles.holders_on(dataset, iso3)["head_of_state"]["person"]
    assert any(m.value.startswith("**Head of state:** " + ui.plain(head)) for m in at.markdown)
    assert figure(at)["data"][1]["locations"] == [iso3]


def test_country_profile_of_a_past_period_names_who_held_office_at_its_end():
    at = run("pages/4_Country_profiles.py", profile="TJK", **{"from": "1992", "to": "1993"})
    assert not at.exception
    lines = [m.value for m in at.markdown]
    for label, holder in [
        ("Head of state on 1993-12-31", "Emomali Rahmon (Chairman of the Supreme Assembly, since 1992-11-19)"),
        ("U.S. chief of mission on 1993-12-31", "Stanley T. Escudero (Ambassador, since 1992-10-19)"),
    ]:
        assert f"**{label}:** " + ui.plain(holder) in lines


def test_country_profile_follows_a_single_country_in_the_filter():
    at = run("pages/4_Country_profiles.py", country="TKM")
    assert at.selectbox(key="profile_country").value == "TKM"


@pytest.mark.parametrize("chosen", ["KAZ", "TJK"])
def test_a_profile_chosen_in_its_box_is_in_the_link_and_the_link_reopens_it(chosen):
    at = run("pages/4_Country_profiles.py", country="UZB")
    at.selectbox(key="profile_country").set_value(chosen).run()
    assert at.title[0].value != "Uzbekistan"
    link = dict(at.query_params)
    assert link == {"country": "UZB", "profile": chosen}
    again = run("pages/4_Country_profiles.py", **link)
    assert again.selectbox(key="profile_country").value == chosen
    assert again.title[0].value == at.title[0].value
    at.selectbox(key="profile_country").set_value("UZB").run()  # the filter's own country: a clean link
    assert dict(at.query_params) == {"country": "UZB"}


def test_a_country_given_twice_in_the_link_keeps_both():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["country"] = ["KAZ", "UZB"]  # ?country=KAZ&country=UZB
    at.run()
    assert not at.exception and not at.warning
    assert at.multiselect(key="sidebar_countries").value == ["KAZ", "UZB"]
    assert at.query_params["country"] == "KAZ,UZB"


@pytest.mark.parametrize(
    "period, shown, named",
    [({"from": "abc", "to": "2023"}, (None, 2023), "`from`"), ({"from": "2015", "to": "20x3"}, (2015, None), "`to`")],
)
def test_a_bad_bound_in_the_link_keeps_the_good_one_with_a_notice(dataset, period, shown, named):
    bounds = transform.year_bounds(dataset)
    at = run(**period)
    expected = (shown[0] or bounds[0], shown[1] or bounds[1])
    assert at.slider(key="sidebar_years").value == expected
    assert named in at.warning[0].value and "Ignored" in at.warning[0].value
    assert (at.query_params["from"], at.query_params["to"]) == tuple(map(str, expected))


def test_data_page_search_is_kept_in_the_link_and_says_the_filter_does_not_apply(dataset):
    at = run("pages/3_Data_and_sources.py", q="Samarkand", country="KAZ", **{"from": "2015", "to": "2016"})
    assert at.text_input(key="data_search").value == "Samarkand"
    events = shown_tables(at)["events"]
    assert 0 < len(events) < len(dataset.events)
    assert any("period do not apply" in m.value for m in at.markdown)
    at.text_input(key="data_search").input("Blinken").run()
    assert at.query_params["q"] == "Blinken"


@pytest.mark.parametrize(
    "page, params",
    [("pages/3_Data_and_sources.py", {"table_events": "true"}), ("pages/1_Timeline.py", {"last_visits": "true"})],
)
def test_tables_show_missing_values_as_empty_cells_not_none(page, params):
    at = run(page, **params)
    assert at.dataframe and all(d.proto.HasField("placeholder") and d.proto.placeholder == "" for d in at.dataframe)


def test_last_visits_table_puts_the_dates_and_days_before_the_long_titles():
    at = run("pages/1_Timeline.py", last_visits="true")
    (table,) = at.dataframe
    assert list(table.value.columns) == ["country", "level", "ended", "days_since", "last_visit"]


def test_without_chromium_image_downloads_say_why_and_the_rest_still_works(monkeypatch):
    monkeypatch.setattr(exports, "images_available", lambda: False)
    at = run("pages/1_Timeline.py")
    assert not at.exception
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    for fmt in ("PNG", "SVG", "PDF"):
        assert buttons[fmt].disabled
        assert "Chromium" in buttons[fmt].help and "toolbar" in buttons[fmt].help
    assert not buttons["CSV"].disabled and not buttons["HTML"].disabled


TABLES = {  # page: (its tables shown on demand, the URL parameter that opens each)
    "pages/1_Timeline.py": ["events_table", "last_visits"],
    "pages/2_Investment.py": ["investment_table", "deals_table", "totals_table"],
    "pages/5_Trade.py": ["trade_table"],
    "pages/6_Partners.py": ["partners_table"],
    "pages/4_Country_profiles.py": ["profile_investments", "profile_trade", "profile_sources"],
}


@pytest.mark.parametrize("page, params", TABLES.items())
def test_tables_under_charts_are_made_only_when_opened_and_the_link_keeps_them_open(page, params):
    closed = run(page, profile="KAZ")
    assert not closed.exception and len(closed.dataframe) == 0
    assert len(closed.expander) == len(params)
    opened = run(page, profile="KAZ", **{param: "true" for param in params})
    assert not opened.exception and len(opened.dataframe) == len(params)
    assert all(opened.query_params.get(param) == "true" for param in params)


def test_the_timeline_table_holds_the_events_of_the_view(dataset):
    at = run("pages/1_Timeline.py", country="KGZ", events_table="true")
    shown = at.dataframe[0].value
    assert len(shown) == events_involving(dataset, ["KGZ"])
    assert f"{transform.SOURCE_LINK_PREFIX}1" in shown.columns  # each row's sources, as links


def quiet_year(dataset) -> tuple[str, int]:
    """A country and a year in which it took part in no event."""
    events = transform.events_table(dataset)
    first, last = transform.year_bounds(dataset)
    for code in C5:
        years = set(events.loc[events["countries"].map(lambda c, code=code: code in c), "start_date"].dt.year)
        quiet = [y for y in range(first, last + 1) if y not in years]
        if quiet:
            return code, quiet[0]
    raise AssertionError("every country has events in every year")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("metric", ["events", "c5_meetings", "days_since_visit"])
def test_every_page_shows_a_country_and_a_year_without_events(dataset, page, metric):
    code, year = quiet_year(dataset)
    at = run(page, country=code, profile=code, metric=metric, q="Baker", **{"from": str(year), "to": str(year)})
    assert not at.exception
    assert at.slider(key="sidebar_years").value == (year, year)
    if page == "pages/4_Country_profiles.py":
        assert at.title[0].value == transform.country_names(dataset)[code]


def assert_same(reused: object, fresh: object, where: str) -> None:
    """A reused view part equals a freshly computed one: frames, figures, dataclasses, dicts, values."""
    if isinstance(reused, pd.DataFrame):
        pd.testing.assert_frame_equal(reused, fresh, obj=where)
    elif isinstance(reused, pd.Series):
        pd.testing.assert_series_equal(reused, fresh, obj=where)
    elif isinstance(reused, go.Figure):
        assert reused.to_json() == fresh.to_json(), where
    elif dataclasses.is_dataclass(reused):
        for field in dataclasses.fields(reused):
            assert_same(getattr(reused, field.name), getattr(fresh, field.name), f"{where}.{field.name}")
    elif isinstance(reused, dict):
        assert reused.keys() == fresh.keys(), where
        for key in reused:
            assert_same(reused[key], fresh[key], f"{where}[{key}]")
    else:
        assert reused == fresh, where


def test_no_page_modifies_the_shared_dataset_or_the_views_it_reuses(monkeypatch):
    """The dataset, the shapes and each computed view are shared by every session (cache_resource):
    after every page has run in several views, tables open, and the files of its downloads have been
    made, they still equal a fresh load and a fresh computation."""
    kaz = {"country": "KAZ", "from": "2015", "to": "2024"}
    opened = {param: "true" for params in TABLES.values() for param in params}
    for page in PAGES:
        for params in ({}, kaz, {**kaz, **opened}):
            at = run(page, **params)
            assert not at.exception
            at.run()
    for metric in metrics.MAP_METRICS:
        assert not run(metric=metric).exception
    fresh, _ = load_dataset(ui.data_dir())

    def not_again(*args, **kwargs):
        raise AssertionError("expected the result the pages computed, not a new one")

    for module, name in [(ui.page, "load_dataset"), (transform, "events_table"), (search, "search_rows")]:
        monkeypatch.setattr(module, name, not_again)
    monkeypatch.setattr(views.transform, "investments_table", not_again)
    for name in ("trade_table", "trade_series"):
        monkeypatch.setattr(views.trade, name, not_again)
    shared, problems = ui.page._load(str(ui.data_dir()))
    assert not problems
    shapes = ui.shapes()
    years = (2015, 2024)
    measure = transform.measures_in(fresh.investments)[0]
    calls = {  # each view as the pages asked for it, with the filter set to Kazakhstan, 2015-2024
        "overview": (views.overview, (["KAZ"], years, "events", date.today()), True),
        "timeline": (views.timeline, (["KAZ"], years, [], [], "any", "", "USA"), False),
        "partners": (views.partners, (["KAZ"], years, []), False),
        "investment": (views.investment_view, (["KAZ"], years, measure), False),
        "trade": (views.trade_page, (["KAZ"], years, "USA", "flows"), False),
        "profile": (views.profile, ("KAZ", years), True),
        "data_tables": (views.data_tables, ("",), False),
    }
    reused = {
        name: ui.memo(fn)(shared, *((shapes,) if with_shapes else ()), *args)
        for name, (fn, args, with_shapes) in calls.items()
    }
    for view in reused.values():  # the files a download click makes, from the shared parts
        for part in dataclasses.astuple(view) if dataclasses.is_dataclass(view) else view.values():
            if isinstance(part, pd.DataFrame) and "source_ids" in part:
                exports.rows_csv(part, shared.sources, "cite")
            if isinstance(part, go.Figure):
                exports.figure_html(part, "chart", "cite")
    monkeypatch.undo()
    for name, frame in fresh.tables().items():
        pd.testing.assert_frame_equal(shared.tables()[name], frame, obj=name)
    pd.testing.assert_frame_equal(shapes, read_shapes())
    pd.testing.assert_frame_equal(transform._all_events(shared), transform._all_events(fresh))
    pd.testing.assert_frame_equal(transform._all_investments(shared), transform._all_investments(fresh))
    for name, (fn, args, with_shapes) in calls.items():
        again = fn(fresh, *((read_shapes(),) if with_shapes else ()), *args)
        assert_same(reused[name], again, name)
