"""Investment: one measure at a time, each figure with its reporter and sources."""

import streamlit as st

from c5dash import figures, transform, ui

dataset, countries = ui.page_setup("Investment")
st.title("Investment and trade")
st.write(
    "Figures that measure different things (a year's inflow, a stock, a cumulative inflow, an announced deal) "
    "are never added up or averaged: choose one measure. Each bar is one figure as one reporter stated it."
)

measures = transform.measures_in(dataset.investments)
wanted = st.query_params.get("measure")
if wanted is not None and wanted not in measures:
    st.warning("Ignored the measure in the link: it is not one of the measures with data.")
    wanted = None
measure = st.selectbox(
    "Measure",
    measures,
    index=measures.index(wanted) if wanted else 0,
    format_func=lambda m: transform.MEASURE_LABELS[m],
    key="investment_measure",
)
st.query_params["measure"] = measure

rows = transform.investments_table(dataset, countries, measure)
title = f"{transform.MEASURE_LABELS[measure]}, US$ billion"
ui.chart(figures.investment_bars(rows, measure, title), f"investment-{measure}")
if rows.empty:
    st.info("No figures of this measure for the chosen countries.")
else:
    st.caption(
        f"{len(rows)} figure(s): "
        + "; ".join(f"{r.investor} in {r.recipient}, {r.value_text} ({r.reporter})" for r in rows.itertuples())
        + ". Figures from different reporters are shown side by side, not combined."
    )

ui.source_table(
    rows,
    dataset,
    {
        "investor": "Investor",
        "recipient": "Recipient",
        "period_start": "From",
        "period_end": "To",
        "value_text": "Value",
        "reporter": "Reported by",
        "notes": "Notes",
    },
    key="investment-table",
)
ui.footer()
