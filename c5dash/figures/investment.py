"""Investment figures as bars, one measure at a time."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

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


def investment_bars(figures: pd.DataFrame, measure: str, title: str) -> go.Figure:
    """One measure only: a bar per figure, labelled with its countries, period and reporter, never
    summed; coloured by the Central Asian country, named in the legend."""
    rows = figures[figures["measure"] == measure].reset_index(drop=True)
    if rows.empty:
        return empty_figure(
            title, f"No figures of this measure ({MEASURE_LABELS.get(measure, measure)}) for the filter."
        )
    labels = bar_labels(rows)
    top = float(rows["value_usd"].max())
    deals = measure == "announced_commitment"
    fig = go.Figure(layout=_layout(title))
    for iso3, part in rows.groupby("recipient_iso3", sort=False):
        fig.add_trace(
            go.Bar(
                x=part["value_usd"] / 1e9,
                y=[labels[i] for i in part.index],
                orientation="h",
                name=str(part["recipient"].iloc[0]),
                marker={"color": COUNTRY_COLORS.get(iso3, "#777777")},
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
            "title": {"text": "Central Asian party" if deals else "Receiving country"},
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
