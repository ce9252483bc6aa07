"""The dashboard in Chromium against a running server: `python benchmarks/browser.py`.

Measures, against `streamlit run` on 127.0.0.1, started the same way as the browser tests:
1. time from navigation to the first chart drawn (or, on Data & sources, the first table), per
   page, median of several cold loads (a fresh browser context each), beside the same measure for
   a minimal Streamlit app with one Plotly chart (benchmarks/minimal/app.py) started the same way;
2. bytes the browser receives per page beyond Streamlit's own bundle (/static/): the WebSocket
   messages (figures, tables) and every other HTTP response (shapes, media);
3. server memory (resident set of the server and its child processes) with 1, 10 and 25 open
   sessions;
4. a load test: 25 concurrent sessions for 60 s (arriving over the first 15 s), each switching
   pages, changing the country filter and downloading a chart's CSV; it counts errors (timeouts,
   exceptions shown on the page, page errors, failed responses, requests leaving 127.0.0.1) and
   records latencies and peak memory.

Prints a table and writes it to benchmarks/results-browser.md. A benchmark, not a test: the numbers
depend on the machine (25 browser sessions share its cores with the server).
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright  # noqa: E402

from c5dash.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    ROOT,
    chromium_path,
    is_known_probe,
    leaves_machine,
    start_server,
)

PAGES = {  # page name: (path, what to wait for)
    "Overview": ("/", ".js-plotly-plot .main-svg"),
    "Timeline": ("/Timeline", ".js-plotly-plot .main-svg"),
    "Investment": ("/Investment", ".js-plotly-plot .main-svg"),
    "Country profiles": ("/Country_profiles", ".js-plotly-plot .main-svg"),
    "Data & sources": ("/Data_and_sources", "[data-testid='stDataFrame'] canvas"),
}
MINIMAL = ("/", ".js-plotly-plot .main-svg")
LOADS = int(os.environ.get("BENCH_LOADS", 5))
SESSIONS = (1, 10, 25)
LOAD_SESSIONS = 25
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 60))
RAMP_UP_SECONDS = 15
COUNTRIES = ["", "KAZ", "KGZ", "TJK", "TKM", "UZB", "KAZ,UZB"]
TIMEOUT_MS = 120_000


def tree_rss_mb(pid: int) -> float:
    """Resident memory of process `pid` and all its descendants, in MB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


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


class Load:
    """What the load test saw: latencies per action, errors, peak memory."""

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = {"open a page": [], "download a CSV": []}
        self.errors: list[str] = []
        self.peak_mb = 0.0


def watch(page, load: Load) -> None:
    """Record page errors, failed responses and requests leaving 127.0.0.1 as errors."""
    page.on("pageerror", lambda e: load.errors.append(f"page error: {e}"))

    def on_response(response) -> None:
        if response.status >= 400 and not is_known_probe(response.url):
            load.errors.append(f"{response.status} {response.url}")

    def on_request(request) -> None:
        if leaves_machine(request.url):
            load.errors.append(f"request left 127.0.0.1: {request.url}")

    page.on("response", on_response)
    page.on("request", on_request)


async def session(browser, base: str, load: Load, seed: int, until: float) -> None:
    """One user: open pages with random country filters and download a chart's CSV, until `until`."""
    rng = random.Random(seed)
    await asyncio.sleep(seed * RAMP_UP_SECONDS / LOAD_SESSIONS)  # users arrive over the ramp-up, not at once
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = await context.new_page()
    watch(page, load)
    while time.monotonic() < until:
        name = rng.choice(list(PAGES))
        path, selector = PAGES[name]
        country = rng.choice(COUNTRIES)
        url = base + path + (f"?country={country}" if country else "")
        try:
            start = time.perf_counter()
            await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
            await page.wait_for_selector(selector, timeout=TIMEOUT_MS)
            load.latencies["open a page"].append(time.perf_counter() - start)
            if await page.locator("[data-testid='stException']").count():
                load.errors.append(f"exception shown on {url}")
            if name != "Data & sources" and rng.random() < 0.5:
                start = time.perf_counter()
                async with page.expect_download(timeout=TIMEOUT_MS) as info:
                    await page.get_by_role("button", name="CSV", exact=True).first.click(timeout=TIMEOUT_MS)
                download = await info.value
                if not Path(await download.path()).read_bytes():
                    load.errors.append(f"empty CSV from {url}")
                load.latencies["download a CSV"].append(time.perf_counter() - start)
        except Exception as error:  # a timeout or a crash is what the load test counts
            load.errors.append(f"{type(error).__name__} on {url}: {str(error).splitlines()[0]}")
    await context.close()


async def load_test(browser, base: str, pid: int) -> Load:
    """LOAD_SESSIONS concurrent sessions for LOAD_SECONDS, sampling server memory every second."""
    load = Load()
    until = time.monotonic() + LOAD_SECONDS
    users = asyncio.gather(*(session(browser, base, load, seed, until) for seed in range(LOAD_SESSIONS)))
    while not users.done():
        load.peak_mb = max(load.peak_mb, tree_rss_mb(pid))
        await asyncio.sleep(1)
    await users
    return load


def quantile(values: list[float], q: float) -> float:
    """The q-quantile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def main() -> None:
    """Run every measure and write the results."""
    chromium = chromium_path()
    if chromium is None:
        sys.exit("Chromium not found: install it (apt-get install chromium) or set CHROMIUM")
    lines = [
        f"Browser benchmark, {date.today():%Y-%m-%d}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        "headless Chromium, server on 127.0.0.1",
        "",
    ]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        minimal, minimal_base = start_server(script="benchmarks/minimal/app.py")
        process, base = start_server()
        try:
            await first_draw_ms(browser, minimal_base, *MINIMAL)  # warm both servers once
            for path, selector in PAGES.values():
                await first_draw_ms(browser, base, path, selector)
            floor = statistics.median([await first_draw_ms(browser, minimal_base, *MINIMAL) for _ in range(LOADS)])
            minimal_bytes = await bytes_received(browser, minimal_base, *MINIMAL)
            lines += [
                f"First chart drawn after navigation (median of {LOADS} cold loads) and bytes received beyond "
                "Streamlit's bundle",
                "",
                "| page | first chart (ms) | × minimal app | bytes received (KB) |",
                "|---|---:|---:|---:|",
                f"| minimal app (one Plotly chart) | {floor:.0f} | 1.00 | {minimal_bytes / 1024:.0f} |",
            ]
            for name, (path, selector) in PAGES.items():
                drawn = statistics.median([await first_draw_ms(browser, base, path, selector) for _ in range(LOADS)])
                received = await bytes_received(browser, base, path, selector)
                lines.append(f"| {name} | {drawn:.0f} | {drawn / floor:.2f} | {received / 1024:.0f} |")
            lines += ["", "Server memory (resident, server and its child processes) with open sessions", ""]
            lines += ["| open sessions | memory (MB) |", "|---:|---:|"]
            lines.append(f"| 0 (after the loads above) | {tree_rss_mb(process.pid):.0f} |")
            opened: list = []
            for count in SESSIONS:
                opened += await open_sessions(browser, base, count - len(opened))
                await asyncio.sleep(2)
                lines.append(f"| {count} | {tree_rss_mb(process.pid):.0f} |")
            for context in opened:
                await context.close()
            load = await load_test(browser, base, process.pid)
            lines += [
                "",
                f"Load test: {LOAD_SESSIONS} concurrent sessions for {LOAD_SECONDS} s, arriving over "
                f"{RAMP_UP_SECONDS} s "
                "(open pages with random country filters, download a chart's CSV); the browsers share the "
                "machine's cores with the server",
                "",
                "| action | count | median (s) | 95th percentile (s) |",
                "|---|---:|---:|---:|",
            ]
            for action, times in load.latencies.items():
                if times:
                    lines.append(
                        f"| {action} | {len(times)} | {statistics.median(times):.2f} | {quantile(times, 0.95):.2f} |"
                    )
            lines += ["", f"Errors: {len(load.errors)}. Peak server memory: {load.peak_mb:.0f} MB."]
            lines += [f"- {error}" for error in sorted(set(load.errors))[:20]]
        finally:
            for server in (process, minimal):
                server.terminate()
                server.wait(timeout=10)
            await browser.close()
    table = "\n".join(lines) + "\n"
    print(table)
    (ROOT / "benchmarks" / "results-browser.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())
