"""Trade in goods: a panel per Central Asian country, the official series as lines, statements as points."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from c5dash.figures.common import _axis_suffix, _layout, empty_figure

STATISTICS_SYMBOLS = {"country": "circle", "partner": "diamond-open", "not_stated": "x"}
# On the trade chart each Central Asian country has its own panel; comparing partners, colours stand for
# them, and the United States keeps its colour from every other chart. A partner new to the data needs a colour
# here (a test checks).
OTHER_PARTNER = "#777777"  # a partner without a colour of its own
TRADE_PANEL_HEIGHT = 210
# Years labelled on a panel's axis: one in `step` for a span of up to `years` years, at most six labels,
# which stay level and apart on a phone (about 280 px of axis); a grid line marks every year.
YEAR_STEPS = ((5, 1), (10, 2), (25, 5))


def year_step(first: int, last: int) -> int:
    """Every how many years a label goes on the axis of the years `first` to `last`."""
    return next((step for years, step in YEAR_STEPS if last - first + 1 <= years), 10)


def trade_chart(
    lines: pd.DataFrame, points: pd.DataFrame, title: str, colours: dict[str, str] | None = None
) -> go.Figure:
    """A panel per Central Asian country, each with its own US$ axis: the official series as lines, one per
    series and flow; the statements as points on the same axes, never joined to anything.

    With one partner, colours are the flows (exports, imports, a derived measure); comparing partners
    (given their `colours`, partner code -> colour, in legend order), colours are the partners and imports
    are dashed. A point's shape says whose statistics
    it is; its hover names who stated it and its difference from the series of the same year and flow.
    `lines` come from `c5dash.trade.series_lines`, `points` from `statement_points`.
    """
    if lines.empty and points.empty:
        return empty_figure(title, "No series or stated figures of this measure for the filter.")
    countries = sorted(set(lines["country_iso3"]) | set(points["country_iso3"]))
    names = dict(zip(lines["country_iso3"], lines["country"])) | dict(zip(points["country_iso3"], points["country"]))
    traces, in_legend = [], set()
    order = list(colours or {})

    def add(trace: go.Scatter, country: str, rank: int) -> None:
        panel = _axis_suffix(countries.index(country))
        trace.update(
            xaxis=f"x{panel}",
            yaxis=f"y{panel}",
            legendgroup=trace.name,
            showlegend=trace.name not in in_legend,
            legendrank=rank,
            cliponaxis=False,
        )
        in_legend.add(trace.name)
        traces.append(trace)

    for (country, partner, _, flow), part in lines.groupby(["country_iso3", "partner_iso3", "series_id", "flow"]):
        add(_line(part, names[country], colours), country, _rank(order, partner, flow, 0))
    for (country, partner, flow, stats), part in points.groupby(
        ["country_iso3", "partner_iso3", "flow", "statistics_of"]
    ):
        add(
            _points(part, names[country], colours),
            country,
            _rank(order, partner, flow, 1 + list(STATISTICS_SYMBOLS).index(stats)),
        )
    height = 120 + TRADE_PANEL_HEIGHT * len(countries)
    years = pd.concat([lines["year"], points["year"]])
    first, last = int(years.min()), int(years.max())
    layout = _layout(title) | _panels([names[c] for c in countries], 70 / height, first, last)
    layout["height"] = height
    # A fixed left margin for the US$ ticks and title: letting plotly fit one per axis (automargin)
    # redraws the chart once per axis, a sixth of the time of an image export of five panels.
    layout["margin"] = layout["margin"] | {"l": 70}
    layout["legend"] = {"orientation": "h", "y": -0.08 if len(countries) > 2 else -0.15, "yanchor": "top"}
    return go.Figure(data=traces, layout=layout)


def _line(part: pd.DataFrame, country: str, colours: dict[str, str] | None) -> go.Scatter:
    """One series' flow with one partner as a line (a marker where it has a single year)."""
    first = part.iloc[0]
    flow, partner = first["flow"], first["partner"]
    words = _flow_words(flow, first["partner_called"])
    compare = colours is not None
    color = colours.get(first["partner_iso3"], OTHER_PARTNER) if compare else FLOW_COLORS[flow]
    return go.Scatter(
        name=f"{partner + ': ' if compare else ''}{words}, {first['reporter']}",
        x=part["year"],
        y=part["value_usd"] / 1e9,
        mode="lines" if len(part) > 1 else "lines+markers",
        line={"color": color, "width": 2.5, "dash": "dash" if compare and flow == "imports" else "solid"},
        customdata=list(zip(part["value_text"], part["vintage"], part["row_id"])),
        hovertemplate=(
            f"<b>{country}</b>, %{{x}}<br>{words}: %{{customdata[0]}}<br>{_series_side(flow, first)}<br>"
            "Release %{customdata[1]}, series %{customdata[2]}<extra></extra>"
        ),
    )


def _points(part: pd.DataFrame, country: str, colours: dict[str, str] | None) -> go.Scatter:
    """The statements of one flow with one partner from one side's statistics, as unjoined points."""
    first = part.iloc[0]
    flow, partner, stats = first["flow"], first["partner"], first["statistics_of"]
    compare = colours is not None
    color = colours.get(first["partner_iso3"], OTHER_PARTNER) if compare else FLOW_COLORS[flow]
    gap = part["difference_text"].fillna("").map(lambda t: f"<br>{t}" if t else "")
    return go.Scatter(
        name=f"{partner + ': ' if compare else ''}{FLOW_WORDS[flow]}, stated by {STATED_BY[stats]}",
        x=part["year"],
        y=part["value_usd"] / 1e9,
        mode="markers",
        marker={
            "size": 11,
            "color": color,
            "symbol": STATISTICS_SYMBOLS[stats],
            "line": {"width": 1.5, "color": color if stats == "partner" else "white"},
        },
        customdata=list(zip(part["value_text"], part["reporter"], part["statistics_label"], gap, part["row_id"])),
        hovertemplate=(
            f"<b>{country} – {partner}</b>, %{{x}}<br>{FLOW_WORDS[flow]}: %{{customdata[0]}}<br>"
            "Stated by %{customdata[1]} (%{customdata[2]})%{customdata[3]}<br>Row %{customdata[4]}<extra></extra>"
        ),
    )


# One colour per flow when the chart shows one partner (Okabe–Ito).
FLOW_COLORS = {"exports": "#0072B2", "imports": "#E69F00", "turnover": "#009E73", "balance": "#CC79A7"}
FLOW_WORDS = {"exports": "Exports", "imports": "Imports", "turnover": "Turnover", "balance": "Balance"}
STATED_BY = {
    "country": "the Central Asian side",
    "partner": "the partner's side",
    "not_stated": "a reporter (whose statistics not said)",
}


def _flow_words(flow: str, partner: str) -> str:
    """How a series' flow reads in the legend, from the Central Asian country's side."""
    return {
        "exports": f"Exports to {partner}",
        "imports": f"Imports from {partner}",
        "turnover": "Turnover, derived (exports + imports)",
        "balance": "Balance, derived (exports − imports)",
    }[flow]


def _series_side(flow: str, row: pd.Series) -> str:
    """Whose statistics a series is, in its hover: a partner's imports are the country's exports."""
    if row["statistics_of"] != "partner" or flow not in ("exports", "imports"):
        return f"From the {row['reporter']}'s series" + (", derived" if row["derived"] else "")
    mirror = "imports from" if flow == "exports" else "exports to"
    return f"{row['reporter']}, the partner's statistics: its {mirror} {row['country']}"


def _rank(partners: list[str], partner: str, flow: str, kind: int) -> int:
    """Legend order: `partners` in their order; the series (`kind` 0) before the statements (by whose
    statistics), each by flow."""
    at = partners.index(partner) if partner in partners else len(partners)
    return 1000 * at + 100 * kind + list(FLOW_COLORS).index(flow)


def _panels(titles: list[str], gap: float, first: int, last: int) -> dict:
    """Layout of panels stacked one above the other, sharing the years `first` to `last` (labelled on
    round years, every `year_step`, never tilted; half a year of room each side of a short span, so a
    line's ends and points are not on the axes), each titled and with its own US$ axis (ticks up to
    three digits: the left margin is fixed); `gap` is the fraction of the height between two panels
    (room for the lower one's title)."""
    share = (1 - gap * (len(titles) - 1)) / len(titles)
    step = year_step(first, last)
    pad = 0.5 if last - first < 10 else 0
    layout: dict = {"annotations": []}
    for index, title in enumerate(titles):
        suffix, top = _axis_suffix(index), 1 - index * (share + gap)
        layout[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}",
            "matches": "x" if index else None,
            # the first label on a multiple of the step (2000, 2010…), clear of the US$ axis's 0
            "tick0": first if step == 1 else -(-first // step) * step,
            "dtick": step,
            "range": [first - pad, last + pad],
            "tickangle": 0,
            "gridcolor": "#eeeeee",
            "minor": {"dtick": 1, "showgrid": True, "gridcolor": "#f4f4f4"},
        }
        layout[f"yaxis{suffix}"] = {
            "anchor": f"x{suffix}",
            "domain": [top - share, top],
            "title": {"text": "US$ billion"},
            "rangemode": "tozero",
            "gridcolor": "#eeeeee",
            "zerolinecolor": "#999999",  # a balance's sign reads against it
        }
        layout["annotations"].append(
            {
                "text": title,
                "x": 0,
                "xanchor": "left",
                "xref": "paper",
                "y": top,
                "yanchor": "bottom",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 13},
            }
        )
    return layout
