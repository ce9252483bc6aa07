"""Tables with their sources as links, made only when their section is opened."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from c5dash import cards
from c5dash.data import Dataset
from c5dash.transform import (
    SOURCE_LINK_PREFIX,
    with_source_links,
)
from c5dash.ui.page import PAGE_PATH_KEY, plain


def on_demand(label: str, key: str):
    """A closed section whose content is made only when it is opened, its state kept in the URL as
    `?key=true`: the container to draw into when it is open, else None. For tables under a chart: a
    page that sends no table draws its chart sooner (see the browser benchmark)."""
    section = st.expander(label, key=key, bind="query-params")
    return section if section.open else None


def source_table_on_demand(
    label: str, param: str, frame: pd.DataFrame, dataset: Dataset, columns: dict[str, str], key: str, note: str = ""
) -> None:
    """A `source_table` in an `on_demand` section (closed until clicked, kept open by `?param=true`),
    with an optional `note` above the table."""
    if section := on_demand(label, param):
        if note:
            section.caption(note)
        with section:
            source_table(frame, dataset, columns, key=key)


def source_table(
    frame: pd.DataFrame,
    dataset: Dataset,
    columns: dict[str, str] | None = None,
    key: str | None = None,
    link_texts: dict[str, str] | None = None,
) -> None:
    """A table with one link column per source each row cites; `columns` maps the columns shown to headers.
    A column named `url`, or one of `link_texts` (shown as its text), holds links."""
    table = with_source_links(frame, dataset.sources)
    links = [c for c in table.columns if c.startswith(SOURCE_LINK_PREFIX)]
    headers = columns or {c: c for c in table.columns if c not in links}
    config: dict = {}
    for column, header in headers.items():
        values = table[column]
        if str(values.dtype).startswith("datetime"):
            config[column] = st.column_config.DateColumn(header, format="YYYY-MM-DD")
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            whole = bool((values.dropna() % 1 == 0).all())
            config[column] = st.column_config.NumberColumn(header, format="%d" if whole else None)
        elif column == "url" or column in (link_texts or {}):
            config[column] = st.column_config.LinkColumn(header, display_text=(link_texts or {}).get(column))
        elif len(values) and isinstance(values.iloc[0], list):
            config[column] = st.column_config.ListColumn(header)
        else:
            config[column] = st.column_config.Column(header)
    for column in links:
        number = column.removeprefix(SOURCE_LINK_PREFIX)
        config[column] = st.column_config.LinkColumn(f"Source {number}", display_text=r"https?://([^/]+)")
    st.dataframe(
        table[[*headers, *links]], hide_index=True, width="stretch", column_config=config, key=key, placeholder=""
    )


def event_links(event_ids: pd.Series) -> list[str]:
    """For each event, the address of this page's view with its card open (the other parameters kept)."""
    path = st.session_state.get(PAGE_PATH_KEY, "/")
    params = {k: st.query_params[k] for k in st.query_params}
    return [cards.card_link(path, params, e) for e in event_ids]


def events_table_on_demand(
    label: str, param: str, events: pd.DataFrame, dataset: Dataset, columns: dict[str, str], key: str
) -> None:
    """The events in an `on_demand` table, each row's "Card" link opening that event's card."""
    if section := on_demand(label, param):
        with section:
            cards_column = events.assign(card=event_links(events["event_id"]))
            source_table(cards_column, dataset, {"card": "Card", **columns}, key=key, link_texts={"card": "Open card"})


def formats_list(formats: pd.DataFrame) -> None:
    """A country's formats (`meetings.last_meetings`) as a list: meetings attended and the last one, with a
    link to its card."""
    lines = [
        f"- **{plain(r.format_name)}**: {r.meetings} meeting(s) attended; the last, {r.last_date:%Y-%m-%d}: "
        f"{plain(r.last_title)} ([card]({link}))"
        for r, link in zip(formats.itertuples(), event_links(formats["event_id"]))
    ]
    st.markdown("\n".join(lines))
