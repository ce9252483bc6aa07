"""A figure as the browser shows it, on a phone as on a wide screen: the title wrapped to a phone's
width and set below plotly's toolbar (the modebar), which would otherwise cover its end."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from c5dash.figures.maps import fit, is_map

# Characters of a title line that fit a phone's chart (390 px window, about 350 px of chart) at the
# title's 16 px: the width of a chart is known only in the browser, so every width gets these lines.
TITLE_LINE_CHARS = 38
# On a wider screen (a browser that does not say it is a phone) lines of up to this many characters:
# about 600 px at 16 px, within a chart of Streamlit's narrowest desktop column.
WIDE_TITLE_CHARS = 70
# px: a chart's width in a phone's 390 px window (Streamlit pads the page by 16 px each side).
PHONE_WIDTH = 358
# px from the top of a chart kept free for the modebar (2 px from the top, 24 px of buttons).
MODEBAR_BAND = 30
TITLE_LINE_HEIGHT = 22  # px per line of a 16 px title
# plotly.js 4 draws a title anchored at the top (yref "container") above its pad: a line's box starts
# 3 px above it, a title of several lines 14 px above it (measured in Chromium).
TITLE_RISE = {1: 3}
TITLE_RISE_LINES = 14


def wrap_title(text: str, width: int = TITLE_LINE_CHARS) -> str:
    """`text` with a <br> between words wherever a line would pass `width` characters. Lines that
    carry other markup (a tag might hold spaces) and lines already broken with <br> are kept."""
    lines = []
    for line in text.split("<br>"):
        lines.extend([line] if "<" in line else textwrap.wrap(line, width) or [line])
    return "<br>".join(lines)


def for_screen(fig: go.Figure, touch: bool = False) -> go.Figure:
    """A copy of `fig` with its title wrapped and set at the top, below the modebar band; the plot and
    all that the figure placed around it move down by that band and the title's added lines (a fixed
    height grows as much, so the plot keeps its size). With `touch` (a phone), a finger dragged over
    the chart scrolls the page instead of zooming it: plotly.js would keep the page from scrolling
    under a chart taller than the screen; the toolbar's zoom and pan buttons still turn dragging on.
    Downloads keep the figure as built."""
    text = fig.layout.title.text
    if not text and not touch:
        return fig
    shown = go.Figure(fig.to_dict(), _validate=False)  # a copy: `fig` is valid, checking it again takes 0.3 s
    if touch:
        shown.update_layout(dragmode=False)
        if is_map(shown):  # as high as the map needs at a phone's width, not a wide screen's
            fit(shown, PHONE_WIDTH)
        meta = shown.layout.meta
        if isinstance(meta, dict) and "phone_range" in meta:  # a timeline: its last years, the rest a drag away
            shown.update_xaxes(range=meta["phone_range"])
        if isinstance(meta, dict) and "phone_bottom_extra" in meta:
            _taller_bottom(shown, meta["phone_bottom_extra"])
        if isinstance(meta, dict) and "phone_height" in meta:  # a world map: as high as it is at 358 px
            shown.update_layout(height=meta["phone_height"])
        if isinstance(meta, dict) and "phone_ticks" in meta:  # row names on two lines, wider cells
            shown.update_yaxes(tickvals=meta["phone_ticks"][0], ticktext=meta["phone_ticks"][1])
    if not text:
        return shown
    text = wrap_title(text, TITLE_LINE_CHARS if touch else WIDE_TITLE_CHARS)
    lines = text.count("<br>") + 1
    added = MODEBAR_BAND + (lines - 1) * TITLE_LINE_HEIGHT
    top = shown.layout.margin.t if shown.layout.margin.t is not None else 100  # plotly's default
    shown.update_layout(
        title={
            "text": text,
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": MODEBAR_BAND + TITLE_RISE.get(lines, TITLE_RISE_LINES)},
        },
        margin_t=top + added,
    )
    if shown.layout.height is not None:
        shown.update_layout(height=shown.layout.height + added)
    return shown


def _taller_bottom(fig: go.Figure, extra: int) -> None:
    """`extra` px more below the plot (a phone's legend takes more lines): the plot keeps its size, and
    a legend placed in the container keeps its distance below the axis."""
    height = fig.layout.height
    fig.update_layout(height=height + extra, margin_b=fig.layout.margin.b + extra)
    if fig.layout.legend.yref == "container" and fig.layout.legend.y is not None:
        fig.update_layout(legend_y=(fig.layout.legend.y * height + extra) / (height + extra))
