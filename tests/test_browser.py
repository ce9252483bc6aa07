"""The dashboard in Chromium: pages draw, the filter works by URL and by widget, nothing leaves 127.0.0.1.

Needs Chromium (`apt-get install chromium`). Without it these tests are skipped, except under
CI=true, where they fail.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, events_involving

from c5dash import exports, figures
from c5dash.browser import CHROMIUM_ARGS, chromium_path, is_known_probe, leaves_machine, start_server
from c5dash.data import load_dataset

ARTIFACTS = ROOT / "test-artifacts"
CHART = ".js-plotly-plot"


pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        message = "Chromium not found: install it (apt-get install chromium) or set CHROMIUM"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """Every request, failed response and console error of one page."""

    def __init__(self, page) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.bad_responses: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and self.bad_responses.append(r.url))

    def outside(self) -> list[str]:
        """Requests to anything but 127.0.0.1 (data: and blob: URLs stay in the page)."""
        return [u for u in self.requests if leaves_machine(u)]

    def unexpected_errors(self) -> list[str]:
        expected = [u for u in self.bad_responses if is_known_probe(u)]
        unexplained = [u for u in self.bad_responses if u not in expected]
        failed_loads = [e for e in self.errors if e.startswith("Failed to load resource")]
        others = [e for e in self.errors if not e.startswith("Failed to load resource")]
        return unexplained + others + failed_loads[len(expected) :]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.watch = Watch(page)
    yield page
    context.close()


def wait_for_chart(page, count: int = 1) -> None:
    page.wait_for_function(f"document.querySelectorAll('{CHART} .main-svg').length >= {count}", timeout=20_000)


def event_markers(page) -> int:
    """Markers of events on the drawn timeline (not the stars of deals)."""
    page.wait_for_function(  # the first chart is the timeline, not a map still being replaced
        """(chart) => {
            const d = document.querySelector(chart);
            return !!(d && d.data && d.data.length && Array.from(d.data).every(t => t.x));
        }""",
        arg=CHART,
        timeout=20_000,
    )
    return page.evaluate(
        f"""Array.from(document.querySelector('{CHART}').data)
            .filter(t => t.name !== 'Deal announced (value)')
            .reduce((n, t) => n + t.x.length, 0)"""
    )


def wait_for_locations(page, expected: list[str]) -> None:
    """Wait until the coloured map trace shows exactly the `expected` countries."""
    page.wait_for_function(
        """(expected) => {
            const chart = document.querySelector('.js-plotly-plot');
            // While a page redraws, the first chart may briefly be another one: wait for the map's.
            return !!(chart && chart.data && chart.data[1] && chart.data[1].locations &&
                JSON.stringify(Array.from(chart.data[1].locations)) === expected);
        }""",
        arg=json.dumps(expected, separators=(",", ":")),
        timeout=20_000,
    )


@pytest.mark.parametrize(
    "path, charts, title",
    [
        ("/", 1, "Central Asia Diplomacy Dashboard"),
        ("/Timeline", 1, "Timeline of visits and meetings"),
        ("/Partners", 5, "The five and their partners: every C5+X format"),
        ("/Investment", 1, "Investment"),
        ("/Trade", 1, "Trade in goods"),
        ("/Country_profiles?profile=UZB", 2, "Uzbekistan"),
        ("/Data_and_sources", 0, "Data and sources"),
    ],
)
def test_page_draws_offline_without_errors(page, server, path, charts, title):
    page.goto(server + path)
    page.get_by_role("heading", name=title).wait_for(timeout=20_000)
    if charts:
        wait_for_chart(page, charts)
    else:
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.strip("/").split("?")[0] or "Overview"
    page.screenshot(path=ARTIFACTS / f"page-{name}.png", full_page=True)
    assert page.watch.outside() == []
    assert page.watch.unexpected_errors() == []


def test_map_is_drawn_with_country_shapes(page, server):
    page.goto(server + "/")
    wait_for_chart(page)
    # The five in colour plus their neighbours in grey, drawn from the app's own GeoJSON.
    page.wait_for_function(f"document.querySelectorAll('{CHART} path.choroplethlocation').length >= 20", timeout=20_000)
    assert page.watch.outside() == []


def test_url_filter_changes_what_the_map_shows(page, server):
    page.goto(server + "/?country=TJK")
    wait_for_chart(page)
    wait_for_locations(page, ["TJK"])
    assert page.get_by_text("Tajikistan (TJK)").first.is_visible()
    assert page.watch.outside() == []


def test_widget_filter_changes_the_chart_and_the_url_and_survives_page_switch(page, server, dataset):
    page.goto(server + "/")
    wait_for_chart(page)
    wait_for_locations(page, ["KAZ", "KGZ", "TJK", "TKM", "UZB"])
    page.get_by_role("combobox", name="Countries").click()
    page.get_by_role("option", name="Kyrgyzstan (KGZ)", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_locations(page, ["KGZ"])
    page.wait_for_url("**country=KGZ**", timeout=10_000)

    page.get_by_role("link", name="Timeline").click()
    page.get_by_role("heading", name="Timeline of visits and meetings").wait_for(timeout=20_000)
    wait_for_chart(page)
    page.wait_for_url("**/Timeline?country=KGZ", timeout=10_000)
    assert page.get_by_text("Kyrgyzstan (KGZ)").first.is_visible()
    assert event_markers(page) == events_involving(dataset, ["KGZ"])

    page.get_by_role("link", name="Overview").click()
    wait_for_chart(page)
    wait_for_locations(page, ["KGZ"])
    assert page.watch.outside() == []
    assert page.watch.unexpected_errors() == []


def test_unknown_codes_in_the_link_show_a_notice(page, server):
    page.goto(server + "/?country=KAZ,NOPE")
    wait_for_chart(page)
    page.get_by_text("Ignored unknown country codes in the link").wait_for(timeout=10_000)
    wait_for_locations(page, ["KAZ"])


def test_toolbar_png_download_of_the_map_works_offline_at_the_servers_size(page, server):
    page.goto(server + "/?country=KAZ")
    page.wait_for_function(f"document.querySelectorAll('{CHART} path.choroplethlocation').length >= 20", timeout=20_000)
    page.locator(CHART).first.hover()
    with page.expect_download() as download:
        page.locator("[data-title='Download plot as a PNG']").first.click()
    path = download.value.path()
    assert download.value.suggested_filename == "map-events_KAZ_1991-2026.png"
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    expected = (exports.EXPORT_WIDTH, figures.map_height(figures.SCREEN_WIDTH, slider=True))  # the figure's own
    assert (width, height) == tuple(exports.PNG_SCALE * n for n in expected)
    assert page.watch.outside() == []


def coloured_path(page, iso3: str):
    """The drawn shape of `iso3` in the map's coloured trace."""
    index = page.evaluate(f"Array.from(document.querySelector('{CHART}').data[1].locations).indexOf('{iso3}')")
    assert index >= 0
    return page.locator(f"{CHART} .choroplethlayer .trace").nth(1).locator("path.choroplethlocation").nth(index)


def choose_on_the_map(page, server: str, iso3: str) -> None:
    """Open the Overview with all five and click `iso3` on the map, until it is the only one chosen."""
    page.goto(server + "/")
    page.wait_for_function(f"document.querySelectorAll('{CHART} path.choroplethlocation').length >= 20", timeout=20_000)
    wait_for_locations(page, ["KAZ", "KGZ", "TJK", "TKM", "UZB"])
    coloured_path(page, iso3).click(force=True)
    wait_for_locations(page, [iso3])
    page.wait_for_url(f"**country={iso3}**", timeout=10_000)


def test_clicking_a_country_on_the_map_selects_it_everywhere(page, server, dataset):
    choose_on_the_map(page, server, "UZB")
    assert page.get_by_text("Uzbekistan (UZB)").first.is_visible()
    page.get_by_role("link", name="Timeline").click()
    page.get_by_role("heading", name="Timeline of visits and meetings").wait_for(timeout=20_000)
    wait_for_chart(page)
    assert event_markers(page) == events_involving(dataset, ["UZB"])
    assert page.watch.outside() == []
    assert page.watch.unexpected_errors() == []


def test_the_year_slider_changes_the_map(page, server, dataset):
    page.goto(server + "/?metric=c5_meetings&from=2015&to=2025")
    page.wait_for_function(f"document.querySelectorAll('{CHART} path.choroplethlocation').length >= 20", timeout=20_000)
    totals = page.evaluate(f"Array.from(document.querySelector('{CHART}').data[1].z)")
    page.locator(f"{CHART} .slider-rail-touch-rect").first.scroll_into_view_if_needed()  # clicked where seen
    rail = page.locator(f"{CHART} .slider-rail-touch-rect").first.bounding_box()
    page.mouse.click(rail["x"] + 5, rail["y"] + rail["height"] / 2)  # the first year, 2015
    page.wait_for_function(
        f"Array.from(document.querySelector('{CHART}').data[1].z).reduce((a, b) => a + b, 0) < {sum(totals)}",
        timeout=10_000,
    )
    first_year = page.evaluate(f"Array.from(document.querySelector('{CHART}').data[1].z)")
    six = dataset.event_countries.groupby("event_id")["iso3"].agg(set)
    in_2015 = set(dataset.events.loc[dataset.events["start_date"].dt.year == 2015, "event_id"])
    c5_2015 = sum(1 for e, s in six.items() if e in in_2015 and s == {"USA", "KAZ", "KGZ", "TJK", "TKM", "UZB"})
    assert first_year == [c5_2015] * 5 and totals[0] > c5_2015
    assert page.watch.unexpected_errors() == []


def test_a_full_view_link_opens_the_same_view_on_a_fresh_server(browser, dataset):
    process, base = start_server()
    try:
        context = browser.new_context()
        page = context.new_page()
        watch = Watch(page)
        page.goto(base + "/Timeline?country=KAZ&from=2015&to=2023&type=ministerial_meeting&q=Astana")
        page.get_by_role("heading", name="Timeline of visits and meetings").wait_for(timeout=20_000)
        wait_for_chart(page)
        events = dataset.events.merge(dataset.event_countries, on="event_id")
        expected = events[
            (events["iso3"] == "KAZ")
            & events["start_date"].dt.year.between(2015, 2023)
            & (events["event_type"] == "ministerial_meeting")
            & (events["place_id"] == "astana")
        ]["event_id"].nunique()
        assert expected > 0 and event_markers(page) == expected
        assert page.get_by_text("Kazakhstan (KAZ)").first.is_visible()
        assert page.get_by_role("link", name="Overview").is_visible()  # the shared sidebar, not a bare page
        assert page.get_by_role("textbox", name="Search events, people and places").input_value() == "Astana"
        page.wait_for_url("**from=2015**", timeout=10_000)
        assert watch.outside() == [] and watch.unexpected_errors() == []
        context.close()
    finally:
        process.terminate()
        process.wait(timeout=10)


def download(page, label: str, in_menu: bool = True):
    """Click the download button called `label`: in the first chart's Download menu (opened first, as a
    user would, unless it is open) or, with `in_menu=False`, on the page itself; the saved file's name
    and bytes."""
    button = page.get_by_role("button", name=label, exact=True).first
    if in_menu and not button.is_visible():
        page.get_by_role("button", name="Download", exact=True).first.click()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def test_each_chart_download_gives_a_real_file(page, server, dataset):
    page.goto(server + "/Timeline?country=KAZ&from=2015&to=2023")
    wait_for_chart(page)
    expected = dataset.events.merge(dataset.event_countries, on="event_id")
    expected = expected[(expected["iso3"] == "KAZ") & expected["start_date"].dt.year.between(2015, 2023)]

    name, data = download(page, "CSV")
    assert name == "timeline-events_KAZ_2015-2023.csv"
    text = data.decode("utf-8")
    assert text.startswith("# Central Asia Diplomacy Dashboard, data version")
    assert "/Timeline?country=KAZ&from=2015&to=2023" in text.splitlines()[0]
    rows = pd.read_csv(io.BytesIO(data), comment="#")
    assert sorted(rows["event_id"]) == sorted(expected["event_id"].unique())
    assert rows["source_urls"].str.startswith("http").all()

    name, data = download(page, "HTML")
    html = data.decode("utf-8")
    assert name.endswith(".html") and "Plotly.newPlot" in html and not re.search(r"<script[^>]+src=", html)

    name, data = download(page, "PNG")
    assert name == "timeline-events_KAZ_2015-2023.png" and data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == exports.PNG_SCALE * exports.EXPORT_WIDTH
    name, data = download(page, "SVG")
    ET.fromstring(data)  # parses as XML
    name, data = download(page, "PDF")
    assert data[:4] == b"%PDF" and len(data) > 5_000
    assert page.watch.outside() == []
    assert page.watch.unexpected_errors() == []


def test_the_html_download_draws_offline(browser, page, server, tmp_path):
    page.goto(server + "/?country=TJK")
    page.wait_for_function(f"document.querySelectorAll('{CHART} path.choroplethlocation').length >= 20", timeout=20_000)
    _, data = download(page, "HTML")
    path = tmp_path / "map.html"
    path.write_bytes(data)
    offline = browser.new_context()
    viewer = offline.new_page()
    requests: list[str] = []
    viewer.on("request", lambda r: requests.append(r.url))
    viewer.goto(path.as_uri())
    viewer.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length >= 20", timeout=20_000
    )
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
    offline.close()


def test_the_whole_dataset_downloads_as_a_valid_data_package(page, server, tmp_path):
    page.goto(server + "/Data_and_sources")
    page.get_by_role("heading", name="Data and sources").wait_for(timeout=20_000)
    name, data = download(page, "Download the whole dataset (zip)", in_menu=False)
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path)
    dataset, problems = load_dataset(tmp_path)
    assert problems == [] and dataset is not None


def test_country_briefing_downloads_as_a_pdf(page, server):
    page.goto(server + "/Country_profiles?profile=KGZ")
    page.get_by_role("heading", name="Kyrgyzstan").wait_for(timeout=20_000)
    name, data = download(page, "Country briefing (PDF)", in_menu=False)
    assert name == "briefing_KGZ_1991-2026.pdf"
    assert data[:4] == b"%PDF" and len(data) > 20_000
