"""An optional language model may read questions and reword answers, but never breaks the answer rules."""

from __future__ import annotations

import logging
import re
import time

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage
from llm_stub import StubLLM

from assistant import llm
from assistant.checker import check
from assistant.config import Settings
from assistant.models import Answer, Citation, Data
from assistant.understand import Understanding

SOURCE = "corpus/tables/miasta-i-gminy-2009.tsv"
KNOWN = llm.Known(
    units={"Kraków", "Bukowno", "Brody (pow. starachowicki)", "Brody (pow. żarski)"},
    countries={"Słowacja", "Czechy", "Ukraina", "Niemcy"},
    partners={"Rudnany", "Sokolnice", "Wiedeń"},
)


def bukowno(language: str = "en") -> Answer:
    """A two-row answer as the offline path writes it."""
    text = {
        "en": "The ZMP 2009 survey lists **2** partnerships (Bukowno):\n"
        "- Bukowno – Rudnany (Slovakia): formal agreement 2008 [1]\n"
        "- Bukowno – Sokolnice (Czech Republic): other form: 2006 list intencyjny [2]",
        "pl": "W ankiecie ZMP z 2009 r. jest **2** partnerstwa (Bukowno):\n"
        "- Bukowno – Rudnany (Słowacja): umowa 2008 [1]\n"
        "- Bukowno – Sokolnice (Czechy): inna forma: 2006 list intencyjny [2]",
    }[language]
    rows = [
        ["Bukowno", "gmina", "Słowacja", "Rudnany", 2008, "", SOURCE, 2373, "Slovakia", None],
        ["Bukowno", "gmina", "Czechy", "Sokolnice", None, "2006 list intencyjny", SOURCE, 2374,
         "Czech Republic", 2006],
    ]  # fmt: skip
    columns = ["unit", "unit_type", "country", "partner", "agreement_year", "other_form",
               "source", "line", "country_en", "other_year"]  # fmt: skip
    return Answer(
        language=language,
        route="table",
        answer=text,
        data=Data(columns=columns, rows=rows, total=2),
        citations=[
            Citation(id=1, source=SOURCE, lines=(2373, 2373), quote="Bukowno\tSłowacja\tRudnany\t2008\t"),
            Citation(id=2, source=SOURCE, lines=(2374, 2374),
                     quote="Bukowno\tCzechy\tSokolnice\t\t2006 list intencyjny"),
        ],
    )  # fmt: skip


GOOD_EN = (
    "According to the ZMP 2009 survey, Bukowno has **2** partnerships:\n"
    "- Rudnany in Slovakia, with a formal agreement signed in 2008 [1];\n"
    "- Sokolnice in the Czech Republic, with a letter of intent from 2006 [2]."
)
GOOD_PL = (
    "Według ankiety ZMP z 2009 r. Bukowno ma **2** partnerstwa:\n"
    "- Rudnany (Słowacja): umowa podpisana w 2008 r. [1];\n"
    "- Sokolnice (Czechy): list intencyjny z 2006 r. [2]."
)


def fake(*replies: str) -> FakeListChatModel:
    return FakeListChatModel(responses=list(replies))


# ---------------------------------------------------------------- configuration


def test_without_a_configured_model_nothing_is_loaded_and_health_says_off():
    settings = Settings(llm=None)
    assert llm.load(settings) is None
    assert llm.status(settings) == {"llm": "off"}


def test_a_missing_provider_package_is_one_clear_sentence_not_a_crash():
    settings = Settings(llm="ollama:llama3.1")
    with pytest.raises(llm.LLMUnavailable) as caught:
        llm.build(settings)
    message = str(caught.value)
    assert "langchain-ollama" in message and "pip install" in message
    assert message.count(". ") == 0 and message.endswith(".")
    assert llm.load(settings) is None
    assert llm.status(settings)["llm"].startswith("unavailable: ")


def test_a_spec_that_is_not_a_langchain_model_is_reported_clearly():
    with pytest.raises(llm.LLMUnavailable, match="not a LangChain chat-model spec"):
        llm.build(Settings(llm="no-such-thing"))


def test_every_task_has_a_prompt_file_with_examples_in_both_languages():
    for task, placeholders in (("understand", ["$question", "$history", "$candidates"]),
                               ("rephrase", ["$language", "$answer", "$citations", "$rows"])):  # fmt: skip
        sections = llm.prompt(task)
        roles = [role for role, _text in sections]
        assert roles[0] == "system" and roles[-1] == "user"
        assert roles.count("assistant") >= 2
        examples = " ".join(text for role, text in sections[1:-1] if role == "user")
        assert re.search(r"[ąćęłńóśźż]", examples), "a Polish example"
        assert re.search(r"\b(the|which|how|with)\b", examples, re.I), "an English example"
        assert all(p in sections[-1][1] for p in placeholders)


# ---------------------------------------------------------------- understanding


def test_the_model_fills_an_intent_whose_names_resolve_to_the_data():
    model = fake(
        '```json\n{"about_partnerships": true, "shape": "list", "units": ["Krakow"], '
        '"countries": ["Słowacja"], "year": 2008, "form": "agreement"}\n```'
    )
    intent = llm.fill_intent(
        model, "Kraków i słowackie miasta w 2008 z umową?", [], [("unit", "Kraków")], KNOWN
    )
    assert intent is not None
    assert intent.units == ["Kraków"] and intent.countries == ["Słowacja"]
    assert intent.year == 2008 and intent.form == "agreement"


def test_invalid_json_from_the_model_gives_no_intent():
    assert (
        llm.fill_intent(fake("Kraków partners with many towns."), "Kraków?", [], [], KNOWN) is None
    )


def test_a_town_the_model_invents_rejects_its_whole_reading(caplog):
    model = fake('{"about_partnerships": true, "units": ["Atlantyda"], "countries": ["Słowacja"]}')
    with caplog.at_level(logging.WARNING, logger="assistant.llm"):
        assert llm.fill_intent(model, "partnerzy Atlantydy na Słowacji", [], [], KNOWN) is None
    assert "Atlantyda" in caplog.text


def test_a_year_the_question_does_not_give_is_not_trusted():
    model = fake('{"about_partnerships": true, "units": ["Kraków"], "year": 1999}')
    assert llm.fill_intent(model, "partners of Kraków", [], [], KNOWN) is None


def test_a_year_from_the_conversation_and_a_spelled_decade_are_accepted():
    model = fake('{"units": ["Kraków"], "year": 2009}', '{"countries": ["Ukraina"], "year_from": 1990, "year_to": 1999}')  # fmt: skip
    history = [("user", "Kraków partners in 2009?"), ("assistant", "...")]
    assert llm.fill_intent(model, "and its partners?", history, [], KNOWN).year == 2009
    decade = llm.fill_intent(model, "partnerships with Ukraine in the 90s", [], [], KNOWN)
    assert (decade.year_from, decade.year_to) == (1990, 1999)


def test_an_ambiguous_unit_is_left_to_the_offline_clarify_question():
    known = llm.Known(units=lambda name: ["Brody (pow. starachowicki)", "Brody (pow. żarski)"],
                      countries=set(), partners=set())  # fmt: skip
    model = fake('{"units": ["Brody"]}')
    assert llm.fill_intent(model, "partnerzy Brodów", [], [], known) is None


def test_values_outside_the_intent_vocabulary_fall_back_to_defaults():
    model = fake('{"shape": "essay", "form": "friendship", "unit_type": "city", "limit": 5000, '
                 '"countries": ["Niemcy"], "near": "Berlin"}')  # fmt: skip
    intent = llm.fill_intent(model, "German partners", [], [], KNOWN)
    assert intent.shape == "list" and intent.form is None and intent.unit_type is None
    assert intent.limit is None and intent.near is None  # Berlin is not in the question


def test_a_question_the_model_calls_off_topic_gives_no_intent():
    assert llm.fill_intent(fake('{"about_partnerships": false}'), "pogoda?", [], [], KNOWN) is None


def test_a_reading_with_no_filter_would_list_everything_and_is_refused():
    assert llm.fill_intent(fake('{"shape": "list"}'), "tell me something", [], [], KNOWN) is None


def test_the_model_is_asked_only_when_the_offline_reading_is_unsure():
    assert llm.needs_model(Understanding("en", "out_of_scope", reason="nothing"))
    assert llm.needs_model(Understanding("pl", "out_of_scope", reason="other_topic"))
    assert not llm.needs_model(Understanding("en", "out_of_scope", reason="hostile"))
    assert not llm.needs_model(Understanding("en", "clarify", reason="ambiguous"))
    hostile = Understanding("en", "out_of_scope", reason="hostile")
    assert llm.understand_with_model(fake('{"units": ["Kraków"]}'), "x", [], hostile, KNOWN) is None


def test_the_prompt_carries_the_question_the_history_and_the_candidates():
    model = GenericFakeChatModel(messages=iter([AIMessage('{"units": ["Kraków"]}')]))
    seen: list = []
    original = model.invoke
    object.__setattr__(
        model, "invoke", lambda messages: seen.append(messages) or original(messages)
    )
    llm.fill_intent(model, "A z Czechami?", [("user", "Partnerzy Krakowa")], [("country", "Czechy")], KNOWN)  # fmt: skip
    last = seen[0][-1].content
    assert "A z Czechami?" in last and "Partnerzy Krakowa" in last and "- country: Czechy" in last


# ---------------------------------------------------------------- the checker


@pytest.mark.parametrize("language, text", [("en", GOOD_EN), ("pl", GOOD_PL)])
def test_a_faithful_rewrite_passes_the_checker(language, text):
    assert check(text, bukowno(language)) == []


@pytest.mark.parametrize(
    "text, problem",
    [
        (GOOD_EN.replace("2008", "2007"), "number 2007"),
        (GOOD_EN.replace("Rudnany", "Bratislava"), "name 'Bratislava'"),
        (GOOD_EN.replace("[2]", "[3]"), "marker [3] cites nothing"),
        (GOOD_EN.replace(" [1]", ""), "marker [1] of the original is dropped"),
        (GOOD_EN.replace("**2**", "twelve"), "number 12"),
        (GOOD_EN.replace("**2** partnerships", "partnerships"), "the total 2"),
        (GOOD_PL, "the rewrite is in 'pl'"),
        ("", "empty"),
    ],
)
def test_the_checker_catches_what_the_answer_rules_forbid(text, problem):
    problems = check(text, bukowno("en"))
    assert any(problem in p for p in problems), problems


def test_the_checker_accepts_polish_inflection_of_names_in_the_data():
    answer = bukowno("pl")
    assert check(GOOD_PL.replace("Według ankiety ZMP z 2009 r. Bukowno ma", "W Bukownie ankieta ZMP z 2009 r. wymienia"), answer) == []  # fmt: skip


def test_the_offline_text_always_passes_its_own_check():
    for language in ("en", "pl"):
        answer = bukowno(language)
        assert check(answer.answer, answer) == []


# ---------------------------------------------------------------- phrasing


def test_a_checked_rewrite_replaces_the_text_and_keeps_data_and_citations():
    answer = bukowno("en")
    phrased = llm.phrase(GenericFakeChatModel(messages=iter([GOOD_EN])), answer)
    assert phrased.answer == GOOD_EN
    assert phrased.citations == answer.citations and phrased.data == answer.data


def test_a_rewrite_that_fails_the_checker_keeps_the_offline_text(caplog):
    answer = bukowno("en")
    with caplog.at_level(logging.WARNING, logger="assistant.llm"):
        phrased = llm.phrase(fake(GOOD_EN.replace("Rudnany", "Košice")), answer)
    assert phrased.answer == answer.answer
    assert "llm.rejected task=rephrase" in caplog.text and "Košice" in caplog.text


def test_clarify_and_out_of_scope_answers_are_never_reworded():
    class Exploding(FakeListChatModel):
        def invoke(self, *args, **kwargs):
            raise AssertionError("the model must not be called")

    model = Exploding(responses=["x"])
    clarify = Answer(language="en", route="clarify", answer="1. Brody (pow. żarski)")
    assert llm.phrase(model, clarify) is clarify
    assert llm.phrase(None, bukowno()) == bukowno()


# ---------------------------------------------------------------- end to end, through a stub server


@pytest.fixture
def stub():
    with StubLLM() as server:
        yield server


def stub_settings(built_settings: Settings, stub: StubLLM, timeout: float = 5.0) -> Settings:
    return built_settings.model_copy(
        update={"llm": "openai:stub-model", "llm_base_url": stub.url, "llm_api_key": "dummy",
                "llm_timeout": timeout}
    )  # fmt: skip


def offline_answer(assistant, question: str) -> Answer:
    assert assistant.model is None
    return assistant.answer(question)


def test_a_stub_server_is_reached_through_init_chat_model_and_health_says_ok(built_settings, stub):
    settings = stub_settings(built_settings, stub)
    assert llm.status(settings) == {"llm": "ok"}
    model = llm.build(settings)
    stub.reply("strumień odpowiedzi")
    assert "".join(c.text for c in model.chat.stream("hi")) == "strumień odpowiedzi"
    assert stub.requests[-1]["model"] == "stub-model" and stub.requests[-1]["stream"] is True


def test_an_unreachable_server_is_reported_by_health_not_raised(built_settings):
    settings = built_settings.model_copy(
        update={"llm": "openai:stub-model", "llm_base_url": "http://127.0.0.1:9/v1", "llm_timeout": 2}
    )  # fmt: skip
    assert llm.status(settings) == {
        "llm": "unavailable: The language model server at http://127.0.0.1:9/v1 cannot be reached."
    }


def test_end_to_end_the_model_reads_a_question_into_a_real_intent(assistant, built_settings, stub):
    settings = stub_settings(built_settings, stub)
    stub.reply('{"about_partnerships": true, "shape": "list", "units": ["Bukowno"], '
               '"countries": ["Slovakia"]}')  # fmt: skip
    understanding = Understanding("en", "out_of_scope", reason="nothing")
    intent = llm.understand_with_model(
        llm.load(settings), "What links Bukowno to Slovakia?", [], understanding,
        assistant.runtime.known(),
    )  # fmt: skip
    assert intent is not None and intent.units == ["Bukowno"] and intent.countries == ["Słowacja"]


def test_end_to_end_invalid_json_falls_back(assistant, built_settings, stub):
    settings = stub_settings(built_settings, stub)
    stub.reply("Sure! Bukowno partners with Rudnany.")
    understanding = Understanding("en", "out_of_scope", reason="nothing")
    assert llm.understand_with_model(llm.load(settings), "What links Bukowno to Slovakia?", [],
                                     understanding, assistant.runtime.known()) is None  # fmt: skip


def test_end_to_end_a_hallucinated_town_keeps_the_cited_offline_answer(
    assistant, built_settings, stub
):
    settings = stub_settings(built_settings, stub)
    answer = offline_answer(assistant, "Z jakimi miastami współpracuje Bukowno?")
    stub.reply(lambda request: answer.answer.replace("Rudnany", "Bratysława"))
    phrased = llm.phrase(llm.load(settings), answer)
    assert phrased == answer and phrased.citations
    assert "Bukowno" in stub.requests[-1]["messages"][-1]["content"]


def test_end_to_end_an_answer_in_the_wrong_language_keeps_the_offline_answer(
    assistant, built_settings, stub
):
    settings = stub_settings(built_settings, stub)
    answer = offline_answer(assistant, "Which towns does Bukowno partner with?")
    assert answer.language == "en"
    markers = " ".join(f"[{c.id}]" for c in answer.citations)
    stub.reply(f"Bukowno współpracuje z miastami ze Słowacji i Czech, o których mowa w ankiecie {markers}.")  # fmt: skip
    assert llm.phrase(llm.load(settings), answer) == answer


def test_end_to_end_a_faithful_rewrite_is_shown(assistant, built_settings, stub):
    settings = stub_settings(built_settings, stub)
    answer = offline_answer(assistant, "Which towns does Bukowno partner with?")
    rewrite = answer.answer.replace("The ZMP 2009 survey lists", "According to the ZMP 2009 survey, there are")  # fmt: skip
    stub.reply(rewrite)
    assert llm.phrase(llm.load(settings), answer).answer == rewrite


def test_end_to_end_a_model_that_times_out_keeps_the_offline_answer(
    assistant, built_settings, stub
):
    settings = stub_settings(built_settings, stub, timeout=0.5)
    answer = offline_answer(assistant, "Which towns does Bukowno partner with?")
    stub.reply("too late", delay=3).reply('{"units": ["Bukowno"]}', delay=3)
    model = llm.load(settings)
    started = time.perf_counter()
    assert llm.phrase(model, answer) == answer
    understanding = Understanding("en", "out_of_scope", reason="nothing")
    assert llm.understand_with_model(model, "Bukowno?", [], understanding, assistant.runtime.known()) is None  # fmt: skip
    assert time.perf_counter() - started < 3.5
