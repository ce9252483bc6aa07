"""Overview: the map of the five countries, a metric to choose, and the key figures."""

from datetime import date

import streamlit as st

from c5dash import figures, metrics, transform, ui
from c5dash.schemas import LEVELS

dataset, view = ui.page_setup("Overview")
st.title(ui.APP_TITLE)
st.write(
    "How the United States and Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan engage: "
    "visits, C5+1 meetings and summits, investment and trade, each figure with its public source. "
    "Click a country on the map to show only it on every page."
)

events = transform.events_table(dataset, view.countries, view.years)
numbers = transform.key_figures(events)
cols = st.columns(4)
cols[0].metric("Events", numbers["events"])
cols[1].metric("C5+1 meetings", numbers["c5_plus_1_meetings"])
cols[2].metric("U.S. visits to the region", numbers["us_visits_to_region"])
cols[3].metric("Latest event", f"{numbers['latest']:%Y-%m-%d}" if numbers["latest"] is not None else "none")

metric = ui.url_choice("Show on the map", "metric", list(metrics.MAP_METRICS), metrics.MAP_METRICS, "overview_metric")
frames = None
if metric in metrics.COUNT_METRICS:
    ui.drop_params("measure", "investor", "partner")
    level = "any"
    if metric in ("us_visits", "visits_to_us"):
        level = ui.url_choice("Level of the visit", "level", ["any", *LEVELS], metrics.LEVEL_LABELS, "overview_level")
    else:
        ui.drop_params("level")
    shown = metrics.count_values(dataset, view.countries, view.years, metric, level)
    frames = metrics.yearly_count_values(dataset, view.countries, view.years, metric, level)
elif metric == "days_since_visit":
    ui.drop_params("measure", "investor", "partner")
    level = ui.url_choice("Level of the visit", "level", ["any", *LEVELS], metrics.LEVEL_LABELS, "overview_level")
    shown = metrics.days_since_values(dataset, view.countries, view.years, level, date.today())
elif metric == "investment":
    ui.drop_params("level", "partner")
    measures = transform.measures_in(dataset.investments)
    measure = ui.url_choice("Measure", "measure", measures, transform.MEASURE_LABELS, "overview_measure")
    investors = sorted(set(dataset.investments.loc[dataset.investments["measure"] == measure, "investor_iso3"]))
    names = transform.country_names(dataset)
    investor = ui.url_choice("Investor", "investor", investors, names, "overview_investor")
    shown = metrics.investment_values(dataset, view.countries, view.years, measure, investor)
else:
    ui.drop_params("level", "measure", "investor")
    partners = sorted(set(dataset.trade.loc[dataset.trade["flow"] == "turnover", "partner_iso3"]))
    partner = ui.url_choice("Trade partner", "partner", partners, transform.country_names(dataset), "overview_partner")
    shown = metrics.trade_values(dataset, view.countries, view.years, partner)

fig = figures.region_map(
    ui.shapes(),
    shown.values,
    shown.unit,
    shown.title,
    places=metrics.event_places(dataset, events),
    capitals=transform.capitals(dataset),
    frames=frames,
)
ui.select_clicked_country(ui.chart(fig, f"map-{metric}", view, shown.values, dataset, selectable=True))
st.caption(
    shown.summary
    + " Circles are places of events, sized by their number; stars are capitals. Grey: no value, not chosen, "
    "or a neighbour." + (" The slider under the map shows the counts up to each year." if frames else "")
)
ui.footer()
