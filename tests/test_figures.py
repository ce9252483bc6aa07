"""Figure builders: what each chart shows for a given filter."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from c5dash import figures, investment, metrics, transform, ui, views
from c5dash.geo import read_shapes


def test_map_colours_only_the_chosen_countries(dataset):
    events = transform.events_table(dataset, ["TJK"])
    shown = metrics.count_values(dataset, ["TJK"], transform.year_bounds(dataset), "events")
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title)
    grey, coloured = fig.data[0], fig.data[1]
    assert list(coloured.locations) == ["TJK"]
    assert list(coloured.z) == [len(events)]
    assert {"KAZ", "KGZ", "TKM", "UZB", "RUS", "CHN", "AFG"} <= set(grey.locations)


def test_map_year_slider_has_a_frame_per_year_ending_with_the_totals(dataset):
    years = (2015, 2023)
    shown = metrics.count_values(dataset, [], years, "c5_meetings")
    frames = metrics.yearly_count_values(dataset, [], years, "c5_meetings")
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title, frames=frames)
    assert [f.name for f in fig.frames] == [str(y) for y in range(2015, 2024)]
    assert list(fig.frames[-1].data[0].z) == list(shown.values["value"])
    assert list(fig.frames[0].data[0].z) <= list(shown.values["value"])
    assert len(fig.layout.sliders[0].steps) == 9


def test_map_of_a_few_events_counts_in_whole_numbers_on_its_colour_bar(dataset):
    shown = metrics.count_values(dataset, ["TKM"], (1992, 1992), "events")
    assert 0 < shown.values["value"].max() <= 5
    colorbar = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title).data[1].colorbar
    assert (colorbar.tick0, colorbar.dtick) == (0, 1)
    assert "1992–1992" not in shown.title and "1992" in shown.title


def test_map_of_amounts_leaves_its_colour_bar_steps_to_plotly(dataset):
    shown = metrics.trade_values(dataset, [], transform.year_bounds(dataset), "USA")
    assert shown.values["value"].dropna().mod(1).ne(0).any()  # US$ billion with decimals
    colorbar = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title).data[1].colorbar
    assert colorbar.dtick is None


def test_map_without_values_shows_those_countries_in_grey(dataset):
    shown = metrics.trade_values(dataset, [], (1991, 2000), "CHN")  # China's statements start in 2022
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title)
    assert len(fig.data[1].locations) == 0
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= set(fig.data[0].locations)


def test_map_draws_from_local_shapes_only(dataset):
    shown = metrics.count_values(dataset, [], transform.year_bounds(dataset), "events")
    places = metrics.event_places(transform.events_table(dataset))
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title, places, transform.capitals(dataset))
    assert {t.type for t in fig.data} == {"choropleth", "scattergeo"}
    assert all(t.geojson is not None for t in fig.data if t.type == "choropleth")
    assert fig.layout.geo.visible is False  # no base map that plotly.js would fetch
    assert "Natural Earth" in fig.layout.annotations[0].text


def test_map_sends_each_outline_once_and_every_location_has_one(dataset):
    years = (2015, 2023)
    shown = metrics.count_values(dataset, ["KAZ", "UZB"], years, "events")
    frames = metrics.yearly_count_values(dataset, ["KAZ", "UZB"], years, "events")
    shapes = read_shapes()
    fig = figures.region_map(shapes, shown.values, shown.unit, shown.title, frames=frames)
    grey, coloured = fig.data[0], fig.data[1]

    def outlines(trace) -> list[str]:
        return [f["properties"]["iso3"] for f in trace.geojson["features"]]

    assert sorted(outlines(grey) + outlines(coloured)) == sorted(shapes["iso3"].dropna())  # every country once
    assert set(grey.locations) <= set(outlines(grey))
    for trace in (coloured, *(frame.data[0] for frame in fig.frames)):  # a frame redraws the coloured trace
        assert set(trace.locations) <= set(outlines(coloured))


def test_timeline_has_one_marker_per_event(dataset):
    events = transform.events_table(dataset)
    fig = figures.timeline(events, "t")
    assert sum(len(t.x) for t in fig.data) == len(events)
    assert {t.name for t in fig.data} == set(events["event_type_label"])
    ticks = {v: t.replace("<br>", " ") for v, t in zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext)}
    for trace in fig.data:  # each event on the row of its direction
        part = events[events["event_type_label"] == trace.name]
        assert [ticks[round(y)] for y in trace.y] == list(part["direction_label"])
    head_of_state = events["level"].eq("head_of_state").sum()
    assert sum(list(t.marker.size).count(figures.LEVEL_SIZES["head_of_state"]) for t in fig.data) == head_of_state


def test_timeline_marks_the_deals_announced_at_its_events(dataset):
    events = transform.events_table(dataset)
    deals = transform.deals_table(dataset, events)
    assert len(deals) >= 10
    fig = figures.timeline(events, "t", deals)
    (stars,) = [t for t in fig.data if t.marker.symbol == "star"]
    ticks = {v: t.replace("<br>", " ") for v, t in zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext)}
    assert {ticks[round(y)] for y in stars.y} == {figures.DEALS_ROW}
    assert len(stars.x) == len(deals)
    assert all(title in set(events["title"]) for _, _, title, _ in stars.customdata)
    assert {figures.event_of({"customdata": list(c)}) for c in stars.customdata} <= set(events["event_id"])


def test_timeline_markers_on_the_same_row_and_day_do_not_hide_each_other(dataset):
    """Baker's visits to Kazakhstan and Kyrgyzstan on 17 December 1991, the nine deals of 6 November
    2025: each gets its own point, inside its row."""
    events = transform.events_table(dataset)
    fig = figures.timeline(events, "t", transform.deals_table(dataset, events))
    points = [(pd.Timestamp(x), y) for t in fig.data for x, y in zip(t.x, t.y)]
    assert len(events[events.duplicated(["start_date", "direction_label"])]) > 0
    assert len(set(points)) == len(points)
    assert all(abs(y - round(y)) <= 0.4 for _, y in points)


def test_timeline_markers_days_apart_in_one_row_do_not_hide_each_other(dataset):
    """Blinken in Kazakhstan (27–28 February 2023) and in Tashkent (28 February–1 March): a day apart
    on a chart of 35 years, so both markers must sit apart within their row, far enough apart in
    pixels for neither to cover the other."""
    events = transform.events_table(dataset)
    fig = figures.timeline(events, "t", transform.deals_table(dataset, events))
    where = {
        c[-1]: (pd.Timestamp(x), y, size)
        for t in fig.data
        for x, y, c, size in zip(t.x, t.y, t.customdata, np.broadcast_to(t.marker.size, len(t.x)))
    }
    (_, y_kaz, size_kaz), (_, y_uzb, size_uzb) = (
        where[e] for e in ("us-2023-02-27-blinken-kazakhstan", "us-2023-02-28-blinken-uzbekistan")
    )
    assert round(y_kaz) == round(y_uzb)  # the same row
    rows = len(fig.layout.yaxis.tickvals)
    row_px = (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b) / (rows + 0.2)
    assert abs(y_kaz - y_uzb) * row_px >= (size_kaz + size_uzb) / 2
    assert all(abs(y - round(y)) <= 0.4 for t in fig.data for y in t.y)  # still inside their rows


def test_timeline_zoom_changes_the_dates_only(dataset):
    fig = figures.timeline(transform.events_table(dataset), "t")
    assert fig.layout.yaxis.fixedrange is True
    assert fig.layout.dragmode == "zoom"


def test_every_timeline_marker_carries_its_event_id(dataset):
    events = transform.events_table(dataset)
    deals = transform.deals_table(dataset, events)
    fig = figures.timeline(events, "t", deals)
    ids = [figures.event_of({"customdata": list(c)}) for t in fig.data for c in t.customdata]
    assert sorted(ids) == sorted([*events["event_id"], *deals["event_id"]])


def test_timeline_of_one_day_shows_the_months_around_it_not_a_millisecond(dataset):
    events = transform.events_table(dataset, ["TKM"], (1992, 1992))
    assert events["start_date"].nunique() == 1
    start, end = (pd.Timestamp(x) for x in figures.timeline(events, "t").layout.xaxis.range)
    day = events["start_date"].iloc[0]
    assert start < day < end and end - start >= pd.Timedelta(days=300)


def test_timeline_of_many_years_leaves_its_range_to_plotly(dataset):
    assert figures.timeline(transform.events_table(dataset), "t").layout.xaxis.range is None


def test_timeline_of_nothing_says_so(dataset):
    fig = figures.timeline(transform.events_table(dataset).iloc[0:0], "t")
    assert not fig.data
    assert "No events" in fig.layout.annotations[0].text


def bar_values(fig) -> tuple[list[float], list[str]]:
    """Every bar's value and label (its lines joined by spaces), over all of the chart's traces."""
    return [x for t in fig.data for x in t.x], [y.replace("<br>", " ") for t in fig.data for y in t.y]


def test_investment_bars_show_each_figure_of_one_measure(dataset):
    for measure in transform.measures_in(dataset.investments):
        rows = transform.investments_table(dataset, None, measure)
        fig = figures.investment_bars(rows, measure, "t")
        values, labels = bar_values(fig)
        assert sorted(values) == sorted(
            dataset.investments.loc[dataset.investments["measure"] == measure, "value_usd"] / 1e9
        )
        assert fig.layout.xaxis.title.text == "US$ billion"
        assert len(set(labels)) == len(rows)  # one bar per label: none drawn over another
        assert fig.layout.barmode == "relative"  # a trace per colour, yet each bar the row's full height


def test_investment_bars_name_their_colours_and_keep_row_ids_out_of_the_labels(dataset):
    deals = transform.investments_table(dataset, None, "announced_commitment")
    fig = figures.investment_bars(deals, "announced_commitment", "t")
    assert fig.layout.showlegend and fig.layout.legend.title.text
    names = transform.country_names(dataset)
    for trace in fig.data:  # one colour per Central Asian party, named in the legend
        shown = deals[deals["recipient"] == trace.name]
        assert trace.name in names.values() and len(trace.x) == len(shown)
        assert trace.marker.color == figures.COUNTRY_COLORS[shown["recipient_iso3"].iloc[0]]
    _, labels = bar_values(fig)
    ids = set(deals["investment_id"])
    assert not any(i in label for label in labels for i in ids)
    assert not any("<sup>" in label or "<sub>" in label for label in labels)
    assert {i for t in fig.data for _, i in t.customdata} == ids  # the ids are on hover
    same_day = [label for label in labels if "announced 2025-11-06 (" in label]
    assert len(same_day) > 1 and len(set(same_day)) == len(same_day)


def test_a_deal_names_its_two_countries_as_parties_not_as_a_flow(dataset):
    """A deal's money can go either way (a Boeing sale, Uzbekistan's purchases in the U.S.): its bar and
    its timeline star say 'United States and Uzbekistan', an investment's bar says 'from → to'."""
    deals = transform.investments_table(dataset, None, "announced_commitment")
    for label in bar_values(figures.investment_bars(deals, "announced_commitment", "t"))[1]:
        assert " and " in label and "→" not in label
    stock = transform.investments_table(dataset, None, "fdi_stock")
    for label in bar_values(figures.investment_bars(stock, "fdi_stock", "t"))[1]:
        assert "→" in label
    events = transform.events_table(dataset)
    linked = transform.deals_table(dataset, events)
    (stars,) = [t for t in figures.timeline(events, "t", linked).data if t.marker.symbol == "star"]
    assert "United States and Uzbekistan" in {c[1] for c in stars.customdata}
    assert not any("→" in c[1] for c in stars.customdata)


def test_investment_bars_of_an_absent_measure_say_so(dataset):
    rows = transform.investments_table(dataset, None, None)
    fig = figures.investment_bars(rows, "stock", "t")
    assert not fig.data
    assert "No figures" in fig.layout.annotations[0].text


def test_figures_do_not_share_layout_objects(dataset):
    events = transform.events_table(dataset)
    a, b = figures.timeline(events, "a"), figures.timeline(events, "b")
    a.update_layout(height=999)
    assert b.layout.height != 999


def test_chart_config_points_plotly_at_the_local_topojson():
    assert ui.TOPOJSON_URL.startswith("/app/static/")


def test_every_chart_sets_its_own_text_colour_for_light_and_dark_themes(dataset):
    events = transform.events_table(dataset)
    shown = metrics.count_values(dataset, [], transform.year_bounds(dataset), "events")
    charts = [
        figures.timeline(events, "t"),
        figures.region_map(read_shapes(), shown.values, shown.unit, shown.title),
        figures.investment_bars(transform.investments_table(dataset), "fdi_stock", "t"),
        views.trade_page(dataset, [], transform.year_bounds(dataset)).figure,
        figures.empty_figure("t", "nothing"),
    ]
    for fig in charts:
        assert fig.layout.paper_bgcolor == "white"
        assert fig.layout.font.color == "#222222"


def test_every_trade_partner_in_the_data_has_a_colour_of_its_own(dataset):
    colours = investment.colours(dataset, dataset.trade["partner_iso3"])
    assert len(set(colours.values())) == len(colours)
    own = dict(zip(dataset.partners["iso3"], dataset.partners["colour"]))
    assert all(colours[p] == own[p] for p in colours if p in own)  # a partner's colour, as on every chart
    assert colours["USA"].lower() == figures.COUNTRY_COLORS["USA"].lower()


def test_every_shape_the_map_sends_is_wound_as_plotly_draws_it(dataset):
    """plotly.js (d3-geo) reads an anticlockwise outer ring as the whole globe but the shape: Qatar and
    a part of Azerbaijan wound so covered Kazakhstan and Kyrgyzstan whenever they were grey."""
    shown = metrics.count_values(dataset, ["UZB"], transform.year_bounds(dataset), "events")
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title)
    for trace in fig.data:
        for feature in trace.geojson["features"] if trace.type == "choropleth" else []:
            geom = shape(feature["geometry"])
            for part in getattr(geom, "geoms", [geom]):
                assert not shapely.is_ccw(part.exterior), feature["properties"]
                assert all(shapely.is_ccw(hole) for hole in part.interiors), feature["properties"]


def test_map_draws_the_caspian_and_the_aral_sea_as_water(dataset):
    shown = metrics.count_values(dataset, [], transform.year_bounds(dataset), "events")
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title)
    water = next(t for t in fig.data if t.name == "Seas and lakes")
    assert {"Caspian Sea", "Aral Sea"} <= set(water.locations)
    assert fig.layout.geo.bgcolor == water.colorscale[0][1]  # what land does not cover is water too
    neighbours = next(t for t in fig.data if t.name == "Neighbours")
    assert {"Russia", "China", "Afghanistan", "Iran"} <= set(neighbours.text)


def _places(fig):
    return next((t for t in fig.data if t.name == "Event places"), None)


def test_map_circles_count_what_the_metric_counts(dataset):
    years = transform.year_bounds(dataset)
    none = views.overview(dataset, read_shapes(), [], years, "us_visits", date(2026, 11, 26), level="head_of_state")
    assert set(none.values.values["value"]) == {0}
    assert _places(none.figure) is None  # no circle where the map counts nothing
    page = views.overview(dataset, read_shapes(), [], years, "us_visits", date(2026, 11, 26))
    places = _places(page.figure)
    visits = transform.events_table(dataset, None, years).query("direction == 'partner_to_region'")
    assert sum(int(d.split()[0]) for d in places.customdata) == visits["place_iso3"].isin(metrics.C5).sum()
    assert all("visit(s) by U.S. officials here" in d for d in places.customdata)
    assert _places(views.overview(dataset, read_shapes(), [], years, "trade", date(2026, 11, 26)).figure) is None


def test_map_circles_follow_the_year_slider(dataset):
    page = views.overview(dataset, read_shapes(), [], (1992, 2025), "events", date(2026, 11, 26))
    trace = next(i for i, t in enumerate(page.figure.data) if t.name == "Event places")
    first, last = page.figure.frames[0], page.figure.frames[-1]
    assert trace in first.traces
    sizes = first.data[list(first.traces).index(trace)].marker.size
    assert list(last.data[list(last.traces).index(trace)].marker.size) == list(page.figure.data[trace].marker.size)
    assert sum(sizes) < sum(page.figure.data[trace].marker.size)  # 1992 had fewer events than 1992–2025
    assert 0 in sizes  # places with no event yet are not drawn


@pytest.mark.parametrize("width", [figures.SCREEN_WIDTH, 358, 700])
def test_a_map_is_as_high_as_its_view_needs_at_its_width(dataset, width):
    """No band of white above or below the map: its view fills the width, the height follows."""
    from c5dash.figures.maps import BOTTOM_PX, MAP_ASPECT, SIDE_PX, TOP_PX

    shown = metrics.count_values(dataset, [], (1991, 2026), "events")
    frames = metrics.yearly_count_values(dataset, [], (1991, 2026), "events")
    for built in (
        figures.region_map(read_shapes(), shown.values, shown.unit, "Map", frames=frames),
        figures.region_map(read_shapes(), shown.values, shown.unit, "Map"),
    ):
        fig = built if width == figures.SCREEN_WIDTH else figures.fitted(built, width)
        bottom, top = fig.layout.geo.domain.y
        view_px = (top - bottom) * (fig.layout.height - TOP_PX - BOTTOM_PX)
        assert (width - SIDE_PX) / view_px == pytest.approx(MAP_ASPECT, rel=0.01)


def test_no_value_on_the_map_takes_the_colour_of_the_water():
    from c5dash.figures.maps import EVENTS_SCALE, WATER_BLUE

    def rgb(hex_colour: str) -> np.ndarray:
        return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])

    low, high = (rgb(colour) for _, colour in EVENTS_SCALE)
    water = rgb(WATER_BLUE)
    # every shade between the scale's ends stays far from the water's colour
    assert min(np.linalg.norm(low + t * (high - low) - water) for t in np.linspace(0, 1, 101)) > 40


def test_a_phones_map_names_countries_in_smaller_type(dataset):
    shown = metrics.count_values(dataset, [], (1991, 2026), "events")
    built = figures.region_map(read_shapes(), shown.values, shown.unit, "Map")
    small = figures.fitted(built, 358)

    def names(fig):
        return [t.textfont.size for t in fig.data if getattr(t, "mode", None) == "text"]

    assert names(small) and max(names(small)) < min(names(built))
