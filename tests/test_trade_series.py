"""The Census import script, the trade_series table's checks, and the derived turnover and balance."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import ROOT

from c5dash import trade
from c5dash.data import load_dataset

_spec = importlib.util.spec_from_file_location("census_trade", ROOT / "scripts" / "census_trade.py")
census_trade = sys.modules.setdefault("census_trade", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(census_trade)

MONTHS = census_trade.MONTHS
HEADER = ["year", "CTY_CODE", "CTYNAME", *(f"I{m}" for m in MONTHS), "IYR", *(f"E{m}" for m in MONTHS), "EYR"]


def _row(year: int, code: str, name: str, imports: list[float], exports: list[float]) -> list[object]:
    # Census writes year and code as text and the year's total beside the months
    return [str(year), code, name, *imports, sum(imports), *exports, sum(exports)]


def make_workbook(path: Path) -> Path:
    """A small country.xlsx: 2022 complete (Kazakhstan has no imports in January, China has), 2023 January–June."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "country"
    sheet.append(HEADER)
    kaz_imports = [0.0, 1.5, 2.25, 3, 4, 5, 6, 7, 8, 9, 10, 11.000001]
    sheet.append(_row(2022, "4634", "Kazakhstan", kaz_imports, [1.0] * 12))
    sheet.append(_row(2022, "4642", "Tajikistan", [0.1] * 12, [0.2] * 12))
    sheet.append(_row(2022, "5700", "China", [100.0] * 12, [50.0] * 12))
    half = [1.0] * 6 + [0.0] * 6
    sheet.append(_row(2023, "4634", "Kazakhstan", half, half))
    sheet.append(_row(2023, "5700", "China", [100.0] * 6 + [0.0] * 6, [50.0] * 6 + [0.0] * 6))
    book.save(path)
    return path


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text + "\n")


def run(workbook: Path, data: Path, *extra: str) -> int:
    return census_trade.main([str(workbook), "--data", str(data), "--accessed", "2026-11-29", *extra])


def series(data: Path) -> pd.DataFrame:
    return pd.read_csv(data / "trade_series.csv", dtype={"value_usd": "int64"})


def test_script_writes_complete_years_only_and_the_dataset_stays_valid(tmp_path, seed_copy):
    assert run(make_workbook(tmp_path / "country.xlsx"), seed_copy) == 0
    rows = series(seed_copy)
    assert set(rows["year"]) == {2022}  # 2023 reports January–June only: left out
    assert set(rows["country_iso3"]) == {"KAZ", "TJK"}  # the five only, not China
    kaz = rows[rows["country_iso3"] == "KAZ"].set_index("flow")
    assert kaz.at["exports", "value_usd"] == 66_750_001  # U.S. imports (IYR), dollars not millions
    assert kaz.at["imports", "value_usd"] == 12_000_000  # U.S. exports (EYR)
    assert set(rows["vintage"]) == {"2023-06"}  # the last month the file reports
    assert set(rows["statistics_of"]) == {"partner"} and set(rows["partner_iso3"]) == {"USA"}
    sources = pd.read_csv(seed_copy / "sources.csv").set_index("source_id")
    assert sources.at["census-trade-kaz", "url"] == "https://www.census.gov/foreign-trade/balance/c4634.html"
    assert sources.at["census-trade-kaz", "source_kind"] == "primary"
    dataset, problems = load_dataset(seed_copy)
    assert problems == [] and len(dataset.trade_series) == 4


def test_script_is_idempotent_and_keeps_rows_it_did_not_write(tmp_path, seed_copy):
    other = "stat-kaz-usa,KAZ,USA,2022,exports,country,5,Statistics office,2023-02,hist-travels-blinken,\n"
    append(seed_copy / "trade_series.csv", other.rstrip())
    workbook = make_workbook(tmp_path / "country.xlsx")
    run(workbook, seed_copy)
    first = {name: (seed_copy / name).read_bytes() for name in ("trade_series.csv", "sources.csv")}
    run(workbook, seed_copy, "--accessed", "2026-12-31")  # the same file read again another day
    assert {name: (seed_copy / name).read_bytes() for name in first} == first
    assert other.encode() in first["trade_series.csv"]


def test_an_older_release_does_not_overwrite_a_later_one(tmp_path, seed_copy):
    workbook = make_workbook(tmp_path / "country.xlsx")
    run(workbook, seed_copy, "--vintage", "2026-07")
    run(workbook, seed_copy, "--vintage", "2024-06")
    assert set(series(seed_copy)["vintage"]) == {"2026-07"}


def test_a_file_that_is_not_census_data_gives_a_message(tmp_path, seed_copy, capsys):
    book = openpyxl.Workbook()
    book.active.append(["year", "country", "value"])
    book.save(tmp_path / "other.xlsx")
    before = (seed_copy / "trade_series.csv").read_bytes()
    assert run(tmp_path / "other.xlsx", seed_copy) == 1
    assert "columns missing: CTY_CODE" in capsys.readouterr().err
    assert (seed_copy / "trade_series.csv").read_bytes() == before


def test_a_bad_vintage_is_refused(tmp_path, seed_copy, capsys):
    assert run(make_workbook(tmp_path / "country.xlsx"), seed_copy, "--vintage", "June 2024") == 1
    assert "YYYY-MM" in capsys.readouterr().err


ROW = "census-kaz-usa,KAZ,USA,2022,exports,partner,100,U.S. Census Bureau,2024-06,hist-travels-blinken,"


@pytest.mark.parametrize(
    "row, column, words",
    [
        (ROW.replace(",exports,", ",turnover,"), "flow", "'turnover' is not one of"),
        (ROW.replace(",100,", ",-1,"), "value_usd", "below the minimum 0"),
        (ROW.replace("KAZ,USA", "USA,KAZ"), "country_iso3", "'USA' is not one of"),
        (ROW.replace(",USA,", ",XYZ,"), "partner_iso3", "'XYZ' is not found in column iso3 of countries.csv"),
        (ROW.replace(",2022,", ",1990,"), "year", "below the minimum 1991"),
        (ROW.replace(",2024-06,", ",2024-13,"), "vintage", "not in the expected form"),
        (ROW.replace("hist-travels-blinken", "no-such-source"), "source_ids", "'no-such-source' is not found"),
    ],
)
def test_the_validator_names_a_bad_series_row(seed_copy, row, column, words):
    append(seed_copy / "trade_series.csv", row)
    _, problems = load_dataset(seed_copy)
    assert [p for p in problems if (p.file, p.row, p.column) == ("trade_series.csv", 2, column) and words in p.message]


def test_the_validator_refuses_two_figures_for_one_series_year_and_flow(seed_copy):
    append(seed_copy / "trade_series.csv", f"{ROW}\n{ROW.replace(',100,', ',200,')}")
    _, problems = load_dataset(seed_copy)
    assert any(p.file == "trade_series.csv" and "duplicates" in p.message for p in problems)


def frame(*rows: tuple) -> pd.DataFrame:
    columns = ["series_id", "country_iso3", "year", "flow", "value_usd", "vintage"]
    out = pd.DataFrame(rows, columns=columns)
    return out.assign(
        partner_iso3="USA", statistics_of="partner", reporter="U.S. Census Bureau", source_ids="s", notes=None
    )


def test_turnover_and_balance_combine_only_one_series_year_and_release():
    rows = frame(
        ("census-kaz-usa", "KAZ", 2022, "exports", 300.0, "2024-06"),
        ("census-kaz-usa", "KAZ", 2022, "imports", 500.0, "2024-06"),
        ("census-kaz-usa", "KAZ", 2023, "exports", 10.0, "2024-06"),  # no imports that year
        ("census-kaz-usa", "KAZ", 2024, "exports", 10.0, "2026-07"),
        ("census-kaz-usa", "KAZ", 2024, "imports", 20.0, "2024-06"),  # another release
        ("stat-kaz-usa", "KAZ", 2023, "imports", 40.0, "2024-06"),  # another series
    )
    derived = trade.derived_series(rows).set_index(["year", "flow"])
    assert derived["value_usd"].to_dict() == {(2022, "turnover"): 800.0, (2022, "balance"): -200.0}
    assert derived["derived"].all()


def test_trade_series_flags_derived_rows_and_leaves_them_out_when_asked(dataset):
    both = trade.trade_series(dataset, ["KAZ"], (2023, 2023))
    reported = both[~both["derived"]].set_index("flow")["value_usd"]
    derived = both[both["derived"]].set_index("flow")["value_usd"]
    assert derived["turnover"] == reported["exports"] + reported["imports"]
    assert derived["balance"] == reported["exports"] - reported["imports"]
    assert list(both["flow"]) == ["exports", "imports", "turnover", "balance"]
    only = trade.trade_series(dataset, ["KAZ"], (2023, 2023), derived=False)
    assert list(only["flow"]) == ["exports", "imports"] and not only["derived"].any()
    assert set(dataset.trade_series["flow"]) == {"exports", "imports"}  # nothing derived is stored


def test_trade_series_without_any_series_is_empty(seed_copy):
    dataset, _ = load_dataset(seed_copy)
    assert trade.trade_series(dataset).empty


def test_every_year_since_1992_of_the_census_series_for_each_of_the_five(dataset):
    census = dataset.trade_series[dataset.trade_series["reporter"] == "U.S. Census Bureau"]
    counts = census.groupby(["country_iso3", "year"])["flow"].agg(lambda f: sorted(f))
    for code in ["KAZ", "KGZ", "TJK", "TKM", "UZB"]:
        assert list(counts[code].index) == list(range(1992, 2026)), code
        assert all(flows == ["exports", "imports"] for flows in counts[code])
    later = census[census["year"] >= 2024]
    assert set(later["vintage"]) == {"2026-07"}
    assert later["notes"].str.contains("JSON conversion").all()  # says which copy it was read in
