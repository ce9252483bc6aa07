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


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
