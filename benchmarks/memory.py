"""Memory the computed views can take at most: `python benchmarks/memory.py [--data DIR]`.

The app keeps up to `ui.MEMO_ENTRIES` (128) computed views per function of `c5dash.views`. This
fills that many distinct views of each (countries and periods varied) in one process and prints the
growth of its memory (proportional set size, `c5dash.browser.tree_memory_mb`) per function and in
all, beside the memory after loading the data; writes benchmarks/results-memory.md (on another data
folder: results-memory-10x.md for the synthetic 10×, see c5dash/benchdata.py). A benchmark, not a test:
the numbers depend on the machine.
"""

from __future__ import annotations

import gc
import itertools
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from c5dash import views  # noqa: E402
from c5dash.benchdata import bench_data  # noqa: E402
from c5dash.browser import ROOT, tree_memory_mb  # noqa: E402
from c5dash.data import load_dataset  # noqa: E402
from c5dash.geo import read_shapes  # noqa: E402
from c5dash.schemas import C5  # noqa: E402
from c5dash.ui import MEMO_ENTRIES as ENTRIES  # noqa: E402


def main() -> None:
    """Fill each function's views and print the growth."""
    data = bench_data(description=__doc__.split("\n")[0])
    before_data = tree_memory_mb(os.getpid())
    ds, problems = load_dataset(data.path)
    if ds is None:
        sys.exit("\n".join(map(str, problems)))
    shapes = read_shapes()
    today = date.today()
    makers: dict[str, Callable[[str, tuple[int, int]], object]] = {
        "overview": lambda c, years: views.overview(ds, shapes, [c], years, "events", today),
        "profile": lambda c, years: views.profile(ds, shapes, c, years),
        "timeline": lambda c, years: views.timeline(ds, [c], years, [], [], "any", ""),
        "investment": lambda c, years: views.investment_view(ds, [c], years, "fdi_stock"),
        "partners": lambda c, years: views.partners(ds, [c], years, []),
        "trade": lambda c, years: views.trade_page(ds, [c], years),
        "data_tables": lambda c, years: views.data_tables(ds, f"{c} {years[0]}"),
    }
    for make in makers.values():  # imports and first-call caches, not counted
        make("KAZ", (1991, 2026))
    first, last = 1991, 2026
    periods = [(a, b) for a in range(first, last + 1) for b in range(a, last + 1)]
    gc.collect()
    loaded = tree_memory_mb(os.getpid())
    kept: list[object] = []
    lines = [
        f"Memory of computed views, {ENTRIES} distinct views per function, {today:%Y-%m-%d}, "
        f"Python {sys.version.split()[0]}",
        "",
        data.describe(),
        "",
        f"After loading the data, the shapes and one view of each: {loaded:.0f} MB "
        f"(the data and the first views: {loaded - before_data:.0f} MB)",
        "",
        "| function | growth (MB) |",
        "|---|---:|",
    ]
    for name, make in makers.items():
        gc.collect()
        before = tree_memory_mb(os.getpid())
        for code, years in itertools.islice(zip(itertools.cycle(C5), periods[::3]), ENTRIES):
            kept.append(make(code, years))
        gc.collect()
        lines.append(f"| {name} | {tree_memory_mb(os.getpid()) - before:.0f} |")
    lines.append(f"| all | {tree_memory_mb(os.getpid()) - loaded:.0f} |")
    table = "\n".join(lines) + "\n"
    print(table)
    data.results(ROOT / "benchmarks", "results-memory").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
