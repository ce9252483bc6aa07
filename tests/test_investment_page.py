"""The Investment page's parts: which figures join into a line over time and which stay bars, the partners'
colours, the board of announced deals with its sector choice in the URL, and the stated totals beside it."""

from __future__ import annotations

import pandas as pd
from test_app import figure, run

from c5dash import investment, ui, views
from c5dash.figures.common import COUNTRY_COLORS

ALL_YEARS = (1991, 2026)


def figures_of(*rows: tuple[str, str, str, str, str, str | None]) -> pd.DataFrame:
    """Figures as (measure, investor, recipient, period_end, reporter, period_start)."""
    frame = pd.DataFrame(
        rows, columns=["measure", "investor_iso3", "recipient_iso3", "period_end", "reporter", "period_start"]
    )
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["investment_id"] = [f"row-{i}" for i in range(len(frame))]
    frame["investor"] = frame["investor_iso3"]
    frame["recipient"] = frame["recipient_iso3"]
    return frame


def test_three_dated_figures_of_one_measure_and_pair_are_a_line_and_two_are_bars():
    rows = figures_of(
        ("fdi_stock", "USA", "KAZ", "2019-01-01", "State", None),
        ("fdi_stock", "USA", "KAZ", "2018-01-01", "State", None),
        ("fdi_stock", "USA", "KAZ", "2021-07-01", "Bank", None),
        ("fdi_stock", "CHN", "KAZ", "2018-01-01", "Bank", None),
        ("fdi_stock", "CHN", "KAZ", "2021-07-01", "Bank", None),
    )
    lines, bars = investment.split_lines(rows)
    assert list(lines["investor_iso3"]) == ["USA"] * 3
    assert list(lines["period_end"].dt.year) == [2018, 2019, 2021]  # joined in date order
    assert list(bars["investor_iso3"]) == ["CHN", "CHN"]


def test_figures_of_different_measures_or_pairs_are_never_joined():
    rows = figures_of(
        ("fdi_stock", "USA", "KAZ", "2018-01-01", "State", None),
        ("fdi_stock", "USA", "KAZ", "2019-01-01", "State", None),
        ("fdi_inflow_gross_year", "USA", "KAZ", "2020-12-31", "State", None),
        ("fdi_stock", "USA", "UZB", "2020-01-01", "State", None),
        ("fdi_stock", "CHN", "KAZ", "2021-01-01", "State", None),
    )
    lines, bars = investment.split_lines(rows)
    assert lines.empty and len(bars) == 5


def test_sums_from_different_starts_and_announcements_are_never_joined():
    rows = figures_of(
        ("cumulative_investment", "USA", "KAZ", "2013-12-31", "State", "2005-01-01"),
        ("cumulative_investment", "USA", "KAZ", "2023-02-28", "Blinken", "1991-01-01"),
        ("cumulative_investment", "USA", "KAZ", "2025-09-22", "Tokayev", None),
        *[("announced_commitment", "USA", "KAZ", f"20{y}-01-01", "State", None) for y in (18, 22, 25)],
    )
    lines, bars = investment.split_lines(rows)
    assert lines.empty and len(bars) == 6


def test_two_reporters_on_one_date_are_both_points_and_the_summary_says_so():
    rows = figures_of(
        ("fdi_stock", "USA", "KAZ", "2018-01-01", "State", None),
        ("fdi_stock", "USA", "KAZ", "2021-07-01", "Bank", None),
        ("fdi_stock", "USA", "KAZ", "2021-07-01", "State", None),
        ("fdi_stock", "USA", "KAZ", "2022-01-01", "State", None),
    )
    rows["value_usd"], rows["value_text"] = 1e9, "$1 billion"
    rows["period_text"] = rows["period_end"].dt.strftime("at %Y-%m-%d")
    lines, bars = investment.split_lines(rows)
    assert len(lines) == 4 and bars.empty
    assert list(lines["same_date"]) == ["", "State", "Bank", ""]
    assert "On 2021-07-01 2 reporters give figures (Bank; State): each is a point." in investment.line_summary(lines)


def test_the_stock_of_us_investment_in_kazakhstan_draws_as_a_line_in_the_partners_colour(dataset):
    page = views.investment_view(dataset, [], ALL_YEARS, "fdi_stock")
    stocks = dataset.investments[
        (dataset.investments["measure"] == "fdi_stock") & (dataset.investments["investor_iso3"] == "USA")
    ]
    (line,) = page.line_figure.data
    assert line.mode == "lines+markers" and len(line.x) == len(stocks) >= 3
    assert list(line.x) == sorted(stocks["period_end"])
    partners = dict(zip(dataset.partners["partner"], dataset.partners["colour"]))
    assert line.line.color == partners["USA"]
    assert {c[2] for c in line.customdata} == set(stocks["reporter"])  # each point's reporter on hover
    assert all(c[3] for c in line.customdata)  # and its sources
    bars = {t.name: t.marker.color for t in page.bar_figure.data}
    assert bars["China"] == partners["CHN"] and bars["Netherlands"] == investment.NEUTRAL_GREY
    assert set(page.bars["investor_iso3"]) == {"CHN", "RUS", "NLD"}
    assert "United States → Kazakhstan" in page.line_summary and "joined in date order" in page.line_summary


def test_a_country_of_the_five_investing_keeps_its_own_colour(dataset):
    codes = pd.Series(["UZB", "USA", "NLD"])
    colours = investment.colours(dataset, codes)
    assert colours["UZB"] == COUNTRY_COLORS["UZB"] and colours["NLD"] == investment.NEUTRAL_GREY


def test_the_board_holds_every_deal_and_the_totals_beside_it_none_of_them_summed(dataset):
    deals = views.deals_view(dataset, [], ALL_YEARS, investment.ALL_SECTORS)
    measures = dataset.investments["measure"]
    assert len(deals.board) == (measures == "announced_commitment").sum()
    assert len(deals.totals) == measures.isin(investment.STATED_TOTALS).sum()
    assert set(deals.board["measure"]) == {"announced_commitment"}
    uzb = views.deals_view(dataset, ["UZB"], ALL_YEARS, investment.ALL_SECTORS)
    assert "investment_pledge" in set(uzb.totals["measure"])  # Uzbekistan's pledge to invest in the U.S.


def test_the_sector_in_the_url_filters_the_board_and_a_bad_one_gets_a_notice(dataset):
    deals = dataset.investments[dataset.investments["sector"] == "aircraft"]
    assert len(deals) >= 2 and len(deals) < (dataset.investments["measure"] == "announced_commitment").sum()
    at = run("pages/2_Investment.py", sector="aircraft")
    assert not at.exception and not at.warning
    assert at.selectbox(key="investment_sector").value == "aircraft"
    board = [m.value for m in at.markdown if m.value.startswith("- **")]
    shown = "\n".join(board)
    assert shown.count("Aircraft") == len(deals)  # the aircraft deals only, each once
    paid = deals.dropna(subset=["payer_iso3"])
    assert shown.count("paid by") >= len(paid) > 0
    event = deals["event_id"].dropna().iloc[0]
    assert f"?sector=aircraft&event={event}" in shown  # a deal's title opens its event's card
    assert at.query_params["sector"] == "aircraft"

    bad = run("pages/2_Investment.py", sector="<b>ships</b>")
    assert not bad.exception
    (notice,) = bad.warning
    assert "`sector`" in notice.value and "<b>" not in notice.value
    assert bad.selectbox(key="investment_sector").value == investment.ALL_SECTORS
    assert "sector" not in bad.query_params  # the default keeps the link clean


def test_a_deals_event_opens_its_card_on_the_investment_page(dataset):
    at = run("pages/2_Investment.py", event="c5-2025-11-06-washington")
    assert not at.exception
    title = dataset.events.set_index("event_id").at["c5-2025-11-06-washington", "title"]
    assert at.button(key="close-investment-deals")
    assert any(s.value == ui.plain(title) for s in at.subheader)


def test_the_page_draws_a_line_and_bars_for_a_measure_with_a_series():
    at = run("pages/2_Investment.py", measure="fdi_stock")
    assert not at.exception
    line, bars = figure(at, 0), figure(at, 1)
    assert line["data"][0]["mode"] == "lines+markers"
    assert {t["type"] for t in bars["data"]} == {"bar"}


def test_each_deal_on_the_board_says_what_it_is(dataset):
    deals = dataset.investments[dataset.investments["measure"] == "announced_commitment"]
    air_astana = deals.set_index("investment_id").at["usa-kaz-2025-11-boeing", "notes"]
    assert investment.what_of(air_astana) == "Boeing 787-9 aircraft for Air Astana"
    assert all(0 < len(investment.what_of(n)) <= 91 for n in deals["notes"])
    assert investment.what_of(None) == ""
    assert investment.what_of("x" * 200) == "x" * 89 + "…"  # a word longer than the room is cut too
    at = run("pages/2_Investment.py", country="KAZ")
    board = "\n".join(m.value for m in at.markdown if m.value.startswith("- **"))
    assert ui.plain("Boeing 787-9 aircraft for Air Astana") in board  # as Markdown, escaped
