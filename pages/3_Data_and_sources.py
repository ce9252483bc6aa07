"""Data & sources: every table, searchable, each row's sources as links."""

import streamlit as st

from c5dash import exports, transform, ui, views

dataset, view = ui.page_setup("Data & sources")
st.title("Data and sources")
st.write(
    "Every table of the dataset as it is in `data/`, described in `data/datapackage.json`. "
    "Search looks in every column and is kept in the link (`?q=`). The sidebar's countries and period do not "
    "apply here: every row is shown."
)
st.dataframe(
    ui.memo(transform.table_summary)(dataset),
    hide_index=True,
    column_config={
        "table": "Table",
        "rows": "Rows",
        "period": "Period covered",
        "primary_share": st.column_config.NumberColumn(
            "Rows with a primary source", format="%d%%", help="Share of rows citing at least one primary source"
        ),
        "sources_checked": st.column_config.DateColumn(
            "Last updated", format="YYYY-MM-DD", help="The latest date on which a source cited by the table was read"
        ),
    },
    key="data-summary",
    placeholder="",  # no period, no sources cited, no date: an empty cell, not "None"
)
version, cite, folder = ui.data_version(str(ui.data_dir())), ui.citation(), ui.data_dir()
ui.download(
    "Download the whole dataset (zip)",
    lambda: exports.dataset_zip(folder, cite, version),
    f"central-asia-diplomacy-data-{version}.zip",
    "application/zip",
    "Every table as CSV, datapackage.json, the data README and a citation",
)
query = ui.url_text("Search all tables", "q", "data_search", placeholder="e.g. Samarkand, Blinken, KAZ")

tables = dataset.tables()
found = ui.memo(views.data_tables)(dataset, query)
if query.strip():  # a search shows its matches at once, table by table
    empty = [f"{name}.csv" for name, shown in found.items() if shown.empty]
    for name, shown in found.items():
        if len(shown):
            st.subheader(f"{name}.csv", anchor=False)
            st.caption(f"{len(shown)} of {len(tables[name])} rows match")
            ui.source_table(shown, dataset, key=f"data-{name}")
    if empty:
        st.caption(f"No match in {', '.join(empty)}.")
else:  # every table a click away (kept open in the link as ?table_<name>=true): the page sends none unasked
    for name, shown in found.items():
        if section := ui.on_demand(f"{name}.csv: {len(shown)} rows", f"table_{name}"):
            with section:
                ui.source_table(shown, dataset, key=f"data-{name}")
ui.footer()
