"""Files people take away: names, CSV with sources and citation, offline HTML, the dataset zip, images."""

from __future__ import annotations

import io
import os
import re
import signal
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from c5dash import exports, figures, metrics, transform
from c5dash.browser import chromium_path, process_tree
from c5dash.data import DATA_DIR, load_dataset
from c5dash.datapackage import check_datapackage
from c5dash.geo import read_shapes

CITE = exports.citation("http://127.0.0.1:8501/Timeline?country=KAZ", "0.1.0", date(2026, 11, 26))


def test_file_names_say_chart_countries_and_period():
    assert (
        exports.file_name("timeline-events", ["KAZ", "UZB"], (2015, 2023), "csv")
        == "timeline-events_KAZ-UZB_2015-2023.csv"
    )
    assert exports.file_name("map events", [], (2023, 2023), "png") == "map-events_all-five_2023.png"


def test_citation_names_dashboard_view_version_and_date():
    assert CITE.startswith(
        "Central Asia Diplomacy Dashboard, data version 0.1.0, http://127.0.0.1:8501/Timeline?country=KAZ"
    )
    assert "accessed 2026-11-26" in CITE


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_neutralised(cell):
    safe = exports.spreadsheet_safe(pd.DataFrame({"a": [cell], "n": [-5]}))
    assert safe.at[0, "a"] == "'" + cell
    assert safe.at[0, "n"] == -5  # numbers are left alone


def test_rows_csv_holds_exactly_the_rows_with_sources_and_a_citation(dataset):
    rows = transform.events_table(dataset, ["KAZ"], (2015, 2023))
    data = exports.rows_csv(rows, dataset.sources, CITE)
    assert data.decode("utf-8").splitlines()[0] == f"# {CITE}"
    back = pd.read_csv(io.BytesIO(data), comment="#")
    assert list(back["event_id"]) == list(rows["event_id"])
    urls = dict(zip(dataset.sources["source_id"], dataset.sources["url"]))
    first = rows.iloc[0]
    assert back.at[0, "source_urls"] == " | ".join(urls[s.strip()] for s in first["source_ids"].split(";"))
    assert back.at[0, "countries"] == ";".join(first["countries"])


@pytest.mark.parametrize(
    "empty",
    [
        lambda ds: transform.events_table(ds).iloc[0:0],
        lambda ds: transform.investments_table(ds).iloc[0:0],
        lambda ds: transform.trade_table(ds).iloc[0:0],
    ],
    ids=["events", "investments", "trade"],
)
def test_rows_csv_of_a_view_with_no_rows_is_the_citation_and_the_header(dataset, empty):
    rows = empty(dataset)
    assert rows.empty
    lines = exports.rows_csv(rows, dataset.sources, CITE).decode("utf-8").splitlines()
    assert lines[0] == f"# {CITE}"
    assert lines[1].split(",")[: len(rows.columns)] == list(rows.columns)
    assert len(lines) == 2


def test_html_works_offline_with_the_chart_inside(dataset):
    shown = metrics.count_values(dataset, [], transform.year_bounds(dataset), "events")
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title)
    html = exports.figure_html(fig, "map <test>", CITE)
    assert "Plotly.newPlot" in html and "PlotlyGeoAssets" in html
    assert not re.search(r"<script[^>]+src=", html)  # plotly.js is inline, nothing is fetched
    assert "cdn.plot.ly" not in html.split("PlotlyGeoAssets")[1][:2000]
    assert "map &lt;test&gt;" in html and CITE in html


def test_dataset_zip_is_a_valid_data_package(tmp_path):
    data = exports.dataset_zip(DATA_DIR, CITE, "0.1.0")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    assert {"datapackage.json", "CITATION.txt", "README.md", "events.csv", "sources.csv"} <= names
    dataset, problems = load_dataset(tmp_path)
    assert problems == [] and dataset is not None
    assert check_datapackage(tmp_path) == []
    assert CITE in (tmp_path / "CITATION.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chromium():
    if chromium_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium not found: apt-get install chromium")
        pytest.skip("Chromium not found: apt-get install chromium")


@pytest.mark.parametrize("fmt, signature", [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<svg"), ("pdf", b"%PDF")])
def test_images_render_through_kaleido(chromium, dataset, fmt, signature):
    shown = metrics.count_values(dataset, [], transform.year_bounds(dataset), "events")
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title)
    data = exports.image(fig, fmt)
    assert data.startswith(signature)
    if fmt == "png":
        width = int.from_bytes(data[16:20], "big")
        assert width == exports.PNG_SCALE * 700  # plotly's default width, three times
    if fmt == "svg":
        assert "Kazakhstan" in data.decode("utf-8")


def chromium_pids() -> list[int]:
    """The Chromium processes under this process (kaleido's export server)."""
    return [
        pid
        for pid in process_tree(os.getpid())[1:]
        if Path(f"/proc/{pid}/cmdline").exists()
        and "chrom" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").lower()
    ]


def chromium_running() -> bool:
    """Whether a Chromium runs under this process (kaleido's export server)."""
    return bool(chromium_pids())


def test_the_export_server_stops_when_idle_and_starts_again_when_needed(chromium, dataset):
    shown = metrics.count_values(dataset, [], transform.year_bounds(dataset), "events")
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, shown.title)
    server = exports.ExportServer(idle=1)
    assert server.image(fig, "svg").startswith(b"<svg")
    assert server.running and chromium_running()
    deadline = time.monotonic() + 30
    while server.running and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not server.running
    deadline = time.monotonic() + 10
    while chromium_running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not chromium_running()
    assert server.image(fig, "svg").startswith(b"<svg")  # started again
    assert server.running
    while server.running and time.monotonic() < deadline + 30:  # leave nothing running for other tests
        time.sleep(0.2)


def test_an_export_after_the_export_servers_chromium_died_still_gets_its_file(chromium, dataset):
    shown = metrics.count_values(dataset, [], transform.year_bounds(dataset), "events")
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, "After the crash")
    server = exports.ExportServer()
    try:
        assert server.image(fig, "svg").startswith(b"<svg")
        crashed = chromium_pids()
        assert crashed
        for pid in crashed:  # as the kernel's out-of-memory killer would
            os.kill(pid, signal.SIGKILL)
        assert "After the crash" in server.image(fig, "svg").decode("utf-8")
        assert server.image(fig, "png").startswith(b"\x89PNG")  # and the ones after it
        assert chromium_pids() and not set(chromium_pids()) & set(crashed)  # a new Chromium made them
    finally:
        server.stop()


# kaleido's own server thread ends with the failed start's exception, which pytest would report
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_export_whose_chromium_does_not_start_fails_with_a_reason_and_the_next_one_works(
    chromium, dataset, monkeypatch
):
    shown = metrics.count_values(dataset, [], transform.year_bounds(dataset), "events")
    fig = figures.region_map(read_shapes(), shown.values, shown.unit, "After the failed start")
    server = exports.ExportServer()
    monkeypatch.setenv("BROWSER_PATH", "/bin/false")  # where kaleido looks for Chromium first
    failures: list[Exception] = []

    def export() -> None:
        try:
            server.image(fig, "svg")
        except exports.ExportFailed as error:
            failures.append(error)

    worker = threading.Thread(target=export, daemon=True)  # without the fix the export waits forever
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    assert "did not start" in str(failures[0])
    assert not server.running
    monkeypatch.delenv("BROWSER_PATH")
    try:
        assert "After the failed start" in server.image(fig, "svg").decode("utf-8")
    finally:
        server.stop()


def test_exports_asked_for_at_once_each_get_their_own_file(chromium, dataset):
    years = transform.year_bounds(dataset)
    charts = {}
    for code in ("KAZ", "UZB"):
        shown = metrics.count_values(dataset, [code], years, "events")
        charts[code] = figures.region_map(read_shapes(), shown.values, shown.unit, f"Chart of {code}")
    asks = [(code, fmt) for code in charts for fmt in ("png", "svg", "pdf")] * 2
    server = exports.ExportServer()
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:  # as several users' download clicks do
            files = list(pool.map(lambda ask: server.image(charts[ask[0]], ask[1]), asks))
    finally:
        server.stop()
    signatures = {"png": b"\x89PNG", "svg": b"<svg", "pdf": b"%PDF"}
    for (code, fmt), data in zip(asks, files):
        assert data.startswith(signatures[fmt]), (code, fmt)
        if fmt == "svg":
            assert f"Chart of {code}" in data.decode("utf-8")


@pytest.mark.parametrize("iso3", ["KAZ", "TKM"])
def test_country_briefing_is_a_one_page_pdf_with_the_countrys_facts(chromium, dataset, iso3):
    import plotly.io as pio
    import pypdf
    import streamlit  # noqa: F401  importing it makes its template plotly's default, as on the server

    assert pio.templates.default == "streamlit"
    years = transform.year_bounds(dataset)
    facts, rows = metrics.briefing_parts(
        metrics.profile_figures(dataset, iso3, years),
        metrics.holder_lines(metrics.holders_on(dataset, iso3), None),
        transform.investments_table(dataset, [iso3], None, years),
        transform.trade_table(dataset, [iso3], None, years),
        years,
    )
    values = metrics.count_values(dataset, [iso3], years, "events").values
    events = transform.events_table(dataset, [iso3], years)
    name = transform.country_names(dataset)[iso3]
    fig = exports.briefing_figure(read_shapes(), values, events, rows, facts, f"{name}: briefing", CITE)
    data = exports.image(fig, "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert f"{name}: briefing" in text
    head = metrics.holders_on(dataset, iso3)["head_of_state"]["person"]
    assert head in text
    assert "U.S. to Central Asia" in text  # the timeline's rows keep their names
    if len(rows):  # the figures table is readable: light cells, not the default template's navy
        from PIL import Image, ImageStat

        png = Image.open(io.BytesIO(exports.image(fig, "png"))).convert("L")
        width, height = png.size
        table = png.crop((int(0.2 * width), int(0.75 * height), int(0.8 * width), int(0.9 * height)))
        assert ImageStat.Stat(table).mean[0] > 200
    numbers = metrics.profile_figures(dataset, iso3, years)
    assert f"{numbers['us_visits']} U.S. visits" in text
    if len(rows):
        assert rows.iloc[0]["Value"] in text
