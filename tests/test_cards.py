"""An event's card: what it says, from the data alone, and the link that opens it."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from c5dash import cards

BLINKEN_KAZ = "us-2023-02-27-blinken-kazakhstan"


def test_card_holds_what_the_data_says_of_the_event(dataset):
    card = cards.event_card(dataset, BLINKEN_KAZ)
    assert card.title == "Secretary of State Blinken visits Kazakhstan"
    assert card.dates == "27–28 February 2023"
    assert card.place == "Astana, Kazakhstan"
    assert (card.kind, card.level) == ("Official visit", "Foreign minister or Secretary of State")
    assert card.countries == ("Kazakhstan", "United States")
    people = dataset.event_people[dataset.event_people["event_id"] == BLINKEN_KAZ]
    assert len(card.people) == len(people)
    assert "Antony Blinken, Secretary of State (United States)" in card.people
    linked = dataset.investments[dataset.investments["event_id"] == BLINKEN_KAZ]
    assert len(card.deals) == len(linked) == 2
    assert any("more than $62 billion" in d for d in card.deals)
    cited = [s.strip() for s in dataset.events.set_index("event_id").at[BLINKEN_KAZ, "source_ids"].split(";")]
    urls = dataset.sources.set_index("source_id").loc[cited, "url"]
    assert [link.url for link in card.sources] == list(urls)


def test_card_names_a_place_as_it_was_then(dataset):
    assert cards.event_card(dataset, "us-1991-12-17-baker-kazakhstan").place == "Almaty (then Alma-Ata), Kazakhstan"
    astana_2020 = dataset.events[
        (dataset.events["place_id"] == "astana") & (dataset.events["start_date"].dt.year == 2020)
    ]
    assert len(astana_2020)
    assert cards.event_card(dataset, astana_2020["event_id"].iloc[0]).place == "Astana (then Nur-Sultan), Kazakhstan"


@pytest.mark.parametrize(
    "year, shown",
    [
        (2018, "Astana"),
        (2020, "Astana (then Nur-Sultan)"),
        (2019, "Astana (named Nur-Sultan 2019–2022)"),  # the data gives years only: no guess in the year of a renaming
        (2023, "Astana"),
    ],
)
def test_name_then_reads_the_years_of_former_names(year, shown):
    names = "Nur-Sultan (2019–2022); Akmola (1992–1998); Tselinograd (1961–1992); Akmolinsk"
    assert cards.name_then("Astana", names, year) == shown
    assert (
        cards.name_then("Ashgabat", "Ashkhabad (until 1992); Poltoratsk (1919–1927)", 1985)
        == "Ashgabat (then Ashkhabad)"
    )


def test_card_of_a_c5_plus_1_summit_gives_its_format_and_outcome_document(dataset):
    card = cards.event_card(dataset, "c5-2023-09-19-new-york")
    assert card.format.startswith("C5+1")
    assert [link.title for link in card.outcomes] == ["C5+1 Leaders' Joint Statement: The New York Declaration"]
    virtual = cards.event_card(dataset, "c5-2021-04-23-virtual")
    assert "virtual" in virtual.format and virtual.place.startswith("none")


def test_card_links_only_to_web_addresses(dataset):
    sources = dataset.sources.copy()
    first = sources.index[0]
    sources.loc[first, "url"] = "javascript:alert(1)"
    event = dataset.events[dataset.events["source_ids"].str.contains(sources.loc[first, "source_id"])].iloc[0]
    card = cards.event_card(dataclasses.replace(dataset, sources=sources), event["event_id"])
    assert "javascript:alert(1)" not in {link.url for link in card.sources}
    assert card.sources and all(link.url.startswith(("http://", "https://")) for link in card.sources)


@pytest.mark.parametrize("event_id", ["no-such-event", "", "x" * 5000])
def test_unknown_event_gives_no_card(dataset, event_id):
    assert cards.event_card(dataset, event_id) is None


@pytest.mark.parametrize(
    "start, end, text",
    [
        ("1991-12-17", "1991-12-17", "17 December 1991"),
        ("2023-02-27", "2023-02-28", "27–28 February 2023"),
        ("2023-02-28", "2023-03-01", "28 February – 1 March 2023"),
        ("2022-12-30", "2023-01-02", "30 December 2022 – 2 January 2023"),
    ],
)
def test_dates_text(start, end, text):
    assert cards.dates_text(pd.Timestamp(start), pd.Timestamp(end)) == text


def test_card_link_keeps_the_other_parameters():
    link = cards.card_link("/Timeline", {"country": "KAZ", "event": "old"}, "c5-2023-09-19-new-york")
    assert link == "/Timeline?country=KAZ&event=c5-2023-09-19-new-york"
