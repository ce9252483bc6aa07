"""A Streamlit client without a browser: the messages the front end sends, over the same WebSocket.

Used by the load test (benchmarks/load.py), to hold many sessions on a machine whose cores cannot
also run as many Chromium tabs, and by tests of what several sessions do to each other. The server
sees what a browser sends: the same protobuf messages from the streamlit package, on
`/_stcore/stream`. It draws nothing. Not used by the app.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
import uuid
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.protocol import State


@dataclass
class Run:
    """What one script run sent: its elements by type, exceptions shown, and how it ended."""

    elements: list = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False
    seconds: float = 0.0

    def of_type(self, kind: str) -> list:
        """The run's elements of one type ("download_button", "multiselect", ...)."""
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]


class Session:
    """One session on the server, as one browser tab holds it."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.ws = None
        self.session_id = ""
        self.page_hash = ""
        self.query = ""
        self.widgets: dict[str, WidgetState] = {}
        self.last: Run | None = None
        self.path = "/"  # the page and query string (self.query) of the tab's address, as the app last set them
        self.cookies: dict[str, str] = {}  # what the site set, as a browser keeps it: a proxy's route cookie
        self.visited = False

    @property
    def connected(self) -> bool:
        """Whether the WebSocket is open (a server that dies closes it)."""
        return self.ws is not None and self.ws.state is State.OPEN

    async def open(self, path: str, query: str = "", timeout: float = 120) -> Run:
        """Open `path` with `query` in a new session, as typing the address does."""
        await self.close()
        url = f"{self.base}{path}" + (f"?{query}" if query else "")
        if not self.visited:  # a first visit: the browser loads the page before it opens the WebSocket
            await fetch(url, timeout, self.cookies)
            self.visited = True
        ws_url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await websockets.connect(
            ws_url, subprotocols=["streamlit"], max_size=None, additional_headers=cookie_header(self.cookies)
        )
        keep_cookies(self.cookies, self.ws.response.headers.get_all("Set-Cookie"))
        self.widgets, self.page_hash, self.path, self.query = {}, "", path, query
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = path.strip("/")
        msg.rerun_script.context_info.url = url
        return await self._send_and_wait(msg, timeout)

    async def reconnect(self, timeout: float = 120) -> Run:
        """Open the address the tab holds (its page and query string) in a new session, as Streamlit's front
        end does when its WebSocket closes: behind a proxy, on whichever server now takes the tab."""
        return await self.open(self.path, self.query, timeout)

    async def switch_page(self, path: str, timeout: float = 120) -> Run:
        """Go to the page at `path` in the same session, as a click on a link in the sidebar does."""
        self.widgets, self.path = {}, path
        msg = self._rerun()
        msg.rerun_script.page_script_hash = ""
        msg.rerun_script.page_name = path.strip("/")
        return await self._send_and_wait(msg, timeout)

    async def set_multiselect(self, label: str, values: list[str], timeout: float = 120) -> Run:
        """Choose `values` (as displayed) in the multiselect labelled `label` of the last run."""
        widget = next(w for w in self.last.of_type("multiselect") if w.label == label)
        state = WidgetState(id=widget.id)
        state.string_array_value.data.extend(values)
        self.widgets[widget.id] = state
        return await self._send_and_wait(self._rerun(), timeout)

    async def download(self, label: str, timeout: float = 120) -> bytes:
        """Click the first download button labelled `label` and fetch the file, as the browser does."""
        return await fetch(await self.request_file(label, timeout), timeout, self.cookies)

    async def request_file(self, label: str, timeout: float = 120) -> str:
        """The first half of a click on the download button labelled `label`: the server makes the file
        and answers with its address."""
        button = next(b for b in self.last.of_type("download_button") if b.label == label)
        msg = BackMsg()
        request = msg.backend_operation_request
        request.request_id = uuid.uuid4().hex
        request.session_id = self.session_id
        request.deferred_file.file_id = button.deferred_file_id
        await self.ws.send(msg.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout))
            if reply.WhichOneof("type") != "backend_operation_response":
                continue
            response = reply.backend_operation_response
            if response.request_id != request.request_id:
                continue
            if response.error_msg:
                raise RuntimeError(f"download refused: {response.error_msg}")
            return self.base + response.deferred_file.url

    async def close(self) -> None:
        """End the session, as closing the tab does."""
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def _rerun(self) -> BackMsg:
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.widget_states.widgets.extend(self.widgets.values())
        return msg

    async def _send_and_wait(self, msg: BackMsg, timeout: float) -> Run:
        """Send a rerun request and collect the run's messages until the script finishes."""
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = Run()
        deadline = time.monotonic() + timeout
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await asyncio.wait_for(self.ws.recv(), max(0.1, deadline - time.monotonic())))
            kind = reply.WhichOneof("type")
            if kind == "new_session":
                self.session_id = reply.new_session.initialize.session_id
                self.page_hash = reply.new_session.page_script_hash
                run = Run()  # a new run starts: keep only its elements
            elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                element = reply.delta.new_element
                run.elements.append(element)
                if element.WhichOneof("type") == "exception":
                    run.exceptions.append(element.exception.message)
            elif kind == "page_info_changed":  # the app changed the query string: the front end's address follows
                self.query = reply.page_info_changed.query_string
            elif kind == "page_not_found":
                run.page_not_found = True
            elif kind == "script_finished":
                if reply.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # another run follows (st.rerun, a newer request)
                run.seconds = time.perf_counter() - start
                self.last = run
                return run


async def fetch(url: str, timeout: float = 120, cookies: dict[str, str] | None = None) -> bytes:
    """The body of an HTTP GET of `url`, sending `cookies` and keeping what the answer sets in them; an HTTP
    error raises."""

    def get() -> bytes:
        request = urllib.request.Request(url, headers=cookie_header(cookies or {}))
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if cookies is not None:
                keep_cookies(cookies, response.headers.get_all("Set-Cookie") or [])
            return response.read()

    return await asyncio.to_thread(get)


def cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    """The Cookie header that sends `cookies` (none when empty)."""
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}


def keep_cookies(cookies: dict[str, str], set_cookie: list[str]) -> None:
    """Keep the name and value of each Set-Cookie header in `cookies` (attributes ignored: one site)."""
    for header in set_cookie:
        name, _, value = header.split(";", 1)[0].partition("=")
        cookies[name.strip()] = value.strip()
