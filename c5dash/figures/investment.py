"""Investment figures, one measure at a time: a series of figures at three dates or more as a line over
time, every other figure as a bar."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from c5dash.figures.common import COUNTRY_COLORS, _layout, empty_figure
from c5dash.transform import MEASURE_LABELS

INSIDE_FROM = 0.5  # of the largest value: longer bars carry their value inside
LABEL_WIDTH = 32  # characters per line of a bar's label: the labels leave the bars room on a phone


def _wrap(text: str) -> str:
    return "<br>".join(textwrap.wrap(text, LABEL_WIDTH))


def bar_labels(rows: pd.DataFrame) -> list[str]:
    """Each figure's label: its countries and period, then its reporter. Labels that would be equal
    (several deals of one day, parties and reporter) are numbered "(1)", "(2)", … so that plotly
    draws each bar on a row of its own."""
    heads = [_wrap(f"{parties}, {period}") for parties, period in zip(rows["parties"], rows["period_text"])]
    reporters = [_wrap(str(rep)) for rep in rows["reporter"]]
    full = pd.Series([f"{h}|{r}" for h, r in zip(heads, reporters)])
    repeats = full.map(full.value_counts()).to_numpy()
    numbers = full.groupby(full).cumcount().to_numpy() + 1
    return [
        f"{head}{f' ({n})' if count > 1 else ''}<br>{rep}"
        for head, rep, n, count in zip(heads, reporters, numbers, repeats)
    ]


def investment_bars(
    figures: pd.DataFrame, measure: str, title: str, colours: dict[str, str] | None = None
) -> go.Figure:
    """One measure only: a bar per figure, labelled with its countries, period and reporter, never
    summed; coloured by the Central Asian country, or with `colours` (code -> colour) by the partner
    (column `partner_iso3`), named in the legend."""
    rows = figures[figures["measure"] == measure].reset_index(drop=True)
    if rows.empty:
        return empty_figure(
            title, f"No figures of this measure ({MEASURE_LABELS.get(measure, measure)}) for the filter."
        )
    labels = bar_labels(rows)
    top = float(rows["value_usd"].max())
    deals = measure == "announced_commitment"
    fig = go.Figure(layout=_layout(title))
    by = "partner_iso3" if colours else "recipient_iso3"
    names = dict(zip(rows["partner_iso3"], rows["partner"])) if colours else dict(zip(rows[by], rows["recipient"]))
    for iso3, part in rows.groupby(by, sort=False):
        fig.add_trace(
            go.Bar(
                x=part["value_usd"] / 1e9,
                y=[labels[i] for i in part.index],
                orientation="h",
                name=str(names[iso3]),
                marker={"color": (colours or COUNTRY_COLORS).get(iso3, "#777777")},
                text=part["value_text"],
                # Inside the longer bars, after the shorter ones: a value written after a bar over half the
                # axis long ran past the chart's edge on a phone.
                textposition=["inside" if v >= INSIDE_FROM * top else "outside" for v in part["value_usd"]],
                insidetextanchor="end",
                cliponaxis=False,
                customdata=list(zip(part["reporter"], part["investment_id"])),
                hovertemplate="%{text}<br>Reported by %{customdata[0]}<br>Row %{customdata[1]}<extra></extra>",
            )
        )
    fig.update_layout(
        height=150
        + sum(max(46, 18 * (label.count("<br>") + 1) + 20) for label in labels),  # room for each label's lines
        barmode="relative",  # one bar per row: traces only split the colours for the legend
        showlegend=True,
        legend={
            "title": {"text": "Partner" if colours else "Central Asian party" if deals else "Receiving country"},
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "yref": "container",  # under the axis title, however many rows its entries take
            "y": 0,
            "yanchor": "bottom",
        },
        margin={"l": 10, "r": 10, "t": 60, "b": 120},
        xaxis={
            "title": {"text": "US$ billion"},
            "range": [0, 1.3 * float(rows["value_usd"].max()) / 1e9],
            "gridcolor": "#eeeeee",
        },
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": labels},
        bargap=0.35,
    )
    return fig


LINE_PANEL_HEIGHT = 260


def investment_lines(lines: pd.DataFrame, title: str, colours: dict[str, str]) -> go.Figure:
    """Series of one measure (`c5dash.investment.split_lines`) as lines over time, a panel per Central
    Asian country (`country`): each series's figures joined in date order, in its partner's colour
    (`colours`, code -> colour), each point hoverable with its value, period, reporter and sources
    (`publishers`). Figures two reporters give for one date are both points, the line passing through each."""
    if lines.empty:
        return empty_figure(title, "No series of three dates or more for the filter.")
    countries = list(dict.fromkeys(lines.sort_values("country")["country"]))
    fig = make_subplots(rows=len(countries), cols=1, shared_xaxes=True, subplot_titles=countries, vertical_spacing=0.12)
    fig.update_layout(_layout(title))
    in_legend: set[str] = set()
    for series, part in lines.groupby("series", sort=False):
        partner = str(part["partner"].iloc[0])
        name = str(part["series_name"].iloc[0])
        also = ["" if not s else f"<br>Same date, also reported by {s}" for s in part["same_date"]]
        fig.add_trace(
            go.Scatter(
                x=part["period_end"],
                y=part["value_usd"] / 1e9,
                mode="lines+markers",
                name=name,
                legendgroup=series,
                showlegend=name not in in_legend,
                line={"color": colours.get(part["partner_iso3"].iloc[0], "#777777"), "width": 2},
                marker={"size": 9},
                customdata=list(
                    zip(part["value_text"], part["period_text"], part["reporter"], part["publishers"], also)
                ),
                hovertemplate=(
                    f"{partner}: "
                    "%{customdata[0]}, %{customdata[1]}<br>Reported by %{customdata[2]}"
                    "<br>Source: %{customdata[3]}%{customdata[4]}<extra></extra>"
                ),
                cliponaxis=False,
            ),
            row=countries.index(str(part["country"].iloc[0])) + 1,
            col=1,
        )
        in_legend.add(name)
    fig.update_yaxes(title={"text": "US$ billion"}, rangemode="tozero", gridcolor="#eeeeee", automargin=True)
    fig.update_xaxes(gridcolor="#eeeeee", automargin=True)
    fig.update_layout(
        height=170 + LINE_PANEL_HEIGHT * len(countries),
        showlegend=True,
        legend={"title": {"text": "Series"}, "orientation": "h", "x": 0, "y": -0.15, "yanchor": "top"},
        margin={"l": 10, "r": 10, "t": 80, "b": 90},
        hovermode="closest",
    )
    return fig
