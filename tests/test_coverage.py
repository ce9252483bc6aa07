"""The dataset covers the Office of the Historian's records and the C5+1 milestones, and every row is sourced."""

from __future__ import annotations

import pandas as pd
from conftest import ROOT, us_events

from c5dash.schemas import C5

RECORDS = ROOT / "tests" / "fixtures" / "historian_records.csv"


def historian_records() -> pd.DataFrame:
    return pd.read_csv(RECORDS, comment="#", dtype=str)


def record_to_event(dataset) -> dict[str, str]:
    pairs = {}
    for event_id, ids in zip(dataset.events["event_id"], dataset.events["record_ids"]):
        for record in [] if pd.isna(ids) else [r.strip() for r in ids.split(";")]:
            assert record not in pairs, f"{record} is claimed by {pairs[record]} and {event_id}"
            pairs[record] = event_id
    return pairs


def test_every_historian_trip_stop_and_leader_visit_is_an_event(dataset):
    records = historian_records()
    covered = record_to_event(dataset)
    missing = sorted(set(records["record_id"]) - set(covered))
    assert missing == []
    assert len(records[records["record_id"].str.startswith("travels-")]) == 29
    assert len(records[records["record_id"].str.startswith("visits-")]) == 25


def test_events_keep_the_historian_dates_or_say_why_not(dataset):
    events = dataset.events.set_index("event_id")
    for record in historian_records().itertuples():
        event = events.loc[record_to_event(dataset)[record.record_id]]
        same = event["start_date"] == pd.Timestamp(record.start_date)
        explained = isinstance(event["notes"], str) and "Office of the Historian dates" in event["notes"]
        assert same or explained, f"{record.record_id}: {event['start_date']:%Y-%m-%d} vs {record.start_date}"


def test_secretary_trips_are_visits_to_the_region(dataset):
    events = dataset.events.set_index("event_id")
    trips = set(historian_records()["record_id"])
    for record, event_id in record_to_event(dataset).items():
        if record.startswith("travels-") and record in trips:
            assert events.loc[event_id, "direction"] == "partner_to_region"
            assert events.loc[event_id, "level"] == "foreign_minister"


def test_c5_plus_1_milestones_are_present(dataset):
    events = dataset.events.set_index("event_id")
    six = dataset.event_countries.groupby("event_id")["iso3"].agg(set)
    c5 = {"USA", "KAZ", "KGZ", "TJK", "TKM", "UZB"}
    summits = events[(events["event_type"] == "summit") & six.reindex(events.index).map(lambda s: s == c5)]
    assert list(summits["start_date"].dt.strftime("%Y-%m-%d")) == ["2023-09-19", "2025-11-06"]
    launch = events.loc["c5-2015-11-01-samarkand"]
    assert launch["place_id"] == "samarkand" and six["c5-2015-11-01-samarkand"] == c5


def test_every_event_names_its_us_side(dataset):
    people = dataset.event_people
    for event_id in us_events(dataset)["event_id"]:
        sides = set(people.loc[people["event_id"] == event_id, "iso3"])
        assert sides, f"{event_id} names nobody"


def test_every_cited_source_is_used_and_every_row_cites_one(dataset):
    cited: set[str] = set()
    for name, frame in dataset.tables().items():
        if "source_ids" in frame:
            ids = frame["source_ids"].str.split(";").map(lambda v: [s.strip() for s in v if s.strip()])
            assert ids.map(len).gt(0).all(), name
            cited |= {s for v in ids for s in v}
    cited |= set(dataset.events["outcome_source_id"].dropna())  # a meeting's outcome document
    assert set(dataset.sources["source_id"]) == cited


def test_every_historian_chief_of_mission_is_a_term(dataset):
    chiefs = pd.read_csv(ROOT / "tests" / "fixtures" / "historian_chiefs.csv", comment="#", dtype=str)
    holders = dataset.office_holders.set_index("holder_id")
    for chief in chiefs.itertuples():
        country, rest = chief.chief_id.split("-", 1)
        iso3 = {"kz": "KAZ", "kg": "KGZ", "tj": "TJK", "tm": "TKM", "uz": "UZB"}[country]
        holder_id = f"{iso3.lower()}-com-{rest}"
        assert holder_id in holders.index, chief.person
        assert holders.loc[holder_id, "person"] == chief.person


def test_each_of_the_five_has_one_current_head_of_state_and_terms_do_not_overlap(dataset):
    heads = dataset.office_holders[dataset.office_holders["office"] == "head_of_state"]
    for iso3, terms in heads.groupby("iso3"):
        assert terms["end_date"].isna().sum() == 1, iso3
        terms = terms.sort_values("start_date")
        ends = terms["end_date"].iloc[:-1].to_numpy()
        starts = terms["start_date"].iloc[1:].to_numpy()
        assert (starts >= ends).all(), iso3
    assert sorted(heads["iso3"].unique()) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def test_presidents_at_events_held_office_on_the_day(dataset):
    heads = dataset.office_holders[dataset.office_holders["office"] == "head_of_state"]
    people = dataset.event_people.merge(dataset.events[["event_id", "start_date"]], on="event_id")
    presidents = people[(people["role"] == "President") & people["iso3"].isin(C5)]
    assert len(presidents) > 20
    for row in presidents.itertuples():
        terms = heads[(heads["person"] == row.person) & (heads["iso3"] == row.iso3)]
        ended_after = terms["end_date"].isna() | (terms["end_date"] >= row.start_date)
        held = (terms["start_date"] <= row.start_date) & ended_after
        assert held.any(), f"{row.person} at {row.event_id}"


def test_figures_linked_to_an_event_were_stated_during_it(dataset):
    linked = dataset.investments.dropna(subset=["event_id"]).merge(
        dataset.events[["event_id", "start_date", "end_date"]], on="event_id"
    )
    assert len(linked) >= 10
    for row in linked.itertuples():
        assert row.start_date <= row.period_end <= row.end_date, row.investment_id


def test_each_person_is_spelled_one_way(dataset):
    """The person filter and search find a person under one name: no two names of the same country's
    people are near-identical transliterations (Japarov and Zhaparov, Kulubaev and Kulubayev)."""
    from difflib import SequenceMatcher

    people = pd.concat([dataset.event_people[["person", "iso3"]], dataset.office_holders[["person", "iso3"]]])
    for _, group in people.drop_duplicates().groupby("iso3"):
        names = sorted(group["person"])
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                assert SequenceMatcher(None, a, b).ratio() < 0.85, (a, b)
