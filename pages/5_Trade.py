"""Trade in goods: one flow at a time, both sides' statistics apart, each figure with its sources."""

import streamlit as st

from c5dash import transform, ui, views

dataset, view = ui.page_setup("Trade")
st.title("Trade in goods")
st.write(
    "The two sides' statistics of the same trade often differ (mirror statistics); both are kept, "
    "with the reporter of each figure."
)
flows = transform.flows_in(dataset.trade)
flow = ui.url_choice("Flow", "flow", flows, transform.TRADE_FLOW_LABELS, "trade_flow")
page = ui.memo(views.trade)(dataset, view.countries, view.years, flow)
trade = page.rows
ui.chart(page.figure, f"trade-{flow}", view, trade, dataset)
if trade.empty:
    st.info("No trade figures of this flow for the chosen countries.")
else:
    st.caption(
        f"{len(trade)} figure(s) from {trade['reporter'].nunique()} reporter(s) for "
        f"{', '.join(sorted(trade['country'].unique()))}: a panel per country, a colour per partner; "
        "circles are Central Asian statistics, open diamonds the partner's, crosses where the reporter "
        "does not say whose."
    )
ui.source_table_on_demand(
    f"Table of the {len(trade)} trade figure(s), with their sources",
    "trade_table",
    trade,
    dataset,
    {
        "country": "Country",
        "partner": "Partner",
        "year": "Year",
        "value_text": "Value",
        "statistics_label": "Statistics of",
        "reporter": "Reported by",
        "notes": "Notes",
    },
    key="trade-table",
)
ui.footer()
