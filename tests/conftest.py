"""Shared fixtures: the real dataset, and a writable copy of data/ to damage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from c5dash.data import DATA_DIR, Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The committed dataset, validated."""
    ds, problems = load_dataset(DATA_DIR)
    assert not problems, "\n".join(map(str, problems))
    return ds


FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A copy of a small, fixed, valid dataset (tests/fixtures/data) that a test may damage.

    The validator's tests use it so that their row numbers do not move as data/ grows.
    """
    target = tmp_path / "seed"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def events_involving(dataset: Dataset, codes: list[str]) -> int:
    """How many events at least one of `codes` took part in, counted from the raw link table."""
    links = dataset.event_countries
    return links.loc[links["iso3"].isin(codes), "event_id"].nunique()
