"""Every partner's format side by side: the meetings' data, the status rule, the Partners page and the partner
choices on the other pages."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import us_events
from test_app import event_markers, figure, run, title

from c5dash import cards, meetings, metrics, transform, views
from c5dash.schemas import C5, MEETING_TYPES

NOT_HELD = ("postponed", "cancelled", "planned")


def format_meetings(dataset) -> pd.DataFrame:
    events = dataset.events
    return events[(events["direction"] == "multilateral") & events["event_type"].isin(MEETING_TYPES)]


def not_held_ids(dataset) -> set[str]:
    events = dataset.events
    return set(events.loc[events["status"].isin(NOT_HELD), "event_id"])


def test_the_data_has_meetings_not_held_to_test_the_rule_on(dataset):
    assert len(not_held_ids(dataset)) >= 3
    assert set(dataset.events["status"]) >= {"held", "postponed", "planned"}


def test_no_meeting_that_was_not_held_is_counted_anywhere(dataset):
    """A postponed, cancelled or planned meeting is never counted, summarised or drawn as held."""
    years = transform.year_bounds(dataset)
    gone = not_held_ids(dataset)
    assert not gone & set(transform.events_table(dataset, partners=None)["event_id"])
    for metric in metrics.FORMAT_METRICS:
        counted = metrics.counted_events(dataset, None, years, metric, partner=meetings.ALL_PARTNERS)
        assert not gone & set(counted["event_id"])
    page = views.partners(dataset, [], years, [])
    held = format_meetings(dataset).query("status == 'held'")
    assert page.per_year.to_numpy().sum() == len(held)
    assert page.records[["summits", "ministerials", "deputies"]].to_numpy().sum() == len(held)
    assert page.venues["meetings"].sum() == (held["place_id"].notna()).sum()
    assert page.attendance["meetings"].sum() == 5 * len(held)  # a cell per held meeting and country
    assert f"{len(held)} meeting(s) held" in page.summaries["timeline"]
    timeline = views.timeline(dataset, [], years, [], [], "any", "", meetings.ALL_PARTNERS)
    assert not gone & set(timeline.events["event_id"])
    for iso3 in C5:
        assert not gone & set(meetings.last_meetings(dataset, iso3)["event_id"])


def test_meetings_not_held_are_drawn_hollow_and_say_so(dataset):
    page = views.partners(dataset, [], transform.year_bounds(dataset), [])
    drawn = {}
    for trace in page.figures["timeline"].data:
        for item in trace.customdata or ():
            drawn[item[-1]] = trace.marker.symbol
    assert set(drawn) == set(format_meetings(dataset)["event_id"])
    for event_id, symbol in drawn.items():
        assert symbol.endswith("-open") == (event_id in not_held_ids(dataset)), event_id
    assert "never counted" in page.summaries["timeline"]
    card = cards.event_card(dataset, "jpn-c5-2024-08-09-astana")
    assert card.status.startswith("Postponed") and "Central Asia + Japan" in card.format


def test_each_partner_has_its_own_colour_on_every_partners_chart(dataset):
    colours = meetings.partner_colours(dataset)
    assert len(set(colours.values())) == len(colours)
    page = views.partners(dataset, [], transform.year_bounds(dataset), [])
    labels = meetings.chart_labels(dataset)
    for trace in page.figures["per_year"].data:
        partner = next(p for p, name in labels.items() if name == trace.name)
        assert trace.marker.color == colours[partner]
    for trace in page.figures["venues"].data:
        partner = next(p for p, name in labels.items() if name == trace.name)
        assert trace.marker.color == colours[partner]


def test_a_country_filter_keeps_the_meetings_it_took_part_in(dataset):
    years = transform.year_bounds(dataset)
    links = dataset.event_countries
    for iso3 in ("TKM", "KGZ"):
        rows = meetings.meetings_table(dataset, [iso3], years)
        attended = set(links.loc[links["iso3"] == iso3, "event_id"])
        assert set(rows["event_id"]) == set(format_meetings(dataset)["event_id"]) & attended


def test_the_venues_say_whether_a_meeting_was_in_the_region_or_at_the_partners_home(dataset):
    rows = meetings.meetings_table(dataset, partners=["CHN", "JPN"]).set_index("event_id")
    assert rows.at["chn-c5-2023-05-18-xian", "venue"] == "home"
    assert rows.at["chn-c5-2025-06-17-astana", "venue"] == "region"
    assert rows.at["chn-c5-2020-07-16-virtual", "venue"] == "virtual"
    eu = meetings.meetings_table(dataset, partners=["EUU"]).set_index("event_id")
    assert eu.at["euu-c5-2023-10-23-luxembourg", "venue"] == "home"  # hosted by the EU itself


def test_records_count_summits_and_ministerials_from_each_formats_first(dataset):
    records = meetings.records(meetings.meetings_table(dataset), dataset).set_index("partner")
    held = format_meetings(dataset).query("status == 'held'")
    for partner, row in records.iterrows():
        own = held[held["partner"] == partner]
        assert row["summits"] == (own["level"] == "head_of_state").sum()
        assert row["first_meeting"] == own["start_date"].min()
    assert records.index[0] == "USA"  # the default partner leads every list


def test_attendance_says_who_each_of_the_five_sent(dataset):
    grid = meetings.attendance(dataset, meetings.meetings_table(dataset, partners=["USA"]))
    summits = grid[(grid["level"] == "head_of_state")]
    # Both C5+1 summits were attended by all five presidents.
    assert (summits.groupby("iso3")["meetings"].sum() == 2).all()
    assert set(summits["attended_as"]) == {"head_of_state"}


def test_partners_page_defaults_to_every_format_and_keeps_a_choice_in_the_link(dataset):
    at = run("pages/6_Partners.py")
    assert not at.exception and len(at.get("plotly_chart")) == 5
    assert "partner" not in at.query_params
    rows = {item[-1] for trace in figure(at)["data"] for item in trace.get("customdata") or []}
    assert rows == set(format_meetings(dataset)["event_id"])
    chosen = run("pages/6_Partners.py", partner="CHN,RUS")
    assert chosen.multiselect(key="partners_chosen").value == ["CHN", "RUS"]
    shown = {item[-1] for trace in figure(chosen)["data"] for item in trace.get("customdata") or []}
    assert shown == set(format_meetings(dataset).query("partner in ['CHN', 'RUS']")["event_id"])
    chosen.multiselect(key="partners_chosen").set_value(["JPN"]).run()
    assert chosen.query_params["partner"] == "JPN"


def test_partners_page_narrows_to_a_country_and_ignores_a_bad_partner_with_a_notice(dataset):
    at = run("pages/6_Partners.py", partner="XXX,CHN", country="TKM")
    assert not at.exception
    assert any("partner" in w.value for w in at.warning)
    shown = {item[-1] for trace in figure(at)["data"] for item in trace.get("customdata") or []}
    tkm = set(dataset.event_countries.loc[dataset.event_countries["iso3"] == "TKM", "event_id"])
    assert shown and shown <= tkm and all(e.startswith("chn-") for e in shown)


def test_the_timeline_shows_the_us_by_default_and_another_partner_when_chosen(dataset):
    default = run("pages/1_Timeline.py")
    assert event_markers(figure(default)) == len(us_events(dataset))
    assert "partner" not in default.query_params
    china = run("pages/1_Timeline.py", partner="CHN")
    held = dataset.events.query("partner == 'CHN' and status == 'held'")
    assert event_markers(figure(china)) == len(held)
    assert "with China" in title(china)
    assert "Xi Jinping" in china.selectbox(key="timeline_person").options
    bad = run("pages/1_Timeline.py", partner="Atlantis")
    assert not bad.exception and any("partner" in w.value for w in bad.warning)
    assert event_markers(figure(bad)) == len(us_events(dataset))


@pytest.mark.parametrize("metric", metrics.FORMAT_METRICS)
def test_the_overview_map_counts_one_formats_meetings_chosen_in_the_link(dataset, metric):
    at = run(metric=metric, partner="RUS")
    assert not at.exception and at.selectbox(key="overview_format").value == "RUS"
    assert "Central Asia–Russia" in title(at)
    years = transform.year_bounds(dataset)
    values = metrics.count_values(dataset, [], years, metric, partner="RUS").values.set_index("iso3")["value"]
    held = dataset.events.query("partner == 'RUS' and status == 'held'")
    if metric == "format_meetings":
        links = dataset.event_countries[dataset.event_countries["event_id"].isin(held["event_id"])]
        assert values["TKM"] == (links["iso3"] == "TKM").sum()
    else:
        places = held["place_id"].map(dict(zip(dataset.places["place_id"], dataset.places["iso3"])))
        assert values["KAZ"] == (places == "KAZ").sum() and values["KAZ"] >= 1


def test_a_country_profile_lists_its_formats_with_the_last_meeting_of_each(dataset):
    formats = meetings.last_meetings(dataset, "TKM")
    assert formats["partner"].iloc[0] == "USA" and len(formats) >= 8
    eu = formats.set_index("partner").loc["EUU"]
    held = dataset.events.query("partner == 'EUU' and status == 'held'")
    tkm = dataset.event_countries.query("iso3 == 'TKM'")["event_id"]
    assert eu["last_date"] == held[held["event_id"].isin(tkm)]["start_date"].max()
    at = run("pages/4_Country_profiles.py", profile="TKM")
    text = " ".join(m.value for m in at.markdown)
    assert "EU–Central Asia" in text and "event=" in text
