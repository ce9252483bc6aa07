"""Time image export through the kaleido export server: `python benchmarks/exports.py`.

Prints the first export (which starts Chromium) and the median of ten warm exports per format, for
the overview map, the timeline and the trade chart (all five countries, the tallest chart), each with
the footer the Download menu adds (the sources of the chart's rows and the citation): a chart's first
export also asks kaleido for the margins plotly.js draws it with (for the footer), later ones of the same
chart in any format reuse them. Writes the table to benchmarks/results-exports.md. A benchmark, not a
test: numbers depend on the machine.
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
from c5dash.footer import image_footer  # noqa: E402
from c5dash.geo import read_shapes  # noqa: E402


def main() -> None:
    """Build two charts, start the export server, time each format."""
    dataset, problems = load_dataset()
    assert not problems
    bounds = transform.year_bounds(dataset)
    shown = metrics.count_values(dataset, [], bounds, "events")
    trade = views.trade_page(dataset, [], bounds, "USA", "turnover")
    events = transform.events_table(dataset)
    charts = {  # each with the rows behind it, for its footer
        "map": (figures.region_map(read_shapes(), shown.values, shown.unit, shown.title), events),
        "timeline": (figures.timeline(events, "Timeline"), events),
        "trade": (trade.figure, trade.rows),
    }
    cite = exports.citation("http://127.0.0.1:8501/", "benchmark", date.today())
    server = exports.ExportServer()
    start = time.perf_counter()
    server.image(figures.timeline(events.head(3), "Three events"), "png")  # starts the server
    first = time.perf_counter() - start
    lines = [
        f"Image export, {date.today():%Y-%m-%d}, Python {sys.version.split()[0]}, {os.cpu_count()} cores",
        "",
        f"Server start and a first small PNG: {first:.2f} s. Then, the server running, each chart's first PNG "
        "(its margins asked of kaleido) and the median of 10 exports per format after it:",
        "",
        "| chart | format | first export of the chart (s) | median warm (s) | bytes |",
        "|---|---|---:|---:|---:|",
    ]
    for name, (fig, rows) in charts.items():
        footer = image_footer(rows, dataset.sources, cite)
        start = time.perf_counter()
        server.image(fig, "png", footer)
        first_of_chart = time.perf_counter() - start
        for fmt in exports.IMAGE_FORMATS:
            times = []
            for _ in range(10):
                t = time.perf_counter()
                data = server.image(fig, fmt, footer)
                times.append(time.perf_counter() - t)
            once = f"{first_of_chart:.3f}" if fmt == "png" else ""
            lines.append(f"| {name} | {fmt} | {once} | {statistics.median(times):.3f} | {len(data)} |")
    server.stop()
    table = "\n".join(lines) + "\n"
    print(table)
    (ROOT / "benchmarks" / "results-exports.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
