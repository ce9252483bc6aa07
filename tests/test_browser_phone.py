"""Every page read on a phone (390×844) and on a wide screen (1400×1000): no chart text cut off or on
top of other text, the modebar over no text, no sideways scrolling, on a phone no chart taller than
the screen holding the finger that scrolls the page; and the checker that says so, tried first on
small plotly charts with known defects (no Streamlit).

Needs Chromium, as tests/test_browser.py does.
"""

from __future__ import annotations

from pathlib import Path

import plotly
import pytest
import test_browser as shared
from conftest import ROOT

from c5dash.browser import chart_text_problems

pytestmark = pytest.mark.browser

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1400, "height": 1000}
# A phone's browser: its User-Agent says "Mobile", and it has a touch screen.
PHONE_BROWSER = {
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36",
}
# Charts (by their number on the page) taller than the screen where a finger put down on the plot
# cannot scroll the page: plotly.js cancels the touch to start a zoom or pan. A shorter chart leaves
# room on the screen to scroll by. Charts whose points are clicked (Streamlit's selections, clickmode
# "event+select": the timelines' cards, the map) are left out: Streamlit makes dragging on them pan.
TOUCH_HELD = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap((plot, index) => {
    const area = plot.querySelector('.nsewdrag');
    const clicked = String(plot._fullLayout.clickmode).includes('select');
    if (!area || clicked || plot.getBoundingClientRect().height < window.innerHeight) return [];
    const box = area.getBoundingClientRect();
    const touch = new Touch({identifier: 1, target: area, clientX: box.left + 5, clientY: box.top + 5});
    const start = new TouchEvent('touchstart', {touches: [touch], targetTouches: [touch], changedTouches: [touch],
                                                cancelable: true, bubbles: true});
    area.dispatchEvent(start);
    document.dispatchEvent(new TouchEvent('touchend', {changedTouches: [touch], cancelable: true, bubbles: true}));
    return start.defaultPrevented ? [index + 1] : [];
})"""
PAGES = [  # name, path, the heading that says it has drawn, how many charts it draws
    ("Overview", "/", "Central Asia Diplomacy Dashboard", 1),
    ("Timeline", "/Timeline", "Timeline of visits and meetings", 1),
    ("Partners", "/Partners", "The five and their partners: every C5+X format", 5),
    ("Investment", "/Investment", "Investment", 1),
    ("Trade", "/Trade", "Trade in goods", 1),
    ("Country_profiles", "/Country_profiles?profile=UZB", "Uzbekistan", 2),
    ("Data_and_sources", "/Data_and_sources", "Data and sources", 0),
]


browser = shared.browser  # the fixtures of tests/test_browser.py


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def draw(page, *layouts: dict) -> None:
    """A page of plotly charts (plotly.js from the plotly package, no server), one per layout, each
    with a line of three points and 350 px wide: a phone's chart."""
    divs = "".join(f"<div id='chart{i}' style='width:350px'></div>" for i in range(len(layouts)))
    page.set_content(f"<body style='margin:20px'>{divs}</body>")
    page.add_script_tag(path=str(PLOTLY_JS))
    page.evaluate(
        """(layouts) => Promise.all(layouts.map((layout, i) =>
            Plotly.newPlot('chart' + i, [{x: [1, 2, 3], y: [2, 1, 3], name: 'Line'}], layout)))""",
        list(layouts),
    )


def test_checker_passes_a_clean_chart(phone):
    draw(phone, {"title": {"text": "Clean"}, "height": 300, "xaxis": {"title": {"text": "Year"}}})
    assert chart_text_problems(phone) == []


def test_checker_finds_text_cut_off_and_text_on_text(phone):
    clean = {"title": {"text": "Clean"}, "height": 300}
    broken = {
        "title": {"text": "Broken"},
        "height": 300,
        "annotations": [
            # Ends far beyond the chart's right edge.
            {"text": "A label running out of the chart", "x": 3, "y": 2, "xanchor": "left", "showarrow": False},
            # Right on top of the x axis's first tick label.
            {"text": "Over the tick", "x": 1, "xref": "x", "y": 0, "yref": "paper", "yshift": -18, "showarrow": False},
        ],
    }
    draw(phone, clean, broken)
    problems = chart_text_problems(phone)
    assert len(problems) == 2, problems
    assert problems[0].startswith("chart 2 (Broken): annotation-text 'A label running out of the chart' cut off by ")
    assert problems[1].startswith("chart 2 (Broken): xtick '1' overlaps annotation-text 'Over the tick' by ")


def test_checker_finds_the_modebar_over_a_title(phone):
    draw(phone, {"title": {"text": "A title long enough to reach the toolbar"}, "height": 300, "margin": {"t": 30}})
    problems = chart_text_problems(phone)
    assert len(problems) == 1 and problems[0].startswith("chart 1 (A title long enough to reach the toolbar): ")
    assert "the modebar covers gtitle 'A title long enough to reach the toolbar'" in problems[0]


def test_checker_finds_a_button_on_a_slider(phone):
    steps = [{"label": str(year), "method": "skip"} for year in (2000, 2010, 2020)]
    buttons = [{"label": "Play", "method": "skip"}, {"label": "Pause", "method": "skip"}]
    slider = {"steps": steps, "x": 0.1, "len": 0.9, "pad": {"t": 0}, "currentvalue": {"visible": False}}
    menu = {"type": "buttons", "direction": "left", "x": 0, "y": 0, "xanchor": "left", "yanchor": "top"}
    layout = {
        "title": {"text": "Slider"},
        "height": 400,
        "sliders": [slider],
        "updatemenus": [menu | {"buttons": buttons}],
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "margin": {"b": 150},
    }
    draw(phone, layout)
    assert "chart 1 (Slider): button 'Pause' overlaps slider rail '' by " in "\n".join(chart_text_problems(phone))
    phone.evaluate(
        "Plotly.relayout('chart0', {'updatemenus[0].direction': 'down', 'sliders[0].x': 0.5, 'sliders[0].len': 0.5})"
    )
    assert chart_text_problems(phone) == []


def test_checker_does_not_count_level_labels_beside_tilted_ones(phone):
    """Tick labels tilted 45° sit close together: upright boxes around them would overlap, their
    letters do not."""
    names = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan", "Afghanistan", "Mongolia"]
    ticks = {"tickangle": -45, "tickvals": [1, 1.33, 1.67, 2, 2.33, 2.67, 3], "ticktext": names}
    draw(phone, {"height": 300, "xaxis": ticks, "title": {"text": "Tilted"}})
    assert chart_text_problems(phone) == []
    # The same labels upright would run into each other.
    phone.evaluate("Plotly.relayout('chart0', {'xaxis.tickangle': 0})")
    assert "chart 1 (Tilted): xtick 'Kazakhstan' overlaps xtick 'Kyrgyzstan' by " in chart_text_problems(phone)[0]


@pytest.mark.parametrize("size", [PHONE, WIDE], ids=["phone", "wide"])
@pytest.mark.parametrize("name, path, heading, charts", PAGES, ids=[p[0] for p in PAGES])
def test_page_reads_without_cut_off_or_overlapping_chart_text(browser, server, size, name, path, heading, charts):
    context = browser.new_context(viewport=size, **(PHONE_BROWSER if size == PHONE else {}))
    page = context.new_page()
    try:
        page.goto(server + path)
        page.get_by_role("heading", name=heading).first.wait_for(timeout=20_000)
        if charts:
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=20_000
            )
        else:
            page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=20_000)
        page.wait_for_timeout(1000)  # plotly's second draw, once its container has its width
        if size == PHONE:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"phone-{name}.png")
            # A chart taller than the screen (Trade's five panels) must not trap the finger scrolling past it.
            assert page.evaluate(TOUCH_HELD) == []
        assert chart_text_problems(page) == []
        # Nothing wider than the window: neither the document nor Streamlit's scrolling main part.
        widths = page.evaluate(
            """() => [document.scrollingElement, document.querySelector('[data-testid=stMain]')]
                .map(e => [e.scrollWidth, e.clientWidth])"""
        )
        assert all(scroll <= visible for scroll, visible in widths), widths
        assert widths[0][0] <= size["width"]
    finally:
        context.close()
