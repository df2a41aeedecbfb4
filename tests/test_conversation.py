"""Follow-ups resolve against the previous turn; each turn keeps its own language; turns are stored."""

from __future__ import annotations

import pytest

from assistant.errors import InputError, UnknownConversation


def talk(assistant, *messages):
    conversation, results = None, []
    for message in messages:
        result = assistant.answer(message, conversation)
        conversation = result.conversation_id
        results.append(result)
    return results


def countries(result):
    return {row[2] for row in result.data.rows}


def test_a_new_year_replaces_the_old_one(assistant):
    first, second = talk(assistant, "Which gminas partnered Slovak towns in 2008?", "And in 2009?")
    assert second.route == "table" and second.language == "en"
    assert countries(second) == {"Słowacja"}
    assert all(row[4] == 2009 or "2009" in row[5] for row in second.data.rows)
    assert second.data.total != first.data.total


def test_a_polish_follow_up_changes_the_country_and_answers_in_polish(assistant):
    *_, last = talk(assistant, "Which gminas partnered Slovak towns in 2008?", "A z Czechami?")
    assert last.language == "pl" and countries(last) == {"Czechy"}
    assert all(row[4] == 2008 or "2008" in row[5] for row in last.data.rows)


def test_which_of_them_narrows_to_formal_agreements_and_show_all_repeats(assistant):
    _, narrowed, everything = talk(
        assistant,
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


def test_the_first_one_and_the_second_one_refer_to_the_original_list(assistant):
    listing, first, second = talk(
        assistant, "Partnerzy Krakowa", "Tell me more about the first one", "a ten drugi?"
    )
    assert first.data.rows[0][3] == listing.data.rows[0][3]
    assert second.data.rows[0][3] == listing.data.rows[1][3]
    assert first.language == "en" and second.language == "pl"


def test_a_bare_choice_answers_a_clarify_question(assistant):
    _, chosen = talk(assistant, "partners of Suwałki", "the city")
    assert {row[0] for row in chosen.data.rows} == {"Suwałki"}


def test_a_new_unit_starts_a_new_topic(assistant):
    _, second = talk(assistant, "Partnerzy Krakowa z Niemiec", "partnerzy Wrocławia")
    assert {row[0] for row in second.data.rows} == {"Wrocław"}
    assert len(countries(second)) > 1


def test_unknown_conversation_and_bad_messages_are_refused(assistant):
    with pytest.raises(UnknownConversation):
        assistant.answer("partnerzy Krakowa", "no-such-conversation")
    for bad in ("", "   ", "x" * 2001):
        with pytest.raises(InputError):
            assistant.answer(bad)


def test_turns_are_stored_with_their_language(assistant):
    results = talk(assistant, "partners of Kraków", "A w 2005?")
    turns = assistant.store.turns(results[0].conversation_id)
    assert [t.language for t in turns] == ["en", "pl"]
    assert turns[1].state["intent"]["year"] == 2005
