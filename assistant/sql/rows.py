"""A list answer's rows: all of them for `data`, every column only for the few written out.

On a million-row table one list can hold 100k rows. Making a dict of every column for each
costs more than the query; the text writes out at most `SHOW_ALL` of them. So the rows stay
the tuples DuckDB returned (the data columns and the rank, `query.list_rows`), a row becomes a
dict when it is read, and the columns the text needs besides (raw, agreement, ...) are read for
the rows asked for, in one query by rank (`query.row_details`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, overload

from assistant.sql import query


class Rows(Sequence):
    """Sequence of row dicts over (columns, tuples); the last column is the rank (list_order).

    The first `prefetch` rows get their detail columns at once, in one query; another row's
    are read when one of them is first used (the cursor must still be open then).
    """

    def __init__(self, con, columns: list[str], tuples: list[tuple], prefetch: int = 0) -> None:
        self.con = con
        self.columns = columns
        self.tuples = tuples
        self._details: dict[int, tuple] = {}
        self.read_details([t[-1] for t in tuples[:prefetch]])

    def __len__(self) -> int:
        return len(self.tuples)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._dict(j) for j in range(*i.indices(len(self.tuples)))]
        return self._dict(range(len(self.tuples))[i])

    def data_rows(self) -> list[list]:
        """The data columns of every row (all but the rank), as `Data.rows` holds them."""
        with paused_gc():
            return [list(t[:-1]) for t in self.tuples]

    def data_columns(self) -> list[str]:
        return self.columns[:-1]

    def details(self, rank: int) -> dict[str, Any]:
        self.read_details([rank])
        return dict(zip(query.DETAILS, self._details[rank], strict=True))

    def _dict(self, j: int) -> dict[str, Any]:
        row = _Row(zip(self.columns, self.tuples[j], strict=True))
        row.rows = self
        if self.tuples[j][-1] in self._details:
            row.update(self.details(self.tuples[j][-1]))
        return row

    def read_details(self, ranks: list[int]) -> None:
        """The detail columns of the rows of these ranks, in one query (those not read yet)."""
        missing = [r for r in ranks if r not in self._details]
        if missing:
            _columns, found = query.row_details(missing).run(self.con)
            self._details.update((rank, rest) for rank, *rest in found)


class _Row(dict):
    """A row as a dict; a detail column not read yet is read on first use ("raw")."""

    rows: Rows

    def __missing__(self, key: str) -> Any:
        if key not in query.DETAILS:
            raise KeyError(key)
        self.update(self.rows.details(self["list_order"]))
        return self[key]


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection while 100k rows are made: they hold no cycles, and each 700 new
    objects would start a young-generation pass over all those made so far."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def fetch(q: query.Query, con) -> tuple[list[str], list[tuple]]:
    """A list query's columns and tuples, fetched with the collector paused."""
    with paused_gc():
        return q.run(con)
