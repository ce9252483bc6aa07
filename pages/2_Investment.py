"""Investment: one measure at a time, each figure with its reporter and sources."""

import streamlit as st

from c5dash import transform, ui, views

dataset, view = ui.page_setup("Investment")
st.title("Investment")
st.write(
    "Figures that measure different things (a year's inflow, a stock, a cumulative inflow, an announced deal) "
    "are never added up or averaged: choose one measure. Each bar is one figure as one reporter stated it."
)

counts = ui.memo(transform.measure_counts)(dataset, view.countries, view.years)
measures = list(counts)
with_data = [m for m in measures if counts[m]]
labels = {m: f"{transform.MEASURE_LABELS[m]} ({transform.figures_text(counts[m])})" for m in measures}
measure = ui.url_choice(
    "Measure", "measure", measures, labels, "investment_measure", default=(with_data or measures)[0]
)
page = ui.memo(views.investment)(dataset, view.countries, view.years, measure)
rows = page.rows
if rows.empty:
    others = "; ".join(transform.MEASURE_LABELS[m] for m in with_data)
    st.info(
        "No figures of this measure for the chosen countries and period. "
        + (f"Measures with figures: {others}." if others else "No measure has figures: widen the filter.")
    )
else:
    ui.chart(page.figure, f"investment-{measure}", view, rows, dataset)
    top = rows.loc[rows["value_usd"].idxmax()]
    largest = ui.plain(f"{top['value_text']} ({top['parties']}, {top['period_text']}, reported by {top['reporter']})")
    st.caption(
        f"{len(rows)} figure(s); the largest is {largest}. Figures from different reporters are shown side by "
        "side, not combined; the notes say where they disagree. A bar's row id (in the table) shows on hover."
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
            "investment_id": "Row id",
        },
        key="investment-table",
    )

if "flow" in st.query_params:  # links from before trade had a page of its own
    st.info("Trade in goods has a page of its own now.")
    st.page_link("pages/5_Trade.py", label="Trade in goods", icon=":material/arrow_forward:")
ui.footer()
