"""The `Assistant` a server answers with, and how a new index replaces it.

`create_app(assistant)` serves that one assistant; the caller opened it and closes it.
`create_app(settings=...)` (and `assistant serve`) opens its own from the settings on the
first request and, when `assistant ingest` publishes a new index, opens a new `Assistant` for
the next request and closes the old one once its last request is done. The conversation store
is opened once and lent to every `Assistant` (feedback and retention need no index).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request

from assistant import index
from assistant.config import Settings
from assistant.conversation import ConversationStore, open_store
from assistant.core import Assistant
from assistant.errors import IndexMissing


class Current:
    def __init__(self, settings: Settings, assistant: Assistant | None = None) -> None:
        self.settings = settings
        self._fixed = assistant is not None
        self._assistant = assistant
        self._store: ConversationStore | None = assistant.store if assistant else None
        self._leases: dict[int, int] = {}  # id(assistant) -> requests answering with it
        self._retired: list[Assistant] = []  # replaced, closed when their last request ends
        self._lock = threading.Lock()

    def store(self) -> ConversationStore:
        with self._lock:
            return self._opened_store()

    def _opened_store(self) -> ConversationStore:
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

    @contextmanager
    def lease(self) -> Iterator[Assistant]:
        """The assistant of the current index, kept open until the `with` block ends."""
        assistant = self._acquire()
        try:
            yield assistant
        finally:
            self._release(assistant)

    def _acquire(self) -> Assistant:
        name = None if self._fixed else index.current_name(self.settings)
        with self._lock:
            if (
                not self._fixed
                and name is not None
                and (self._assistant is None or self._assistant.index_name != name)
            ):
                # Opening takes a second or two; the requests that arrive meanwhile wait for it.
                opened = Assistant.open(self.settings, store=self._opened_store())
                if self._assistant is not None:
                    self._retire(self._assistant)
                self._assistant = opened
            if self._assistant is None:
                raise IndexMissing("There is no index yet: run `assistant ingest` first.")
            key = id(self._assistant)
            self._leases[key] = self._leases.get(key, 0) + 1
            return self._assistant

    def _retire(self, assistant: Assistant) -> None:
        if self._leases.get(id(assistant)):
            self._retired.append(assistant)
        else:
            self._close_retired(assistant)

    def _close_retired(self, assistant: Assistant) -> None:
        assistant.close()
        index.settle_loaded()  # closing released every frozen object: freeze the current one's

    def _release(self, assistant: Assistant) -> None:
        with self._lock:
            key = id(assistant)
            self._leases[key] -= 1
            if self._leases[key]:
                return
            del self._leases[key]
            if assistant in self._retired:
                self._retired.remove(assistant)
                self._close_retired(assistant)

    def close(self) -> None:
        """At shutdown: close what this server opened (never an assistant it was given)."""
        if self._fixed:
            return
        with self._lock:
            for assistant in [*self._retired, *([self._assistant] if self._assistant else [])]:
                assistant.close()
            self._retired.clear()
            self._assistant = None
            if self._store is not None:
                self._store.close()
                self._store = None


def leased(request: Request) -> Iterator[Assistant]:
    """A route's dependency: the server's assistant, kept open for the request."""
    with request.app.state.current.lease() as assistant:
        yield assistant


Leased = Annotated[Assistant, Depends(leased)]
