"""What the map and the country profiles show, computed from the data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from conftest import events_involving, us_events

from c5dash import meetings, metrics, profiles, transform
from c5dash.schemas import C5

TODAY = date(2026, 11, 26)


def test_event_counts_per_country_follow_the_links(dataset):
    bounds = transform.year_bounds(dataset)
    shown = metrics.count_values(dataset, [], bounds, "events").values.set_index("iso3")["value"]
    for code in ["KAZ", "KGZ", "TJK", "TKM", "UZB"]:
        assert shown[code] == events_involving(dataset, [code])


def c5_meetings_of(dataset, iso3: str, years: tuple[int, int]) -> int:
    """The held summits and ministerial meetings of the C5+1 format that `iso3` took part in, from the raw tables."""
    events = us_events(dataset)
    meetings = events[
        (events["direction"] == "multilateral")
        & events["event_type"].isin(["summit", "ministerial_meeting"])
        & events["start_date"].dt.year.between(*years)
    ]
    links = dataset.event_countries
    return int(meetings["event_id"].isin(links.loc[links["iso3"] == iso3, "event_id"]).sum())


def test_c5_meetings_count_the_meetings_each_country_took_part_in(dataset):
    shown = metrics.count_values(dataset, ["UZB"], (2015, 2025), "c5_meetings").values
    assert list(shown["iso3"]) == ["UZB"] and shown["value"].item() == c5_meetings_of(dataset, "UZB", (2015, 2025))


def test_a_c5_plus_1_meeting_one_country_missed_counts_for_the_others_everywhere(dataset):
    """Hamburg, December 2016: four of the five met Secretary Kerry. The map, the profile and the
    Partners page count it for Kazakhstan alike, and the Overview's key figure counts it once."""
    events = dataset.event_countries
    hamburg = set(events.loc[events["event_id"] == "c5-2016-12-07-hamburg", "iso3"])
    assert "KAZ" in hamburg and "TKM" not in hamburg
    years = transform.year_bounds(dataset)
    mapped = metrics.count_values(dataset, [], years, "c5_meetings").values.set_index("iso3")["value"]
    for iso3 in C5:
        expected = c5_meetings_of(dataset, iso3, years)
        assert mapped[iso3] == expected
        assert profiles.profile_figures(dataset, iso3, years)["c5_meetings"] == expected
        formats = meetings.meetings_table(dataset, [iso3], years, ["USA"])
        assert formats["held"].sum() == expected
    key = transform.key_figures(transform.events_table(dataset, [], years))["c5_plus_1_meetings"]
    records = meetings.records(meetings.meetings_table(dataset, [], years, ["USA"]), dataset)
    assert key == records[["summits", "ministerials", "deputies"]].sum(axis=1).item()


def test_days_since_the_last_us_visit(dataset):
    shown = metrics.days_since_values(dataset, ["KAZ"], transform.year_bounds(dataset), "any", TODAY).values
    visits = transform.events_table(dataset, ["KAZ"])
    last = visits[visits["direction"] == "partner_to_region"]["end_date"].max()
    assert shown["value"].item() == (pd.Timestamp(TODAY) - last).days
    none = metrics.days_since_values(dataset, ["TJK"], (1991, 1991), "any", TODAY).values
    assert pd.isna(none["value"].item()) and none["detail"].item() == "no such visit in the period"


def test_investment_map_shows_the_latest_single_figure_never_a_sum(dataset):
    shown = metrics.investment_values(dataset, ["KAZ"], transform.year_bounds(dataset), "fdi_stock", "USA").values
    inv = dataset.investments
    rows = inv[(inv["measure"] == "fdi_stock") & (inv["investor_iso3"] == "USA") & (inv["recipient_iso3"] == "KAZ")]
    latest = rows.sort_values("period_end").iloc[-1]
    assert shown["value"].item() == latest["value_usd"] / 1e9
    assert shown["value"].item() < rows["value_usd"].sum() / 1e9


def test_trade_map_with_the_united_states_shows_the_series_latest_complete_year(dataset):
    series = dataset.trade_series
    latest = series["year"].max()
    shown = metrics.trade_values(dataset, [], transform.year_bounds(dataset), "USA")
    kaz = series[(series["country_iso3"] == "KAZ") & (series["year"] == latest)]
    values = shown.values.set_index("iso3")
    assert values.at["KAZ", "value"] == kaz["value_usd"].sum() / 1e9  # turnover, derived: exports + imports
    assert values["value"].notna().all()  # the series has every one of the five
    assert values.at["KAZ", "source_ids"] == "census-trade-kaz"
    assert f"in {latest}" in shown.title and "U.S. Census Bureau" in shown.title and str(latest) in shown.unit
    assert "latest complete year of the official series" in shown.summary and "derived" in shown.summary
    assert "release " in values.at["KAZ", "detail"]
    earlier = metrics.trade_values(dataset, ["KAZ"], (2010, 2015), "USA")  # the period's latest year
    assert "in 2015" in earlier.title


def test_stated_trade_prefers_the_countrys_own_statistics(dataset):
    shown = metrics.stated_trade_values(dataset, ["KAZ"], (2024, 2024), "USA").values
    trade = dataset.trade
    own = trade[(trade["trade_id"] == "kaz-usa-2024-turnover-ministry")]["value_usd"].item()
    assert shown["value"].item() == own / 1e9
    assert "Central Asian statistics" in shown["detail"].item()


def test_last_visits_by_level(dataset):
    table = profiles.last_visits(dataset, TODAY)
    assert len(table) == 5 * 4
    row = table[(table["iso3"] == "UZB") & (table["level"] == metrics.LEVEL_LABELS["foreign_minister"])].iloc[0]
    visits = transform.events_table(dataset, ["UZB"])
    secretaries = visits[(visits["direction"] == "partner_to_region") & (visits["level"] == "foreign_minister")]
    assert row["ended"] == secretaries["end_date"].max()
    assert row["days_since"] == (pd.Timestamp(TODAY) - row["ended"]).days


@pytest.mark.parametrize("iso3", ["KAZ", "KGZ", "TJK", "TKM", "UZB"])
def test_current_office_holders_are_the_latest_open_terms(dataset, iso3):
    holders = profiles.holders_on(dataset, iso3)
    terms = dataset.office_holders[dataset.office_holders["iso3"] == iso3]
    for office, holder in holders.items():
        latest = terms[terms["office"] == office].sort_values("start_date").iloc[-1]
        if holder is None:
            assert pd.notna(latest["end_date"])
        else:
            assert holder["holder_id"] == latest["holder_id"] and pd.isna(holder["end_date"])
    assert holders["head_of_state"] is not None


@pytest.mark.parametrize(
    ("iso3", "day", "head", "envoy"),
    [
        # Tajikistan at the end of 1993: Rahmon chaired parliament (no presidency until November 1994).
        ("TJK", date(1993, 12, 31), "tjk-rahmon-chairman", "tjk-com-1992-escu-01"),
        # The day one term ends and the next starts belongs to the next.
        ("TJK", date(1992, 11, 19), "tjk-rahmon-chairman", "tjk-com-1992-escu-01"),
        ("TJK", date(1992, 11, 18), "tjk-iskandarov-2", "tjk-com-1992-escu-01"),
        # A chargé's term with no end date before the next appointment is a gap, not a person in post.
        ("TJK", date(1992, 6, 30), "tjk-nabiyev-2", None),
    ],
)
def test_office_holders_on_a_day(dataset, iso3, day, head, envoy):
    holders = profiles.holders_on(dataset, iso3, day)
    assert holders["head_of_state"]["holder_id"] == head
    assert (
        holders["us_chief_of_mission"]["holder_id"] if holders["us_chief_of_mission"] is not None else None
    ) == envoy


def test_a_closed_term_is_not_current_but_held_office_on_its_days(dataset):
    # Ambassador Micaller left Dushanbe on 14 January 2026 and no successor is recorded.
    assert profiles.holders_on(dataset, "TJK")["us_chief_of_mission"] is None
    on = profiles.holders_on(dataset, "TJK", date(2025, 12, 31))["us_chief_of_mission"]
    assert on["holder_id"] == "tjk-com-2023-micaller"


def test_holder_lines_say_the_day_for_a_past_period(dataset):
    last = transform.year_bounds(dataset)[1]
    assert profiles.period_end_day((1992, last), last) is None  # the whole range: as last reported
    day = profiles.period_end_day((1992, 1993), last)
    assert day == date(1993, 12, 31)
    lines = dict(profiles.holder_lines(profiles.holders_on(dataset, "TJK", day), day))
    assert lines["Head of state on 1993-12-31"].startswith(
        "Emomali Rahmon (Chairman of the Supreme Assembly, since 1992-11-19"
    )
    current = dict(profiles.holder_lines(profiles.holders_on(dataset, "TJK"), None))
    assert set(current) == {"Head of state", "U.S. chief of mission"}


def test_profile_figures(dataset):
    numbers = profiles.profile_figures(dataset, "KAZ", transform.year_bounds(dataset))
    assert numbers["events"] == events_involving(dataset, ["KAZ"])
    assert numbers["c5_hosted"] <= numbers["c5_meetings"]
    assert numbers["investments"] == (dataset.investments["recipient_iso3"] == "KAZ").sum()


def test_visit_counts_at_one_level(dataset):
    events = dataset.events
    ministers = events[(events["direction"] == "region_to_partner") & (events["level"] == "foreign_minister")]
    links = dataset.event_countries[dataset.event_countries["event_id"].isin(ministers["event_id"])]
    bounds = transform.year_bounds(dataset)
    shown = metrics.count_values(dataset, ["KAZ"], bounds, "visits_to_us", "foreign_minister").values
    assert shown["value"].item() == (links["iso3"] == "KAZ").sum() > 0
    assert shown["detail"].item().endswith(f"{bounds[0]}–{bounds[1]}")


def test_year_slider_counts_are_running_totals(dataset):
    frames = metrics.yearly_count_values(dataset, ["KAZ", "UZB"], (2000, 2025), "us_visits")
    events = transform.events_table(dataset, None, (2000, 2025))
    visits = events[events["direction"] == "partner_to_region"]
    for year in (2000, 2015, 2020, 2025):
        upto = visits[visits["start_date"].dt.year <= year]
        expected = [sum(code in codes for codes in upto["countries"]) for code in ["KAZ", "UZB"]]
        assert list(frames[year]["value"]) == expected


def test_map_values_cite_their_sources(dataset):
    years = transform.year_bounds(dataset)
    counts = metrics.count_values(dataset, ["TKM"], years, "us_visits").values
    visits = metrics.counted_events(dataset, ["TKM"], years, "us_visits")
    cited = {i.strip() for v in visits["source_ids"] for i in v.split(";")}
    assert set(counts["source_ids"].item().split("; ")) == cited
    trade = metrics.trade_values(dataset, ["KAZ"], years, "CHN").values
    assert trade["source_ids"].item() == "astanatimes-2025-01-china-trade-2024"
    inv = metrics.investment_values(dataset, ["KAZ"], years, "fdi_stock", "USA").values
    assert inv["source_ids"].item()


def test_trade_map_compares_one_sides_statistics_of_one_year(dataset):
    years = transform.year_bounds(dataset)
    china = metrics.trade_values(dataset, [], years, "CHN")
    trade = dataset.trade.set_index("trade_id")
    assert china.values.set_index("iso3").at["TJK", "value"] == trade.at["tjk-chn-2024-turnover-gac", "value_usd"] / 1e9
    assert china.values["detail"].str.contains("General Administration of Customs of China").all()
    assert "in 2024, by China's statistics" in china.title
    stated = metrics.stated_trade_values(dataset, [], years, "USA")  # the statements alone, like with like
    shown = stated.values.dropna(subset=["value"])
    assert shown["detail"].str.contains(" in 2024, Central Asian statistics").all()
    assert "the United States in 2024" in stated.title and "2024" in stated.unit
    tkm = stated.values.set_index("iso3").at["TKM", "detail"]
    assert "no 2024 figure" in tkm and "2022" in tkm  # grey, saying why


def test_overview_defaults_to_the_united_states(dataset):
    assert metrics.partner_choices(dataset)[0] == "USA"
    for measure in dataset.investments["measure"].unique():
        choices = metrics.investor_choices(dataset, measure)
        assert choices[0] == "USA" or "USA" not in choices
    title = metrics.investment_values(dataset, [], transform.year_bounds(dataset), "fdi_stock", "USA").title
    assert "from the United States" in title


@pytest.mark.parametrize(
    ("metric", "unit"),
    [("events", "Events"), ("us_visits", "Visits"), ("c5_meetings", "Meetings"), ("format_meetings", "Meetings")],
)
def test_a_count_maps_colour_bar_names_what_it_counts(dataset, metric, unit):
    assert metrics.count_values(dataset, [], transform.year_bounds(dataset), metric).unit == unit
