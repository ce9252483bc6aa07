"""What a country profile states: its key figures, the last U.S. visits, the office holders on a day.

Pure functions of the dataset; no Streamlit.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from c5dash.data import Dataset
from c5dash.schemas import C5, LEVELS
from c5dash.transform import LEVEL_LABELS, country_names, events_table, format_meetings, in_years, involving


def last_visits(ds: Dataset, today: date, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """For each of the five and each level: the last U.S. visit, its date and the days since `today`."""
    events = events_table(ds, None, years)
    visits = events[events["direction"] == "partner_to_region"]
    names = country_names(ds)
    rows = []
    for code in C5:
        mine = involving(visits, lambda codes, code=code: code in codes)
        for level in LEVELS:
            at_level = mine[mine["level"] == level]
            if at_level.empty:
                rows.append(
                    {
                        "country": names[code],
                        "iso3": code,
                        "level": LEVEL_LABELS[level],
                        "last_visit": None,
                        "ended": pd.NaT,
                        "days_since": None,
                    }
                )
                continue
            last = at_level.loc[at_level["end_date"].idxmax()]
            rows.append(
                {
                    "country": names[code],
                    "iso3": code,
                    "level": LEVEL_LABELS[level],
                    "last_visit": last["title"],
                    "ended": last["end_date"],
                    "days_since": (pd.Timestamp(today) - last["end_date"]).days,
                }
            )
    return pd.DataFrame(rows)


def holders_on(ds: Dataset, iso3: str, day: date | None = None) -> dict[str, pd.Series | None]:
    """The head of state and U.S. chief of mission in office on `day`, or as last reported when it is None.

    A term without an end date counts only if it is its office's latest: older ones are gaps in the
    sources, not people still in office. On a day one term ends and the next starts, the next counts.
    """
    holders = ds.office_holders[ds.office_holders["iso3"] == iso3]
    result: dict[str, pd.Series | None] = {}
    for office in ("head_of_state", "us_chief_of_mission"):
        mine = holders[holders["office"] == office].sort_values("start_date", kind="stable", na_position="first")
        open_latest = mine["end_date"].isna() & (mine.index == mine.index[-1]) if len(mine) else mine["end_date"].isna()
        if day is None:
            serving = open_latest
        else:
            when = pd.Timestamp(day)
            serving = (mine["start_date"] <= when) & ((mine["end_date"] >= when) | open_latest)
        result[office] = mine[serving].iloc[-1] if serving.any() else None
    return result


def holder_lines(holders: dict[str, pd.Series | None], day: date | None) -> list[tuple[str, str]]:
    """(label, text) for the head of state and U.S. chief of mission of `holders_on(..., day)`."""
    when = "" if day is None else f" on {day:%Y-%m-%d}"

    def text(holder: pd.Series | None, missing: str) -> str:
        if holder is None:
            return missing
        since = f", since {holder['start_date']:%Y-%m-%d}" if pd.notna(holder["start_date"]) else ""
        return f"{holder['person']} ({holder['title']}{since})"

    return [
        (f"Head of state{when}", text(holders["head_of_state"], "not recorded")),
        (
            f"U.S. chief of mission{when}",
            text(holders["us_chief_of_mission"], "none in post as last reported" if day is None else "none recorded"),
        ),
    ]


def period_end_day(years: tuple[int, int], last_year: int) -> date | None:
    """The last day of a period that ends before the data's `last_year`; None for one that reaches it
    (whose office holders are those last reported)."""
    return None if years[1] >= last_year else date(years[1], 12, 31)


def profile_figures(ds: Dataset, iso3: str, years: tuple[int, int]) -> dict[str, object]:
    """Key figures of one country within `years`."""
    events = events_table(ds, [iso3], years)
    us_visits = events[events["direction"] == "partner_to_region"]
    c5 = format_meetings(events, "USA")
    hosted = c5[c5["place_iso3"] == iso3]
    return {
        "events": len(events),
        "us_visits": len(us_visits),
        "visits_to_us": int((events["direction"] == "region_to_partner").sum()),
        "c5_meetings": len(c5),
        "c5_hosted": len(hosted),
        "last_us_visit": us_visits.loc[us_visits["end_date"].idxmax()] if len(us_visits) else None,
        "investments": int(
            in_years(ds.investments["period_end"], years)[ds.investments["recipient_iso3"] == iso3].sum()
        ),
        "trade": int(in_years(ds.trade["year"], years)[ds.trade["country_iso3"] == iso3].sum()),
    }
