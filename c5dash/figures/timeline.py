"""The timeline of visits and meetings, with the deals announced at them."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from c5dash.figures.common import _layout, empty_figure
from c5dash.figures.months import MONTH_HOVER, marker_sizes, month_customdata, per_month, too_many
from c5dash.schemas import DIRECTIONS
from c5dash.transform import LEVEL_LABELS

TYPE_COLORS = {
    "state_visit": "#000000",
    "official_visit": "#0072B2",
    "official_working_visit": "#56B4E9",
    "working_visit": "#009E73",
    "private_visit": "#F0E442",
    "visit": "#999999",
    "ministerial_meeting": "#E69F00",
    "summit": "#D55E00",
    "bilateral_meeting": "#CC79A7",
}
LEVEL_SIZES = {"head_of_state": 20, "foreign_minister": 15, "deputy_minister": 11, "senior_official": 8}
DEALS_ROW = "Deals announced"
DEAL = "deal announced"
AXIS_TITLE = "Date (marker size: level of<br>the most senior official)"
MONTH_AXIS_TITLE = "Month (marker size: how many<br>events or deals it counts)"


TIMELINE_PAD = pd.Timedelta(days=183)
PHONE_SPAN = pd.Timedelta(days=round(8 * 365.25))  # the years a phone shows at first
SPREAD = 0.3  # of a row, between markers that would hide each other
ROOM = 0.78  # of a row, the most a crowd of markers may spread over (under 0.8: clear of the next row)
NEAR = 1 / 40  # of the dates' span: markers closer than this overlap at the chart's first scale
ROW_PX = 60
# Below the plot: the date axis and its two-line title, then the legend, as many lines as it needs: on a
# wide screen at least two entries a line (a narrow window's chart), on a phone one a line.
LEGEND_TOP = 80  # px from the plot to the legend
LEGEND_LINE = 24  # px per line of the legend
WIDE_ENTRIES_PER_LINE = 2
TIMELINE_LEFT = 110  # px left of the plot: the row names, in lines of up to ROW_NAME_CHARS
ROW_NAME_CHARS = 13  # a phone's chart (about 350 px) keeps over 200 px for the dates


def _lanes(days: np.ndarray, near: float) -> tuple[np.ndarray, np.ndarray]:
    """For markers of one row at `days` (sorted), each one's lane and the number of lanes of its crowd.

    A crowd is a run of markers each less than `near` days after the one before; within it a marker
    takes the first lane whose last marker is at least `near` days before it, so no two markers of a
    lane overlap."""
    lane = np.zeros(len(days), dtype=int)
    lanes = np.ones(len(days), dtype=int)
    start, ends = 0, []  # the crowd's first marker; the last day of each of its lanes
    for i, day in enumerate(days):
        if i and day - days[i - 1] >= near:
            lanes[start:i], start, ends = len(ends), i, []
        free = next((k for k, end in enumerate(ends) if day - end >= near), len(ends))
        ends[free : free + 1] = [day]
        lane[i] = free
    lanes[start:] = max(len(ends), 1)
    return lane, lanes


def _heights(rows: pd.Series, days: pd.Series, order: list[str]) -> tuple[np.ndarray, int]:
    """Each marker's height on the y axis: its row's position (the first of `order` on top), spread
    apart within the row where markers of the row are too close in time to be told apart at the
    chart's scale (the same day, or a few days apart over decades); and the most lanes of a crowd."""
    day = (days - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype=float)
    near = max(NEAR * (np.nanmax(day) - np.nanmin(day)), 1.0) if len(day) else 1.0
    offsets = np.zeros(len(day))
    crowd = 1
    positions = pd.Series(day).groupby(rows.to_numpy(), sort=False).groups
    for index in positions.values():
        index = np.asarray(index)[np.argsort(day[index], kind="stable")]
        lane, lanes = _lanes(day[index], near)
        spacing = np.minimum(SPREAD, ROOM / np.maximum(lanes - 1, 1))
        offsets[index] = (lane - (lanes - 1) / 2) * spacing
        crowd = max(crowd, int(lanes.max()))
    base = rows.map({label: len(order) - 1 - i for i, label in enumerate(order)}).to_numpy(dtype=float)
    return base - offsets, crowd


def timeline(events: pd.DataFrame, title: str, deals: pd.DataFrame | None = None) -> go.Figure:
    """Events over time: a row per direction, colour by type, size by level; one marker per event.

    `deals` (announced commitments linked to events, from `investments_table`) are drawn as stars
    on their own row, with the event where each was announced. Markers of a row too close in time to
    be told apart are spread apart within the row. Every marker's last item of customdata is the
    id of its event (`event_of`); the y axis is fixed, so a zoom changes only the dates. Above
    `months.MAX_MARKERS` markers, a marker per row and month counts them instead, and opens no card.
    """
    if deals is None:  # no deals row; only `period_end` is read from an empty frame
        deals = pd.DataFrame({"period_end": pd.Series(dtype="datetime64[ns]")})
    if events.empty and deals.empty:
        return empty_figure(title, "No events match the filter.")
    labels = events.assign(rank=events["direction"].map(DIRECTIONS.index)).sort_values("rank")["direction_label"]
    order = list(dict.fromkeys(labels))
    order += [DEALS_ROW] if len(deals) else []
    rows = pd.concat([events["direction_label"], pd.Series(DEALS_ROW, index=deals.index)], ignore_index=True)
    days = pd.concat([events["start_date"], deals["period_end"]], ignore_index=True)
    fig = go.Figure(layout=_layout(title))
    if too_many(len(rows)):
        kinds = pd.concat(
            [events["event_type_label"].str.lower(), pd.Series(DEAL, index=deals.index)], ignore_index=True
        )
        _month_traces(fig, per_month(rows, days, kinds), order)
        crowd, axis_title = 1, MONTH_AXIS_TITLE
    else:
        heights, crowd = _heights(rows, days, order)
        _event_traces(fig, events.assign(y=heights[: len(events)]), deals, heights[len(events) :])
        axis_title = AXIS_TITLE
    dates = pd.concat([events["start_date"], deals["period_end"]])
    # Events all on one day: plotly would span a millisecond around them; show the half-years around it.
    around = (
        {"range": [dates.min() - TIMELINE_PAD, dates.max() + TIMELINE_PAD]}
        if dates.max() - dates.min() < TIMELINE_PAD
        else {}
    )
    entries = max(1, sum(trace.showlegend is not False for trace in fig.data))
    wide_lines = math.ceil(entries / WIDE_ENTRIES_PER_LINE)
    bottom = LEGEND_TOP + LEGEND_LINE * wide_lines
    # On a phone the last years only, the earlier ones a drag away: 35 years in 200 px crowd every row.
    phone = {"phone_bottom_extra": LEGEND_LINE * (entries - wide_lines)} | (
        {"phone_range": [str((dates.max() - PHONE_SPAN).date()), str((dates.max() + TIMELINE_PAD).date())]}
        if dates.max() - dates.min() > PHONE_SPAN
        else {}
    )
    row_px = min(max(ROW_PX, 16 * crowd), 100)  # room for a crowd's lanes, up to a point
    height = 60 + bottom + row_px * len(order)  # the top margin, the bottom one, the rows
    fig.update_layout(
        height=height,
        meta=phone,
        dragmode="zoom",
        # Fixed margins, the legend in the bottom one (room for its lines in a narrow window):
        # left to itself plotly draws the chart, widens its margins to fit legend and row names, and
        # draws it again, which made a page with a timeline slower to show its first chart.
        margin={"l": TIMELINE_LEFT, "r": 20, "t": 60, "b": bottom, "autoexpand": False},
        legend={  # under the date axis's title, across the whole chart (on a phone, two entries a line)
            "orientation": "h",
            "yref": "container",
            "y": (bottom - LEGEND_TOP) / height,
            "yanchor": "top",
            "xref": "container",
            "x": 0,
            "xanchor": "left",
        },
        xaxis={
            "title": {"text": axis_title},
            "gridcolor": "#eeeeee",
            "automargin": False,
            **around,
        },
        yaxis={
            "title": {"text": ""},
            "tickvals": list(range(len(order))),
            "ticktext": ["<br>".join(textwrap.wrap(name, ROW_NAME_CHARS)) for name in order[::-1]],
            "range": [-0.6, len(order) - 0.4],
            "fixedrange": True,  # a box zoom changes the dates only: every row stays in view
            "showgrid": False,
            "zeroline": False,
            "automargin": False,
        },
    )
    return fig


def _event_traces(fig: go.Figure, events: pd.DataFrame, deals: pd.DataFrame, deal_heights: np.ndarray) -> None:
    """A marker per event (a trace per type, at its height `y`) and a star per deal, at `deal_heights`."""
    for event_type, color in TYPE_COLORS.items():
        part = events[events["event_type"] == event_type]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                name=part["event_type_label"].iloc[0],
                x=part["start_date"],
                y=part["y"],
                mode="markers",
                marker={
                    "size": [LEVEL_SIZES[level] for level in part["level"]],
                    "color": color,
                    "line": {"width": 1, "color": "#333333"},
                    "opacity": 0.85,
                },
                customdata=list(
                    zip(
                        part["title"],
                        part["place"].fillna("virtual"),
                        part["start_date"].dt.strftime("%Y-%m-%d"),
                        part["end_date"].dt.strftime("%Y-%m-%d"),
                        part["countries"].map(", ".join),
                        part["level"].map(LEVEL_LABELS),
                        part["event_id"],
                    )
                ),
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]}, %{customdata[2]} to %{customdata[3]}"
                    "<br>Countries: %{customdata[4]}<br>Level: %{customdata[5]}<extra></extra>"
                ),
            )
        )
    if len(deals):
        fig.add_trace(
            go.Scatter(
                name="Deal announced (value)",
                x=deals["period_end"],
                y=deal_heights,
                mode="markers",
                marker={"symbol": "star", "size": 14, "color": "#E69F00", "line": {"width": 1, "color": "#7a4f00"}},
                customdata=list(zip(deals["value_text"], deals["parties"], deals["event_title"], deals["event_id"])),
                hovertemplate=(
                    "<b>%{customdata[0]}</b> (%{customdata[1]})<br>Announced at: %{customdata[2]}<extra></extra>"
                ),
            )
        )


def _month_traces(fig: go.Figure, counts: pd.DataFrame, order: list[str]) -> None:
    """A marker per row and month, sized by how many events (or, on the deals row, deals) it counts."""
    position = {label: len(order) - 1 - i for i, label in enumerate(order)}
    for deals, name, noun in ((False, "Events in a month", "event"), (True, "Deals announced in a month", "deal")):
        part = counts[(counts["row"] == DEALS_ROW) == deals]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                name=name,
                x=part["middle"],
                y=part["row"].map(position),
                mode="markers",
                marker={
                    "symbol": "star" if deals else "circle",
                    "size": marker_sizes(part["count"]),
                    "color": "#E69F00" if deals else "#0072B2",
                    "line": {"width": 1, "color": "#333333"},
                    "opacity": 0.8,
                },
                customdata=month_customdata(part, noun),
                hovertemplate=MONTH_HOVER,
            )
        )


def event_of(point: dict) -> str | None:
    """The event id of a clicked timeline marker (an event, or a deal's event), from a selected point."""
    data = point.get("customdata")
    return str(data[-1]) if isinstance(data, list | tuple) and data and data[-1] else None
