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


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("powiat leski a leżajski – który z nich współpracuje z większą liczbą miast?",
         {"Powiat leski", "Powiat leżajski"}),
        ("chelm, tczew czy kwidzyn - ktore z tych miast ma najwiecej partnerow?",
         {"Chełm", "Tczew", "Kwidzyn"}),
        ("Jarosław i Chełm: który z nich ma więcej partnerów ukraińskich?", {"Jarosław", "Chełm"}),
    ],
)  # fmt: skip
def test_units_named_before_which_of_them_are_compared_not_read_as_partners(
    assistant, question, names
):
    result = assistant.answer(question)
    groups = {row[0]: row[1] for row in result.data.rows}
    assert set(groups) == names
    assert all(groups[n] == _count_in(assistant, n, question) for n in names)


def _count_in(assistant, unit: str, question: str) -> int:
    where, params = "unit_label = ?", [unit]
    if "ukraińskich" in question:
        where += " AND country = 'Ukraina'"
    cursor = assistant.runtime.con.cursor()
    try:
        (n,) = cursor.execute(f"SELECT count(*) FROM partnerships WHERE {where}", params).fetchone()
    finally:
        cursor.close()
    return n


def test_years_set_side_by_side_are_compared_and_a_year_not_used_is_said(assistant):
    result = assistant.answer(
        "W którym roku gminy nawiązały więcej partnerstw z Czechami: w 2005 czy w 2008?"
    )
    cursor = assistant.runtime.con.cursor()
    try:
        counts = {
            str(y): cursor.execute(
                "SELECT count(*) FROM partnerships WHERE unit_type = 'gmina' AND country = "
                "'Czechy' AND (agreement_year = ? OR other_year = ?)", [y, y]
            ).fetchone()[0]
            for y in (2005, 2008)
        }  # fmt: skip
    finally:
        cursor.close()
    assert {row[0]: row[1] for row in result.data.rows} == counts
    assert "choice" not in result.answer and not result.answer.startswith(("Tak", "Nie"))
    one = assistant.answer("partnerzy krakowa z 1990 lub 1995")
    assert one.not_applied == ["1995"]
    late = assistant.answer("partnerstwa bytomia zawarte po 2018 roku")
    assert late.not_applied == ["2018"]
