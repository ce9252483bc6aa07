"""Three replicas of the dashboard behind nginx on one machine: start them, kill one, count who served whom.

Used by the proxy's browser test (tests/test_proxy.py) and the load and failover benchmarks, and run by
hand as `python -m c5dash.scaleout` (the README's Deployment section). nginx's configuration is the
template deploy/nginx.conf; this module only fills in ports and a folder for nginx's logs and files.
Not used by the app.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from c5dash.browser import ROOT, free_port, start_server

TEMPLATE = ROOT / "deploy" / "nginx.conf"
REPLICAS = 3
# A session is a WebSocket on /_stcore/stream that the replica accepted (101 Switching Protocols).
_SESSION_LINE = re.compile(r' 101 "GET /_stcore/stream [^"]*" .* upstream=(?P<tried>.+?) cookie=')


def nginx_path() -> str | None:
    """nginx from PATH or Debian's /usr/sbin (not on a normal user's PATH)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def nginx_config(proxy_port: int, replica_ports: list[int], run_dir: Path) -> str:
    """deploy/nginx.conf with its ports and folder filled in."""
    if len(replica_ports) != REPLICAS:
        raise ValueError(f"the template lists {REPLICAS} replicas, not {len(replica_ports)}")
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("@RUN_DIR@", str(run_dir)).replace("@PROXY_PORT@", str(proxy_port))
    for number, port in enumerate(replica_ports, start=1):
        text = text.replace(f"@REPLICA_{number}@", str(port))
    if re.search(r"@[A-Z_0-9]+@", text):
        raise ValueError("deploy/nginx.conf has a placeholder this module does not fill in")
    return text


@dataclass
class ScaleOut:
    """A running proxy and its replicas."""

    base: str  # the proxy's URL: the only address users are given
    proxy: subprocess.Popen
    replicas: list[subprocess.Popen]
    replica_bases: list[str]
    run_dir: Path
    killed: list[int] = field(default_factory=list)

    def kill(self, index: int) -> None:
        """Kill replica `index` at once (SIGKILL), as a crashed server or a lost machine."""
        self.replicas[index].kill()
        self.replicas[index].wait(timeout=10)
        self.killed.append(index)

    def sessions_per_replica(self) -> dict[str, int]:
        """Sessions each replica accepted, by its URL, from the proxy's log (WebSockets are logged when
        they close)."""
        counts: Counter[str] = Counter()
        log = self.run_dir / "access.log"
        for line in log.read_text(encoding="utf-8").splitlines() if log.exists() else []:
            match = _SESSION_LINE.search(line)
            if match:
                counts["http://" + re.split(", | : ", match["tried"])[-1]] += 1
        return {base: counts[base] for base in self.replica_bases}

    def stop(self) -> None:
        """Stop the proxy and the replicas still running."""
        for process in [self.proxy, *self.replicas]:
            if process.poll() is None:
                process.terminate()
        for process in [self.proxy, *self.replicas]:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def start(
    proxy_port: int | None = None,
    replica_ports: list[int] | None = None,
    run_dir: Path | None = None,
    timeout: float = 30,
) -> ScaleOut:
    """Start the replicas (free ports unless given), then nginx in front of them; return once the proxy
    answers Streamlit's health check."""
    nginx = nginx_path()
    if nginx is None:
        raise RuntimeError("nginx not found: install it (apt-get install nginx)")
    run_dir = Path(run_dir or tempfile.mkdtemp(prefix="c5dash-proxy-"))
    run_dir.mkdir(parents=True, exist_ok=True)
    # Started as root, nginx's workers run as `nobody` and write large answers (plotly.js: 4.7 MB) to
    # temporary files in this folder: they must be able to enter it (mkdtemp makes it the owner's alone).
    run_dir.chmod(0o755)
    replicas: list[subprocess.Popen] = []
    proxy = None
    try:
        bases = []
        for port in replica_ports or [None] * REPLICAS:
            process, base = start_server(timeout=timeout, port=port)
            replicas.append(process)
            bases.append(base)
        proxy_port = proxy_port or free_port()
        config = run_dir / "nginx.conf"
        config.write_text(nginx_config(proxy_port, [int(b.rsplit(":", 1)[1]) for b in bases], run_dir))
        command = [nginx, "-p", str(run_dir), "-e", str(run_dir / "error.log"), "-c", str(config)]
        proxy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        scale_out = ScaleOut(f"http://127.0.0.1:{proxy_port}", proxy, replicas, bases, run_dir)
        _wait_for_proxy(scale_out, timeout)
        return scale_out
    except BaseException:
        for process in [proxy, *replicas]:
            if process is not None and process.poll() is None:
                process.kill()
        raise


def _wait_for_proxy(scale_out: ScaleOut, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if scale_out.proxy.poll() is not None:
            raise RuntimeError(f"nginx stopped: {scale_out.proxy.stderr.read().decode(errors='replace')[-500:]}")
        try:
            with urllib.request.urlopen(f"{scale_out.base}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the proxy did not answer within {timeout:.0f} s")


def main() -> None:
    """Serve the dashboard on one port through nginx, with three replicas, until interrupted."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port (default 8080)")
    parser.add_argument(
        "--replica-ports", type=int, nargs=REPLICAS, default=[8501, 8502, 8503], help="default 8501 8502 8503"
    )
    parser.add_argument("--run-dir", type=Path, default=None, help="nginx's logs and files (default: a new temp dir)")
    args = parser.parse_args()
    scale_out = start(args.port, args.replica_ports, args.run_dir)
    print(f"Dashboard at {scale_out.base} (replicas {', '.join(scale_out.replica_bases)}; logs in {scale_out.run_dir})")
    try:
        while all(p.poll() is None for p in [scale_out.proxy, *scale_out.replicas]):
            time.sleep(1)
        print("A replica or the proxy stopped.")
    except KeyboardInterrupt:
        pass
    finally:
        scale_out.stop()


if __name__ == "__main__":
    main()
