"""Plotly figures, each built by a pure function from frames the transforms return."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from c5dash.geo import label_points, to_geojson
from c5dash.transform import DIRECTION_LABELS, LEVEL_LABELS, MEASURE_LABELS, TRADE_FLOW_LABELS

# Okabe–Ito, a palette readable with the common colour-vision deficiencies: one colour per country.
COUNTRY_COLORS = {
    "KAZ": "#0072B2",
    "KGZ": "#D55E00",
    "TJK": "#009E73",
    "TKM": "#CC79A7",
    "UZB": "#E69F00",
    "USA": "#56B4E9",
}
DIRECTION_STYLE = {
    "us_to_region": ("#0072B2", "triangle-right"),
    "region_to_us": ("#D55E00", "triangle-left"),
    "multilateral": ("#009E73", "diamond"),
    "elsewhere": ("#999999", "circle"),
}
# Light to mid blue, so that dark country labels stay readable on every shade.
EVENTS_SCALE = [[0, "#e8f1fa"], [1, "#4a90c8"]]
NEIGHBOUR_GREY = "#dddddd"
UNSELECTED_GREY = "#bbbbbb"
FONT = "sans-serif"
# The view of the map: the five countries with a margin of their neighbours.
MAP_LON_RANGE = (46.0, 88.0)
MAP_HEIGHT = 520  # pixels
MAP_HEIGHT_WITH_SLIDER = 560
MAP_LAT_RANGE = (34.0, 56.0)
ATTRIBUTION = "Boundaries: Made with Natural Earth."


def _layout(title: str, **extra) -> dict:
    """The shared look of every chart; a fresh dict each call, never a shared object."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": FONT, "size": 13, "color": "#222222"},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": {"automargin": True},
        "yaxis": {"automargin": True},
        **extra,
    }


def empty_figure(title: str, message: str) -> go.Figure:
    """A chart that says there is nothing to show, instead of empty axes."""
    fig = go.Figure(layout=_layout(title))
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font={"size": 14})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def region_map(
    shapes: gpd.GeoDataFrame,
    values: pd.DataFrame,
    unit: str,
    title: str,
    places: pd.DataFrame | None = None,
    capitals: pd.DataFrame | None = None,
    frames: dict[int, pd.DataFrame] | None = None,
) -> go.Figure:
    """Choropleth of one value per country; countries without a value and the neighbours in grey.

    `values` has iso3, value, detail (the hover text: period, units, reporter). `places` (name, lat,
    lon, events) are drawn as circles sized by their number of events, `capitals` (name, lat, lon) as
    stars. `frames` maps a year to values of that year: the map then gets a year slider with play.
    Trace 1 is always the coloured countries, so a click on it names a country.
    """
    geojson = to_geojson(shapes)
    names = dict(zip(shapes["iso3"], shapes["name"]))
    shown = values.dropna(subset=["value"])
    details = dict(zip(values["iso3"], values["detail"]))
    grey = shapes[~shapes["iso3"].isin(shown["iso3"])]
    coloured = set(shown["iso3"]).union(*(set(frame["iso3"]) for frame in (frames or {}).values()))
    fig = go.Figure(layout=_layout(title))
    fig.add_trace(
        go.Choropleth(
            name="Other countries",
            geojson=_features(geojson, set(grey["iso3"])),
            featureidkey="properties.iso3",
            locations=grey["iso3"],
            z=[1 if c5 else 0 for c5 in grey["is_c5"]],
            zmin=0,
            zmax=1,
            colorscale=[[0, NEIGHBOUR_GREY], [1, UNSELECTED_GREY]],
            showscale=False,
            marker={"line": {"color": "white", "width": 0.8}},
            text=[f"{n}: {details[c]}" if c in details else n for c, n in zip(grey["iso3"], grey["name"])],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    final = frames[max(frames)] if frames else shown
    zmax = max(1.0, float(final["value"].max()) if len(final) else 1.0)
    counts = all(frame["value"].dropna().mod(1).eq(0).all() for frame in [shown, *(frames or {}).values()])
    fig.add_trace(_coloured(_features(geojson, coloured), shown, names, unit, zmax, counts))
    labels = label_points(shapes[shapes["is_c5"]])
    fig.add_trace(
        go.Scattergeo(
            name="Countries",
            lon=labels["lon"],
            lat=labels["lat"],
            text=labels["name"],
            mode="text",
            textfont={"size": 11, "color": "#222222"},
            hoverinfo="skip",
        )
    )
    if places is not None and len(places):
        fig.add_trace(
            go.Scattergeo(
                name="Event places",
                lon=places["lon"],
                lat=places["lat"],
                text=places["name"],
                customdata=places["events"],
                mode="markers",
                marker={
                    "size": [8 + 4 * n**0.5 for n in places["events"]],
                    "color": "rgba(213, 94, 0, 0.55)",
                    "line": {"color": "#7a3500", "width": 1},
                },
                hovertemplate="%{text}: %{customdata} event(s)<extra></extra>",
            )
        )
    if capitals is not None and len(capitals):
        fig.add_trace(
            go.Scattergeo(
                name="Capitals",
                lon=capitals["lon"],
                lat=capitals["lat"],
                text=capitals["name"],
                mode="markers",
                marker={"size": 6, "color": "#222222", "symbol": "star"},
                hovertemplate="%{text}<extra>Capital</extra>",
            )
        )
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=list(MAP_LON_RANGE),
        lataxis_range=list(MAP_LAT_RANGE),
        bgcolor="white",
    )
    fig.update_layout(
        showlegend=False,
        height=MAP_HEIGHT_WITH_SLIDER if frames else MAP_HEIGHT,
        annotations=[
            {
                "text": ATTRIBUTION,
                "x": 0,
                "y": 0,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 10, "color": "#666666"},
            }
        ],
    )
    if frames:
        _add_year_slider(fig, frames)
    return fig


def _features(geojson: dict, codes: set[str]) -> dict:
    """The part of a FeatureCollection for `codes`: each trace carries only its own shapes, so no
    outline is sent to the browser twice."""
    return {**geojson, "features": [f for f in geojson["features"] if f["properties"]["iso3"] in codes]}


def _coloured(geojson: dict, shown: pd.DataFrame, names: dict, unit: str, zmax: float, counts: bool) -> go.Choropleth:
    """The countries with a value. With `counts` (whole numbers) up to 5, the colour bar's ticks are 0, 1, 2, …
    (plotly's own steps would be 0.2, 0.4, …; above 5 they are whole numbers already)."""
    ticks = {"tick0": 0, "dtick": 1} if counts and zmax <= 5 else {}
    return go.Choropleth(
        name="Countries with a value",
        geojson=geojson,
        featureidkey="properties.iso3",
        locations=shown["iso3"].tolist(),
        z=shown["value"].tolist(),  # plain lists: plotly.js does not decode typed arrays inside frames
        zmin=0,
        zmax=zmax,
        colorscale=EVENTS_SCALE,
        colorbar={"title": {"text": unit}, "thickness": 12, "len": 0.6, **ticks},
        marker={"line": {"color": "#333333", "width": 1}},
        text=[names.get(c, c) for c in shown["iso3"]],
        customdata=shown["detail"],
        hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>",
    )


def _add_year_slider(fig: go.Figure, frames: dict[int, pd.DataFrame]) -> None:
    """Frames of the coloured trace, one per year, with a slider and a play button."""
    years = sorted(frames)
    # A frame carries only what changes: the values and their hover text, not the shapes again.
    fig.frames = [
        go.Frame(
            name=str(year),
            data=[
                go.Choropleth(
                    locations=frames[year]["iso3"].tolist(),
                    z=frames[year]["value"].tolist(),  # plain lists: plotly.js does not decode typed arrays here
                    customdata=frames[year]["detail"].tolist(),
                )
            ],
            traces=[1],
        )
        for year in years
    ]
    step_args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    fig.update_layout(
        sliders=[
            {
                "active": len(years) - 1,
                "currentvalue": {"prefix": "Up to the end of "},
                "pad": {"t": 10},
                "steps": [{"label": str(y), "method": "animate", "args": [[str(y)], step_args]} for y in years],
            }
        ],
        updatemenus=[
            {
                "type": "buttons",
                "showactive": False,
                "x": 0,
                "y": 0,
                "xanchor": "right",
                "yanchor": "top",
                "pad": {"t": 40, "r": 10},
                "buttons": [
                    {
                        "label": "Play",
                        "method": "animate",
                        "args": [None, {**step_args, "frame": {"duration": 600, "redraw": True}, "fromcurrent": False}],
                    }
                ],
            }
        ],
    )


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


TIMELINE_PAD = pd.Timedelta(days=183)
SPREAD = 0.3  # of a row, between markers that share a row and a day
ROW_PX = 60
TIMELINE_BOTTOM = 200  # px below the plot: the date axis, its title and the legend


def _offsets(keys: pd.DataFrame, step: float, room: float) -> tuple[np.ndarray, int]:
    """Offsets that spread apart the rows sharing every column of `keys`: `step` apart (closer when
    many share, to stay within `room`), centred on 0; and the size of the largest such group."""
    groups = keys.groupby(list(keys.columns), sort=False, dropna=False)
    rank = groups.cumcount().to_numpy()
    size = groups[keys.columns[0]].transform("size").to_numpy()
    spacing = np.minimum(step, room / np.maximum(size - 1, 1))
    return (rank - (size - 1) / 2) * spacing, int(size.max(initial=1))


def _heights(rows: pd.Series, days: pd.Series, order: list[str]) -> tuple[np.ndarray, int]:
    """Each marker's height on the y axis: its row's position (the first of `order` on top), spread
    apart where markers share a row and a day; and the largest such group."""
    key = pd.DataFrame({"row": rows.to_numpy(), "day": days.to_numpy()})
    offsets, crowd = _offsets(key, SPREAD, 0.8)
    base = key["row"].map({label: len(order) - 1 - i for i, label in enumerate(order)}).to_numpy(dtype=float)
    return base + offsets, crowd


def timeline(events: pd.DataFrame, title: str, deals: pd.DataFrame | None = None) -> go.Figure:
    """Events over time: a row per direction, colour by type, size by level; one marker per event.

    `deals` (announced commitments linked to events, from `investments_table`) are drawn as stars
    on their own row, with the event where each was announced. Markers on the same row and day are
    spread apart within the row.
    """
    if deals is None:  # no deals row; only `period_end` is read from an empty frame
        deals = pd.DataFrame({"period_end": pd.Series(dtype="datetime64[ns]")})
    if events.empty and deals.empty:
        return empty_figure(title, "No events match the filter.")
    order = [label for label in DIRECTION_LABELS.values() if label in set(events["direction_label"])]
    order += [DEALS_ROW] if len(deals) else []
    heights, crowd = _heights(
        pd.concat([events["direction_label"], pd.Series(DEALS_ROW, index=deals.index)], ignore_index=True),
        pd.concat([events["start_date"], deals["period_end"]], ignore_index=True),
        order,
    )
    events = events.assign(y=heights[: len(events)])
    fig = go.Figure(layout=_layout(title))
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
                y=heights[len(events) :],
                mode="markers",
                marker={"symbol": "star", "size": 14, "color": "#E69F00", "line": {"width": 1, "color": "#7a4f00"}},
                customdata=list(zip(deals["value_text"], deals["parties"], deals["event_title"])),
                hovertemplate=(
                    "<b>%{customdata[0]}</b> (%{customdata[1]})<br>Announced at: %{customdata[2]}<extra></extra>"
                ),
            )
        )
    dates = pd.concat([events["start_date"], deals["period_end"]])
    # Events all on one day: plotly would span a millisecond around them; show the half-years around it.
    around = (
        {"range": [dates.min() - TIMELINE_PAD, dates.max() + TIMELINE_PAD]}
        if dates.max() - dates.min() < TIMELINE_PAD
        else {}
    )
    row_px = min(max(ROW_PX, 16 * crowd), 100)  # room for a crowded day's markers, up to a point
    height = 260 + row_px * len(order)
    fig.update_layout(
        height=height,
        # Fixed margins, the legend in the bottom one (room for five lines of it, a narrow window's):
        # left to itself plotly draws the chart, widens its margins to fit legend and row names, and
        # draws it again, which made a page with a timeline slower to show its first chart.
        margin={"l": 170, "r": 20, "t": 60, "b": TIMELINE_BOTTOM, "autoexpand": False},
        legend={
            "orientation": "h",
            "yref": "container",
            "y": (TIMELINE_BOTTOM - 65) / height,
            "yanchor": "top",
            "x": 0,
            "xanchor": "left",
        },
        xaxis={
            "title": {"text": "Date (marker size: level of the most senior official)"},
            "gridcolor": "#eeeeee",
            "automargin": False,
            **around,
        },
        yaxis={
            "title": {"text": ""},
            "tickvals": list(range(len(order))),
            "ticktext": order[::-1],
            "range": [-0.6, len(order) - 0.4],
            "showgrid": False,
            "zeroline": False,
            "automargin": False,
        },
    )
    return fig


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
    layout = _layout(title) | _panels([names[c] for c in countries], gap=70 / height)
    layout["height"] = height
    # A fixed left margin for the US$ ticks and title: letting plotly fit one per axis (automargin)
    # redraws the chart once per axis, a sixth of the time of an image export of five panels.
    layout["margin"] = layout["margin"] | {"l": 70}
    layout["legend"] = {"orientation": "h", "y": -0.08 if len(countries) > 2 else -0.15, "yanchor": "top"}
    return go.Figure(data=traces, layout=layout)


def _axis_suffix(index: int) -> str:
    """Plotly's name for the `index`-th axis: '' for the first, then '2', '3', …"""
    return "" if index == 0 else str(index + 1)


def _panels(titles: list[str], gap: float) -> dict:
    """Layout of panels stacked one above the other, sharing the years, each titled and with its own
    US$ axis (ticks up to three digits: the left margin is fixed); `gap` is the fraction of the
    height between two panels (room for the lower one's title)."""
    share = (1 - gap * (len(titles) - 1)) / len(titles)
    layout: dict = {"annotations": []}
    for index, title in enumerate(titles):
        suffix, top = _axis_suffix(index), 1 - index * (share + gap)
        layout[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}",
            "matches": "x" if index else None,
            "dtick": 1,
            "gridcolor": "#eeeeee",
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
