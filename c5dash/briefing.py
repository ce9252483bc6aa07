"""The one-page country briefing: key facts, the map, the timeline and chosen figures, as one figure
that `exports.image(fig, "pdf")` renders; and the choice of those facts and figures. Pure; no Streamlit."""

from __future__ import annotations

import math
from html import escape

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from c5dash import figures as charts
from c5dash.footer import wrapped
from c5dash.trade import TRADE_FLOW_LABELS
from c5dash.transform import MEASURE_LABELS, span

BRIEFING_SIZE = (1240, 1754)  # pixels at A4 proportions: one page
MARGIN = {"l": 50, "r": 50, "t": 300, "b": 90}
ROW_HEIGHTS = (0.32, 0.26, 0.42)  # map, timeline, table: fractions of the plot's height
SPACING = 0.08  # between them, room for the timeline's dates and legend
PLOT = (BRIEFING_SIZE[0] - MARGIN["l"] - MARGIN["r"], BRIEFING_SIZE[1] - MARGIN["t"] - MARGIN["b"])


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _map_width(height: float) -> float:
    """Width in pixels of the map's view (`MAP_LON_RANGE` × `MAP_LAT_RANGE`, Mercator) `height` px high."""
    lon = math.radians(charts.MAP_LON_RANGE[1] - charts.MAP_LON_RANGE[0])
    lat = _mercator(charts.MAP_LAT_RANGE[1]) - _mercator(charts.MAP_LAT_RANGE[0])
    return height * lon / lat


def briefing_figure(
    shapes: gpd.GeoDataFrame,
    values: pd.DataFrame,
    events: pd.DataFrame,
    figures_rows: pd.DataFrame,
    facts: list[str],
    title: str,
    cite: str,
    source: str = "",
) -> go.Figure:
    """A one-page country briefing as a single figure: key facts, a map with its colour bar beside it,
    the timeline with a legend of its markers, the chosen figures, and a footer with `source` and `cite`.

    `values` are the map's values (iso3, value, detail); `figures_rows` has columns What, Value, Period,
    Reported by (`briefing_parts`). Rendered to PDF by `image(fig, "pdf")` at `BRIEFING_SIZE`.
    """
    from plotly.subplots import make_subplots

    fig = make_subplots(
        rows=3,
        cols=1,
        specs=[[{"type": "geo"}], [{"type": "xy"}], [{"type": "table"}]],
        row_heights=list(ROW_HEIGHTS),
        vertical_spacing=SPACING,
        subplot_titles=("Events it took part in", "Visits and meetings over time", "Investment and trade figures"),
    )
    _add_map(fig, charts.region_map(shapes, values, "Events", ""))
    _add_timeline(fig, charts.timeline(events, ""))
    fig.add_trace(
        go.Table(
            header={"values": list(figures_rows.columns), "fill_color": "#e8f1fa", "align": "left"},
            # White cells with dark text: Streamlit's plotly template, the default on the server, fills them navy.
            cells={
                "values": [figures_rows[c].astype(str).tolist() for c in figures_rows.columns],
                "align": "left",
                "fill_color": "white",
                "font": {"color": "#222222"},
                "line": {"color": "#cccccc"},
                "height": 30,
            },
            columnwidth=[4, 2, 2, 3],
        ),
        row=3,
        col=1,
    )
    footer = wrapped(tuple(line for line in (source, cite, charts.ATTRIBUTION) if line), PLOT[0], 10)
    fig.update_layout(
        title={"text": title, "x": 0.02, "y": 0.99, "yanchor": "top", "font": {"size": 26}},
        font={"family": charts.FONT, "size": 12, "color": "#222222"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        width=BRIEFING_SIZE[0],
        height=BRIEFING_SIZE[1],
        margin=MARGIN,
        annotations=[
            *fig.layout.annotations,
            {
                "text": "<br>".join(escape(f, quote=False) for f in wrapped(tuple(facts), PLOT[0], 14)),
                "x": 0,
                "y": 1.13,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "showarrow": False,
                "font": {"size": 14},
            },
            {
                "text": "<br>".join(escape(line, quote=False) for line in footer),
                "x": 0,
                "y": 0,
                "yshift": -20,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "showarrow": False,
                "font": {"size": 10, "color": "#444444"},
            },
        ],
    )
    return fig


def _add_map(fig: go.Figure, region: go.Figure) -> None:
    """The map's traces in the first row, centred, as wide as its view at the row's height, and its
    colour bar just right of it, as tall as most of the map."""
    for trace in region.data:
        fig.add_trace(trace.update(showlegend=False), row=1, col=1)
    bottom, top = fig.layout.geo.domain.y
    width = 0.97 * _map_width((top - bottom) * PLOT[1]) / PLOT[0]
    left, right = 0.5 - width / 2, 0.5 + width / 2
    fig.update_geos(region.layout.geo.to_plotly_json())  # the map's own view, water and frame
    fig.update_geos(domain={"x": [left, right], "y": [bottom, top]})
    fig.update_traces(
        colorbar={"orientation": "v", "x": right + 0.01, "xanchor": "left", "y": (bottom + top) / 2}
        | {"yanchor": "middle", "len": 0.8 * (top - bottom), "lenmode": "fraction", "thickness": 14}
        | {"title": {"side": "top"}},
        selector={"type": "choropleth"},
    )


def _add_timeline(fig: go.Figure, timeline: go.Figure) -> None:
    """The timeline's traces in the second row, its rows named, and a compact legend of its markers
    under its dates."""
    for trace in timeline.data:
        fig.add_trace(trace.update(showlegend=True, legendgroup=None), row=2, col=1)
    rows = timeline.layout.yaxis  # the rows are numbered; their names are the tick labels
    fig.update_yaxes(
        tickvals=rows.tickvals,
        ticktext=rows.ticktext,
        range=rows.range,
        showgrid=False,
        zeroline=False,
        automargin=True,
        row=2,
        col=1,
    )
    fig.update_xaxes(gridcolor="#eeeeee", row=2, col=1)
    bottom = fig.layout.yaxis.domain[0]
    fig.update_layout(
        showlegend=True,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": bottom - 28 / PLOT[1],
            "yanchor": "top",
            "font": {"size": 11},
            "title": {"text": "Colour: type of event. Size: level of the most senior official.", "side": "top"},
            "itemsizing": "constant",
        },
    )


BRIEFING_ROWS = 10  # as many as the page shows whole, each on up to two lines
BRIEFING_DEALS = 2  # announced deals are many (seven from one fact sheet): at most this many, latest first


def briefing_parts(
    numbers: dict[str, object],
    holders: list[tuple[str, str]],
    inv: pd.DataFrame,
    trade: pd.DataFrame,
    years: tuple[int, int],
) -> tuple[list[str], pd.DataFrame]:
    """The key facts of a country briefing, and a table of its figures that inform, from its
    `profile_figures`, `holder_lines`, `investments_table` and `trade_table` within `years`.

    The table holds, up to `BRIEFING_ROWS`, in this order of precedence: the latest trade turnover with
    the United States (as each side's statistics give it), the latest figure of each investment measure
    (the U.S. one when there is one), at most `BRIEFING_DEALS` announced deals from different sources,
    and the latest turnover with each other partner. Each row names its measure; none is added up.
    """
    last = numbers["last_us_visit"]
    period = span(*years)
    facts = [
        *(f"{label}: {text}" for label, text in holders),
        f"{period}: {numbers['us_visits']} U.S. visits, {numbers['visits_to_us']} visits to the U.S., "
        f"{numbers['c5_meetings']} C5+1 meetings ({numbers['c5_hosted']} hosted)",
        f"Last U.S. visit: {last['title']}, {last['end_date']:%Y-%m-%d}"
        if last is not None
        else "Last U.S. visit: none in the period",
    ]
    investments = [_investment_row(row) for _, row in _chosen_investments(inv).iterrows()]
    trades = [_trade_row(row) for _, row in _chosen_trade(trade).iterrows()]
    us_trade = [row for row in trades if row["us"]]
    others = [row for row in trades if not row["us"]]
    kept = {id(row) for row in (us_trade + investments + others)[:BRIEFING_ROWS]}  # by precedence
    shown = [row for row in investments + us_trade + others if id(row) in kept]  # in reading order
    rows = pd.DataFrame(shown, columns=["What", "Value", "Period", "Reported by", "us"]).drop(columns="us")
    total = len(inv) + len(trade)
    if total > len(rows):
        facts.append(
            f"Below, {len(rows)} of its {total} investment and trade figures: the latest of each measure and of "
            f"trade with each partner, at most {BRIEFING_DEALS} announced deals. Measures differ: never add "
            "them up. All are on the dashboard."
        )
    return facts, rows


def _chosen_investments(inv: pd.DataFrame) -> pd.DataFrame:
    """The latest figure of each measure but announced deals (a U.S. one first), then the latest deals."""
    latest = inv.assign(us=inv["investor_iso3"].eq("USA")).sort_values(
        ["us", "period_end"], ascending=False, kind="stable"
    )
    deal = latest["measure"].eq("announced_commitment")
    measures = latest[~deal].drop_duplicates("measure")
    order = {measure: i for i, measure in enumerate(MEASURE_LABELS)}
    measures = measures.sort_values("measure", key=lambda m: m.map(order), kind="stable")
    deals = latest[deal].sort_values("period_end", ascending=False, kind="stable").drop_duplicates("source_ids")
    return pd.concat([measures, deals.head(BRIEFING_DEALS)])


def _chosen_trade(trade: pd.DataFrame) -> pd.DataFrame:
    """Per partner (the United States first), its latest turnover (or other flow when it has none) as
    each side's statistics give it for the United States, one figure for any other partner."""
    chosen = []
    partners = sorted(set(trade["partner_iso3"]), key=lambda code: (code != "USA", code))
    for partner in partners:
        rows = trade[trade["partner_iso3"] == partner]
        if rows["flow"].eq("turnover").any():
            rows = rows[rows["flow"] == "turnover"]
        latest = rows[rows["year"] == rows["year"].max()]
        chosen.append(latest.drop_duplicates("statistics_of") if partner == "USA" else latest.head(1))
    rows = pd.concat(chosen) if chosen else trade
    us = rows["partner_iso3"].eq("USA")
    return pd.concat([rows[us], rows[~us].sort_values("year", ascending=False, kind="stable")])


def _investment_row(row: pd.Series) -> dict[str, object]:
    return {
        "What": f"{row['measure_label']}: {row['parties']}",
        "Value": row["value_text"],
        "Period": row["period_text"],
        "Reported by": row["reporter"],
        "us": False,
    }


def _trade_row(row: pd.Series) -> dict[str, object]:
    return {
        "What": f"{TRADE_FLOW_LABELS[row['flow']]} with {row['partner']} ({row['statistics_label']})",
        "Value": row["value_text"],
        "Period": str(row["year"]),
        "Reported by": row["reporter"],
        "us": row["partner_iso3"] == "USA",
    }
