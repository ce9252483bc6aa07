"""Charts of every partner's format of meetings with the five: timeline, meetings per year, records, venues,
attendance. Colours are the partners' (partners.csv); hollow markers are meetings not held."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from c5dash.figures.common import _layout, empty_figure
from c5dash.figures.months import MONTH_HOVER, marker_sizes, month_customdata, per_month, too_many
from c5dash.figures.timeline import PHONE_SPAN, TIMELINE_PAD
from c5dash.meetings import ATTENDANCE_LABELS, LEVEL_NAMES
from c5dash.schemas import C5

# Marker by level: a summit is a large circle, foreign ministers a diamond, deputies a small square; open
# when not held.
LEVEL_SYMBOLS = {
    "head_of_state": "circle",
    "foreign_minister": "diamond",
    "deputy_minister": "square",
    "senior_official": "triangle-up",
}
LEVEL_SIZES = {"head_of_state": 15, "foreign_minister": 11, "deputy_minister": 8, "senior_official": 8}
LEVEL_ROWS = {
    "head_of_state": "summits",
    "foreign_minister": "ministers",
    "deputy_minister": "deputies",
    "senior_official": "officials",
}
# Who attends at each level when a country sends the person the meeting is for.
LEVEL_TOP = {
    "head_of_state": "head_of_state",
    "foreign_minister": "foreign_minister",
    "deputy_minister": "deputy_minister",
}
# A count marker's breakdown of its meetings (`months.per_month`).
LEVEL_KINDS = {
    "head_of_state": "summit",
    "foreign_minister": "foreign ministers' meeting",
    "deputy_minister": "deputy ministers' meeting",
    "senior_official": "officials' meeting",
}
ROW_HEIGHT = 34  # px per partner row of the timeline
WORLD_MAP = "world_map"  # a key of layout.meta: the figure draws plotly.js's world outline (`is_world_map`)


def is_world_map(fig: go.Figure) -> bool:
    """Whether the figure draws the world's outline, which the app serves only to the charts that need it."""
    meta = fig.layout.meta
    return isinstance(meta, dict) and bool(meta.get(WORLD_MAP))


# The venues map on a phone: the world from 10°S to 75°N is about half as high as it is wide, with the title
# and a legend of up to seven lines around it.
WORLD_PHONE_HEIGHT = 460


def meetings_timeline(meetings: pd.DataFrame, labels: dict[str, str], order: list[str], title: str) -> go.Figure:
    """Every meeting over time: a row per partner (in `order`, labelled by `labels`), its colour, a circle
    for a summit and a diamond for a ministerial, hollow when postponed, cancelled or planned. The last
    item of each marker's customdata is its event id. Above `months.MAX_MARKERS` meetings, a marker per
    row and month counts them instead, and opens no card."""
    if meetings.empty:
        return empty_figure(title, "No meetings match the filter.")
    rows = [p for p in order if p in set(meetings["partner"])]
    fig = go.Figure(layout=_layout(title, height=140 + ROW_HEIGHT * len(rows), showlegend=True))
    if too_many(len(meetings)):
        _month_traces(fig, meetings, labels, rows)
    else:
        _meeting_traces(fig, meetings, labels)
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=[labels[p] for p in reversed(rows)],
        fixedrange=True,
        title=None,
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eeeeee")
    # On a phone the last years only, the earlier ones a drag away (`figures.screen.for_screen`).
    first, last = meetings["start_date"].min(), meetings["start_date"].max()
    if last - first > PHONE_SPAN:
        fig.update_layout(meta={"phone_range": [str((last - PHONE_SPAN).date()), str((last + TIMELINE_PAD).date())]})
    fig.update_layout(legend={"orientation": "h", "y": -0.25, "x": 0, "yanchor": "top"})
    return fig


def _month_traces(fig: go.Figure, meetings: pd.DataFrame, labels: dict[str, str], rows: list[str]) -> None:
    """A marker per partner and month in the partner's colour, sized by how many meetings it counts."""
    kinds = meetings["level"].map(LEVEL_KINDS) + meetings["held"].map({True: "", False: " not held"})
    counts = per_month(meetings["partner"], meetings["start_date"], kinds)
    colours = dict(zip(meetings["partner"], meetings["colour"]))
    fig.add_trace(  # the legend says what a marker is, in grey: the colours are the partners', named on the rows
        go.Scatter(
            name="Meetings in a month (marker size: how many)",
            x=[None],
            y=[None],
            mode="markers",
            marker={"size": 12, "color": "#888888", "line": {"width": 1, "color": "#333333"}},
            hoverinfo="skip",
        )
    )
    for partner in rows:
        part = counts[counts["row"] == partner]
        fig.add_trace(
            go.Scatter(
                name=labels[partner],
                showlegend=False,
                x=part["middle"],
                y=part["row"].map(labels),
                mode="markers",
                marker={
                    "size": marker_sizes(part["count"]),
                    "color": colours[partner],
                    "opacity": 0.8,
                    "line": {"width": 1, "color": "#333333"},
                },
                customdata=month_customdata(part, "meeting"),
                hovertemplate=MONTH_HOVER,
            )
        )


def _meeting_traces(fig: go.Figure, meetings: pd.DataFrame, labels: dict[str, str]) -> None:
    """A marker per meeting: a trace per level and held or not, with a grey legend entry for each."""
    for (level, held), part in meetings.groupby(["level", "held"], sort=False):
        symbol = LEVEL_SYMBOLS[level] + ("" if held else "-open")
        name = LEVEL_NAMES[level] + ("" if held else " (not held)")
        # The legend says what the shapes mean in grey: the colours are the partners', named on the rows.
        fig.add_trace(
            go.Scatter(
                name=name,
                x=[None],
                y=[None],
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": LEVEL_SIZES[level],
                    "color": "#888888",
                    "line": {"width": 1.5, "color": "#333333" if held else "#888888"},
                },
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                name=name,
                showlegend=False,
                x=part["start_date"],
                y=part["partner"].map(labels),
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": LEVEL_SIZES[level],
                    "color": part["colour"],
                    "line": {"width": 1.5 if held else 2, "color": "#333333" if held else part["colour"]},
                },
                customdata=list(
                    zip(
                        part["title"],
                        part["format_name"],
                        part["start_date"].dt.strftime("%Y-%m-%d"),
                        part["place"].fillna("virtual"),
                        part["status_label"],
                        part["five"].map(lambda codes: ", ".join(codes) or "not stated"),
                        part["event_id"],
                    )
                ),
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}, %{customdata[3]}<br>"
                    "%{customdata[4]}; of the five: %{customdata[5]}<extra></extra>"
                ),
            )
        )


def meetings_per_year(table: pd.DataFrame, labels: dict[str, str], colours: dict[str, str], title: str) -> go.Figure:
    """Held meetings per year, a stacked bar per partner in its colour."""
    if table.empty or not table.to_numpy().sum():
        return empty_figure(title, "No meetings held in this period.")
    legend = _bottom_legend(len(table))
    fig = go.Figure(layout=_layout(title, barmode="stack", showlegend=True, **legend))
    for partner, counts in table.iterrows():
        if not counts.sum():
            continue
        fig.add_trace(
            go.Bar(
                name=labels[partner],
                x=list(table.columns),
                y=counts.to_numpy(),
                marker_color=colours[partner],
                hovertemplate=f"{labels[partner]}: %{{y}} meeting(s) in %{{x}}<extra></extra>",
            )
        )
    years = len(table.columns)
    step = 1 if years <= 6 else 2 if years <= 12 else 5  # labels that fit a phone's width too
    fig.update_xaxes(dtick=step, tick0=0, tickformat="d")
    fig.update_yaxes(title="Meetings held", rangemode="tozero", dtick=1 if table.sum().max() <= 6 else None)
    return fig


LEGEND_LINE_PX = 22
PLOT_PX = 320  # the bars' height, on a wide screen and on a phone


def _bottom_legend(entries: int, plot_px: int = PLOT_PX, per_line: tuple[int, int] = (4, 2)) -> dict:
    """Layout for a legend of `entries` below a plot `plot_px` high, in fixed pixels: `per_line` entries a
    line on a wide screen and on a phone (`meta.phone_bottom_extra`, read by `figures.screen.for_screen`),
    so the plot keeps its height and no entry lies over the axis."""
    wide, phone = -(-entries // per_line[0]), -(-entries // per_line[1])
    bottom = 50 + LEGEND_LINE_PX * wide
    height = plot_px + 60 + bottom
    return {
        "height": height,
        "margin": {"l": 70, "r": 10, "t": 60, "b": bottom, "autoexpand": False},
        "legend": {
            "orientation": "h",
            "yref": "container",
            "y": (bottom - 40) / height,
            "yanchor": "top",
            "x": 0,
            "traceorder": "normal",
        },
        "meta": {"phone_bottom_extra": LEGEND_LINE_PX * (phone - wide)},
    }


def records_chart(records: pd.DataFrame, labels: dict[str, str], colours: dict[str, str], title: str) -> go.Figure:
    """Summits and ministerials held by each format, labelled with its first summit (or first meeting)."""
    if records.empty:
        return empty_figure(title, "No meetings held in this period.")
    first = [
        f"{labels[p]}<br>first summit {s:%Y}" if pd.notna(s) else f"{labels[p]}<br>first met {m:%Y}"
        for p, s, m in zip(records["partner"], records["first_summit"], records["first_meeting"])
    ]
    bars = (
        ("summits", "Summits", ""),
        ("ministerials", "Foreign ministers' meetings", "/"),
        ("deputies", "Deputy ministers' meetings", "."),
    )
    shown = sum(bool(records[column].any()) for column, _, _ in bars)
    layout = _bottom_legend(shown, plot_px=56 * len(records), per_line=(3, 1))
    layout["margin"]["l"] = 125  # room for the longest row label, "U.S. (C5+1)" over "first summit 2023"
    layout["margin"]["r"] = 30  # and for the count outside the longest bar
    fig = go.Figure(layout=_layout(title, barmode="group", showlegend=True, **layout))
    for column, name, pattern in bars:
        if not records[column].any():
            continue
        fig.add_trace(
            go.Bar(
                name=name,
                y=first,
                x=records[column],
                orientation="h",
                marker={"color": records["partner"].map(colours), "pattern": {"shape": pattern}},
                text=[str(n) if n else "" for n in records[column]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=f"%{{y}}: %{{x}} {name.lower()}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(rangemode="tozero")
    return fig


def venues_map(venues: pd.DataFrame, labels: dict[str, str], title: str) -> go.Figure:
    """Where the held meetings took place, on a world map: a circle per place and partner, sized by the
    number of meetings, in the partner's colour; hover says whether that is in the region or at home."""
    fig = go.Figure(
        layout=_layout(title, height=520, meta={"phone_height": WORLD_PHONE_HEIGHT, WORLD_MAP: True}, showlegend=True)
    )
    if venues.empty:
        fig.add_annotation(text="No in-person meetings in this period.", showarrow=False, x=0.5, y=0.5)
    for partner in labels:  # in partner order, as on every chart of the page
        part = venues[venues["partner"] == partner]
        if part.empty:
            continue
        name, colour = part["format_name"].iloc[0], part["colour"].iloc[0]
        fig.add_trace(
            go.Scattergeo(
                name=labels[partner],
                lat=part["lat"],
                lon=part["lon"],
                mode="markers",
                marker={
                    "size": 8 + 5 * part["meetings"] ** 0.5,
                    "color": colour,
                    "opacity": 0.8,
                    "line": {"width": 1, "color": "#333333"},
                },
                customdata=list(zip(part["place"], part["meetings"], part["venue_label"])),
                hovertemplate=(
                    f"<b>{name}</b><br>%{{customdata[0]}}: %{{customdata[1]}} meeting(s)<br>"
                    "%{customdata[2]}<extra></extra>"
                ),
            )
        )
    fig.update_geos(
        projection_type="natural earth",
        showcountries=True,
        countrycolor="#bbbbbb",
        showland=True,
        landcolor="#f2f2f2",
        showocean=True,
        oceancolor="#e4eef7",
        showframe=False,
        lataxis_range=[-10, 75],
    )
    fig.update_layout(legend={"orientation": "h", "y": -0.02, "x": 0, "yanchor": "top"})
    return fig


def attendance_chart(
    grid: pd.DataFrame, labels: dict[str, str], order: list[str], names: dict[str, str], title: str
) -> go.Figure:
    """For each format and each of the five: of its held summits where a source says who came, the share
    the country's president attended, and of its ministerials the share its foreign minister did. A cell
    reads "2/3" (at the meeting's level, of those where a source says; "?" where none says); its hover
    says who came."""
    if grid.empty:
        return empty_figure(title, "No meetings held in this period.")
    counts: dict[tuple[str, str, str], dict[str, int]] = {}  # (partner, level, iso3) -> attended_as -> meetings
    for r in grid.itertuples(index=False):
        counts.setdefault((r.partner, r.level, r.iso3), {})[r.attended_as] = int(r.meetings)
    rows, phone_rows, z, text, hover = [], [], [], [], []
    for partner in order:
        for level, top in LEVEL_TOP.items():
            if (partner, level, C5[0]) not in counts:
                continue
            rows.append(f"{labels[partner]}: {LEVEL_ROWS[level]}")
            phone_rows.append(f"{labels[partner]}<br>{LEVEL_ROWS[level]}")
            z_row, t_row, h_row = [], [], []
            for iso3 in C5:
                own = counts.get((partner, level, iso3), {})
                total = sum(own.values())
                at_top = own.get(top, 0)
                stated = total - own.get("not_stated", 0)
                z_row.append(at_top / stated if stated else None)
                t_row.append(f"{at_top}/{stated}" if stated else "?")
                h_row.append(_who_came(own, total))
            z.append(z_row)
            text.append(t_row)
            hover.append(h_row)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[names[c] for c in C5],
            y=rows,
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            colorscale=[[0, "#f7f7f7"], [1, "#2c7fb8"]],
            zmin=0,
            zmax=1,
            # Across the bottom: beside the grid it would take the width a phone's cells need.
            colorbar={
                "tickformat": ".0%",
                "thickness": 10,
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "len": 0.6,
                "y": 0,
                "yref": "container",
                "yanchor": "bottom",
                "ypad": 10,
            },
            textfont={"size": 11},
            hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
            xgap=2,
            ygap=2,
        ),
        # On a phone each row's name takes two lines, which leaves its cells room for "13/14".
        layout=_layout(
            title,
            height=210 + 40 * len(rows),
            margin={"l": 10, "r": 10, "t": 60, "b": 110},
            meta={"phone_ticks": [rows, phone_rows]},
        ),
    )
    fig.update_yaxes(autorange="reversed", fixedrange=True)
    fig.update_xaxes(fixedrange=True)
    return fig


def _who_came(own: dict[str, int], total: int) -> str:
    """'2 presidents, 1 foreign minister, 1 not stated, of 4 meetings': who attended, spelled out."""
    words = {**{k: v.lower() for k, v in ATTENDANCE_LABELS.items()}, "not_stated": "not stated"}
    parts = [f"{own[k]} {words[k]}" for k in words if own.get(k)]
    return ", ".join(parts) + f", of {total} meeting(s)"
