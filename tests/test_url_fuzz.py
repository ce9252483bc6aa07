"""Any value of any URL parameter: the page never raises, falls back to defaults and says so."""

from __future__ import annotations

from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

PARAMS = [
    "country",
    "from",
    "to",
    "metric",
    "level",
    "measure",
    "investor",
    "partner",
    "type",
    "person",
    "q",
    "flow",
    "profile",
    "events_table",
    "last_visits",
    "investment_table",
    "trade_table",
    "profile_investments",
    "profile_trade",
    "profile_sources",
    "partners_table",
    "table_events",
    "event",
]
PAGES = [
    "app.py",
    "pages/1_Timeline.py",
    "pages/6_Partners.py",
    "pages/2_Investment.py",
    "pages/5_Trade.py",
    "pages/4_Country_profiles.py",
]

values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="<>&\"'`![](){}#*_=+-@\t\r/\\%;,.:0123456789ABCKZUGJMTXYazkgujmt", max_size=60),
    st.integers(-(10**12), 10**12).map(str),
    st.integers(1985, 2030).map(str),  # years in and around the data's, so narrow periods come up
    st.sampled_from(
        ["KAZ", "KGZ", "TJK", "TKM", "UZB", "true", "false", "CHN,RUS", "EUU", "all", "CA5", "format_meetings"]
    ),
    st.sampled_from(
        [
            "KAZ,UZB",
            "kaz",
            "2015",
            "2030",
            "1800",
            "ministerial_meeting",
            "fdi_stock",
            "USA",
            "CHN",
            "all",
            "turnover",
            "balance",
            "Nur-Sultan",
            "us-2023-02-27-blinken-kazakhstan",
        ]
    ),
    st.just("x" * 5000),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=st.sampled_from(PAGES), params=st.dictionaries(st.sampled_from(PARAMS), values, max_size=5))
def test_any_url_parameters_never_raise(page, params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if page != "app.py":
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value.replace("\x00", "")
    at.run()
    assert not at.exception, params
    for notice in at.warning:  # notices never echo markup, links or images from the URL
        assert "<" not in notice.value and "](" not in notice.value, notice.value
