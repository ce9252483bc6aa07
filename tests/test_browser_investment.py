"""The Investment page in Chromium: a series drawn as a line over time, and the board of announced deals
whose event titles open their cards (in a new tab, as every Markdown link of the app).

Needs Chromium, as tests/test_browser.py (whose browser and page fixtures this module uses).
"""

from __future__ import annotations

import pytest
import test_browser as shared
from test_browser_trade import drawn_traces

pytestmark = pytest.mark.browser
browser = shared.browser  # the fixtures of tests/test_browser.py
page = shared.page


def test_a_series_draws_as_one_line_through_each_of_its_figures(page, server, dataset):
    page.goto(server + "/Investment?measure=fdi_stock&country=KAZ")
    traces = drawn_traces(page)
    (line,) = [t for t in traces if t["mode"] == "lines+markers"]
    stocks = dataset.investments[
        (dataset.investments["measure"] == "fdi_stock") & (dataset.investments["investor_iso3"] == "USA")
    ]
    assert line["paths"] == 1 and line["markers"] == line["points"] == len(stocks)
    assert page.watch.outside() == [] and page.watch.unexpected_errors() == []


def test_the_board_lists_the_deals_by_country_and_an_event_title_opens_its_card(page, server, dataset):
    page.goto(server + "/Investment?country=TJK")
    deals = dataset.investments[
        (dataset.investments["measure"] == "announced_commitment") & (dataset.investments["recipient_iso3"] == "TJK")
    ]
    (event_id,) = set(deals["event_id"])
    title = dataset.events.set_index("event_id").at[event_id, "title"]
    link = page.get_by_role("link", name=title)
    link.first.wait_for(timeout=30_000)
    assert link.count() == len(deals)
    assert f"event={event_id}" in link.first.get_attribute("href")
    with page.expect_popup() as opened:  # Streamlit opens a Markdown link in a new tab, the view kept
        link.first.click()
    card = opened.value
    card.wait_for_selector("text=Close card", timeout=30_000)
    assert f"event={event_id}" in card.url and "country=TJK" in card.url
    card.close()
    assert page.watch.outside() == [] and page.watch.unexpected_errors() == []
