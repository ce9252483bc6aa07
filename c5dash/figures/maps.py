"""The map of the five countries and their neighbours."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely.geometry import box

from c5dash.figures.common import _layout
from c5dash.geo import countries as country_shapes
from c5dash.geo import label_points, to_geojson
from c5dash.geo import water as water_shapes

# Pale yellow to mid green: dark country names stay readable on every shade, and no value takes the
# blue of the seas and lakes (a blue scale's light shades did).
EVENTS_SCALE = [[0, "#ffffcc"], [1, "#41ab5d"]]
NEIGHBOUR_GREY = "#dddddd"
UNSELECTED_GREY = "#bbbbbb"
WATER_BLUE = "#b7d3ea"
NEIGHBOUR_LABEL_GREY = "#6f6f6f"
# The view of the map: the five countries with their neighbours, about twice as wide as high
# (Mercator), so that it fills the width of the page on a screen and on a phone.
MAP_LON_RANGE = (34.0, 101.0)
MAP_LAT_RANGE = (33.0, 57.0)
# The width of the chart on a wide screen (Streamlit's wide layout in a 1400 px window): the map is as
# high as its view needs at that width. `fitted` lays a map out for another width (a phone, an image).
SCREEN_WIDTH = 870  # px
TOP_PX, BOTTOM_PX, SIDE_PX = 60, 40, 20  # the margins of `_layout`: title above, room below, both sides
COLOUR_BAR_PX = 60  # under the map: the colour bar and its numbers
SLIDER_PX = 80  # under the colour bar: the year slider with its labels, Play and Pause
NARROW_PX, NARROW_NAME_PX = 500, 8  # a map narrower than this names countries in smaller type
BUTTONS_LIFT_PX = 14  # Play and Pause stand this high above the bottom, clear of the slider's labels
# Square degrees in view: a neighbour smaller than this is not named (Ukraine's corner, 16, would put its
# name on Russia's on a phone).
NEIGHBOUR_MIN_AREA = 20.0
ATTRIBUTION = "Boundaries and water: Made with Natural Earth."
COLOURED = "Countries with a value"  # the name of the trace of the coloured countries
MAP_META = "c5dash region map"  # layout.meta of a map from `region_map`


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


# Width over height of the map's view in the Mercator projection.
MAP_ASPECT = math.radians(MAP_LON_RANGE[1] - MAP_LON_RANGE[0]) / (
    _mercator_y(MAP_LAT_RANGE[1]) - _mercator_y(MAP_LAT_RANGE[0])
)


def map_height(width: int, slider: bool) -> int:
    """The height of a map figure `width` px wide: its view at full width, the colour bar and (with
    `slider`) the year slider under it, and the margins; no band of white above or below the map."""
    return round(TOP_PX + (width - SIDE_PX) / MAP_ASPECT + COLOUR_BAR_PX + (SLIDER_PX if slider else 0) + BOTTOM_PX)


def fitted(fig: go.Figure, width: int) -> go.Figure:
    """A copy of a map from `region_map` laid out for a chart `width` px wide (a phone, an image)."""
    copy = go.Figure(fig.to_dict(), _validate=False)  # `fig` is valid: checking it again costs 0.3 s
    fit(copy, width)
    return copy


def fit(fig: go.Figure, width: int) -> None:
    """Lay a map from `region_map` out, in place, for a chart `width` px wide."""
    _lay_out(fig, width)
    if width < NARROW_PX:  # names small enough not to run into each other
        fig.update_traces(textfont_size=NARROW_NAME_PX, selector={"mode": "text"})


def is_map(fig: go.Figure) -> bool:
    """Whether `fig` is a map from `region_map` (not a figure that holds a copy of its traces)."""
    return fig.layout.meta == MAP_META


def _lay_out(fig: go.Figure, width: int) -> None:
    """Height, map, colour bar and slider placed for a chart `width` px wide, from the fixed pixel rooms
    (plotly places them in fractions of the height)."""
    slider = bool(fig.layout.sliders)
    height = map_height(width, slider)
    plot = height - TOP_PX - BOTTOM_PX
    bar_y = SLIDER_PX / plot if slider else 0.0
    fig.update_layout(height=height)
    fig.update_geos(domain={"x": [0, 1], "y": [bar_y + COLOUR_BAR_PX / plot, 1]})
    fig.update_traces(colorbar_y=bar_y, selector={"name": COLOURED})
    if slider:  # Play and Pause with their bottom just above the slider's year labels
        fig.update_layout(updatemenus=[fig.layout.updatemenus[0].update(y=BUTTONS_LIFT_PX / plot)])


def region_map(
    shapes: gpd.GeoDataFrame,
    values: pd.DataFrame,
    unit: str,
    title: str,
    places: pd.DataFrame | None = None,
    capitals: pd.DataFrame | None = None,
    frames: dict[int, pd.DataFrame] | None = None,
    place_frames: dict[int, pd.DataFrame] | None = None,
) -> go.Figure:
    """Choropleth of one value per country; countries without a value and the neighbours in grey, seas
    and lakes in blue, the neighbours named.

    `shapes` holds the countries and, with `kind` "water", the seas and lakes (`geo.read_shapes`).
    `values` has iso3, value, detail (the hover text: period, units, reporter). `places` (name, lat,
    lon, events, detail) are drawn as circles sized by their number of events, `capitals` (name, lat,
    lon, and country if known) as stars. `frames` maps a year to values of that year: the map then gets
    a year slider with play; `place_frames` maps each year to the places' events up to it (the rows of
    `places`, in the same order). Trace 1 is always the coloured countries, so a click on it names a
    country.
    """
    countries, water = country_shapes(shapes), water_shapes(shapes)
    geojson = to_geojson(countries)
    names = dict(zip(countries["iso3"], countries["name"]))
    shown = values.dropna(subset=["value"])
    details = dict(zip(values["iso3"], values["detail"]))
    grey = countries[~countries["iso3"].isin(shown["iso3"])]
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
            text=[f"<b>{n}</b><br>{details[c]}" if c in details else n for c, n in zip(grey["iso3"], grey["name"])],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    final = frames[max(frames)] if frames else shown
    zmax = max(1.0, float(final["value"].max()) if len(final) else 1.0)
    counts = all(frame["value"].dropna().mod(1).eq(0).all() for frame in [shown, *(frames or {}).values()])
    fig.add_trace(_coloured(_features(geojson, coloured), shown, names, unit, zmax, counts))
    if len(water):
        fig.add_trace(
            go.Choropleth(
                name="Seas and lakes",
                geojson=to_geojson(water, key="name"),
                featureidkey="properties.name",
                locations=water["name"],
                z=[0] * len(water),
                colorscale=[[0, WATER_BLUE], [1, WATER_BLUE]],
                showscale=False,
                marker={"line": {"color": WATER_BLUE, "width": 0}},
                hovertemplate="%{location}<extra></extra>",
            )
        )
    fig.add_trace(_names("Neighbours", _neighbour_labels(countries[~countries["is_c5"]]), NEIGHBOUR_LABEL_GREY))
    if places is not None and len(places):
        fig.add_trace(
            go.Scattergeo(
                name="Event places",
                lon=places["lon"],
                lat=places["lat"],
                text=places["name"],
                customdata=places["detail"],
                mode="markers",
                marker={
                    "size": _place_sizes(places["events"]),
                    "color": "rgba(213, 94, 0, 0.55)",
                    "line": {"color": "#7a3500", "width": 1},
                },
                hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>",
            )
        )
    if capitals is not None and len(capitals):
        of = capitals["country"] if "country" in capitals else pd.Series([""] * len(capitals), index=capitals.index)
        fig.add_trace(
            go.Scattergeo(
                name="Capitals",
                lon=capitals["lon"],
                lat=capitals["lat"],
                text=[f"{n}, capital of {c}" if c else f"{n} (capital)" for n, c in zip(capitals["name"], of)],
                mode="markers",
                marker={"size": 7, "color": "#222222", "symbol": "star"},
                hovertemplate="%{text}<extra></extra>",
            )
        )
    # The five named last, over the circles of their capitals (under them the names were hidden).
    fig.add_trace(_names("Countries", label_points(countries[countries["is_c5"]]), "#222222"))
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=list(MAP_LON_RANGE),
        lataxis_range=list(MAP_LAT_RANGE),
        bgcolor=WATER_BLUE,  # every bit of land in view is a country: what is left is the Caspian and the lakes
        showframe=False,
    )
    fig.update_layout(
        meta=MAP_META,
        showlegend=False,
        annotations=[
            {
                # In the bottom margin, under the colour bar and the slider: beside them it ran into the
                # colour bar's numbers on a phone.
                "text": ATTRIBUTION,
                "x": 1,
                "y": 0,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "right",
                "yanchor": "top",
                "yshift": -6,  # the slider's year labels reach a little below its box
                "showarrow": False,
                "font": {"size": 10, "color": "#555555"},
            }
        ],
    )
    if frames:
        places_trace = next((i for i, t in enumerate(fig.data) if t.name == "Event places"), None)
        _add_year_slider(fig, frames, place_frames if places_trace is not None else None, places_trace)
    _lay_out(fig, SCREEN_WIDTH)
    return fig


def _names(name: str, points: pd.DataFrame, color: str) -> go.Scattergeo:
    """Country names written at their label points (name, lon, lat), not hovered."""
    return go.Scattergeo(
        name=name,
        lon=points["lon"],
        lat=points["lat"],
        text=points["name"],
        mode="text",
        textfont={"size": 11, "color": color},
        hoverinfo="skip",
    )


def _neighbour_labels(neighbours: gpd.GeoDataFrame) -> pd.DataFrame:
    """A label point for each neighbour with a fair share of the view, inside its part in view."""
    view = box(MAP_LON_RANGE[0] + 1, MAP_LAT_RANGE[0] + 1, MAP_LON_RANGE[1] - 1, MAP_LAT_RANGE[1] - 1)
    in_view = neighbours.assign(geometry=neighbours.geometry.intersection(view))
    in_view = in_view[shapely.area(in_view.geometry.to_numpy()) >= NEIGHBOUR_MIN_AREA]
    return label_points(in_view)


def _place_sizes(events: pd.Series) -> list[float]:
    """Circle sizes: growing with the square root of the number of events; none where there is none."""
    return [8 + 4 * n**0.5 if n > 0 else 0 for n in events]


def _features(geojson: dict, codes: set[str]) -> dict:
    """The part of a FeatureCollection for `codes`: each trace carries only its own shapes, so no
    outline is sent to the browser twice."""
    return {**geojson, "features": [f for f in geojson["features"] if f["properties"]["iso3"] in codes]}


def _coloured(geojson: dict, shown: pd.DataFrame, names: dict, unit: str, zmax: float, counts: bool) -> go.Choropleth:
    """The countries with a value. With `counts` (whole numbers) up to 5, the colour bar's ticks are 0, 1, 2, …
    (plotly's own steps would be 0.2, 0.4, …; above 5 they are whole numbers already)."""
    ticks = {"tick0": 0, "dtick": 1} if counts and zmax <= 5 else {}
    return go.Choropleth(
        name=COLOURED,
        geojson=geojson,
        featureidkey="properties.iso3",
        locations=shown["iso3"].tolist(),
        z=shown["value"].tolist(),  # plain lists: plotly.js does not decode typed arrays inside frames
        zmin=0,
        zmax=zmax,
        colorscale=EVENTS_SCALE,
        # Across, under the map's left half: clear of the map and of the year slider under it, at any width.
        colorbar={
            "title": {"text": unit, "side": "right"},
            "orientation": "h",
            "thickness": 10,
            "lenmode": "pixels",
            "len": 220,
            "x": 0,
            "xanchor": "left",
            "y": 0,  # placed by `_lay_out`
            "yanchor": "bottom",
            **ticks,
        },
        marker={"line": {"color": "#333333", "width": 1}},
        text=[names.get(c, c) for c in shown["iso3"]],
        customdata=shown["detail"],
        hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>",
    )


def _add_year_slider(
    fig: go.Figure,
    frames: dict[int, pd.DataFrame],
    place_frames: dict[int, pd.DataFrame] | None,
    places_trace: int | None,
) -> None:
    """Frames of the coloured trace (and of the event places), one per year, with a slider and Play/Pause."""
    years = sorted(frames)

    def frame_data(year: int) -> list[dict]:
        # A frame carries only what changes: the values and their hover text, not the shapes again.
        data = [
            {
                "type": "choropleth",
                "locations": frames[year]["iso3"].tolist(),
                "z": frames[year]["value"].tolist(),  # plain lists: plotly.js does not decode typed arrays here
                "customdata": frames[year]["detail"].tolist(),
            }
        ]
        if place_frames is not None:
            data.append(
                {
                    "type": "scattergeo",
                    "marker": {"size": _place_sizes(place_frames[year]["events"])},
                    "customdata": place_frames[year]["detail"].tolist(),
                }
            )
        return data

    traces = [1] if place_frames is None else [1, places_trace]
    # Plain dicts, made into plotly's objects (and checked) once, here; objects would be copied twice.
    fig.frames = [{"name": str(year), "data": frame_data(year), "traces": traces} for year in years]
    # "immediate" drops a pending frame instead of queuing it, and no transition is ever running: fast
    # clicks on Play, Pause or the slider interrupt the animation cleanly.
    step_args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    play_args = {**step_args, "frame": {"duration": 600, "redraw": True}, "fromcurrent": False}
    fig.update_layout(
        sliders=[
            {
                "active": len(years) - 1,
                "currentvalue": {"prefix": "Up to the end of ", "xanchor": "right"},  # clear of the buttons
                "x": 0.16,
                "len": 0.84,
                "y": 0,
                "yanchor": "bottom",
                "pad": {"t": 0, "b": 0},
                "steps": [{"label": str(y), "method": "animate", "args": [[str(y)], step_args]} for y in years],
            }
        ],
        updatemenus=[
            {
                "type": "buttons",
                # One above the other, left of the slider: side by side they ran onto the slider's
                # start (1991) on a phone.
                "direction": "down",
                "showactive": False,
                "x": 0,
                "y": 0,  # placed by `_lay_out`
                "xanchor": "left",
                "yanchor": "bottom",
                "pad": {"t": 0, "r": 0},
                "buttons": [
                    {"label": "Play", "method": "animate", "args": [None, play_args]},
                    {"label": "Pause", "method": "animate", "args": [[None], step_args]},
                ],
            }
        ],
    )
