"""An event's card: everything the data says about one event, as plain text and links. No Streamlit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from c5dash.data import Dataset
from c5dash.schemas import MEETING_TYPES
from c5dash.transform import EVENT_TYPE_LABELS, LEVEL_LABELS, country_names, investments_table

FORMAT_LABELS = {"in_person": "in person", "virtual": "virtual (by video)", "hybrid": "hybrid (in person and by video)"}
# Sources that are an outcome of the meeting itself: a joint statement, declaration or communiqué.
OUTCOME_TITLE = re.compile(r"joint statement|declaration|communiqu", re.IGNORECASE)
_HTTP = re.compile(r"^https?://[^\s<>\"']+$")
# A former name with its years, as places.csv writes them: "Nur-Sultan (2019–2022)", "Ashkhabad (until 1992)".
_FORMER = re.compile(r"^(?P<name>.+?)\s*\((?:(?P<first>\d{4})\s*[–-]\s*|until\s+)(?P<last>\d{4})\)$")
MAX_EVENT_ID = 200
STATUS_TEXTS = {
    "postponed": "Postponed: announced for these dates, not held then",
    "cancelled": "Cancelled: announced for these dates, never held",
    "planned": "Planned: announced for these dates; no report that it was held",
}


@dataclass(frozen=True)
class Link:
    """A document: its title and its http(s) address."""

    title: str
    url: str


@dataclass(frozen=True)
class EventCard:
    """What the card of one event shows; every text is from the data, to be shown as plain text."""

    event_id: str
    title: str
    dates: str
    place: str
    kind: str
    level: str
    format: str
    status: str  # empty for a held event; else what happened to it ("Postponed: ...")
    summary: str
    countries: tuple[str, ...]
    people: tuple[str, ...]
    deals: tuple[str, ...]
    outcomes: tuple[Link, ...]
    sources: tuple[Link, ...]


def dates_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """'17 December 1991', '27–28 February 2023', '28 February – 1 March 2023', across years in full."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if start.year != end.year:
        return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day}–{end.day} {end:%B %Y}"


def name_then(name: str, alternate_names: object, year: int) -> str:
    """A place's name as it was in `year`: 'Almaty (then Alma-Ata)'. The data gives the years of former
    names only, so in the year of a renaming the card gives the name's years instead of guessing:
    'Astana (named Nur-Sultan 2019–2022)'."""
    if not isinstance(alternate_names, str):
        return name
    for part in alternate_names.split(";"):
        match = _FORMER.match(part.strip())
        if not match:
            continue
        first = int(match["first"]) if match["first"] else None
        last = int(match["last"])
        if (first is None or first < year) and year < last:
            return f"{name} (then {match['name']})"
        if year in (first, last):
            years = f"{first}–{last}" if first else f"until {last}"
            return f"{name} (named {match['name']} {years})"
    return name


def _links(ids: object, sources: pd.DataFrame) -> tuple[Link, ...]:
    """The sources `ids` names (a ';'-separated list), those with an http(s) address."""
    wanted = [s.strip() for s in str(ids).split(";") if s.strip()] if isinstance(ids, str) else []
    by_id = sources.set_index("source_id")
    found = [by_id.loc[s] for s in wanted if s in by_id.index]
    return tuple(Link(str(row["title"]), str(row["url"])) for row in found if _HTTP.match(str(row["url"])))


def event_card(ds: Dataset, event_id: str) -> EventCard | None:
    """The card of the event `event_id`, or None when the data has no such event."""
    if not isinstance(event_id, str) or len(event_id) > MAX_EVENT_ID:
        return None
    rows = ds.events[ds.events["event_id"] == event_id]
    if rows.empty:
        return None
    event = rows.iloc[0]
    names = country_names(ds)
    codes = sorted(ds.event_countries.loc[ds.event_countries["event_id"] == event_id, "iso3"])
    place = "none (held by video)" if event["format"] == "virtual" else "not given"
    if pd.notna(event["place_id"]):
        spot = ds.places.set_index("place_id").loc[event["place_id"]]
        place = name_then(str(spot["name"]), spot["alternate_names"], event["start_date"].year)
        place += f", {names.get(spot['iso3'], spot['iso3'])}"
    fmt = FORMAT_LABELS.get(event["format"], str(event["format"]))
    partners = ds.partners.set_index("partner")
    names = {**names, **dict(zip(ds.partners["partner"], ds.partners["name"]))}
    is_meeting = event["direction"] == "multilateral" and event["event_type"] in MEETING_TYPES
    if is_meeting and event["partner"] != "USA" and event["partner"] in partners.index:
        fmt = f"{partners.at[event['partner'], 'format_name']}, {fmt}"
    elif is_meeting and event["partner"] == "USA":
        fmt = f"C5+1 (the format of the five and the United States), {fmt}"
    elif len(codes) == 2:
        fmt = f"bilateral, {fmt}"
    people = ds.event_people[ds.event_people["event_id"] == event_id]
    figures = investments_table(ds)
    figures = figures[figures["event_id"] == event_id]
    deals = [
        f"{r.value_text}: {r.parties}" + (f" ({r.notes})" if isinstance(r.notes, str) else "")
        if r.measure == "announced_commitment"
        else f"{r.value_text}: {r.measure_label.lower()}, {r.parties}, {r.period_text}, as stated by {r.reporter}"
        for r in figures.itertuples()
    ]
    sources = _links(event["source_ids"], ds.sources)
    outcome = _links(event["outcome_source_id"], ds.sources)
    return EventCard(
        event_id=event_id,
        title=str(event["title"]),
        dates=dates_text(event["start_date"], event["end_date"]),
        place=place,
        kind=EVENT_TYPE_LABELS.get(event["event_type"], str(event["event_type"])),
        level=LEVEL_LABELS.get(event["level"], str(event["level"])),
        format=fmt[0].upper() + fmt[1:],
        status=STATUS_TEXTS.get(event["status"], ""),
        summary=str(event["summary"]) if pd.notna(event["summary"]) else "",
        countries=tuple(names.get(c, c) for c in codes),
        people=tuple(
            f"{p.person}, {p.role}" + (f" ({names.get(p.iso3, p.iso3)})" if isinstance(p.iso3, str) else "")
            for p in people.itertuples()
        ),
        deals=tuple(deals),
        outcomes=tuple(dict.fromkeys(outcome + tuple(link for link in sources if OUTCOME_TITLE.search(link.title)))),
        sources=sources,
    )


def card_link(path: str, params: dict[str, str], event_id: str) -> str:
    """The address of a page's view with the card of `event_id` open: `path?...&event=<id>`."""
    return f"{path}?{urlencode({**{k: v for k, v in params.items() if k != 'event'}, 'event': event_id})}"
