"""Investment figures as bars, one measure at a time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from c5dash.figures.common import COUNTRY_COLORS, _layout, empty_figure
from c5dash.transform import MEASURE_LABELS


def investment_bars(figures: pd.DataFrame, measure: str, title: str) -> go.Figure:
    """One measure only: a bar per figure, labelled with its reporter and period, never summed."""
    rows = figures[figures["measure"] == measure]
    if rows.empty:
        return empty_figure(
            title, f"No figures of this measure ({MEASURE_LABELS.get(measure, measure)}) for the filter."
        )
    labels = [
        # The row id keeps labels apart: several deals can share parties, date and reporter, and
        # plotly would draw bars with one label on top of each other.
        f"{parties}, {period}<br><sup>{rep} · {row_id}</sup>"
        for parties, rep, period, row_id in zip(
            rows["parties"], rows["reporter"], rows["period_text"], rows["investment_id"]
        )
    ]
    fig = go.Figure(layout=_layout(title))
    fig.add_trace(
        go.Bar(
            x=rows["value_usd"] / 1e9,
            y=labels,
            orientation="h",
            marker={"color": [COUNTRY_COLORS.get(c, "#777777") for c in rows["recipient_iso3"]]},
            text=rows["value_text"],
            textposition="auto",  # inside a bar long enough to hold it, else after it: never cut off
            insidetextanchor="end",
            cliponaxis=False,
            customdata=list(zip(rows["reporter"], rows["investment_id"])),
            hovertemplate="%{text}<br>Reported by %{customdata[0]}<br>Row %{customdata[1]}<extra></extra>",
        )
    )
    fig.update_layout(
        height=130 + 46 * len(rows),
        xaxis={
            "title": {"text": "US$ billion"},
            "range": [0, 1.3 * float(rows["value_usd"].max()) / 1e9],
            "gridcolor": "#eeeeee",
        },
        yaxis={"autorange": "reversed"},
        bargap=0.35,
    )
    return fig
