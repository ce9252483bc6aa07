"""The growth table: `python benchmarks/growth.py`, after reruns.py, browser.py and memory.py have run on
the real data and with `--data` on the synthetic datasets at 10× and 100× (scripts/synthetic_data.py).

Reads benchmarks/results-{reruns,browser,memory}{,-10x,-100x}.md and writes benchmarks/results-growth.md:
per page and size, the rerun of a view already computed, a new view, the first chart against the minimal
app, the bytes sent; per size, the server's memory; and each figure at 10× against the real data's (the
target: within 1.5×). A size or a page a run did not measure is left blank.
"""

from __future__ import annotations

import re
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
SIZES = {"real data": "", "10×": "-10x", "100×": "-100x"}


def table_rows(path: Path) -> dict[str, list[str]]:
    """The rows of every Markdown table in `path`: first cell -> the other cells."""
    if not path.exists():
        return {}
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and not set(cells[0]) <= set("-:"):
            rows[cells[0]] = cells[1:]
    return rows


def column_value(rows: dict[str, list[str]], page: str, column: str) -> float | None:
    """A page's value in the column headed `column` of a table read by `table_rows`: found by its heading,
    because the browser table gained columns over time."""
    headings = rows.get("page") or []
    row = rows.get(page)
    return number(row[headings.index(column)]) if row and column in headings else None


def data_line(path: Path) -> str:
    """The line saying which data a results file ran on."""
    if not path.exists():
        return ""
    return next((line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("Data: ")), "")


def number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def cell(value: float | None, real: float | None, digits: int = 0) -> str:
    """A value, with its ratio to the real data's `real` in brackets (none when `real` is None)."""
    if value is None:
        return ""
    shown = f"{value:,.{digits}f}"
    if real:
        shown += f" ({value / real:.{2 if digits else 1}f}×)"
    return shown


def main() -> None:
    reruns = {size: table_rows(FOLDER / f"results-reruns{s}.md") for size, s in SIZES.items()}
    browser = {size: table_rows(FOLDER / f"results-browser{s}.md") for size, s in SIZES.items()}
    memory = {size: table_rows(FOLDER / f"results-memory{s}.md") for size, s in SIZES.items()}
    pages = [p for p in reruns["real data"] if p not in ("page",)]
    lines = [
        "Growth: the benchmarks on the real data and on the synthetic datasets at 10× and 100× its size "
        "(scripts/synthetic_data.py). In brackets: the ratio to the real data's figure (target at 10×: within 1.5×; "
        "at 100×: first chart within 2× the minimal app).",
        "",
    ]
    for size, suffix in SIZES.items():
        line = data_line(FOLDER / f"results-reruns{suffix}.md")
        if line:
            lines.append(f"- {size}: {line.removeprefix('Data: ')}")
    lines += [
        "",
        "| page | size | rerun (ms) | new view (ms) | first chart (× minimal app) | bytes sent (KB) |",
        "|---|---|---:|---:|---:|---:|",
    ]

    ratio, kb = "× minimal app", "bytes received (KB)"
    for page in pages:
        for size in SIZES:
            rerun = reruns[size].get(page) or [None] * 3
            if size == "real data":
                real_rerun = real_new = real_ratio = real_kb = None
            else:
                real_rerun = number((reruns["real data"].get(page) or [None])[0])
                real_new = number((reruns["real data"].get(page) or [None, None, None])[2])
                real_ratio = column_value(browser["real data"], page, ratio)
                real_kb = column_value(browser["real data"], page, kb)
            lines.append(
                f"| {page} | {size} | {cell(number(rerun[0]), real_rerun)} | {cell(number(rerun[2]), real_new)} "
                f"| {cell(column_value(browser[size], page, ratio), real_ratio, 2)} "
                f"| {cell(column_value(browser[size], page, kb), real_kb)} |"
            )
    lines += [
        "",
        "| server memory (MB) | " + " | ".join(SIZES) + " |",
        "|---|" + "---:|" * len(SIZES),
    ]
    for label, source, key, column in (
        ("data, shapes and one view of each loaded (memory.py)", memory, None, None),
        ("128 views of each function kept (memory.py, growth)", memory, "all", 0),
        ("server, 1 open session (browser.py)", browser, "1", 0),
        ("server, 25 open sessions (browser.py)", browser, "25", 0),
    ):
        values = []
        for size, suffix in SIZES.items():
            if key is None:
                text = (FOLDER / f"results-memory{suffix}.md").read_text(encoding="utf-8") if source[size] else ""
                match = re.search(r"one view of each: (\d+) MB", text)
                values.append(number(match.group(1)) if match else None)
            else:
                values.append(number((source[size].get(key) or [None])[column]))
        cells = [cell(v, values[0] if i else None) for i, v in enumerate(values)]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    table = "\n".join(lines) + "\n"
    print(table)
    (FOLDER / "results-growth.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
