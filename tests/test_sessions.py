"""Several users on one server: each keeps their own view, and a file made for one survives the others.

The sessions speak Streamlit's protocol over the WebSocket, as the browser does (c5dash/protocol.py);
no browser is needed.
"""

from __future__ import annotations

import asyncio
import io

import pandas as pd

from c5dash.protocol import Run, Session, fetch


def metrics(run: Run) -> dict[str, str]:
    """The key figures a run showed: label -> value."""
    return {m.label: m.body for m in run.of_type("metric")}


def csv_rows(data: bytes) -> pd.DataFrame:
    """A downloaded CSV without its citation line."""
    return pd.read_csv(io.BytesIO(data), comment=None, skiprows=1)


def test_a_file_made_for_one_user_is_still_there_after_other_users_pages_rerun(server):
    async def scenario() -> tuple[bytes, bytes]:
        clicking, others = Session(server), Session(server)
        try:
            await clicking.open("/Timeline", "country=KGZ")
            await others.open("/")
            url = await clicking.request_file("CSV")  # the server has made the file ...
            for path in ("/Timeline", "/", "/Investment", "/Trade"):  # ... other pages rerun before it is fetched
                await others.switch_page(path)
            return await fetch(url), await clicking.download("CSV")
        finally:
            await clicking.close()
            await others.close()

    late, fresh = asyncio.run(scenario())
    assert late == fresh
    rows = csv_rows(late)
    assert len(rows) > 0 and rows["countries"].str.contains("KGZ").all()


def test_each_user_keeps_their_own_filter_while_sharing_the_computed_views(server):
    async def scenario() -> tuple[dict, dict, dict]:
        first, second = Session(server), Session(server)
        try:
            everything = metrics(await first.open("/"))
            await second.open("/")
            only_uzb = metrics(await second.set_multiselect("Countries", ["Uzbekistan (UZB)"]))
            first_again = metrics(await first.switch_page("/"))
            return everything, only_uzb, first_again
        finally:
            await first.close()
            await second.close()

    everything, only_uzb, first_again = asyncio.run(scenario())
    assert int(only_uzb["Events"]) < int(everything["Events"])
    assert first_again == everything
