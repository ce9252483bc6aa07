"""The dashboard behind nginx with three replicas (deploy/nginx.conf): every page and download works under
the proxy's Content Security Policy, every response carries the security headers, and a tab whose replica
dies carries on on another with the view its address holds.

Needs Chromium and nginx (`apt-get install chromium nginx`; .ci/run installs both).
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from urllib.parse import urlparse

import pandas as pd
import pytest
from test_browser import CHART, Watch, browser, download, wait_for_locations  # noqa: F401

from c5dash import scaleout
from c5dash.data import load_dataset

pytestmark = pytest.mark.browser

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
# Collects the browser's Content Security Policy reports before any script of the page runs.
REPORT_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    const where = `${e.sourceFile}:${e.lineNumber}`;
    window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${where})`);
});
"""
PAGES = [
    ("/", 1, "Central Asia Diplomacy Dashboard"),
    ("/Timeline", 1, "Timeline of visits and meetings"),
    ("/Partners", 5, "The five and their partners: every C5+X format"),
    ("/Investment", 1, "Investment"),
    ("/Trade", 1, "Trade in goods"),
    ("/Country_profiles?profile=UZB", 2, "Uzbekistan"),
    ("/Data_and_sources", 0, "Data and sources"),
]


def wait_for_chart(page, count: int = 1) -> None:
    """Wait for `count` drawn charts (a function, not an expression: Playwright evaluates an expression
    with eval(), which the policy forbids, as it should)."""
    page.wait_for_function(
        "([chart, count]) => document.querySelectorAll(chart + ' .main-svg').length >= count",
        arg=[CHART, count],
        timeout=20_000,
    )


def start_scale_out() -> scaleout.ScaleOut:
    if scaleout.nginx_path() is None:
        pytest.fail("nginx not found: install it (apt-get install nginx)")
    return scaleout.start()


@pytest.fixture(scope="module")
def proxy() -> Iterator[scaleout.ScaleOut]:
    """nginx and three replicas for the tests of this module."""
    scale_out = start_scale_out()
    yield scale_out
    scale_out.stop()


class ProxyWatch(Watch):
    """A page's requests, errors and policy violations, and the responses that lack a security header."""

    def __init__(self, page, base: str) -> None:
        super().__init__(page)
        self.page, self.origin = page, urlparse(base).netloc
        self.console_violations: list[str] = []
        self.missing_headers: list[str] = []
        page.add_init_script(REPORT_VIOLATIONS)
        page.on("console", lambda m: "Content Security Policy" in m.text and self.console_violations.append(m.text))
        page.on("response", self.check_headers)

    def check_headers(self, response) -> None:
        if urlparse(response.url).netloc != self.origin:
            return
        headers = response.headers  # lower-case names
        wanted = {**HEADERS, "Content-Security-Policy": None}
        for name, value in wanted.items():
            if name.lower() not in headers or (value and headers[name.lower()] != value):
                self.missing_headers.append(f"{name} on {response.url}")

    def foreign(self) -> list[str]:
        """Requests to anything but the proxy (data: and blob: URLs stay in the page)."""
        return [u for u in self.requests if urlparse(u).scheme not in ("data", "blob") and self.origin_of(u)]

    def origin_of(self, url: str) -> str:
        return "" if urlparse(url).netloc == self.origin else url

    def violations(self) -> list[str]:
        return self.console_violations + self.page.evaluate("window.__violations || []")


@pytest.fixture
def page(browser, proxy):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.watch = ProxyWatch(page, proxy.base)
    yield page
    context.close()


def check(page) -> None:
    """Nothing blocked by the policy, nothing asked of another origin, no error, every header sent."""
    assert page.watch.violations() == []
    assert page.watch.foreign() == []
    assert page.watch.unexpected_errors() == []
    assert page.watch.missing_headers == []


@pytest.mark.parametrize("path, charts, title", PAGES)
def test_every_page_draws_through_the_proxy_under_its_policy(page, proxy, path, charts, title):
    page.goto(proxy.base + path)
    page.get_by_role("heading", name=title).wait_for(timeout=20_000)
    if charts:
        wait_for_chart(page, charts)
        page.locator(CHART).first.hover()  # the modebar's icons
    else:
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    check(page)


def test_downloads_work_through_the_proxy_under_its_policy(page, proxy, tmp_path):
    page.goto(proxy.base + "/Trade?country=KAZ")
    wait_for_chart(page)
    name, data = download(page, "CSV")
    assert name.endswith(".csv") and len(pd.read_csv(io.BytesIO(data), comment="#")) > 0
    name, data = download(page, "PNG")
    assert name.endswith(".png") and data[:8] == b"\x89PNG\r\n\x1a\n"
    page.locator(CHART).first.hover()
    with page.expect_download(timeout=60_000) as info:  # plotly.js's own PNG, made in the page
        page.locator("[data-title='Download plot as a PNG']").first.click()
    assert open(info.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"

    page.goto(proxy.base + "/Data_and_sources")
    page.get_by_role("heading", name="Data and sources").wait_for(timeout=20_000)
    name, data = download(page, "Download the whole dataset (zip)", in_menu=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path)
    assert name.endswith(".zip") and load_dataset(tmp_path)[1] == []
    check(page)


def test_errors_carry_the_security_headers_too(proxy):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(proxy.base + "/media/no-such-file.csv")
    assert error.value.code == 404
    for name, value in HEADERS.items():
        assert error.value.headers[name] == value
    assert "frame-ancestors 'none'" in error.value.headers["Content-Security-Policy"]


def replica_of(context) -> str:
    """The replica the proxy's cookie sends this browser to."""
    return {c["name"]: c["value"] for c in context.cookies()}.get("c5replica", "")


def test_a_tab_whose_replica_dies_carries_on_with_its_view_on_another(browser):  # noqa: F811
    scale_out = start_scale_out()  # its own: this test kills a replica
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.watch = ProxyWatch(page, scale_out.base)
        page.goto(scale_out.base + "/Timeline?country=KGZ&from=2015")
        wait_for_chart(page)
        first = replica_of(context)
        scale_out.kill(int(first.removeprefix("replica")) - 1)

        # Streamlit's front end sees its WebSocket close and reconnects; the proxy gives it another replica.
        for _ in range(100):
            if replica_of(context) not in ("", first):
                break
            page.wait_for_timeout(200)
        assert replica_of(context) not in ("", first)
        assert page.url.endswith("/Timeline?country=KGZ&from=2015&to=2026")
        assert page.get_by_text("Kyrgyzstan (KGZ)").first.is_visible()
        # The user carries on: another page, with the same filter, drawn by the new replica, and a download
        # made and fetched there.
        page.get_by_role("link", name="Overview").click()
        wait_for_locations(page, ["KGZ"])
        assert page.url.endswith("/?country=KGZ&from=2015&to=2026")
        name, data = download(page, "CSV")
        assert name == "map-events_KGZ_2015-2026.csv"
        assert pd.read_csv(io.BytesIO(data), comment="#")["iso3"].tolist() == ["KGZ"]
        assert page.watch.violations() == [] and page.watch.foreign() == []
        context.close()
    finally:
        scale_out.stop()
