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

from c5dash import briefing, exports, figures, metrics, profiles, transform, views
from c5dash.browser import chromium_path, process_tree
from c5dash.data import DATA_DIR, load_dataset
from c5dash.datapackage import check_datapackage
from c5dash.footer import FOOTER_PAD, image_footer, source_line
from c5dash.geo import read_shapes
from c5dash.trade import TRADE_FLOW_LABELS, trade_table

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


def test_rows_csv_reads_back_a_text_holding_a_hash_whole(dataset):
    rows = pd.DataFrame({"colour": ["#56b4e9"], "note": ["see https://example.org/page#part"], "n": [3]})
    back = pd.read_csv(io.BytesIO(exports.rows_csv(rows, dataset.sources, CITE)), comment="#")
    assert back.to_dict("records") == [{"colour": "#56b4e9", "note": "see https://example.org/page#part", "n": 3}]


@pytest.mark.parametrize(
    "empty",
    [
        lambda ds: transform.events_table(ds).iloc[0:0],
        lambda ds: transform.investments_table(ds).iloc[0:0],
        lambda ds: trade_table(ds).iloc[0:0],
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


def animated_map(dataset) -> views.MapView:
    """The Overview's map of events, with its year slider and Play button."""
    page = views.overview(dataset, read_shapes(), [], transform.year_bounds(dataset), "events", date(2026, 11, 26))
    assert page.animated and page.figure.frames and page.figure.layout.sliders
    return page


def test_the_animated_maps_html_waits_for_its_play_button(dataset):
    html = exports.figure_html(animated_map(dataset).figure, "map", CITE)
    assert "Plotly.addFrames" in html  # the years are there, for the Play button and the slider
    assert "Plotly.animate(" not in html  # but nothing plays them on open


def test_a_still_of_the_animated_map_shows_its_last_year_without_slider_or_play(dataset):
    fig = animated_map(dataset).figure
    still = exports.still(fig)
    assert not still.frames and not still.layout.sliders and not still.layout.updatemenus
    last = fig.frames[-1]
    coloured = still.data[last.traces[0]]
    assert list(coloured.z) == list(last.data[0].z) and list(coloured.locations) == list(last.data[0].locations)
    assert fig.frames and fig.layout.sliders  # the figure on screen keeps them


def test_the_source_line_names_publishers_most_cited_first_and_counts_the_rest():
    sources = pd.DataFrame(
        {
            "source_id": ["a", "b", "c", "d", "e", "f"],
            "publisher": [
                "Office of the Historian, U.S. Department of State",
                "U.S. Department of State (1997–2001 archive)",
                "Kazinform",
                "Agenparl (reprint of a U.S. Department of State release)",
                "Trend",
                "Reuters",
            ],
        }
    )
    rows = pd.DataFrame({"source_ids": ["a", "a; b", "c", "d; c", "e", "f", "b"]})
    assert source_line(rows, sources) == (
        "Source: U.S. Department of State; Kazinform; Office of the Historian; Agenparl; "
        "and 2 more publishers, 6 sources in all (see the CSV)."
    )
    assert source_line(rows.head(1), sources) == "Source: Office of the Historian; U.S. Department of State."
    assert source_line(rows.iloc[0:0], sources) == "Source: no rows in this view."


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


@pytest.fixture(scope="module")
def export_server(chromium):
    """One export server for the image tests of this module: fast exports after the first. The tests
    that use it come before those that stop, crash or fail to start kaleido's one server."""
    server = exports.ExportServer()
    yield server
    server.stop()


def chart_kinds(dataset) -> dict[str, tuple]:
    """Each kind of chart with the rows behind it, as the pages draw them."""
    import streamlit  # noqa: F401  importing it makes its template plotly's default, as on the server

    years = transform.year_bounds(dataset)
    page = animated_map(dataset)
    timeline = views.timeline(dataset, [], years, [], [], "any", "")
    investment = views.investment_view(dataset, [], years, "announced_commitment")
    stock = views.investment_view(dataset, [], years, "fdi_stock")
    trade = views.trade_page(dataset, [], years)
    return {
        "map": (page.figure, page.values.values),
        "timeline": (timeline.figure, timeline.events),
        "investment": (investment.bar_figure, investment.bars),
        "investment lines": (stock.line_figure, stock.lines),
        "trade": (trade.figure, trade.rows),
    }


def svg_text(svg: bytes) -> str:
    """The text an SVG shows, each element's on its own line."""
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg.decode("utf-8"), flags=re.S)
    return "\n".join(re.sub(r"<[^>]+>", " ", t).replace("&amp;", "&") for t in texts)


@pytest.mark.parametrize("kind", ["map", "timeline", "investment", "investment lines", "trade"])
def test_every_chart_image_has_a_padded_title_and_a_footer_with_sources_and_citation(export_server, dataset, kind):
    fig, rows = chart_kinds(dataset)[kind]
    footer = image_footer(rows, dataset.sources, CITE)
    svg = export_server.image(fig, "svg", footer)
    title = re.search(r'<text class="gtitle" x="([\d.]+)"', svg.decode("utf-8"))
    assert float(title.group(1)) >= 10  # not against the left edge
    plain = export_server.image(fig, "svg").decode("utf-8")  # where the footer goes, the chart must end
    height = float(re.search(r'<svg[^>]* height="([\d.]+)"', plain).group(1))
    for y in re.findall(r'<text class="[xy]\d*title" [^>]*y="([\d.]+)"', plain):
        assert float(y) < height  # axis titles inside the chart's own image, not cut off or under the footer
    text = " ".join(svg_text(svg).split())
    assert fig.layout.title.text in text
    assert footer[0].startswith("Source: ")
    assert footer[0] in text  # the sources behind the chart, shortened
    assert "Central Asia Diplomacy Dashboard, data version 0.1.0, http://127.0.0.1:8501/Timeline?country=KAZ" in text
    assert "accessed 2026-11-26" in text
    if kind == "map":
        assert "Play" not in text and "Up to the end of" not in text  # no dead controls in an image
    else:
        publishers = set(dataset.sources.set_index("source_id")["publisher"])
        assert not footer[0].startswith("Source: the sources listed")
        assert any(p.split(" (")[0].split(", ")[-1] in footer[0] for p in publishers)


def test_the_footer_sits_under_the_chart_within_the_width(export_server, dataset):
    from PIL import Image, ImageChops

    fig, rows = chart_kinds(dataset)["trade"]  # its legend pushes the bottom margin: the footer goes below
    plain = Image.open(io.BytesIO(export_server.image(fig, "png"))).convert("L")
    footed = Image.open(io.BytesIO(export_server.image(fig, "png", image_footer(rows, dataset.sources, CITE))))
    footed = footed.convert("L")
    width, height = plain.size
    assert footed.size[0] == width and footed.size[1] > height
    # The chart is drawn as without the footer: nothing moved, nothing covered.
    assert ImageChops.difference(plain, footed.crop((0, 0, width, height))).getbbox() is None
    ink = ImageChops.invert(footed.crop((0, height, width, footed.size[1]))).getbbox()
    assert ink is not None  # the footer is there
    left, _, right, bottom = ink
    assert left >= FOOTER_PAD and right <= width - FOOTER_PAD  # and within the width
    assert bottom < footed.size[1] - FOOTER_PAD * exports.PNG_SCALE / 2


def test_a_colour_bar_at_the_bottom_stays_above_the_footer(export_server, dataset):
    """The Partners page's attendance grid has its colour bar across the image's bottom: with the footer
    the grid and its bar are drawn as without it, and the footer below them."""
    from PIL import Image, ImageChops

    page = views.partners(dataset, [], transform.year_bounds(dataset), [])
    fig = page.figures["attendance"]
    plain = Image.open(io.BytesIO(export_server.image(fig, "png"))).convert("L")
    footer = image_footer(page.attendance, dataset.sources, CITE)
    footed = Image.open(io.BytesIO(export_server.image(fig, "png", footer))).convert("L")
    width, height = plain.size
    assert ImageChops.difference(plain, footed.crop((0, 0, width, height))).getbbox() is None


def test_a_charts_margins_are_asked_of_kaleido_once_for_all_its_downloads(export_server, dataset, monkeypatch):
    """The footer needs the margins plotly.js draws with, a drawing of their own: a chart's PNG, SVG and a
    second PNG ask once, and get the same image; another chart asks again."""
    import kaleido
    from PIL import Image, ImageChops

    asked = []
    real = kaleido.calc_fig_sync

    def counted(fig, *args, opts=None, **kwargs):
        if (opts or {}).get("format") == "json":  # margins, not an image
            asked.append(1)
        return real(fig, *args, opts=opts, **kwargs)

    monkeypatch.setattr(kaleido, "calc_fig_sync", counted)
    monkeypatch.setattr(exports, "_margins", {})
    fig, rows = chart_kinds(dataset)["trade"]
    footer = image_footer(rows, dataset.sources, CITE)
    first = Image.open(io.BytesIO(export_server.image(fig, "png", footer))).convert("L")
    assert export_server.image(fig, "svg", footer).lstrip().startswith(b"<svg")
    again = Image.open(io.BytesIO(export_server.image(fig, "png", footer))).convert("L")
    assert len(asked) == 1
    assert again.size == first.size and ImageChops.difference(first, again).getbbox() is None
    other, other_rows = chart_kinds(dataset)["timeline"]
    export_server.image(other, "png", image_footer(other_rows, dataset.sources, CITE))
    assert len(asked) == 2


def test_briefing_figures_inform_a_few_deals_each_measure_and_trade(dataset):
    years = transform.year_bounds(dataset)
    inv = transform.investments_table(dataset, ["KAZ"], None, years)
    trade = trade_table(dataset, ["KAZ"], None, years)
    assert (inv["measure"] == "announced_commitment").sum() > briefing.BRIEFING_DEALS
    _, rows = briefing.briefing_parts(profiles.profile_figures(dataset, "KAZ", years), [], inv, trade, years)
    what = rows["What"]
    deals = what.str.startswith(transform.MEASURE_LABELS["announced_commitment"])
    assert 0 < deals.sum() <= briefing.BRIEFING_DEALS
    assert rows[deals]["Reported by"].nunique() == deals.sum()  # not all from one fact sheet
    for measure in set(inv["measure"]) - {"announced_commitment"}:  # the latest of each measure, once
        assert what.str.startswith(transform.MEASURE_LABELS[measure] + ":").sum() == 1
    us_trade = what.str.contains("with United States")
    latest_us = trade.loc[trade["partner_iso3"] == "USA", "year"].max()
    assert us_trade.any() and (rows[us_trade]["Period"] == str(latest_us)).all()
    assert what.str.startswith("Trade turnover").sum() >= 2  # other partners' too
    labels = (*transform.MEASURE_LABELS.values(), *TRADE_FLOW_LABELS.values())
    assert all(w.startswith(labels) for w in what)  # each labelled by its measure
    assert len(rows) <= briefing.BRIEFING_ROWS


@pytest.mark.parametrize("iso3", ["KAZ", "TKM"])
def test_country_briefing_is_a_one_page_pdf_with_the_countrys_facts(export_server, dataset, iso3):
    import plotly.io as pio
    import pypdf
    import streamlit  # noqa: F401  importing it makes its template plotly's default, as on the server

    assert pio.templates.default == "streamlit"
    years = transform.year_bounds(dataset)
    facts, rows = briefing.briefing_parts(
        profiles.profile_figures(dataset, iso3, years),
        profiles.holder_lines(profiles.holders_on(dataset, iso3), None),
        transform.investments_table(dataset, [iso3], None, years),
        trade_table(dataset, [iso3], None, years),
        years,
    )
    values = metrics.count_values(dataset, [iso3], years, "events").values
    events = transform.events_table(dataset, [iso3], years)
    name = transform.country_names(dataset)[iso3]
    source = source_line(events, dataset.sources)
    fig = briefing.briefing_figure(read_shapes(), values, events, rows, facts, f"{name}: briefing", CITE, source)
    data = export_server.image(fig, "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.metadata.title == f"{name}: briefing"  # not Chromium's "Kaleido-fier"
    assert reader.metadata.author == "Central Asia Diplomacy Dashboard"
    text = " ".join(reader.pages[0].extract_text().split())
    assert f"{name}: briefing" in text
    head = profiles.holders_on(dataset, iso3)["head_of_state"]["person"]
    assert head in text
    assert "U.S. to Central Asia" in text  # the timeline's rows keep their names
    assert source in text
    # The colour bar stands beside the map, within its height; the timeline's markers have a legend.
    geo = fig.layout.geo.domain
    bar = next(t.colorbar for t in fig.data if t.type == "choropleth" and t.showscale is not False)
    assert geo.x[1] <= bar.x <= geo.x[1] + 0.05
    assert geo.y[0] <= bar.y - bar.len / 2 and bar.y + bar.len / 2 <= geo.y[1]
    assert fig.layout.showlegend and fig.layout.legend.y < fig.layout.yaxis.domain[0]
    assert "Official visit" in text or "Working visit" in text or "Ministerial meeting" in text
    if len(rows):  # the figures table is readable: light cells, not the default template's navy
        from PIL import Image, ImageStat

        png = Image.open(io.BytesIO(export_server.image(fig, "png"))).convert("L")
        width, height = png.size
        table = png.crop((int(0.2 * width), int(0.75 * height), int(0.8 * width), int(0.9 * height)))
        assert ImageStat.Stat(table).mean[0] > 200
    numbers = profiles.profile_figures(dataset, iso3, years)
    assert f"{numbers['us_visits']} U.S. visits" in text
    if len(rows):
        assert rows.iloc[0]["Value"] in text


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
