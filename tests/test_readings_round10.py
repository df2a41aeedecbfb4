"""Readings found by the tenth held-out round: a region's spoken locative, superlative and
exclusion words, a function word typed with two letters swapped, a verb that looks like a
town in a case, and context sentences that send no table question to the pages."""

from __future__ import annotations

import pytest

from assistant.understand import understand


def _intent(assistant, question):
    rt = assistant.runtime
    return understand(question, None, rt.units, rt.gazetteer).intent


def test_a_voivodeship_named_as_a_neuter_noun_is_a_region(assistant):
    intent = _intent(assistant, "Które gminy w Lubuskiem współpracują z Francją?")
    assert intent.regions == ["76"] and not intent.unknown_names


@pytest.mark.parametrize(
    "question",
    ["bulgaria: which gmina has the biggest number of partner towns there?",
     "which powiat has teh most swedish partners",
     "which powiat has the most foreign partners (not counting polish ones)?"],
)  # fmt: skip
def test_superlatives_read_whole_with_nothing_reported(assistant, question):
    intent = _intent(assistant, question)
    assert intent.shape == "extreme" and intent.extreme == "most"
    assert intent.not_applied == []


def test_a_polish_verb_is_no_town_in_a_case(assistant):
    question = (
        "Dzień dobry, piszę z urzędu. Które powiaty współpracują z Węgrami tylko na podstawie "
        "listu intencyjnego?"
    )
    assert _intent(assistant, question).units == []
    result = assistant.answer(question)
    assert result.route == "table" and result.data.rows


def test_a_context_sentence_sends_no_table_question_to_the_pages(assistant):
    result = assistant.answer(
        "Hello, I work for a county office. Which powiats have Italian partners with a formal "
        "agreement signed after 2003?"
    )
    assert result.route == "table"
    assert result.data.rows and all(
        row[2] == "Włochy" and row[4] >= 2004 for row in result.data.rows
    )


@pytest.mark.parametrize(
    ("question", "unit"),
    [("partnerzy leżajska na ukrainie - chodzi mi o miasto, nie o gminę", "Leżajsk"),
     ("Partnerzy Białogardu (miasto, nie gmina) z umowami podpisanymi po 2003 roku", "Białogard"),
     ("partnerzy dębicy, chodzi mi o gminę", "Dębica (gmina)")],
)  # fmt: skip
def test_a_town_or_its_gmina_said_in_the_message_is_chosen(assistant, question, unit):
    assert _intent(assistant, question).units == [unit]


@pytest.mark.parametrize(
    "question",
    ["partnerzy nowej soli, ale bez tych, o których brak danych",
     "Nowa Sól partners, leaving out the ones with no data"],
)  # fmt: skip
def test_rows_without_data_left_out_are_the_others(assistant, question):
    result = assistant.answer(question)
    every = assistant.answer("partnerzy nowej soli")
    kept = {row[7] for row in every.data.rows if row[5].strip() != "b.d."}
    assert {row[7] for row in result.data.rows} == kept and 0 < len(kept) < every.data.total


@pytest.mark.parametrize(
    ("first", "then", "check"),
    [
        ("partnerzy ełku", "a w jakich to krajach?", "groups"),
        ("z kim współpracuje leszno", "a które z tego to tylko inna forma, bez umowy?", "rows"),
        ("Which powiats have partners in Belarus?", "which one has the most?", "top"),
        ("ktore powiaty maja partnerow na lotwie", "a ktory z nich najwczesniej zaczal wspolprace?",
         "oldest"),
    ],
)  # fmt: skip
def test_a_follow_up_pointing_back_reshapes_the_rows_before(assistant, first, then, check):
    before = assistant.answer(first)
    result = assistant.answer(then, before.conversation_id)
    earlier = {(row[6], row[7]) for row in before.data.rows}
    if check == "groups":  # every country of Ełk's partners, counted
        assert sum(row[1] for row in result.data.rows) == len(earlier)
    elif check == "rows":
        assert result.data.rows and {(r[6], r[7]) for r in result.data.rows} < earlier
    elif check == "top":
        assert result.data.rows[0][0] in result.answer.splitlines()[0]
    else:
        years = [
            min(y for y in (row[4], row[9]) if y) for row in before.data.rows if row[4] or row[9]
        ]
        assert str(min(years)) in result.answer.splitlines()[0]


def test_domestic_ones_left_out_after_tych_are_the_partners_abroad(assistant):
    result = assistant.answer("kobylnica - partnerzy, ale bez tych krajowych")
    assert result.data.rows and all(row[2] != "Polska" for row in result.data.rows)


def test_every_unit_after_except_is_left_out_even_one_read_as_a_partner(assistant):
    intent = _intent(assistant, "gminy wspolpracujace z izraelem oprocz warszawy i lublina")
    assert intent.exclude_units == ["Lublin", "Warszawa"] and not intent.partners


def test_a_thing_counted_that_the_survey_does_not_record_is_said(assistant):
    result = assistant.answer(
        "ilu turystów z miast partnerskich przyjeżdża co roku do szklarskiej poręby"
    )
    assert result.not_applied == ["turystów"] and result.data.rows


@pytest.mark.parametrize(
    ("question", "english"),
    [("Quelles villes polonaises sont jumelées avec des villes irlandaises ?", "Ireland"),
     ("Která polská města mají partnera v Bulharsku?", "Bulgaria")],
)  # fmt: skip
def test_more_countries_named_in_other_languages(assistant, question, english):
    result = assistant.answer(question)
    assert result.route == "table" and f"with {english}" in result.answer


def test_romance_oldest_and_yes_no(assistant):
    oldest = assistant.answer("¿Cuál es el hermanamiento más antiguo de Kamień Pomorski?")
    assert "oldest" in oldest.answer.lower()
    yes = assistant.answer("Jastrzębie Zdrój a-t-elle une ville jumelle en France ?")
    assert "\nYes." in yes.answer or yes.answer.startswith("Yes.")
