"""Trade in goods: a panel per Central Asian country, a colour per partner."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from c5dash.figures.common import COUNTRY_COLORS, _axis_suffix, _layout, _offsets, empty_figure
from c5dash.transform import TRADE_FLOW_LABELS

STATISTICS_SYMBOLS = {"country": "circle", "partner": "diamond-open", "not_stated": "x"}
# On the trade chart each Central Asian country has its own panel, and colours stand for the partners;
# the United States keeps its colour from every other chart. A partner new to the data needs a colour
# here (a test checks).
PARTNER_COLORS = {
    "USA": COUNTRY_COLORS["USA"],
    "CHN": "#D55E00",
    "RUS": "#009E73",
    "TUR": "#CC79A7",
    "KOR": "#E69F00",
}
TRADE_PANEL_HEIGHT = 210
# Years labelled on a panel's axis: one in `step` for a span of up to `years` years, at most six labels,
# which stay level and apart on a phone (about 280 px of axis); a grid line marks every year.
YEAR_STEPS = ((5, 1), (10, 2), (25, 5))


def year_step(first: int, last: int) -> int:
    """Every how many years a label goes on the axis of the years `first` to `last`."""
    return next((step for years, step in YEAR_STEPS if last - first + 1 <= years), 10)


def trade_chart(rows: pd.DataFrame, flow: str, title: str) -> go.Figure:
    """One flow only, never summed: a panel per Central Asian country, each figure a marker by year,
    coloured by partner and shaped by whose statistics it is.

    Each country, partner and statistics is its own trace, so mirror statistics and different reporters
    stay side by side; the legend names each partner and statistics once.
    """
    rows = rows[rows["flow"] == flow]
    if rows.empty:
        return empty_figure(title, f"No figures of this flow ({TRADE_FLOW_LABELS.get(flow, flow)}) for the filter.")
    # Figures of one country, partner and year (mirror statistics, two reporters) sit side by side
    # around their year, not on top of each other.
    # A country's own statistics on the left, its partner's on the right, every year alike.
    rows = rows.sort_values("statistics_of", key=lambda s: s.map(list(STATISTICS_SYMBOLS).index), kind="stable")
    shift, _ = _offsets(rows[["country_iso3", "partner_iso3", "year"]], 0.15, 0.5)
    rows = rows.assign(x=rows["year"] + shift)
    countries = sorted(rows["country_iso3"].unique())
    names = dict(zip(rows["country_iso3"], rows["country"]))
    order = {code: i for i, code in enumerate(PARTNER_COLORS)}  # the legend lists partners in this order
    partners = sorted(rows["partner_iso3"].unique(), key=lambda code: (order.get(code, len(order)), code))
    traces, in_legend = [], set()
    for (country, partner, stats), part in rows.groupby(["country_iso3", "partner_iso3", "statistics_of"]):
        color = PARTNER_COLORS.get(partner, "#555555")
        name = f"{part['partner'].iloc[0]} ({part['statistics_label'].iloc[0]})"
        panel = _axis_suffix(countries.index(country))
        traces.append(
            go.Scatter(
                name=name,
                legendgroup=name,
                showlegend=name not in in_legend,
                legendrank=100 * partners.index(partner) + list(STATISTICS_SYMBOLS).index(stats),
                cliponaxis=False,
                x=part["x"],
                y=part["value_usd"] / 1e9,
                xaxis=f"x{panel}",
                yaxis=f"y{panel}",
                mode="markers",
                marker={
                    "size": 12,
                    "color": color,
                    "symbol": STATISTICS_SYMBOLS[stats],
                    "line": {"width": 1.5, "color": color},
                },
                customdata=list(zip(part["value_text"], part["reporter"], part["trade_id"], part["year"])),
                hovertemplate=(
                    f"<b>{names[country]} – {part['partner'].iloc[0]}</b>, %{{customdata[3]}}: %{{customdata[0]}}<br>"
                    "Reported by %{customdata[1]}<br>Row %{customdata[2]}<extra></extra>"
                ),
            )
        )
        in_legend.add(name)
    height = 120 + TRADE_PANEL_HEIGHT * len(countries)
    first, last = int(rows["year"].min()), int(rows["year"].max())
    layout = _layout(title) | _panels([names[c] for c in countries], 70 / height, first, year_step(first, last))
    layout["height"] = height
    # A fixed left margin for the US$ ticks and title: letting plotly fit one per axis (automargin)
    # redraws the chart once per axis, a sixth of the time of an image export of five panels.
    layout["margin"] = layout["margin"] | {"l": 70}
    layout["legend"] = {"orientation": "h", "y": -0.08 if len(countries) > 2 else -0.15, "yanchor": "top"}
    return go.Figure(data=traces, layout=layout)


def _panels(titles: list[str], gap: float, first: int, step: int) -> dict:
    """Layout of panels stacked one above the other, sharing the years (labelled from year `first`,
    every `step`, never tilted), each titled and with its own US$ axis (ticks up to three digits: the
    left margin is fixed); `gap` is the fraction of the height between two panels (room for the
    lower one's title)."""
    share = (1 - gap * (len(titles) - 1)) / len(titles)
    layout: dict = {"annotations": []}
    for index, title in enumerate(titles):
        suffix, top = _axis_suffix(index), 1 - index * (share + gap)
        layout[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}",
            "matches": "x" if index else None,
            "tick0": first,
            "dtick": step,
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
