"""Load test: many users at once against one server on 127.0.0.1: `python benchmarks/load.py [--data DIR]`.

25 users (BENCH_USERS) for 60 s (BENCH_SECONDS), arriving over the first 15 s. Each speaks Streamlit's
own protocol over the WebSocket, as the browser's front end does (c5dash/protocol.py), because this
machine's 2 cores cannot also run 25 Chromium tabs: an earlier run with 25 tabs spent its time drawing,
not serving. Each user, after a pause of 1–3 s (BENCH_THINK_SECONDS: the longest pause; 0 for no pause),
does one of: open a page with a random country filter in a new session (as typing an address does),
go to another page in the same session, change the sidebar's country filter, or download a chart's CSV
(the request the button sends, then the file over HTTP). Meanwhile 3 real Chromium users
(BENCH_BROWSERS) open pages and download CSVs through the page.

Through the proxy (BENCH_PROXY=1): nginx in front of three replicas (deploy/nginx.conf, c5dash/scaleout.py);
the results add how many sessions each replica served, from the proxy's log. With BENCH_KILL_AT=<s> as
well, one replica is killed (SIGKILL) that many seconds into the run: a user whose WebSocket closes
reconnects through the proxy at once, as Streamlit's front end does, opening the address its tab holds
(page and query string); the results count the actions that failed, whether each was in flight at the
kill, the time from the kill until each moved user has its view back, and whether it is the same view
(the countries its URL holds).

An error is: a timeout (120 s), an exception shown on the page, a page not found, a refused download,
an HTTP error or an empty file; for the Chromium users also page errors, failed responses and requests
leaving 127.0.0.1. Prints latencies per action, errors and peak server memory, and writes them to
benchmarks/results-load.md (other settings: a file named after them; on another data folder, with its
suffix, see c5dash/benchdata.py). A benchmark, not a test: the
numbers depend on the machine.
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
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright  # noqa: E402

from c5dash import scaleout  # noqa: E402
from c5dash.benchdata import BenchData, bench_data  # noqa: E402
from c5dash.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    ROOT,
    chromium_path,
    is_known_probe,
    leaves_machine,
    start_server,
    tree_memory_mb,
)
from c5dash.protocol import Run, Session  # noqa: E402
from c5dash.schemas import C5  # noqa: E402

USERS = int(os.environ.get("BENCH_USERS", 25))
BROWSERS = int(os.environ.get("BENCH_BROWSERS", 3))
SECONDS = int(os.environ.get("BENCH_SECONDS", 60))
THINK_SECONDS = float(os.environ.get("BENCH_THINK_SECONDS", 3))
PROXY = os.environ.get("BENCH_PROXY", "") == "1"
KILL_AT = float(os.environ.get("BENCH_KILL_AT", 0))  # seconds into the run; 0: no replica is killed
KILLED = 0  # which replica is killed: the first
RAMP_UP_SECONDS = 15
TIMEOUT = 120
PAGES = {
    "/": True,
    "/Timeline": True,
    "/Partners": True,
    "/Investment": True,
    "/Trade": True,
    "/Country_profiles": True,
    "/Data_and_sources": False,
}
# url path: whether the page has a chart with a CSV download
NAMES = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan", "UZB": "Uzbekistan"}
CHART = ".js-plotly-plot .main-svg"
TABLE = "[data-testid='stDataFrame'] canvas"


class Results:
    """Latencies per action, errors, and the peak server memory."""

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.peak_mb = 0.0
        self.server_cpu = 0.0  # CPU seconds the server used per second of the test
        self.kill_time: float | None = None  # time.monotonic() of the kill
        self.failed: list[tuple[float, float, str]] = []  # start, end, what: actions that raised
        self.recoveries: list[float] = []  # seconds from the kill until a moved user had its view back
        self.views_kept = 0
        self.views_lost: list[str] = []
        self.first_replica: dict[int, str] = {}  # user -> the replica the proxy's cookie first sent it to

    def add(self, action: str, seconds: float) -> None:
        self.latencies.setdefault(action, []).append(seconds)


def countries_shown(run: Run | None) -> list[str]:
    """The codes of the countries the run's sidebar filter shows, as "Kazakhstan (KAZ)" (empty: all five)."""
    widgets = [w for w in run.of_type("multiselect") if w.label == "Countries"] if run else []
    return sorted(value[-4:-1] for value in widgets[0].raw_values) if widgets else []


def countries_in(query: str) -> list[str]:
    """The country codes a query string holds (empty: all five)."""
    return sorted(code for value in parse_qs(query).get("country", []) for code in value.split(",") if code)


async def pause(session: Session, seconds: float) -> None:
    """Think for `seconds`, or less if the session's WebSocket closes (the front end reconnects at once)."""
    if session.connected:
        try:
            await asyncio.wait_for(session.ws.wait_closed(), seconds)
        except TimeoutError:
            pass
    else:
        await asyncio.sleep(seconds)


async def reconnect(session: Session, results: Results) -> None:
    """Open the tab's address again through the proxy, and check the view it shows is the one its address
    holds (the app writes each change of the filter into the address as it makes it)."""
    path, before = session.path, countries_in(session.query)
    what = f"reconnect on {path}?{session.query}"
    start = time.monotonic()
    try:
        run = await session.reconnect(TIMEOUT)
    except Exception as error:
        results.failed.append((start, time.monotonic(), f"{type(error).__name__}: {what}"))
        session.last = None
        return
    if results.kill_time is not None:
        results.recoveries.append(time.monotonic() - results.kill_time)
    if countries_shown(run) == before and session.path == path:
        results.views_kept += 1
    else:
        results.views_lost.append(f"{what}: {before} became {countries_shown(run)}")


def random_countries(rng: random.Random) -> list[str]:
    """No country (all five), one, or two."""
    return rng.sample(list(C5), rng.choice([0, 1, 1, 2]))


async def protocol_user(base: str, results: Results, seed: int, until: float) -> None:
    """One user through the protocol client, until `until`."""
    rng = random.Random(seed)
    await asyncio.sleep(seed * RAMP_UP_SECONDS / max(USERS, 1))
    session = Session(base)
    page = "/"
    try:
        while time.monotonic() < until:
            if session.last is not None and not session.connected:  # its server went away
                await reconnect(session, results)
                continue
            action = (
                "open a page"
                if session.last is None
                else rng.choice(["open a page", "go to another page", "change the country filter", "download a CSV"])
            )
            buttons = session.last.of_type("download_button") if session.last else []
            if action == "download a CSV" and not any(b.label == "CSV" for b in buttons):
                action = "go to another page"  # a page without a chart, or a filter that leaves nothing to draw
            what = f"{action} on {page}"
            try:
                start, began = time.perf_counter(), time.monotonic()
                if action == "open a page":
                    page = rng.choice(list(PAGES))
                    countries = random_countries(rng)
                    run = await session.open(page, f"country={','.join(countries)}" if countries else "", TIMEOUT)
                    if PROXY and "c5replica" in session.cookies:
                        results.first_replica.setdefault(seed, session.cookies["c5replica"])
                elif action == "go to another page":
                    page = rng.choice([p for p in PAGES if p != page])
                    run = await session.switch_page(page, TIMEOUT)
                elif action == "change the country filter":
                    chosen = [f"{NAMES[c]} ({c})" for c in random_countries(rng)]
                    run = await session.set_multiselect("Countries", chosen, TIMEOUT)
                else:
                    run = None
                    if not await session.download("CSV", TIMEOUT):
                        results.errors.append(f"empty CSV: {what}")
                results.add(action, time.perf_counter() - start)
                if run is not None and (run.exceptions or run.page_not_found):
                    results.errors.append(f"{'page not found' if run.page_not_found else run.exceptions[0]}: {what}")
            except Exception as error:  # a timeout, a refused download, an HTTP error: what the test counts
                results.errors.append(f"{type(error).__name__} ({str(error)[:80]}): {what}")
                results.failed.append((began, time.monotonic(), what))
                if session.connected or not KILL_AT:
                    session.last = None  # start again from a fresh page; a lost connection reconnects instead
            await pause(session, rng.uniform(min(1.0, THINK_SECONDS), THINK_SECONDS))
    finally:
        await session.close()


async def browser_user(browser, base: str, results: Results, seed: int, until: float) -> None:
    """One user in Chromium: open pages with random country filters and download a chart's CSV."""
    rng = random.Random(1000 + seed)
    await asyncio.sleep(seed * RAMP_UP_SECONDS / max(BROWSERS, 1))
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = await context.new_page()
    page.on("pageerror", lambda e: results.errors.append(f"page error in Chromium: {e}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and not is_known_probe(r.url) and results.errors.append(f"{r.status} {r.url}"),
    )
    page.on("request", lambda r: leaves_machine(r.url) and results.errors.append(f"request left 127.0.0.1: {r.url}"))
    while time.monotonic() < until:
        path = rng.choice(list(PAGES))
        countries = random_countries(rng)
        url = base + path + (f"?country={','.join(countries)}" if countries else "")
        try:
            start = time.perf_counter()
            await page.goto(url, wait_until="commit", timeout=TIMEOUT * 1000)
            await page.wait_for_selector(CHART if PAGES[path] else TABLE, timeout=TIMEOUT * 1000)
            results.add("Chromium: open a page until its first chart or table is drawn", time.perf_counter() - start)
            if await page.locator("[data-testid='stException']").count():
                results.errors.append(f"exception shown in Chromium on {url}")
            if PAGES[path]:
                start = time.perf_counter()
                await page.get_by_role("button", name="Download", exact=True).first.click(timeout=TIMEOUT * 1000)
                async with page.expect_download(timeout=TIMEOUT * 1000) as info:
                    await page.get_by_role("button", name="CSV", exact=True).first.click(timeout=TIMEOUT * 1000)
                download = await info.value
                if not Path(await download.path()).read_bytes():
                    results.errors.append(f"empty CSV in Chromium from {url}")
                results.add("Chromium: download a CSV", time.perf_counter() - start)
        except Exception as error:
            results.errors.append(f"{type(error).__name__} in Chromium on {url}: {str(error).splitlines()[0][:80]}")
        await asyncio.sleep(rng.uniform(min(1.0, THINK_SECONDS), THINK_SECONDS))
    await context.close()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process `pid` so far, in seconds (from /proc; the server has no children
    until an image is exported)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def quantile(values: list[float], q: float) -> float:
    """The q-quantile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def main() -> None:
    """Run the load test and write the results."""
    data = bench_data(description=__doc__.split("\n")[0])
    chromium = chromium_path()
    if BROWSERS and chromium is None:
        sys.exit("Chromium not found: install it (apt-get install chromium), set CHROMIUM, or BENCH_BROWSERS=0")
    results = Results()
    scale_out = scaleout.start() if PROXY else None
    processes, base = (scale_out.replicas, scale_out.base) if scale_out else start_server()
    processes = processes if isinstance(processes, list) else [processes]
    cpu = {p.pid: 0.0 for p in processes}  # CPU seconds of each server so far (the last reading of a dead one)

    def measure() -> None:
        for process in processes:
            if process.poll() is None:
                cpu[process.pid] = cpu_seconds(process.pid)
        alive = [p.pid for p in processes if p.poll() is None] + ([scale_out.proxy.pid] if scale_out else [])
        results.peak_mb = max(results.peak_mb, sum(tree_memory_mb(pid) for pid in alive))

    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS) if BROWSERS else None
            measure()
            started, cpu_before = time.monotonic(), sum(cpu.values())
            until = started + SECONDS
            users = asyncio.gather(
                *(protocol_user(base, results, seed, until) for seed in range(USERS)),
                *(browser_user(browser, base, results, seed, until) for seed in range(BROWSERS)),
            )
            while not users.done():
                measure()
                if scale_out and KILL_AT and results.kill_time is None and time.monotonic() - started >= KILL_AT:
                    results.kill_time = time.monotonic()
                    scale_out.kill(KILLED)
                await asyncio.sleep(0.2)
            await users
            measure()
            results.server_cpu = (sum(cpu.values()) - cpu_before) / (time.monotonic() - started)
            if browser:
                await browser.close()
    finally:
        if scale_out:
            scale_out.stop()
        else:
            processes[0].terminate()
            processes[0].wait(timeout=10)
    lines = [
        f"Load test, {date.today():%Y-%m-%d}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        + ("three replicas behind nginx" if PROXY else "one server")
        + f" on 127.0.0.1: {USERS} protocol users and {BROWSERS} Chromium users for {SECONDS} s, arriving over "
        f"{RAMP_UP_SECONDS} s, pausing "
        + (f"1–{THINK_SECONDS:g} s between actions" if THINK_SECONDS else "not at all between actions")
        + (f"; replica {KILLED + 1} killed {KILL_AT:g} s in" if PROXY and KILL_AT else ""),
        "",
        data.describe(),
        "",
        "| action | count | median (s) | 95th percentile (s) | max (s) |",
        "|---|---:|---:|---:|---:|",
    ]
    for action, times in sorted(results.latencies.items()):
        lines.append(
            f"| {action} | {len(times)} | {statistics.median(times):.2f} | {quantile(times, 0.95):.2f} "
            f"| {max(times):.2f} |"
        )
    lines += [
        "",
        f"Errors: {len(results.errors)}. Peak server memory: {results.peak_mb:.0f} MB"
        + (" (replicas and nginx)" if PROXY else "")
        + f". The server{'s' if PROXY else ''} used {results.server_cpu:.2f} CPU seconds per second "
        f"(of {os.cpu_count()} cores).",
    ]
    if scale_out:
        sessions = scale_out.sessions_per_replica()
        lines += ["", "Sessions (WebSockets) each replica served, from nginx's log: "]
        lines[-1] += ", ".join(f"replica {i + 1}: {n}" for i, n in enumerate(sessions.values())) + "."
        firsts = list(results.first_replica.values())
        users = {name: firsts.count(name) for name in sorted(set(firsts))}
        lines[-1] += " Users by the replica their first page came from: "
        lines[-1] += ", ".join(f"{name.replace('replica', 'replica ')}: {n}" for name, n in users.items()) + "."
    if results.kill_time is not None:
        lines += failover_lines(results)
    lines += [f"- {error}" for error in sorted(set(results.errors))[:20]]
    table = "\n".join(lines) + "\n"
    print(table)
    (ROOT / "benchmarks" / results_name(data)).write_text(table, encoding="utf-8")


def failover_lines(results: Results) -> list[str]:
    """What the kill did: failed actions by when they ran, recoveries, views kept."""
    kill = results.kill_time
    in_flight = [what for start, end, what in results.failed if start <= kill <= end]
    after = [what for start, _, what in results.failed if start > kill]
    before = [what for _, end, what in results.failed if end < kill]
    times = results.recoveries
    lines = [
        "",
        f"Failed actions: {len(results.failed)}: {len(in_flight)} in flight at the kill, {len(after)} begun after it, "
        f"{len(before)} before it.",
    ]
    lines += [f"- {kind}: {what}" for kind, whats in (("after", after), ("before", before)) for what in whats[:10]]
    if times:
        lines.append(
            f"Users moved to another replica: {len(times)}; from the kill until each had its view back: median "
            f"{statistics.median(times):.2f} s, max {max(times):.2f} s. Same view (page and countries) as before "
            f"the kill: {results.views_kept} of {results.views_kept + len(results.views_lost)}."
        )
    lines += [f"- view lost: {what}" for what in results.views_lost[:10]]
    return lines


def results_name(data: BenchData) -> str:
    """results-load.md for the default run on the real data; other settings and data get their own file."""
    if (USERS, BROWSERS, SECONDS, THINK_SECONDS, PROXY) == (25, 3, 60, 3, False):
        return f"results-load{data.suffix}.md"
    name = f"results-load-{USERS}-users-{BROWSERS}-browsers-{SECONDS}s" + ("" if THINK_SECONDS else "-no-pause")
    if PROXY:
        name += "-proxy" + (f"-kill-at-{KILL_AT:g}s" if KILL_AT else "")
    return name + data.suffix + ".md"


if __name__ == "__main__":
    asyncio.run(main())
