"""Write the U.S. Census Bureau's annual goods trade with the five into data/trade_series.csv.

    python scripts/census_trade.py PATH/country.xlsx [--vintage YYYY-MM] [--accessed YYYY-MM-DD] [--data DIR]

PATH is the Census Bureau's bulk file of U.S. trade in goods by partner country
(https://www.census.gov/foreign-trade/balance/country.xlsx; columns year, CTY_CODE, CTYNAME,
IJAN … IDEC, IYR, EJAN … EDEC, EYR, in millions of dollars). Download a current one and rerun
to refresh the figures. Only complete years are written: a year every one of whose twelve months
the file reports (a month is reported when any partner's imports or exports in it are not zero);
a year still in progress, whose later months are zero for every partner, is left out.

For the Central Asian country, its exports to the U.S. are Census IYR (U.S. general imports,
customs value) and its imports from the U.S. are EYR (U.S. total exports, f.a.s.). The file's
vintage, the last month it reports, is recorded in each row's `vintage` (or give --vintage).

Idempotent: the rows of the Census series for the years the file completes are replaced (unless
the row already there was read in a later release), every other row is kept, and the same file
gives the same CSV. The project ships the figures, never the file. Needs openpyxl
(requirements-test.txt); the app does not.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
# Census CTY_CODE -> (ISO 3166-1 alpha-3, the Census page of that country's trade with the U.S.)
COUNTRIES = {
    "4634": ("KAZ", "Kazakhstan"),
    "4635": ("KGZ", "Kyrgyzstan"),
    "4642": ("TJK", "Tajikistan"),
    "4643": ("TKM", "Turkmenistan"),
    "4644": ("UZB", "Uzbekistan"),
}
REPORTER = "U.S. Census Bureau"
SERIES_COLUMNS = [
    "series_id",
    "country_iso3",
    "partner_iso3",
    "year",
    "flow",
    "statistics_of",
    "value_usd",
    "reporter",
    "vintage",
    "source_ids",
    "notes",
]
SOURCE_COLUMNS = [
    "source_id",
    "title",
    "publisher",
    "url",
    "date_published",
    "date_accessed",
    "source_kind",
    "licence",
    "notes",
]
VINTAGE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
BULK_FILE = "https://www.census.gov/foreign-trade/balance/country.xlsx"


@dataclass(frozen=True)
class Record:
    """One row of the bulk file: a partner's U.S. imports and exports by month and for the year, $ millions."""

    year: int
    cty_code: str
    imports: tuple[float, ...]
    imports_year: float
    exports: tuple[float, ...]
    exports_year: float


def _number(value: object) -> float:
    return 0.0 if value in (None, "") else float(value)


def read_workbook(path: Path) -> list[Record]:
    """Every row of the first sheet of a country.xlsx file."""
    import openpyxl  # only this script and its tests need it

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() for h in next(rows)]
        needed = ["year", "CTY_CODE", *(f"I{m}" for m in MONTHS), "IYR", *(f"E{m}" for m in MONTHS), "EYR"]
        missing = [c for c in needed if c not in header]
        if missing:
            raise ValueError(f"{path.name}: not a Census country.xlsx file; columns missing: {', '.join(missing)}")
        at = {name: header.index(name) for name in needed}
        records = []
        for number, row in enumerate(rows, start=2):
            if row is None or all(cell in (None, "") for cell in row):
                continue
            try:
                records.append(
                    Record(
                        year=int(str(row[at["year"]]).strip()),
                        cty_code=str(row[at["CTY_CODE"]]).strip().zfill(4),
                        imports=tuple(_number(row[at[f"I{m}"]]) for m in MONTHS),
                        imports_year=_number(row[at["IYR"]]),
                        exports=tuple(_number(row[at[f"E{m}"]]) for m in MONTHS),
                        exports_year=_number(row[at["EYR"]]),
                    )
                )
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{path.name}, row {number}: cannot be read as numbers ({exc})") from exc
        return records
    finally:
        book.close()


def reported_months(records: Iterable[Record]) -> dict[int, set[int]]:
    """Year -> the months (1-12) the file reports: those in which some partner's trade is not zero."""
    months: dict[int, set[int]] = {}
    for record in records:
        found = months.setdefault(record.year, set())
        found |= {m + 1 for m in range(12) if record.imports[m] or record.exports[m]}
    return months


def complete_years(records: list[Record]) -> list[int]:
    """Years whose twelve months are all reported."""
    return sorted(year for year, months in reported_months(records).items() if len(months) == 12)


def file_vintage(records: list[Record]) -> str:
    """The last month the file reports, YYYY-MM."""
    months = {year: found for year, found in reported_months(records).items() if found}
    if not months:
        raise ValueError("the file reports no trade at all")
    year = max(months)
    return f"{year}-{max(months[year]):02d}"


def source_id(iso3: str) -> str:
    return f"census-trade-{iso3.lower()}"


def series_row(iso3: str, year: int, flow: str, value_musd: float, vintage: str, notes: str) -> dict[str, str]:
    """One row of trade_series.csv: the Central Asian country's `flow` with the U.S., from U.S. statistics."""
    return {
        "series_id": f"census-{iso3.lower()}-usa",
        "country_iso3": iso3,
        "partner_iso3": "USA",
        "year": str(year),
        "flow": flow,
        "statistics_of": "partner",
        "value_usd": str(round(value_musd * 1_000_000)),
        "reporter": REPORTER,
        "vintage": vintage,
        "source_ids": source_id(iso3),
        "notes": notes,
    }


def census_rows(records: list[Record], vintage: str) -> list[dict[str, str]]:
    """The rows for the five and every complete year of the file."""
    years = set(complete_years(records))
    rows = []
    for record in records:
        if record.cty_code not in COUNTRIES or record.year not in years:
            continue
        iso3, name = COUNTRIES[record.cty_code]
        where = f"in the Census Bureau's country.xlsx with data through {vintage}"
        rows.append(
            series_row(
                iso3,
                record.year,
                "exports",
                record.imports_year,
                vintage,
                f"U.S. general imports from {name}, customs value (IYR), {where}.",
            )
        )
        rows.append(
            series_row(
                iso3,
                record.year,
                "imports",
                record.exports_year,
                vintage,
                f"U.S. total exports to {name}, f.a.s. (EYR), {where}.",
            )
        )
    return rows


def source_row(iso3: str, name: str, cty_code: str, accessed: str) -> dict[str, str]:
    """The Census page of one country's trade with the U.S., cited by its series."""
    return {
        "source_id": source_id(iso3),
        "title": f"Trade in Goods with {name}",
        "publisher": "U.S. Census Bureau, Foreign Trade Division",
        "url": f"https://www.census.gov/foreign-trade/balance/c{cty_code}.html",
        "date_published": "",
        "date_accessed": accessed,
        "source_kind": "primary",
        "licence": "Public domain (U.S. Government work)",
        "notes": (
            f"U.S. exports and imports of goods with {name} by month and year since 1992, Census basis, "
            f"$ millions. Read in the Census Bureau's bulk file of every partner ({BULK_FILE}, CTY_CODE "
            f"{cty_code}) by scripts/census_trade.py; each row of trade_series.csv gives the release it was "
            "read in (vintage) and its notes the copy."
        ),
    }


def _read_csv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            raise ValueError(f"{path.name}: header is {reader.fieldnames}, expected {columns}")
        return list(reader)


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def merge_series(existing: list[dict[str, str]], new: list[dict[str, str]]) -> tuple[list[dict[str, str]], int]:
    """Existing rows with `new` written over those of the same series, year and flow, unless the row there
    was read in a later release; sorted. Returns the rows and how many changed."""

    def key(row: dict[str, str]) -> tuple[str, int, str]:
        return row["series_id"], int(row["year"]), row["flow"]

    rows = {key(row): row for row in existing}
    changed = 0
    for row in new:
        there = rows.get(key(row))
        if there is not None and there["vintage"] > row["vintage"]:
            continue
        if there != row:
            rows[key(row)] = row
            changed += 1
    return [rows[k] for k in sorted(rows)], changed


def update(records: list[Record], data_dir: Path, vintage: str, accessed: str) -> int:
    """Write the series and their sources into `data_dir`; the number of series rows changed."""
    series_path, sources_path = data_dir / "trade_series.csv", data_dir / "sources.csv"
    rows, changed = merge_series(_read_csv(series_path, SERIES_COLUMNS), census_rows(records, vintage))
    _write_csv(series_path, SERIES_COLUMNS, rows)
    sources = _read_csv(sources_path, SOURCE_COLUMNS)
    known = {row["source_id"]: i for i, row in enumerate(sources)}
    for cty_code, (iso3, name) in COUNTRIES.items():
        row = source_row(iso3, name, cty_code, accessed)
        if row["source_id"] not in known:
            sources.append(row)
        elif changed:  # read again: the access date moves, nothing else on a rerun of the same file
            sources[known[row["source_id"]]] = row
    _write_csv(sources_path, SOURCE_COLUMNS, sources)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="the Census Bureau's country.xlsx")
    parser.add_argument("--vintage", help="YYYY-MM, the last month of data in the release (default: read from it)")
    parser.add_argument("--accessed", default=dt.date.today().isoformat(), help="date the file was read")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the dataset's folder")
    args = parser.parse_args(argv)
    try:
        records = read_workbook(args.path)
        vintage = args.vintage or file_vintage(records)
        if not VINTAGE_RE.match(vintage):
            raise ValueError(f"--vintage {vintage!r} is not a month in YYYY-MM form")
        dt.date.fromisoformat(args.accessed)
        changed = update(records, args.data, vintage, args.accessed)
    except (OSError, ValueError) as exc:
        print(f"census_trade: {exc}", file=sys.stderr)
        return 1
    years = complete_years(records)
    print(
        f"{args.path.name} (data through {vintage}): complete years {years[0]}–{years[-1]}; "
        f"{changed} row(s) of trade_series.csv written or changed"
        if years
        else f"{args.path.name}: no complete year; nothing written"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
