"""A yes/no question is answered Yes or No first, whatever it filters on: a region, a unit
type, a country alone, a comparison of two units, or a claim that one leads a ranking."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "first_word"),
    [
        ("czy jakaś gmina z Mazowsza współpracuje z Portugalią", "Nie."),
        ("Does any Polish powiat have a partner in Japan?", "No."),
        ("czy są jakieś partnerstwa z Islandią", "Nie."),
        ("Do any towns have partners in Chile?", "Yes."),
        ("czy Kraków i Warszawa mają wspólnego partnera", "Tak."),
        ("Czy jakiś polski powiat współpracuje z Japonią?", "Nie."),
        # no opening word: a verb of having or being, or an indefinite word, and no question word
        ("sosnowiec ma kogos w czechach?", "Nie."),
        ("kutno i izrael - jest tam jakis partner?", "Tak."),
        ("any italian twin town for pszczyna?", "No."),
        ("Ar Augustavas turi partnerių Lietuvoje?", "Yes."),
    ],
)
def test_a_yes_no_question_without_a_named_unit_is_answered_yes_or_no(
    assistant, question, first_word
):
    result = assistant.answer(question)
    lead = result.answer.removeprefix(
        "I answer in Polish and English; here is the answer in English.\n"
    )
    assert lead.startswith(first_word), result.answer
    assert result.data is not None


@pytest.mark.parametrize("question", ["Partnerzy Krakowa w Niemczech?", "Jakie miasta ma Kraków?"])
def test_a_question_without_a_yes_no_reading_is_a_list(assistant, question):
    assert not assistant.answer(question).answer.startswith(("Tak", "Nie"))


def test_a_yes_no_follow_up_of_a_list_is_answered_yes_or_no(assistant):
    first = assistant.answer("nowy targ partnerzy")
    then = assistant.answer("czy ktorys jest w hiszpanii?", first.conversation_id)
    assert then.answer.startswith("Nie.")


def test_a_polite_request_is_no_yes_no_question(assistant):
    result = assistant.answer("czy możesz podać partnerów Krakowa")
    assert not result.answer.startswith(("Tak", "Nie")) and result.data.total == 34


def _count(assistant, unit: str) -> int:
    cursor = assistant.runtime.con.cursor()
    try:
        (n,) = cursor.execute(
            "SELECT count(*) FROM partnerships WHERE unit_label = ?", [unit]
        ).fetchone()
    finally:
        cursor.close()
    return n


@pytest.mark.parametrize(
    ("question", "first", "second", "claim"),
    [
        ("czy lublin ma więcej partnerów niż rzeszów", "Lublin", "Rzeszów", "more"),
        ("czy rzeszow ma wiecej partnerow niz lublin", "Rzeszów", "Lublin", "more"),
        ("Does Rzeszów have fewer partners than Lublin?", "Rzeszów", "Lublin", "fewer"),
        ("Czy Ełk ma więcej partnerów niż Giżycko?", "Ełk", "Giżycko", "more"),
    ],
)
def test_a_comparison_asked_as_yes_no_checks_the_first_named(
    assistant, question, first, second, claim
):
    a, b = _count(assistant, first), _count(assistant, second)
    holds = a > b if claim == "more" else a < b
    result = assistant.answer(question)
    expected = {"pl": ("Tak." if holds else "Nie."), "en": ("Yes." if holds else "No.")}
    assert result.answer.startswith(expected[result.language]), result.answer


def test_a_claimed_leader_is_checked_against_the_ranking_not_filtered_on(assistant):
    yes = assistant.answer("Is Germany the most common partner country?")
    assert yes.answer.startswith("Yes.") and yes.data.total > 10  # every country ranked
    no = assistant.answer("czy francja to najczęstszy kraj partnerski")
    assert no.answer.startswith("Nie.") and "Niemcy" in no.answer.splitlines()[0]
    assert any(line.startswith("Francja:") for line in no.answer.splitlines())
    unit = assistant.answer("Is Lublin the Polish city with the most partners?")
    assert unit.answer.startswith("No.") and "Kraków" in unit.answer.splitlines()[0]
