"""Partners: every partner's format of meetings with the five (the C5+1 among the C5+X), side by side."""

import streamlit as st

from c5dash import figures, meetings, transform, ui, views

dataset, view = ui.page_setup("Partners")
st.title("The five and their partners: every C5+X format")
st.write(
    "Summits and foreign ministers' meetings of each partner's format with the five Central Asian states, "
    "and the five's own Consultative Meetings. Only meetings that took place are counted; postponed, cancelled "
    "and planned ones are drawn hollow. The country filter keeps the meetings a chosen country took part in."
)
labels = meetings.partner_labels(dataset)
chosen = ui.url_multichoice("Formats", "partner", meetings.partner_order(dataset), labels, "partners_chosen")
page = ui.memo(views.partners)(dataset, view.countries, view.years, chosen)
rows = page.meetings
held = meetings.held(rows)

download = meetings.for_download(rows)
clicked = ui.chart(page.figures["timeline"], "partners-timeline", view, download, dataset, selectable=True)
st.caption(
    page.summaries["timeline"]
    + (
        f" Too many to draw one by one (over {figures.MAX_MARKERS:,}): each marker counts a format's meetings in one"
        " month, and its size says how many; the chart's CSV download lists every meeting."
        if figures.too_many(len(rows))
        else (" Tap" if ui.on_phone() else " Click") + " a marker for the meeting's card."
    )
)
ui.event_card_section(dataset, clicked, "partners-timeline")

ui.chart(page.figures["per_year"], "partners-per-year", view, page.per_year.reset_index(), dataset)
st.caption(page.summaries["per_year"])

ui.chart(page.figures["records"], "partners-records", view, page.records, dataset)
st.caption(page.summaries["records"])

ui.chart(page.figures["venues"], "partners-venues", view, page.venues.drop(columns="colour"), dataset)
st.caption(page.summaries["venues"] + " A circle per place and format, sized by the number of meetings held there.")

ui.chart(page.figures["attendance"], "partners-attendance", view, page.attendance, dataset)
st.caption(
    page.summaries["attendance"]
    + " Each cell: of the format's meetings at that level where a source says who came, how many the country"
    " attended at the meeting's own level (its president at summits, its foreign minister at ministerials);"
    " ? where no source says. Colour: that share, from pale (none) to blue (all); the hover names who came."
)

ui.source_table_on_demand(
    f"Table of the {len(rows)} meeting(s), {len(held)} held, with their sources",
    "partners_table",
    rows.assign(
        start=rows["start_date"].dt.strftime("%Y-%m-%d"),
        level_label=rows["level"].map(meetings.LEVEL_NAMES),
        five_text=rows["five"].map(", ".join),
        host_name=rows["host"].map({**transform.country_names(dataset), **labels}),
    ),
    dataset,
    {
        "format_name": "Format",
        "start": "Date",
        "level_label": "Level",
        "status_label": "Status",
        "title": "Meeting",
        "place": "Place",
        "host_name": "Host",
        "venue_label": "Where",
        "five_text": "Of the five",
        "notes": "Notes",
    },
    key="partners-table",
)
ui.footer()
