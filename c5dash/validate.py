"""Check every table in data/ and report all problems: `python -m c5dash.validate [DATA_DIR]`."""

from __future__ import annotations

import sys
from pathlib import Path

from c5dash.data import DATA_DIR, load_dataset
from c5dash.datapackage import check_datapackage
from c5dash.transform import FACT_TABLES, primary_rows


def main(argv: list[str] | None = None) -> int:
    """Print each problem as `file, row N, column C: message`; exit 1 if there is any."""
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DATA_DIR
    dataset, problems = load_dataset(data_dir)
    problems = problems + check_datapackage(data_dir)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    assert dataset is not None
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in dataset.tables().items())
    print(f"{data_dir}: all tables valid ({counts} rows)")
    print(primary_line(primary_rows(dataset)))
    return 0


def primary_line(primary: dict[str, tuple[int, int]]) -> str:
    """The share of rows citing a primary source, per table and over the fact tables together."""
    shares = "; ".join(f"{name} {100 * p / n:.0f}% ({p} of {n})" for name, (p, n) in primary.items() if n)
    facts = [primary[name] for name in FACT_TABLES if name in primary]
    p, n = sum(p for p, _ in facts), sum(n for _, n in facts)
    together = f"{100 * p / n:.1f}% ({p} of {n})" if n else "no rows"
    return f"Rows citing a primary source: {shares}. {', '.join(FACT_TABLES)} together: {together}."


if __name__ == "__main__":
    sys.exit(main())
