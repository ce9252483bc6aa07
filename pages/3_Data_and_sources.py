"""Data & sources: every table, searchable, each row's sources as links."""

import streamlit as st

from c5dash import transform, ui

dataset, countries = ui.page_setup("Data & sources")
st.title("Data and sources")
st.write(
    "Every table of the dataset as it is in `data/`, described in `data/datapackage.json`. "
    "Search looks in every column. The country filter does not apply here."
)
query = st.text_input("Search all tables", key="data_search", placeholder="e.g. Samarkand, Blinken, KAZ")

for name, frame in dataset.tables().items():
    shown = transform.search_rows(frame, query)
    st.subheader(f"{name}.csv")
    st.caption(f"{len(shown)} of {len(frame)} rows")
    ui.source_table(shown, dataset, key=f"data-{name}")
ui.footer()
