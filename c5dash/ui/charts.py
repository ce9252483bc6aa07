"""Drawing a chart and its Download menu: the screen copy of a figure, image export through the
kaleido server, the citation of the view, download buttons whose files are made on a click."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit import runtime

from c5dash import briefing, exports
from c5dash.data import Dataset
from c5dash.figures.partners import is_world_map
from c5dash.figures.screen import for_screen
from c5dash.footer import image_footer
from c5dash.ui.filters import View
from c5dash.ui.page import MEMO_ENTRIES, PAGE_PATH_KEY, STATIC_URL, data_dir, shapes, static_script

TOPOJSON_URL = f"{STATIC_URL}topojson/"  # an empty outline: the region map draws its own shapes
WORLD_URL = f"{STATIC_URL}world/"  # Natural Earth's world, sent only to a chart that draws it (137 KB)


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
        "responsive": True,  # redrawn to the window's width when a phone turns or a window narrows
        "topojsonURL": WORLD_URL if is_world_map(fig) else TOPOJSON_URL,
        "toImageButtonOptions": dict(
            zip(("width", "height"), exports.export_size(fig)), format="png", scale=exports.PNG_SCALE, filename=base
        ),
    }
    # theme=None: the chart keeps its own white background and dark text in the light and the dark
    # theme alike, and looks the same on screen as in a download.
    options = {"on_select": "rerun", "selection_mode": "points"} if selectable else {}
    if fig.frames:
        allow_interrupted_animations()
    # On screen the title wraps to a phone's width below the modebar; the downloads keep the figure as built.
    event = st.plotly_chart(
        screen_figure(fig), config=config, width="stretch", key=f"chart-{name}", theme=None, **options
    )
    downloads(fig, base, rows, dataset)
    return list(event.selection.points) if selectable and event else []


def screen_figure(fig: go.Figure) -> go.Figure:
    """`figures.screen.for_screen(fig, touch)` for this browser, made once per figure and handed to
    Streamlit as a `Sent` figure: a copy of a map with its frames takes about 60 ms, and the views'
    figures are memoized, the same objects on every rerun."""
    touch = on_phone()
    original, sent = _screen_figure(fig, touch)
    return sent if original is fig else Sent(for_screen(fig, touch))


class Sent(go.Figure):
    """A finished figure as `st.plotly_chart` takes it, for Streamlit only: Streamlit asks the figure for
    `to_dict()` on every rerun, a deep copy of every trace (about 3 ms for a map with its shapes); this one
    answers with the dict made once, when the figure was finished. Nothing changes a figure after it is
    sent. Its own traces and layout are empty: read the figure it was made from."""

    def __init__(self, fig: go.Figure) -> None:
        super().__init__()
        self._sent = fig.to_dict()

    def to_dict(self) -> dict:
        """The finished figure's dict, made once."""
        return self._sent

    def to_plotly_json(self) -> dict:
        """The same dict (plotly's other name for it)."""
        return self._sent


@st.cache_resource(show_spinner=False, max_entries=MEMO_ENTRIES, hash_funcs={go.Figure: id})
def _screen_figure(fig: go.Figure, touch: bool) -> tuple[go.Figure, Sent]:
    # Keyed by identity; `fig` is kept in the entry so that no other figure can take its id meanwhile.
    return fig, Sent(for_screen(fig, touch))


def on_phone() -> bool:
    """Whether the browser says it is a phone: "Mobi" in its User-Agent (MDN's advice for telling
    mobile browsers apart)."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def allow_interrupted_animations() -> None:
    """Load static/js/animations.js, which keeps plotly.js from reporting an animation interrupted by
    the user (Play clicked twice, Pause) as an uncaught error. From the app's own server, like the map's
    outlines."""
    static_script("js/animations.js")


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
    The citation is fixed now, while the page's address is known; the files, and the footer (which reads
    every row's sources, a cost that grows with the data), are made later.
    """
    cite = citation()
    sources = dataset.sources if dataset is not None else None

    def footer() -> tuple[str, str]:
        return image_footer(rows, sources, cite)

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
            lambda fmt=fmt: _image(fig, fmt, footer()),
            f"{base}.{fmt}",
            exports.IMAGE_FORMATS[fmt],
            made_on_server if images else unavailable,
            disabled=not images,
            where=menu,
        )
    download(
        "HTML",
        lambda: exports.figure_html(fig, base, cite, footer()[0]),
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
