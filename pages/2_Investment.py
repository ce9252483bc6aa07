"""Investment: one measure at a time, each figure with its reporter and sources."""

import streamlit as st

from c5dash import transform, ui, views

dataset, view = ui.page_setup("Investment")
st.title("Investment")
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
        f"{len(rows)} figure(s); the largest is {top['value_text']} ({top['parties']}, "
        f"{top['period_text']}, reported by {top['reporter']}). Figures from different reporters are shown side by "
        "side, not combined; the notes say where they disagree."
    )
ui.source_table_on_demand(
    f"Table of the {len(rows)} figure(s), with their sources",
    "investment_table",
    rows,
    dataset,
    {
        "parties": "Countries",
        "period_text": "Period",
        "value_text": "Value",
        "reporter": "Reported by",
        "event_title": "Announced at",
        "notes": "Notes",
    },
    key="investment-table",
)

if "flow" in st.query_params:  # links from before trade had a page of its own
    st.info("Trade in goods has a page of its own now.")
    st.page_link("pages/5_Trade.py", label="Trade in goods", icon=":material/arrow_forward:")
ui.footer()
