"""Timeline: the events over time, filtered by type, level, person and search, with the deals announced."""

from datetime import date

import streamlit as st

from c5dash import figures, meetings, profiles, search, transform, ui, views
from c5dash.schemas import EVENT_TYPES, LEVELS

dataset, view = ui.page_setup("Timeline")
st.title("Timeline of visits and meetings")

choices = meetings.partner_choices(dataset)
partner = ui.url_choice("Partner", "partner", list(choices), choices, "timeline_partner")
cols = st.columns(2)
with cols[0]:
    types = ui.url_multichoice("Type", "type", list(EVENT_TYPES), transform.EVENT_TYPE_LABELS, "timeline_types")
    people = ui.memo(meetings.people_of)(dataset, partner)
    person = ui.url_choice(
        "Person", "person", ["any", *people], {"any": "Anyone", **{p: p for p in people}}, "timeline_person"
    )
with cols[1]:
    levels = ui.url_multichoice("Level", "level", list(LEVELS), transform.LEVEL_LABELS, "timeline_levels")
    query = ui.url_text("Search events, people and places", "q", "timeline_search", "e.g. Nur-Sultan, Ташкент 2023, Lu")

page = ui.memo(views.timeline)(dataset, view.countries, view.years, types, levels, person, query, partner)
events, deals, period = page.events, page.deals, page.period
# A filter that matches nothing gives a message below, not an empty chart.
clicked = ui.chart(page.figure, "timeline-events", view, events, dataset, selectable=True) if len(events) else []
words = search.search_words(query)
if events.empty and words:
    elsewhere = (
        f" It finds {page.matches_elsewhere} event(s) with other countries, years or filters."
        if page.matches_elsewhere
        else " It finds no event in any year either."
    )
    st.warning(
        f"No events match the search for “{' '.join(words)}” in {period} with these choices.{elsewhere} "
        "The search looks in titles, summaries, places, countries and people, former names and Latin and "
        "Cyrillic forms included (Nur-Sultan, Toshkent, Ташкент); every word must match, and a four-digit "
        "word is a year."
    )
elif events.empty:
    st.info("No events match these choices. Widen the period, clear a filter or change the search.")
else:
    by_direction = events["direction_label"].value_counts()
    stars = " or a star" if len(deals) else ""
    st.caption(
        f"{len(events)} events from {period}: "
        + "; ".join(f"{label} {count}" for label, count in by_direction.items())
        + (
            f". {len(deals)} deal(s) announced at these events are marked with stars; their values are on the "
            "Investment page. "
            if len(deals)
            else ". No deal was announced at these events. "
        )
        + (
            f"Too many to draw one by one (over {figures.MAX_MARKERS:,} markers): each marker counts a row's events "
            "or deals in one month, and its size says how many; the table below lists every event with its card."
            if page.per_month
            else f"Tap a marker{stars} for the event's card (a first tap may show only its name); the chart opens "
            "on the last eight years: drag it sideways for earlier ones, double-tap to see them all."
            if ui.on_phone()
            else f"Click a marker{stars} for the event's card; drag across the chart to zoom into a span of "
            "dates (double-click to zoom out)."
        )
    )
ui.event_card_section(dataset, clicked, "timeline-events")

ui.events_table_on_demand(
    f"Table of the {len(events)} events, with their cards and sources",
    "events_table",
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

if table := ui.on_demand("Last U.S. visit to each country, by level", "last_visits"):
    today = date.today()
    last = ui.memo(profiles.last_visits)(dataset, today, view.years)
    if view.countries:
        last = last[last["iso3"].isin(view.countries)]
    table.caption(
        f"Days since the end of the visit, counted to {today:%Y-%m-%d}; visits within {transform.span(*view.years)}."
    )
    with table:  # the long titles last, so the dates and days stay in view
        ui.source_table(
            last,
            dataset,
            {
                "country": "Country",
                "level": "Level",
                "ended": "Ended",
                "days_since": "Days since",
                "last_visit": "Last visit",
            },
            key="timeline-last-visits",
        )
ui.footer()
