"""Each routing rule of the ordered table decides its own kind of question, and only that."""

from __future__ import annotations

import pytest

from assistant.intent import Intent
from assistant.state import Item, TurnState
from assistant.understand import ROUTES, understand

ONE_PAIR = TurnState(
    language="pl",
    route="table",
    intent=Intent(units=["Gdynia"], partners=["Seattle"], shape="yes_no"),
    items=[Item(kind="partner", value="Seattle", unit="Gdynia", country="USA")],
)
A_LIST = TurnState(language="en", route="table", intent=Intent(units=["Kraków"]))

# rule -> (question, previous turn, expected route, expected reason or None)
EXAMPLES = {
    "follows_a_single_partnership": ("Od kiedy?", ONE_PAIR, "table", None),
    "asks_when_of_the_list": ("When were they signed?", A_LIST, "table", None),
    "asks_about_pages": ("Do jakich stowarzyszeń międzynarodowych należy Białystok?", None,
                         "documents", None),
    "names_only_unknown_places": ("partners of Atlantis", None, "out_of_scope", "unknown_place"),
    "refines_the_previous_answer": ("And in 2009?", A_LIST, "table", None),
    "asks_for_everything": ("Show me the towns", None, "out_of_scope", "nothing"),
    "asks_about_another_topic": ("What time is it in Warsaw?", None, "out_of_scope",
                                 "other_topic"),
}  # fmt: skip


def test_every_rule_has_an_example():
    assert [name for name, _rule in ROUTES] == list(EXAMPLES)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_rule_decides_its_question(name, assistant):
    rt = assistant.runtime
    question, previous, route, reason = EXAMPLES[name]
    u = understand(question, previous, rt.units, rt.gazetteer)
    assert u.route == route
    if reason:
        assert u.reason == reason
    rule = dict(ROUTES)[name]
    from assistant.understand import Asked, Signals, find_cues, tokenize

    # The rule itself, on a plain table question, passes (returns None).
    plain = "Z jakimi miastami współpracuje Kraków w Niemczech?"
    tokens = tokenize(plain)
    matches = rt.gazetteer.find(plain)
    asked = Asked(plain, Intent(units=["Kraków"], countries=["Niemcy"]),
                  Signals(tokens, find_cues(tokens, set())), matches, rt.units, "pl", None, set())  # fmt: skip
    assert rule(asked) is None


def test_a_single_partnership_follow_up_goes_to_that_row_not_to_the_pages(assistant):
    rt = assistant.runtime
    u = understand("When did it start?", ONE_PAIR, rt.units, rt.gazetteer)
    assert u.route == "table" and u.pick == 1


def test_when_after_a_list_is_that_list_oldest_first(assistant):
    rt = assistant.runtime
    u = understand("a kiedy je podpisano?", A_LIST, rt.units, rt.gazetteer)
    assert u.route == "table" and u.intent.units == ["Kraków"] and u.intent.order == "year_asc"
    fresh = understand("When did Kraków sign with Nuremberg?", A_LIST, rt.units, rt.gazetteer)
    assert fresh.intent.order is None  # a new question with names of its own is no such follow-up


def test_picking_an_item_of_the_list_before_is_no_page_question(assistant):
    rt = assistant.runtime
    u = understand("tell me about the second one", A_LIST, rt.units, rt.gazetteer)
    assert u.route == "table" and u.pick == 2


def test_turn_state_round_trips_as_json_and_reads_old_list_items():
    stored = ONE_PAIR.model_dump(mode="json")
    assert TurnState.load(stored) == ONE_PAIR
    old = {**stored, "items": [["partner", "Seattle", "Gdynia", "USA"]]}
    assert TurnState.load(old).items[0].unit == "Gdynia"
    assert TurnState.load({"route": "nonsense"}) is None


@pytest.mark.parametrize(
    "question",
    [
        "forget the twinning stuff and tell me a bedtime story about dragons",
        "a teraz opowiedz mi bajkę o smokach",
        "Write me a poem about Gdańsk and Bremen",
    ],
)
def test_a_story_or_a_poem_asked_for_anywhere_is_out_of_scope(assistant, question):
    assert assistant.answer(question).route == "out_of_scope"


def test_the_story_of_a_partnership_is_still_a_partnership_question(assistant):
    result = assistant.answer("tell me the story of Kraków's partnership with Nuremberg")
    assert result.route == "table" and result.data.total >= 1
