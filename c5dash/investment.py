"""Investment figures as the Investment page shows them: which figures of a measure join into a line over
time and which stay bars, each figure's partner and colour, the board of announced deals and the stated
totals beside it, and the sentences written under each. Pure functions; no Streamlit."""

from __future__ import annotations

import re

import pandas as pd

from c5dash import transform
from c5dash.data import Dataset
from c5dash.figures.common import COUNTRY_COLORS
from c5dash.schemas import C5, SECTOR_MEASURE, SECTORS
from c5dash.transform import _split

LINE_MIN_DATES = 3  # a series needs figures at three dates or more to draw as a line; fewer draw as bars
# Sums over a period: figures counted from different starts are different quantities, never joined.
CUMULATIVE = ("cumulative_fdi_inflow", "cumulative_investment")
NEUTRAL_GREY = "#777777"  # an investor that is neither a partner (partners.csv) nor one of the five
SECTOR_LABELS = {s: s.capitalize() for s in SECTORS}
ALL_SECTORS = "all"
STATED_TOTALS = ("announced_package", "investment_pledge")  # shown beside the deals, never summed with them
# Announcements are one-off, each about its own deal, package or pledge: never joined into a line.
ANNOUNCED = (SECTOR_MEASURE, *STATED_TOTALS)


def series_key(rows: pd.DataFrame) -> pd.Series:
    """The series each figure belongs to: one measure, one investor, one recipient, and for a sum over a
    period its start (empty when not stated). Figures of different keys are never joined."""
    start = rows["period_start"].dt.strftime("%Y-%m-%d").fillna("")
    start = start.where(rows["measure"].isin(CUMULATIVE), "")
    return rows["measure"] + "|" + rows["investor_iso3"] + "|" + rows["recipient_iso3"] + "|" + start


def split_lines(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures drawn as lines, figures drawn as bars). A series (`series_key`) with figures at
    `LINE_MIN_DATES` dates or more is a line, its figures in date order (then by reporter) with `series`,
    `series_name` and `same_date` (the other reporters giving a figure for the same date, or empty);
    every other figure, and every announcement (`ANNOUNCED`), stays a bar."""
    key = series_key(rows)
    dates = rows.groupby(key)["period_end"].transform("nunique")
    lined = (dates >= LINE_MIN_DATES) & ~rows["measure"].isin(ANNOUNCED)
    lines = rows[lined].assign(series=key[lined])
    lines = lines.sort_values(["series", "period_end", "reporter", "investment_id"]).reset_index(drop=True)
    by_date = lines.groupby(["series", "period_end"])["reporter"].transform(lambda r: [list(r)] * len(r))
    lines["same_date"] = [
        "; ".join(other for other in together if other != own) for own, together in zip(lines["reporter"], by_date)
    ]
    lines["series_name"] = [_series_name(r) for r in lines.itertuples()]
    return lines, rows[~lined].reset_index(drop=True)


def _series_name(row) -> str:
    name = f"{row.investor} → {row.recipient}"
    if row.measure in CUMULATIVE:
        name += f", since {row.period_start:%Y}" if pd.notna(row.period_start) else ", start not stated"
    return name


def partner_of(rows: pd.DataFrame) -> pd.Series:
    """Each figure's partner: the investor, or the recipient when the investor is one of the five."""
    return rows["investor_iso3"].where(~rows["investor_iso3"].isin(C5), rows["recipient_iso3"])


def colours(ds: Dataset, codes: pd.Series) -> dict[str, str]:
    """Country code -> colour: a partner's own (partners.csv), else one of the five's, else neutral grey."""
    partner = dict(zip(ds.partners["iso3"].dropna(), ds.partners.loc[ds.partners["iso3"].notna(), "colour"]))
    return {c: partner.get(c, COUNTRY_COLORS.get(c, NEUTRAL_GREY)) for c in codes.unique()}


def source_publishers(ds: Dataset, rows: pd.DataFrame) -> pd.Series:
    """Each row's sources as their publishers, '; '-separated (for a hover)."""
    publishers = dict(zip(ds.sources["source_id"], ds.sources["publisher"]))
    return rows["source_ids"].map(lambda ids: "; ".join(dict.fromkeys(publishers.get(i, i) for i in _split(ids))))


def line_summary(lines: pd.DataFrame) -> str:
    """A sentence per line: its first and last figures, how many figures and reporters, and each date two
    reporters give."""
    sentences = []
    for _, part in lines.groupby("series", sort=False):
        first, last = part.iloc[0], part.iloc[-1]
        reporters = part["reporter"].nunique()
        text = (
            f"{first['series_name']}: {first['value_text']} ({first['period_text']}, {first['reporter']}) to "
            f"{last['value_text']} ({last['period_text']}, {last['reporter']}); {len(part)} figures from "
            f"{reporters} reporter{'s' if reporters > 1 else ''}, joined in date order."
        )
        shared = part[part["same_date"] != ""].groupby("period_end")["reporter"].agg(list)
        for day, names in shared.items():
            text += f" On {day:%Y-%m-%d} {len(names)} reporters give figures ({'; '.join(names)}): each is a point."
        sentences.append(text)
    return " ".join(sentences)


def bar_summary(bars: pd.DataFrame) -> str:
    """How many figures the bars show and the largest, as stated."""
    top = bars.loc[bars["value_usd"].idxmax()]
    return (
        f"{len(bars)} figure(s) drawn as bars (fewer than {LINE_MIN_DATES} dates for their pair of countries); "
        f"the largest is {top['value_text']} ({top['parties']}, {top['period_text']}, reported by {top['reporter']})."
    )


def by_five(ds: Dataset, measure: str, countries: list[str], years: tuple[int, int]) -> pd.DataFrame:
    """Figures of one measure whose Central Asian party is among `countries` (all when empty), with that
    party's `country_iso3` and `country` and the figure's `partner_iso3` and `partner` (`partner_of`)."""
    rows = transform.investments_table(ds, countries, measure, years)
    five = rows["recipient_iso3"].where(rows["recipient_iso3"].isin(C5), rows["investor_iso3"])
    names = dict(zip(ds.countries["iso3"], ds.countries["name"]))
    partner = partner_of(rows)
    return rows.assign(country_iso3=five, country=five.map(names), partner_iso3=partner, partner=partner.map(names))


def deals_board(ds: Dataset, countries: list[str], years: tuple[int, int], sector: str = ALL_SECTORS) -> pd.DataFrame:
    """The announced deals of `countries` within `years`, of one sector unless `ALL_SECTORS`, by country,
    date and partner, with `sector_label` and `payer` ('not recorded' when empty)."""
    rows = by_five(ds, SECTOR_MEASURE, countries, years)
    if sector != ALL_SECTORS:
        rows = rows[rows["sector"] == sector]
    names = dict(zip(ds.countries["iso3"], ds.countries["name"]))
    rows = rows.assign(
        sector_label=rows["sector"].map(SECTOR_LABELS).fillna("not recorded"),
        payer=rows["payer_iso3"].map(names).fillna("not recorded"),
    )
    return rows.sort_values(["country", "period_end", "partner", "investment_id"]).reset_index(drop=True)


def sector_counts(ds: Dataset, countries: list[str], years: tuple[int, int]) -> dict[str, int]:
    """Deals the filter keeps: all of them, then each sector of the vocabulary."""
    deals = deals_board(ds, countries, years)
    return {ALL_SECTORS: len(deals), **{s: int((deals["sector"] == s).sum()) for s in SECTORS}}


def stated_totals(ds: Dataset, countries: list[str], years: tuple[int, int]) -> pd.DataFrame:
    """Announced packages and pledges of `countries` within `years`: separate measures, never summed with the
    deals or with each other."""
    parts = [by_five(ds, m, countries, years) for m in STATED_TOTALS]
    rows = pd.concat(parts, ignore_index=True)
    return rows.sort_values(["country", "period_end", "investment_id"]).reset_index(drop=True)


def what_of(notes: object, limit: int = 90) -> str:
    """What a deal is, as its notes begin: their first clause ('Boeing 787-9 aircraft for Air Astana'),
    cut at a word to at most `limit` characters; empty when there are no notes."""
    if not isinstance(notes, str) or not notes.strip():
        return ""
    first = re.split(r"(?<=[a-z0-9)])[.;](?:\s|$)", notes.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit - 1)
    return first[: cut if cut > 0 else limit - 1] + "…"


def board_summary(deals: pd.DataFrame, sector: str) -> str:
    """What the board holds, counted (deals are never added up): deals, countries, partners, events, and how
    many have their sector and payer recorded."""
    if deals.empty:
        return ""
    what = "deal(s)" if sector == ALL_SECTORS else f"deal(s) in the sector {SECTOR_LABELS[sector].lower()}"
    linked = int(deals["event_id"].notna().sum())
    recorded = [
        f"{label} recorded for {count} of {len(deals)}"
        for label, count in (("sector", deals["sector"].notna().sum()), ("payer", deals["payer_iso3"].notna().sum()))
    ]
    return (
        f"{len(deals)} {what} of {deals['country'].nunique()} of the five with {deals['partner'].nunique()} "
        f"partner(s); {linked} announced at {deals['event_id'].nunique()} event(s) in the data, "
        f"{len(deals) - linked} at none; {', '.join(recorded)}. Values are as each reporter stated them and "
        "are never added up: some deals may be parts of others."
    )
