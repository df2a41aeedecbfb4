"""A list's rows taken from the columns held in memory are the rows the wide query gives, and
a comparison of a long list cites its first rows and keeps all of them in data."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from assistant import compare, several
from assistant.compose import SHOWN
from assistant.intent import Intent
from assistant.models import Data
from assistant.sql import query
from assistant.sql.rows import ListColumns, RankedRows, Rows, fetch

INTENTS = [
    Intent(units=["Kraków"]),
    Intent(countries=["Niemcy", "Francja"], unit_type="powiat"),
    Intent(year_from=1990, year_to=1999),  # rows with and without either year
    Intent(form="no_data"),
    Intent(),  # every row
    Intent(units=["Gdańsk"], order="year_desc"),
    Intent(units=["Kobylnica"], order="year_desc"),  # ties within a year: by partner's name
    Intent(units=["Kraków"], countries=["Peru"]),  # none
]


@pytest.fixture(scope="module")
def cursor(assistant):
    cursor = assistant.runtime.con.cursor()
    yield cursor
    cursor.close()


@pytest.mark.parametrize("intent", INTENTS, ids=lambda i: i.model_dump_json(exclude_defaults=True))
def test_the_rows_from_memory_are_the_rows_of_the_query(cursor, assistant, intent):
    q = query.list_rows(intent)
    columns, rows, ranks = fetch(q, cursor)
    held = fetch(q, cursor, assistant.runtime.list_columns())
    assert held[0] == columns
    assert held[1] == rows
    assert np.array_equal(held[2], ranks)
    assert [list(map(type, r)) for r in held[1][:50]] == [list(map(type, r)) for r in rows[:50]]


def test_the_columns_are_read_once_per_index(assistant):
    assert assistant.runtime.list_columns() is assistant.runtime.list_columns()


def test_a_list_of_every_row_holds_every_row(cursor):
    columns = ListColumns(cursor)
    (total,) = cursor.execute("SELECT count(*) FROM partnerships").fetchone()
    ranks = np.arange(1, total + 1)
    assert len(columns.at(ranks)) == total
    assert None not in {row[columns.names.index("partner")] for row in columns.at(ranks)}


def test_a_long_comparison_cites_its_first_rows_and_keeps_all_in_data(cursor, assistant):
    q = query.list_rows(Intent(units=["Kraków"]))
    rows = Rows(cursor, *fetch(q, cursor, assistant.runtime.list_columns()))
    assert len(rows) > SHOWN
    draft = compare.compare("Kraków", "en", [], rows, {})
    assert draft.data.total == len(rows)
    assert len(draft.citations) == SHOWN
    more = f"… and {len(rows) - SHOWN} more (all {len(rows)} are in the data table)."
    assert more in draft.lines
    raw = {(r["source"], r["line"]): r["raw"] for r in rows[:SHOWN]}
    assert all(c.quote == raw[(c.source, c.lines[0])] for c in draft.citations)


def test_a_lists_data_rows_are_made_when_sent(assistant):
    result = assistant.answer("Partnerzy Krakowa")
    rows = result.data.rows
    assert isinstance(rows, RankedRows) and rows._made is None  # the answer did not make them
    sent = json.loads(result.model_dump_json())["data"]["rows"]
    cursor = assistant.runtime.con.cursor()
    try:
        _columns, wide, _ranks = fetch(query.list_rows(Intent(units=["Kraków"])), cursor)
    finally:
        cursor.close()
    assert sent == json.loads(json.dumps(wide)) and len(sent) == result.data.total > SHOWN


def test_a_slice_or_one_row_is_the_row_of_every_row(cursor, assistant):
    q = query.list_rows(Intent(countries=["Niemcy"]))
    _columns, rows, _ranks = fetch(q, cursor, assistant.runtime.list_columns())
    pieces = [rows[0], rows[-1], rows[5:9], rows[::50]]
    every = rows.made()
    assert pieces == [every[0], every[-1], every[5:9], every[::50]]
    assert copy.deepcopy(rows).columns is rows.columns and copy.deepcopy(rows) == every


def test_the_parts_of_a_message_keep_their_numbers(cursor, assistant):
    columns = assistant.runtime.list_columns()
    datas = []
    for intent in (Intent(units=["Gdańsk"]), None, Intent(units=["Gdynia"])):
        if intent is None:
            datas.append(None)
            continue
        _names, rows, _ranks = fetch(query.list_rows(intent), cursor, columns)
        datas.append(Data.model_construct(columns=["a"], rows=rows, total=len(rows)))
    merged = several.merged_data(datas)
    eager = [[*r, 1] for r in datas[0].rows.made()] + [[*r, 3] for r in datas[2].rows.made()]
    assert isinstance(merged.rows, RankedRows) and merged.rows == eager
    assert merged.total == len(eager) and merged.columns == ["a", "part"]


def test_a_comparison_reads_the_same_from_memory_as_from_lists(cursor, assistant):
    q = query.list_rows(Intent(units=["Białystok"]))
    facts = [f for f in assistant.runtime.facts if f.owner == "Białystok"]
    assert facts
    drafts = [
        compare.compare("Białystok", "pl", facts, Rows(cursor, *fetch(q, cursor, held)), {})
        for held in (None, assistant.runtime.list_columns())
    ]
    assert drafts[0].lines == drafts[1].lines
    assert drafts[0].data == drafts[1].data
