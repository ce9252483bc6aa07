"""Pandera schemas of the dataset's tables, and the fixed vocabularies they use.

The schemas are the one place that says which columns a table has, their types and
their constraints. Cross-table checks (foreign keys, references to sources) live in
`c5dash.data`.
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

C5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ISO3_PATTERN = r"^[A-Z]{3}$"
# A partner's code: a country's ISO 3166-1 alpha-3 code, or the project's code of a bloc (EUU, GCC) or of the
# five meeting without a partner (CA5); see partners.csv.
PARTNER_PATTERN = r"^[A-Z][A-Z0-9]{2}$"
COLOUR_PATTERN = r"^#[0-9a-f]{6}$"
URL_PATTERN = r"^https?://\S+$"
# A semicolon-separated list of ids, e.g. "state-2023-blinken; astana-times-2023".
ID_LIST_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(\s*;\s*[a-z0-9]+(-[a-z0-9]+)*)*$"

SOURCE_KINDS = ("primary", "secondary")
EVENT_TYPES = (
    "state_visit",
    "official_visit",
    "official_working_visit",
    "working_visit",
    "private_visit",
    "visit",  # a visit whose protocol category the sources do not give
    "ministerial_meeting",
    "summit",
    "bilateral_meeting",
)
MEETING_TYPES = ("summit", "ministerial_meeting")  # with direction multilateral: a meeting of a C5+X format
FORMATS = ("in_person", "virtual", "hybrid")
# The direction of travel, seen from the event's partner: its officials to Central Asia, the five's to it.
DIRECTIONS = ("partner_to_region", "region_to_partner", "multilateral", "elsewhere")
# Only a held event is counted or drawn as held; the others keep the date they were announced for.
STATUSES = ("held", "postponed", "cancelled", "planned")
PARTNER_KINDS = ("country", "bloc", "the_five")
# Who represented one of the five at a meeting.
ATTENDANCE = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "deputy_minister",
    "ambassador",
    "other_official",
    "absent",
)
LEVELS = ("head_of_state", "foreign_minister", "deputy_minister", "senior_official")
# Each measure is its own quantity: figures of different measures are never added, averaged or charted together.
MEASURES = (
    "fdi_inflow_gross_year",  # a year's gross inflow of direct investment (as Kazakhstan's central bank counts it)
    "fdi_inflow_net_year",  # a year's net inflow (balance-of-payments basis, as UNCTAD counts it)
    "investment_inflow_year",  # a year's inflow of all investment, not only direct investment
    "fdi_stock",  # the position of direct investment at period_end
    "cumulative_fdi_inflow",  # direct-investment inflows summed from period_start to period_end
    "cumulative_investment",  # investment summed over a period as stated, all kinds or kind not stated
    "announced_commitment",  # a deal, purchase or pledge announced on period_end
    "announced_package",  # the stated total of a set of agreements announced together on period_end
    "investment_pledge",  # a pledge of future investment announced on period_end; the period pledged in notes
)
# What an announced deal (announced_commitment) is about; no other measure has a sector.
SECTORS = ("aircraft", "rail", "agriculture", "minerals", "energy", "digital", "other")
SECTOR_MEASURE = "announced_commitment"
TRADE_FLOWS = ("turnover", "exports", "imports")  # exports and imports of the Central Asian country
STATISTICS_OF = ("country", "partner", "not_stated")
VALUE_QUALIFIERS = ("exact", "more_than", "about", "up_to")
REPORTER_TYPES = (
    "central_bank",
    "statistics_office",
    "government_agency",
    "government_official",
    "investor",
    "international_organisation",
    "news_media",  # a news report that gives the figure in its own voice, naming no official source
)


def _id(**kw) -> object:
    return pa.Field(str_matches=ID_PATTERN, **kw)


def _iso3(**kw) -> object:
    return pa.Field(str_matches=ISO3_PATTERN, **kw)


def _source_ids() -> object:
    return pa.Field(str_matches=ID_LIST_PATTERN)


class Sources(pa.DataFrameModel):
    """Public documents the data is taken from."""

    source_id: Series[str] = _id(unique=True)
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    publisher: Series[str] = pa.Field(str_length={"min_value": 1})
    url: Series[str] = pa.Field(str_matches=URL_PATTERN)
    date_published: Series[pa.DateTime] = pa.Field(nullable=True)
    date_accessed: Series[pa.DateTime]
    source_kind: Series[str] = pa.Field(isin=SOURCE_KINDS)
    licence: Series[str] = pa.Field(str_length={"min_value": 1})
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True


class Countries(pa.DataFrameModel):
    """Countries, their names and capitals."""

    iso3: Series[str] = _iso3(unique=True)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    official_name: Series[str] = pa.Field(str_length={"min_value": 1})
    alternate_names: Series[str] = pa.Field(nullable=True)
    capital_place_id: Series[str] = _id()
    is_c5: Series[bool]
    source_ids: Series[str] = _source_ids()
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True


class Places(pa.DataFrameModel):
    """Cities where events took place, with coordinates."""

    place_id: Series[str] = _id(unique=True)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    alternate_names: Series[str] = pa.Field(nullable=True)
    iso3: Series[str] = _iso3()
    lat: Series[float] = pa.Field(ge=-90, le=90)
    lon: Series[float] = pa.Field(ge=-180, le=180)
    source_ids: Series[str] = _source_ids()
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True


class Partners(pa.DataFrameModel):
    """The five's partners, each with its format of meetings with the five, and its colour on every chart."""

    partner: Series[str] = pa.Field(str_matches=PARTNER_PATTERN, unique=True)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    kind: Series[str] = pa.Field(isin=PARTNER_KINDS)
    iso3: Series[str] = _iso3(nullable=True)
    format_name: Series[str] = pa.Field(str_length={"min_value": 1})
    colour: Series[str] = pa.Field(str_matches=COLOUR_PATTERN, unique=True)
    source_ids: Series[str] = _source_ids()
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True


class Events(pa.DataFrameModel):
    """Visits, meetings and summits, each with its partner (the United States for visits)."""

    event_id: Series[str] = _id(unique=True)
    start_date: Series[pa.DateTime]
    end_date: Series[pa.DateTime]
    event_type: Series[str] = pa.Field(isin=EVENT_TYPES)
    direction: Series[str] = pa.Field(isin=DIRECTIONS)
    level: Series[str] = pa.Field(isin=LEVELS)
    format: Series[str] = pa.Field(isin=FORMATS)
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    place_id: Series[str] = _id(nullable=True)
    summary: Series[str] = pa.Field(str_length={"min_value": 1})
    source_ids: Series[str] = _source_ids()
    record_ids: Series[str] = pa.Field(str_matches=ID_LIST_PATTERN, nullable=True)
    notes: Series[str] = pa.Field(nullable=True)
    partner: Series[str] = pa.Field(str_matches=PARTNER_PATTERN)
    status: Series[str] = pa.Field(isin=STATUSES)
    host: Series[str] = pa.Field(str_matches=PARTNER_PATTERN, nullable=True)
    outcome_source_id: Series[str] = _id(nullable=True)
    occasion: Series[str] = pa.Field(nullable=True)
    sideline_of: Series[str] = _id(nullable=True)

    class Config:
        strict = True


class EventAttendance(pa.DataFrameModel):
    """Who represented each of the five at a meeting, where a source says so."""

    event_id: Series[str] = _id()
    iso3: Series[str] = pa.Field(isin=C5)
    attended_as: Series[str] = pa.Field(isin=ATTENDANCE)
    source_ids: Series[str] = _source_ids()
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        unique = ["event_id", "iso3"]


class EventCountries(pa.DataFrameModel):
    """Every country taking part in an event: one row per event and country."""

    event_id: Series[str] = _id()
    iso3: Series[str] = _iso3()

    class Config:
        strict = True
        unique = ["event_id", "iso3"]


class EventPeople(pa.DataFrameModel):
    """People taking part in an event, with the role they held then."""

    event_id: Series[str] = _id()
    person: Series[str] = pa.Field(str_length={"min_value": 1})
    role: Series[str] = pa.Field(str_length={"min_value": 1})
    iso3: Series[str] = _iso3()

    class Config:
        strict = True
        unique = ["event_id", "person"]


class Investments(pa.DataFrameModel):
    """Investment and trade figures, each saying what it measures and who reported it."""

    investment_id: Series[str] = _id(unique=True)
    investor_iso3: Series[str] = _iso3()
    recipient_iso3: Series[str] = _iso3()
    period_start: Series[pa.DateTime] = pa.Field(nullable=True)
    period_end: Series[pa.DateTime]
    measure: Series[str] = pa.Field(isin=MEASURES)
    value_usd: Series[float] = pa.Field(ge=0)
    value_qualifier: Series[str] = pa.Field(isin=VALUE_QUALIFIERS)
    reporter: Series[str] = pa.Field(str_length={"min_value": 1})
    reporter_type: Series[str] = pa.Field(isin=REPORTER_TYPES)
    event_id: Series[str] = _id(nullable=True)
    sector: Series[str] = pa.Field(isin=SECTORS, nullable=True)  # a deal's only (SECTOR_MEASURE)
    payer_iso3: Series[str] = _iso3(nullable=True)  # the party that pays, for a deal
    source_ids: Series[str] = _source_ids()
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True


class Trade(pa.DataFrameModel):
    """Trade in goods of one of the five with a partner in one year, as one reporter gave it."""

    trade_id: Series[str] = _id(unique=True)
    country_iso3: Series[str] = _iso3()
    partner_iso3: Series[str] = _iso3()
    year: Series[int] = pa.Field(ge=1991, le=2100)
    flow: Series[str] = pa.Field(isin=TRADE_FLOWS)
    statistics_of: Series[str] = pa.Field(isin=STATISTICS_OF)
    value_usd: Series[float] = pa.Field(ge=0)
    value_qualifier: Series[str] = pa.Field(isin=VALUE_QUALIFIERS)
    reporter: Series[str] = pa.Field(str_length={"min_value": 1})
    reporter_type: Series[str] = pa.Field(isin=REPORTER_TYPES)
    source_ids: Series[str] = _source_ids()
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True


# A complete official series: every year a statistics office reports, not a figure someone stated.
SERIES_FLOWS = ("exports", "imports")  # of the Central Asian country; turnover and balance are derived, never stored
SERIES_STATISTICS_OF = ("country", "partner")
VINTAGE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"  # the last month of data in the release a figure was read from


class TradeSeries(pa.DataFrameModel):
    """One year of an official annual series of trade in goods of one of the five with a partner."""

    series_id: Series[str] = _id()
    country_iso3: Series[str] = pa.Field(isin=C5)
    partner_iso3: Series[str] = _iso3()
    year: Series[int] = pa.Field(ge=1991, le=2100)
    flow: Series[str] = pa.Field(isin=SERIES_FLOWS)
    statistics_of: Series[str] = pa.Field(isin=SERIES_STATISTICS_OF)
    value_usd: Series[float] = pa.Field(ge=0)
    reporter: Series[str] = pa.Field(str_length={"min_value": 1})
    vintage: Series[str] = pa.Field(str_matches=VINTAGE_PATTERN)
    source_ids: Series[str] = _source_ids()
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        unique = ["series_id", "year", "flow"]


OFFICES = ("head_of_state", "us_chief_of_mission")


class OfficeHolders(pa.DataFrameModel):
    """Heads of state of the five and U.S. chiefs of mission to them, with their terms."""

    holder_id: Series[str] = _id(unique=True)
    iso3: Series[str] = _iso3()
    office: Series[str] = pa.Field(isin=OFFICES)
    person: Series[str] = pa.Field(str_length={"min_value": 1})
    alternate_names: Series[str] = pa.Field(nullable=True)
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    acting: Series[bool]
    start_date: Series[pa.DateTime] = pa.Field(nullable=True)
    end_date: Series[pa.DateTime] = pa.Field(nullable=True)
    source_ids: Series[str] = _source_ids()
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True


# File stem -> schema, in the order tables are loaded and reported.
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "sources": Sources,
    "countries": Countries,
    "places": Places,
    "partners": Partners,
    "events": Events,
    "event_countries": EventCountries,
    "event_people": EventPeople,
    "event_attendance": EventAttendance,
    "investments": Investments,
    "trade": Trade,
    "trade_series": TradeSeries,
    "office_holders": OfficeHolders,
}

# (table, column) -> (table, column) it must resolve to.
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("countries", "capital_place_id", "places", "place_id"),
    ("places", "iso3", "countries", "iso3"),
    ("partners", "iso3", "countries", "iso3"),
    ("events", "place_id", "places", "place_id"),
    ("events", "partner", "partners", "partner"),
    ("events", "outcome_source_id", "sources", "source_id"),
    ("events", "sideline_of", "events", "event_id"),
    ("event_attendance", "event_id", "events", "event_id"),
    ("event_countries", "event_id", "events", "event_id"),
    ("event_countries", "iso3", "countries", "iso3"),
    ("event_people", "event_id", "events", "event_id"),
    ("investments", "investor_iso3", "countries", "iso3"),
    ("investments", "recipient_iso3", "countries", "iso3"),
    ("investments", "event_id", "events", "event_id"),
    ("investments", "payer_iso3", "countries", "iso3"),
    ("trade", "country_iso3", "countries", "iso3"),
    ("trade", "partner_iso3", "countries", "iso3"),
    ("trade_series", "country_iso3", "countries", "iso3"),
    ("trade_series", "partner_iso3", "countries", "iso3"),
    ("office_holders", "iso3", "countries", "iso3"),
]

# (table, column): a country's ISO3 code in countries.csv or a partner's code in partners.csv (a bloc's official,
# a meeting hosted by the EU).
PARTY_KEYS: list[tuple[str, str]] = [("events", "host"), ("event_people", "iso3")]

# (table, start column, end column): end must not be before start.
DATE_RANGES: list[tuple[str, str, str]] = [
    ("events", "start_date", "end_date"),
    ("investments", "period_start", "period_end"),
    ("office_holders", "start_date", "end_date"),
]

# Hosts whose pages are not the original publisher's or do not open for the public: sources.csv cites the
# original (the Wikipedia article itself, the government's page, the newspaper) and says in its notes where a
# copy was read. Each entry: a regular expression matched against the URL's host name, and what such hosts are.
LOW_STANDING_HOSTS: tuple[tuple[str, str], ...] = (
    # copies and mirrors of Wikipedia, offline snapshots, machine translations of it
    (r"(^|\.)wikizero\.(com|net|org)$", "a copy of Wikipedia"),
    (r"(^|\.)piglix\.com$", "a copy of Wikipedia"),
    (r"(^|\.)academic\.ru$", "a copy of Wikipedia"),
    (r"(^|\.)fact-index\.com$", "a copy of Wikipedia"),
    (r"(^|\.)wikiwand\.com$", "a copy of Wikipedia"),
    (r"(^|\.)wikiclassic\.com$", "a copy of Wikipedia"),
    (r"(^|\.)wikimili\.com$", "a copy of Wikipedia"),
    (r"(^|\.)zxc\.wiki$", "a machine translation of Wikipedia"),
    (r"(^|\.)abcdef\.wiki$", "a machine translation of Wikipedia"),
    (r"(^|\.)tripomatic\.com$", "a travel site's copy of Wikipedia"),
    (r"kiwix|(^|\.)1209k\.com$|(^|\.)osmarks\.net$", "an offline (Kiwix) copy of Wikipedia"),
    (r"(^|\.)ipfs\.(io|dweb\.link)$|(^|\.)dweb\.link$", "an IPFS snapshot"),
    # library proxies and hosts not open to the public (a URL with an explicit port is also refused)
    (r"proxy", "a library proxy, not open to the public"),
    (r"^staging\.", "a staging host, not the publisher's public site"),
    # children's and students' editions of encyclopedias
    (r"^kids\.|(^|\.)kiddle\.co$|^school\.eb\.", "a children's edition of an encyclopedia"),
)
