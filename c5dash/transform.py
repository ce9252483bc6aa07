"""Pure functions that filter and summarise the dataset for the pages."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import pandas as pd

from c5dash.data import Dataset
from c5dash.schemas import C5, MEETING_TYPES

MAX_PARAM_TOKENS = 20
SOURCE_LINK_PREFIX = "source_link_"
_CODE_RE = re.compile(r"^[A-Za-z]{3}$")

EVENT_TYPE_LABELS = {
    "state_visit": "State visit",
    "official_visit": "Official visit",
    "official_working_visit": "Official working visit",
    "working_visit": "Working visit",
    "private_visit": "Private visit",
    "visit": "Visit (category not given)",
    "ministerial_meeting": "Ministerial meeting",
    "summit": "Summit",
    "bilateral_meeting": "Bilateral meeting",
}
# How a direction reads for a partner: {p} its short name ("U.S.", "China"), {the_p} with an article.
DIRECTION_LABELS = {
    "partner_to_region": "{p} to Central Asia",
    "region_to_partner": "Central Asia to {the_p}",
    "multilateral": "Multilateral",
    "elsewhere": "Elsewhere",
}
# Partners whose short name differs from their name in partners.csv, with and without an article.
PARTNER_SHORT = {
    "USA": ("U.S.", "the U.S."),
    "EUU": ("EU", "the EU"),
    "GCC": ("GCC", "the GCC"),
    "GBR": ("UK", "the UK"),
    "CA5": ("The five alone", "the five alone"),
}
DEFAULT_PARTNER = "USA"
MEASURE_LABELS = {
    "fdi_inflow_gross_year": "Direct investment, gross inflow in a year",
    "fdi_inflow_net_year": "Direct investment, net inflow in a year",
    "investment_inflow_year": "All investment, inflow in a year",
    "fdi_stock": "Direct investment stock (position at a date)",
    "cumulative_fdi_inflow": "Direct investment inflows summed since a year",
    "cumulative_investment": "Investment summed since a year, as stated",
    "announced_commitment": "Announced deals and commitments",
    "announced_package": "Announced packages of agreements (stated totals)",
    "investment_pledge": "Pledges of future investment",
}
LEVEL_LABELS = {
    "head_of_state": "Head of state or government",
    "foreign_minister": "Foreign minister or Secretary of State",
    "deputy_minister": "Deputy or Under Secretary",
    "senior_official": "Assistant Secretary, envoy or other senior official",
}
QUALIFIER_LABELS = {"exact": "", "more_than": "more than ", "about": "about ", "up_to": "up to "}


def parse_country_param(raw: str | list[str] | None, valid: tuple[str, ...] = C5) -> tuple[list[str], list[str]]:
    """Split `?country=KAZ,UZB` into known codes (in canonical order) and the ignored rest.

    A parameter given more than once (`?country=KAZ&country=UZB`, a list) counts every value.
    Codes are matched case-insensitively; ignored tokens are returned cleaned and shortened
    so they can be shown safely.
    """
    if not raw:
        return [], []
    values = [raw] if isinstance(raw, str) else raw
    tokens = [t.strip() for value in values for t in str(value).split(",") if t.strip()]
    wanted = {t.upper() for t in tokens if _CODE_RE.match(t)}
    known = [code for code in valid if code in wanted]
    ignored: list[str] = []
    for token in tokens:
        if token.upper() in known:
            continue
        cleaned = re.sub(r"[^A-Za-z0-9_.-]", "", token)[:12] or "?"
        if cleaned not in ignored:
            ignored.append(cleaned)
    return known, ignored[:MAX_PARAM_TOKENS]


def year_bounds(ds: Dataset) -> tuple[int, int]:
    """The first and last year of any event or figure: the range of the period filter."""
    years = [
        ds.events["start_date"].dt.year.min(),
        ds.events["end_date"].dt.year.max(),
        ds.investments["period_end"].dt.year.max(),
        ds.trade["year"].max(),
        ds.trade_series["year"].min(),
        ds.trade_series["year"].max(),
    ]
    known = [int(y) for y in years if pd.notna(y)]
    return min(known), max(known)


def _year(raw: str | None, bounds: tuple[int, int]) -> int | None:
    """A year within `bounds` from a URL parameter, or None."""
    try:
        year = int(str(raw).strip())
    except ValueError:
        return None
    return year if bounds[0] <= year <= bounds[1] else None


def parse_year_range(raw_from: str | None, raw_to: str | None, bounds: tuple[int, int]) -> tuple[tuple[int, int], str]:
    """`?from=2015&to=2023` as a year range within `bounds`, and a notice for what was ignored.

    Each bound stands on its own: a bound that is not a year within `bounds` is ignored (its side of
    the range stays open) and named in the notice; a missing bound leaves its side open silently. A
    `from` after `to` makes both ignored.
    """
    given = {"from": raw_from, "to": raw_to}
    parsed = {name: _year(raw, bounds) if raw is not None else None for name, raw in given.items()}
    bad = [name for name, raw in given.items() if raw is not None and parsed[name] is None]
    first = parsed["from"] if parsed["from"] is not None else bounds[0]
    last = parsed["to"] if parsed["to"] is not None else bounds[1]
    if first > last:
        return bounds, "Ignored the period in the link: `from` is after `to`. Showing all years."
    if not bad:
        return (first, last), ""
    names = " and ".join(f"`{name}`" for name in bad)
    kept = "Showing all years" if len(bad) == 2 else f"Showing {span(first, last)}"
    return (first, last), f"Ignored {names} in the link: not a year from {bounds[0]} to {bounds[1]}. {kept}."


def in_years(dates: pd.Series, years: tuple[int, int] | None) -> pd.Series:
    """Which of `dates` (dates or whole years) fall within `years`; all when `years` is None."""
    if years is None:
        return pd.Series(True, index=dates.index)
    year = dates if pd.api.types.is_integer_dtype(dates) else dates.dt.year
    return year.between(years[0], years[1])


def country_names(ds: Dataset) -> dict[str, str]:
    """iso3 -> short name."""
    return dict(zip(ds.countries["iso3"], ds.countries["name"]))


def called(code: str, names: dict[str, str]) -> str:
    """A country's name as it reads in a sentence: "the United States", "China"."""
    name = names.get(code, code)
    return f"the {name}" if name.startswith(("United ", "Netherlands")) else name


def capitals(ds: Dataset) -> pd.DataFrame:
    """The capitals of the five: iso3, name, lat, lon."""
    five = ds.countries[ds.countries["is_c5"]][["iso3", "capital_place_id"]]
    places = ds.places[["place_id", "name", "lat", "lon"]]
    return five.merge(places, left_on="capital_place_id", right_on="place_id")[["iso3", "name", "lat", "lon"]]


def partner_short(ds: Dataset, partner: str, article: bool = False) -> str:
    """A partner's name as it reads in a sentence: "U.S." or "the U.S.", "China", "the EU"."""
    if partner in PARTNER_SHORT:
        return PARTNER_SHORT[partner][article]
    return dict(zip(ds.partners["partner"], ds.partners["name"])).get(partner, partner)


def direction_label(ds: Dataset, direction: str, partner: str) -> str:
    """'U.S. to Central Asia', 'Central Asia to China', 'Multilateral'."""
    return DIRECTION_LABELS[direction].format(p=partner_short(ds, partner), the_p=partner_short(ds, partner, True))


@lru_cache(maxsize=4)
def _all_events(ds: Dataset) -> pd.DataFrame:
    """Every event, whatever its partner and status, with its place and the countries taking part, computed
    once per dataset (shared: the callers' filters make new frames, and pandas copies on write)."""
    taking_part = ds.event_countries.groupby("event_id")["iso3"].agg(lambda s: sorted(s))
    events = ds.events.merge(
        ds.places[["place_id", "name", "iso3", "lat", "lon"]].rename(columns={"name": "place", "iso3": "place_iso3"}),
        on="place_id",
        how="left",
    )
    events["countries"] = events["event_id"].map(taking_part)
    events["event_type_label"] = events["event_type"].map(EVENT_TYPE_LABELS)
    events["direction_label"] = [direction_label(ds, d, p) for d, p in zip(events["direction"], events["partner"])]
    return events.sort_values(["start_date", "event_id"])


def involving(events: pd.DataFrame, test: Callable[[list[str]], bool]) -> pd.DataFrame:
    """The events whose list of countries passes `test`; no events in, none out (pandas would read an
    empty mask of objects as a selection of columns)."""
    return events[events["countries"].map(test).astype(bool)]


def events_table(
    ds: Dataset,
    countries: list[str] | None = None,
    years: tuple[int, int] | None = None,
    partners: Sequence[str] | None = (DEFAULT_PARTNER,),
    held_only: bool = True,
) -> pd.DataFrame:
    """Events with their place and the countries taking part, optionally only those involving `countries`
    and starting within `years`; of the `partners` (every partner when None), only the held ones unless
    `held_only` is False (a postponed, cancelled or planned meeting is never counted as held).

    One row per event, however many countries took part.
    """
    events = _all_events(ds)
    if partners is not None:
        events = events[events["partner"].isin(partners)]
    if held_only:
        events = events[events["status"] == "held"]
    if countries:
        wanted = set(countries)
        events = involving(events, lambda codes: bool(wanted & set(codes)))
    return events[in_years(events["start_date"], years)].reset_index(drop=True)


def format_meetings(events: pd.DataFrame, partner: str | None = None) -> pd.DataFrame:
    """The meetings of C5+X formats among `events` (of `partner`'s format when given): summits and
    ministerial meetings with the five. The United States' are the C5+1 meetings; a meeting counts for
    each of the five that took part, also when one of them stayed away (Hamburg, December 2016)."""
    meetings = events[(events["direction"] == "multilateral") & events["event_type"].isin(MEETING_TYPES)]
    return meetings if partner is None else meetings[meetings["partner"] == partner]


def key_figures(events: pd.DataFrame) -> dict[str, object]:
    """Headline numbers for a set of events."""
    c5_meetings = format_meetings(events, "USA")
    return {
        "events": len(events),
        "c5_plus_1_meetings": len(c5_meetings),
        "us_visits_to_region": int((events["direction"] == "partner_to_region").sum()),
        "latest": events["start_date"].max() if len(events) else None,
    }


@lru_cache(maxsize=4)
def _all_investments(ds: Dataset) -> pd.DataFrame:
    """Every investment figure with its countries' names, its parties, its event's title and its period as
    text, sorted, computed once per dataset (shared: the callers' filters make new frames)."""
    frame = _labelled(ds.investments.copy(), ds, investor="investor_iso3", recipient="recipient_iso3")
    frame["measure_label"] = frame["measure"].map(MEASURE_LABELS)
    # A deal's or a package's two countries are its parties, whichever way its money goes; other figures flow
    # one way.
    frame["parties"] = pd.Series(
        [
            f"{i} and {r}" if m in ("announced_commitment", "announced_package") else f"{i} → {r}"
            for m, i, r in zip(frame["measure"], frame["investor"], frame["recipient"])
        ],
        index=frame.index,
        dtype="str",
    )
    frame["event_title"] = frame["event_id"].map(dict(zip(ds.events["event_id"], ds.events["title"])))
    frame["period_text"] = [
        _period_of(m, s, e) for m, s, e in zip(frame["measure"], frame["period_start"], frame["period_end"])
    ]
    return frame.sort_values(["measure", "recipient_iso3", "period_end", "investment_id"])


def investments_table(
    ds: Dataset,
    countries: list[str] | None = None,
    measure: str | None = None,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Investment figures whose Central Asian party is among `countries` (all when empty): the recipient, or
    the investor when the recipient is not one of the five (Uzbekistan's pledge to invest in the U.S.); of
    one `measure` when given, whose period ends within `years`."""
    frame = _all_investments(ds)
    keep = in_years(frame["period_end"], years)
    if countries:
        five = frame["recipient_iso3"].where(frame["recipient_iso3"].isin(C5), frame["investor_iso3"])
        keep &= five.isin(countries)
    if measure:
        keep &= frame["measure"] == measure
    return frame[keep].reset_index(drop=True)


def money_text(qualifier: str, value: float) -> str:
    """'more than $62 billion', 'about $712.8 million': the value as stated, to four significant digits."""
    amount = f"${value / 1e9:.4g} billion" if value >= 1e9 else f"${value / 1e6:.4g} million"
    return QUALIFIER_LABELS[qualifier] + amount


def _labelled(frame: pd.DataFrame, ds: Dataset, **names_of: str) -> pd.DataFrame:
    """Add a country-name column for each `new=iso3 column` pair, and the value as text."""
    names = country_names(ds)
    for column, code_column in names_of.items():
        frame[column] = frame[code_column].map(names)
    frame["value_text"] = [money_text(q, v) for q, v in zip(frame["value_qualifier"], frame["value_usd"])]
    return frame


def _period_of(measure: str, start: pd.Timestamp, end: pd.Timestamp) -> str:
    """How a figure's period reads: a year, a date, or a span."""
    if measure in ("announced_commitment", "announced_package"):
        return f"announced {end:%Y-%m-%d}"
    if measure == "fdi_stock":
        return f"at {end:%Y-%m-%d}"
    if measure.endswith("_year"):
        return f"{end:%Y}"
    return f"to {end:%Y-%m-%d}" if pd.isna(start) else f"{start:%Y} to {end:%Y-%m-%d}"


def measures_in(investments: pd.DataFrame) -> list[str]:
    """Measures that have at least one figure, in vocabulary order."""
    present = set(investments["measure"])
    return [m for m in MEASURE_LABELS if m in present]


def measure_counts(ds: Dataset, countries: list[str], years: tuple[int, int]) -> dict[str, int]:
    """For each measure with figures in the dataset (vocabulary order), how many the filter keeps."""
    kept = investments_table(ds, countries, None, years)["measure"].value_counts()
    return {m: int(kept.get(m, 0)) for m in measures_in(ds.investments)}


def figures_text(count: int) -> str:
    """'no figures for this filter', '1 figure', '7 figures'."""
    return "no figures for this filter" if count == 0 else f"{count} figure{'s' if count > 1 else ''}"


def with_source_links(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add columns `source_link_1`, `source_link_2`, … holding the URL of each source a row cites."""
    if "source_ids" not in frame:
        return frame
    urls = dict(zip(sources["source_id"], sources["url"]))
    cited = frame["source_ids"].map(lambda v: [urls[s] for s in _split(v)])
    out = frame.copy()
    for i in range(max((len(c) for c in cited), default=0)):
        out[f"{SOURCE_LINK_PREFIX}{i + 1}"] = cited.map(lambda c, i=i: c[i] if i < len(c) else None)
    return out


def span(first: int, last: int) -> str:
    """Years as people write them: '2015–2023', or '2015' when both are the same year."""
    return str(first) if first == last else f"{first}–{last}"


def period_text(dates: pd.Series) -> str:
    """The span of a date column's years ('2015–2023'), or 'no dates'."""
    dates = dates.dropna()
    if dates.empty:
        return "no dates"
    return span(dates.min().year, dates.max().year)


PERIOD_COLUMNS = {
    "events": "start_date",
    "investments": "period_end",
    "trade": "year",
    "trade_series": "year",
    "office_holders": "start_date",
}


# The tables of facts whose primary sources the project counts (the data README's measure).
FACT_TABLES = ("events", "investments", "trade", "office_holders")


def primary_rows(ds: Dataset) -> dict[str, tuple[int, int]]:
    """For each table that cites sources: (rows citing at least one primary source, rows)."""
    kinds = dict(zip(ds.sources["source_id"], ds.sources["source_kind"]))

    def primary(ids: object) -> bool:
        return any(kinds.get(i) == "primary" for i in _split(ids))

    return {
        name: (sum(map(primary, frame["source_ids"])), len(frame))
        for name, frame in ds.tables().items()
        if "source_ids" in frame
    }


def table_summary(ds: Dataset) -> pd.DataFrame:
    """For each table: rows, period covered, share of rows citing a primary source, latest source check."""
    primary = primary_rows(ds)
    checked = dict(zip(ds.sources["source_id"], ds.sources["date_accessed"]))
    records = []
    for name, frame in ds.tables().items():
        cited = frame["source_ids"].map(_split) if "source_ids" in frame else None
        column = PERIOD_COLUMNS.get(name)
        if column == "year":
            period = span(frame[column].min(), frame[column].max()) if len(frame) else ""
        elif column:
            period = period_text(frame[column])
        else:
            period = ""
        records.append(
            {
                "table": f"{name}.csv",
                "rows": len(frame),
                "period": period,
                "primary_share": None
                if cited is None or not len(frame)
                else round(100 * primary[name][0] / len(frame)),
                "sources_checked": None
                if cited is None or not len(frame)
                else max(checked[i] for ids in cited for i in ids if i in checked),
            }
        )
    return pd.DataFrame(records)


def _split(value: object) -> list[str]:
    return [] if pd.isna(value) else [v.strip() for v in str(value).split(";") if v.strip()]


def deals_table(ds: Dataset, events: pd.DataFrame, countries: list[str] | None = None) -> pd.DataFrame:
    """Announced deals linked to one of `events`, with the title of the event where each was announced."""
    deals = investments_table(ds, countries, "announced_commitment")
    return deals[deals["event_id"].isin(events["event_id"])]
