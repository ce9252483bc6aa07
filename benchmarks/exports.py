"""Time image export through the kaleido export server: `python benchmarks/exports.py`.

Prints the first export (which starts Chromium) and the median of ten warm exports per format,
for the overview map and the timeline. A benchmark, not a test: numbers depend on the machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from c5dash import exports, figures, metrics, transform  # noqa: E402
from c5dash.data import load_dataset  # noqa: E402
from c5dash.geo import read_shapes  # noqa: E402


def main() -> None:
    """Build two charts, start the export server, time each format."""
    dataset, problems = load_dataset()
    assert not problems
    bounds = transform.year_bounds(dataset)
    shown = metrics.count_values(dataset, [], bounds, "events")
    charts = {
        "map": figures.region_map(read_shapes(), shown.values, shown.unit, shown.title),
        "timeline": figures.timeline(transform.events_table(dataset), "Timeline"),
    }
    server = exports.ExportServer()
    start = time.perf_counter()
    server.image(charts["map"], "png")
    print(f"server start and first PNG: {time.perf_counter() - start:.2f} s")
    print(f"{'chart':10} {'format':6} {'median warm (s)':>16} {'bytes':>10}")
    for name, fig in charts.items():
        for fmt in exports.IMAGE_FORMATS:
            times = []
            for _ in range(10):
                t = time.perf_counter()
                data = server.image(fig, fmt)
                times.append(time.perf_counter() - t)
            print(f"{name:10} {fmt:6} {statistics.median(times):16.3f} {len(data):10d}")
    server.stop()


if __name__ == "__main__":
    main()
