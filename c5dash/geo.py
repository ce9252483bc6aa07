"""Shapes of the region: its countries and its water, built from Natural Earth and used at run time."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient

from c5dash.schemas import C5

BOUNDARIES = Path(__file__).resolve().parent.parent / "data" / "boundaries"
SHAPES_FILE = BOUNDARIES / "central_asia_110m.geojson"
WATER_FILE = BOUNDARIES / "central_asia_water_110m.geojson"
# lon_min, lat_min, lon_max, lat_max: the five countries with their neighbours, wider than any view
# of the map, so that every bit of land the map shows is a country.
REGION_BOUNDS = (30.0, 24.0, 106.0, 60.0)
SIMPLIFY_TOLERANCE = 0.05  # degrees
# Natural Earth codes that are not ISO 3166-1 alpha-3, and the country ISO 3166 counts their area in.
NOT_ISO = {"CYN": "CYP"}  # Northern Cyprus
# A point inside each named body of water of Natural Earth's 1:110m ocean and lakes in the region.
WATER_NAMES = {
    "Caspian Sea": (51.0, 42.0),
    "Aral Sea": (59.5, 45.3),
    "Lake Balkhash": (74.5, 46.2),
    "Lake Baikal": (107.0, 53.0),
}


def build_region(
    world: gpd.GeoDataFrame, bounds: tuple[float, float, float, float] = REGION_BOUNDS
) -> gpd.GeoDataFrame:
    """Clip Natural Earth admin-0 countries to the region and simplify them keeping shared borders shared.

    `world` needs the columns `iso_a3` and `name` (as in Natural Earth's low-resolution file).
    """
    frame = world.rename(columns={"iso_a3": "iso3"})[["iso3", "name", "geometry"]]
    frame = frame[frame.intersects(box(*bounds))]
    # A part Natural Earth codes apart (not an ISO 3166 code) joins the country ISO 3166 counts it in.
    parts = frame["iso3"].isin(list(NOT_ISO))
    frame = frame.assign(iso3=frame["iso3"].replace(NOT_ISO))
    names = frame[~parts].set_index("iso3")["name"]
    frame = frame.dissolve("iso3", as_index=False)[["iso3", "geometry"]].assign(name=lambda f: f["iso3"].map(names))
    frame = frame[["iso3", "name", "geometry"]]
    frame = frame.clip(box(*bounds))
    frame = frame[frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])].copy()
    frame["geometry"] = frame.geometry.simplify_coverage(SIMPLIFY_TOLERANCE)
    frame["is_c5"] = frame["iso3"].isin(C5)
    return frame.sort_values("iso3").reset_index(drop=True)


def build_water(water: gpd.GeoDataFrame, bounds: tuple[float, float, float, float] = REGION_BOUNDS) -> gpd.GeoDataFrame:
    """The seas and lakes of `water` (Natural Earth ocean and lakes polygons) in the region, named from
    `WATER_NAMES`; one named in none of them is left out."""
    clipped = water[water.intersects(box(*bounds))].clip(box(*bounds))
    rows = []
    for name, (lon, lat) in WATER_NAMES.items():
        inside = clipped[clipped.contains(Point(lon, lat))]
        if len(inside):
            rows.append({"name": name, "geometry": inside.geometry.iloc[0]})
    return gpd.GeoDataFrame(rows, columns=["name", "geometry"], geometry="geometry", crs=water.crs)


def read_shapes(path: Path = SHAPES_FILE, water_path: Path | None = WATER_FILE) -> gpd.GeoDataFrame:
    """The committed region shapes: one row per country (kind "country") with iso3, name, is_c5 and
    geometry, then one per sea or lake (kind "water", no iso3)."""
    countries = gpd.read_file(path).assign(kind="country")
    if water_path is None:
        return countries
    water = gpd.read_file(water_path).assign(kind="water", iso3=None, is_c5=False)
    return gpd.GeoDataFrame(pd.concat([countries, water], ignore_index=True), crs=countries.crs)


def countries(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The countries of `read_shapes`, without the seas and lakes."""
    return shapes[shapes["kind"] != "water"] if "kind" in shapes else shapes


def water(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The seas and lakes of `read_shapes`."""
    return shapes[shapes["kind"] == "water"] if "kind" in shapes else shapes.iloc[0:0]


def label_points(shapes: gpd.GeoDataFrame) -> pd.DataFrame:
    """A point inside each country for its label: iso3, name, lon, lat."""
    points = shapes.geometry.representative_point()
    return pd.DataFrame({"iso3": shapes["iso3"], "name": shapes["name"], "lon": points.x, "lat": points.y})


def _clockwise(geometry: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    """Outer rings clockwise, holes anticlockwise: the winding plotly.js (d3-geo) reads as "inside".
    An outer ring wound the other way is drawn as the whole globe but the shape, hiding what lies under it."""
    if isinstance(geometry, Polygon):
        return orient(geometry, sign=-1.0)
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([orient(part, sign=-1.0) for part in geometry.geoms])
    return geometry


def to_geojson(shapes: gpd.GeoDataFrame, key: str = "iso3") -> dict:
    """A GeoJSON FeatureCollection for Plotly, features keyed by `properties.<key>`, wound as plotly.js
    draws them."""
    frame = shapes[list(dict.fromkeys([key, "name", "geometry"]))].copy()
    frame["geometry"] = frame.geometry.map(_clockwise)
    return json.loads(frame.to_json(drop_id=True))
