"""Investment: one measure at a time, a series over time as a line, the other figures as bars; the board of
announced deals with the stated totals beside it; each figure with its reporter and sources."""

import streamlit as st

from c5dash import investment, transform, ui, views

dataset, view = ui.page_setup("Investment")
st.title("Investment")
st.write(
    "Figures that measure different things (a year's inflow, a stock, a cumulative inflow, an announced deal) "
    "are never added up or averaged: choose one measure. Where one measure has figures at three dates or more "
    "for the same investor and country, they are joined into a line over time; every other figure is a bar, "
    "as one reporter stated it. Colours are the partners'."
)

counts = ui.memo(transform.measure_counts)(dataset, view.countries, view.years)
measures = list(counts)
with_data = [m for m in measures if counts[m]]
labels = {m: f"{transform.MEASURE_LABELS[m]} ({transform.figures_text(counts[m])})" for m in measures}
measure = ui.url_choice(
    "Measure", "measure", measures, labels, "investment_measure", default=(with_data or measures)[0]
)
page = ui.memo(views.investment_view)(dataset, view.countries, view.years, measure)
rows = page.rows
if rows.empty:
    others = "; ".join(transform.MEASURE_LABELS[m] for m in with_data)
    st.info(
        "No figures of this measure for the chosen countries and period. "
        + (f"Measures with figures: {others}." if others else "No measure has figures: widen the filter.")
    )
else:
    if page.line_figure is not None:
        ui.chart(page.line_figure, f"investment-{measure}-lines", view, page.lines, dataset)
        st.markdown(ui.plain(page.line_summary))
        st.caption(
            "A line joins the figures of one measure for one investor and one country (for a sum over a period, "
            "counted from the same start) in date order, whoever reported them; each point's reporter and "
            "sources show on hover. Where two reporters give a figure for the same date, both are points."
        )
    if page.bar_figure is not None:
        ui.chart(page.bar_figure, f"investment-{measure}", view, page.bars, dataset)
        st.markdown(ui.plain(page.bar_summary))
        st.caption(
            "Figures from different reporters are shown side by side, not combined; the notes say where they "
            "disagree. A bar's row id (in the table) shows on hover."
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
            "drawn_as": "Drawn as",
            "event_title": "Announced at",
            "notes": "Notes",
            "investment_id": "Row id",
        },
        key="investment-table",
    )

st.header("Deals announced", anchor="deals")
counted = ui.memo(views.deals_view)(dataset, view.countries, view.years, investment.ALL_SECTORS).sectors
sector_labels = {
    investment.ALL_SECTORS: f"All sectors ({counted[investment.ALL_SECTORS]} deals)",
    **{s: f"{label} ({counted[s]})" for s, label in investment.SECTOR_LABELS.items()},
}
sector = ui.url_choice("Sector", "sector", list(sector_labels), sector_labels, "investment_sector")
deals = ui.memo(views.deals_view)(dataset, view.countries, view.years, sector)


def at_event(title: object, link: str) -> str:
    """Where a figure was announced: the event's title linking to its card on this page."""
    return f"at [{ui.plain(title)}]({link})" if isinstance(title, str) else "at no event in the data"


board, beside = st.columns([3, 2], gap="large")
with board:
    if deals.board.empty:
        st.info(
            "No announced deal "
            + ("" if sector == investment.ALL_SECTORS else f"with the sector {sector} ")
            + "for the chosen countries and period."
        )
    else:
        links = ui.event_links(deals.board["event_id"])
        for country, part in deals.board.groupby("country", sort=False):
            st.subheader(ui.plain(country), anchor=False)
            st.markdown(
                "\n".join(
                    f"- **{ui.plain(r.value_text)}**"
                    + (f": {ui.plain(investment.what_of(r.notes))}" if investment.what_of(r.notes) else "")
                    + f" · with {ui.plain(r.partner)} · "
                    + (f"{r.sector_label}" if isinstance(r.sector, str) else "sector not recorded")
                    + f" · {'paid by ' + ui.plain(r.payer) if isinstance(r.payer_iso3, str) else 'payer not recorded'}"
                    + f" · {r.period_end:%Y-%m-%d} · {at_event(r.event_title, links[r.Index])}"
                    + f" · reported by {ui.plain(r.reporter)}"
                    for r in part.itertuples()
                )
            )
        st.markdown(ui.plain(deals.summary))
        ui.source_table_on_demand(
            f"Table of the {len(deals.board)} deal(s), with their sources",
            "deals_table",
            deals.board,
            dataset,
            {
                "country": "Country",
                "partner": "Partner",
                "sector_label": "Sector",
                "value_text": "Value as stated",
                "payer": "Payer",
                "period_end": "Announced",
                "event_title": "Announced at",
                "reporter": "Reported by",
                "notes": "Notes",
                "investment_id": "Row id",
            },
            key="deals-table",
        )
with beside:
    st.subheader("Packages and pledges: stated totals", anchor=False)
    st.caption(
        "Separate measures, never added to the deals or to each other: a package is the total stated for a set "
        "of agreements signed together, a pledge an investment promised for years to come. They have no "
        "sector, so the sector choice does not apply."
    )
    if deals.totals.empty:
        st.info("No package or pledge for the chosen countries and period.")
    else:
        links = ui.event_links(deals.totals["event_id"])
        st.markdown(
            "\n".join(
                f"- **{ui.plain(r.value_text)}**, {transform.MEASURE_LABELS[r.measure].lower()}: "
                f"{ui.plain(r.parties)}, {r.period_end:%Y-%m-%d}, {at_event(r.event_title, links[r.Index])}, "
                f"reported by {ui.plain(r.reporter)}"
                for r in deals.totals.itertuples()
            )
        )
        ui.source_table_on_demand(
            f"Table of the {len(deals.totals)} package(s) and pledge(s), with their sources",
            "totals_table",
            deals.totals,
            dataset,
            {
                "measure_label": "Measure",
                "parties": "Countries",
                "value_text": "Value as stated",
                "period_end": "Announced",
                "event_title": "Announced at",
                "reporter": "Reported by",
                "notes": "Notes",
                "investment_id": "Row id",
            },
            key="totals-table",
        )
ui.event_card_section(dataset, [], "investment-deals")

if "flow" in st.query_params:  # links from before trade had a page of its own
    st.info("Trade in goods has a page of its own now.")
    st.page_link("pages/5_Trade.py", label="Trade in goods", icon=":material/arrow_forward:")
ui.footer()
