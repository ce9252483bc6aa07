"""Region shapes: built from Natural Earth without gaps or overlaps."""

from __future__ import annotations

import itertools

import geopandas as gpd
from shapely.geometry import Polygon, box

from c5dash import geo

NEIGHBOURS = {"RUS", "CHN", "AFG", "IRN", "MNG", "PAK", "AZE"}


def test_committed_shapes_hold_the_five_and_their_neighbours():
    shapes = geo.countries(geo.read_shapes())
    assert set(shapes.loc[shapes["is_c5"], "iso3"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert NEIGHBOURS <= set(shapes["iso3"])
    assert shapes["iso3"].is_unique


def test_committed_shapes_stay_in_the_region():
    shapes = geo.read_shapes()  # the countries and the seas and lakes
    minx, miny, maxx, maxy = shapes.total_bounds
    lon_min, lat_min, lon_max, lat_max = geo.REGION_BOUNDS
    assert lon_min - 1e-6 <= minx and maxx <= lon_max + 1e-6
    assert lat_min - 1e-6 <= miny and maxy <= lat_max + 1e-6


def test_committed_shapes_do_not_overlap():
    shapes = geo.countries(geo.read_shapes())
    for a, b in itertools.combinations(shapes.geometry, 2):
        assert a.intersection(b).area < 1e-9


def test_build_region_clips_and_keeps_shared_borders():
    # Two squares sharing an edge, one far outside the region.
    world = gpd.GeoDataFrame(
        {
            "iso_a3": ["KAZ", "RUS", "USA"],
            "name": ["Kazakhstan", "Russia", "United States"],
            "geometry": [box(50, 40, 60, 50), box(60, 40, 100, 70), box(-100, 30, -80, 40)],
        },
        crs="EPSG:4326",
    )
    region = geo.build_region(world)
    assert list(region["iso3"]) == ["KAZ", "RUS"]
    assert list(region["is_c5"]) == [True, False]
    kaz, rus = region.geometry
    assert kaz.intersection(rus).area == 0
    assert kaz.touches(rus)
    assert rus.bounds[2] <= geo.REGION_BOUNDS[2] and rus.bounds[3] <= geo.REGION_BOUNDS[3]


def test_label_points_fall_inside_their_country():
    shapes = geo.countries(geo.read_shapes())
    points = geo.label_points(shapes)
    for geom, lon, lat in zip(shapes.geometry, points["lon"], points["lat"]):
        assert geom.contains(gpd.points_from_xy([lon], [lat])[0])


def test_geojson_features_are_keyed_by_iso3():
    shapes = gpd.GeoDataFrame({"iso3": ["KAZ"], "name": ["K"], "geometry": [Polygon([(0, 0), (1, 0), (1, 1)])]})
    features = geo.to_geojson(shapes)["features"]
    assert features[0]["properties"]["iso3"] == "KAZ"
