"""Streamlit glue shared by every page: cached loading, the country filter, charts, error page.

The only module of the package that imports Streamlit.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode, urlsplit

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit import runtime

from c5dash import briefing, cards, exports
from c5dash.data import DATA_DIR, Dataset, Problem, load_dataset
from c5dash.figures.timeline import event_of
from c5dash.geo import read_shapes
from c5dash.schemas import C5
from c5dash.transform import (
    SOURCE_LINK_PREFIX,
    country_names,
    parse_country_param,
    parse_year_range,
    with_source_links,
    year_bounds,
)

APP_TITLE = "Central Asia Diplomacy Dashboard"
SHARED_KEY = "shared_filter"  # the shared selection; not a widget key, so it survives page switches
WIDGET_KEY = "sidebar_countries"
YEARS_WIDGET_KEY = "sidebar_years"
NOTICES_KEY = "shared_filter_notices"
MAP_CLICK_KEY = "overview_map_click"
PAGE_PATH_KEY = "current_page_path"
SHARED_PARAMS = ("country", "from", "to")
PAGE_PATHS = {
    "Overview": "/",
    "Timeline": "/Timeline",
    "Investment": "/Investment",
    "Trade": "/Trade",
    "Country profiles": "/Country_profiles",
    "Data & sources": "/Data_and_sources",
}
STATIC_URL = "/app/static/"
TOPOJSON_URL = f"{STATIC_URL}topojson/"
T = TypeVar("T")


def data_dir() -> Path:
    """The data folder: `C5DASH_DATA_DIR` when set (tests use it), else the repository's data/."""
    return Path(os.environ.get("C5DASH_DATA_DIR", DATA_DIR))


# The dataset and the shapes are read once per server and shared by every session, not copied: nothing
# may modify them (tests/test_app.py checks that no page does).
@st.cache_resource(show_spinner="Loading data…")
def _load(path: str) -> tuple[Dataset | None, list[Problem]]:
    return load_dataset(Path(path))


@st.cache_resource(show_spinner=False)
def shapes() -> gpd.GeoDataFrame:
    """The region's country shapes, read once per server."""
    return read_shapes()


MEMO_ENTRIES = 128


def memo(fn: Callable[..., T]) -> Callable[..., T]:
    """`fn` computed once per server for each set of arguments, its result shared by every session.

    For the functions of `c5dash.views`: the dataset and the shapes count by identity (each is loaded
    once), every other argument by value. Callers must not modify the result.
    """
    return st.cache_resource(
        fn, show_spinner=False, max_entries=MEMO_ENTRIES, hash_funcs={Dataset: id, gpd.GeoDataFrame: id}
    )


def page_setup(page: str) -> tuple[Dataset, View]:
    """Configure the page, load the data (or show what is wrong with it and stop), draw the filter."""
    st.set_page_config(page_title=f"{page} · {APP_TITLE}", layout="wide")
    st.session_state[PAGE_PATH_KEY] = PAGE_PATHS.get(page, "/")
    dataset, problems = _load(str(data_dir()))
    if dataset is None:
        show_problems(problems)
        st.stop()
    links = st.sidebar.container()  # above the filter, filled once the filter is known
    view = shared_filter(dataset)
    navigation(links)
    return dataset, view


PAGES = (
    ("app.py", "Overview"),
    ("pages/1_Timeline.py", "Timeline"),
    ("pages/2_Investment.py", "Investment"),
    ("pages/5_Trade.py", "Trade"),
    ("pages/4_Country_profiles.py", "Country profiles"),
    ("pages/3_Data_and_sources.py", "Data & sources"),
)


def shared_params() -> dict[str, str]:
    """The shared filter's parameters as they are in the current URL (`country`, `from`, `to`)."""
    return {name: st.query_params[name] for name in SHARED_PARAMS if name in st.query_params}


def navigation(where=st.sidebar) -> None:
    """Links to every page at the top of the sidebar (Streamlit's own list is hidden in config.toml).

    Each link carries the shared filter, so a page opened in a new tab shows the same countries and
    period; a plain click switches pages within the app as before."""
    params = shared_params()
    for path, label in PAGES:
        where.page_link(path, label=label, query_params=params)
    where.divider()


def show_problems(problems: list[Problem]) -> None:
    """The error page for data that fails validation: every problem with its file, row and column."""
    st.title(APP_TITLE)
    st.error(
        f"The data in {data_dir()} did not pass validation: {len(problems)} problem(s). "
        "Nothing is shown until they are fixed; run `python -m c5dash.validate` to see the same list."
    )
    st.dataframe(
        [{"file": p.file, "row": p.row, "column": p.column, "problem": p.message} for p in problems],
        hide_index=True,
        width="stretch",
    )


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
        st.warning(f"Ignored the {label.lower()} in the link: it is not one of the choices with data.")
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
        st.warning(f"Ignored values of {label.lower()} in the link that are not among the choices.")
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


def chart(
    fig: go.Figure,
    name: str,
    view: View,
    rows: pd.DataFrame | None = None,
    dataset: Dataset | None = None,
    selectable: bool = False,
) -> list[dict]:
    """Draw a figure, then its downloads: PNG, SVG, PDF, interactive HTML, and the rows behind it as CSV.

    The toolbar's own PNG download has the same size as the server's PNG and is named like the other files.
    With `selectable`, a click on the chart reruns the page and the clicked points are returned.
    """
    base = exports.file_name(name, view.countries, view.years, "x")[:-2]
    config = {
        "displaylogo": False,
        "topojsonURL": TOPOJSON_URL,
        "toImageButtonOptions": dict(
            zip(("width", "height"), exports.export_size(fig)), format="png", scale=exports.PNG_SCALE, filename=base
        ),
    }
    # theme=None: the chart keeps its own white background and dark text in the light and the dark
    # theme alike, and looks the same on screen as in a download.
    options = {"on_select": "rerun", "selection_mode": "points"} if selectable else {}
    if fig.frames:
        allow_interrupted_animations()
    event = st.plotly_chart(fig, config=config, width="stretch", key=f"chart-{name}", theme=None, **options)
    downloads(fig, base, rows, dataset)
    return list(event.selection.points) if selectable and event else []


def allow_interrupted_animations() -> None:
    """Load static/js/animations.js, which keeps plotly.js from reporting an animation interrupted by
    the user (Play clicked twice, Pause) as an uncaught error. From the app's own server, like the map's
    outlines."""
    st.html(f'<script src="{STATIC_URL}js/animations.js"></script>', unsafe_allow_javascript=True, width="content")


@st.cache_resource(show_spinner=False)
def export_server() -> exports.ExportServer:
    """One image export server per app: fast exports after the first, stopped when idle."""
    return exports.ExportServer()


def _image(fig: go.Figure, fmt: str, footer: tuple[str, ...]) -> bytes:
    return export_server().image(fig, fmt, footer)


def briefing_pdf(
    values: pd.DataFrame,
    events: pd.DataFrame,
    rows: pd.DataFrame,
    facts: list[str],
    title: str,
    cite: str,
    source: str,
) -> bytes:
    """The one-page country briefing as PDF, rendered by the export server."""
    fig = briefing.briefing_figure(shapes(), values, events, rows, facts, title, cite, source)
    return export_server().image(fig, "pdf")


def view_url() -> str:
    """The address of the current view, query included, for citations."""
    origin = urlsplit(st.context.url or "http://127.0.0.1:8501")
    path = st.session_state.get(PAGE_PATH_KEY, "/")
    query = urlencode({k: st.query_params[k] for k in st.query_params})
    return f"{origin.scheme}://{origin.netloc}{path}" + (f"?{query}" if query else "")


@st.cache_data(show_spinner=False)
def data_version(path: str) -> str:
    """The dataset's version, from its datapackage.json."""
    return json.loads((Path(path) / "datapackage.json").read_text(encoding="utf-8"))["version"]


def citation() -> str:
    """How to cite the current view: the dashboard, its address, the data version and today's date."""
    return exports.citation(view_url(), data_version(str(data_dir())), date.today())


def downloads(fig: go.Figure, base: str, rows: pd.DataFrame | None, dataset: Dataset | None) -> None:
    """A "Download" menu under a chart: PNG, SVG, PDF, interactive HTML and the rows behind it as CSV.
    Each file is made only when its button is clicked. Images and HTML carry a footer: the publishers
    of the rows' sources and the citation.

    The menu's buttons are drawn only when it is opened, so a page has fewer elements to draw on load.
    The citation is fixed now, while the page's address is known; the files are made later.
    """
    cite = citation()
    sources = dataset.sources if dataset is not None else None
    footer = exports.image_footer(rows, sources, cite)
    menu = st.popover(
        "Download", icon=":material/download:", help="The chart as an image or interactive HTML, and its data as CSV"
    )
    images = exports.images_available()
    unavailable = (
        "Image export needs Chromium on the server, which is not installed here. "
        "Use the camera icon in the chart's toolbar to download a PNG."
    )
    for fmt in exports.IMAGE_FORMATS:
        made_on_server = f"{fmt.upper()} made on the server"
        download(
            fmt.upper(),
            lambda fmt=fmt: _image(fig, fmt, footer),
            f"{base}.{fmt}",
            exports.IMAGE_FORMATS[fmt],
            made_on_server if images else unavailable,
            disabled=not images,
            where=menu,
        )
    download(
        "HTML",
        lambda: exports.figure_html(fig, base, cite, footer[0]),
        f"{base}.html",
        "text/html",
        "The interactive chart as one file that works offline",
        where=menu,
    )
    if rows is not None:
        listed = sources if sources is not None else pd.DataFrame(columns=["source_id", "title", "url"])
        download(
            "CSV",
            lambda: exports.rows_csv(rows, listed, cite),
            f"{base}.csv",
            "text/csv",
            "The rows behind the chart, with their sources and a citation line",
            where=menu,
        )


KEPT_DOWNLOADS = 32
_download_slots = itertools.count()


def _kept(make: Callable[[], bytes | str], mime: str, file_name: str) -> Callable[[], bytes | str]:
    """`make`, and the file it made stays on the server until 32 newer ones have been made.

    Streamlit deletes a file made for a click once two script runs of any session have ended; with
    many users that can be before the browser fetched it (a 404). The file, registered again under
    one of 32 slots of its own (same content, same address), is kept past that.
    """

    def made() -> bytes | str:
        data = make()
        slot = next(_download_slots) % KEPT_DOWNLOADS
        runtime.get_instance().media_file_mgr.add(
            data.encode() if isinstance(data, str) else data,
            mime,
            f"c5dash-kept-download-{slot}",
            file_name,
            is_for_static_download=True,
        )
        return data

    return made


def download(label: str, make, file_name: str, mime: str, help: str, disabled: bool = False, where=st) -> None:
    """A download button whose file is made only when it is clicked (the button spins meanwhile)."""
    where.download_button(
        label,
        data=_kept(make, mime, file_name),
        file_name=file_name,
        mime=mime,
        key=f"download-{file_name}",
        on_click="ignore",
        disabled=disabled,
        help=help,
        icon=":material/download:",
    )


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


def drop_params(*params: str) -> None:
    """Remove parameters a page's current choices do not use, so the link shows only what matters."""
    for param in params:
        _mirror(param, None)


def on_demand(label: str, key: str):
    """A closed section whose content is made only when it is opened, its state kept in the URL as
    `?key=true`: the container to draw into when it is open, else None. For tables under a chart: a
    page that sends no table draws its chart sooner (see the browser benchmark)."""
    section = st.expander(label, key=key, bind="query-params")
    return section if section.open else None


def source_table_on_demand(
    label: str, param: str, frame: pd.DataFrame, dataset: Dataset, columns: dict[str, str], key: str, note: str = ""
) -> None:
    """A `source_table` in an `on_demand` section (closed until clicked, kept open by `?param=true`),
    with an optional `note` above the table."""
    if section := on_demand(label, param):
        if note:
            section.caption(note)
        with section:
            source_table(frame, dataset, columns, key=key)


def source_table(
    frame: pd.DataFrame,
    dataset: Dataset,
    columns: dict[str, str] | None = None,
    key: str | None = None,
    link_texts: dict[str, str] | None = None,
) -> None:
    """A table with one link column per source each row cites; `columns` maps the columns shown to headers.
    A column named `url`, or one of `link_texts` (shown as its text), holds links."""
    table = with_source_links(frame, dataset.sources)
    links = [c for c in table.columns if c.startswith(SOURCE_LINK_PREFIX)]
    headers = columns or {c: c for c in table.columns if c not in links}
    config: dict = {}
    for column, header in headers.items():
        values = table[column]
        if str(values.dtype).startswith("datetime"):
            config[column] = st.column_config.DateColumn(header, format="YYYY-MM-DD")
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            whole = bool((values.dropna() % 1 == 0).all())
            config[column] = st.column_config.NumberColumn(header, format="%d" if whole else None)
        elif column == "url" or column in (link_texts or {}):
            config[column] = st.column_config.LinkColumn(header, display_text=(link_texts or {}).get(column))
        elif len(values) and isinstance(values.iloc[0], list):
            config[column] = st.column_config.ListColumn(header)
        else:
            config[column] = st.column_config.Column(header)
    for column in links:
        number = column.removeprefix(SOURCE_LINK_PREFIX)
        config[column] = st.column_config.LinkColumn(f"Source {number}", display_text=r"https?://([^/]+)")
    st.dataframe(
        table[[*headers, *links]], hide_index=True, width="stretch", column_config=config, key=key, placeholder=""
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def plain(text: object) -> str:
    """Text from the data made safe inside Markdown: no link, image, HTML or formatting can come of it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def footer() -> None:
    """Where the data comes from, on every page."""
    st.divider()
    st.caption(
        "Every row cites its public sources (see Data & sources). Data compilation: CC BY 4.0; "
        "U.S. Government texts are public domain. Boundaries: Made with Natural Earth. "
        "The dashboard makes no request beyond its own server."
    )


EVENT_PARAM = "event"
EVENT_CLICK_KEY = "timeline_clicked_event"


def _close_card() -> None:
    if EVENT_PARAM in st.query_params:
        del st.query_params[EVENT_PARAM]


def event_card_section(dataset: Dataset, points: list[dict], chart: str) -> None:
    """Under a timeline: the card of the event whose marker (or deal star) was clicked, or of the event
    in `?event=<event_id>`. A click puts the event in the link, closing the card takes it out; an id
    that is not in the data gives a notice."""
    state = st.session_state
    clicked = next((e for e in map(event_of, points) if e), None)
    key = f"{EVENT_CLICK_KEY}-{chart}"
    if clicked and clicked != state.get(key):
        st.query_params[EVENT_PARAM] = clicked
    state[key] = clicked
    wanted = st.query_params.get(EVENT_PARAM)
    if not wanted:
        return
    card = memo(cards.event_card)(dataset, wanted)
    if card is None:
        st.warning("The event in the link (`event`) is not in the data, so no event card is shown.")
        return
    event_card(card, key=f"close-{chart}")


def _link_lines(links: tuple[cards.Link, ...]) -> str:
    return "\n".join(f"- [{plain(link.title)}]({link_target(link.url)})" for link in links)


def link_target(url: str) -> str:
    """An http(s) address made safe as the target of a Markdown link (no space, bracket or quote)."""
    return re.sub(r"[\s()<>\"'\\]", lambda m: f"%{ord(m.group()):02X}", url)


def event_card(card: cards.EventCard, key: str) -> None:
    """An event's card: every text from the data shown plainly, its sources and outcome documents as links."""
    with st.container(border=True):
        top = st.columns([5, 1])
        top[0].subheader(plain(card.title), anchor=False)
        top[1].button("Close card", key=key, on_click=_close_card, icon=":material/close:", width="stretch")
        facts = {
            "Dates": card.dates,
            "Place": card.place,
            "Type": card.kind,
            "Level": card.level,
            "Format": card.format,
            "Countries": ", ".join(card.countries),
        }
        st.markdown("  \n".join(f"**{label}:** {plain(text)}" for label, text in facts.items()))
        if card.summary:
            st.markdown(plain(card.summary))
        if card.people:
            st.markdown("**People and their roles**\n\n" + "\n".join(f"- {plain(p)}" for p in card.people))
        if card.deals:
            st.markdown("**Deals and figures announced at it**\n\n" + "\n".join(f"- {plain(d)}" for d in card.deals))
        if card.outcomes:
            st.markdown("**Outcome documents**\n\n" + _link_lines(card.outcomes))
        st.markdown("**Sources**\n\n" + (_link_lines(card.sources) or "none with a web address"))


def event_links(event_ids: pd.Series) -> list[str]:
    """For each event, the address of this page's view with its card open (the other parameters kept)."""
    path = st.session_state.get(PAGE_PATH_KEY, "/")
    params = {k: st.query_params[k] for k in st.query_params}
    return [cards.card_link(path, params, e) for e in event_ids]


def events_table_on_demand(
    label: str, param: str, events: pd.DataFrame, dataset: Dataset, columns: dict[str, str], key: str
) -> None:
    """The events in an `on_demand` table, each row's "Card" link opening that event's card."""
    if section := on_demand(label, param):
        with section:
            cards_column = events.assign(card=event_links(events["event_id"]))
            source_table(cards_column, dataset, {"card": "Card", **columns}, key=key, link_texts={"card": "Open card"})
