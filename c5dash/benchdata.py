"""The data folder a benchmark runs on, how its results name it, and its size.

Every benchmark takes `--data DIR` (else `C5DASH_DATA_DIR`, else data/) and sets `C5DASH_DATA_DIR`,
which the app reads (`c5dash.ui.page.data_dir`), so that AppTest runs and the servers it starts show
that folder. Results on other data go to their own files: results-reruns-10x.md for the synthetic
dataset at 10× (scripts/synthetic_data.py), results-reruns-<folder>.md for any other folder.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from c5dash.data import DATA_DIR

ENV = "C5DASH_DATA_DIR"


@dataclass(frozen=True)
class BenchData:
    """A data folder and what the results say of it."""

    path: Path
    events: int
    rows: int
    csv_bytes: int
    synthetic_scale: int | None  # the scale of a synthetic dataset, None for any other

    @property
    def is_real(self) -> bool:
        return self.path.resolve() == DATA_DIR.resolve()

    @property
    def suffix(self) -> str:
        """The results file's suffix: '' for data/, '-10x' for the synthetic dataset at 10×, else '-<folder>'."""
        if self.is_real:
            return ""
        if self.synthetic_scale is not None:
            return f"-{self.synthetic_scale}x"
        return "-" + re.sub(r"[^a-z0-9]+", "-", self.path.name.lower()).strip("-")

    @property
    def size(self) -> str:
        """'real data' or 'synthetic 10×', the label of the growth table."""
        if self.is_real:
            return "real data"
        return f"synthetic {self.synthetic_scale}×" if self.synthetic_scale is not None else self.path.name

    def describe(self) -> str:
        """One line for a results file: which data, and how much."""
        kind = "the real data" if self.is_real else f"{self.size} ({self.path})"
        return f"Data: {kind}, {self.events:,} events, {self.rows:,} rows in all, {self.csv_bytes / 1e6:.1f} MB of CSV."

    def results(self, folder: Path, stem: str) -> Path:
        """`folder/<stem><suffix>.md`, e.g. results-reruns-10x.md."""
        return folder / f"{stem}{self.suffix}.md"


def count_rows(path: Path) -> int:
    """Records in one CSV file (a quoted field may span lines)."""
    with path.open(encoding="utf-8", newline="") as f:
        return max(sum(1 for _ in csv.reader(f)) - 1, 0)


def describe_folder(path: Path) -> BenchData:
    """The size of the data in `path`, and its scale if datapackage.json names it a synthetic dataset."""
    files = sorted(path.glob("*.csv"))
    try:
        name = json.loads((path / "datapackage.json").read_text(encoding="utf-8")).get("name", "")
    except (OSError, ValueError):
        name = ""
    match = re.search(r"synthetic-(\d+)x$", name)
    return BenchData(
        path=path,
        events=count_rows(path / "events.csv") if (path / "events.csv").exists() else 0,
        rows=sum(count_rows(f) for f in files),
        csv_bytes=sum(f.stat().st_size for f in files),
        synthetic_scale=int(match.group(1)) if match else None,
    )


def bench_data(argv: list[str] | None = None, description: str = "") -> BenchData:
    """The folder of `--data DIR` (else $C5DASH_DATA_DIR, else data/), exported as $C5DASH_DATA_DIR."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--data", type=Path, default=Path(os.environ.get(ENV, DATA_DIR)), help="the data folder (default data/)"
    )
    path = parser.parse_args(argv).data
    if not (path / "events.csv").exists():
        parser.error(f"{path} has no events.csv: not a data folder")
    os.environ[ENV] = str(path.resolve())
    return describe_folder(path)
