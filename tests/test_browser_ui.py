"""The dashboard in Chromium: links that keep the filter, the map's click that undoes itself, and
accessibility (axe-core: no serious or critical violation on any page)."""

from __future__ import annotations

import pytest
import test_browser
from axe_playwright_python.sync_playwright import Axe
from test_browser import choose_on_the_map, coloured_path, wait_for_chart, wait_for_locations

browser, page = test_browser.browser, test_browser.page  # the same fixtures: Chromium, a page at 1400×1000

pytestmark = pytest.mark.browser

PAGES = {  # path: its heading
    "/": "Central Asia Diplomacy Dashboard",
    "/Timeline": "Timeline of visits and meetings",
    "/Partners": "The five and their partners: every C5+X format",
    "/Investment": "Investment",
    "/Trade": "Trade in goods",
    "/Country_profiles": "Kazakhstan",
    "/Data_and_sources": "Data and sources",
}
LINKS = {
    "Overview": "",
    **{
        label: path.lstrip("/")
        for label, path in [
            ("Timeline", "/Timeline"),
            ("Partners", "/Partners"),
            ("Investment", "/Investment"),
            ("Trade", "/Trade"),
            ("Country profiles", "/Country_profiles"),
            ("Data & sources", "/Data_and_sources"),
        ]
    },
}


def sidebar_links(page) -> dict[str, str]:
    """Each sidebar link's text and href."""
    links = page.locator("[data-testid='stSidebar'] a")
    return {link.inner_text().strip(): link.get_attribute("href") for link in links.all()}


def test_sidebar_links_carry_the_shared_filter_and_still_switch_pages_in_the_app(page, server):
    query = "country=UZB&from=2015&to=2023"
    page.goto(f"{server}/?{query}")
    wait_for_chart(page)
    page.wait_for_function(  # the links are drawn with the filter once the page has run
        "document.querySelectorAll(\"[data-testid='stSidebar'] a[href*='country=UZB']\").length >= 6",
        timeout=20_000,
    )
    assert sidebar_links(page) == {label: f"{path}?{query}" for label, path in LINKS.items()}
    page.evaluate("window.stillTheSameApp = true")  # lost if the click loaded a new document
    page.get_by_role("link", name="Timeline").click()
    page.get_by_role("heading", name=PAGES["/Timeline"]).wait_for(timeout=20_000)
    page.wait_for_url(f"**/Timeline?{query}", timeout=10_000)
    assert page.evaluate("window.stillTheSameApp === true")
    page.get_by_role("combobox", name="Countries").click()  # a new filter: the links follow it
    page.get_by_role("option", name="Kazakhstan (KAZ)", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        """() => {
            const links = Array.from(document.querySelectorAll("[data-testid='stSidebar'] a"));
            return links.length === 6 && links.every(a => decodeURIComponent(a.href).includes("country=UZB,KAZ&"));
        }""",
        timeout=20_000,
    )
    assert page.watch.outside() == [] and page.watch.unexpected_errors() == []


def test_a_new_tab_from_a_sidebar_link_opens_the_same_filter(page, server):
    page.goto(f"{server}/?country=UZB&from=2015&to=2023")
    wait_for_chart(page)
    page.wait_for_function(
        "document.querySelectorAll(\"[data-testid='stSidebar'] a[href*='country=UZB']\").length >= 6",
        timeout=20_000,
    )
    href = sidebar_links(page)["Timeline"]
    tab = page.context.new_page()  # what a middle-click opens
    tab.goto(f"{server}/{href}")
    tab.get_by_role("heading", name=PAGES["/Timeline"]).wait_for(timeout=20_000)
    tab.get_by_text("Uzbekistan (UZB)").first.wait_for(timeout=20_000)  # the sidebar's filter
    wait_for_chart(tab)
    period = tab.locator("[data-testid='stSidebar'] input[type=range]")
    assert [period.nth(i).input_value() for i in range(2)] == ["2015", "2023"]


def test_clicking_the_only_chosen_country_again_shows_all_five(page, server):
    choose_on_the_map(page, server, "UZB")
    coloured_path(page, "UZB").click(force=True)
    wait_for_locations(page, ["KAZ", "KGZ", "TJK", "TKM", "UZB"])
    page.wait_for_url(lambda url: "country=" not in url, timeout=10_000)
    assert page.get_by_role("combobox", name="Countries").is_visible()
    assert page.watch.unexpected_errors() == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_no_serious_accessibility_violation(page, server, path):
    page.goto(server + path)
    page.get_by_role("heading", name=PAGES[path]).wait_for(timeout=20_000)
    if path == "/Data_and_sources":
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=20_000)
    else:
        wait_for_chart(page)
    page.get_by_text("Every row cites its public sources").wait_for(timeout=20_000)  # the footer: all drawn
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}; " + " | ".join(n["target"][0] for n in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
