"""Keep data/datapackage.json true to the schemas: every table and column documented, types equal."""

from __future__ import annotations

import json
from pathlib import Path

from c5dash.data import Problem
from c5dash.schemas import TABLES

FILE = "datapackage.json"


def frictionless_type(dtype: str) -> str:
    """The Table Schema type of a pandera column dtype."""
    if dtype.startswith("datetime"):
        return "date"
    if dtype.startswith("float"):
        return "number"
    if dtype.startswith("int"):
        return "integer"
    if dtype == "bool":
        return "boolean"
    return "string"


def check_datapackage(data_dir: Path) -> list[Problem]:
    """Problems where datapackage.json and the pandera schemas disagree."""
    path = Path(data_dir) / FILE
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Problem(FILE, None, None, f"cannot be read as JSON: {exc}")]
    problems: list[Problem] = []
    resources = {r.get("name"): r for r in package.get("resources", [])}
    for name, schema in TABLES.items():
        resource = resources.get(name)
        if resource is None:
            problems.append(Problem(FILE, None, None, f"has no resource named '{name}'"))
            continue
        if resource.get("path") != f"{name}.csv":
            problems.append(Problem(FILE, None, None, f"resource '{name}' should have path '{name}.csv'"))
        documented = {f["name"]: f for f in resource.get("schema", {}).get("fields", [])}
        columns = schema.to_schema().columns
        if list(documented) != list(columns):
            problems.append(
                Problem(
                    FILE,
                    None,
                    None,
                    f"resource '{name}' lists fields {list(documented)}, the table has {list(columns)}",
                )
            )
        for column_name, column in columns.items():
            field = documented.get(column_name)
            if field is None:
                continue
            expected = frictionless_type(str(column.dtype))
            if field.get("type") != expected:
                problems.append(
                    Problem(
                        FILE,
                        None,
                        column_name,
                        f"resource '{name}' types it '{field.get('type')}', expected '{expected}'",
                    )
                )
            if not field.get("description"):
                problems.append(Problem(FILE, None, column_name, f"resource '{name}' has no description for it"))
    for extra in set(resources) - set(TABLES):
        problems.append(Problem(FILE, None, None, f"resource '{extra}' is not a table of the dataset"))
    return problems
