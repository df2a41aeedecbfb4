"""A decade or century named without a four-digit year is a range of years, applied and never
reported as not applied; one the plan cannot apply beside it is said."""

from __future__ import annotations

import pytest

from assistant.periods import read_periods


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("partnerzy gdyni z lat 90", (1990, 1999)),
        ("umowy z lat 80.", (1980, 1989)),
        ("w latach dziewięćdziesiątych", (1990, 1999)),
        ("w latach dziewiecdziesiatych", (1990, 1999)),
        ("partnerships from the eighties", (1980, 1989)),
        ("in the 1970s", (1970, 1979)),
        ("the 2000s", (2000, 2009)),
        ("early 90s", (1990, 1993)),
        ("na początku lat 90-tych", (1990, 1993)),
        ("pod koniec lat osiemdziesiątych", (1987, 1989)),
        ("mid-90s", (1994, 1996)),
        ("in den 90er Jahren", (1990, 1999)),
        ("lata 70. i 80.", (1970, 1989)),
        ("from the 70s to the 90s", (1970, 1999)),
        ("w XX w.", (1901, 2000)),
        ("twentieth century", (1901, 2000)),
        ("z XXI wieku", (2001, None)),
        ("in the 21st century", (2001, None)),
    ],
)
def test_a_named_period_is_a_range_of_years(text, years):
    periods = read_periods(text)
    assert [(p.year_from, p.year_to) for p in periods] == [years]


@pytest.mark.parametrize("text", ["top 90 countries", "gmina z 20 partnerami", "ile jest 90."])
def test_a_bare_number_is_no_decade(text):
    assert read_periods(text) == []


def test_two_decades_apart_stay_two():
    periods = read_periods("the 70s and the 90s")
    assert [(p.year_from, p.year_to) for p in periods] == [(1970, 1979), (1990, 1999)]


def _lines(result) -> set[int]:
    return {row[7] for row in result.data.rows}


def _rows(assistant, where: str, params: list) -> set[int]:
    cursor = assistant.runtime.con.cursor()
    try:
        found = cursor.execute(f"SELECT line FROM partnerships WHERE {where}", params).fetchall()
    finally:
        cursor.close()
    return {line for (line,) in found}


@pytest.mark.parametrize(
    ("question", "a", "b"),
    [("partnerzy gdyni z lat 90", 1990, 1999),
     ("Gdynia's partners from the early nineties", 1990, 1993)],
)  # fmt: skip
def test_a_decade_filters_the_rows_and_is_applied(assistant, question, a, b):
    result = assistant.answer(question)
    expected = _rows(
        assistant,
        "unit_label = 'Gdynia' AND (agreement_year BETWEEN ? AND ? OR other_year BETWEEN ? AND ?)",
        [a, b, a, b],
    )
    assert expected and _lines(result) == expected
    assert result.not_applied == []


def test_a_second_decade_apart_is_said_not_applied(assistant):
    result = assistant.answer("partnerships of Gdańsk in the 70s and the 90s")
    assert any("90s" in phrase for phrase in result.not_applied)
