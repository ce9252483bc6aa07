"""Trade in goods: the official series as lines, the figures officials stated as points, each with its sources."""

import streamlit as st

from c5dash import trade, ui, views

dataset, view = ui.page_setup("Trade")
st.title("Trade in goods")
st.write(
    "How much the five trade with a partner, year by year, from official statistics, and the figures officials "
    "stated against them. Exports and imports are the Central Asian country's: its exports to the United "
    "States are what the U.S. records as imports from it. The two sides' statistics of the same trade often "
    "differ (mirror statistics); both are kept, with the reporter of each figure."
)
if "flow" in st.query_params:  # links from before the series: `?flow=turnover` is now a measure
    if st.query_params["flow"] == "turnover" and "measure" not in st.query_params:
        st.query_params["measure"] = "turnover"
    ui.drop_params("flow")
partners = ui.memo(trade.partner_choices)(dataset)
cols = st.columns(2)
with cols[0]:
    partner = ui.url_choice("Partner", "partner", partners, ui.memo(trade.partner_labels)(dataset), "trade_partner")
with cols[1]:
    measure = ui.url_choice("Measure", "measure", list(trade.MEASURES), trade.MEASURES, "trade_measure")
page = ui.memo(views.trade_page)(dataset, view.countries, view.years, partner, measure)
ui.chart(page.figure, f"trade-{partner}-{measure}".lower(), view, page.rows, dataset)
if page.summary:
    st.markdown(ui.plain(page.summary))
st.caption(page.caption)
ui.source_table_on_demand(
    f"Table of the {len(page.rows)} row(s) behind the chart: series, derived measures and statements, with sources",
    "trade_table",
    page.rows,
    dataset,
    {
        "kind": "Kind",
        "country": "Country",
        "partner": "Partner",
        "year": "Year",
        "flow_label": "Flow (the Central Asian country's)",
        "value_text": "Value",
        "statistics_label": "Statistics of",
        "reporter": "Reported or stated by",
        "vintage": "Release",
        "difference_text": "Difference from the series",
        "notes": "Notes",
    },
    key="trade-table",
)
ui.footer()
