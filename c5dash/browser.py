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


def start_server(timeout: float = 30, script: str = "app.py") -> tuple[subprocess.Popen, str]:
    """`streamlit run <script>` on a free port of 127.0.0.1; the process and its base URL once healthy."""
    port = free_port()
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
