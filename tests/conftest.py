"""Shared fixtures: the real dataset, a writable copy of data/ to damage, a running server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from c5dash.browser import start_server
from c5dash.data import DATA_DIR, Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The committed dataset, validated."""
    ds, problems = load_dataset(DATA_DIR)
    assert not problems, "\n".join(map(str, problems))
    return ds


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1 for the tests of one module; its base URL."""
    process, base = start_server()
    yield base
    process.terminate()
    process.wait(timeout=10)


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
