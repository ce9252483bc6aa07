"""Country shapes of the region: building them from Natural Earth, and using them at run time."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from c5dash.schemas import C5

SHAPES_FILE = Path(__file__).resolve().parent.parent / "data" / "boundaries" / "central_asia_110m.geojson"
# lon_min, lat_min, lon_max, lat_max: the five countries with their neighbours and the Caspian shore.
REGION_BOUNDS = (44.0, 24.0, 96.0, 58.0)
SIMPLIFY_TOLERANCE = 0.05  # degrees


def build_region(
    world: gpd.GeoDataFrame, bounds: tuple[float, float, float, float] = REGION_BOUNDS
) -> gpd.GeoDataFrame:
    """Clip Natural Earth admin-0 countries to the region and simplify them keeping shared borders shared.

    `world` needs the columns `iso_a3` and `name` (as in Natural Earth's low-resolution file).
    """
    frame = world.rename(columns={"iso_a3": "iso3"})[["iso3", "name", "geometry"]]
    frame = frame[frame.intersects(box(*bounds))]
    frame = frame.clip(box(*bounds))
    frame = frame[frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])].copy()
    frame["geometry"] = frame.geometry.simplify_coverage(SIMPLIFY_TOLERANCE)
    frame["is_c5"] = frame["iso3"].isin(C5)
    return frame.sort_values("iso3").reset_index(drop=True)


def read_shapes(path: Path = SHAPES_FILE) -> gpd.GeoDataFrame:
    """The committed region shapes: one row per country with iso3, name, is_c5 and geometry."""
    return gpd.read_file(path)


def label_points(shapes: gpd.GeoDataFrame) -> pd.DataFrame:
    """A point inside each country for its label: iso3, name, lon, lat."""
    points = shapes.geometry.representative_point()
    return pd.DataFrame({"iso3": shapes["iso3"], "name": shapes["name"], "lon": points.x, "lat": points.y})


def to_geojson(shapes: gpd.GeoDataFrame) -> dict:
    """A GeoJSON FeatureCollection for Plotly, features keyed by `properties.iso3`."""
    return json.loads(shapes[["iso3", "name", "geometry"]].to_json(drop_id=True))
