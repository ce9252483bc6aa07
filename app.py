"""Overview: the map of the five countries, a metric to choose, and the key figures."""

from datetime import date

import streamlit as st

from c5dash import meetings, metrics, transform, ui, views
from c5dash.schemas import LEVELS

dataset, view = ui.page_setup("Overview")
st.title(ui.APP_TITLE)
st.write(
    "How the United States and Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan engage: "
    "visits, C5+1 meetings and summits, investment and trade, each figure with its public source. "
    "Click a country on the map to show only it on every page."
)

cols = st.columns(4)  # the key figures, filled in once the view is known
metric = ui.url_choice("Show on the map", "metric", list(metrics.MAP_METRICS), metrics.MAP_METRICS, "overview_metric")
options: dict[str, str] = {}
if metric in ("us_visits", "visits_to_us", "days_since_visit"):
    ui.drop_params("measure", "investor", "partner")
    options["level"] = ui.url_choice(
        "Level of the visit", "level", ["any", *LEVELS], metrics.LEVEL_LABELS, "overview_level"
    )
elif metric in metrics.FORMAT_METRICS:
    ui.drop_params("level", "measure", "investor")
    choices = meetings.partner_choices(dataset)
    options["partner"] = ui.url_choice("Format", "partner", list(choices), choices, "overview_format")
elif metric in metrics.COUNT_METRICS:
    ui.drop_params("level", "measure", "investor", "partner")
elif metric == "investment":
    ui.drop_params("level", "partner")
    measures = transform.measures_in(dataset.investments)
    measure = ui.url_choice("Measure", "measure", measures, transform.MEASURE_LABELS, "overview_measure")
    investors = metrics.investor_choices(dataset, measure)
    names = transform.country_names(dataset)
    label = "Partner in the deals" if measure == "announced_commitment" else "Investor"
    investor = ui.url_choice(label, "investor", investors, names, "overview_investor")
    options.update(measure=measure, investor=investor)
else:
    ui.drop_params("level", "measure", "investor")
    partners = metrics.partner_choices(dataset)
    names = transform.country_names(dataset)
    options["partner"] = ui.url_choice("Trade partner", "partner", partners, names, "overview_partner")

page = ui.memo(views.overview)(dataset, ui.shapes(), view.countries, view.years, metric, date.today(), **options)
numbers = page.numbers
cols[0].metric("Events", numbers["events"])
cols[1].metric("C5+1 meetings", numbers["c5_plus_1_meetings"])
cols[2].metric("U.S. visits to the region", numbers["us_visits_to_region"])
cols[3].metric("Latest event", f"{numbers['latest']:%Y-%m-%d}" if numbers["latest"] is not None else "none")

ui.select_clicked_country(ui.chart(page.figure, f"map-{metric}", view, page.values.values, dataset, selectable=True))
st.caption(f"{page.values.summary} {page.legend}")
ui.footer()
