"""Time image export through the kaleido export server: `python benchmarks/exports.py`.

Prints the first export (which starts Chromium) and the median of ten warm exports per format, for
the overview map, the timeline and the trade chart (all five countries, the tallest chart), and
writes the table to benchmarks/results-exports.md. A benchmark, not a test: numbers depend on the
machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from c5dash import exports, figures, metrics, transform, views  # noqa: E402
from c5dash.browser import ROOT  # noqa: E402
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
        "trade": views.trade(dataset, [], bounds, "turnover").figure,
    }
    server = exports.ExportServer()
    start = time.perf_counter()
    server.image(charts["map"], "png")
    first = time.perf_counter() - start
    lines = [
        f"Image export, {date.today():%Y-%m-%d}, Python {sys.version.split()[0]}, {os.cpu_count()} cores",
        "",
        f"Server start and first PNG (the map): {first:.2f} s. Warm exports, median of 10:",
        "",
        "| chart | format | median warm (s) | bytes |",
        "|---|---|---:|---:|",
    ]
    for name, fig in charts.items():
        for fmt in exports.IMAGE_FORMATS:
            times = []
            for _ in range(10):
                t = time.perf_counter()
                data = server.image(fig, fmt)
                times.append(time.perf_counter() - t)
            lines.append(f"| {name} | {fmt} | {statistics.median(times):.3f} | {len(data)} |")
    server.stop()
    table = "\n".join(lines) + "\n"
    print(table)
    (ROOT / "benchmarks" / "results-exports.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
