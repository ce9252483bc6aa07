"""The sidebar's shared filter (countries and period) and every page's own controls, each kept in the
URL so that a link reproduces the view."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from c5dash.data import Dataset
from c5dash.schemas import C5
from c5dash.transform import (
    country_names,
    parse_country_param,
    parse_year_range,
    year_bounds,
)

SHARED_KEY = "shared_filter"  # the shared selection; not a widget key, so it survives page switches
WIDGET_KEY = "sidebar_countries"
YEARS_WIDGET_KEY = "sidebar_years"
NOTICES_KEY = "shared_filter_notices"
MAP_CLICK_KEY = "overview_map_click"
SHARED_PARAMS = ("country", "from", "to")


@dataclass(frozen=True)
class View:
    """What the shared sidebar filter selects: countries (empty = all five) and a span of years."""

    countries: list[str]
    years: tuple[int, int]


def _store_shared() -> None:
    state = st.session_state
    state[SHARED_KEY] = {"countries": list(state[WIDGET_KEY]), "years": tuple(state[YEARS_WIDGET_KEY])}
    state[NOTICES_KEY] = []


def _shared_from_url(bounds: tuple[int, int]) -> None:
    countries, ignored = parse_country_param(st.query_params.get_all("country"))
    years, year_notice = parse_year_range(st.query_params.get("from"), st.query_params.get("to"), bounds)
    notices = []
    if ignored:
        shown = ", ".join(f"`{code}`" for code in ignored)
        notices.append(f"Ignored unknown country codes in the link: {shown}. Known codes: {', '.join(C5)}.")
    if year_notice:
        notices.append(year_notice)
    st.session_state[SHARED_KEY] = {"countries": countries, "years": years}
    st.session_state[NOTICES_KEY] = notices


def shared_filter(dataset: Dataset) -> View:
    """The sidebar's countries and period, shared by every page and mirrored in `?country=KAZ,UZB&from=2015&to=2023`."""
    state = st.session_state
    bounds = year_bounds(dataset)
    if SHARED_KEY not in state:
        _shared_from_url(bounds)
    shared = state[SHARED_KEY]
    state[WIDGET_KEY] = list(shared["countries"])
    state[YEARS_WIDGET_KEY] = tuple(shared["years"])
    names = country_names(dataset)
    st.sidebar.multiselect(
        "Countries",
        options=list(C5),
        key=WIDGET_KEY,
        format_func=lambda code: f"{names.get(code, code)} ({code})",
        on_change=_store_shared,
        placeholder="All five",
        help="Show only events and figures involving these countries. The link in the address bar keeps the choice.",
    )
    st.sidebar.slider(
        "Period",
        min_value=bounds[0],
        max_value=bounds[1],
        key=YEARS_WIDGET_KEY,
        on_change=_store_shared,
        help="Years of the events and figures shown. The link keeps the choice.",
    )
    view = View(list(shared["countries"]), tuple(shared["years"]))
    _mirror("country", ",".join(view.countries) if view.countries else None)
    whole = view.years == bounds
    _mirror("from", None if whole else str(view.years[0]))
    _mirror("to", None if whole else str(view.years[1]))
    for notice in state.get(NOTICES_KEY, []):
        st.warning(notice)
    return view


def shared_params() -> dict[str, str]:
    """The shared filter's parameters as they are in the current URL (`country`, `from`, `to`)."""
    return {name: st.query_params[name] for name in SHARED_PARAMS if name in st.query_params}


def _mirror(param: str, value: str | None) -> None:
    """Write a value to the URL, or remove the parameter when the value is the default."""
    if value is not None:
        st.query_params[param] = value
    elif param in st.query_params:
        del st.query_params[param]


def url_choice(
    label: str, param: str, options: list[str], labels: dict[str, str], key: str, default: str | None = None
) -> str:
    """A select box whose choice is kept in the URL as `?param=value`; the `default` (the first option
    unless given) leaves the URL clean, so the link always reproduces the choice shown. An unknown
    value gets a notice."""
    default = default if default in options else options[0]
    wanted = st.query_params.get(param)
    if wanted is not None and wanted not in options:
        st.warning(f"Ignored `{param}` in the link (“{label}”): it is not one of the choices with data.")
        wanted = None
    choice = st.selectbox(
        label, options, index=options.index(wanted or default), format_func=labels.__getitem__, key=key
    )
    _mirror(param, None if choice == default else choice)
    return choice


def url_multichoice(label: str, param: str, options: list[str], labels: dict[str, str], key: str) -> list[str]:
    """A multiselect kept in the URL as `?param=a,b`; values that are not options get a notice."""
    raw = st.query_params.get(param)
    wanted = [v.strip() for v in raw.split(",") if v.strip()] if raw else []
    chosen = [o for o in options if o in wanted]
    if len(chosen) < len(set(wanted)):
        st.warning(f"Ignored values of `{param}` in the link (“{label}”) that are not among the choices.")
    value = st.multiselect(label, options, default=chosen, format_func=labels.__getitem__, key=key, placeholder="All")
    _mirror(param, ",".join(value) if value else None)
    return value


MAX_TEXT_PARAM = 100


def url_text(label: str, param: str, key: str, placeholder: str = "") -> str:
    """A text box kept in the URL as `?param=...` (at most 100 characters)."""
    raw = (st.query_params.get(param) or "")[:MAX_TEXT_PARAM]
    value = st.text_input(label, value=raw, key=key, max_chars=MAX_TEXT_PARAM, placeholder=placeholder)
    _mirror(param, value or None)
    return value


def drop_params(*params: str) -> None:
    """Remove parameters a page's current choices do not use, so the link shows only what matters."""
    for param in params:
        _mirror(param, None)


def select_clicked_country(points: list[dict]) -> None:
    """A click on one of the five on the map makes it the shared filter's only country; a click on the
    only country chosen clears the filter (all five again)."""
    state = st.session_state
    clicked = next((p.get("location") for p in points if p.get("location") in C5), None)
    previous = state.get(MAP_CLICK_KEY)
    state[MAP_CLICK_KEY] = clicked
    if clicked and clicked != previous:
        chosen = [] if state[SHARED_KEY]["countries"] == [clicked] else [clicked]
        state[SHARED_KEY] = {**state[SHARED_KEY], "countries": chosen}
        state[NOTICES_KEY] = []
        st.rerun()
