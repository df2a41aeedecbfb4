"""A negation reaches every name in its scope: the countries of a list after 'bez' or 'leave
out', a unit after 'poza', a country after 'no … partner'; never turned into a filter for them."""

from __future__ import annotations

import pytest

from assistant.understand import understand


def rows(assistant, where: str, params: list) -> set[int]:
    cursor = assistant.runtime.con.cursor()
    try:
        found = cursor.execute(f"SELECT line FROM partnerships WHERE {where}", params).fetchall()
    finally:
        cursor.close()
    return {line for (line,) in found}


def lines_of(result) -> set[int]:
    return {row[7] for row in result.data.rows}


def refs_of(result) -> set[tuple[str, int]]:
    return {(row[6], row[7]) for row in result.data.rows}


def units_of(result) -> set[str]:
    return {row[0] for row in result.data.rows}


@pytest.mark.parametrize(
    ("question", "unit", "left_out"),
    [
        ("Partnerzy Poznania, bez Niemiec i Francji", "Poznań", ["Niemcy", "Francja"]),
        ("Kraków's partners, leaving out Germany, Austria and Italy", "Kraków",
         ["Niemcy", "Austria", "Włochy"]),
        ("partnerzy warszawy oprócz chin i japonii", "Warszawa", ["Chiny", "Japonia"]),
    ],
)  # fmt: skip
def test_every_country_of_an_excluded_list_is_left_out(assistant, question, unit, left_out):
    result = assistant.answer(question)
    placeholders = ", ".join("?" * len(left_out))
    expected = rows(
        assistant, f"unit_label = ? AND country NOT IN ({placeholders})", [unit, *left_out]
    )
    assert expected and lines_of(result) == expected
    assert result.not_applied == []


@pytest.mark.parametrize(
    ("question", "country", "unit_type", "left_out"),
    [
        ("Powiaty współpracujące z Czechami, poza powiatem głubczyckim", "Czechy", "powiat",
         "Powiat głubczycki"),
        ("Which gminas have partners in Belarus, excluding Biała Podlaska?", "Białoruś", "gmina",
         "Biała Podlaska"),
    ],
)  # fmt: skip
def test_a_unit_after_except_is_left_out_of_the_others(
    assistant, question, country, unit_type, left_out
):
    result = assistant.answer(question)
    expected = rows(
        assistant,
        "country = ? AND unit_type = ? AND unit_label <> ?",
        [country, unit_type, left_out],
    )
    assert expected and lines_of(result) == expected
    assert left_out not in units_of(result)


@pytest.mark.parametrize(
    ("question", "having", "without"),
    [
        ("Które gminy mające partnerów na Łotwie nie mają żadnego partnera w Niemczech?",
         "Łotwa", "Niemcy"),
        ("Which gminas with Swedish partners have no German partner at all?", "Szwecja", "Niemcy"),
        ("Which towns have partners in Lithuania but not in Belarus?", "Litwa", "Białoruś"),
    ],
)  # fmt: skip
def test_a_negated_country_beside_another_asks_for_units_without_it(
    assistant, question, having, without
):
    rt = assistant.runtime
    u = understand(question, None, rt.units, rt.gazetteer)
    assert u.intent.countries == [having]
    assert u.intent.units_without_countries == [without]
    assert u.intent.not_applied == []


def test_a_negation_before_something_else_reaches_no_country(assistant):
    rt = assistant.runtime
    u = understand("Tylko gminy, bez powiatów – partnerzy w Turcji", None, rt.units, rt.gazetteer)
    assert u.intent.countries == ["Turcja"] and not u.intent.units_without_countries


@pytest.mark.parametrize(
    ("question", "left_out"),
    [
        ("gminy ze szwedzkimi partnerami oprocz gdanska i gdyni", {"Gdańsk", "Gdynia"}),
        ("gminas with Israeli partners, but leave out Łódź and Tczew", {"Łódź", "Tczew"}),
    ],
)
def test_every_unit_of_an_excluded_list_is_left_out_not_read_as_a_partner(
    assistant, question, left_out
):
    rt = assistant.runtime
    u = understand(question, None, rt.units, rt.gazetteer)
    assert set(u.intent.exclude_units) == left_out and not u.intent.partners
    result = assistant.answer(question)
    assert result.data.rows and not {row[0] for row in result.data.rows} & left_out


def test_no_domestic_partners_is_the_partners_abroad(assistant):
    result = assistant.answer("Partnerzy Karpacza bez partnerów krajowych (z Polski)")
    alone = assistant.answer("Partnerzy Karpacza")
    abroad = {row[7] for row in alone.data.rows if row[2] != "Polska"}
    assert lines_of(result) == abroad and len(abroad) < len(alone.data.rows)


def test_outside_a_continent_leaves_out_all_its_countries_and_poland(assistant):
    from assistant.places import continent_countries

    europe = sorted(continent_countries()["EU"] | {"Europa"})
    placeholders = ", ".join("?" * len(europe))
    cursor = assistant.runtime.con.cursor()
    try:
        expected = set(cursor.execute(
            f"SELECT source, line FROM partnerships WHERE unit_type = 'powiat' "
            f"AND country NOT IN ({placeholders})", europe
        ).fetchall())  # fmt: skip
    finally:
        cursor.close()
    for question in ("które powiaty mają partnerów spoza europy",
                     "Which powiats have partners outside Europe?"):  # fmt: skip
        result = assistant.answer(question)
        assert expected and refs_of(result) == expected, question
        assert "Polska" in europe and "Niemcy" in europe


@pytest.mark.parametrize(
    "question",
    ["how many partnerships with countries other than Germany",
     "ile jest partnerstw z krajami innymi niż Niemcy"],
)  # fmt: skip
def test_other_than_is_an_exclusion_and_its_countries_word_asks_for_no_countries(
    assistant, question
):
    rt = assistant.runtime
    u = understand(question, None, rt.units, rt.gazetteer)
    assert u.intent.exclude_countries == ["Niemcy"] and not u.intent.countries
    assert u.intent.shape == "count"
    result = assistant.answer(question)
    cursor = assistant.runtime.con.cursor()
    try:
        (n,) = cursor.execute(
            "SELECT count(*) FROM partnerships WHERE country <> 'Niemcy'"
        ).fetchone()
    finally:
        cursor.close()
    assert result.data.total == n


def test_which_countries_besides_one_still_asks_for_countries(assistant):
    rt = assistant.runtime
    u = understand("z jakich krajów poza Niemcami pochodzą partnerzy Opola", None, rt.units,
                   rt.gazetteer)  # fmt: skip
    assert u.intent.shape == "group_country" and u.intent.exclude_countries == ["Niemcy"]
