"""Plotly figures, each built by a pure function from frames the transforms return; one module per
kind of chart, their public names gathered here."""

from c5dash.figures.common import COUNTRY_COLORS, FONT, _axis_suffix, empty_figure
from c5dash.figures.investment import investment_bars, investment_lines
from c5dash.figures.maps import (
    ATTRIBUTION,
    EVENTS_SCALE,
    MAP_LAT_RANGE,
    MAP_LON_RANGE,
    NEIGHBOUR_GREY,
    SCREEN_WIDTH,
    UNSELECTED_GREY,
    fitted,
    is_map,
    map_height,
    region_map,
)
from c5dash.figures.months import MAX_MARKERS, too_many
from c5dash.figures.partners import is_world_map
from c5dash.figures.timeline import DEALS_ROW, LEVEL_SIZES, TYPE_COLORS, event_of, timeline
from c5dash.figures.trade import STATISTICS_SYMBOLS, trade_chart

__all__ = [
    "ATTRIBUTION",
    "COUNTRY_COLORS",
    "DEALS_ROW",
    "EVENTS_SCALE",
    "FONT",
    "LEVEL_SIZES",
    "MAX_MARKERS",
    "SCREEN_WIDTH",
    "fitted",
    "is_map",
    "is_world_map",
    "map_height",
    "MAP_LAT_RANGE",
    "MAP_LON_RANGE",
    "NEIGHBOUR_GREY",
    "STATISTICS_SYMBOLS",
    "TYPE_COLORS",
    "UNSELECTED_GREY",
    "_axis_suffix",
    "empty_figure",
    "event_of",
    "investment_bars",
    "investment_lines",
    "region_map",
    "timeline",
    "too_many",
    "trade_chart",
]
