"""The map of the five countries and their neighbours."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from c5dash.figures.common import _layout
from c5dash.geo import label_points, to_geojson

# Light to mid blue, so that dark country labels stay readable on every shade.
EVENTS_SCALE = [[0, "#e8f1fa"], [1, "#4a90c8"]]
NEIGHBOUR_GREY = "#dddddd"
UNSELECTED_GREY = "#bbbbbb"
# The view of the map: the five countries with a margin of their neighbours.
MAP_LON_RANGE = (46.0, 88.0)
MAP_HEIGHT = 520  # pixels
MAP_HEIGHT_WITH_SLIDER = 560
MAP_LAT_RANGE = (34.0, 56.0)
ATTRIBUTION = "Boundaries: Made with Natural Earth."


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
