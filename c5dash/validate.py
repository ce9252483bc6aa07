"""Check every table in data/ and report all problems: `python -m c5dash.validate [DATA_DIR]`."""

from __future__ import annotations

import sys
from pathlib import Path

from c5dash.data import DATA_DIR, load_dataset
from c5dash.datapackage import check_datapackage


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
    return 0


if __name__ == "__main__":
    sys.exit(main())
