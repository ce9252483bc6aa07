"""What the map shows: one value per country, with its period and units, and the places of events.

Pure functions of the dataset and a view (countries, years); no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from c5dash.data import Dataset
from c5dash.meetings import ALL_PARTNERS, chosen_partners, partner_labels
from c5dash.schemas import C5
from c5dash.trade import latest_series_year, trade_series, trade_table
from c5dash.transform import (
    DEFAULT_PARTNER,
    LEVEL_LABELS,
    MEASURE_LABELS,
    called,
    country_names,
    events_table,
    format_meetings,
    investments_table,
    involving,
    money_text,
    span,
)

MAP_METRICS = {
    "events": "Events each country took part in",
    "us_visits": "Visits by U.S. officials to the country",
    "visits_to_us": "Visits by the country's officials to the U.S.",
    "c5_meetings": "C5+1 meetings and summits",
    "format_meetings": "C5+X meetings each country attended",
    "format_hosted": "C5+X meetings held in each country",
    "days_since_visit": "Days since the last U.S. visit",
    "investment": "Investment: the latest figure of one measure",
    "trade": "Trade in goods with a partner: the latest year",
}
COUNT_METRICS = ("events", "us_visits", "visits_to_us", "c5_meetings", "format_meetings", "format_hosted")
COUNT_UNITS = {  # what a count metric counts, the title of its colour bar
    "events": "Events",
    "us_visits": "Visits",
    "visits_to_us": "Visits",
    "c5_meetings": "Meetings",
    "format_meetings": "Meetings",
    "format_hosted": "Meetings",
}
FORMAT_METRICS = ("format_meetings", "format_hosted")  # counts of one partner's format meetings (or all)
LEVEL_LABELS = {"any": "Any level", **LEVEL_LABELS}


@dataclass(frozen=True)
class MapValues:
    """One value per country of the five (NaN where there is none), with what it means."""

    values: pd.DataFrame  # iso3, value, detail
    unit: str
    title: str
    summary: str


def _counting(events: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The events a count metric counts."""
    if metric == "us_visits":
        return events[events["direction"] == "partner_to_region"]
    if metric == "visits_to_us":
        return events[events["direction"] == "region_to_partner"]
    if metric == "c5_meetings":
        return format_meetings(events, "USA")
    if metric in FORMAT_METRICS:
        meetings = format_meetings(events)
        if metric == "format_hosted":  # counted for the country it was held in, if one of the five
            return meetings.assign(countries=meetings["place_iso3"].map(lambda c: [c] if c in C5 else []))
        return meetings
    return events


def _counts(events: pd.DataFrame, countries: list[str], period: str) -> pd.DataFrame:
    """Per country: how many of `events` it took part in, and the sources of those events."""
    links = events[["event_id", "countries", "source_ids"]].explode("countries")
    counts = links["countries"].value_counts()
    return pd.DataFrame(
        {
            "iso3": countries,
            "value": [float(counts.get(c, 0)) for c in countries],
            "detail": [f"{int(counts.get(c, 0))} event(s), {period}" for c in countries],
            "source_ids": [_joined_ids(links.loc[links["countries"] == c, "source_ids"]) for c in countries],
        }
    )


def _joined_ids(cited: pd.Series) -> str:
    """The source ids of `cited` ("a; b" each), each once, in order, as "a; b; c"."""
    ids = [i.strip() for v in cited.dropna() for i in str(v).split(";") if i.strip()]
    return "; ".join(dict.fromkeys(ids))


def _at_level(events: pd.DataFrame, level: str) -> pd.DataFrame:
    return events if level == "any" else events[events["level"] == level]


def _chosen(countries: list[str]) -> list[str]:
    return list(countries) if countries else list(C5)


def counted_events(
    ds: Dataset,
    countries: list[str] | None,
    years: tuple[int, int],
    metric: str,
    level: str = "any",
    partner: str = DEFAULT_PARTNER,
) -> pd.DataFrame:
    """The held events a count metric counts (at `level`, or any) within `years`, for `countries` (all
    when None), of one `partner` ("all": every partner; only the format metrics look beyond the U.S.);
    for "days_since_visit", the U.S. visits it looks at."""
    partners = chosen_partners(partner) if metric in FORMAT_METRICS else [DEFAULT_PARTNER]
    events = events_table(ds, countries, years, partners)
    if metric == "days_since_visit":
        return _at_level(events[events["direction"] == "partner_to_region"], level)
    return _at_level(_counting(events, metric), level)


def count_values(
    ds: Dataset,
    countries: list[str],
    years: tuple[int, int],
    metric: str,
    level: str = "any",
    partner: str = DEFAULT_PARTNER,
) -> MapValues:
    """How many events of a kind (at `level`, or any; of one format's `partner`) each chosen country took
    part in, or hosted, within `years`."""
    events = counted_events(ds, None, years, metric, level, partner)
    chosen = _chosen(countries)
    values = _counts(events, chosen, span(*years))
    names = country_names(ds)
    summary = "; ".join(f"{names[c]} {int(v)}" for c, v in zip(values["iso3"], values["value"]))
    at_level = "" if level == "any" else f" ({LEVEL_LABELS[level].lower()})"
    title = MAP_METRICS[metric]
    if metric in FORMAT_METRICS:
        title = title.replace("C5+X", "C5+X" if partner == ALL_PARTNERS else partner_labels(ds)[partner])
    return MapValues(values, COUNT_UNITS[metric], f"{title}{at_level}, {span(*years)} (count)", summary + ".")


def yearly_count_values(
    ds: Dataset,
    countries: list[str],
    years: tuple[int, int],
    metric: str,
    level: str = "any",
    partner: str = DEFAULT_PARTNER,
) -> dict[int, pd.DataFrame]:
    """For the map's year slider: the counts up to and including each year of `years`."""
    events = counted_events(ds, None, years, metric, level, partner)
    chosen = _chosen(countries)
    links = events[["countries", "start_date"]].explode("countries")
    per_year = pd.crosstab(links["start_date"].dt.year, links["countries"])
    running = per_year.reindex(range(years[0], years[1] + 1), fill_value=0).cumsum()
    running = running.reindex(columns=chosen, fill_value=0)
    counts = running.to_numpy().tolist()
    return {
        year: pd.DataFrame(
            {
                "iso3": chosen,
                "value": [float(n) for n in row],
                "detail": [f"{n} event(s), {span(years[0], year)}" for n in row],
            }
        )
        for year, row in zip(running.index, counts)
    }


def days_since_values(ds: Dataset, countries: list[str], years: tuple[int, int], level: str, today: date) -> MapValues:
    """Days from the end of the last U.S. visit at `level` (or any level) within `years` to `today`."""
    visits = events_table(ds, None, years)
    visits = _at_level(visits[visits["direction"] == "partner_to_region"], level)
    rows = []
    for code in _chosen(countries):
        mine = involving(visits, lambda codes, code=code: code in codes)
        if mine.empty:
            rows.append(
                {"iso3": code, "value": float("nan"), "detail": "no such visit in the period", "source_ids": ""}
            )
            continue
        last = mine.loc[mine["end_date"].idxmax()]
        days = (pd.Timestamp(today) - last["end_date"]).days
        rows.append(
            {
                "iso3": code,
                "value": float(days),
                "detail": f"{days} days, since {last['title']} ({last['end_date']:%Y-%m-%d})",
                "source_ids": last["source_ids"],
            }
        )
    values = pd.DataFrame(rows)
    names = country_names(ds)
    known = values.dropna(subset=["value"])
    summary = (
        "; ".join(f"{names[c]} {int(v)} days" for c, v in zip(known["iso3"], known["value"])) + "."
        if len(known)
        else "No such visit in the period."
    )
    title = (
        f"Days since the last U.S. visit ({LEVEL_LABELS[level].lower()}), visits {span(*years)}, to {today:%Y-%m-%d}"
    )
    return MapValues(values, "Days", title, summary)


def investment_values(
    ds: Dataset, countries: list[str], years: tuple[int, int], measure: str, investor: str
) -> MapValues:
    """The latest figure of one measure from one investor (for deals: with one partner) in each chosen
    country, never a sum."""
    rows = investments_table(ds, _chosen(countries), measure, years)
    rows = rows[rows["investor_iso3"] == investor].sort_values(["period_end", "investment_id"])
    latest = rows.groupby("recipient_iso3").tail(1).set_index("recipient_iso3")
    names = country_names(ds)
    deal = measure == "announced_commitment"  # a deal's partner, not its investor
    values = pd.DataFrame(
        {
            "iso3": _chosen(countries),
            "value": [
                latest.at[c, "value_usd"] / 1e9 if c in latest.index else float("nan") for c in _chosen(countries)
            ],
            "detail": [
                f"{latest.at[c, 'value_text']}, {latest.at[c, 'period_text']}, reported by {latest.at[c, 'reporter']}"
                if c in latest.index
                else "no figure"
                for c in _chosen(countries)
            ],
            "source_ids": [latest.at[c, "source_ids"] if c in latest.index else "" for c in _chosen(countries)],
        }
    )
    summary = (
        "; ".join(f"{names[c]}: {latest.at[c, 'value_text']} ({latest.at[c, 'period_text']})" for c in latest.index)
        + "."
        if len(latest)
        else f"No figure of this measure {'with this partner' if deal else 'from this investor'} in the period."
    )
    title = (
        f"{MEASURE_LABELS[measure]} {'with' if deal else 'from'} {called(investor, names)}, latest figure, "
        f"{span(*years)}, US$ billion"
    )
    return MapValues(values, "US$ bn", title, summary)


def investor_choices(ds: Dataset, measure: str) -> list[str]:
    """The investors (for deals: partners) with figures of `measure`, the United States first, the
    dashboard's default, then the others alphabetically."""
    return _us_first(ds.investments.loc[ds.investments["measure"] == measure, "investor_iso3"])


def partner_choices(ds: Dataset) -> list[str]:
    """The trade partners with turnover figures, the United States first, then the others alphabetically."""
    return _us_first(ds.trade.loc[ds.trade["flow"] == "turnover", "partner_iso3"])


def _us_first(codes: pd.Series) -> list[str]:
    return sorted(set(codes), key=lambda c: (c != "USA", c))


STATISTICS_PREFERENCE = ("country", "partner", "not_stated")  # on a tie, the Central Asian side's own


def trade_values(ds: Dataset, countries: list[str], years: tuple[int, int], partner: str) -> MapValues:
    """Each chosen country's trade turnover with `partner`: from the official series where there is one (its
    latest complete year in the period), otherwise from the statements (`stated_trade_values`)."""
    series = trade_series(ds, _chosen(countries), years)
    series = series[(series["partner_iso3"] == partner) & (series["flow"] == "turnover")]
    if series.empty:
        return stated_trade_values(ds, countries, years, partner)
    names = country_names(ds)
    chosen = _chosen(countries)
    year = latest_series_year(series)
    latest = series[series["year"] == year].drop_duplicates("country_iso3").set_index("country_iso3")
    reporter = " and ".join(dict.fromkeys(latest["reporter"]))
    releases = ", ".join(sorted(set(latest["vintage"])))
    whose = f"{reporter}, release {releases}; turnover = exports + imports, derived"

    def detail(code: str) -> str:
        if code not in latest.index:
            return f"no {year} figure in the series"
        return f"{money_text('exact', latest.at[code, 'value_usd'])} in {year} ({whose})"

    values = pd.DataFrame(
        {
            "iso3": chosen,
            "value": [latest.at[c, "value_usd"] / 1e9 if c in latest.index else float("nan") for c in chosen],
            "detail": [detail(c) for c in chosen],
            "source_ids": [latest.at[c, "source_ids"] if c in latest.index else "" for c in chosen],
        }
    )
    shown = latest.reindex([c for c in chosen if c in latest.index]).sort_values("value_usd", ascending=False)
    summary = (
        f"Trade in goods with {called(partner, names)} in {year}, the latest complete year of the official series "
        f"({whose}): " + "; ".join(f"{names[c]} {money_text('exact', v)}" for c, v in shown["value_usd"].items()) + "."
    )
    title = f"Trade in goods with {called(partner, names)} in {year} (turnover, {reporter}), US$ billion"
    return MapValues(values, f"US$ bn<br>{year}", title, summary)


def stated_trade_values(ds: Dataset, countries: list[str], years: tuple[int, int], partner: str) -> MapValues:
    """Each chosen country's stated trade turnover with `partner`, like with like: one side's statistics (those
    with figures for the most countries) and one year (the one with the most figures in them, the latest
    on a tie). A country with no such figure has none, and its hover says which other figure there is."""
    rows = trade_table(ds, _chosen(countries), "turnover", years)
    rows = rows[rows["partner_iso3"] == partner].sort_values(["year", "trade_id"])
    names = country_names(ds)
    chosen = _chosen(countries)
    if rows.empty:
        values = pd.DataFrame(
            {"iso3": chosen, "value": float("nan"), "detail": "no figure in the period", "source_ids": ""}
        )
        title = f"Trade turnover with {called(partner, names)}, {span(*years)}, US$ billion"
        return MapValues(values, "US$ bn", title, "No trade figure with this partner in the period.")
    reach = rows.groupby("statistics_of")["country_iso3"].nunique()
    side = max(STATISTICS_PREFERENCE, key=lambda k: (reach.get(k, 0), -STATISTICS_PREFERENCE.index(k)))
    mine = rows[rows["statistics_of"] == side]
    year = int(mine.groupby("year")["country_iso3"].nunique().pipe(lambda n: n[n == n.max()]).index.max())
    compared = mine[mine["year"] == year].groupby("country_iso3").tail(1).set_index("country_iso3")
    whose = {
        "country": "each country's own statistics",
        "partner": f"{called(partner, names)}'s statistics",
        "not_stated": "figures whose statistics are not stated",
    }[side]

    def detail(code: str) -> str:
        if code in compared.index:
            row = compared.loc[code]
            return f"{row['value_text']} in {year}, {row['statistics_label']}, reported by {row['reporter']}"
        other = rows[rows["country_iso3"] == code]
        if other.empty:
            return f"no figure in {span(*years)}"
        last = other.iloc[-1]
        own = "its own statistics" if side == "country" else whose
        return (
            f"not compared: no {year} figure in {own}; the latest other is {last['value_text']} in "
            f"{last['year']} ({last['statistics_label']})"
        )

    values = pd.DataFrame(
        {
            "iso3": chosen,
            "value": [compared.at[c, "value_usd"] / 1e9 if c in compared.index else float("nan") for c in chosen],
            "detail": [detail(c) for c in chosen],
            "source_ids": [compared.at[c, "source_ids"] if c in compared.index else "" for c in chosen],
        }
    )
    summary = (
        f"In {year}, by {whose}: "
        + "; ".join(f"{names[c]} {compared.at[c, 'value_text']}" for c in compared.index)
        + "."
        + (" Grey: no figure of that year in those statistics." if len(compared) < len(chosen) else "")
    )
    title = f"Trade turnover with {called(partner, names)} in {year}, by {whose}, US$ billion"
    return MapValues(values, f"US$ bn<br>{year}", title, summary)


def event_places(events: pd.DataFrame, what: str = "event(s)", period: str = "") -> pd.DataFrame:
    """Places of `events` in the five countries with how many events each: place_id, name, lat, lon,
    events, and detail, the hover text ("3 <what> here, <period>")."""
    located = events.dropna(subset=["place_id"])
    located = located[located["place_iso3"].isin(C5)]
    counts = located.groupby(["place_id", "place", "lat", "lon"]).size().rename("events").reset_index()
    counts = counts.rename(columns={"place": "name"})
    counts["detail"] = [f"{n} {what} here{', ' + period if period else ''}" for n in counts["events"]]
    return counts


def yearly_places(events: pd.DataFrame, years: tuple[int, int], what: str = "event(s)") -> dict[int, pd.DataFrame]:
    """For the map's year slider: `event_places(events)` up to and including each year of `years`, every
    place in every year (with 0 before its first event), in the order of `event_places(events)`."""
    places = event_places(events, what)
    located = events[events["place_id"].isin(places["place_id"])]
    per_year = pd.crosstab(located["start_date"].dt.year, located["place_id"])  # one table, not one per year
    running = per_year.reindex(range(years[0], years[1] + 1), fill_value=0).cumsum()
    running = running.reindex(columns=places["place_id"], fill_value=0)
    frames = {}
    for year, row in zip(running.index, running.to_numpy().tolist()):
        frames[year] = pd.DataFrame(
            {"events": row, "detail": [f"{n} {what} here, {span(years[0], year)}" for n in row]}
        )
    return frames
