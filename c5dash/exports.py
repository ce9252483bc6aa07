"""Files people take away: chart images, offline HTML, the rows behind a chart as CSV, the dataset as a zip.

Pure functions except `image` and `ExportServer`, which render through kaleido and Chromium. No Streamlit.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import threading
import time
import warnings
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from c5dash.browser import chromium_path
from c5dash.figures.maps import fitted, is_map
from c5dash.figures.partners import is_world_map
from c5dash.footer import CITE_NOTE, DASHBOARD, FOOTER_FONT, FOOTER_LINE, FOOTER_PAD, plain_text, titled_pdf, wrapped
from c5dash.transform import span

TOPOJSON_DIR = Path(__file__).resolve().parent.parent / "static" / "topojson"  # an empty outline
WORLD_DIR = TOPOJSON_DIR.parent / "world"  # Natural Earth's world outline, for a chart that draws it
IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
PNG_SCALE = 3  # "high resolution": three times the chart's size in pixels
EXPORT_WIDTH = 700  # pixels, before scaling: the same for server exports and the chart's toolbar
DEFAULT_HEIGHT = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def file_name(chart: str, countries: list[str], years: tuple[int, int], extension: str) -> str:
    """'timeline_KAZ-UZB_2015-2023.csv': what the file holds, for which countries and years."""
    who = "-".join(countries) if countries else "all-five"
    return f"{re.sub(r'[^A-Za-z0-9_-]+', '-', chart)}_{who}_{span(*years).replace('–', '-')}.{extension}"


def citation(view_url: str, version: str, today: date) -> str:
    """How to cite a view of the dashboard."""
    return f"{DASHBOARD}, data version {version}, {view_url}, accessed {today:%Y-%m-%d}. {CITE_NOTE}"


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading '."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_string_dtype(safe[column]) or safe[column].dtype == object:
            safe[column] = safe[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
            )
    return safe


def rows_csv(rows: pd.DataFrame, sources: pd.DataFrame, cite: str) -> bytes:
    """The rows behind a chart, each with the titles and URLs of its sources, under a citation line.

    The first line is a comment (`# ...`): read it back with `pandas.read_csv(..., comment="#")`. Every text
    is quoted, so a "#" inside one (a colour, a link's anchor) is not read as the start of a comment.
    """
    titles = dict(zip(sources["source_id"], sources["title"]))
    urls = dict(zip(sources["source_id"], sources["url"]))

    def cited(ids: object, lookup: dict) -> str:
        return " | ".join(lookup[s] for s in _ids(ids) if s in lookup)

    table = rows.copy()
    for column in table.columns:
        if any(isinstance(v, list) for v in table[column]):
            table[column] = table[column].map(lambda v: ";".join(v) if isinstance(v, list) else v)
    if "source_ids" in table:
        table["source_titles"] = table["source_ids"].map(lambda v: cited(v, titles))
        table["source_urls"] = table["source_ids"].map(lambda v: cited(v, urls))
    buffer = io.StringIO()
    buffer.write(f"# {cite}\n")
    buffer.write(",".join(table.columns) + "\n")  # snake_case names: the header needs no quotes
    safe = spreadsheet_safe(table)
    safe.to_csv(buffer, index=False, header=False, date_format="%Y-%m-%d", quoting=csv.QUOTE_NONNUMERIC)
    return buffer.getvalue().encode("utf-8")


def _ids(value: object) -> list[str]:
    return [] if pd.isna(value) else [v.strip() for v in str(value).split(";") if v.strip()]


def figure_html(fig: go.Figure, title: str, cite: str, source: str = "") -> str:
    """A standalone HTML page of the interactive chart that works offline: plotly.js inside, and for
    maps the world outline plotly.js would fetch from its CDN given in the page instead. An animated
    chart waits for its Play button; `source` and `cite` are printed under the chart."""
    outline = ((WORLD_DIR if is_world_map(fig) else TOPOJSON_DIR) / "world_110m.json").read_text(encoding="utf-8")
    body = fig.to_html(
        full_html=False,
        include_plotlyjs=True,
        config={"displaylogo": False, "topojsonURL": "./"},
        auto_play=False,
    )
    lines = "<br>".join(_escape(line) for line in (source, cite) if line)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_escape(title)}</title></head><body>\n"
        f"<script>window.PlotlyGeoAssets = {{topojson: {{world_110m: {outline}}}}};</script>\n"
        f'{body}\n<p style="font-family:sans-serif;font-size:12px">{lines}</p>\n</body></html>\n'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def images_available() -> bool:
    """Whether Chromium is there for kaleido to render images on the server."""
    return chromium_path() is not None


def export_size(fig: go.Figure) -> tuple[int, int]:
    """Width and height in pixels (before scaling) of a chart's image, on the server and in the toolbar."""
    return int(fig.layout.width or EXPORT_WIDTH), int(fig.layout.height or DEFAULT_HEIGHT)


def image(fig: go.Figure, fmt: str, footer: tuple[str, ...] = ()) -> bytes:
    """PNG (at `PNG_SCALE`), SVG or PDF of a figure, rendered by kaleido; map outlines come from the
    app's own folder. Through the running `ExportServer` if there is one, else a Chromium of its own.

    The image is `still`: no Play button or slider. With `footer` (lines such as `source_line` and the
    citation), the image grows by the footer's height and carries it under everything else. A PDF's
    title is the chart's.
    """
    # The world outline for every image: a region map hides it, and one setting for all keeps exports in
    # parallel threads from changing it under each other.
    pio.defaults.topojson = WORLD_DIR.as_uri() + "/"
    fig = still(fig)
    if is_map(fig):  # as high as the map needs at the image's width
        fig = fitted(fig, EXPORT_WIDTH)
    if footer:
        fig = with_footer(fig, footer)
    width, height = export_size(fig)
    data = pio.to_image(fig, format=fmt, width=width, height=height, scale=PNG_SCALE if fmt == "png" else 1)
    return titled_pdf(data, plain_text(fig.layout.title.text or "")) if fmt == "pdf" else data


def still(fig: go.Figure) -> go.Figure:
    """A copy of an animated figure as an image shows it: the frame its slider points at (the last, as
    on screen) in the data, and no frames, slider or Play button, which an image cannot use."""
    if not fig.frames and not fig.layout.sliders and not fig.layout.updatemenus:
        return fig
    static = go.Figure(fig)
    if fig.frames:
        sliders = fig.layout.sliders
        active = sliders[0].active if sliders and sliders[0].active is not None else len(fig.frames) - 1
        frame = fig.frames[min(active, len(fig.frames) - 1)]
        for index, part in zip(frame.traces or range(len(frame.data)), frame.data):
            static.data[index].update(part.to_plotly_json())
    static.frames = []
    static.layout.sliders = []
    static.layout.updatemenus = []
    return static


def with_footer(fig: go.Figure, lines: tuple[str, ...]) -> go.Figure:
    """A copy of the figure made taller by a footer under everything it draws (axes, legends, colour bars,
    notes).

    The margins plotly.js computes (legends and tick labels widen them) are asked of kaleido first;
    the bottom margin then grows by the footer's height, so the chart itself keeps its size.
    """
    width, height = export_size(fig)
    text = wrapped(lines, width)
    extra = FOOTER_PAD + FOOTER_LINE * len(text) + FOOTER_PAD
    margin = {**fig.layout.margin.to_plotly_json(), **_computed_margin(fig, width, height)}
    margin.setdefault("l", 80)
    margin.setdefault("b", 80)
    tall = go.Figure(fig.to_dict(), _validate=False)  # a copy: `fig` is valid, checking it again is slow
    tall.update_layout(height=height + extra, margin={"b": margin["b"] + extra})
    # What is placed from the image's bottom (a legend, a colour bar) keeps its place above the old bottom.
    colour_bars = [trace.colorbar for trace in tall.data if "colorbar" in trace]
    for item in [tall.layout.legend, *colour_bars]:
        if item.yref == "container" and item.y is not None:
            item.y = (item.y * height + extra) / (height + extra)
    tall.add_annotation(
        text="<br>".join(_escape(line) for line in text),
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        xshift=FOOTER_PAD - margin["l"],
        yshift=-(margin["b"] + FOOTER_PAD),
        align="left",
        showarrow=False,
        font={"size": FOOTER_FONT, "color": "#444444"},
    )
    return tall


def _computed_margin(fig: go.Figure, width: int, height: int) -> dict:
    """The margins plotly.js draws the figure with at `width` × `height`, as kaleido reports them: a
    drawing of its own (about 0.15 s), so asked once per figure and size and kept for the last
    `MARGINS_KEPT` (a chart's PNG, SVG and PDF, and the same chart downloaded again, share them)."""
    import kaleido

    spec = fig.to_json()
    key = (hashlib.sha256(spec.encode()).hexdigest(), width, height, pio.defaults.topojson)
    with _margins_lock:
        margin = _margins.get(key)
    if margin is None:  # asked outside the lock: exports in other threads need not wait for this one
        full = kaleido.calc_fig_sync(
            json.loads(spec), opts={"format": "json", "width": width, "height": height}, topojson=key[3]
        )
        margin = json.loads(full)["layout"].get("computed", {}).get("margin", {})
        with _margins_lock:
            if len(_margins) >= MARGINS_KEPT:
                _margins.pop(next(iter(_margins)), None)  # the oldest
            _margins[key] = margin
    return dict(margin)


MARGINS_KEPT = 256
_margins: dict[tuple[str, int, int, str | None], dict] = {}
_margins_lock = threading.Lock()


EXPORT_SERVER_IDLE_SECONDS = 180
EXPORT_TIMEOUT_SECONDS = 100  # longer than kaleido's own 90 s for drawing one image


class ExportFailed(RuntimeError):
    """The export server gave no image: its Chromium did not start, or the export took too long."""


class ExportServer:
    """kaleido's Chromium for image exports: started by the first export, kept for the fast ones that
    follow, and stopped after `idle` seconds without one, because it holds about 550 MB while it runs.
    MathJax is off. Safe to use from several threads: exports run one at a time, because kaleido's
    server hands results back in the order they finish, not to the caller that asked."""

    def __init__(self, idle: float = EXPORT_SERVER_IDLE_SECONDS, timeout: float = EXPORT_TIMEOUT_SECONDS) -> None:
        # plotly warns on every export through a server that options meant for a one-off Chromium are unused
        warnings.filterwarnings("ignore", "The kopts argument is ignored if using a server", UserWarning)
        self.idle = idle
        self.timeout = timeout
        self._lock = threading.Lock()  # the server's state
        self._one_at_a_time = threading.Lock()  # the exports themselves
        self._running = False
        self._started = 0  # how many times the server has started
        self._busy = 0
        self._last = 0.0

    @property
    def running(self) -> bool:
        """Whether the Chromium of the export server is up."""
        return self._running

    def image(self, fig: go.Figure, fmt: str, footer: tuple[str, ...] = ()) -> bytes:
        """`image(fig, fmt, footer)`, starting the server first if it is not running.

        If the server's Chromium has gone (killed for memory, say), the server is restarted and the
        export tried once more; otherwise that export and the ones after it would fail. If its Chromium
        does not start, or the export takes longer than `timeout`, the server is stopped and
        `ExportFailed` raised: kaleido would wait forever, and every export after it too. Other errors
        (a figure Chromium cannot draw) are raised at once.
        """
        from choreographer.errors import BrowserClosedError, BrowserFailedError, ChannelClosedError

        with self._lock:
            self._start()
            self._busy += 1
        try:
            with self._one_at_a_time:
                try:
                    return self._image(fig, fmt, footer)
                except (BrowserClosedError, BrowserFailedError, ChannelClosedError):
                    with self._lock:
                        self._stop()
                        self._start()
                    return self._image(fig, fmt, footer)
                except ExportFailed:
                    with self._lock:
                        self._stop()
                    raise
        finally:
            with self._lock:
                self._busy -= 1
                self._last = time.monotonic()

    def _image(self, fig: go.Figure, fmt: str, footer: tuple[str, ...]) -> bytes:
        """`image(fig, fmt, footer)` in a thread of its own, watched: given up when kaleido's server thread has
        died (its Chromium did not start) or after `timeout` seconds."""
        from kaleido import _global_server  # kaleido 1.5's one server; private, so a test covers this

        done: dict = {}

        def work() -> None:
            try:
                done["data"] = image(fig, fmt, footer)
            except BaseException as error:  # handed to the caller below
                done["error"] = error

        worker = threading.Thread(target=work, name="export", daemon=True)
        worker.start()
        deadline = time.monotonic() + self.timeout
        worker.join(0.2)
        while worker.is_alive():
            server = getattr(_global_server, "_thread", None)
            if server is None or not server.is_alive():
                raise ExportFailed("the image export server's Chromium did not start")
            if time.monotonic() > deadline:
                raise ExportFailed(f"no image after {self.timeout:.0f} s")
            worker.join(0.2)
        if "error" in done:
            raise done["error"]
        return done["data"]

    def stop(self) -> None:
        """Stop the server's Chromium now (the next export starts it again)."""
        with self._lock:
            self._stop()

    def _start(self) -> None:
        import kaleido  # here, not at import: it takes a tenth of a second and most runs export nothing

        if not self._running:
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            self._running = True
            self._started += 1
            threading.Thread(
                target=self._stop_when_idle, args=(self._started,), name="export-server-idle", daemon=True
            ).start()

    def _stop(self) -> None:
        import kaleido

        if self._running:
            kaleido.stop_sync_server(silence_warnings=True)
            self._running = False

    def _stop_when_idle(self, started: int) -> None:
        while self._running and self._started == started:  # until stopped, or restarted with its own watcher
            time.sleep(min(self.idle, 5.0) / 2)
            with self._lock:
                if self._started == started and self._busy == 0 and time.monotonic() - self._last >= self.idle:
                    self._stop()


def dataset_zip(data_dir: Path, cite: str, version: str) -> bytes:
    """Every CSV, datapackage.json and a README with the citation, licences and version, as one zip."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    licences = "; ".join(licence.get("title", licence.get("name", "")) for licence in package.get("licenses", []))
    readme = (
        "Central Asia Diplomacy Dashboard: dataset\n\n"
        f"Version {version}.\n\nCite as: {cite}\n\nLicences: {licences}\n\n"
        "Every row cites its public sources in sources.csv; datapackage.json describes every table and field.\n"
        "See also README.md (what the data covers, its gaps, how conflicts were resolved).\n"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(data_dir.glob("*.csv")):
            archive.write(path, path.name)
        archive.write(data_dir / "datapackage.json", "datapackage.json")
        if (data_dir / "README.md").exists():
            archive.write(data_dir / "README.md", "README.md")
        archive.writestr("CITATION.txt", readme)
    return buffer.getvalue()
