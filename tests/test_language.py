"""Questions are answered in their own language: short Polish and English questions are told apart, names aside."""

from __future__ import annotations

import pytest

from assistant.language import detect_language

# (question, the place names in it, expected language)
CASES: list[tuple[str, tuple[str, ...], str]] = [
    # Polish
    ("partnerzy Czestochowy", ("Czestochowy",), "pl"),
    ("partnerzy Częstochowy", ("Częstochowy",), "pl"),
    ("A z Czechami?", ("Czechami",), "pl"),
    ("a ten drugi?", (), "pl"),
    ("Pokaż wszystkie", (), "pl"),
    ("pokaz wszystkie", (), "pl"),
    ("Z jakimi miastami współpracuje Kraków?", ("Kraków",), "pl"),
    ("w jakich krajach Wrocław ma partnerów?", ("Wrocław",), "pl"),
    ("Do jakich stowarzyszeń międzynarodowych należy Białystok?", ("Białystok",), "pl"),
    ("Czy dane ankiety zgadzają się z listą partnerów Białegostoku?", ("Białegostoku",), "pl"),
    ("A w 2009?", (), "pl"),
    ("a z Niemcami", ("Niemcami",), "pl"),
    ("Które z nich to umowy formalne?", (), "pl"),
    ("Opowiedz więcej o pierwszym", (), "pl"),
    ("ile partnerstw ma Gdańsk", ("Gdańsk",), "pl"),
    ("partnerzy powiatu żywieckiego", ("powiatu żywieckiego",), "pl"),
    ("kto wspolpracuje z Wiedniem", ("Wiedniem",), "pl"),
    ("gminy ze Słowacją w 2008", ("Słowacją",), "pl"),
    ("najwięcej partnerów", (), "pl"),
    ("Jakie gminy mają partnerów na Ukrainie?", ("Ukrainie",), "pl"),
    ("lista krajów", (), "pl"),
    ("a Lwów?", ("Lwów",), "pl"),
    ("tylko umowy", (), "pl"),
    ("Dziękuję", (), "pl"),
    ("Od kiedy Olsztyn współpracuje z Rovaniemi?", ("Olsztyn", "Rovaniemi"), "pl"),
    ("partnerstwa z lat 1990-1995 z Ukrainą", ("Ukrainą",), "pl"),
    # English
    ("Show all of them", (), "en"),
    ("And in 2009?", (), "en"),
    ("Polish towns twinned with Vienna", ("Vienna",), "en"),
    ("list Wrocław partners", ("Wrocław",), "en"),
    ("Tell me about Białystok", ("Białystok",), "en"),
    ("top 10 countries", (), "en"),
    ("Which of them are formal agreements?", (), "en"),
    ("Tell me more about the first one", (), "en"),
    ("Since when is Olsztyn partnered with Rovaniemi?", ("Olsztyn", "Rovaniemi"), "en"),
    ("which gminas partnered Slovak towns in 2008?", ("Slovak",), "en"),
    (
        "how many partnerships does Powiat żywiecki have with Hungary?",
        ("Powiat żywiecki", "Hungary"),
        "en",
    ),
    ("partners of Częstochowa", ("Częstochowa",), "en"),
    ("Gdańsk partners", ("Gdańsk",), "en"),
    ("And with Czechia?", ("Czechia",), "en"),
    ("what about Łódź", ("Łódź",), "en"),
    ("only formal agreements", (), "en"),
    ("Kraków partners in Germany", ("Kraków", "Germany"), "en"),
    ("the second one", (), "en"),
    ("Thanks!", (), "en"),
    ("which powiats signed only a letter of intent?", (), "en"),
    ("How many twinning partnerships do Polish local governments have?", (), "en"),
    ("partnerships started between 1990 and 1995 with Ukraine", ("Ukraine",), "en"),
]


def _spans(question: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for name in names:
        start = question.index(name)
        spans.append((start, start + len(name)))
    return spans


@pytest.mark.parametrize(("question", "names", "expected"), CASES, ids=[c[0] for c in CASES])
def test_short_question_is_recognised_with_its_names_masked(question, names, expected):
    assert detect_language(question, _spans(question, names)) == expected


def test_accuracy_on_short_questions_is_reported():
    assert len(CASES) >= 40
    right = sum(detect_language(q, _spans(q, n)) == lang for q, n, lang in CASES)
    print(f"language accuracy: {right}/{len(CASES)}")
    assert right == len(CASES)


@pytest.mark.parametrize("question", ["2", "", "   ", "?", "ok", "12.05.2009"])
def test_no_evidence_returns_none_and_the_caller_decides(question):
    assert detect_language(question) is None


def test_a_bare_place_name_gives_no_evidence():
    assert detect_language("Kraków", [(0, 6)]) is None


def test_polish_letters_inside_names_do_not_make_english_polish():
    question = "Tell me about Białystok and Łódź"
    assert detect_language(question, [(14, 23), (28, 32)]) == "en"


def test_letters_polish_never_writes_make_another_language_even_when_lingua_says_polish(
    assistant,
):
    result = assistant.answer("Má Zarszyn partnerov na Slovensku?")
    assert result.language == "en" and "Yes." in result.answer
