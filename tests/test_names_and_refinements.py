"""Names as visitors write them (GeoNames' other names, a powiat's adjective, a sentence's first
word, a typo in a short first word) and refinements that compose (a follow-up's size or count,
a partner's size, a topic no row mentions)."""

from __future__ import annotations

import pytest

TABLE = "corpus/tables/miasta-i-gminy-2009.tsv"


def units_of(result) -> set[str]:
    return {row[0] for row in result.data.rows}


def scalar(assistant, sql: str, params: list | None = None) -> tuple:
    cursor = assistant.runtime.con.cursor()
    try:
        return cursor.execute(sql, params or []).fetchone()
    finally:
        cursor.close()


def unit_rows(assistant, label: str) -> int:
    return scalar(assistant, "SELECT count(*) FROM partnerships WHERE unit_label = ?", [label])[0]


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("Welche Partnerstädte hat Tschenstochau?", "Częstochowa"),  # German, from GeoNames
        ("Які міста-партнери має Перемишль?", "Przemyśl"),  # Ukrainian, from GeoNames
        ("Jaká partnerská města má Ratiboř?", "Racibórz"),  # Czech, from GeoNames
        ("Партнери Перемишля", "Przemyśl"),  # a Ukrainian case ending taken off
    ],
)
def test_a_units_other_names_from_geonames_find_its_partners(assistant, question, unit):
    result = assistant.answer(question)
    assert result.route == "table" and result.language == "en"
    assert units_of(result) == {unit}
    assert result.data.total == unit_rows(assistant, unit)


def test_a_partners_other_name_from_geonames_finds_it(assistant):
    result = assistant.answer("Which Polish towns are twinned with Lemberg?")
    assert result.route == "table" and result.data.total > 5
    assert all(row[3].startswith(("Lwów", "L'viv", "Lviv")) for row in result.data.rows)


def test_an_alternate_name_never_takes_a_name_the_data_or_the_vocabulary_has(assistant):
    geonames = "SELECT form FROM gazetteer WHERE origin = 'geonames'"
    others = "SELECT form FROM gazetteer WHERE origin <> 'geonames'"
    (alternates,) = scalar(assistant, f"SELECT count(*) FROM ({geonames})")
    (clashes,) = scalar(assistant, f"SELECT count(*) FROM ({geonames} INTERSECT {others})")
    assert alternates > 1000 and clashes == 0


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        ("Konin czy Tczew – kto ma więcej miast partnerskich?", "Konin", "Tczew"),
        ("Przemyśl czy Sanok: kto ma więcej partnerów?", "Przemyśl", "Sanok"),
        ("który powiat ma więcej partnerów: siedlecki czy olecki?", "Powiat siedlecki",
         "Powiat olecki"),
    ],
)  # fmt: skip
def test_a_comparison_names_both_sides_however_they_are_written(assistant, question, first, second):
    result = assistant.answer(question)
    assert result.route == "table" and not result.not_applied
    assert {row[0] for row in result.data.rows} == {first, second}


def test_a_powiats_adjective_alone_is_no_name_without_the_word_powiat(assistant):
    result = assistant.answer("partnerzy olecki")
    assert "Powiat olecki" not in {row[0] for row in (result.data.rows if result.data else [])}


def test_a_typo_in_a_short_first_word_of_a_longer_name_is_read(assistant):
    result = assistant.answer("mnsk mazowiecki partnerzy")
    assert units_of(result) == {"Mińsk Mazowiecki"}
    bare = assistant.answer("mnsk partnerzy")
    assert "Mińsk Mazowiecki" not in units_of(bare) if bare.data else True


def test_a_follow_up_count_keeps_what_it_counts(assistant):
    first = assistant.answer("Which gminas have partners in Sweden?")
    fresh = assistant.answer("How many gminas have partners in Sweden?")
    follow = assistant.answer("how many gminas is that?", first.conversation_id)
    assert follow.data.total == fresh.data.total < first.data.total
    rows = assistant.answer("Partnerstwa powiatów z Litwą")
    distinct = assistant.answer("ile to jest różnych powiatów?", rows.conversation_id)
    assert distinct.data.total == len({row[0] for row in rows.data.rows}) < rows.data.total


def partner_populations(assistant, partners: list[str]) -> dict[str, int | None]:
    (found,) = scalar(
        assistant,
        "SELECT map_from_entries(list((key, population))) FROM places "
        "WHERE side = 'partner' AND list_contains(?, key)",
        [partners],
    )
    return dict(found)


def test_a_size_bound_after_a_named_unit_is_the_partners_size(assistant):
    everyone = assistant.answer("Partners of Puławy")
    bigger = assistant.answer("Partners of Puławy with a population above 50,000")
    assert bigger.route == "table" and 0 < bigger.data.total < everyone.data.total
    sizes = partner_populations(assistant, [row[3] for row in bigger.data.rows])
    assert all(sizes[p] > 50_000 for p in sizes)
    assert "GeoNames" in bigger.answer and "could not be placed" in bigger.answer


def test_a_follow_up_size_bound_refines_the_list_before_it(assistant):
    first = assistant.answer("Partnerzy Sanoka")
    only = assistant.answer("tylko te powyżej 20 tysięcy mieszkańców", first.conversation_id)
    assert only.route == "table" and units_of(only) == {"Sanok"}
    assert 0 < only.data.total < first.data.total


def test_a_topic_no_row_mentions_is_said_and_the_list_shown_without_it(assistant):
    result = assistant.answer("partnerzy zabrza ktore sa stolicami")
    assert result.not_applied == ["stolicami"]
    assert result.data.total == unit_rows(assistant, "Zabrze")
    assert result.answer.startswith("Żadne z tych partnerstw nie wspomina")
    found = assistant.answer("Which partnerships mention pilgrimage?")  # a topic rows do mention
    assert found.data.total > 0 and not found.not_applied


@pytest.mark.parametrize(
    ("typed", "restored"),
    [("polozone", "położone"), ("nawiazano", "nawiązano"), ("samorzadow", "samorządów"),
     ("towns", None), ("krakow", "kraków"), ("kraków", None)],
)  # fmt: skip
def test_a_polish_word_typed_without_diacritics_is_read_as_written_with_them(typed, restored):
    from assistant.text import with_diacritics

    assert with_diacritics(typed) == restored


def test_a_verb_typed_without_diacritics_is_no_topic(assistant):
    plain = assistant.answer("ile partnerstw z białorusią nawiązano w latach 90.?")
    typed = assistant.answer("ile partnerstw z bialorusia nawiazano w latach 90.?")
    assert typed.data.rows == plain.data.rows and not typed.not_applied


@pytest.mark.parametrize(
    ("question", "partner"),
    [("ktore gminy wspolpracuja z bardejovem?", "Bardejov"),
     ("ktera polska mesta spolupracuji s ostravou?", "Ostrava")],
)  # fmt: skip
def test_a_lower_case_foreign_name_after_a_preposition_loses_its_case_ending(
    assistant, question, partner
):
    result = assistant.answer(question)
    assert result.route == "table" and result.data.total > 0
    assert all(row[3].startswith(partner) for row in result.data.rows)


def test_a_short_follow_up_may_name_a_town_in_lower_case(assistant):
    first = assistant.answer("partnerzy koszalina")
    second = assistant.answer("a slupska?", first.conversation_id)
    assert units_of(second) == {"Słupsk"}


def test_a_region_inside_a_towns_name_is_no_region(assistant):
    result = assistant.answer("zabkowice slaskie partnerzy")
    assert units_of(result) == {"Ząbkowice Śląskie"} and not result.not_applied


def test_a_name_as_written_beats_another_names_inflected_form(assistant):
    result = assistant.answer("jaworze vs lesnica, which one has more partner towns")
    assert {row[0] for row in result.data.rows} == {"Jaworze", "Leśnica"}


def test_a_year_after_the_tables_is_said_and_the_list_kept(assistant):
    result = assistant.answer("which bełchatów partnerships are still active in 2020?")
    assert "2020" in result.not_applied and "active" in result.not_applied
    assert result.data.total == unit_rows(assistant, "Bełchatów")
    assert result.answer.startswith("The survey records partnerships up to")


def test_another_subject_beside_a_partnership_question_is_reported_not_refused(assistant):
    result = assistant.answer("Do których partnerów Wągrowca w Niemczech dojadę pociągiem?")
    assert result.route == "table" and result.not_applied == ["pociągiem"]
    assert result.data.total > 0 and not result.answer.split("\n")[1].startswith("Tak")
    for refused in ("Ilu mieszkańców ma Poznań?", "Translate 'twin town' into German",
                    "Can you recommend a cheap hotel in Kraków for next weekend?"):  # fmt: skip
        assert assistant.answer(refused).route == "out_of_scope", refused


def test_a_negation_before_another_cue_is_that_cues(assistant):
    result = assistant.answer("Only gminas, not powiats: formal agreements with Swedish towns")
    assert result.data.total > 0
    assert all(row[1] == "gmina" and row[4] is not None for row in result.data.rows)


def test_gminas_twinned_with_a_town_are_counted_as_gminas(assistant):
    result = assistant.answer("number of distinct polish gminas twinned with Kowel?")
    listed = assistant.answer("Which Polish gminas are twinned with Kowel?")
    assert result.data.total == len({row[0] for row in listed.data.rows}) > 1


@pytest.mark.parametrize(
    "question",
    ["¿Con qué ciudades está hermanada Starachowice?", "Con quali città è gemellata Starachowice?"],
)
def test_spanish_and_italian_questions_are_answered_in_english(assistant, question):
    result = assistant.answer(question)
    assert result.route == "table" and result.language == "en" and not result.not_applied
    assert units_of(result) == {"Starachowice"}


def test_an_only_follow_up_the_tables_cannot_apply_is_said_about_that_list(assistant):
    first = assistant.answer("Partnerzy Siemianowic Śląskich")
    only = assistant.answer("tylko te nad morzem", first.conversation_id)
    assert only.route == "table" and only.not_applied == ["morzem"]
    assert only.data.rows == first.data.rows


def test_both_of_two_partners_are_the_units_with_each(assistant):
    both = assistant.answer("towns that partner with both Lviv and Lutsk")
    either = assistant.answer("towns twinned with Lviv or Lutsk")
    assert 0 < both.data.total < either.data.total
    pairs: dict[str, set[str]] = {}
    for row in both.data.rows:
        pairs.setdefault(row[0], set()).add(row[3][:2])
    assert all(len(kinds) == 2 for kinds in pairs.values())  # an L(viv/wów) and an Ł(uck)
    assert "Lutsk" in either.answer.split("\n")[0]  # every named partner is said


def test_which_of_two_partnerships_is_older_is_answered(assistant):
    result = assistant.answer("Which is older: Kraków–Leipzig or Kraków–Nürnberg?")
    assert result.data.total == 1 and result.data.rows[0][3] == "Leipzig"
    assert "Kraków," not in result.answer.split("\n")[0]  # the unit is no partner
    bound = assistant.answer("partnerships of Kraków older than 1990")
    assert bound.data.total > 1 and all(row[4] < 1990 for row in bound.data.rows)


def test_partners_two_units_have_in_common(assistant):
    result = assistant.answer("Which partners do Kraków and Wrocław share?")
    assert {row[0] for row in result.data.rows} == {"Kraków", "Wrocław"}
    assert {row[3] for row in result.data.rows} == {"Lwów"}
    polish = assistant.answer("Jakich wspólnych partnerów mają Lublin i Rzeszów?")
    by_unit: dict[str, set[str]] = {}
    for row in polish.data.rows:
        by_unit.setdefault(row[0], set()).add(row[3].split(" (")[0])
    assert set(by_unit) == {"Lublin", "Rzeszów"} and len(by_unit["Lublin"]) >= 2


def test_which_unit_has_the_most_partners_in_common_counts_the_shared_rows(assistant):
    # A count per unit of the shared partners is read from the rows: the shared partners'
    # clause reads a row's partner, which the counted (unit, country) groups do not hold.
    result = assistant.answer("wspólni partnerzy Krakowa i Wrocławia – który ma ich najwięcej?")
    assert result.route == "table"
    assert {row[0]: row[1] for row in result.data.rows} == {"Kraków": 1, "Wrocław": 1}
