"""Take the README's screenshots from the running app: `python scripts/screenshots.py`.

Starts `streamlit run app.py` on a free port of 127.0.0.1, opens each page in headless Chromium
(from $CHROMIUM or PATH) and writes docs/screenshots/<page>.png; given names (`trade phone-trade`),
only those.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from c5dash.browser import CHROMIUM_ARGS, ROOT, chromium_path, start_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {  # a phone's browser: 390×844, a touch screen, a User-Agent that says "Mobile"
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36",
}
CARD = "c5-2023-09-19-new-york"
# file name, path and query, what to wait for, the browser, the element to scroll to
SHOTS = [
    ("overview", "/?metric=us_visits", "path.choroplethlocation", DESKTOP, None),
    ("timeline", "/Timeline?from=2015&to=2025", ".js-plotly-plot .main-svg", DESKTOP, None),
    ("event-card", f"/Timeline?event={CARD}", "text=Close card", DESKTOP, "text=Close card"),
    ("investment", "/Investment?measure=fdi_stock&country=KAZ", ".js-plotly-plot .main-svg", DESKTOP, None),
    ("investment-deals", "/Investment?country=KAZ", ".js-plotly-plot .main-svg", DESKTOP, "#deals"),
    ("trade", "/Trade", ".js-plotly-plot .main-svg", DESKTOP, None),
    ("partners", "/Partners", ".js-plotly-plot .main-svg", DESKTOP, ".js-plotly-plot"),
    ("country-profile", "/Country_profiles?profile=UZB", "path.choroplethlocation", DESKTOP, None),
    ("phone-overview", "/", "path.choroplethlocation", PHONE, ".js-plotly-plot"),
    ("phone-timeline", "/Timeline", ".js-plotly-plot .main-svg", PHONE, ".js-plotly-plot"),
    (
        "phone-investment",
        "/Investment?measure=fdi_stock&country=KAZ",
        ".js-plotly-plot .main-svg",
        PHONE,
        ".js-plotly-plot",
    ),
    ("phone-trade", "/Trade", ".js-plotly-plot .main-svg", PHONE, ".js-plotly-plot"),
    ("phone-partners", "/Partners", ".js-plotly-plot .main-svg", PHONE, ".js-plotly-plot"),
]


def main(names: list[str]) -> None:
    """Serve the app, photograph each page (those `names` only, when given), stop the server."""
    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("Chromium not found: apt-get install chromium, or set CHROMIUM")
    server, base = start_server()
    try:
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for name, path, selector, device, scroll_to in SHOTS:
                if names and name not in names:
                    continue
                page = browser.new_page(**device)
                page.goto(base + path)
                page.wait_for_selector(selector, timeout=30_000)
                if scroll_to:  # its top just below Streamlit's header bar, which would hide a chart's title
                    page.locator(scroll_to).first.evaluate(
                        "e => { e.style.scrollMarginTop = '64px'; e.scrollIntoView({block: 'start'}); }"
                    )
                page.wait_for_timeout(1500)
                page.screenshot(path=OUT / f"{name}.png")
                page.close()
                print(f"wrote {OUT / name}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main(sys.argv[1:])
