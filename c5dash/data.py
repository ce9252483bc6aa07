"""Read the dataset's CSV files, check them, and report every problem with file, row and column.

Rows are numbered as lines of the file: the header is row 1, the first record row 2
(a record whose quoted text spans several lines takes the number of its first line).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pandera.pandas as pa

from c5dash.schemas import (
    DATE_RANGES,
    FOREIGN_KEYS,
    LOW_STANDING_HOSTS,
    MEETING_TYPES,
    PARTY_KEYS,
    SECTOR_MEASURE,
    TABLES,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data, and where."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


@dataclass(frozen=True, eq=False)
class Dataset:
    """The validated tables, one DataFrame each, indexed by file row number. Compared and hashed by
    identity: a dataset is loaded once and never modified."""

    sources: pd.DataFrame
    countries: pd.DataFrame
    places: pd.DataFrame
    partners: pd.DataFrame
    events: pd.DataFrame
    event_countries: pd.DataFrame
    event_people: pd.DataFrame
    event_attendance: pd.DataFrame
    investments: pd.DataFrame
    trade: pd.DataFrame
    trade_series: pd.DataFrame
    office_holders: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Table name -> frame, in the order of `c5dash.schemas.TABLES`."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _short(value: object, limit: int = 60) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read_records(path: Path, file: str) -> tuple[list[str], list[tuple[int, list[str]]], list[Problem]]:
    """Split a CSV file into its header and (row number, fields) records."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [], [Problem(file, None, None, f"cannot be read: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw.count(b"\n", 0, exc.start) + 1
        return [], [], [Problem(file, row, None, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8")]
    if not text.strip():
        return [], [], [Problem(file, None, None, "is empty; it needs a header row and records")]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    header: list[str] = []
    records: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            fields_ = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(
                Problem(file, start, None, f"is not valid CSV ({exc}); check for a stray or unclosed quote")
            )
            break
        if not header:
            header = [f.strip() for f in fields_]
            continue
        if not any(f.strip() for f in fields_):
            continue  # blank line
        if len(fields_) != len(header):
            problems.append(Problem(file, start, None, f"has {len(fields_)} fields but the header has {len(header)}"))
            continue
        records.append((start, [f.strip() for f in fields_]))
    return header, records, problems


def _parse_column(values: pd.Series, dtype: str, file: str, column: str) -> tuple[pd.Series, list[Problem]]:
    """Turn a column of text into its schema type, reporting every cell that does not parse."""
    problems: list[Problem] = []
    present = values.notna()
    if dtype.startswith("datetime"):
        ok = values.str.match(DATE_RE.pattern).fillna(False).astype(bool)
        parsed = pd.to_datetime(values.where(ok), format="%Y-%m-%d", errors="coerce")
        bad = present & parsed.isna()
        expected = "a date in YYYY-MM-DD form"
    elif dtype.startswith("int"):
        numbers = pd.to_numeric(values, errors="coerce")
        whole = numbers.notna() & (numbers % 1 == 0)
        bad = present & ~whole
        parsed = numbers.where(whole, 0).astype("int64")
        expected = "a whole number"
    elif dtype.startswith("float"):
        parsed = pd.to_numeric(values, errors="coerce").astype("float64")
        bad = present & parsed.isna()
        expected = "a number"
    elif dtype == "bool":
        mapped = values.str.lower().map({"true": True, "false": False})
        bad = mapped.isna()
        parsed = mapped.astype("boolean").fillna(False).astype(bool)
        expected = "true or false"
    else:
        return values.astype("str").where(present, None), problems
    for row, value in values[bad].items():
        shown = "empty" if pd.isna(value) else f"'{_short(value)}'"
        problems.append(Problem(file, int(row), column, f"is {shown}; expected {expected}"))
    return parsed, problems


def _describe_check(check: str, value: object) -> str:
    """A plain-language message for a pandera check that failed."""
    shown = f"'{_short(value)}'"
    if check == "not_nullable":
        return "is empty but required"
    if check == "field_uniqueness":
        return f"{shown} is a duplicate; each value must be unique"
    if check == "multiple_fields_uniqueness":
        return "duplicates another row"
    if check.startswith("isin("):
        allowed = check[len("isin(") : -1]
        return f"{shown} is not one of the allowed values {allowed}"
    if check.startswith("str_matches("):
        return f"{shown} is not in the expected form {check[len('str_matches(') : -1]}"
    if check.startswith("str_length("):
        return f"{shown} is too short or too long"
    if check.startswith("greater_than_or_equal_to("):
        return f"{shown} is below the minimum {check[len('greater_than_or_equal_to(') : -1]}"
    if check.startswith("less_than_or_equal_to("):
        return f"{shown} is above the maximum {check[len('less_than_or_equal_to(') : -1]}"
    return f"{shown} fails the check {check}"


def read_table(path: Path, schema: type[pa.DataFrameModel]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV file and check it against its schema.

    The frame is None when the file or its header cannot be used; otherwise it holds every
    record, with cells that failed to parse left empty, so that checks across tables can
    still run and report everything at once.
    """
    file = path.name
    header, records, problems = _read_records(path, file)
    if not header:
        return None, problems

    columns = schema.to_schema().columns
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    problems += [Problem(file, 1, c, "column is missing from the header") for c in missing]
    problems += [Problem(file, 1, c or "(blank)", "is not a column of this table") for c in extra]
    if len(set(header)) != len(header):
        problems.append(Problem(file, 1, None, "the header repeats a column name"))
        return None, problems

    index = pd.Index([r for r, _ in records], name="row", dtype="int64")
    text = pd.DataFrame([f for _, f in records], columns=header, index=index, dtype="str")
    text = text.where(text != "", None)
    for name in missing:  # checked as empty below, its problems already reported once
        text[name] = pd.Series(None, index=index, dtype="str")
    frame = pd.DataFrame(index=index)
    unparsed: set[tuple[int, str]] = {(row, name) for name in missing for row in index}
    for name, column in columns.items():
        parsed, bad = _parse_column(text[name], str(column.dtype), file, name)
        frame[name] = parsed
        if name not in missing:
            problems += bad
        unparsed |= {(p.row, name) for p in bad}

    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        duplicates: dict[int, list[str]] = {}
        for case in exc.failure_cases.itertuples(index=False):
            check = str(case.check)
            row = None if pd.isna(case.index) else int(case.index)
            if check.startswith("dtype(") or (row, case.column) in unparsed:
                continue  # already reported cell by cell while parsing
            if check == "multiple_fields_uniqueness" and row is not None:
                duplicates.setdefault(row, []).append(str(case.column))
                continue
            column = case.column if case.column in columns else None
            problems.append(Problem(file, row, column, _describe_check(check, case.failure_case)))
        for row, key in duplicates.items():
            problems.append(Problem(file, row, ", ".join(key), "duplicates another row with the same values here"))
    return frame, problems


def _split_ids(value: object) -> list[str]:
    return [] if pd.isna(value) else [v.strip() for v in str(value).split(";") if v.strip()]


def check_references(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Checks across tables: foreign keys, cited sources, date ranges, every event has countries."""
    problems: list[Problem] = []
    for table, column, target, target_column in FOREIGN_KEYS:
        if table not in tables or target not in tables:
            continue
        known = set(tables[target][target_column].dropna())
        for row, value in tables[table][column].dropna().items():
            if value not in known:
                problems.append(
                    Problem(
                        f"{table}.csv",
                        int(row),
                        column,
                        f"'{_short(value)}' is not found in column {target_column} of {target}.csv",
                    )
                )
    if "countries" in tables and "partners" in tables:
        parties = set(tables["countries"]["iso3"]) | set(tables["partners"]["partner"])
        for table, column in PARTY_KEYS:
            if table not in tables:
                continue
            for row, value in tables[table][column].dropna().items():
                if value not in parties:
                    problems.append(
                        Problem(
                            f"{table}.csv",
                            int(row),
                            column,
                            f"'{_short(value)}' is neither a country in countries.csv nor a partner in partners.csv",
                        )
                    )
    if "sources" in tables:
        known_sources = set(tables["sources"]["source_id"])
        for table, frame in tables.items():
            if "source_ids" not in frame:
                continue
            for row, value in frame["source_ids"].items():
                for source_id in _split_ids(value):
                    if source_id not in known_sources:
                        problems.append(
                            Problem(
                                f"{table}.csv",
                                int(row),
                                "source_ids",
                                f"'{source_id}' is not found in column source_id of sources.csv",
                            )
                        )
    for table, start, end in DATE_RANGES:
        if table not in tables:
            continue
        frame = tables[table]
        for row in frame.index[frame[end] < frame[start]]:
            problems.append(
                Problem(
                    f"{table}.csv",
                    int(row),
                    end,
                    f"{frame.at[row, end]:%Y-%m-%d} is before {start} {frame.at[row, start]:%Y-%m-%d}",
                )
            )
    if "events" in tables:
        events = tables["events"]
        for row in events.index[events["place_id"].isna() & (events["format"] != "virtual")]:
            problems.append(
                Problem("events.csv", int(row), "place_id", "is empty but required unless format is virtual")
            )
    if "investments" in tables:
        investments = tables["investments"]
        for row in investments.index[investments["sector"].notna() & (investments["measure"] != SECTOR_MEASURE)]:
            problems.append(
                Problem(
                    "investments.csv",
                    int(row),
                    "sector",
                    f"'{investments.at[row, 'sector']}' is given but only a deal ({SECTOR_MEASURE}) has a sector",
                )
            )
    if "events" in tables and "sources" in tables:
        problems += _check_meeting_sources(tables["events"], tables["sources"])
    if "events" in tables and "event_countries" in tables:
        linked = set(tables["event_countries"]["event_id"])
        for row, event_id in tables["events"]["event_id"].items():
            if event_id not in linked:
                problems.append(
                    Problem("events.csv", int(row), "event_id", f"'{event_id}' has no country in event_countries.csv")
                )
    return problems


def _check_meeting_sources(events: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """A format meeting (a multilateral summit or ministerial) cites a primary source (the host's foreign
    ministry or presidency...) or, failing one, at least two reports from different publishers."""
    kinds = dict(zip(sources["source_id"], sources["source_kind"]))
    publishers = dict(zip(sources["source_id"], sources["publisher"]))
    meetings = events[(events["direction"] == "multilateral") & events["event_type"].isin(MEETING_TYPES)]
    problems = []
    for row, value in meetings["source_ids"].items():
        ids = [i for i in _split_ids(value) if i in kinds]
        if any(kinds[i] == "primary" for i in ids) or len({publishers[i] for i in ids}) >= 2:
            continue
        problems.append(
            Problem(
                "events.csv",
                int(row),
                "source_ids",
                "a meeting needs a primary source or two reports from different publishers",
            )
        )
    return problems


def low_standing(url: str) -> str | None:
    """What kind of copy or closed host a URL is on (see `LOW_STANDING_HOSTS`), or None if it is neither."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None  # a malformed URL is reported by the schema's pattern
    host = (parts.hostname or "").rstrip(".")
    if port is not None and port not in (80, 443):
        return "a host on a private port (a proxy), not open to the public"
    for pattern, kind in LOW_STANDING_HOSTS:
        if re.search(pattern, host):
            return kind
    return None


def check_source_urls(sources: pd.DataFrame) -> list[Problem]:
    """Every cited URL is the original publisher's public page, not a mirror, proxy or children's edition."""
    problems = []
    for row, url in sources["url"].dropna().items():
        kind = low_standing(str(url))
        if kind:
            problems.append(
                Problem(
                    "sources.csv",
                    int(row),
                    "url",
                    f"'{_short(url)}' is {kind}: cite the original and say in notes where its text was read",
                )
            )
    return problems


def load_dataset(data_dir: Path = DATA_DIR) -> tuple[Dataset | None, list[Problem]]:
    """Read and check every table; the dataset is None when any problem was found."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, schema in TABLES.items():
        frame, found = read_table(Path(data_dir) / f"{name}.csv", schema)
        problems += found
        if frame is not None:
            tables[name] = frame
    problems += check_references(tables)
    if "sources" in tables:
        problems += check_source_urls(tables["sources"])
    if problems:
        return None, sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
    return Dataset(**tables), []
