"""Timelines with too many markers to read: a marker per row and month, sized by how many it counts.

Above `MAX_MARKERS` markers (the real data has a few hundred; ten times as much data, thousands),
markers on a timeline of decades hide each other and the browser spends seconds drawing them, so the
Timeline and the Partners page's timeline count each row's events month by month instead, and say so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_MARKERS = 1000
NOT_AN_EVENT = ""  # the last item of a count marker's customdata: a click on it opens no event card


def too_many(markers: int) -> bool:
    """Whether a timeline of `markers` markers counts them by month instead."""
    return markers > MAX_MARKERS


def plural(kind: str) -> str:
    """'official visit' -> 'official visits', 'visit (category not given)' -> 'visits (category not given)',
    'summit not held' -> 'summits not held'."""
    for tail in (" (", " not held"):
        head, found, rest = kind.partition(tail)
        if found:
            return f"{head}s{found}{rest}"
    return f"{kind}s"


def counted(n: int, kind: str) -> str:
    """'1 summit', '3 summits'."""
    return f"{n:,} {kind if n == 1 else plural(kind)}"


def per_month(rows: pd.Series, dates: pd.Series, kinds: pd.Series) -> pd.DataFrame:
    """Markers counted per row and calendar month: row, month (its first day), middle (its 15th), count,
    and `what`, the count by kind, most first ("12 official visits, 1 summit"); `kinds` in the singular."""
    frame = pd.DataFrame(
        {
            "row": rows.to_numpy(),
            "month": dates.dt.to_period("M").dt.start_time.to_numpy(),
            "kind": kinds.to_numpy(),
        }
    )
    by_kind = frame.groupby(["row", "month", "kind"], sort=False).size().rename("n").reset_index()
    by_kind = by_kind.sort_values(["n", "kind"], ascending=[False, True], kind="stable")
    by_kind["text"] = [counted(n, kind) for n, kind in zip(by_kind["n"], by_kind["kind"])]
    grouped = by_kind.groupby(["row", "month"], sort=False)
    out = grouped.agg(count=("n", "sum"), what=("text", ", ".join)).reset_index()
    out["middle"] = out["month"] + pd.Timedelta(days=14)
    return out.sort_values(["row", "month"], kind="stable", ignore_index=True)


def marker_sizes(counts: pd.Series) -> np.ndarray:
    """A count marker's size in px: its area grows with the count, from 6 px for one to 30 px at most."""
    return np.minimum(6 + 3 * np.sqrt(counts.to_numpy(dtype=float)), 30)


def month_customdata(counts: pd.DataFrame, noun: str) -> list[tuple]:
    """(how many, month, by kind, NOT_AN_EVENT) per marker, for its hover; `noun` in the singular."""
    return list(
        zip(
            counts["count"].map(lambda n: counted(n, noun)),
            counts["month"].dt.strftime("%B %Y"),
            counts["what"],
            [NOT_AN_EVENT] * len(counts),
        )
    )


MONTH_HOVER = "<b>%{customdata[0]}</b> in %{customdata[1]}<br>%{customdata[2]}<extra></extra>"
