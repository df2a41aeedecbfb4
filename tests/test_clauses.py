"""A message with several questions in it gets each of them answered, or the part it could not
answer said: never one part answered and the rest silently dropped."""

from __future__ import annotations

import re

import pytest

from assistant import clauses

# ---- where a message splits into questions -------------------------------------------------


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        (
            "Które miasto ma najwięcej partnerów we Francji, a które w Niemczech?",
            ["Które miasto ma najwięcej partnerów we Francji", "a które w Niemczech?"],
        ),
        (
            "how many partnerships were signed before 2000 and how many after?",
            ["how many partnerships were signed before 2000", "and how many after?"],
        ),
        (
            "list Olsztyn's partners and tell me which is the oldest",
            ["list Olsztyn's partners", "and tell me which is the oldest"],
        ),
        (
            "Who are Gdańsk's partners? And which of them are in France?",
            ["Who are Gdańsk's partners?", "And which of them are in France?"],
        ),
        ("Ile partnerów ma Kraków, a ile Wrocław?", ["Ile partnerów ma Kraków", "a ile Wrocław?"]),
        (
            "Podaj partnerów Olsztyna. Kiedy podpisano umowę z Rovaniemi?",
            ["Podaj partnerów Olsztyna.", "Kiedy podpisano umowę z Rovaniemi?"],
        ),
        (  # a sentence that asks nothing goes with the question beside it
            "Ile powiatów ma partnerów w Szwecji? Chodzi mi o liczbę partnerstw.",
            ["Ile powiatów ma partnerów w Szwecji? Chodzi mi o liczbę partnerstw."],
        ),
        (
            "Rejon z obwodu kaliningradzkiego szuka partnera. Które powiaty mają partnerów w "
            "Rosji? A które gminy?",
            [
                "Rejon z obwodu kaliningradzkiego szuka partnera. Które powiaty mają partnerów w "
                "Rosji?",
                "A które gminy?",
            ],
        ),
        (
            "Which gminas have the most partners in Slovakia? Top 3",
            ["Which gminas have the most partners in Slovakia? Top 3"],
        ),
        (  # a request that asks nothing of its own says how to answer the question before it
            "Where abroad are Poznan's partners? List countries",
            ["Where abroad are Poznan's partners? List countries"],
        ),
        (
            "Partners of Olsztyn? Tell me which is the oldest.",
            ["Partners of Olsztyn?", "Tell me which is the oldest."],
        ),
    ],
)
def test_a_message_splits_before_a_second_question(message, parts):
    assert clauses.split(message) == parts


@pytest.mark.parametrize(
    "message",
    [
        "Partners of Kraków and Wrocław",
        "Czy Kraków i Wrocław mają partnerów w Niemczech?",
        "Which towns have partners in France and Germany?",
        "Partnerzy gminy Czernichów (pow. żywiecki).",
        "Partnerzy Olsztyna, Elbląga i Ełku",
        "Jakie partnerstwa zawarto w latach 2000-2005 i w 2008?",
        "Kraków's partners in Germany, Austria and Italy",
        "Olsztyn's partners?",
        "Hello! Which towns partner with Lviv?",
        "Dzień dobry. Kto współpracuje z Lwowem?",
    ],
)
def test_names_and_filters_joined_by_and_stay_one_question(message):
    assert clauses.split(message) == [message]


# ---- each part answered --------------------------------------------------------------------


def lead(result) -> str:
    return result.answer.splitlines()[0]


def unmarked(text: str) -> str:
    return re.sub(r"\s*\[\d+\]", "", text)


def _markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def assert_cited_consistently(result):
    ids = [c.id for c in result.citations]
    assert ids == list(range(1, len(ids) + 1))
    assert _markers(result.answer) <= set(ids)


@pytest.mark.parametrize(
    ("message", "alone"),
    [
        (
            "Które miasto ma najwięcej partnerów we Francji, a które w Niemczech?",
            [
                "Które miasto ma najwięcej partnerów we Francji?",
                "Które miasto ma najwięcej partnerów w Niemczech?",
            ],
        ),
        (
            "how many partnerships were signed before 2000 and how many after?",
            [
                "how many partnerships were signed before 2000?",
                "how many partnerships were signed after 2000?",
            ],
        ),
        (
            "Ile partnerów ma Kraków, a ile Wrocław?",
            ["Ile partnerów ma Kraków?", "Ile partnerów ma Wrocław?"],
        ),
        (
            "How many partners does Gdańsk have, and in how many different countries?",
            [
                "How many partners does Gdańsk have?",
                "In how many different countries does Gdańsk have partners?",
            ],
        ),
        (
            "Z którym krajem powiaty mają najwięcej partnerstw, a z którym gminy?",
            [
                "Z którym krajem powiaty mają najwięcej partnerstw?",
                "Z którym krajem gminy mają najwięcej partnerstw?",
            ],
        ),
        (
            "Which gmina has the most partners in Ukraine? And which powiat?",
            [
                "Which gmina has the most partners in Ukraine?",
                "Which powiat has the most partners in Ukraine?",
            ],
        ),
    ],
)
def test_every_question_of_a_message_is_answered_as_if_asked_alone(assistant, message, alone):
    result = assistant.answer(message)
    assert result.route == "table"
    for question in alone:
        single = assistant.answer(question)
        # the part's lead sentence, as the question alone gets it (citation numbers aside)
        assert unmarked(lead(single)) in unmarked(result.answer), question
    assert_cited_consistently(result)
    assert result.not_applied == []


@pytest.mark.parametrize(
    ("message", "alone"),
    [
        (
            "Kiedy Kraków podpisał umowę z Rzymem, a kiedy z Florencją?",
            ["Kiedy Kraków podpisał umowę z Rzymem?", "Kiedy Kraków podpisał umowę z Florencją?"],
        ),
        (
            "od kiedy lodz wspolpracuje z lyonem, a od kiedy ze stuttgartem?",
            ["od kiedy lodz wspolpracuje z lyonem?", "od kiedy lodz wspolpracuje ze stuttgartem?"],
        ),
    ],
)
def test_a_second_partner_in_a_short_second_question_is_asked_about_too(assistant, message, alone):
    result = assistant.answer(message)
    for question in alone:
        row = assistant.answer(question).data.rows
        assert len(row) == 1, question
        partner, year = row[0][3], row[0][4]
        assert partner in result.answer and str(year) in result.answer, question
    assert_cited_consistently(result)


def test_a_bound_without_a_year_takes_the_year_before_it(assistant):
    first = assistant.answer("How many partnerships did Kraków sign before 2000?")
    after = assistant.answer("and how many after?", first.conversation_id)
    alone = assistant.answer("How many partnerships did Kraków sign after 2000?")
    assert after.data.total == alone.data.total > 0
    since = assistant.answer("Ile partnerstw Krakowa zaczęło się od 2005 roku?")
    before = assistant.answer("a ile przed?", since.conversation_id)
    assert before.data.total == assistant.answer("Ile partnerstw Krakowa przed 2005?").data.total


def test_a_list_and_its_oldest_are_both_answered(assistant):
    result = assistant.answer("list Olsztyn's partners and tell me which is the oldest")
    alone = assistant.answer("list Olsztyn's partners")
    assert str(alone.data.total) in result.answer
    assert "Rovaniemi" in result.answer and "1976" in result.answer
    assert_cited_consistently(result)


def test_a_second_question_about_another_subject_is_said_not_answered(assistant):
    result = assistant.answer("Who are Ustka's partners? And what is the weather like there?")
    assert result.route == "table"
    assert {row[0] for row in result.data.rows} == {"Ustka"}
    assert any("weather" in phrase for phrase in result.not_applied)
    assert "weather" in lead(result)


def test_the_conversation_goes_on_from_the_last_question(assistant):
    first = assistant.answer("Ile partnerów ma Kraków, a ile Wrocław?")
    follow = assistant.answer("a w Niemczech?", first.conversation_id)
    assert follow.data.rows and {row[0] for row in follow.data.rows} == {"Wrocław"}
    assert {row[2] for row in follow.data.rows} == {"Niemcy"}


def test_one_question_with_and_is_answered_once(assistant):
    result = assistant.answer("Which towns have partners in both France and Germany?")
    single_leads = [line for line in result.answer.splitlines() if "**" in line]
    assert len(single_leads) == 1


def test_how_many_after_a_breakdown_is_answered_by_its_counts(assistant):
    result = assistant.answer("Z jakimi krajami współpracuje Nowy Sącz i ile ma tam partnerów?")
    alone = assistant.answer("Z jakimi krajami współpracuje Nowy Sącz?")
    assert result.data.rows == alone.data.rows and result.not_applied == []


def test_every_parts_rows_are_in_the_data_and_in_the_export(assistant):
    result = assistant.answer("Ile partnerów ma Kraków, a ile Wrocław?")
    assert result.data.columns[-1] == "part"
    by_part = {}
    for row in result.data.rows:
        by_part.setdefault(row[-1], set()).add(row[0])
    assert by_part == {1: {"Kraków"}, 2: {"Wrocław"}}
    assert result.data.total == len(result.data.rows)
    turn = assistant.store.turn(result.conversation_id, 1)
    again = assistant.turn_data(turn.state)  # what the CSV export and the rows page read
    assert again.rows == result.data.rows
