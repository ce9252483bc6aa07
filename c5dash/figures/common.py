"""What every chart shares: the colours, the look, the empty chart, spreading markers apart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# Okabe–Ito, a palette readable with the common colour-vision deficiencies: one colour per country.
COUNTRY_COLORS = {
    "KAZ": "#0072B2",
    "KGZ": "#D55E00",
    "TJK": "#009E73",
    "TKM": "#CC79A7",
    "UZB": "#E69F00",
    "USA": "#56B4E9",
}
FONT = "sans-serif"
AXIS_TITLE_STANDOFF = 12  # px between an axis's tick labels and its title
TITLE_PAD = 12  # px between a chart's title and the left edge of the chart, on screen and in its images


def _layout(title: str, **extra) -> dict:
    """The shared look of every chart; a fresh dict each call, never a shared object."""
    return {
        "title": {
            "text": title,
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "pad": {"l": TITLE_PAD},
            "font": {"size": 16},
        },
        "font": {"family": FONT, "size": 13, "color": "#222222"},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        # A standoff makes plotly.js leave room for the axis title: without one (Streamlit's template,
        # the default on the server, sets none) the title falls below the chart and is cut off.
        "xaxis": {"automargin": True, "title": {"standoff": AXIS_TITLE_STANDOFF}},
        "yaxis": {"automargin": True, "title": {"standoff": AXIS_TITLE_STANDOFF}},
        **extra,
    }


def empty_figure(title: str, message: str) -> go.Figure:
    """A chart that says there is nothing to show, instead of empty axes."""
    fig = go.Figure(layout=_layout(title))
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font={"size": 14})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _offsets(keys: pd.DataFrame, step: float, room: float) -> tuple[np.ndarray, int]:
    """Offsets that spread apart the rows sharing every column of `keys`: `step` apart (closer when
    many share, to stay within `room`), centred on 0; and the size of the largest such group."""
    groups = keys.groupby(list(keys.columns), sort=False, dropna=False)
    rank = groups.cumcount().to_numpy()
    size = groups[keys.columns[0]].transform("size").to_numpy()
    spacing = np.minimum(step, room / np.maximum(size - 1, 1))
    return (rank - (size - 1) / 2) * spacing, int(size.max(initial=1))


def _axis_suffix(index: int) -> str:
    """Plotly's name for the `index`-th axis: '' for the first, then '2', '3', …"""
    return "" if index == 0 else str(index + 1)
