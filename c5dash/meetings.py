"""The meetings of every partner's format with the five (C5+1, China–Central Asia...): tables and summaries.

A format meeting is a multilateral summit or ministerial meeting of a partner and the five (or of the five
alone, partner CA5). Every meeting keeps its status; only held ones are counted, drawn solid or summarised.
No Streamlit.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from c5dash.data import Dataset
from c5dash.schemas import C5
from c5dash.transform import DEFAULT_PARTNER, _all_events, format_meetings, in_years, involving, partner_short

# A meeting's level, as the Partners page names it (a format's partner is not always the U.S.).
LEVEL_NAMES = {
    "head_of_state": "Summit",
    "foreign_minister": "Foreign ministers",
    "deputy_minister": "Deputy ministers",
    "senior_official": "Senior officials",
}
STATUS_LABELS = {"held": "Held", "postponed": "Postponed", "cancelled": "Cancelled", "planned": "Planned"}
ATTENDANCE_LABELS = {
    "head_of_state": "President",
    "head_of_government": "Head of government",
    "foreign_minister": "Foreign minister",
    "deputy_minister": "Deputy minister",
    "ambassador": "Ambassador",
    "other_official": "Other official",
    "absent": "Absent",
}
# Where a meeting was held, seen from its partner.
VENUE_LABELS = {
    "region": "In Central Asia",
    "home": "At the partner's home",
    "elsewhere": "Elsewhere",
    "virtual": "Virtual",
}


def partner_order(ds: Dataset) -> list[str]:
    """Partner codes in the order of partners.csv, the default partner first."""
    codes = list(ds.partners["partner"])
    return sorted(codes, key=lambda code: code != DEFAULT_PARTNER)


ALL_PARTNERS = "all"  # a choice of partner that means every partner


def chosen_partners(partner: str) -> list[str] | None:
    """The partners a choice means: one, or every one (None) for "all"."""
    return None if partner == ALL_PARTNERS else [partner]


def partner_choices(ds: Dataset) -> dict[str, str]:
    """The choices of partner for a page, the default first, then every partner, then all of them:
    code -> "United States (C5+1)"."""
    names = dict(zip(ds.partners["partner"], ds.partners["name"]))
    labels = partner_labels(ds)
    choices = {p: f"{names[p]} ({labels[p]})" for p in partner_order(ds)}
    return {**choices, ALL_PARTNERS: "All partners"}


def with_whom(ds: Dataset, partner: str) -> str:
    """' with China' for a chart's title; nothing for the default partner, whose titles stay as they were."""
    if partner == DEFAULT_PARTNER:
        return ""
    if partner == ALL_PARTNERS:
        return " with every partner"
    if partner == "CA5":
        return " of the five among themselves"
    return f" with {partner_short(ds, partner, article=True)}"


def people_of(ds: Dataset, partner: str) -> list[str]:
    """Everyone named at a held event of `partner` ("all": of any partner), sorted."""
    events = ds.events
    if partner != ALL_PARTNERS:
        events = events[events["partner"] == partner]
    ids = set(events.loc[events["status"] == "held", "event_id"])
    return sorted(set(ds.event_people.loc[ds.event_people["event_id"].isin(ids), "person"]))


def partner_labels(ds: Dataset) -> dict[str, str]:
    """Partner code -> its format's name, e.g. 'USA' -> 'C5+1'."""
    return dict(zip(ds.partners["partner"], ds.partners["format_name"]))


def chart_labels(ds: Dataset) -> dict[str, str]:
    """Partner code -> its short name on a chart's rows and legend ('China', 'EU', 'U.S. (C5+1)'), short enough
    for a phone; hovers, titles and tables name the format in full."""
    labels = {p: partner_short(ds, p) for p in partner_order(ds)}
    return {**labels, DEFAULT_PARTNER: f"{labels[DEFAULT_PARTNER]} ({partner_labels(ds)[DEFAULT_PARTNER]})"}


def partner_colours(ds: Dataset) -> dict[str, str]:
    """Partner code -> its colour, the same on every chart."""
    return dict(zip(ds.partners["partner"], ds.partners["colour"]))


@lru_cache(maxsize=4)
def _all_meetings(ds: Dataset) -> pd.DataFrame:
    """Every format meeting, whatever its status, with its partner's names, venue and the five taking part."""
    events = _all_events(ds)
    meetings = format_meetings(events)
    partners = ds.partners.set_index("partner")
    meetings = meetings.assign(
        format_name=meetings["partner"].map(partners["format_name"]),
        partner_name=meetings["partner"].map(partners["name"]),
        colour=meetings["partner"].map(partners["colour"]),
        held=meetings["status"] == "held",
        status_label=meetings["status"].map(STATUS_LABELS),
        year=meetings["start_date"].dt.year,
        five=meetings["countries"].map(lambda codes: [c for c in codes if c in C5] if isinstance(codes, list) else []),
    )
    home = meetings["partner"].map(partners["iso3"])
    venue = pd.Series("elsewhere", index=meetings.index, dtype="str")
    venue[meetings["place_iso3"].isin(C5)] = "region"
    venue[meetings["place_iso3"].notna() & (meetings["place_iso3"] == home)] = "home"
    venue[meetings["host"].notna() & (meetings["host"] == meetings["partner"]) & (venue == "elsewhere")] = "home"
    venue[meetings["place_id"].isna()] = "virtual"
    meetings["venue"] = venue
    meetings["venue_label"] = venue.map(VENUE_LABELS)
    return meetings.reset_index(drop=True)


def meetings_table(
    ds: Dataset,
    countries: list[str] | None = None,
    years: tuple[int, int] | None = None,
    partners: list[str] | None = None,
) -> pd.DataFrame:
    """Format meetings of `partners` (all when None or empty) starting within `years`, whatever their status;
    with `countries`, only the meetings one of them took part in (a meeting not held: one it was to attend)."""
    meetings = _all_meetings(ds)
    if partners:
        meetings = meetings[meetings["partner"].isin(partners)]
    if countries:
        wanted = set(countries)
        meetings = involving(meetings, lambda codes: bool(wanted & set(codes or [])))
    return meetings[in_years(meetings["start_date"], years)].reset_index(drop=True)


# The columns of a download of meetings: what a reader needs, not the chart's working columns.
DOWNLOAD_COLUMNS = [
    "event_id",
    "partner",
    "format_name",
    "start_date",
    "end_date",
    "status",
    "event_type",
    "level",
    "format",
    "title",
    "place",
    "place_iso3",
    "host",
    "venue",
    "five",
    "occasion",
    "summary",
    "notes",
    "outcome_source_id",
    "source_ids",
]


def for_download(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings with the columns a download gives (`DOWNLOAD_COLUMNS`)."""
    return meetings[DOWNLOAD_COLUMNS]


def held(meetings: pd.DataFrame) -> pd.DataFrame:
    """Only the meetings that took place: what every count and summary uses."""
    return meetings[meetings["held"]]


def per_year(meetings: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Held meetings per partner (rows) and year (columns: every year from the first meeting shown, or the
    period's start if later, to the period's end)."""
    counted = held(meetings)
    if counted.empty:
        return pd.DataFrame()
    table = pd.crosstab(counted["partner"], counted["year"])
    first = max(years[0], int(counted["year"].min()))
    return table.reindex(columns=range(first, years[1] + 1), fill_value=0).astype(int)


def records(meetings: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """For each partner with a held meeting: its first meeting, first summit, and held summits and
    ministerials (all of `meetings`' period), in partner order."""
    counted = held(meetings)
    by_partner = counted.groupby("partner")
    summits = counted[counted["level"] == "head_of_state"].groupby("partner")["start_date"]
    levels = pd.crosstab(counted["partner"], counted["level"]) if len(counted) else pd.DataFrame()
    order = [p for p in partner_order(ds) if p in by_partner.groups]
    table = pd.DataFrame(
        {
            "partner": order,
            "format_name": by_partner["format_name"].first().reindex(order).to_numpy(),
            "first_meeting": by_partner["start_date"].min().reindex(order).to_numpy(),
            "first_summit": summits.min().reindex(order).to_numpy(),
            "summits": summits.size().reindex(order, fill_value=0).to_numpy(),
        }
    )
    for column, level in (("ministerials", "foreign_minister"), ("deputies", "deputy_minister")):
        table[column] = levels[level].reindex(order, fill_value=0).to_numpy() if level in levels else 0
    table["last_meeting"] = by_partner["start_date"].max().reindex(order).to_numpy()
    return table.astype({"summits": int, "ministerials": int, "deputies": int})


def venues(meetings: pd.DataFrame) -> pd.DataFrame:
    """Held in-person meetings per place and partner: place, lat, lon, venue, partner, count, titles."""
    counted = held(meetings)
    counted = counted[counted["place_id"].notna()]
    columns = ["place_id", "place", "lat", "lon", "venue", "venue_label", "partner", "format_name", "colour"]
    grouped = counted.groupby(columns, sort=False)
    return grouped.agg(meetings=("event_id", "size"), titles=("title", "; ".join)).reset_index()


def attendance(ds: Dataset, meetings: pd.DataFrame) -> pd.DataFrame:
    """Who represented each of the five at the held meetings: partner, level, iso3, attended_as, meetings
    (only where a source says; a meeting with no such row is counted as 'not stated')."""
    counted = held(meetings)[["event_id", "partner", "format_name", "level"]]
    grid = counted.merge(pd.DataFrame({"iso3": list(C5)}), how="cross")
    known = ds.event_attendance[["event_id", "iso3", "attended_as"]]
    grid = grid.merge(known, on=["event_id", "iso3"], how="left")
    grid["attended_as"] = grid["attended_as"].fillna("not_stated")
    return (
        grid.groupby(["partner", "format_name", "level", "iso3", "attended_as"], sort=False)
        .size()
        .rename("meetings")
        .reset_index()
    )


def last_meetings(ds: Dataset, iso3: str, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """For one of the five: each format it took part in within `years`, with the last held meeting it attended."""
    attended = held(meetings_table(ds, [iso3], years))
    if attended.empty:
        return pd.DataFrame(columns=["partner", "format_name", "meetings", "last_date", "last_title", "event_id"])
    last = attended.sort_values("start_date").groupby("partner", sort=False).tail(1).set_index("partner")
    counts = attended.groupby("partner").size()
    order = [p for p in partner_order(ds) if p in last.index]
    return pd.DataFrame(
        {
            "partner": order,
            "format_name": [last.at[p, "format_name"] for p in order],
            "meetings": [int(counts[p]) for p in order],
            "last_date": [last.at[p, "start_date"] for p in order],
            "last_title": [last.at[p, "title"] for p in order],
            "event_id": [last.at[p, "event_id"] for p in order],
        }
    )


def summaries(ds: Dataset, meetings: pd.DataFrame, records_: pd.DataFrame, grid: pd.DataFrame, period: str) -> dict:
    """A line under each chart of the Partners page, written from the data shown (only held meetings count)."""
    counted = held(meetings)
    if counted.empty:
        none = f"No meeting of these formats was held in {period} with these choices."
        return dict.fromkeys(("timeline", "per_year", "records", "venues", "attendance"), none)
    labels = partner_labels(ds)
    per_partner = counted.groupby("partner").size().sort_values(ascending=False, kind="stable")
    top = per_partner.index[0]
    timeline = (
        f"{len(counted)} meeting(s) held in {period} by {len(per_partner)} format(s); the most by "
        f"{labels[top]} ({per_partner.iloc[0]})."
    )
    if DEFAULT_PARTNER in per_partner.index and top != DEFAULT_PARTNER:
        timeline += (
            f" The {partner_short(ds, DEFAULT_PARTNER)}'s {labels[DEFAULT_PARTNER]}: {per_partner[DEFAULT_PARTNER]}."
        )
    others = len(meetings) - len(counted)
    if others:
        timeline += f" {others} more announced but not held (hollow markers), never counted."
    by_year = counted.groupby("year")
    busiest = by_year.size().idxmax()
    per_year_line = (
        f"The busiest year was {busiest}, with {by_year.size()[busiest]} meeting(s) of "
        f"{by_year['partner'].nunique()[busiest]} format(s)."
    )
    first = records_.sort_values("first_meeting").iloc[0]
    summits = records_.dropna(subset=["first_summit"]).sort_values("first_summit")
    records_line = f"The earliest meeting shown: {first['format_name']}, {first['first_meeting']:%Y}."
    if len(summits):
        most = records_.sort_values("summits", ascending=False, kind="stable").iloc[0]
        records_line += (
            f" First summit: {summits.iloc[0]['format_name']}, {summits.iloc[0]['first_summit']:%Y};"
            f" the most summits: {most['format_name']} ({most['summits']})."
        )
    venue = counted["venue"].value_counts()
    venues_line = (
        f"Of {len(counted)} held meeting(s): "
        + ", ".join(f"{int(venue.get(key, 0))} {label[0].lower()}{label[1:]}" for key, label in VENUE_LABELS.items())
        + "."
    )
    return {
        "timeline": timeline,
        "per_year": per_year_line,
        "records": records_line,
        "venues": venues_line,
        "attendance": _attendance_line(ds, grid),
    }


def _attendance_line(ds: Dataset, grid: pd.DataFrame) -> str:
    """Which of the five sent its president to the fewest of the summits where a source says who came."""
    summits = grid[(grid["level"] == "head_of_state") & (grid["attended_as"] != "not_stated")]
    if summits.empty:
        return "No source shown here says who represented the five."
    seats = summits.groupby("iso3")["meetings"].sum()
    top = summits[summits["attended_as"] == "head_of_state"].groupby("iso3")["meetings"].sum()
    share = (top.reindex(seats.index, fill_value=0) / seats).sort_values(kind="stable")
    names = dict(zip(ds.countries["iso3"], ds.countries["name"]))
    low = share.index[0]
    if share.iloc[0] == 1:
        return "Every one of the five sent its president to every summit where a source says who came."
    return (
        f"Of the summits where a source says who came, {names[low]} sent its president to "
        f"{int(top.get(low, 0))} of {int(seats[low])}, the fewest of the five."
    )
