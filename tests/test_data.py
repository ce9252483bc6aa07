"""The validator finds each kind of bad row and names its file, row and column."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from c5dash.data import load_dataset


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def test_fixture_data_is_valid(seed_copy):
    dataset, problems = load_dataset(seed_copy)
    assert problems == []
    assert dataset is not None


def test_committed_data_is_valid(dataset):
    assert len(dataset.events) >= 3
    assert set(dataset.events["event_id"]) <= set(dataset.event_countries["event_id"])


# Each case: damage the copy, then expect (file, row, column, words in the message).
CASES = {
    "bad date": (
        lambda d: replace(d / "events.csv", "c5-2023-02-28-astana,2023-02-28", "c5-2023-02-28-astana,28/02/2023"),
        ("events.csv", 3, "start_date", "YYYY-MM-DD"),
    ),
    "impossible date": (
        lambda d: replace(d / "events.csv", "c5-2023-02-28-astana,2023-02-28", "c5-2023-02-28-astana,2023-02-30"),
        ("events.csv", 3, "start_date", "2023-02-30"),
    ),
    "end before start": (
        lambda d: replace(d / "events.csv", "2023-02-28,2023-02-28,ministerial", "2023-02-28,2023-02-01,ministerial"),
        ("events.csv", 3, "end_date", "before start_date"),
    ),
    "unknown event type": (
        lambda d: replace(d / "events.csv", "ministerial_meeting", "coffee"),
        ("events.csv", 2, "event_type", "'coffee' is not one of"),
    ),
    "unknown direction": (
        lambda d: replace(d / "events.csv", "partner_to_region", "sideways"),
        ("events.csv", 4, "direction", "'sideways' is not one of"),
    ),
    "duplicate id": (
        lambda d: replace(d / "events.csv", "c5-2023-02-28-astana,", "c5-2015-11-01-samarkand,"),
        ("events.csv", 3, "event_id", "duplicate"),
    ),
    "duplicate link row": (
        lambda d: append(d / "event_countries.csv", "c5-2015-11-01-samarkand,USA"),
        ("event_countries.csv", 16, "event_id, iso3", "duplicates"),
    ),
    "unknown country": (
        lambda d: append(d / "event_countries.csv", "c5-2015-11-01-samarkand,XYZ"),
        ("event_countries.csv", 16, "iso3", "'XYZ' is not found in column iso3 of countries.csv"),
    ),
    "country code not ISO form": (
        lambda d: append(d / "event_countries.csv", "c5-2015-11-01-samarkand,kaz"),
        ("event_countries.csv", 16, "iso3", "not in the expected form"),
    ),
    "broken event reference": (
        lambda d: append(d / "event_people.csv", "no-such-event,Someone,Envoy,USA"),
        ("event_people.csv", 10, "event_id", "'no-such-event' is not found in column event_id of events.csv"),
    ),
    "unknown source": (
        lambda d: replace(d / "places.csv", "wikipedia-no-samarkand", "wikipedia-no-such-page"),
        ("places.csv", 7, "source_ids", "'wikipedia-no-such-page' is not found"),
    ),
    "negative value": (
        lambda d: replace(d / "investments.csv", ",62000000000,", ",-62000000000,"),
        ("investments.csv", 2, "value_usd", "below the minimum 0"),
    ),
    "value not a number": (
        lambda d: replace(d / "investments.csv", ",62000000000,", ",62 bn,"),
        ("investments.csv", 2, "value_usd", "expected a number"),
    ),
    "unknown measure": (
        lambda d: replace(d / "investments.csv", ",cumulative_fdi_inflow,", ",total,"),
        ("investments.csv", 2, "measure", "'total' is not one of"),
    ),
    "a sector on a figure that is not a deal": (
        lambda d: replace(
            d / "investments.csv", "blinken-kazakhstan,,,astanatimes", "blinken-kazakhstan,aircraft,,astanatimes"
        ),
        ("investments.csv", 2, "sector", "only a deal (announced_commitment) has a sector"),
    ),
    "unknown sector": (
        lambda d: replace(
            d / "investments.csv", "blinken-kazakhstan,,,astanatimes", "blinken-kazakhstan,ships,,astanatimes"
        ),
        ("investments.csv", 2, "sector", "'ships' is not one of"),
    ),
    "payer not a country": (
        lambda d: replace(
            d / "investments.csv", "blinken-kazakhstan,,,astanatimes", "blinken-kazakhstan,,XYZ,astanatimes"
        ),
        ("investments.csv", 2, "payer_iso3", "'XYZ' is not found in column iso3 of countries.csv"),
    ),
    "url not http": (
        lambda d: replace(d / "sources.csv", "https://2009-2017.state.gov", "ftp://2009-2017.state.gov"),
        ("sources.csv", 5, "url", "not in the expected form"),
    ),
    "unknown source kind": (
        lambda d: replace(d / "sources.csv", ",primary,", ",tertiary,"),
        ("sources.csv", 2, "source_kind", "'tertiary' is not one of"),
    ),
    "required cell empty": (
        lambda d: replace(d / "places.csv", "bishkek,Bishkek,", "bishkek,,"),
        ("places.csv", 3, "name", "empty"),
    ),
    "latitude out of range": (
        lambda d: replace(d / "places.csv", "42.87503", "142.87503"),
        ("places.csv", 3, "lat", "above the maximum 90"),
    ),
    "boolean not true or false": (
        lambda d: replace(d / "countries.csv", "bishkek,true", "bishkek,yes"),
        ("countries.csv", 3, "is_c5", "true or false"),
    ),
    "id in wrong form": (
        lambda d: replace(d / "places.csv", "dushanbe,Dushanbe", "Dushanbe City,Dushanbe"),
        ("places.csv", 4, "place_id", "not in the expected form"),
    ),
    "missing column": (
        lambda d: replace(d / "countries.csv", ",is_c5,", ",is_c6,"),
        ("countries.csv", 1, "is_c5", "missing"),
    ),
    "extra column": (
        lambda d: replace(d / "event_countries.csv", "event_id,iso3", "event_id,iso3,comment"),
        ("event_countries.csv", 1, "comment", "not a column"),
    ),
    "row with too many fields": (
        lambda d: append(d / "event_countries.csv", "c5-2015-11-01-samarkand,USA,extra"),
        ("event_countries.csv", 16, None, "has 3 fields but the header has 2"),
    ),
    "stray quote": (
        lambda d: append(d / "event_countries.csv", 'c5-2015-11-01-samarkand,"USA'),
        ("event_countries.csv", 16, None, "quote"),
    ),
    "not UTF-8": (
        lambda d: (d / "places.csv").write_bytes(
            (d / "places.csv").read_bytes().replace(b"2019", "2019".encode("utf-16"))
        ),
        ("places.csv", 2, None, "not UTF-8"),
    ),
    "empty file": (
        lambda d: (d / "event_people.csv").write_text("", encoding="utf-8"),
        ("event_people.csv", None, None, "empty"),
    ),
    "event without countries": (
        lambda d: replace(
            d / "event_countries.csv",
            "us-2023-02-27-blinken-kazakhstan,USA\nus-2023-02-27-blinken-kazakhstan,KAZ\n",
            "",
        ),
        ("events.csv", 4, "event_id", "has no country"),
    ),
    "unknown status": (
        lambda d: replace(d / "events.csv", ",USA,held,KAZ,", ",USA,maybe,KAZ,"),
        ("events.csv", 3, "status", "'maybe' is not one of"),
    ),
    "unknown partner": (
        lambda d: replace(d / "events.csv", ",USA,held,UZB,", ",XYZ,held,UZB,"),
        ("events.csv", 2, "partner", "'XYZ' is not found in column partner of partners.csv"),
    ),
    "unknown host": (
        lambda d: replace(d / "events.csv", ",USA,held,UZB,", ",USA,held,QQQ,"),
        ("events.csv", 2, "host", "neither a country in countries.csv nor a partner"),
    ),
    "a meeting on one report": (
        lambda d: replace(
            d / "events.csv",
            "state-2015-11-01-kerry-c5-opening; c5-2015-samarkand-declaration; hist-travels-kerry,,",
            "c5-2015-samarkand-declaration,,",
        ),
        ("events.csv", 2, "source_ids", "a meeting needs a primary source or two reports"),
    ),
    "attendance of a country not of the five": (
        lambda d: append(
            d / "event_attendance.csv", "c5-2015-11-01-samarkand,USA,foreign_minister,hist-travels-kerry,"
        ),
        ("event_attendance.csv", 10, "iso3", "'USA' is not one of"),
    ),
}


@pytest.mark.parametrize("damage, expected", CASES.values(), ids=CASES.keys())
def test_each_kind_of_bad_row_is_named(seed_copy, damage, expected):
    damage(seed_copy)
    dataset, problems = load_dataset(seed_copy)
    assert dataset is None
    file, row, column, words = expected
    matching = [p for p in problems if (p.file, p.row, p.column) == (file, row, column) and words in p.message]
    assert matching, f"no problem {expected} among:\n" + "\n".join(map(str, problems))


def test_all_problems_of_all_files_are_reported_at_once(seed_copy):
    replace(seed_copy / "events.csv", "ministerial_meeting", "coffee")
    replace(seed_copy / "investments.csv", ",62000000000,", ",-1,")
    append(seed_copy / "event_countries.csv", "c5-2015-11-01-samarkand,XYZ")
    _, problems = load_dataset(seed_copy)
    assert {p.file for p in problems} == {"events.csv", "investments.csv", "event_countries.csv"}


def test_validator_command_exits_non_zero_and_names_the_place(seed_copy):
    replace(seed_copy / "investments.csv", ",62000000000,", ",-1,")
    result = subprocess.run(
        [sys.executable, "-m", "c5dash.validate", str(seed_copy)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert "investments.csv, row 2, column value_usd: '-1' is below the minimum 0" in result.stdout


def test_validator_command_passes_on_committed_data():
    result = subprocess.run([sys.executable, "-m", "c5dash.validate"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert "all tables valid" in result.stdout


def test_in_person_event_without_a_place_is_named(seed_copy):
    replace(seed_copy / "events.csv", "First C5+1 ministerial meeting,samarkand,", "First C5+1 ministerial meeting,,")
    _, problems = load_dataset(seed_copy)
    assert [str(p) for p in problems] == [
        "events.csv, row 2, column place_id: is empty but required unless format is virtual"
    ]


def test_year_not_a_whole_number_is_named(seed_copy):
    replace(seed_copy / "trade.csv", ",2022,turnover,", ",2022.5,turnover,")
    _, problems = load_dataset(seed_copy)
    assert [str(p) for p in problems] == ["trade.csv, row 2, column year: is '2022.5'; expected a whole number"]


def test_trade_flow_outside_the_vocabulary_is_named(seed_copy):
    replace(seed_copy / "trade.csv", ",turnover,", ",balance,")
    _, problems = load_dataset(seed_copy)
    assert [(p.file, p.row, p.column) for p in problems] == [("trade.csv", 2, "flow")]


@pytest.mark.parametrize(
    "url, kind",
    [
        ("https://wikizero.net/wiki/en/Akbarsho_Iskandrov", "a copy of Wikipedia"),
        ("https://kiwix.lema.org/wikipedia_en_all_mini_2024-02/A/Emomali_Rahmon", "Kiwix"),
        ("https://ipfs.io/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/wiki/Tajik.html", "IPFS"),
        ("https://kids.britannica.com/students/article/Dushanbe/274088", "children's edition"),
        ("https://db.westchesterlibraries.org:2090/korea-republic/the-korea-herald/20240613/1", "proxy"),
        ("https://www-pressreader-com.ezproxy.example.edu/the-korea-herald/20240613/1", "proxy"),
    ],
)
def test_source_url_of_a_mirror_proxy_or_childrens_edition_is_named(seed_copy, url, kind):
    replace(
        seed_copy / "sources.csv",
        "https://history.state.gov/departmenthistory/travels/secretary/kerry-john-forbes",
        url,
    )
    _, problems = load_dataset(seed_copy)
    assert len(problems) == 1, problems
    assert str(problems[0]).startswith("sources.csv, row 3, column url: ")
    assert kind in problems[0].message and "cite the original" in problems[0].message


def test_original_publishers_urls_pass_the_source_check(seed_copy):
    replace(
        seed_copy / "sources.csv",
        "https://history.state.gov/departmenthistory/travels/secretary/kerry-john-forbes",
        "https://en.wikipedia.org/wiki/Emomali_Rahmon",
    )
    assert load_dataset(seed_copy)[1] == []


def test_validate_reports_the_share_of_rows_citing_a_primary_source(seed_copy, capsys):
    from c5dash.validate import main

    sources = pd.read_csv(seed_copy / "sources.csv", dtype=str)
    primary = set(sources.loc[sources["source_kind"] == "primary", "source_id"])
    events = pd.read_csv(seed_copy / "events.csv", dtype=str)
    cites = events["source_ids"].map(lambda v: bool(primary & {s.strip() for s in v.split(";")}))
    assert main([str(seed_copy)]) == 0
    assert f"events {100 * cites.mean():.0f}% ({cites.sum()} of {len(events)})" in capsys.readouterr().out
