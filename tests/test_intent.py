"""Questions become typed intents: years, ranges, decades, forms, top N, in both languages."""

from __future__ import annotations

import pytest

from assistant.understand import understand


@pytest.fixture(scope="module")
def parse(assistant):
    rt = assistant.runtime
    return lambda question: understand(question, None, rt.units, rt.gazetteer)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("partnerships with Ukraine in the nineties", {"year_from": 1990, "year_to": 1999}),
        ("Partnerstwa z Ukrainą z lat 90.", {"year_from": 1990, "year_to": 1999}),
        ("Partnerships with Sweden after the year 2005", {"year_from": 2006, "year_to": None}),
        ("Partnerzy Opola sprzed 1990 roku", {"year_to": 1989, "year_from": None}),
        ("partnerships with Hungary older than 1990", {"year_to": 1989}),
        ("Partnerstwa od 2000 do 2005 z Litwą", {"year_from": 2000, "year_to": 2005}),
        ("gminy ze Słowacją w 2008", {"year": 2008}),
    ],
)
def test_years_ranges_and_decades(parse, question, expected):
    intent = parse(question).intent
    for key, value in expected.items():
        assert getattr(intent, key) == value, (question, intent)


@pytest.mark.parametrize(
    ("question", "shape", "limit"),
    [
        ("top 10 countries by number of partnerships", "group_country", 10),
        ("pięć krajów z największą liczbą partnerstw", "group_country", 5),
        ("three countries with most partnerships", "group_country", 3),
        ("w jakich krajach Wrocław ma partnerów?", "group_country", None),
        ("Ile partnerstw ma Kraków?", "count", None),
    ],
)
def test_answer_shapes_and_top_n(parse, question, shape, limit):
    intent = parse(question).intent
    assert (intent.shape, intent.limit) == (shape, limit)


@pytest.mark.parametrize(
    ("question", "form", "form_text"),
    [
        ("which powiats signed only a letter of intent?", "only_letter_of_intent", []),
        ("Które partnerstwa Częstochowy nie mają formalnej umowy?", "no_agreement", []),
        ("partnerships with no information about the form in Italy", "no_data", []),
        ("Które gminy mają memorandum?", None, ["memorandum"]),
    ],
)
def test_forms_of_cooperation(parse, question, form, form_text):
    intent = parse(question).intent
    assert (intent.form, intent.form_text) == (form, form_text)


def test_polish_side_is_not_a_country_filter_but_domestic_partners_are(parse):
    assert parse("Kto w Polsce ma partnerstwo ze Lwowem?").intent.countries == []
    assert parse("Polscy partnerzy Karpacza").intent.countries == ["Polska"]
    assert parse("Zagraniczni partnerzy Tarnowa").intent.foreign
