"""The map in Chromium: what is drawn, not only what the figure asks for.

Needs Chromium, as tests/test_browser.py (whose browser and page fixtures this module uses).
"""

from __future__ import annotations

import io

import pytest
import test_browser as shared
from PIL import Image

from c5dash.figures.maps import UNSELECTED_GREY
from c5dash.geo import countries, label_points, read_shapes

pytestmark = pytest.mark.browser
browser = shared.browser  # the fixtures of tests/test_browser.py
page = shared.page
CHART = shared.CHART
FIVE = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def drawn_fills(page) -> dict[str, tuple[int, int, int]]:
    """The colour on screen at a point inside each of the five, with the map's marks and labels hidden."""
    page.wait_for_selector(f"{CHART} .choroplethlocation", timeout=30_000)
    page.wait_for_timeout(500)
    page.add_style_tag(content=f"{CHART} .scattergeo, {CHART} .hoverlayer {{ visibility: hidden }}")
    page.locator(f"{CHART} .choroplethlocation").first.scroll_into_view_if_needed()  # the screenshot is of the window
    shapes = countries(read_shapes())
    points = label_points(shapes[shapes["iso3"].isin(FIVE)])
    xy = page.evaluate(
        """(points) => {
          const gd = document.querySelector('.js-plotly-plot');
          const box = gd.querySelector('.main-svg').getBoundingClientRect();
          const projection = gd._fullLayout.geo._subplot.projection;
          return points.map(([lon, lat]) => { const [x, y] = projection([lon, lat]); return [box.x + x, box.y + y]; });
        }""",
        points[["lon", "lat"]].values.tolist(),
    )
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    return {code: image.getpixel((round(x), round(y))) for code, (x, y) in zip(points["iso3"], xy)}


def test_a_country_not_chosen_is_drawn_in_the_darker_grey(page, server):
    page.goto(server + "/?country=UZB")
    fills = drawn_fills(page)
    grey = _rgb(UNSELECTED_GREY)
    others = ["KAZ", "KGZ", "TJK", "TKM"]
    assert {code: fills[code] for code in others} == dict.fromkeys(others, grey)
    assert fills["UZB"] != grey


def test_a_country_without_a_value_is_drawn_in_the_darker_grey(page, server):
    page.goto(server + "/?metric=trade&partner=TUR")
    fills = drawn_fills(page)
    assert fills["KGZ"] == _rgb(UNSELECTED_GREY)  # no trade figure with Türkiye
    assert fills["KAZ"] not in (_rgb(UNSELECTED_GREY), _rgb("#dddddd"))


def test_rapid_clicks_on_play_and_pause_log_no_error(page, server):
    """plotly.js rejects an interrupted animation's promise and its buttons leave it uncaught; the
    page must not report that as an error."""
    page.goto(server + "/")
    page.wait_for_selector(f"{CHART} .updatemenu-button", timeout=30_000)
    buttons = page.locator(f"{CHART} .updatemenu-button")
    for _ in range(4):
        buttons.nth(0).click()  # Play
        page.wait_for_timeout(150)
    buttons.nth(1).click()  # Pause
    buttons.nth(0).click()
    page.wait_for_timeout(100)
    rail = page.locator(f"{CHART} .slider-rail-rect").bounding_box()
    page.mouse.click(rail["x"] + rail["width"] / 3, rail["y"] + rail["height"] / 2)  # the slider, while playing
    page.wait_for_timeout(1500)
    assert page.watch.errors == []
