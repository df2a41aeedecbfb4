"""Readings that compose with the rest of a question: a form asked for beside forms refused, a
choice among the countries listed, 'in Poland' after a unit, a word that only looks like a
ranking, a base name two units share, other languages' names of countries."""

from __future__ import annotations

import pytest

from assistant.understand import understand


def read(assistant, question: str, previous=None):
    rt = assistant.runtime
    return understand(question, previous, rt.units, rt.gazetteer)


def test_a_form_asked_for_beside_forms_refused_is_that_form(assistant):
    u = read(assistant, "Which gminas have partners in Latvia? I mean only formal agreements, "
                        "not letters of intent or other forms.")  # fmt: skip
    assert u.intent.form == "agreement" and u.intent.countries == ["Łotwa"]


def test_which_of_the_countries_listed_chooses_among_them(assistant):
    result = assistant.answer(
        "Of Estonia, Latvia and Lithuania, which has the fewest powiat partnerships?"
    )
    assert result.data.columns[0] == "country"
    assert {row[0] for row in result.data.rows} == {"Estonia", "Łotwa", "Litwa"}
    counts = [row[1] for row in result.data.rows]
    assert counts == sorted(counts) and str(counts[0]) in result.answer.splitlines()[0]


def test_in_poland_after_a_unit_is_its_domestic_partners(assistant):
    result = assistant.answer("ile partnerow ma karpacz w polsce?")
    assert result.data.rows and {row[2] for row in result.data.rows} == {"Polska"}


def test_top_before_a_word_of_another_subject_ranks_nothing(assistant):
    u = read(assistant, "Partners of Szczecin that have a football club in the top league")
    assert u.intent.shape == "list" and u.intent.units == ["Szczecin"]
    assert {"football", "club", "league"} <= set(u.intent.not_applied)


def test_a_base_name_two_units_share_is_asked_about(assistant):
    result = assistant.answer("Grodzisk partner towns")
    assert result.route == "clarify"
    assert {"Grodzisk Mazowiecki", "Grodzisk Wielkopolski"} <= {r[0] for r in result.data.rows}


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("Hat Toruń eine Partnerstadt in Russland?", "Rosja"),
        ("Partnerská města Řešova kromě Ukrajiny", None),
        ("Kiek Lenkijos valsčių turi partnerių Estijoje?", "Estonia"),
        ("Welche Gemeinde hat die meisten Partner in Italien?", "Włochy"),
    ],
)
def test_other_languages_name_countries_too(assistant, question, country):
    u = read(assistant, question)
    assert u.route == "table" and u.foreign_language
    if country:
        assert u.intent.countries == [country]
    else:
        assert u.intent.exclude_countries == ["Ukraina"]


def test_a_yes_no_question_after_a_sentence_of_context_is_answered_yes_or_no(assistant):
    result = assistant.answer(
        "My grandmother was born in Kamieniec Podolski and we are planning a trip to Poland next "
        "summer. Is Kalisz twinned with Kamieniec Podolski? Would be lovely to visit both"
    )
    assert result.answer.startswith("Yes")
    assert "grandmother" in result.not_applied
    # the context's words are said after the answer, not in place of its first line
    assert "grandmother" in result.answer.splitlines()[-1]


@pytest.mark.parametrize(
    ("question", "marked", "seat"),
    [
        ("Które gminy z powiatu kłodzkiego mają partnerów w Czechach?", "(pow. kłodzki)", "Kłodzko"),
        ("Which gminas of powiat prudnicki cooperate with Czech towns?", "(pow. prudnicki)", "Prudnik"),
    ],
)  # fmt: skip
def test_a_powiats_gminas_are_those_marked_so_and_its_seat_said_to_be_partial(
    assistant, question, marked, seat
):
    result = assistant.answer(question)
    units = {row[0] for row in result.data.rows}
    assert units and all(marked in u or u.startswith(seat) for u in units)
    assert {row[2] for row in result.data.rows} == {"Czechy"}
    assert not any(u.startswith("Powiat") for u in units)  # not the powiat's own rows
    assert marked.strip("()") in result.answer.splitlines()[0]  # what the list is, said first


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("Партнери Руди Шльонської", "Ruda Śląska"),
        ("Міста-партнери Зеленої Гури", "Zielona Góra"),
        ("Партнеры Нового Сонча", "Nowy Sącz"),
    ],
)
def test_a_two_word_name_in_a_cyrillic_case_is_found(assistant, question, unit):
    result = assistant.answer(question)
    assert result.data.rows and {row[0] for row in result.data.rows} == {unit}


def _conversation(assistant, *turns):
    result = None
    for message in turns:
        result = assistant.answer(message, result.conversation_id if result else None)
    return result


def test_the_first_ones_whole_list_when_all_its_partners_are_asked(assistant):
    result = _conversation(
        assistant,
        "Szukamy partnera dla miasta z Francji. Które powiaty mają już partnerów francuskich?",
        "a ten pierwszy - jakich ma wszystkich partnerów?",
    )
    units = {row[0] for row in result.data.rows}
    assert len(units) == 1
    alone = assistant.answer(f"Partnerzy: {units.pop()}")
    assert len(result.data.rows) == len(alone.data.rows) > 2  # not only its French rows


def test_without_a_country_after_a_units_list_leaves_its_rows_out(assistant):
    result = _conversation(assistant, "Partnerzy Opola", "bez niemieckich")
    alone = assistant.answer("Partnerzy Opola")
    assert {row[7] for row in result.data.rows} == {
        row[7] for row in alone.data.rows if row[2] != "Niemcy"
    }


def test_another_unit_opening_a_follow_up_is_no_partner(assistant):
    result = _conversation(assistant, "Partners of Toruń", "and Elbląg?")
    assert result.route == "clarify" or {row[0] for row in result.data.rows} & {"Elbląg"}


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("partnerzy mrągowa", "Mragowo"),  # the survey spells it without the ą
        ("Nowogrodziec partners", "Nowogrodzic"),
    ],
)
def test_a_place_the_survey_spells_one_letter_differently_is_found(assistant, question, unit):
    result = assistant.answer(question)
    assert result.data.rows and {row[0] for row in result.data.rows} == {unit}


def test_a_terse_unit_and_country_is_a_question_about_them(assistant):
    result = assistant.answer("wałcz niemcy")
    assert result.route == "table" and result.data.rows
    assert {(row[0], row[2]) for row in result.data.rows} == {("Wałcz", "Niemcy")}


def test_a_country_named_in_english_says_the_language(assistant):
    assert assistant.answer("olkusz italy").language == "en"
    assert assistant.answer("olkusz wlochy").language == "pl"


def test_two_units_after_a_partner_word_are_both_asked_about(assistant):
    result = assistant.answer("partnerzy darłowa i szczawnicy")
    assert {row[0] for row in result.data.rows} == {"Darłowo", "Szczawnica"}


def test_a_state_asked_in_a_passive_predicate_is_said_not_applied(assistant):
    u = read(assistant, "Które partnerstwa Konina na Litwie zostały zerwane?")
    assert u.intent.not_applied == ["zerwane"] and u.intent.units == ["Konin"]
    signed = read(assistant, "Które umowy zostały podpisane po 2005?")
    assert signed.intent.not_applied == []  # signing is what the survey records


def test_a_citys_partners_by_its_page_and_a_follow_up_on_them(assistant):
    listed = assistant.answer("Jakie miasta partnerskie ma Białystok według strony miasta?")
    assert listed.route == "documents"
    assert {c.source for c in listed.citations} == {
        "corpus/pages/bialystok-relacje-partnerskie.txt"
    }
    russian = assistant.answer("a które z nich są w Rosji?", listed.conversation_id)
    assert russian.route == "documents"
    assert "Tomsk" in russian.answer and "Irkuck" in russian.answer
    assert "Bornova" not in russian.answer
