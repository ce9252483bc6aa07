"""What an exported image says besides its chart: the sources behind it in one line, the citation,
wrapped to the image's width, and a PDF's document title. Pure functions; no Streamlit."""

from __future__ import annotations

import io
import re

import pandas as pd

DASHBOARD = "Central Asia Diplomacy Dashboard"
CITE_NOTE = "Each row cites its own sources."


SOURCE_PUBLISHERS = 4  # publishers a footer names before "and N more"


def _publishers(publisher: str) -> list[str]:
    """The publishers in a source's publisher field, without the notes in brackets: 'Office of the
    Historian, U.S. Department of State' gives both, 'Agenparl (reprint of a ... release)' Agenparl."""
    plain = re.sub(r"\s*\([^)]*\)", "", publisher)
    return [part.strip() for part in plain.split(", ") if part.strip()]


def source_line(rows: pd.DataFrame | None, sources: pd.DataFrame | None) -> str:
    """'Source: ...' for an image's footer: the publishers of the sources the rows cite, the most
    often cited first, the first few named and the others counted (their titles and URLs are in the CSV)."""
    if rows is None or sources is None or "source_ids" not in rows:
        return "Source: the sources listed on the dashboard's Data & sources page."
    publisher = dict(zip(sources["source_id"], sources["publisher"].fillna("")))
    cited: dict[str, int] = {}
    ids: set[str] = set()
    for value in rows["source_ids"]:
        row_ids = _ids(value)
        ids.update(row_ids)
        for source in row_ids:  # every citation counts, each publisher once per source
            for name in dict.fromkeys(_publishers(publisher.get(source, ""))):
                cited[name] = cited.get(name, 0) + 1
    if not cited:
        return "Source: no rows in this view."
    names = sorted(cited, key=lambda name: (-cited[name], name))
    line = "Source: " + "; ".join(names[:SOURCE_PUBLISHERS])
    if len(names) > SOURCE_PUBLISHERS:
        line += f"; and {len(names) - SOURCE_PUBLISHERS} more publishers, {len(ids)} sources in all (see the CSV)"
    return line + "."


FOOTER_FONT = 11  # px
FOOTER_LINE = 15  # px from one footer line to the next
FOOTER_PAD = 12  # px between the footer and the image's edges, and between the chart and the footer


def wrapped(lines: tuple[str, ...], width: int, font: int = FOOTER_FONT) -> list[str]:
    """Lines of text in `font` px wrapped to fit `width` pixels less the footer's pads (by a generous
    average letter width: plotly.js does not wrap text)."""
    chars = max(20, int((width - 2 * FOOTER_PAD) / (font * 0.54)))
    result: list[str] = []
    for line in lines:
        current = ""
        for word in line.split():
            while len(word) > chars:  # a long address: cut it
                if current:
                    result.append(current)
                    current = ""
                result.append(word[:chars])
                word = word[chars:]
            if current and len(current) + 1 + len(word) > chars:
                result.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        if current:
            result.append(current)
    return result


def image_footer(rows: pd.DataFrame | None, sources: pd.DataFrame | None, cite: str) -> tuple[str, str]:
    """The footer of a chart's image: its sources and how to cite it."""
    return source_line(rows, sources), cite.removesuffix(" " + CITE_NOTE)


def plain_text(text: str) -> str:
    """Text of a plotly title without its HTML tags."""
    return re.sub(r"<[^>]+>", " ", text).replace("&amp;", "&").strip()


def titled_pdf(data: bytes, title: str) -> bytes:
    """The PDF with `title` as its document title (Chromium's reads "Kaleido-fier") and the dashboard
    as its author, which PDF readers show in their title bar and document properties."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Title": title, "/Author": DASHBOARD, "/Creator": DASHBOARD})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _ids(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [] if pd.isna(value) else [v.strip() for v in str(value).split(";") if v.strip()]
