"""Shared fixtures: the real dataset, a writable copy of data/ to damage, a running server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
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


def us_events(dataset: Dataset) -> pd.DataFrame:
    """The held events of the United States, the partner every page shows by default."""
    events = dataset.events
    return events[(events["partner"] == "USA") & (events["status"] == "held")]


def events_involving(dataset: Dataset, codes: list[str]) -> int:
    """How many held events of the U.S. (the pages' default partner) at least one of `codes` took part in,
    counted from the raw tables."""
    events = dataset.events
    counted = set(events.loc[(events["partner"] == "USA") & (events["status"] == "held"), "event_id"])
    links = dataset.event_countries
    return links.loc[links["iso3"].isin(codes) & links["event_id"].isin(counted), "event_id"].nunique()
