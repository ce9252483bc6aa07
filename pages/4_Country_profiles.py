"""Country profiles: one of the five at a glance, with its map, timeline, figures and sources."""

import pandas as pd
import streamlit as st

from c5dash import exports, transform, ui, views
from c5dash.footer import source_line
from c5dash.schemas import C5

dataset, view = ui.page_setup("Country profiles")
names = transform.country_names(dataset)
# `?profile=` names the country shown; without it, the filter's country when it has only one, else the first
# of the five. The link leaves out `profile` only when it is that default, so it always reproduces the page.
default = view.countries[0] if len(view.countries) == 1 else C5[0]
iso3 = ui.url_choice("Country", "profile", list(C5), {c: names[c] for c in C5}, "profile_country", default=default)
years = view.years
period = transform.span(*years)
st.title(names[iso3])
page = ui.memo(views.profile)(dataset, ui.shapes(), iso3, years)
events, deals, investments, trade = page.events, page.deals, page.investments, page.trade
briefing_cite = ui.citation()
ui.download(
    "Country briefing (PDF)",
    lambda: ui.briefing_pdf(
        page.shown.values,
        events,
        page.briefing_rows,
        page.facts,
        f"{names[iso3]}: briefing, {period}",
        briefing_cite,
        source_line(pd.concat([events, investments, trade])[["source_ids"]], dataset.sources),
    ),
    exports.file_name("briefing", [iso3], years, "pdf"),
    "application/pdf",
    "One page: key facts, map, timeline, investment and trade figures"
    if exports.images_available()
    else "The PDF needs Chromium on the server, which is not installed here.",
    disabled=not exports.images_available(),
)
country = dataset.countries.set_index("iso3").loc[iso3]
capital = dataset.places.set_index("place_id").loc[country["capital_place_id"]]
st.caption(
    ui.plain(
        f"{country['official_name']}. Capital: {capital['name']}"
        + (f" (formerly {capital['alternate_names']})" if isinstance(capital["alternate_names"], str) else "")
        + (f". Also known as: {country['alternate_names']}." if isinstance(country["alternate_names"], str) else ".")
    )
)

numbers = page.numbers
cols = st.columns(4)
cols[0].metric(f"U.S. visits, {period}", numbers["us_visits"])
cols[1].metric(f"Visits to the U.S., {period}", numbers["visits_to_us"])
cols[2].metric(f"C5+1 meetings, {period}", numbers["c5_meetings"], help=f"Hosted here: {numbers['c5_hosted']}")
last = numbers["last_us_visit"]
cols[3].metric("Last U.S. visit", f"{last['end_date']:%Y-%m-%d}" if last is not None else "none in the period")
for label, text in page.holders:
    st.markdown(f"**{label}:** " + ui.plain(text))
if last is not None:
    st.caption(
        ui.plain(f"Last U.S. visit: {last['title']}, {last['start_date']:%Y-%m-%d} to {last['end_date']:%Y-%m-%d}.")
    )

ui.chart(page.map_figure, f"profile-map-{iso3}", view, page.shown.values, dataset)
if len(events):
    clicked = ui.chart(page.timeline_figure, f"profile-timeline-{iso3}", view, events, dataset, selectable=True)
    tap = "Tap" if ui.on_phone() else "Click"
    st.caption(
        f"{len(events)} events and {len(deals)} deal(s) announced at them, {period}. "
        f"{tap} a marker or a star for the event's card."
    )
else:
    clicked = []
    st.info(f"No events of {ui.plain(names[iso3])} in {period}: widen the period to see its timeline.")
ui.event_card_section(dataset, clicked, "profile-timeline")

st.subheader("Formats it takes part in")
formats = page.formats
if formats.empty:
    st.info(f"No meeting of a C5+X format attended by {ui.plain(names[iso3])} in {period}.")
else:
    st.caption(
        f"Each partner's format of meetings with the five that {ui.plain(names[iso3])} attended in {period}, and "
        "its last meeting there; the Partners page compares them."
    )
    ui.formats_list(formats)

st.subheader("Investment and trade")
if investments.empty:
    st.info(f"No investment figures for {names[iso3]} in {period}.")
else:
    ui.source_table_on_demand(
        f"Investment: {len(investments)} figure(s)",
        "profile_investments",
        investments,
        dataset,
        {
            "parties": "Countries",
            "measure_label": "Measure",
            "period_text": "Period",
            "value_text": "Value",
            "reporter": "Reported by",
            "notes": "Notes",
        },
        key="profile-investments",
        note="One row per figure as its reporter stated it; figures of different measures are not comparable. "
        "A deal names its two countries; its notes say which way the money goes.",
    )
if trade.empty:
    st.info(f"No trade figures for {names[iso3]} in {period}.")
else:
    ui.source_table_on_demand(
        f"Trade in goods: {len(trade)} figure(s)",
        "profile_trade",
        trade,
        dataset,
        {
            "partner": "Partner",
            "year": "Year",
            "flow": "Flow",
            "value_text": "Value",
            "statistics_label": "Statistics of",
            "reporter": "Reported by",
        },
        key="profile-trade",
    )
sources = page.sources
ui.source_table_on_demand(
    f"Sources: the {len(sources)} cited by the events and figures above",
    "profile_sources",
    sources,
    dataset,
    {
        "title": "Title",
        "publisher": "Publisher",
        "date_published": "Published",
        "source_kind": "Kind",
        "url": "Link",
    },
    key="profile-sources",
)
ui.footer()
