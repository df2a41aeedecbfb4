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


@pytest.mark.parametrize(
    ("question", "country", "since"),
    [
        ("Welke Poolse gemeenten hebben partners in Ierland?", "Irlandia", None),
        ("Welke Poolse steden werken samen met Frankrijk sinds 2000?", "Francja", 2000),
        ("Quelles villes polonaises sont jumelées avec l'Allemagne ?", "Niemcy", None),
        ("Welche polnischen Städte haben seit 1995 Partner in Italien?", "Włochy", 1995),
        (
            "Combien de villes polonaises ont des partenaires en Italie depuis 2005 ?",
            "Włochy",
            2005,
        ),
    ],
)
def test_dutch_elided_and_since_words_are_read(assistant, question, country, since):
    """Dutch country names and words, a French name after an elided article, and 'since' in
    German, Dutch and French: each applied, the answer in English saying so."""
    result = assistant.answer(question)
    assert result.language == "en" and result.route == "table" and not result.not_applied
    rows = _count(assistant, f"country = '{country}'" + (
        f" AND (agreement_year >= {since} OR other_year >= {since})" if since else ""
    ))  # fmt: skip
    assert 0 < result.data.total <= rows
    assert result.answer.splitlines()[0].startswith("I answer in Polish and English")
