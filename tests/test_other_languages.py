"""French, Spanish and Italian questions: their country names and adjectives are the survey's
countries (answered in English), never dropped for an answer about every country."""

from __future__ import annotations

import pytest


def _count(assistant, where: str) -> int:
    cursor = assistant.runtime.con.cursor()
    try:
        (n,) = cursor.execute(f"SELECT count(*) FROM partnerships WHERE {where}").fetchone()
    finally:
        cursor.close()
    return n


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("Quali città polacche sono gemellate con città italiane?", "Italy"),
        ("Quels partenaires en Allemagne a Cracovie ?", "Germany"),
        ("¿Cuántas ciudades polacas tienen socios en Hungría?", "Hungary"),
    ],
)
def test_a_romance_country_name_filters_the_rows(assistant, question, country):
    result = assistant.answer(question)
    assert result.language == "en" and result.data is not None
    lead = result.answer.splitlines()[1]  # after the line saying it answers in English
    assert f"with {country}" in lead and "Tienen" not in lead
    assert 0 < result.data.total < _count(assistant, "TRUE")
