"""An event's card under a timeline: opened by a click on a marker or by `?event=<event_id>`."""

from __future__ import annotations

import re
from urllib.parse import quote

import streamlit as st

from c5dash import cards
from c5dash.data import Dataset
from c5dash.figures.timeline import event_of
from c5dash.ui.page import memo, plain, static_script

EVENT_PARAM = "event"
EVENT_CLICK_KEY = "timeline_clicked_event"


def _close_card() -> None:
    if EVENT_PARAM in st.query_params:
        del st.query_params[EVENT_PARAM]


def event_card_section(dataset: Dataset, points: list[dict], chart: str) -> None:
    """Under a timeline: the card of the event whose marker (or deal star) was clicked, or of the event
    in `?event=<event_id>`. A click puts the event in the link, closing the card takes it out; an id
    that is not in the data gives a notice."""
    state = st.session_state
    clicked = next((e for e in map(event_of, points) if e), None)
    key = f"{EVENT_CLICK_KEY}-{chart}"
    if clicked and clicked != state.get(key):
        st.query_params[EVENT_PARAM] = clicked
    state[key] = clicked
    wanted = st.query_params.get(EVENT_PARAM)
    if not wanted:
        return
    card = memo(cards.event_card)(dataset, wanted)
    if card is None:
        st.warning("The event in the link (`event`) is not in the data, so no event card is shown.")
        return
    event_card(card, key=f"close-{chart}")


def _link_lines(links: tuple[cards.Link, ...]) -> str:
    return "\n".join(f"- [{plain(link.title)}]({link_target(link.url)})" for link in links)


def link_target(url: str) -> str:
    """An http(s) address made safe as the target of a Markdown link (no space, bracket or quote)."""
    return re.sub(r"[\s()<>\"'\\]", lambda m: f"%{ord(m.group()):02X}", url)


def event_card(card: cards.EventCard, key: str) -> None:
    """An event's card: every text from the data shown plainly, its sources and outcome documents as links."""
    with st.container(border=True, key="event-card"):
        top = st.columns([5, 1])
        top[0].subheader(plain(card.title), anchor=False)
        top[1].button("Close card", key=key, on_click=_close_card, icon=":material/close:", width="stretch")
        if card.status:
            st.warning(plain(card.status))
        facts = {
            "Dates": card.dates,
            "Place": card.place,
            "Type": card.kind,
            "Level": card.level,
            "Format": card.format,
            "Countries": ", ".join(card.countries),
        }
        st.markdown("  \n".join(f"**{label}:** {plain(text)}" for label, text in facts.items()))
        if card.summary:
            st.markdown(plain(card.summary))
        if card.people:
            st.markdown("**People and their roles**\n\n" + "\n".join(f"- {plain(p)}" for p in card.people))
        if card.deals:
            st.markdown("**Deals and figures announced at it**\n\n" + "\n".join(f"- {plain(d)}" for d in card.deals))
        if card.outcomes:
            st.markdown("**Outcome documents**\n\n" + _link_lines(card.outcomes))
        st.markdown("**Sources**\n\n" + (_link_lines(card.sources) or "none with a web address"))
        # In view as it opens (from the app's own server): under a tall timeline it would open out of sight.
        static_script(f"js/show-card.js?{quote(card.event_id)}")
