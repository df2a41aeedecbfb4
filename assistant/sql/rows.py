"""A list answer's rows: all of them for `data`, every column only for the few written out.

On a million-row table one list can hold 100k rows. Making a dict of every column for each
costs more than the query; the text writes out at most `SHOW_ALL` of them. With the index's
data columns held in memory (`ListColumns`), a list queries only its ranks, and its `data`
rows are made from those columns when they are read, i.e. sent (`RankedRows`); without them,
the rows are lists made in one pass from the arrays DuckDB returned (`Query.run_arrays`,
`query.row_lists`). A row becomes a dict only when it is read, and the columns the text needs
besides (raw, agreement, ...) are read for the rows asked for, in one query by rank
(`query.row_details`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, overload

import numpy as np

from assistant.sql import query


class Rows(Sequence):
    """Sequence of row dicts over (column names, one list of the data columns' values per row,
    the ranks); the last column name is the rank's (list_order).

    The first `prefetch` rows get their detail columns at once, in one query; another row's
    are read when one of them is first used (the cursor must still be open then).
    """

    def __init__(
        self,
        con,
        columns: list[str],
        rows: list[list] | RankedRows,
        ranks: np.ndarray,
        prefetch: int = 0,
    ) -> None:
        self.con = con
        self.columns = columns
        self.rows = rows
        self.ranks = ranks  # an array: a rank becomes a Python int when its row is read
        self._details: dict[int, tuple] = {}
        self.read_details(self.ranks[:prefetch].tolist())

    def __len__(self) -> int:
        return len(self.ranks)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            values = self.rows[start:stop:step]  # made together, not one at a time
            return [self._dict(j, v) for j, v in zip(range(start, stop, step), values, strict=True)]
        j = range(len(self))[i]
        return self._dict(j, self.rows[j])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self[:])

    def data_rows(self) -> list[list] | RankedRows:
        """The data columns of every row (all but the rank), as `Data.rows` holds them: the
        lists themselves, not copies (nothing changes them), or the columns in memory they
        are made from when read (`RankedRows`)."""
        return self.rows

    def data_columns(self) -> list[str]:
        return self.columns[:-1]

    def column(self, name: str) -> list:
        """One data column's values, row by row, without making the rows."""
        if isinstance(self.rows, RankedRows):
            return self.rows.column(name)
        at = self.columns.index(name)
        return [row[at] for row in self.rows]

    def details(self, rank: int) -> dict[str, Any]:
        self.read_details([rank])
        return dict(zip(query.DETAILS, self._details[rank], strict=True))

    def _dict(self, j: int, values: list) -> dict[str, Any]:
        rank = int(self.ranks[j])
        row = _Row(zip(self.columns, (*values, rank), strict=True))
        row.rows = self
        if rank in self._details:
            row.update(self.details(rank))
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


# What an aggregate's group says of its first row, read by the row's id (`first_id`).
FIRST = ("first_source", "first_line", "first_raw")
# Groups whose first rows are read in one query: a few dozen ids are primary-key lookups; a
# few hundred would be a scan of every row's `raw` on a million-row table.
FIRST_BATCH = 32


def group_dicts(con, columns: list[str], rows: list[tuple]) -> list[dict]:
    """An aggregate's groups as dicts. A group's first row (FIRST) is read when one of them is
    first used, with the rows of the FIRST_BATCH groups around it in one query (the cursor
    must still be open then): only the groups written out are cited."""
    at = columns.index("first_id")
    firsts = _Firsts(con, [r[at] for r in rows])
    found = []
    for i, r in enumerate(rows):
        group = _Group(zip(columns, r, strict=True))
        group.firsts, group.at = firsts, i
        found.append(group)
    return found


class _Firsts:
    """The first rows of an aggregate's groups, read by id a batch of groups at a time."""

    def __init__(self, con, ids: list[int]) -> None:
        self.con = con
        self.ids = ids
        self.found: dict[int, tuple] = {}

    def of(self, at: int) -> tuple:
        if self.ids[at] not in self.found:
            start = at - at % FIRST_BATCH
            batch = [i for i in self.ids[start : start + FIRST_BATCH] if i not in self.found]
            _columns, found = query.first_rows(batch).run(self.con)
            self.found.update((i, tuple(rest)) for i, *rest in found)
        return self.found[self.ids[at]]


class _Group(dict):
    """A group as a dict; its first row's source, line and text are read on first use."""

    firsts: _Firsts
    at: int

    def __missing__(self, key: str) -> Any:
        if key not in FIRST:
            raise KeyError(key)
        self.update(zip(FIRST, self.firsts.of(self.at), strict=True))
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


class ListColumns:
    """The data columns of every row of one index (what a list's `data` carries), held in
    memory by rank and read once per index (`core.Runtime.list_columns`).

    On a million-row table, most of a 100k-row list's time went to DuckDB handing over its
    ten columns. With them here, a list runs only the narrow query of its ranks
    (`Query.ranks_sql`) and takes its columns at those ranks. A text column stays an array of
    codes with one lookup of their texts, so a million rows take about 45 MB.
    """

    def __init__(self, con) -> None:
        every = query.every_list_row()
        arrays = con.execute(every.sql).fetchnumpy()
        ranks = np.ma.getdata(arrays.pop("list_order"))
        size = int(ranks.max()) + 1 if len(ranks) else 1
        self.names = list(arrays)
        self.coded = frozenset(every.coded)
        self.values: dict[str, np.ndarray] = {}
        self.nulls: dict[str, np.ndarray] = {}
        for name, array in arrays.items():
            if name in self.coded:
                array = query.codes(array)
            elif isinstance(array, np.ma.MaskedArray):
                self.nulls[name] = np.zeros(size, dtype=bool)
                self.nulls[name][ranks] = np.ma.getmaskarray(array)
                array = np.ma.getdata(array)
            column = np.full(size, -1, dtype=array.dtype)
            column[ranks] = array
            self.values[name] = column
        self.texts = query.texts_lookup(
            con, [self.values[n] for n in self.names if n in self.coded]
        )

    def at(self, ranks: np.ndarray, parts: np.ndarray | None = None) -> list[list]:
        """The data columns of the rows of these ranks, as `query.row_lists` makes them; with
        `parts`, each row ends with its part's number (a message of several questions)."""
        width = len(self.names) + (parts is not None)
        table = np.empty((len(ranks), width), dtype=object)
        for j, name in enumerate(self.names):
            values = self.values[name][ranks]
            if name in self.coded:
                table[:, j] = self.texts[values]
                continue
            table[:, j] = values
            if name in self.nulls:
                table[self.nulls[name][ranks], j] = None
        if parts is not None:
            table[:, -1] = parts
        with paused_gc():
            return table.tolist()


class RankedRows(Sequence):
    """A list's `data.rows` made from the index's columns in memory (`ListColumns`) only when
    they are read: serialised, exported, iterated. The answer's text needs a few rows of a
    list; a 100k-row list of a million-row table no longer builds 100k Python lists unless
    its data is sent. A slice or one row is made alone; iterating makes (and keeps) them all.

    With `parts`, each row ends with its part's number (`several.merged_data`).
    """

    def __init__(
        self, columns: ListColumns, ranks: np.ndarray, parts: np.ndarray | None = None
    ) -> None:
        self.columns = columns
        self.ranks = ranks
        self.parts = parts
        self._made: list[list] | None = None

    @classmethod
    def joined(cls, parts: list[tuple[int, RankedRows]]) -> RankedRows:
        """The rows of several parts of one index, each row ending with its part's number."""
        numbers = [np.full(len(rows), n, dtype=object) for n, rows in parts]
        return cls(
            parts[0][1].columns,
            np.concatenate([rows.ranks for _n, rows in parts]),
            np.concatenate(numbers),
        )

    def __len__(self) -> int:
        return len(self.ranks)

    @overload
    def __getitem__(self, i: int) -> list: ...
    @overload
    def __getitem__(self, i: slice) -> list[list]: ...
    def __getitem__(self, i):
        if self._made is not None:
            return self._made[i]
        if isinstance(i, slice):
            return self._make(i)
        j = range(len(self))[i]
        return self._make(slice(j, j + 1))[0]

    def __iter__(self) -> Iterator[list]:
        return iter(self.made())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self.made() == list(other)

    def __repr__(self) -> str:
        return f"RankedRows({len(self)} rows)"

    def __deepcopy__(self, memo: dict) -> RankedRows:
        """The index's columns are shared, not copied (a copy would be 45 MB a million rows)."""
        return RankedRows(self.columns, self.ranks.copy(), None if self.parts is None else
                          self.parts.copy())  # fmt: skip

    def column(self, name: str) -> list:
        """One data column's values, row by row (a text column from its codes at once)."""
        if self.columns.nulls.get(name) is not None or name not in self.columns.values:
            return [row[self.columns.names.index(name)] for row in self.made()]
        values = self.columns.values[name][self.ranks]
        if name in self.columns.coded:
            return self.columns.texts[values].tolist()
        return values.tolist()

    def made(self) -> list[list]:
        if self._made is None:
            self._made = self._make(slice(None))
        return self._made

    def _make(self, at: slice) -> list[list]:
        return self.columns.at(self.ranks[at], None if self.parts is None else self.parts[at])


def fetch(
    q: query.Query, con, columns: ListColumns | None = None
) -> tuple[list[str], list[list] | RankedRows, np.ndarray]:
    """A list query's column names, its rows of the data columns (all but the last) and the
    last column, the rank (as an array), made with the collector paused. With the index's
    columns in memory, only the ranks are queried, and the rows are made when read."""
    with paused_gc():
        if columns is not None and q.ranks_sql:
            found = con.execute(q.ranks_sql, q.params).fetchnumpy()["list_order"]
            ranks = np.ma.getdata(found)
            return [*columns.names, "list_order"], RankedRows(columns, ranks), ranks
        arrays = q.run_arrays(con)
        columns = list(arrays)
        data = query.row_lists([arrays[name] for name in columns[:-1]])
        return columns, data, np.ma.getdata(arrays[columns[-1]])
