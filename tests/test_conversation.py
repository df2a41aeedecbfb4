"""Follow-ups resolve against the previous turn; each turn keeps its own language; turns are stored."""

from __future__ import annotations

import pytest

from assistant.core import answer, runtime
from assistant.errors import InputError, UnknownConversation


def talk(settings, *messages):
    conversation, results = None, []
    for message in messages:
        result = answer(message, conversation, settings=settings)
        conversation = result.conversation_id
        results.append(result)
    return results


def countries(result):
    return {row[2] for row in result.data.rows}


def test_a_new_year_replaces_the_old_one(built_settings):
    first, second = talk(
        built_settings, "Which gminas partnered Slovak towns in 2008?", "And in 2009?"
    )
    assert second.route == "table" and second.language == "en"
    assert countries(second) == {"Słowacja"}
    assert all(row[4] == 2009 or "2009" in row[5] for row in second.data.rows)
    assert second.data.total != first.data.total


def test_a_polish_follow_up_changes_the_country_and_answers_in_polish(built_settings):
    *_, last = talk(built_settings, "Which gminas partnered Slovak towns in 2008?", "A z Czechami?")
    assert last.language == "pl" and countries(last) == {"Czechy"}
    assert all(row[4] == 2008 or "2008" in row[5] for row in last.data.rows)


def test_which_of_them_narrows_to_formal_agreements_and_show_all_repeats(built_settings):
    _, narrowed, everything = talk(
        built_settings,
        "partnerzy Krakowa",
        "Which of them are formal agreements?",
        "Pokaż wszystkie",
    )
    assert all(row[4] is not None for row in narrowed.data.rows)
    assert 0 < narrowed.data.total < 34
    assert everything.data.rows == narrowed.data.rows
    assert (
        sum(line.startswith("- ") for line in everything.answer.splitlines())
        == everything.data.total
    )


def test_the_first_one_and_the_second_one_refer_to_the_original_list(built_settings):
    listing, first, second = talk(
        built_settings, "Partnerzy Krakowa", "Tell me more about the first one", "a ten drugi?"
    )
    assert first.data.rows[0][3] == listing.data.rows[0][3]
    assert second.data.rows[0][3] == listing.data.rows[1][3]
    assert first.language == "en" and second.language == "pl"


def test_a_bare_choice_answers_a_clarify_question(built_settings):
    _, chosen = talk(built_settings, "partners of Suwałki", "the city")
    assert {row[0] for row in chosen.data.rows} == {"Suwałki"}


def test_a_new_unit_starts_a_new_topic(built_settings):
    _, second = talk(built_settings, "Partnerzy Krakowa z Niemiec", "partnerzy Wrocławia")
    assert {row[0] for row in second.data.rows} == {"Wrocław"}
    assert len(countries(second)) > 1


def test_unknown_conversation_and_bad_messages_are_refused(built_settings):
    with pytest.raises(UnknownConversation):
        answer("partnerzy Krakowa", "no-such-conversation", settings=built_settings)
    for bad in ("", "   ", "x" * 2001):
        with pytest.raises(InputError):
            answer(bad, settings=built_settings)


def test_turns_are_stored_with_their_language(built_settings):
    results = talk(built_settings, "partners of Kraków", "A w 2005?")
    turns = runtime(built_settings).store.turns(results[0].conversation_id)
    assert [t.language for t in turns] == ["en", "pl"]
    assert turns[1].state["intent"]["year"] == 2005
