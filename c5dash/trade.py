"""Trade in goods: the statements of trade.csv, the official series of trade_series.csv and the
measures derived from them, and what the Trade page shows of them. Pure functions; no Streamlit."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from c5dash.data import Dataset
from c5dash.transform import _labelled, called, country_names, in_years, money_text, span

TRADE_FLOW_LABELS = {
    "turnover": "Trade turnover (exports plus imports)",
    "exports": "Exports of the Central Asian country to the partner",
    "imports": "Imports of the Central Asian country from the partner",
}
STATISTICS_LABELS = {
    "country": "Central Asian statistics",
    "partner": "partner's statistics",
    "not_stated": "statistics not stated",
}


def trade_table(
    ds: Dataset,
    countries: list[str] | None = None,
    flow: str | None = None,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Trade figures of `countries` (all five when empty), of one `flow` when given, in `years`, labelled."""
    frame = ds.trade[in_years(ds.trade["year"], years)].copy()
    if countries:
        frame = frame[frame["country_iso3"].isin(countries)]
    if flow:
        frame = frame[frame["flow"] == flow]
    frame = _labelled(frame, ds, country="country_iso3", partner="partner_iso3")
    frame["statistics_label"] = frame["statistics_of"].map(STATISTICS_LABELS)
    return frame.sort_values(["country_iso3", "partner_iso3", "year", "trade_id"]).reset_index(drop=True)


SERIES_FLOW_LABELS = {
    "exports": "Exports",
    "imports": "Imports",
    "turnover": "Turnover (exports + imports, derived)",
    "balance": "Balance (exports − imports, derived)",
}
SERIES_KEY = ["series_id", "country_iso3", "partner_iso3", "statistics_of", "reporter", "year", "vintage"]


def derived_series(series: pd.DataFrame) -> pd.DataFrame:
    """Turnover (exports + imports) and balance (exports − imports) of each series, year and vintage that has
    both flows; never across series, reporters or releases. Rows are flagged `derived`; balance may be negative."""
    flows = series.pivot_table(index=SERIES_KEY, columns="flow", values="value_usd", aggfunc="first")
    if not {"exports", "imports"} <= set(flows.columns):
        return series.iloc[0:0].assign(derived=pd.Series(dtype=bool))
    both = flows.dropna(subset=["exports", "imports"])
    sources = series.groupby(SERIES_KEY)["source_ids"].agg(lambda ids: "; ".join(dict.fromkeys(ids)))
    out = []
    for flow, values in (
        ("turnover", both["exports"] + both["imports"]),
        ("balance", both["exports"] - both["imports"]),
    ):
        frame = values.rename("value_usd").reset_index()
        frame["flow"] = flow
        frame["source_ids"] = sources.reindex(values.index).to_numpy()
        frame["notes"] = f"Derived: {SERIES_FLOW_LABELS[flow].split(' (')[1].rstrip(')')} of this series' rows."
        out.append(frame)
    return pd.concat(out, ignore_index=True)[list(series.columns)].assign(derived=True)


def trade_series(
    ds: Dataset,
    countries: list[str] | None = None,
    years: tuple[int, int] | None = None,
    derived: bool = True,
) -> pd.DataFrame:
    """Official annual trade series of `countries` (all five when empty) in `years`: the reported exports and
    imports (`derived` False) and, when asked, turnover and balance computed from them (`derived` True).
    Never mixed with trade.csv's stated figures."""
    frame = ds.trade_series[in_years(ds.trade_series["year"], years)]
    if countries:
        frame = frame[frame["country_iso3"].isin(countries)]
    out = frame.assign(derived=False)
    if derived:
        out = pd.concat([out, derived_series(frame)], ignore_index=True)
    order = {flow: i for i, flow in enumerate(SERIES_FLOW_LABELS)}
    out = out.sort_values(["country_iso3", "partner_iso3", "series_id", "year", "flow"], key=_flow_order(order))
    return out.reset_index(drop=True)


def _flow_order(order: dict[str, int]) -> Callable[[pd.Series], pd.Series]:
    return lambda column: column.map(order) if column.name == "flow" else column


def flows_in(trade: pd.DataFrame) -> list[str]:
    """Trade flows that have at least one figure, in vocabulary order."""
    present = set(trade["flow"])
    return [f for f in TRADE_FLOW_LABELS if f in present]


# What the Trade page draws: the exports and imports of a series, or one of the measures derived from them.
MEASURES = {
    "flows": "Exports and imports",
    "turnover": "Turnover (exports + imports, derived)",
    "balance": "Balance (exports − imports, derived)",
}
MEASURE_FLOWS = {"flows": ("exports", "imports"), "turnover": ("turnover",), "balance": ("balance",)}
STATED_FLOW_LABELS = {"exports": "Exports", "imports": "Imports", "turnover": "Turnover (as stated)"}
ALL_PARTNERS = "all"
KIND_LABELS = {"series": "official series", "derived": "derived from the official series", "statement": "statement"}
# The rows behind the Trade chart, as its table and CSV give them.
TABLE_COLUMNS = [
    "kind",
    "country",
    "country_iso3",
    "partner",
    "partner_iso3",
    "year",
    "flow",
    "flow_label",
    "value_usd",
    "value_text",
    "statistics_of",
    "statistics_label",
    "reporter",
    "vintage",
    "series_value_text",
    "difference_usd",
    "difference_text",
    "row_id",
    "source_ids",
    "notes",
]


def partner_choices(ds: Dataset) -> list[str]:
    """The Trade page's partners: the United States first, then the partners with a series, then those with
    statements only, alphabetically; last, all of them compared (`ALL_PARTNERS`)."""
    with_series = set(ds.trade_series["partner_iso3"])
    codes = set(ds.trade["partner_iso3"]) | with_series
    return [*sorted(codes, key=lambda c: (c != "USA", c not in with_series, c)), ALL_PARTNERS]


def partner_labels(ds: Dataset) -> dict[str, str]:
    """How each partner choice reads in the select box, saying whether it has a series."""
    names = country_names(ds)
    with_series = set(ds.trade_series["partner_iso3"])
    labels = {
        code: f"{names.get(code, code)}{'' if code in with_series else ' (statements only)'}"
        for code in partner_choices(ds)
    }
    return labels | {ALL_PARTNERS: "All partners, compared"}


def signed_money(value: float) -> str:
    """'$1.2 billion', '−$350 million': a value that may be negative (a balance)."""
    return ("−" if value < 0 else "") + money_text("exact", abs(value))


def series_lines(
    ds: Dataset, countries: list[str], years: tuple[int, int], partners: list[str], measure: str
) -> pd.DataFrame:
    """The series rows the chart draws as lines: of `partners` with `countries` (all five when empty) in
    `years`, the flows of `measure` (derived ones flagged), labelled, with `kind` series or derived."""
    rows = trade_series(ds, countries, years, derived=measure != "flows")
    rows = rows[rows["partner_iso3"].isin(partners) & rows["flow"].isin(MEASURE_FLOWS[measure])].copy()
    names = country_names(ds)
    rows["country"] = rows["country_iso3"].map(names)
    rows["partner"] = rows["partner_iso3"].map(names)
    rows["partner_called"] = rows["partner_iso3"].map(lambda code: called(code, names))  # "the United States"
    rows["value_text"] = rows["value_usd"].map(signed_money)
    rows["flow_label"] = rows["flow"].map(SERIES_FLOW_LABELS)
    rows["statistics_label"] = rows["statistics_of"].map(STATISTICS_LABELS)
    rows["kind"] = rows["derived"].map({True: "derived", False: "series"})
    rows["row_id"] = rows["series_id"]
    return rows.reset_index(drop=True)


def statement_points(
    ds: Dataset, countries: list[str], years: tuple[int, int], partners: list[str], measure: str, lines: pd.DataFrame
) -> pd.DataFrame:
    """The statements (trade.csv) of `partners` and the flows of `measure` (none for a balance: no one states
    one), each with the value of the series of the same country, partner, year and flow when there is one
    (`series_usd`, the first series by id) and the difference from it: the gap between two statistics."""
    rows = trade_table(ds, countries, None, years)
    rows = rows[rows["partner_iso3"].isin(partners) & rows["flow"].isin(MEASURE_FLOWS[measure])].copy()
    rows["flow_label"] = rows["flow"].map(STATED_FLOW_LABELS)
    rows["kind"] = "statement"
    rows["row_id"] = rows["trade_id"]
    key = ["country_iso3", "partner_iso3", "year", "flow"]
    series = lines.sort_values("series_id").drop_duplicates(key)[[*key, "value_usd", "reporter"]]
    series = series.rename(columns={"value_usd": "series_usd", "reporter": "series_reporter"})
    rows = rows.merge(series, on=key, how="left")
    rows["difference_usd"] = rows["value_usd"] - rows["series_usd"]
    rows["series_value_text"] = rows["series_usd"].map(lambda v: "" if pd.isna(v) else signed_money(v))
    rows["difference_text"] = [
        _difference(d, s, who) for d, s, who in zip(rows["difference_usd"], rows["series_usd"], rows["series_reporter"])
    ]
    return rows.drop(columns="series_reporter").reset_index(drop=True)


def _difference(difference: float, series: float, reporter: object) -> str:
    """'$330 million below the U.S. Census Bureau's $2.3 billion', or '' without a series value."""
    if pd.isna(series):
        return ""
    if difference == 0:
        return f"the same as the {reporter}'s"
    where = "above" if difference > 0 else "below"
    return f"{money_text('exact', abs(difference))} {where} the {reporter}'s {signed_money(series)}"


def chart_table(lines: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """The rows behind the chart, series (stored, then derived) and statements, one table of `TABLE_COLUMNS`;
    `kind` says which each row is."""
    frames = [frame.reindex(columns=TABLE_COLUMNS) for frame in (lines, points) if len(frame)]
    if not frames:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    table["kind"] = table["kind"].map(KIND_LABELS)
    return table


def latest_series_year(series: pd.DataFrame) -> int | None:
    """The latest year of `series` (official series hold complete years only), or None."""
    return int(series["year"].max()) if len(series) else None


def series_summary(ds: Dataset, countries: list[str], years: tuple[int, int], partner: str, measure: str) -> str:
    """One sentence from the series with `partner`: for the balance, each country's in the latest year;
    otherwise the turnover of the latest year and each country's peak, largest first."""
    names = country_names(ds)
    flow = "balance" if measure == "balance" else "turnover"
    rows = trade_series(ds, countries, years)
    rows = rows[(rows["partner_iso3"] == partner) & (rows["flow"] == flow)].copy()
    who = called(partner, names)
    if rows.empty:
        return f"No official series of trade with {who} for the chosen countries and years."
    rows["country"] = rows["country_iso3"].map(names)
    latest = latest_series_year(rows)
    last = rows[rows["year"] == latest].sort_values("value_usd", ascending=False)
    reporter = " and ".join(dict.fromkeys(rows["reporter"]))
    if flow == "balance":
        parts = [
            f"{r.country} {signed_money(r.value_usd)} ({'surplus' if r.value_usd >= 0 else 'deficit'})"
            for r in last.itertuples()
        ]
        return (
            f"Each country's balance with {who} in {latest} (its exports − imports, derived from the {reporter}'s "
            f"series): {'; '.join(parts)}."
        )
    peaks = rows.loc[rows.groupby("country_iso3")["value_usd"].idxmax()].set_index("country_iso3")

    if len(last) == 1:
        row, peak = last.iloc[0], peaks.iloc[0]
        then = f"in {latest} it was {money_text('exact', row['value_usd'])}"
        return (
            f"Trade in goods of {row['country']} with {who} (turnover, derived from the {reporter}'s series) "
            f"peaked at {money_text('exact', peak['value_usd'])} in {peak['year']}"
            + (f"; {then}." if peak["year"] != latest else ", the latest year.")
        )
    parts = [
        f"{r.country} {money_text('exact', r.value_usd)}"
        + ("" if peaks.at[r.country_iso3, "year"] == latest else f" (peak {_peak(peaks.loc[r.country_iso3])})")
        for r in last.itertuples()
    ]
    highest = [r.country for r in last.itertuples() if peaks.at[r.country_iso3, "year"] == latest]
    at_peak = f" {_listed(highest)} at {'its' if len(highest) == 1 else 'their'} highest." if highest else ""
    return (
        f"Trade in goods with {who} in {latest} (turnover, derived from the {reporter}'s series): "
        f"{'; '.join(parts)}.{at_peak}"
    )


def _peak(row: pd.Series) -> str:
    return f"{money_text('exact', row['value_usd'])} in {row['year']}"


def chart_caption(ds: Dataset, partners: list[str], lines: pd.DataFrame, points: pd.DataFrame, measure: str) -> str:
    """What the chart's marks are: which partners are lines (a series) and which points (statements only)."""
    names = country_names(ds)
    drawn = set(lines["partner_iso3"])
    with_lines = [called(p, names) for p in partners if p in drawn]
    only_points = sorted(called(p, names) for p in set(points["partner_iso3"]) - drawn)
    parts = []
    if with_lines:
        sources = " and ".join(dict.fromkeys(lines["reporter"]))
        releases = ", ".join(sorted(set(lines["vintage"])))
        parts.append(
            f"Lines: the official series of trade with {_listed(with_lines)} ({sources}, releases {releases}), "
            "every year; the Central Asian country's exports are the partner's imports"
            + (", and the derived measure is computed from them." if measure != "flows" else ".")
        )
    if len(points):
        parts.append(
            f"Points: {len(points)} figure(s) stated by officials and agencies, shaped by whose statistics they "
            "are; hover for who stated each and its difference from the series of the same year."
        )
    if only_points:
        parts.append(f"No series of trade with {_listed(only_points)} in the data: their statements are points only.")
    if measure == "balance":
        parts.append("No one states a balance: no points.")
    return " ".join(parts)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def title_of(ds: Dataset, partner: str, measure: str, years: tuple[int, int], shown: pd.Series) -> str:
    """The chart's title: the partner (or all), the measure, the years `shown` (the filter's `years` when
    none) and the unit."""
    who = "each partner" if partner == ALL_PARTNERS else called(partner, country_names(ds))
    period = span(int(shown.min()), int(shown.max())) if len(shown) else span(*years)
    return f"Trade in goods with {who}: {MEASURES[measure].lower()}, {period}, US$ billion"
