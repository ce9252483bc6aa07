"""Event cards in Chromium: a click on a timeline marker opens the card and puts it in the link;
a link with `?event=` opens it directly. Screenshots of the card go to test-artifacts/."""

from __future__ import annotations

import re

import pytest
from test_browser import ARTIFACTS, CHART, browser, page, wait_for_chart  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
EVENT = "us-2023-02-27-blinken-kazakhstan"
TITLE = "Secretary of State Blinken visits Kazakhstan"
SOURCE = "https://history.state.gov/departmenthistory/travels/secretary/blinken-antony-j"


def marker_centre(tab, event_id: str, chart: int) -> dict:
    """Where the marker of `event_id` is drawn on the page's `chart`-th chart, in page pixels."""
    tab.wait_for_function(
        "([sel, n]) => { const gd = document.querySelectorAll(sel)[n]; return !!(gd && gd.data); }", arg=[CHART, chart]
    )
    return tab.evaluate(
        """([chart, id, n]) => {
            const gd = document.querySelectorAll(chart)[n];
            const traces = gd.querySelectorAll('.scatterlayer .trace');
            for (let t = 0; t < gd.data.length; t++) {
                const i = Array.from(gd.data[t].customdata).findIndex(c => c[c.length - 1] === id);
                if (i < 0) continue;
                const box = traces[t].querySelectorAll('.point')[i].getBoundingClientRect();
                return {x: box.x + box.width / 2, y: box.y + box.height / 2};
            }
            return null;
        }""",
        [CHART, event_id, chart],
    )


def card_links(tab) -> list[str]:
    """The addresses the open card links to (the card: the heading's nearest enclosing block with links)."""
    heading = tab.get_by_role("heading", name=TITLE)
    heading.wait_for(timeout=20_000)
    card = heading.locator("xpath=ancestor::*[.//a][1]")
    return card.locator("a").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("path, chart", [("/Timeline", 0), ("/Country_profiles?profile=KAZ", 1)])
def test_clicking_a_marker_opens_its_card_with_its_sources_as_links(page, server, path, chart):  # noqa: F811
    page.goto(server + path)
    wait_for_chart(page, chart + 1)
    page.locator(CHART).nth(chart).scroll_into_view_if_needed()
    centre = marker_centre(page, EVENT, chart)
    assert centre, "the marker is drawn"
    page.mouse.click(centre["x"], centre["y"])
    assert SOURCE in card_links(page)
    page.wait_for_url(re.compile(f"event={EVENT}"), timeout=20_000)
    assert not page.watch.outside()


def test_a_link_with_an_event_opens_its_card_on_a_fresh_server(page, server):  # noqa: F811
    page.goto(f"{server}/Timeline?event={EVENT}")
    links = card_links(page)
    assert SOURCE in links
    assert all(link.startswith(("http://", "https://")) for link in links)
    ARTIFACTS.mkdir(exist_ok=True)
    page.get_by_role("heading", name=TITLE).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "event-card-1400.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("heading", name=TITLE).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "event-card-390.png"))
    page.get_by_role("button", name="Close card").click()
    page.wait_for_url(lambda url: "event=" not in url, timeout=20_000)
    assert not page.watch.unexpected_errors()


def test_on_a_phone_a_tapped_marker_opens_its_card_in_view(browser, server):  # noqa: F811
    from test_browser_phone import PHONE, PHONE_BROWSER

    context = browser.new_context(viewport=PHONE, **PHONE_BROWSER)
    tab = context.new_page()
    try:
        tab.goto(server + "/Timeline")
        wait_for_chart(tab, 1)
        tab.locator(CHART).first.scroll_into_view_if_needed()
        centre = marker_centre(tab, EVENT, 0)
        assert centre, "the marker is drawn in the phone's first eight years"
        tab.mouse.click(centre["x"], centre["y"])
        heading = tab.get_by_role("heading", name=TITLE)
        heading.wait_for(timeout=20_000)
        tab.wait_for_timeout(1000)
        box = heading.bounding_box()
        header = tab.locator("[data-testid='stHeader']").bounding_box()
        top = header["y"] + header["height"] if header else 0
        assert top <= box["y"] < tab.viewport_size["height"], "the card's title is on the screen, below the header"
    finally:
        context.close()
