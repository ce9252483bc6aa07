"""Figures as the browser shows them: titles wrapped for a phone and clear of the modebar; the trade
chart's year labels level and apart."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from c5dash import transform, views
from c5dash.figures.screen import MODEBAR_BAND, TITLE_LINE_CHARS, for_screen, wrap_title
from c5dash.figures.timeline import LEGEND_LINE, LEGEND_TOP
from c5dash.figures.trade import year_step


def test_long_titles_wrap_between_words_and_short_ones_stay():
    title = "Trade turnover (exports plus imports), 2017–2025, US$ billion"
    lines = wrap_title(title).split("<br>")
    assert len(lines) == 2 and all(len(line) <= TITLE_LINE_CHARS for line in lines)
    assert " ".join(lines) == title
    assert wrap_title("Events, 1991–2026") == "Events, 1991–2026"
    marked = "<b>Kazakhstan</b> and a long tail of words that would pass the width of a phone"
    assert wrap_title(marked) == marked  # a tag may hold spaces: not broken


def test_on_screen_the_title_sits_below_the_modebar_and_the_plot_keeps_its_size():
    fig = go.Figure(layout={"title": {"text": "A title of more than one phone line, with its period"}})
    fig.update_layout(height=400, margin_t=60)
    shown = for_screen(fig)
    assert shown.layout.title.yref == "container" and shown.layout.title.yanchor == "top"
    assert shown.layout.title.pad.t >= MODEBAR_BAND
    added = shown.layout.margin.t - 60
    assert added >= MODEBAR_BAND and shown.layout.height == 400 + added
    assert fig.layout.margin.t == 60 and fig.layout.title.text.count("<br>") == 0  # the download's figure


def test_trade_years_are_labelled_level_and_at_most_six_to_a_panel(dataset):
    page = views.trade_page(dataset, [], transform.year_bounds(dataset))
    fig, years = page.figure, page.rows["year"]
    for axis in (fig.layout[name] for name in fig.layout if name.startswith("xaxis")):
        assert (
            axis.tickangle == 0
            and axis.tick0 % axis.dtick == 0
            and years.min() <= axis.tick0 < years.min() + axis.dtick
        )
        assert (years.max() - years.min()) // axis.dtick + 1 <= 6
        assert axis.minor.dtick == 1  # a grid line every year still
    assert [year_step(2017, last) for last in (2017, 2021, 2022, 2026, 2041, 2042)] == [1, 1, 2, 2, 5, 10]
    assert (2026 - 1991) // year_step(1991, 2026) + 1 <= 6


def test_on_a_phone_dragging_over_a_chart_scrolls_the_page():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))
    assert for_screen(fig, touch=True).layout.dragmode is False
    assert for_screen(fig).layout.dragmode is None  # plotly's box zoom with a mouse
    assert fig.layout.dragmode is None


def test_on_a_phone_the_timeline_shows_its_last_eight_years_and_the_map_its_own_height(dataset):
    from c5dash import views
    from c5dash.geo import read_shapes

    page = views.timeline(dataset, [], transform.year_bounds(dataset), [], [], "any", "")
    last = page.events["start_date"].max()
    wide, phone = for_screen(page.figure), for_screen(page.figure, touch=True)
    assert wide.layout.xaxis.range is None  # a wide screen: every year
    start, end = (date.fromisoformat(day) for day in phone.layout.xaxis.range)
    assert 7.9 < (last.date() - start).days / 365.25 < 8.1 and end > last.date()
    entries = sum(trace.showlegend is not False for trace in page.figure.data)
    assert wide.layout.margin.b == LEGEND_TOP + LEGEND_LINE * -(-entries // 2)  # two entries a line at least
    assert phone.layout.margin.b == LEGEND_TOP + LEGEND_LINE * entries  # a phone's legend: a line per entry
    overview = views.overview(dataset, read_shapes(), [], (1991, 2026), "events", date(2026, 11, 29))
    assert for_screen(overview.figure, touch=True).layout.height < overview.figure.layout.height - 150


def test_streamlit_is_sent_the_finished_figure_as_it_would_make_it(dataset):
    """`ui.charts.Sent` hands Streamlit the dict made once: the spec sent is the one Streamlit would make
    from the figure itself, and a later change to the figure cannot reach it."""
    import plotly.io as pio
    import plotly.tools

    from c5dash.geo import read_shapes
    from c5dash.ui.charts import Sent

    figure = views.overview(dataset, read_shapes(), [], (1991, 2026), "events", date(2026, 11, 29)).figure

    def spec(fig: go.Figure) -> str:  # what `st.plotly_chart` sends
        return pio.to_json(plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True), validate=False)

    for touch in (False, True):  # a wide screen, a phone
        shown = for_screen(figure, touch)
        expected = spec(shown)
        sent = Sent(shown)
        assert spec(sent) == expected and spec(sent) == expected  # every rerun alike
        shown.update_layout(height=123)
        assert spec(sent) == expected


def test_on_a_phone_the_attendance_grid_names_its_rows_on_two_lines(dataset):
    """At a phone's width the cells beside one-line row names were too narrow for "13/14"."""
    grid = views.partners(dataset, [], transform.year_bounds(dataset), []).figures["attendance"]
    rows = list(grid.data[0].y)
    assert for_screen(grid).layout.yaxis.ticktext is None  # a wide screen: the names as they are
    phone = for_screen(grid, touch=True).layout.yaxis
    assert list(phone.tickvals) == rows
    assert [text.replace("<br>", ": ") for text in phone.ticktext] == rows


def test_a_timeline_with_a_short_legend_keeps_no_empty_room_under_it(dataset):
    """China's meetings have two kinds (a legend of two entries): one line of legend on a wide screen, two
    on a phone, not the room of the U.S. timeline's nine."""
    page = views.timeline(dataset, [], transform.year_bounds(dataset), [], [], "any", "", "CHN")
    entries = sum(trace.showlegend is not False for trace in page.figure.data)
    assert entries <= 2  # summits and ministerial meetings
    assert for_screen(page.figure).layout.margin.b == LEGEND_TOP + LEGEND_LINE
    assert for_screen(page.figure, touch=True).layout.margin.b == LEGEND_TOP + entries * LEGEND_LINE
