"""What each page shows, computed from the dataset and the page's choices.

Every argument but the dataset and the shapes is a plain value (strings, lists of strings, years,
a date), so the app can compute each view once per server and draw it again on every rerun
(`c5dash.ui.memo`). The results are shared: callers must not modify them. No Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from c5dash import briefing, figures, investment, meetings, metrics, profiles, search, trade, transform
from c5dash.data import Dataset
from c5dash.figures import partners as partner_figures


@dataclass(frozen=True)
class MapView:
    """The Overview's key figures and its map, with what the map's marks mean (`legend`)."""

    numbers: dict[str, object]
    values: metrics.MapValues
    figure: go.Figure
    animated: bool
    legend: str


# What the circles count, per metric: a phrase for the hover ("3 <what> here").
PLACE_WORDS = {
    "events": "event(s)",
    "us_visits": "visit(s) by U.S. officials",
    "visits_to_us": "event(s) of visits to the U.S.",
    "c5_meetings": "C5+1 meeting(s)",
    "format_meetings": "meeting(s) of the format",
    "format_hosted": "meeting(s) of the format",
    "days_since_visit": "visit(s) by U.S. officials",
}


def overview(
    ds: Dataset,
    shapes: gpd.GeoDataFrame,
    countries: list[str],
    years: tuple[int, int],
    metric: str,
    today: date,
    level: str = "any",
    measure: str = "",
    investor: str = "",
    partner: str = "",
) -> MapView:
    """The Overview for one metric, with the options it uses: the `level` of visits (counts of visits,
    days since a visit), the `measure` and `investor` (investment), the trade `partner`.

    The circles are the places of the events the metric counts (for days since a visit: of the visits
    it looks at), following the year slider; investment and trade maps have none."""
    events = transform.events_table(ds, countries, years)
    frames = place_frames = places = None
    period = transform.span(*years)
    # The trade metric's partner is a country; the format metrics' a format's partner ("all": every one).
    fmt = partner if metric in metrics.FORMAT_METRICS else transform.DEFAULT_PARTNER
    if metric in PLACE_WORDS:
        counted = metrics.counted_events(ds, countries or None, years, metric, level, fmt)
        what = PLACE_WORDS[metric] + ("" if level == "any" else f" ({metrics.LEVEL_LABELS[level].lower()})")
        places = metrics.event_places(counted, what, period)
    if metric in metrics.COUNT_METRICS:
        shown = metrics.count_values(ds, countries, years, metric, level, fmt)
        frames = metrics.yearly_count_values(ds, countries, years, metric, level, fmt)
        place_frames = metrics.yearly_places(counted, years, what)
    elif metric == "days_since_visit":
        shown = metrics.days_since_values(ds, countries, years, level, today)
    elif metric == "investment":
        shown = metrics.investment_values(ds, countries, years, measure, investor)
    else:
        shown = metrics.trade_values(ds, countries, years, partner)
    figure = figures.region_map(
        shapes,
        shown.values,
        shown.unit,
        shown.title,
        places=places,
        capitals=_capitals(ds),
        frames=frames,
        place_frames=place_frames,
    )
    if places is None:
        circles = "Stars are capitals (no circles: these figures are not events)."
    elif places.empty:
        circles = "No circles: none of these events in the period. Stars are capitals."
    else:
        circles = f"Circles are the places of the {what} counted here, sized by their number; stars are capitals."
    slider = " The slider under the map shows the counts up to each year." if frames else ""
    legend = f"{circles} Grey: no value, not chosen, or a neighbour; blue: seas and lakes.{slider}"
    return MapView(transform.key_figures(events), shown, figure, frames is not None, legend)


def _capitals(ds: Dataset, iso3: str | None = None) -> pd.DataFrame:
    """The capitals (of one country when `iso3` is given), with their country's name for the hover."""
    capitals = transform.capitals(ds)
    capitals = capitals.assign(country=capitals["iso3"].map(transform.country_names(ds)))
    return capitals if iso3 is None else capitals[capitals["iso3"] == iso3]


@dataclass(frozen=True)
class TimelineView:
    """The Timeline's events, the deals announced at them, and the chart."""

    events: pd.DataFrame
    deals: pd.DataFrame
    period: str
    figure: go.Figure
    matches_elsewhere: int = 0  # with no events shown: events of any country, year and filter the search finds
    per_month: bool = False  # too many events for a marker each: the chart counts them by month


def timeline(
    ds: Dataset,
    countries: list[str],
    years: tuple[int, int],
    types: list[str],
    levels: list[str],
    person: str,
    query: str,
    partner: str = transform.DEFAULT_PARTNER,
) -> TimelineView:
    """Held events of one `partner` ("all": every partner) of the chosen types and levels (all when empty),
    with `person` ("any": anyone), matching the search `query`."""
    partners = meetings.chosen_partners(partner)
    events = transform.events_table(ds, countries, years, partners)
    if types:
        events = events[events["event_type"].isin(types)]
    if levels:
        events = events[events["level"].isin(levels)]
    if person != "any":
        with_person = set(ds.event_people.loc[ds.event_people["person"] == person, "event_id"])
        events = events[events["event_id"].isin(with_person)]
    events = search.search_events(ds, events, query)
    deals = transform.deals_table(ds, events, countries)
    # With no events, the title keeps the filter's period (never 'no dates').
    period = transform.period_text(events["start_date"]) if len(events) else transform.span(*years)
    what = "Visits and meetings" + meetings.with_whom(ds, partner)
    per_month = figures.too_many(len(events) + len(deals))
    how = f"{len(events):,} events, counted by month" if per_month else "one marker per event"
    figure = figures.timeline(events, f"{what}, {period} ({how})", deals)
    elsewhere = 0
    if events.empty and query.strip():
        elsewhere = len(search.search_events(ds, transform.events_table(ds, partners=partners), query))
    return TimelineView(events, deals, period, figure, elsewhere, per_month)


@dataclass(frozen=True)
class InvestmentView:
    """Figures of one investment measure (`rows`): the series of three dates or more as lines, the others as
    bars, each chart None when it has no figures, with a sentence under each."""

    rows: pd.DataFrame
    lines: pd.DataFrame
    bars: pd.DataFrame
    line_figure: go.Figure | None
    bar_figure: go.Figure | None
    line_summary: str
    bar_summary: str


def investment_view(ds: Dataset, countries: list[str], years: tuple[int, int], measure: str) -> InvestmentView:
    """Investment figures of one measure whose Central Asian party is among `countries` (all when empty),
    within `years`."""
    rows = investment.by_five(ds, measure, countries, years)
    rows = rows.assign(publishers=investment.source_publishers(ds, rows))
    lines, bars = investment.split_lines(rows)
    rows = rows.assign(drawn_as=rows["investment_id"].isin(lines["investment_id"]).map({True: "line", False: "bar"}))
    colours = investment.colours(ds, rows["partner_iso3"])
    label, period = transform.MEASURE_LABELS[measure], transform.span(*years)
    line_figure = bar_figure = None
    if len(lines):
        line_figure = figures.investment_lines(lines, f"{label}: series over time, {period}, US$ billion", colours)
    if len(bars):
        what = "other figures" if len(lines) else "figures"
        bar_figure = figures.investment_bars(bars, measure, f"{label}, {what} of {period}, US$ billion", colours)
    return InvestmentView(
        rows,
        lines,
        bars,
        line_figure,
        bar_figure,
        investment.line_summary(lines),
        investment.bar_summary(bars) if len(bars) else "",
    )


@dataclass(frozen=True)
class DealsView:
    """The board of announced deals (one sector or all), the stated totals beside it, and what they hold."""

    board: pd.DataFrame
    totals: pd.DataFrame
    sectors: dict[str, int]
    summary: str


def deals_view(ds: Dataset, countries: list[str], years: tuple[int, int], sector: str) -> DealsView:
    """Deals of `countries` (all when empty) within `years`, of `sector` (`investment.ALL_SECTORS`: every one)."""
    board = investment.deals_board(ds, countries, years, sector)
    totals = investment.stated_totals(ds, countries, years)
    sectors = investment.sector_counts(ds, countries, years)
    return DealsView(board, totals, sectors, investment.board_summary(board, sector))


@dataclass(frozen=True)
class TradeView:
    """The Trade page: the series drawn as lines, the statements as points, the rows behind both (`rows`,
    with `kind`), the chart, a summary of the series and what the marks are."""

    lines: pd.DataFrame
    points: pd.DataFrame
    rows: pd.DataFrame
    figure: go.Figure
    summary: str
    caption: str


def trade_page(
    ds: Dataset, countries: list[str], years: tuple[int, int], partner: str = "USA", measure: str = "flows"
) -> TradeView:
    """Trade of `countries` (all when empty) within `years` with `partner` (`trade.ALL_PARTNERS`: every
    partner, compared), one `measure` (`trade.MEASURES`)."""
    partners = [p for p in trade.partner_choices(ds) if p != trade.ALL_PARTNERS]
    chosen = partners if partner == trade.ALL_PARTNERS else [partner]
    lines = trade.series_lines(ds, countries, years, chosen, measure)
    points = trade.statement_points(ds, countries, years, chosen, measure, lines)
    with_series = [p for p in chosen if p in set(lines["partner_iso3"])]
    summary = " ".join(trade.series_summary(ds, countries, years, p, measure) for p in with_series)
    title = trade.title_of(ds, partner, measure, years, pd.concat([lines["year"], points["year"]]))
    # Compared, each partner in its colour on every chart (partners.csv), in the order of the choices.
    colours = investment.colours(ds, pd.Series(partners)) if partner == trade.ALL_PARTNERS else None
    figure = figures.trade_chart(lines, points, title, colours)
    caption = trade.chart_caption(ds, chosen, lines, points, measure)
    return TradeView(lines, points, trade.chart_table(lines, points), figure, summary, caption)


@dataclass(frozen=True)
class ProfileView:
    """Everything a country profile shows, and the parts of its briefing."""

    numbers: dict[str, object]
    holders: list[tuple[str, str]]
    facts: list[str]
    briefing_rows: pd.DataFrame
    shown: metrics.MapValues
    events: pd.DataFrame
    deals: pd.DataFrame
    investments: pd.DataFrame
    trade: pd.DataFrame
    sources: pd.DataFrame
    map_figure: go.Figure
    timeline_figure: go.Figure
    formats: pd.DataFrame  # each C5+X format the country took part in, with its last meeting


def profile(ds: Dataset, shapes: gpd.GeoDataFrame, iso3: str, years: tuple[int, int]) -> ProfileView:
    """One of the five within `years`; its office holders are those at the end of the period (as last
    reported when the period reaches the data's last year)."""
    name = transform.country_names(ds)[iso3]
    period = transform.span(*years)
    numbers = profiles.profile_figures(ds, iso3, years)
    day = profiles.period_end_day(years, transform.year_bounds(ds)[1])
    holders = profiles.holder_lines(profiles.holders_on(ds, iso3, day), day)
    shown = metrics.count_values(ds, [iso3], years, "events")
    events = transform.events_table(ds, [iso3], years)
    deals = transform.deals_table(ds, events, [iso3])
    investments = transform.investments_table(ds, [iso3], None, years)
    trade_rows = trade.trade_table(ds, [iso3], None, years)
    facts, briefing_rows = briefing.briefing_parts(numbers, holders, investments, trade_rows, years)
    cited = pd.concat(
        [events["source_ids"], investments["source_ids"], trade_rows["source_ids"]], ignore_index=True
    ).map(lambda v: [s.strip() for s in v.split(";")])
    ids = {s for v in cited for s in v}
    map_figure = figures.region_map(
        shapes,
        shown.values,
        shown.unit,
        f"{name}: events it took part in, {period} (count)",
        places=metrics.event_places(events, "event(s) it took part in", period),
        capitals=_capitals(ds, iso3),
    )
    return ProfileView(
        numbers=numbers,
        holders=holders,
        facts=facts,
        briefing_rows=briefing_rows,
        shown=shown,
        events=events,
        deals=deals,
        investments=investments,
        trade=trade_rows,
        sources=ds.sources[ds.sources["source_id"].isin(ids)],
        map_figure=map_figure,
        timeline_figure=figures.timeline(events, f"{name}: visits and meetings, {period}", deals),
        formats=meetings.last_meetings(ds, iso3, years),
    )


def data_tables(ds: Dataset, query: str) -> dict[str, pd.DataFrame]:
    """Every table of the dataset, only the rows matching the search `query` (all when empty)."""
    return {name: search.search_rows(frame, query) for name, frame in ds.tables().items()}


@dataclass(frozen=True)
class PartnersView:
    """Every format's meetings with the five, their charts, and a line of summary under each chart."""

    meetings: pd.DataFrame
    records: pd.DataFrame
    venues: pd.DataFrame
    attendance: pd.DataFrame
    per_year: pd.DataFrame
    figures: dict[str, go.Figure]
    summaries: dict[str, str]


def partners(ds: Dataset, countries: list[str], years: tuple[int, int], chosen: list[str]) -> PartnersView:
    """The meetings of the `chosen` partners' formats (all when empty) that one of `countries` (any of the
    five when empty) took part in, within `years`; held or not, but only held ones counted."""
    period = transform.span(*years)
    labels = meetings.chart_labels(ds)
    colours = meetings.partner_colours(ds)
    order = meetings.partner_order(ds)
    rows = meetings.meetings_table(ds, countries, years, chosen)
    table = meetings.per_year(rows, years)
    table = table.reindex([p for p in order if p in table.index])
    shown = transform.span(table.columns[0], table.columns[-1]) if len(table.columns) else period
    records = meetings.records(rows, ds)
    venues = meetings.venues(rows)
    grid = meetings.attendance(ds, rows)
    names = transform.country_names(ds)
    counted = f" ({len(rows):,} meetings, counted by month)" if figures.too_many(len(rows)) else ""
    figs = {
        "timeline": partner_figures.meetings_timeline(
            rows, labels, order, f"Meetings of the five with their partners, {period}, by format{counted}"
        ),
        "per_year": partner_figures.meetings_per_year(table, labels, colours, f"Meetings held per year, {shown}"),
        "records": partner_figures.records_chart(
            records, labels, colours, f"Summits and foreign ministers' meetings held, {period}"
        ),
        "venues": partner_figures.venues_map(venues, labels, f"Where the meetings were held, {period}"),
        "attendance": partner_figures.attendance_chart(
            grid,
            labels,
            order,
            names,
            f"Who the five sent: presidents to summits, foreign ministers to ministerials, {period}",
        ),
    }
    return PartnersView(rows, records, venues, grid, table, figs, meetings.summaries(ds, rows, records, grid, period))
