"""Filters and summaries behind the pages."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import us_events

from c5dash import search, trade, transform, views


@pytest.mark.parametrize(
    "raw, known, ignored",
    [
        (None, [], []),
        ("", [], []),
        ("KAZ", ["KAZ"], []),
        ("uzb,kaz", ["KAZ", "UZB"], []),  # canonical order, any case
        ("KAZ,KAZ", ["KAZ"], []),
        ("KAZ,XXX", ["KAZ"], ["XXX"]),
        ("USA", [], ["USA"]),  # the filter is for the five
        ("<script>alert(1)</script>", [], ["scriptalert1"]),
        (",,, ,", [], []),
    ],
)
def test_parse_country_param(raw, known, ignored):
    assert transform.parse_country_param(raw) == (known, ignored)


def test_parse_country_param_counts_a_parameter_given_more_than_once():
    assert transform.parse_country_param(["KAZ", "UZB"]) == (["KAZ", "UZB"], [])
    assert transform.parse_country_param(["uzb,KGZ", "XXX"]) == (["KGZ", "UZB"], ["XXX"])


BOUNDS = (1991, 2026)


@pytest.mark.parametrize(
    "raw_from, raw_to, years, named",
    [
        ("2015", "2023", (2015, 2023), None),
        (None, "2020", (1991, 2020), None),
        ("abc", "2023", (1991, 2023), "`from`"),  # the valid bound is kept
        ("2015", "soon", (2015, 2026), "`to`"),
        ("1800", "2023", (1991, 2023), "`from`"),  # outside the data's years
        ("abc", "<b>", (1991, 2026), "`from` and `to`"),
        ("2020", "2010", (1991, 2026), "after"),  # reversed: both ignored
    ],
)
def test_parse_year_range_keeps_each_valid_bound(raw_from, raw_to, years, named):
    got, notice = transform.parse_year_range(raw_from, raw_to, BOUNDS)
    assert got == years
    assert (named in notice) if named else notice == ""
    assert "<" not in notice


def test_parse_country_param_bounds_what_it_echoes():
    known, ignored = transform.parse_country_param(",".join(f"X{i:05d}" for i in range(500)))
    assert known == []
    assert len(ignored) == transform.MAX_PARAM_TOKENS
    assert all(len(token) <= 12 for token in ignored)


def test_multi_country_event_appears_once_and_for_each_country(dataset):
    everything = transform.events_table(dataset)
    assert everything["event_id"].is_unique
    for code in ["KAZ", "KGZ", "TJK", "TKM", "UZB"]:
        assert "c5-2015-11-01-samarkand" in set(transform.events_table(dataset, [code])["event_id"])


def test_filter_keeps_only_events_of_the_chosen_countries(dataset):
    events = transform.events_table(dataset, ["TJK"])
    assert len(events) > 0
    assert all("TJK" in codes for codes in events["countries"])
    assert len(events) < len(transform.events_table(dataset))


def test_key_figures(dataset):
    events = transform.events_table(dataset)
    numbers = transform.key_figures(events)
    us = us_events(dataset)
    assert numbers["events"] == len(us)
    meetings = us[(us["direction"] == "multilateral") & us["event_type"].isin(["summit", "ministerial_meeting"])]
    assert numbers["c5_plus_1_meetings"] == len(meetings)
    assert numbers["us_visits_to_region"] == (us["direction"] == "partner_to_region").sum()
    assert numbers["latest"] == us["start_date"].max()
    assert transform.key_figures(events.iloc[0:0])["latest"] is None


def test_investments_table_keeps_one_measure_and_never_sums(dataset):
    inv = dataset.investments
    for measure in transform.measures_in(inv):
        rows = transform.investments_table(dataset, ["KAZ"], measure)
        expected = inv[(inv["measure"] == measure) & (inv["recipient_iso3"] == "KAZ")]
        assert set(rows["measure"]) <= {measure}
        assert sorted(rows["investment_id"]) == sorted(expected["investment_id"])
        assert sorted(rows["value_usd"]) == sorted(expected["value_usd"])
    seed = inv.set_index("investment_id").loc["usa-kaz-cumulative-tokayev-2023-02-28"]
    assert (
        transform.investments_table(dataset, ["KAZ"], seed["measure"])
        .query("investment_id == 'usa-kaz-cumulative-tokayev-2023-02-28'")["value_text"]
        .item()
        == "more than $62 billion"
    )


def test_search_rows_is_case_insensitive_and_literal():
    frame = pd.DataFrame({"a": ["Samarkand", "Astana"], "b": ["x", "Nur-Sultan (2019–2022)"]})
    assert list(search.search_rows(frame, "samark")["a"]) == ["Samarkand"]
    assert list(search.search_rows(frame, "nur-sultan")["a"]) == ["Astana"]
    assert search.search_rows(frame, "(").shape[0] == 1
    assert search.search_rows(frame, "  ").shape[0] == 2


def test_with_source_links_gives_one_url_column_per_cited_source(dataset):
    events = transform.with_source_links(dataset.events, dataset.sources)
    urls = dict(zip(dataset.sources["source_id"], dataset.sources["url"]))
    row = events[events["event_id"] == "c5-2015-11-01-samarkand"].iloc[0]
    cited = [s.strip() for s in row["source_ids"].split(";")]
    assert [row[f"source_link_{i + 1}"] for i in range(len(cited))] == [urls[s] for s in cited]


def test_period_text():
    dates = pd.Series(pd.to_datetime(["2015-11-01", "2023-02-28"]))
    assert transform.period_text(dates) == "2015–2023"
    assert transform.period_text(dates.iloc[:1]) == "2015"
    assert transform.period_text(dates.iloc[0:0]) == "no dates"


def test_capitals_of_the_five(dataset):
    frame = transform.capitals(dataset).set_index("iso3")
    assert sorted(frame.index) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert frame.loc["KAZ", "name"] == "Astana"
    assert frame["lat"].between(35, 52).all()


def test_table_summary_counts_rows_and_primary_sources(dataset):
    summary = transform.table_summary(dataset).set_index("table")
    assert summary.loc["events.csv", "rows"] == len(dataset.events)
    first, last = dataset.events["start_date"].min().year, dataset.events["start_date"].max().year
    assert summary.loc["events.csv", "period"] == f"{first}–{last}"
    primary = set(dataset.sources.loc[dataset.sources["source_kind"] == "primary", "source_id"])
    cites_primary = dataset.events["source_ids"].map(lambda v: bool(primary & {s.strip() for s in v.split(";")}))
    assert summary.loc["events.csv", "primary_share"] == round(100 * cites_primary.mean())
    assert pd.isna(summary.loc["event_countries.csv", "primary_share"])


def test_every_vocabulary_value_has_a_label():
    from c5dash import schemas

    assert set(transform.EVENT_TYPE_LABELS) == set(schemas.EVENT_TYPES)
    assert set(transform.DIRECTION_LABELS) == set(schemas.DIRECTIONS)
    assert set(transform.MEASURE_LABELS) == set(schemas.MEASURES)
    assert set(trade.TRADE_FLOW_LABELS) == set(schemas.TRADE_FLOWS)
    assert set(trade.STATISTICS_LABELS) == set(schemas.STATISTICS_OF)
    assert set(transform.QUALIFIER_LABELS) == set(schemas.VALUE_QUALIFIERS)


def test_events_table_labels_every_event(dataset):
    events = transform.events_table(dataset)
    assert events["event_type_label"].notna().all()
    assert events["direction_label"].notna().all()


@pytest.mark.parametrize(
    "qualifier, value, text",
    [
        ("more_than", 62e9, "more than $62 billion"),
        ("exact", 27.28e9, "$27.28 billion"),
        ("exact", 1.518e9, "$1.518 billion"),
        ("about", 712.8e6, "about $712.8 million"),
        ("up_to", 38.7e6, "up to $38.7 million"),
    ],
)
def test_money_text_keeps_the_stated_precision(qualifier, value, text):
    assert transform.money_text(qualifier, value) == text


@pytest.mark.parametrize(
    "query, place_or_country",
    [
        ("Nur-Sultan", "astana"),
        ("nur sultan", "astana"),
        ("Alma-Ata", "almaty"),
        ("Kirghizia", "KGZ"),
        ("Ashkhabad", "ashgabat"),
    ],
)
def test_search_events_knows_former_and_other_names(dataset, query, place_or_country):
    events = transform.events_table(dataset)
    found = search.search_events(dataset, events, query)
    assert len(found) > 0
    assert all(place_or_country in (row.place_id, *row.countries) for row in found.itertuples())


def test_search_events_finds_people_by_other_spellings(dataset):
    events = transform.events_table(dataset)
    found = search.search_events(dataset, events, "Rakhmonov")
    rahmon = set(dataset.event_people.loc[dataset.event_people["person"] == "Emomali Rahmon", "event_id"])
    assert set(found["event_id"]) == rahmon & set(events["event_id"])


def test_search_events_blank_returns_everything(dataset):
    events = transform.events_table(dataset)
    assert len(search.search_events(dataset, events, "  ")) == len(events)


@pytest.mark.parametrize(
    "query, place_or_country",
    [
        ("Toshkent", "tashkent"),
        ("Ташкент", "tashkent"),
        ("Астана", "astana"),
        ("Алматы", "almaty"),
        ("Бишкек", "bishkek"),
        ("Душанбе", "dushanbe"),
        ("Ашхабад", "ashgabat"),
        ("Ashgabat", "ashgabat"),
        ("Aşgabat", "ashgabat"),
        ("Казахстан", "KAZ"),
        ("Узбекистан", "UZB"),
        ("O'zbekiston", "UZB"),
    ],
)
def test_search_events_knows_latin_and_cyrillic_forms(dataset, query, place_or_country):
    events = transform.events_table(dataset)
    found = search.search_events(dataset, events, query)
    column = "countries" if place_or_country.isupper() else "place_id"
    expected = events[events[column].map(lambda v: place_or_country in (v if isinstance(v, list) else [v]))]
    assert set(expected["event_id"]) <= set(found["event_id"])
    # Any other match names the place in its own words (e.g. a flight from Ashgabat to New York).
    name = place_or_country if column == "countries" else place_or_country.capitalize()
    others = events[events["event_id"].isin(set(found["event_id"]) - set(expected["event_id"]))]
    assert all(name in f"{row.title} {row.summary}" for row in others.itertuples())


def test_search_events_ands_its_words_and_reads_a_year(dataset):
    events = transform.events_table(dataset)
    found = search.search_events(dataset, events, "Tashkent 2023")
    tashkent_2023 = events[(events["place_id"] == "tashkent") & (events["start_date"].dt.year == 2023)]
    assert len(tashkent_2023) >= 2
    assert set(found["event_id"]) == set(tashkent_2023["event_id"])
    assert set(search.search_events(dataset, events, "Blinken Tashkent")["event_id"]) == {
        "us-2023-02-28-blinken-uzbekistan"
    }


def test_an_empty_timeline_keeps_the_filters_period_in_its_title(dataset):
    page = views.timeline(dataset, [], (2015, 2023), [], [], "any", "zzzz-no-such-thing")
    assert page.events.empty
    assert "no dates" not in page.figure.layout.title.text
    assert "2015–2023" in page.figure.layout.title.text
