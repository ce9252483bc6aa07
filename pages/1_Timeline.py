"""Timeline: the events over time, and the list of them with their sources."""

import streamlit as st

from c5dash import figures, transform, ui

dataset, view = ui.page_setup("Timeline")
st.title("Timeline of visits and meetings")

events = transform.events_table(dataset, view.countries, view.years)
period = transform.period_text(events["start_date"])
ui.chart(figures.timeline(events, f"Visits and meetings, {period}"), "timeline-events")
if events.empty:
    st.info("No events involve the chosen countries. Clear the filter in the sidebar to see all events.")
else:
    by_direction = events["direction_label"].value_counts()
    st.caption(
        f"{len(events)} events from {period}: "
        + "; ".join(f"{label} {count}" for label, count in by_direction.items())
        + "."
    )

ui.source_table(
    events,
    dataset,
    {
        "start_date": "Start",
        "end_date": "End",
        "title": "Event",
        "event_type_label": "Type",
        "direction_label": "Direction",
        "place": "Place",
        "countries": "Countries",
        "summary": "Summary",
    },
    key="timeline-table",
)
ui.footer()
