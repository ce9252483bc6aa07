"""The dashboard in Chromium against a running server: `python benchmarks/browser.py [--data DIR]`.

Measures, against `streamlit run` on 127.0.0.1, started the same way as the browser tests:
1. time from navigation to the first chart drawn (or, on Data & sources, the first table), per
   page, over several cold loads (a fresh browser context each), each beside the same measure just
   before it for a minimal Streamlit app with one Plotly chart (benchmarks/minimal/app.py) started
   the same way, for that app with a small table under the chart (benchmarks/minimal/table_app.py), and
   for that app under the sidebar every page has (benchmarks/minimal/sidebar/app.py: a page's floor);
2. bytes the browser receives per page beyond Streamlit's own bundle (/static/): the WebSocket
   messages (figures, tables) and every other HTTP response (shapes, media);
3. server memory (proportional set size of the server and its child processes) with 1, 10 and 25
   open sessions, and with 25 after a PNG export has started the export server (kaleido's Chromium,
   which stops after `exports.EXPORT_SERVER_IDLE_SECONDS` without an export).

BENCH_LOADS sets the number of loads per page (default 11), BENCH_PAGES a comma-separated list of the
pages to load (default all). The load test (many users at once) is benchmarks/load.py. Prints a table and
writes it to benchmarks/results-browser.md (on another data folder: results-browser-10x.md for the
synthetic 10×, see c5dash/benchdata.py). A benchmark, not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright  # noqa: E402

from c5dash.benchdata import bench_data  # noqa: E402
from c5dash.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    ROOT,
    chromium_path,
    start_server,
    tree_memory_mb,
)
from c5dash.protocol import Session  # noqa: E402

PAGES = {  # page name: (path, what to wait for)
    "Overview": ("/", ".js-plotly-plot .main-svg"),
    "Timeline": ("/Timeline", ".js-plotly-plot .main-svg"),
    "Partners": ("/Partners", ".js-plotly-plot .main-svg"),
    "Investment": ("/Investment", ".js-plotly-plot .main-svg"),
    "Trade": ("/Trade", ".js-plotly-plot .main-svg"),
    "Country profiles": ("/Country_profiles", ".js-plotly-plot .main-svg"),
    "Data & sources": ("/Data_and_sources", "[data-testid='stDataFrame'] canvas"),
}
CHOSEN = [name.strip() for name in os.environ.get("BENCH_PAGES", "").split(",") if name.strip()]
MINIMAL = ("/", ".js-plotly-plot .main-svg")
LOADS = int(os.environ.get("BENCH_LOADS", 11))
SESSIONS = (1, 10, 25)
TIMEOUT_MS = 120_000


async def first_draw_ms(browser, base: str, path: str, selector: str) -> float:
    """Milliseconds from navigation start to `selector` first appearing, in a fresh context."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    await page.goto(base + path)
    handle = await page.wait_for_function(
        "(s) => document.querySelector(s) ? performance.now() : false", arg=selector, timeout=TIMEOUT_MS
    )
    elapsed = await handle.json_value()
    await context.close()
    return elapsed


async def bytes_received(browser, base: str, path: str, selector: str) -> int:
    """Bytes of WebSocket messages and non-bundle HTTP responses a fresh page receives until it settles."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    counted: list[int] = []
    responses = []

    def on_websocket(ws) -> None:
        ws.on("framereceived", lambda payload: counted.append(len(payload)))

    page.on("websocket", on_websocket)
    page.on(
        "response",
        lambda r: r.status != 101 and not urlparse(r.url).path.startswith("/static/") and responses.append(r),
    )
    await page.goto(base + path)
    await page.wait_for_selector(selector, timeout=TIMEOUT_MS)
    await page.wait_for_timeout(3000)  # let the script run finish sending
    for response in responses:
        try:
            counted.append(len(await asyncio.wait_for(response.body(), 10)))
        except Exception:  # redirects have no body
            pass
    await context.close()
    return sum(counted)


async def open_sessions(browser, base: str, count: int) -> list:
    """`count` browser contexts, each showing the Overview with its map drawn."""
    contexts = []
    for _ in range(count):
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        await page.goto(base + "/")
        await page.wait_for_selector(PAGES["Overview"][1], timeout=TIMEOUT_MS)
        contexts.append(context)
    return contexts


async def main() -> None:
    """Run every measure and write the results."""
    data = bench_data(description=__doc__.split("\n")[0])
    unknown = [name for name in CHOSEN if name not in PAGES]
    if unknown:
        sys.exit(f"BENCH_PAGES: no page named {', '.join(unknown)}; the pages are {', '.join(PAGES)}")
    pages = {name: PAGES[name] for name in CHOSEN} if CHOSEN else PAGES
    chromium = chromium_path()
    if chromium is None:
        sys.exit("Chromium not found: install it (apt-get install chromium) or set CHROMIUM")
    lines = [
        f"Browser benchmark, {date.today():%Y-%m-%d}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        "headless Chromium, server on 127.0.0.1",
        "",
        data.describe(),
        "",
    ]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        minimal, minimal_base = start_server(script="benchmarks/minimal/app.py")
        with_table, with_table_base = start_server(script="benchmarks/minimal/table_app.py")
        with_sidebar, with_sidebar_base = start_server(script="benchmarks/minimal/sidebar/app.py")
        process, base = start_server()
        try:
            await first_draw_ms(browser, minimal_base, *MINIMAL)  # warm every server once
            await first_draw_ms(browser, with_table_base, *MINIMAL)
            await first_draw_ms(browser, with_sidebar_base, *MINIMAL)
            for path, selector in pages.values():
                await first_draw_ms(browser, base, path, selector)
            minimal_bytes = await bytes_received(browser, minimal_base, *MINIMAL)
            sidebar_bytes = await bytes_received(browser, with_sidebar_base, *MINIMAL)
            sidebar_floors: list[float] = []
            lines += [
                f"First chart drawn after navigation and bytes received beyond Streamlit's bundle. Each page is "
                f"loaded {LOADS} times, each load right after one of the minimal app, one of the minimal app "
                "with a three-row table under its chart (the pages that show tables load Streamlit's table "
                "component too) and one of the minimal app under the dashboard's sidebar (page links, countries, "
                "period: what every page draws before its own content); the ratios are medians of the ratios "
                "of those neighbouring loads, so that the machine's drift affects both sides alike.",
                "",
                "| page | first chart (ms) | minimal app (ms) | × minimal app | × minimal app with a table "
                "| × minimal app with the sidebar | bytes received (KB) |",
                "|---|---:|---:|---:|---:|---:|---:|",
            ]
            for name, (path, selector) in pages.items():
                drawn, floors, ratios, table_ratios, sidebar_ratios = [], [], [], [], []
                for _ in range(LOADS):
                    floor = await first_draw_ms(browser, minimal_base, *MINIMAL)
                    table_floor = await first_draw_ms(browser, with_table_base, *MINIMAL)
                    sidebar_floor = await first_draw_ms(browser, with_sidebar_base, *MINIMAL)
                    time_ms = await first_draw_ms(browser, base, path, selector)
                    drawn.append(time_ms)
                    floors.append(floor)
                    ratios.append(time_ms / floor)
                    table_ratios.append(time_ms / table_floor)
                    sidebar_ratios.append(time_ms / sidebar_floor)
                    sidebar_floors.append(sidebar_floor / floor)
                received = await bytes_received(browser, base, path, selector)
                lines.append(
                    f"| {name} | {statistics.median(drawn):.0f} | {statistics.median(floors):.0f} "
                    f"| {statistics.median(ratios):.2f} | {statistics.median(table_ratios):.2f} "
                    f"| {statistics.median(sidebar_ratios):.2f} | {received / 1024:.0f} |"
                )
            lines.append(f"| minimal app (one Plotly chart) | | | 1.00 | | | {minimal_bytes / 1024:.0f} |")
            lines.append(
                f"| minimal app with the sidebar | | | {statistics.median(sidebar_floors):.2f} | | 1.00 "
                f"| {sidebar_bytes / 1024:.0f} |"
            )
            lines += [
                "",
                "Server memory (proportional set size, server and its child processes) with open sessions",
                "",
            ]
            lines += ["| open sessions | memory (MB) |", "|---:|---:|"]
            lines.append(f"| 0 (after the loads above) | {tree_memory_mb(process.pid):.0f} |")
            opened: list = []
            for count in SESSIONS:
                opened += await open_sessions(browser, base, count - len(opened))
                await asyncio.sleep(2)
                lines.append(f"| {count} | {tree_memory_mb(process.pid):.0f} |")
            exporting = Session(base)
            await exporting.open("/")
            await exporting.download("PNG")
            await exporting.close()
            lines.append(
                f"| {SESSIONS[-1]}, after a PNG export (export server running) | {tree_memory_mb(process.pid):.0f} |"
            )
            for context in opened:
                await context.close()
        finally:
            for server in (process, minimal, with_table, with_sidebar):
                server.terminate()
                server.wait(timeout=10)
            await browser.close()
    table = "\n".join(lines) + "\n"
    print(table)
    data.results(ROOT / "benchmarks", "results-browser").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())
