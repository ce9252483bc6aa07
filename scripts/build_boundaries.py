"""Rebuild data/boundaries/central_asia_110m.geojson from Natural Earth (public domain).

The 1:110m admin-0 countries come inside the geopandas 0.14.4 wheel on PyPI
(geopandas/datasets/naturalearth_lowres). This script downloads that wheel with pip,
checks its hash, clips the countries to the region and simplifies them without gaps or
overlaps. Run: `python scripts/build_boundaries.py`.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from c5dash.geo import SHAPES_FILE, build_region  # noqa: E402

WHEEL = "geopandas-0.14.4-py3-none-any.whl"
WHEEL_SHA256 = "3bb6473cb59d51e1a7fe2dbc24a1a063fb0ebdeddf3ce08ddbf8c7ddc99689aa"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def main() -> None:
    """Download the wheel, extract the shapefile, write the region's GeoJSON."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--dest", tmp, "geopandas==0.14.4"],
            check=True,
        )
        wheel = Path(tmp) / WHEEL
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != WHEEL_SHA256:
            raise SystemExit(f"{WHEEL}: sha256 {digest} is not the expected {WHEEL_SHA256}")
        with zipfile.ZipFile(wheel) as archive:
            for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                archive.extract(MEMBER + suffix, tmp)
        world = gpd.read_file(Path(tmp) / (MEMBER + ".shp"))
    region = build_region(world)
    SHAPES_FILE.parent.mkdir(parents=True, exist_ok=True)
    region.to_file(SHAPES_FILE, driver="GeoJSON", COORDINATE_PRECISION=4)
    print(f"wrote {SHAPES_FILE} ({len(region)} countries, {SHAPES_FILE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
