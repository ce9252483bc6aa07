"""Run the dashboard, find Chromium, measure the server: shared by the browser tests, benchmarks and screenshots."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
# Headless Chromium that makes no request of its own (updates, sync, first-run pages).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Streamlit's front end probes /<page>/_stcore/health and /<page>/_stcore/host-config before the
# root paths when a page other than the first is opened directly; those two 404s are a known
# Streamlit bug (github.com/streamlit/streamlit/issues/7074), not an error of this app.
KNOWN_PROBES = ("/_stcore/health", "/_stcore/host-config")


def is_known_probe(url: str) -> bool:
    """Whether `url` is one of Streamlit's page-prefixed probes that answer 404 (issue #7074)."""
    path = urlparse(url).path
    return path.endswith(KNOWN_PROBES) and path.count("/") == 3


def leaves_machine(url: str) -> bool:
    """Whether a request to `url` goes anywhere but 127.0.0.1 (data: and blob: URLs stay in the page)."""
    parsed = urlparse(url)
    return parsed.scheme not in ("data", "blob") and parsed.hostname != "127.0.0.1"


def chromium_path() -> str | None:
    """Chromium from $CHROMIUM, else from PATH."""
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(timeout: float = 30, script: str = "app.py", port: int | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run <script>` on `port` (else a free port) of 127.0.0.1; the process and its base URL once
    healthy."""
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", script]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"streamlit did not answer its health check within {timeout:.0f} s")


def process_tree(pid: int) -> list[int]:
    """Process `pid` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    tree, stack = [], [pid]
    while stack:
        current = stack.pop()
        tree.append(current)
        stack.extend(children.get(current, []))
    return tree


def tree_memory_mb(pid: int) -> float:
    """Memory of process `pid` and its descendants, in MB: the sum of their proportional set sizes
    (pages shared between processes, as Chromium's are, count once in all)."""
    total = 0
    for current in process_tree(pid):
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


# Run in a page: every visible text of each plotly chart as a quadrilateral in viewport pixels (rotated
# labels stay rotated), the chart's box (its SVG, narrowed to the viewport's width) and the modebar's box.
_CHART_TEXTS_JS = """() => {
    const visible = (el) => {
        for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) {
                return false;
            }
        }
        return true;
    };
    const rect = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
    return Array.from(document.querySelectorAll('.js-plotly-plot')).map((plot, index) => {
        const paper = plot.querySelector('svg.main-svg').getBoundingClientRect();
        const box = rect(paper);
        box.left = Math.max(box.left, 0);
        box.right = Math.min(box.right, document.documentElement.clientWidth);
        const texts = [];
        const add = (el, kind, content) => {
            const b = el.getBBox();
            const m = el.getScreenCTM();
            if (!b.width || !b.height || !m) return;
            const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]];
            texts.push({
                kind: kind,
                text: content.slice(0, 40),
                quad: corners.map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]),
            });
        };
        for (const el of plot.querySelectorAll('svg text')) {
            const content = el.textContent.trim();
            if (!content || el.closest('.hoverlayer, .updatemenu-button') || !visible(el)) continue;
            // What the text is: the first class of it or its nearest classed group, colour bar ticks
            // (class "xcb<id>tick") named plainly.
            let kind = '';
            for (let node = el; node && node !== plot && !kind; node = node.parentElement) {
                kind = (node.getAttribute('class') || '').split(' ')[0];
            }
            if (/^[xy]cb.*tick$/.test(kind)) kind = 'colour bar tick';
            if (kind === 'trace') kind = 'text of a trace';
            add(el, kind, content);
        }
        // Buttons (Play, Pause) as the whole button, and a slider's rail: neither may sit on a text or
        // on each other.
        for (const button of plot.querySelectorAll('.updatemenu-button')) {
            const rect = button.querySelector('.updatemenu-item-rect');
            if (rect && visible(button)) add(rect, 'button', button.textContent.trim());
        }
        for (const rail of plot.querySelectorAll('.slider-rail-rect')) {
            if (visible(rail)) add(rail, 'slider rail', '');
        }
        const bar = plot.querySelector('.modebar');
        const modebar = bar && getComputedStyle(bar).display !== 'none' ? rect(bar.getBoundingClientRect()) : null;
        const title = plot.querySelector('.gtitle');
        return {index: index, title: title ? title.textContent : '', box: box, texts: texts, modebar: modebar};
    });
}"""

# How far (px) a label may stick out of its chart, or into another label, before it counts: text boxes
# include the font's ascent and descent, so neighbouring lines touch without the letters meeting.
TEXT_TOLERANCE = 2.0


def _depth(a: list[list[float]], b: list[list[float]]) -> float:
    """How deep two convex quadrilaterals overlap (px), by the separating axis theorem: the least
    overlap of their projections on the normals of their edges; 0 or less means apart."""
    depth = float("inf")
    for quad in (a, b):
        for i in range(4):
            (x1, y1), (x2, y2) = quad[i], quad[(i + 1) % 4]
            length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
            if length == 0:
                continue
            nx, ny = (y1 - y2) / length, (x2 - x1) / length
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            depth = min(depth, min(max(pa), max(pb)) - max(min(pa), min(pb)))
    return depth


def chart_text_problems(page, tolerance: float = TEXT_TOLERANCE) -> list[str]:
    """What is wrong with the text of the plotly charts on a Playwright `page`, one line each:
    text sticking out of its chart (or out of the window), two texts on top of each other (buttons
    and slider rails count as texts), and the modebar (plotly's toolbar) over a text. An empty list
    when every label can be read."""
    problems = []
    for chart in page.evaluate(_CHART_TEXTS_JS):
        name = f"chart {chart['index'] + 1} ({chart['title'] or 'untitled'})"
        box, texts = chart["box"], chart["texts"]
        for t in texts:
            xs, ys = [x for x, _ in t["quad"]], [y for _, y in t["quad"]]
            out = max(box["left"] - min(xs), max(xs) - box["right"], box["top"] - min(ys), max(ys) - box["bottom"])
            if out > tolerance:
                problems.append(f"{name}: {t['kind']} {t['text']!r} cut off by {out:.0f} px")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                depth = _depth(a["quad"], b["quad"])
                if depth > tolerance:
                    problems.append(
                        f"{name}: {a['kind']} {a['text']!r} overlaps {b['kind']} {b['text']!r} by {depth:.0f} px"
                    )
        bar = chart["modebar"]
        if bar:
            quad = [[bar["left"], bar["top"]], [bar["right"], bar["top"]]]
            quad += [[bar["right"], bar["bottom"]], [bar["left"], bar["bottom"]]]
            for t in texts:
                depth = _depth(quad, t["quad"])
                if depth > tolerance:
                    problems.append(f"{name}: the modebar covers {t['kind']} {t['text']!r} by {depth:.0f} px")
    return problems
