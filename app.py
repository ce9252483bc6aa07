"""Overview: the map of the five countries and the key figures."""

import streamlit as st

from c5dash import figures, transform, ui

dataset, countries = ui.page_setup("Overview")
st.title(ui.APP_TITLE)
st.write(
    "How the United States and Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan engage: "
    "visits, C5+1 meetings and summits, investment and trade, each figure with its public source."
)

events = transform.events_table(dataset, countries)
numbers = transform.key_figures(events)
period = transform.period_text(events["start_date"])
cols = st.columns(4)
cols[0].metric("Events", numbers["events"])
cols[1].metric("C5+1 meetings", numbers["c5_plus_1_meetings"])
cols[2].metric("U.S. visits to the region", numbers["us_visits_to_region"])
cols[3].metric("Latest event", f"{numbers['latest']:%Y-%m-%d}" if numbers["latest"] is not None else "none")

counts = transform.events_per_country(dataset, events, countries)
fig = figures.region_map(ui.shapes(), counts, transform.capitals(dataset), f"Events per country, {period} (count)")
ui.chart(fig, "map-events-per-country")
names = transform.country_names(dataset)
st.caption(
    "Events each country took part in: "
    + "; ".join(f"{names[c]} {n}" for c, n in zip(counts["iso3"], counts["events"]))
    + ". Countries not chosen in the filter and neighbours are grey."
)
ui.footer()
