"""The synthetic dataset for the growth benchmarks: valid, twice the size, marked synthetic, repeatable,
never written into data/."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from c5dash.data import DATA_DIR, load_dataset
from c5dash.datapackage import check_datapackage

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("synthetic_data", ROOT / "scripts" / "synthetic_data.py")
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)

REFERENCE = ("countries", "places", "partners")  # the real ones, kept as they are


@pytest.fixture(scope="module")
def twice(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "2x"
    synthetic.generate(2, out)
    return out


def test_it_passes_the_validator_at_twice_the_size(twice, dataset):
    ds, problems = load_dataset(twice)
    assert problems == [], "\n".join(map(str, problems[:20]))
    assert check_datapackage(twice) == []
    for name, frame in ds.tables().items():
        expected = len(dataset.tables()[name]) * (1 if name in REFERENCE else 2)
        assert len(frame) == expected, name


def test_the_fields_own_validator_accepts_it(twice):
    import frictionless

    report = frictionless.validate(str(twice / "datapackage.json"))
    assert [message for (message,) in report.flatten(["message"])] == []


def test_every_text_says_synthetic_and_no_source_is_real(twice):
    ds, _ = load_dataset(twice)
    for name, frame in ds.tables().items():
        for column in ("title", "summary", "notes"):
            if column in frame:
                texts = frame[column].dropna()
                assert len(texts) == len(frame) or name in REFERENCE, (name, column)
                assert texts.str.contains("SYNTHETIC").all(), (name, column)
    assert {urlsplit(url).hostname for url in ds.sources["url"]} == {"synthetic.invalid"}
    assert ds.sources["publisher"].str.startswith("Synthetic publisher").all()
    package = json.loads((twice / "datapackage.json").read_text(encoding="utf-8"))
    assert "SYNTHETIC" in package["title"] and "SYNTHETIC" in package["description"]
    assert "synthetic" in package["name"]


def test_copies_keep_the_real_partners_and_places_and_stay_within_the_real_span(twice, dataset):
    ds, _ = load_dataset(twice)
    assert ds.events["partner"].value_counts().to_dict() == {
        partner: 2 * count for partner, count in dataset.events["partner"].value_counts().items()
    }
    assert set(ds.events["place_id"].dropna()) == set(dataset.events["place_id"].dropna())
    assert ds.events["start_date"].min() >= dataset.events["start_date"].min()
    assert ds.events["end_date"].max() <= dataset.events["end_date"].max()
    moved = ds.events.set_index("event_id")["start_date"]
    assert (moved.filter(like="syn1-", axis=0).values != moved.filter(like="syn0-", axis=0).values).any()


def test_the_same_seed_gives_the_same_files(twice, tmp_path):
    synthetic.generate(2, tmp_path / "again")
    for path in sorted(twice.iterdir()):
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes(), path.name


def test_it_refuses_to_write_into_data(tmp_path):
    with pytest.raises(ValueError, match="inside the real data folder"):
        synthetic.generate(2, DATA_DIR / "synthetic")
    assert not (DATA_DIR / "synthetic").exists()
    assert synthetic.main(["--scale", "2", "--out", str(DATA_DIR)]) == 2


def test_benchmarks_name_the_data_they_ran_on(twice, dataset, monkeypatch):
    from c5dash.benchdata import ENV, bench_data, describe_folder

    real = describe_folder(DATA_DIR)
    assert (real.suffix, real.events) == ("", len(dataset.events))
    assert real.results(ROOT / "benchmarks", "results-reruns").name == "results-reruns.md"
    monkeypatch.setenv(ENV, str(DATA_DIR))  # restored after the test: bench_data sets it for the app
    data = bench_data(["--data", str(twice)])
    assert Path(os.environ[ENV]) == twice.resolve()  # what the app and its servers read
    assert (data.suffix, data.size, data.events) == ("-2x", "synthetic 2×", 2 * len(dataset.events))
    assert data.results(ROOT / "benchmarks", "results-reruns").name == "results-reruns-2x.md"
    assert "synthetic 2×" in data.describe() and f"{2 * len(dataset.events):,} events" in data.describe()
