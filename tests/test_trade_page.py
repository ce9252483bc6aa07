"""The Trade page's parts: the official series as lines, the derived measures labelled, the statements as
points with their gap from the series, and partners with and without a series."""

from __future__ import annotations

import dataclasses

import pandas as pd

from c5dash import figures, trade, transform, views

ALL_YEARS = (1991, 2026)


def lines_of(fig) -> list:
    return [t for t in fig.data if t.mode.startswith("lines")]


def points_of(fig) -> list:
    return [t for t in fig.data if t.mode == "markers"]


def test_each_country_and_flow_of_the_series_is_one_line_of_every_year(dataset):
    page = views.trade_page(dataset, [], ALL_YEARS)
    series = dataset.trade_series
    lines = lines_of(page.figure)
    assert len(lines) == series.groupby(["country_iso3", "flow"]).ngroups == 10
    panels = [a.text for a in page.figure.layout.annotations]
    names = transform.country_names(dataset)
    for line in lines:
        country = next(code for code, name in names.items() if line.hovertemplate.startswith(f"<b>{name}</b>"))
        flow = "exports" if line.name.startswith("Exports") else "imports"
        rows = series[(series["country_iso3"] == country) & (series["flow"] == flow)].sort_values("year")
        assert list(line.x) == list(rows["year"])
        assert list(line.y) == list(rows["value_usd"] / 1e9)
        assert line.yaxis == "y" + figures._axis_suffix(panels.index(names[country]))  # its own panel
    # Whose side: the Central Asian country's exports are what the U.S. records as its imports.
    exports = next(line for line in lines if line.name.startswith("Exports to the United States"))
    kaz = next(line for line in lines if line.name == exports.name and line.hovertemplate.startswith("<b>Kazakhstan"))
    assert "U.S. Census Bureau, the partner's statistics: its imports from Kazakhstan" in kaz.hovertemplate


def test_derived_measures_are_labelled_derived_and_computed_from_the_same_years(dataset):
    for measure, combine in (("turnover", lambda e, i: e + i), ("balance", lambda e, i: e - i)):
        page = views.trade_page(dataset, ["KAZ"], ALL_YEARS, "USA", measure)
        (line,) = lines_of(page.figure)
        assert "derived" in line.name and "derived" in line.hovertemplate
        kaz = dataset.trade_series[dataset.trade_series["country_iso3"] == "KAZ"]
        flows = kaz.pivot_table(index="year", columns="flow", values="value_usd")
        assert list(line.y) == list(combine(flows["exports"], flows["imports"]) / 1e9)
        drawn = page.rows[page.rows["kind"] != "statement"]
        assert set(drawn["kind"]) == {"derived from the official series"} and set(drawn["flow"]) == {measure}
        assert drawn["flow_label"].str.contains("derived").all()
    stored = views.trade_page(dataset, ["KAZ"], ALL_YEARS).rows
    assert set(stored.loc[stored["kind"] != "statement", "kind"]) == {"official series"}  # never mixed


def test_statements_are_points_by_their_reporter_with_their_gap_from_the_series(dataset):
    page = views.trade_page(dataset, ["KAZ"], ALL_YEARS)
    points = points_of(page.figure)
    stated = dataset.trade[
        (dataset.trade["country_iso3"] == "KAZ")
        & (dataset.trade["partner_iso3"] == "USA")
        & dataset.trade["flow"].isin(["exports", "imports"])
    ]
    assert sorted(y for t in points for y in t.y) == sorted(stated["value_usd"] / 1e9)
    assert all(" stated by " in t.name and "Stated by %{customdata[1]}" in t.hovertemplate for t in points)
    rows = page.rows.set_index("row_id")
    series = dataset.trade_series.set_index(["country_iso3", "year", "flow"])["value_usd"]
    for trade_id, row in stated.set_index("trade_id").iterrows():
        census = series[("KAZ", row["year"], row["flow"])]
        assert rows.at[trade_id, "difference_usd"] == row["value_usd"] - census
        where = "above" if row["value_usd"] > census else "below"
        assert (
            f"{where} the U.S. Census Bureau's {transform.money_text('exact', census)}"
            in (rows.at[trade_id, "difference_text"])
        )
    hovers = [c[3] for t in points for c in t.customdata]
    assert sum("the U.S. Census Bureau's" in h for h in hovers) == len(stated)  # the gap, in the hover too


def test_a_partner_without_a_series_draws_points_only_and_says_so(dataset):
    page = views.trade_page(dataset, [], ALL_YEARS, "CHN", "turnover")
    assert not lines_of(page.figure) and points_of(page.figure)
    assert not page.summary and "No series of trade with China in the data" in page.caption
    assert set(page.rows["kind"]) == {"statement"}


def test_a_country_without_a_series_gets_points_and_the_others_lines(dataset):
    series = dataset.trade_series
    without_kaz = dataclasses.replace(dataset, trade_series=series[series["country_iso3"] != "KAZ"])
    page = views.trade_page(without_kaz, [], ALL_YEARS, "USA", "turnover")
    panels = [a.text for a in page.figure.layout.annotations]
    kaz_axis = "y" + figures._axis_suffix(panels.index("Kazakhstan"))
    assert not [t for t in lines_of(page.figure) if t.yaxis == kaz_axis]
    assert [t for t in points_of(page.figure) if t.yaxis == kaz_axis]
    assert len(lines_of(page.figure)) == 4
    assert "Kazakhstan" not in page.summary and "Uzbekistan" in page.summary


def test_comparing_partners_colours_each_partner_and_lines_only_where_a_series_is(dataset):
    page = views.trade_page(dataset, [], ALL_YEARS, trade.ALL_PARTNERS, "turnover")
    colours = {}
    for t in page.figure.data:
        colours.setdefault(t.name.split(":")[0], set()).add(
            t.line.color if t.mode.startswith("lines") else t.marker.color
        )
    assert all(len(c) == 1 for c in colours.values()) and len({c for cs in colours.values() for c in cs}) == len(
        colours
    )
    assert {t.name.split(":")[0] for t in lines_of(page.figure)} == {"United States"}
    assert "points only" in page.caption


def test_the_summary_is_written_from_the_data(dataset):
    series = dataset.trade_series
    kaz = series[series["country_iso3"] == "KAZ"].groupby("year")["value_usd"].sum()
    text = trade.series_summary(dataset, ["KAZ"], (2000, 2015), "USA", "flows")
    peak = kaz.loc[2000:2015]
    assert f"peaked at {transform.money_text('exact', peak.max())} in {peak.idxmax()}" in text
    assert f"in 2015 it was {transform.money_text('exact', kaz[2015])}" in text


def test_chart_rows_keep_sources_vintage_and_kind(dataset):
    rows = views.trade_page(dataset, [], ALL_YEARS).rows
    series = rows[rows["kind"] == "official series"]
    assert len(series) == len(dataset.trade_series)
    assert series["vintage"].notna().all() and series["source_ids"].str.startswith("census-trade-").all()
    assert rows.loc[rows["kind"] == "statement", "vintage"].isna().all()


def test_an_empty_choice_says_so(dataset):
    page = views.trade_page(dataset, [], (1991, 1991))
    assert not page.figure.data and "No series or stated figures" in page.figure.layout.annotations[0].text
    assert isinstance(page.rows, pd.DataFrame) and page.rows.empty
