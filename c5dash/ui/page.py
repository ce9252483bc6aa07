"""Setting up a page: the data and shapes loaded once per server, the memo of views, the links to the
pages, the error page for bad data, the footer, and text from the data made plain."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import streamlit as st

from c5dash.data import DATA_DIR, Dataset, Problem, load_dataset
from c5dash.geo import read_shapes
from c5dash.ui.filters import View, shared_filter, shared_params

APP_TITLE = "Central Asia Diplomacy Dashboard"
PAGE_PATH_KEY = "current_page_path"
STATIC_URL = "/app/static/"  # the app's own static folder (`enableStaticServing`)
PAGE_PATHS = {
    "Overview": "/",
    "Timeline": "/Timeline",
    "Partners": "/Partners",
    "Investment": "/Investment",
    "Trade": "/Trade",
    "Country profiles": "/Country_profiles",
    "Data & sources": "/Data_and_sources",
}
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
    ("pages/6_Partners.py", "Partners"),
    ("pages/2_Investment.py", "Investment"),
    ("pages/5_Trade.py", "Trade"),
    ("pages/4_Country_profiles.py", "Country profiles"),
    ("pages/3_Data_and_sources.py", "Data & sources"),
)


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


def static_script(path: str) -> None:
    """Run a script from the app's own static folder (`static/<path>`) where this is drawn: once each
    time the element is drawn anew (a new `path`, query included, draws it anew)."""
    st.html(f'<script src="{STATIC_URL}{path}"></script>', unsafe_allow_javascript=True, width="content")
