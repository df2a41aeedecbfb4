"""One typo in a word the question turns on: the word is read as meant, the same as untyped."""

from __future__ import annotations

import pytest

from assistant.understand import understand


def plan(assistant, question: str) -> dict:
    rt = assistant.runtime
    u = understand(question, None, rt.units, rt.gazetteer)
    return u.intent.model_dump(exclude={"unit_query", "partner_query", "place_words"})


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Które powiaty mają co najmniej 6 parterów?", "Które powiaty mają co najmniej 6 partnerów?"),
        ("Which gminas have more than 20 parters?", "Which gminas have more than 20 partners?"),
        ("Kto jest parterem Sulejówka?", "Kto jest partnerem Sulejówka?"),
        ("Ile samorądów ma partnerów w USA?", "Ile samorządów ma partnerów w USA?"),
        ("Gdańsk's twin towns before 1980", "Gdańsk's twin towns befre 1980"),
        ("wspoprace Krakowa z Niemcami", "współpracę Krakowa z Niemcami"),
    ],
)  # fmt: skip
def test_a_typo_of_a_cue_word_plans_as_the_word(assistant, typed, meant):
    assert plan(assistant, typed) == plan(assistant, meant)


def test_at_least_is_a_bound_not_the_fewest(assistant):
    p = plan(assistant, "Które powiaty mają co najmniej 6 partnerów?")
    assert p["min_partnerships"] == 6 and p["extreme"] is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("czy gliwice maja partnera we fracji", "czy gliwice maja partnera we francji"),
        ("partnerzy gmin z wlochami i hiszpani", "partnerzy gmin z wlochami i hiszpanii"),
        ("partnerzy olsztyna na ukrainie i w niemczch", "partnerzy olsztyna na ukrainie i w niemczech"),
    ],
)  # fmt: skip
def test_a_typo_in_a_polish_country_name_is_the_country_not_a_partner(assistant, typed, meant):
    typed_plan, meant_plan = plan(assistant, typed), plan(assistant, meant)
    assert typed_plan["countries"] and typed_plan["partners"] == []
    assert typed_plan == meant_plan


def test_a_foreign_word_one_letter_from_a_foreign_country_name_is_no_country(assistant):
    assert (
        "Szwecja"
        not in plan(assistant, "Welke Poolse steden hebben partners in Frankrijk?")["countries"]
    )
