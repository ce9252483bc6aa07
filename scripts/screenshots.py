"""Take the README's screenshots from the running app: `python scripts/screenshots.py`.

Starts `streamlit run app.py` on a free port of 127.0.0.1, opens each page in headless Chromium
(from $CHROMIUM or PATH) and writes docs/screenshots/<page>.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from c5dash.browser import CHROMIUM_ARGS, ROOT, chromium_path, start_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
# file name, path and query, what to wait for
SHOTS = [
    ("overview", "/?metric=us_visits", "path.choroplethlocation"),
    ("timeline", "/Timeline?from=2015&to=2025", ".js-plotly-plot .main-svg"),
    ("investment", "/Investment?measure=fdi_stock&country=KAZ", ".js-plotly-plot .main-svg"),
    ("trade", "/Trade?country=KAZ", ".js-plotly-plot .main-svg"),
    ("country-profile", "/Country_profiles?profile=UZB", "path.choroplethlocation"),
]


def main() -> None:
    """Serve the app, photograph each page, stop the server."""
    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("Chromium not found: apt-get install chromium, or set CHROMIUM")
    server, base = start_server()
    try:
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for name, path, selector in SHOTS:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + path)
                page.wait_for_selector(selector, timeout=30_000)
                page.wait_for_timeout(1500)
                page.screenshot(path=OUT / f"{name}.png")
                page.close()
                print(f"wrote {OUT / name}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
