"""Write a SYNTHETIC dataset N times the size of data/, to measure how the dashboard grows.

    python scripts/synthetic_data.py --scale 10 --out /tmp/c5-synthetic-10x [--seed 16]

Every row is derived from a real one, so that the distributions look like the real data's: copy k
(0 … N-1) of each event, its countries, people and attendance, each figure (investments, trade,
series) and each office term, cited by copy k of its sources. Events keep their partner, place,
type and level and move by up to 400 days within the real data's span (a meeting on the sidelines
of another moves with it); investment and trade figures move by up to three years and their values
by up to 30%; copies of the official series are given other partner countries. Countries, places
and partners are the real ones (the map and the colours need them).

None of it is fact: every title, summary and note says SYNTHETIC, every source URL is on the reserved
domain synthetic.invalid, publishers are "Synthetic publisher N", and datapackage.json's name, title
and description say so. The same scale and seed give the same files. Refuses to write into data/.
Then `python -m c5dash.validate OUT` and `frictionless validate OUT/datapackage.json` accept it, and
the app shows it with `C5DASH_DATA_DIR=OUT`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
MARK = "SYNTHETIC"
URL = "https://synthetic.invalid"
EVENT_DAYS = 400  # the most an event copy moves
FIGURE_YEARS = 3  # the most a figure copy moves
VALUE_SPREAD = 0.3  # a figure copy's value is the real one times 1 ± this at most

Row = dict[str, str]


def read(name: str, source: Path = DATA_DIR) -> tuple[list[str], list[Row]]:
    """The header and rows of `source/name.csv`, as text."""
    with (source / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write(out: Path, name: str, header: list[str], rows: list[Row]) -> None:
    """`out/name.csv` with `header` and `rows`."""
    with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def copy_id(k: int, value: str) -> str:
    """Copy k's id of a real row's id (empty stays empty)."""
    return f"syn{k}-{value}" if value else ""


def copy_ids(k: int, value: str) -> str:
    """Copy k's ids of a semicolon-separated list."""
    return "; ".join(copy_id(k, v.strip()) for v in value.split(";") if v.strip())


def marked(text: str, prefix: str = f"{MARK}: ") -> str:
    """`text` marked synthetic."""
    return f"{prefix}{text}" if text else MARK


def note(k: int, what: str, real_id: str, extra: str = "") -> str:
    """The notes of a synthetic row: what it was made from, and that it is no fact."""
    return f"{MARK} row, copy {k} of {what} {real_id}{extra}; test data, not a fact."


def parse(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by whole years (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def within(offset: int, values: list[int], low: int, high: int) -> int:
    """`offset`, or its opposite, or 0: the first that keeps every value in [low, high]."""
    for candidate in (offset, -offset):
        if all(low <= v + candidate <= high for v in values):
            return candidate
    return 0


class Generator:
    """Makes copy k of each table's rows; `rng` is the one source of randomness."""

    def __init__(self, scale: int, seed: int, source: Path = DATA_DIR) -> None:
        self.scale, self.rng, self.source = scale, random.Random(seed), source
        self.tables = {name: read(name, source) for name in TABLE_NAMES}
        events = self.tables["events"][1]
        self.first = min(parse(e["start_date"]) for e in events)
        self.last = max(parse(e["end_date"]) for e in events)

    def factor(self) -> float:
        return 1 + self.rng.uniform(-VALUE_SPREAD, VALUE_SPREAD)

    def sources(self) -> list[Row]:
        publishers: dict[str, str] = {}
        rows = []
        for k in range(self.scale):
            for row in self.tables["sources"][1]:
                publisher = publishers.setdefault(row["publisher"], f"Synthetic publisher {len(publishers) + 1}")
                sid = row["source_id"]
                rows.append(
                    row
                    | {
                        "source_id": copy_id(k, sid),
                        "title": marked(row["title"]),
                        "publisher": publisher,
                        "url": f"{URL}/{k}/{sid}",
                        "licence": f"None: {MARK} test data",
                        "notes": note(k, "source", sid),
                    }
                )
        return rows

    def reference(self, name: str) -> list[Row]:
        """Countries, places and partners as they are, citing copy 0 of their sources."""
        return [
            row | {"source_ids": copy_ids(0, row["source_ids"]), "notes": marked(row["notes"], f"{MARK} dataset. ")}
            for row in self.tables[name][1]
        ]

    def event_offsets(self) -> list[dict[str, int]]:
        """Per copy, each event's move in days; an event on the sidelines of another moves with it."""
        events = self.tables["events"][1]
        low, high = self.first.toordinal(), self.last.toordinal()
        offsets = []
        for k in range(self.scale):
            moves = {}
            for e in events:
                days = [parse(e["start_date"]).toordinal(), parse(e["end_date"]).toordinal()]
                move = self.rng.randint(-EVENT_DAYS, EVENT_DAYS) if k else 0
                moves[e["event_id"]] = within(move, days, low, high)
            for e in events:
                if e["sideline_of"]:
                    moves[e["event_id"]] = moves[e["sideline_of"]]
            offsets.append(moves)
        return offsets

    def events(self, offsets: list[dict[str, int]]) -> list[Row]:
        rows = []
        for k, moves in enumerate(offsets):
            for e in self.tables["events"][1]:
                move = dt.timedelta(days=moves[e["event_id"]])
                rows.append(
                    e
                    | {
                        "event_id": copy_id(k, e["event_id"]),
                        "start_date": (parse(e["start_date"]) + move).isoformat(),
                        "end_date": (parse(e["end_date"]) + move).isoformat(),
                        "title": marked(e["title"]),
                        "summary": marked(e["summary"], f"{MARK}. "),
                        "source_ids": copy_ids(k, e["source_ids"]),
                        "record_ids": copy_ids(k, e["record_ids"]),
                        "notes": note(k, "event", e["event_id"], f", moved {move.days} days"),
                        "outcome_source_id": copy_id(k, e["outcome_source_id"]),
                        "sideline_of": copy_id(k, e["sideline_of"]),
                    }
                )
        return rows

    def linked(self, name: str) -> list[Row]:
        """Rows of an event's table (countries, people, attendance), one set per copy of the event."""
        rows = []
        for k in range(self.scale):
            for row in self.tables[name][1]:
                new = row | {"event_id": copy_id(k, row["event_id"])}
                if "source_ids" in row:
                    new["source_ids"] = copy_ids(k, row["source_ids"])
                if "notes" in row:
                    new["notes"] = note(k, "attendance at", row["event_id"])
                rows.append(new)
        return rows

    def year_move(self, k: int, years: list[int]) -> int:
        if not k:
            return 0
        return within(self.rng.randint(-FIGURE_YEARS, FIGURE_YEARS), years, 1992, self.last.year)

    def investments(self) -> list[Row]:
        rows = []
        for k in range(self.scale):
            for row in self.tables["investments"][1]:
                days = {c: parse(row[c]) for c in ("period_start", "period_end") if row[c]}
                move = self.year_move(k, [d.year for d in days.values()])
                moved = {c: add_years(d, move).isoformat() for c, d in days.items()}
                rows.append(
                    row
                    | moved
                    | {
                        "investment_id": copy_id(k, row["investment_id"]),
                        "value_usd": f"{float(row['value_usd']) * (self.factor() if k else 1):.0f}",
                        "event_id": copy_id(k, row["event_id"]),
                        "source_ids": copy_ids(k, row["source_ids"]),
                        "notes": note(k, "figure", row["investment_id"], f", moved {move} years"),
                    }
                )
        return rows

    def trade(self) -> list[Row]:
        rows = []
        for k in range(self.scale):
            for row in self.tables["trade"][1]:
                move = self.year_move(k, [int(row["year"])])
                rows.append(
                    row
                    | {
                        "trade_id": copy_id(k, row["trade_id"]),
                        "year": str(int(row["year"]) + move),
                        "value_usd": f"{float(row['value_usd']) * (self.factor() if k else 1):.0f}",
                        "source_ids": copy_ids(k, row["source_ids"]),
                        "notes": note(k, "figure", row["trade_id"], f", moved {move} years"),
                    }
                )
        return rows

    def trade_series(self) -> list[Row]:
        """Copy 0 as it is; each later copy of a series another partner's, its values scaled by one factor."""
        others = [c["iso3"] for c in self.tables["countries"][1] if c["is_c5"] != "true" and c["iso3"] != "USA"]
        rows = []
        for k in range(self.scale):
            partner = others[(k - 1) % len(others)] if k else ""
            factors: dict[str, float] = {}
            for row in self.tables["trade_series"][1]:
                factor = factors.setdefault(row["series_id"], self.factor() if k else 1)
                rows.append(
                    row
                    | {
                        "series_id": copy_id(k, row["series_id"]),
                        "partner_iso3": partner or row["partner_iso3"],
                        "value_usd": f"{float(row['value_usd']) * factor:.0f}",
                        "reporter": marked(row["reporter"], f"{MARK} "),
                        "source_ids": copy_ids(k, row["source_ids"]),
                        "notes": note(k, "series", row["series_id"], f" ({row['year']}, {row['flow']})"),
                    }
                )
        return rows

    def office_holders(self) -> list[Row]:
        rows = []
        for k in range(self.scale):
            for row in self.tables["office_holders"][1]:
                rows.append(
                    row
                    | {
                        "holder_id": copy_id(k, row["holder_id"]),
                        "title": f"{row['title']} ({MARK})",
                        "source_ids": copy_ids(k, row["source_ids"]),
                        "notes": note(k, "term", row["holder_id"]),
                    }
                )
        return rows

    def all_tables(self) -> dict[str, list[Row]]:
        """Table name -> synthetic rows."""
        offsets = self.event_offsets()
        makers: dict[str, Callable[[], list[Row]]] = {
            "sources": self.sources,
            "countries": lambda: self.reference("countries"),
            "places": lambda: self.reference("places"),
            "partners": lambda: self.reference("partners"),
            "events": lambda: self.events(offsets),
            "event_countries": lambda: self.linked("event_countries"),
            "event_people": lambda: self.linked("event_people"),
            "event_attendance": lambda: self.linked("event_attendance"),
            "investments": self.investments,
            "trade": self.trade,
            "trade_series": self.trade_series,
            "office_holders": self.office_holders,
        }
        return {name: makers[name]() for name in TABLE_NAMES}


TABLE_NAMES = (
    "sources",
    "countries",
    "places",
    "partners",
    "events",
    "event_countries",
    "event_people",
    "event_attendance",
    "investments",
    "trade",
    "trade_series",
    "office_holders",
)


def package(scale: int, seed: int, source: Path = DATA_DIR) -> dict:
    """The real datapackage.json with its name, title, description and sources saying synthetic."""
    descriptor = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.update(
        name=f"central-asia-diplomacy-synthetic-{scale}x",
        title=f"{MARK} test data: the Central Asia Diplomacy Dashboard dataset at {scale}× its size",
        description=(
            f"{MARK} test data, not facts: made by scripts/synthetic_data.py (scale {scale}, seed {seed}) from the "
            "real dataset's rows, with dates and values moved, to measure how the dashboard grows. Every title, "
            "summary and note says SYNTHETIC; every source URL is on synthetic.invalid. Never cite it."
        ),
        sources=[{"title": f"{MARK}: generated by scripts/synthetic_data.py", "path": f"{URL}/"}],
    )
    return descriptor


def inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies under it (links resolved)."""
    return path.resolve().is_relative_to(folder.resolve())


def generate(scale: int, out: Path, seed: int = 16, source: Path = DATA_DIR) -> dict[str, int]:
    """Write the synthetic dataset into `out`; the number of rows per table. Refuses `out` inside data/."""
    if scale < 1:
        raise ValueError(f"--scale must be 1 or more, not {scale}")
    if inside(out, DATA_DIR) or inside(out, source):
        raise ValueError(f"{out} is inside the real data folder; synthetic data must be written elsewhere")
    out.mkdir(parents=True, exist_ok=True)
    tables = Generator(scale, seed, source).all_tables()
    for name, rows in tables.items():
        write(out, name, read(name, source)[0], rows)
    descriptor = package(scale, seed, source)
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "README.md").write_text(
        f"# {MARK} dataset ({scale}× data/)\n\n{descriptor['description']}\n", encoding="utf-8"
    )
    return {name: len(rows) for name, rows in tables.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="how many times the size of data/")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write (not inside data/)")
    parser.add_argument("--seed", type=int, default=16, help="the random seed (default 16)")
    args = parser.parse_args(argv)
    try:
        counts = generate(args.scale, args.out, args.seed)
    except ValueError as exc:
        print(f"synthetic_data.py: {exc}", file=sys.stderr)
        return 2
    print(f"{args.out}: {MARK} data at {args.scale}×, " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
