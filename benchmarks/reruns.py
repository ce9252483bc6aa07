"""Server time per rerun of each page: `python benchmarks/reruns.py [--data DIR]`.

Runs each page under Streamlit's AppTest and prints the median of 20 reruns after a warm-up, in three
cases: the default view and the filter changed (one country, 2015–2023) rerun as they are, which is
what a click that does not change the view costs (a download, a table sort, a page revisited; the view
was computed once and is reused), and a new view on every rerun (the period's start moved one year
each time), which computes the view from the data. AppTest compiles the app's scripts anew on every run,
which a server does once (its script cache); the benchmark gives AppTest one cache for all runs, so that the
times are what a server pays. Writes the table to benchmarks/results-reruns.md
(on another data folder, `--data DIR`: results-reruns-10x.md for the synthetic 10×, see c5dash/benchdata.py).
A benchmark, not a test: numbers depend on the machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from c5dash.benchdata import bench_data  # noqa: E402

PAGES = {
    "Overview": "app.py",
    "Timeline": "pages/1_Timeline.py",
    "Partners": "pages/6_Partners.py",
    "Investment": "pages/2_Investment.py",
    "Trade": "pages/5_Trade.py",
    "Country profiles": "pages/4_Country_profiles.py",
    "Data & sources": "pages/3_Data_and_sources.py",
}
NEW_VIEW = "new view each rerun"
VIEWS = {
    "default view": {},
    "filter changed": {"country": "UZB", "from": "2015", "to": "2023"},
    NEW_VIEW: {},
}
RUNS = 20
_SCRIPTS = ScriptCache()  # compiled once for every run, as in a server
app_test.ScriptCache = local_script_runner.ScriptCache = lambda: _SCRIPTS


def median_rerun_ms(page: str, params: dict[str, str], new_view: bool = False) -> float:
    """Median wall time of a rerun of `page` with `params`, in milliseconds; with `new_view`, each
    rerun first moves the start of the period one year on."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if page != "app.py":
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    first, last = int(at.slider(key="sidebar_years").min), int(at.slider(key="sidebar_years").max)
    times = []
    for run in range(RUNS):
        if new_view:
            at.slider(key="sidebar_years").set_value((first + 1 + run, last))
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if new_view and at.query_params.get("from") != str(first + 1 + run):
            raise RuntimeError(f"{page}: the period did not change")
    return 1000 * statistics.median(times)


def main() -> None:
    """Measure every page in every view; print and save the table."""
    data = bench_data(description=__doc__.split("\n")[0])
    lines = [
        f"Median server time per rerun (ms), {RUNS} reruns, AppTest, {date.today():%Y-%m-%d}, "
        f"Python {sys.version.split()[0]}",
        "",
        data.describe(),
        "",
        "| page | " + " | ".join(VIEWS) + " |",
        "|---|" + "---:|" * len(VIEWS),
    ]
    for name, page in PAGES.items():
        cells = [f"{median_rerun_ms(page, params, view == NEW_VIEW):.0f}" for view, params in VIEWS.items()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    table = "\n".join(lines) + "\n"
    print(table)
    data.results(ROOT / "benchmarks", "results-reruns").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
