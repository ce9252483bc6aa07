"""data/datapackage.json documents every table and field, and the codes are real ISO codes."""

from __future__ import annotations

import json

import pycountry

from c5dash.data import DATA_DIR
from c5dash.datapackage import check_datapackage
from c5dash.geo import countries, read_shapes


def test_datapackage_matches_the_schemas():
    assert check_datapackage(DATA_DIR) == []


def test_an_undocumented_column_is_reported(data_copy):
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    events = next(r for r in package["resources"] if r["name"] == "events")
    events["schema"]["fields"] = [f for f in events["schema"]["fields"] if f["name"] != "summary"]
    path.write_text(json.dumps(package), encoding="utf-8")
    problems = check_datapackage(data_copy)
    assert any("events" in p.message and "summary" in p.message for p in problems)


def test_package_names_sources_and_licences():
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] and package["sources"]


def test_country_codes_are_iso_3166_alpha_3(dataset):
    for code in dataset.countries["iso3"]:
        assert pycountry.countries.get(alpha_3=code) is not None, code


def test_boundary_codes_are_iso_3166_alpha_3():
    for code in countries(read_shapes())["iso3"]:
        assert pycountry.countries.get(alpha_3=code) is not None, code


def test_every_row_cites_a_source(dataset):
    for name, frame in dataset.tables().items():
        if "source_ids" in frame:
            assert frame["source_ids"].str.strip().str.len().gt(0).all(), name


def test_data_readme_row_counts_are_current(dataset):
    import re

    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    counts = {name: len(frame) for name, frame in dataset.tables().items()}
    stated = re.findall(r"^\| `(\w+)\.csv`(?:, `(\w+)\.csv`)? \| ([\d, ]+) \|", text, flags=re.M)
    assert stated
    for first, second, numbers in stated:
        values = [int(n) for n in numbers.split(",")]
        for name, value in zip([first, second] if second else [first], values):
            assert counts[name] == value, f"data/README.md says {name}.csv has {value} rows, it has {counts[name]}"


def _frictionless_errors(descriptor) -> list[str]:
    """What the Frictionless Framework's own validator finds wrong in a data package: the descriptor
    against the Data Package profiles, then every table's types, constraints and keys."""
    import frictionless

    report = frictionless.validate(str(descriptor))
    return [message for (message,) in report.flatten(["message"])]


def test_the_fields_own_validator_accepts_the_data_package():
    assert _frictionless_errors(DATA_DIR / "datapackage.json") == []


def test_the_fields_own_validator_accepts_the_downloaded_dataset(tmp_path):
    import io
    import zipfile

    from c5dash.exports import dataset_zip

    zipfile.ZipFile(io.BytesIO(dataset_zip(DATA_DIR, "cite", "0"))).extractall(tmp_path)
    assert _frictionless_errors(tmp_path / "datapackage.json") == []


def test_the_fields_own_validator_finds_a_broken_key(data_copy):
    path = data_copy / "event_countries.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # a row twice: its key repeats
    assert any("primary key" in message.lower() for message in _frictionless_errors(data_copy / "datapackage.json"))
