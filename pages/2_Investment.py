"""Investment and trade: one measure or flow at a time, each figure with its reporter and sources."""

import streamlit as st

from c5dash import transform, ui, views

dataset, view = ui.page_setup("Investment")
st.title("Investment and trade")
st.write(
    "Figures that measure different things (a year's inflow, a stock, a cumulative inflow, an announced deal) "
    "are never added up or averaged: choose one measure. Each bar is one figure as one reporter stated it."
)

measures = transform.measures_in(dataset.investments)
measure = ui.url_choice("Measure", "measure", measures, transform.MEASURE_LABELS, "investment_measure")
page = ui.memo(views.investment)(dataset, view.countries, view.years, measure)
rows = page.rows
ui.chart(page.figure, f"investment-{measure}", view, rows, dataset)
if rows.empty:
    st.info("No figures of this measure for the chosen countries.")
else:
    top = rows.loc[rows["value_usd"].idxmax()]
    st.caption(
        f"{len(rows)} figure(s); the largest is {top['value_text']} ({top['investor']} in {top['recipient']}, "
        f"{top['period_text']}, reported by {top['reporter']}). Figures from different reporters are shown side by "
        "side, not combined; the notes say where they disagree."
    )
ui.source_table_on_demand(
    f"Table of the {len(rows)} figure(s), with their sources",
    "investment_table",
    rows,
    dataset,
    {
        "investor": "Investor",
        "recipient": "Recipient",
        "period_text": "Period",
        "value_text": "Value",
        "reporter": "Reported by",
        "event_title": "Announced at",
        "notes": "Notes",
    },
    key="investment-table",
)

st.subheader("Trade in goods")
st.write(
    "The two sides' statistics of the same trade often differ (mirror statistics); both are kept, "
    "with the reporter of each figure."
)
flows = transform.flows_in(dataset.trade)
flow = ui.url_choice("Flow", "flow", flows, transform.TRADE_FLOW_LABELS, "investment_flow")
flows_page = ui.memo(views.trade)(dataset, view.countries, view.years, flow)
trade = flows_page.rows
ui.chart(flows_page.figure, f"trade-{flow}", view, trade, dataset)
if trade.empty:
    st.info("No trade figures of this flow for the chosen countries.")
else:
    st.caption(
        f"{len(trade)} figure(s) from {trade['reporter'].nunique()} reporter(s) for "
        f"{', '.join(sorted(trade['country'].unique()))}; circles are Central Asian statistics, "
        "open diamonds the partner's."
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
