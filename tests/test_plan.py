"""The query plan composes: superlatives, comparisons, distinct counts, yes/no, topics,
intersections, other languages, names as typed, and what could not be applied is said."""

from __future__ import annotations

import duckdb
import pytest

from assistant import index
from assistant.coverage import strip_courtesy
from assistant.evaluate import perturbations
from assistant.scripts import latinise_names, transliterations


@pytest.fixture(scope="module")
def con(built_settings):
    path = index.current_dir(built_settings) / "index.duckdb"
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def ask(assistant, question, conversation=None):
    return assistant.answer(question, conversation)


def refs(result) -> set[tuple[str, int]]:
    s, n = result.data.columns.index("source"), result.data.columns.index("line")
    return {(row[s], row[n]) for row in result.data.rows}


def test_the_oldest_partnership_of_a_unit_is_the_row_with_its_earliest_year(assistant, con):
    (earliest,) = con.execute(
        "SELECT min(least(coalesce(agreement_year, 9999), coalesce(other_year, 9999))) "
        "FROM partnerships WHERE unit_label = 'Kraków'"
    ).fetchone()
    result = ask(assistant, "Jakie jest najstarsze partnerstwo Krakowa?")
    assert result.route == "table" and result.data.total >= 1
    assert str(earliest) in result.answer.split("\n")[0]
    years = {
        min(y for y in (row[4], row[-1]) if y is not None) for row in result.data.rows
    }  # agreement_year, other_year
    assert years == {earliest}


def test_which_powiat_has_the_most_leads_with_the_winner_and_its_count(assistant, con):
    top = con.execute(
        "SELECT unit_label, count(*) n FROM partnerships WHERE unit_type = 'powiat' AND "
        "country = 'Ukraina' GROUP BY unit_label ORDER BY n DESC, unit_label LIMIT 1"
    ).fetchone()
    result = ask(assistant, "Which powiat has the most partners in Ukraine?")
    lead = result.answer.split("\n")[0]
    assert top[0] in lead and f"**{top[1]}**" in lead
    assert result.data.rows[0][0] == top[0]


def test_two_units_compared_give_both_figures_and_the_larger_first(assistant, con):
    counts = dict(
        con.execute(
            "SELECT unit_label, count(*) FROM partnerships WHERE unit_label IN ('Kraków', 'Wrocław') "
            "GROUP BY unit_label"
        ).fetchall()
    )
    result = ask(assistant, "Kraków or Wrocław: who has more partners?")
    assert {r[0]: r[1] for r in result.data.rows} == counts
    winner = max(counts, key=counts.get)
    assert winner in result.answer.split("\n")[0]


def test_how_many_powiats_counts_powiats_and_says_how_many_partnerships(assistant, con):
    units, rows = con.execute(
        "SELECT count(DISTINCT unit_label), count(*) FROM partnerships "
        "WHERE unit_type = 'powiat' AND country = 'Ukraina'"
    ).fetchone()
    result = ask(assistant, "How many powiats have partners in Ukraine?")
    assert result.data.total == units
    lead = result.answer.split("\n")[0]
    assert f"**{units}**" in lead and str(rows) in lead


def test_a_pair_that_does_not_exist_is_a_no_with_the_units_real_partners(assistant, con):
    result = ask(assistant, "Is Kraków twinned with Kyoto?")
    assert result.answer.startswith("No.")
    assert result.not_applied == []
    (n,) = con.execute("SELECT count(*) FROM partnerships WHERE unit_label = 'Kraków'").fetchone()
    assert f"**{n}**" in result.answer  # the nearest real facts: Kraków's partnerships


def test_an_invented_place_is_unknown_not_fuzzed_into_a_real_one(assistant):
    result = ask(assistant, "partners of Atlantis")
    assert result.data is None and result.not_applied == ["Atlantis"]
    assert "Atlantis" in result.answer
    gotham = ask(assistant, "Gotham partner cities")
    assert gotham.data is None and "Gotham" in gotham.not_applied


def test_a_word_the_plan_cannot_apply_is_listed_and_said_first(assistant):
    result = ask(assistant, "partners of Kraków with a budget over a million")
    assert "budget" in " ".join(result.not_applied)
    assert "budget" in result.answer.split("\n")[0]


def test_only_in_another_form_excludes_no_data_and_agreements(assistant, con):
    expected = {
        (s, n)
        for s, n in con.execute(
            "SELECT source, line FROM partnerships WHERE unit_label = 'Lublin' AND "
            "other_form <> '' AND NOT no_data AND agreement_year IS NULL"
        ).fetchall()
    }
    result = ask(assistant, "Which partnerships of Lublin exist only in another form?")
    assert refs(result) == expected


def test_a_topic_of_the_other_form_cell_selects_its_rows_in_both_languages(assistant, con):
    rows = {
        (s, n)
        for s, n in con.execute(
            "SELECT source, line FROM partnerships WHERE "
            "regexp_matches(lower(other_form), '(^|[^[:alpha:]])(osp|straż\\w*)([^[:alpha:]]|$)')"
        ).fetchall()
    }
    english = ask(assistant, "Which partnerships involve fire brigades?")
    assert english.route == "table" and rows and refs(english) == rows
    polish = ask(assistant, "Współpraca jednostek OSP")
    assert refs(polish) <= rows and refs(polish)


def test_partners_in_both_countries_are_the_units_with_rows_in_each(assistant, con):
    units = {
        u
        for (u,) in con.execute(
            "SELECT unit_label FROM partnerships WHERE country IN ('Finlandia', 'Estonia') "
            "GROUP BY unit_label HAVING count(DISTINCT country) = 2"
        ).fetchall()
    }
    result = ask(
        assistant, "Which Polish local governments have partners in both Finland and Estonia?"
    )
    unit = result.data.columns.index("unit")
    assert {row[unit] for row in result.data.rows} == units


def test_towns_or_counties_means_both_tables_and_not_powiats_means_gminas(assistant):
    both = ask(assistant, "towns or counties with partners in Lithuania")
    kinds = {row[1] for row in both.data.rows}
    assert kinds == {"gmina", "powiat"}
    gminas = ask(assistant, "gminas (not powiats) with partners in Latvia")
    assert {row[1] for row in gminas.data.rows} == {"gmina"}


def test_a_voivodeship_filters_units_and_says_it_comes_from_geonames(assistant, con):
    whole = ask(assistant, "gminy współpracujące ze Słowacją")
    region = ask(assistant, "Które gminy z Małopolski współpracują ze Słowacją?")
    assert region.not_applied == [] and 0 < region.data.total < whole.data.total
    assert "GeoNames" in region.answer


def test_a_question_in_german_or_cyrillic_is_read_and_answered_in_english(assistant, con):
    (wroclaw,) = con.execute(
        "SELECT count(*) FROM partnerships WHERE unit_label = 'Wrocław'"
    ).fetchone()
    german = ask(assistant, "Mit welchen Städten ist Breslau verschwistert?")
    assert german.language == "en" and german.data.total == wroclaw
    assert german.answer.startswith("I answer in Polish and English")
    russian = ask(assistant, "Какие города-побратимы у Гданьска?")
    assert russian.language == "en" and russian.route == "table"
    assert {row[0] for row in russian.data.rows} == {"Gdańsk"}


def test_lower_case_names_and_typos_still_find_the_unit(assistant):
    for question in ("łódź partnerzy", "lodz parner cities", "z kim wspolpracuje Krakuw?"):
        result = ask(assistant, question)
        assert result.route == "table", question
        assert len({row[0] for row in result.data.rows}) == 1, question


def test_and_another_unit_keeps_the_filters_of_the_question_before(assistant):
    first = ask(assistant, "Partners of Kraków in Germany?")
    switched = ask(assistant, "and Wrocław?", first.conversation_id)
    assert {row[0] for row in switched.data.rows} == {"Wrocław"}
    assert {row[2] for row in switched.data.rows} == {"Niemcy"}


def test_when_did_it_start_after_a_single_partnership_answers_from_that_row(assistant):
    first = ask(assistant, "Is Gdynia twinned with Seattle?")
    assert first.data.total == 1
    year = first.data.rows[0][4] or first.data.rows[0][-1]
    follow = ask(assistant, "When did it start?", first.conversation_id)
    assert follow.route == "table" and str(year) in follow.answer


def test_courtesy_openings_are_taken_off_but_a_bare_greeting_stays():
    assert strip_courtesy("Dzień dobry, partnerzy Łodzi") == "Partnerzy Łodzi"
    assert strip_courtesy("Hello, I was wondering: 2") == "2"
    assert strip_courtesy("Hello") == "Hello"


def test_cyrillic_names_are_transliterated_as_the_survey_spells_them():
    assert "Lublina" in transliterations("Любліна", ukrainian=True)
    assert "Kraków" in transliterations("Краків", ukrainian=True)
    assert latinise_names("Города-побратимы Варшавы", lambda s: s == "Warszawy").endswith(
        "Warszawy"
    )


def test_perturbations_change_the_surface_only():
    variants = perturbations("Jakie miasta partnerskie ma Częstochowa?", "pl")
    assert variants["lower_no_diacritics"] == "jakie miasta partnerskie ma czestochowa?"
    assert variants["no_question_mark"].endswith("Częstochowa")
    assert "Częstochowa" in variants["typo"] and variants["typo"] != variants["greeting"]


def test_the_shape_classifier_reads_a_superlative_the_lexicon_has_no_word_for():
    from assistant.retrieval.embeddings import make_embeddings
    from assistant.shapes import ShapeClassifier, mask

    classifier = ShapeClassifier(lambda: make_embeddings("use"))
    question = "Who has been Kraków's partner for the longest time?"
    assert classifier.classify(mask(question, [(13, 21)])) == "oldest"
    assert classifier.classify("only formal ones") is None  # near no example: it abstains


def test_a_turn_keeps_its_plan_not_its_rows_and_stays_small(assistant):
    import json

    questions = ["Partnerzy Krakowa", "top 10 countries", "show all of them",
                 "Which powiats have partners in Ukraine?", "Pokaż wszystkie"]  # fmt: skip
    sizes, conversation = [], None
    for question in questions:
        result = ask(assistant, question, conversation)
        conversation = result.conversation_id
    for turn in assistant.store.turns(conversation):
        sizes.append(len(turn.message) + len(json.dumps(turn.state)) + len(json.dumps(turn.answer)))
        assert turn.answer.get("data", {}).get("rows", []) == []
    assert max(sizes) < 16_384 and sum(sizes) / len(sizes) < 4_096
    last = assistant.store.turns(conversation)[-1]
    assert (
        assistant.turn_data(last.state).total == last.answer["data"]["total"]
    )  # recomputed in full


def test_two_open_year_bounds_make_a_range_not_one_bound(assistant):
    result = ask(assistant, "partnerstwa z Francją zawarte po 2000 a przed 2005 rokiem")
    # Either cell's year may satisfy the range (the survey rule for year filters).
    rows = result.data.rows
    assert rows and result.not_applied == []
    assert all(any(y is not None and 2001 <= y <= 2004 for y in (r[4], r[-1])) for r in rows)


def test_a_country_after_except_is_left_out_not_filtered_by(assistant, con):
    (others,) = con.execute(
        "SELECT count(*) FROM partnerships WHERE unit_label = 'Kraków' AND country <> 'Niemcy'"
    ).fetchone()
    for question in ("Kraków's partners except the German ones", "partnerzy Krakowa poza Niemcami"):
        result = ask(assistant, question)
        assert result.data.total == others and "Niemcy" not in {r[2] for r in result.data.rows}


def test_units_with_more_than_n_partners_are_the_units_not_every_row(assistant, con):
    (units,) = con.execute(
        "SELECT count(*) FROM (SELECT unit_label FROM partnerships WHERE unit_type = 'gmina' "
        "GROUP BY unit_label HAVING count(*) > 10)"
    ).fetchone()
    result = ask(assistant, "Which towns have more than 10 partners?")
    assert result.data.total == units and all(row[1] > 10 for row in result.data.rows)


def test_a_unit_the_survey_lacks_is_said_to_be_unknown_not_replaced_by_everyone(assistant):
    result = ask(assistant, "polsko-niemieckie partnerstwa powiatu zgorzeleckiego")
    assert result.data is None and "zgorzeleckiego" in " ".join(result.not_applied)
    assert "zgorzeleckiego" in result.answer.split("\n")[0]


def test_a_comparison_in_countries_counts_distinct_countries(assistant, con):
    counts = dict(
        con.execute(
            "SELECT unit_label, count(DISTINCT country) FROM partnerships "
            "WHERE unit_label IN ('Kraków', 'Warszawa') GROUP BY unit_label"
        ).fetchall()
    )
    for question in ("Who has partners in more countries, Kraków or Warsaw?",
                     "Kraków czy Warszawa: kto ma partnerów w większej liczbie krajów?"):  # fmt: skip
        result = ask(assistant, question)
        assert {r[0]: r[1] for r in result.data.rows} == counts, question


def test_towns_with_no_partners_in_a_country_are_the_units_without_any_row_there(assistant, con):
    having = {
        u for (u,) in con.execute(
            "SELECT DISTINCT unit_label FROM partnerships WHERE country = 'Niemcy'"
        ).fetchall()
    }  # fmt: skip
    for question in ("Which towns have no partners in Germany?",
                     "Które gminy nie mają partnerów w Niemczech?"):  # fmt: skip
        result = ask(assistant, question)
        units = {row[0] for row in result.data.rows}
        assert units and not units & having, question
    alone = ask(assistant, "Which Polish towns have no foreign partners?")
    (foreign,) = con.execute(
        "SELECT count(*) FROM partnerships WHERE country <> 'Polska' AND unit_label IN "
        f"({', '.join('?' * len(alone.data.rows))})",
        [row[0] for row in alone.data.rows],
    ).fetchone()
    assert alone.data.rows and foreign == 0


def test_a_letter_of_intent_but_no_agreement_is_only_the_letter(assistant, con):
    result = ask(assistant, "Partnerships with Ukraine with a letter of intent but no agreement")
    assert result.data.rows and all(row[4] is None for row in result.data.rows)
    assert all("intencyjn" in (row[5] or "").lower() for row in result.data.rows)


def test_a_percentage_gives_the_part_the_whole_and_the_share(assistant, con):
    part, whole = con.execute(
        "SELECT count(*) FILTER (WHERE agreement_year IS NOT NULL), count(*) FROM partnerships "
        "WHERE unit_label = 'Kraków'"
    ).fetchone()
    result = ask(assistant, "What percentage of Kraków's partnerships are formal agreements?")
    lead = result.answer.split("\n")[0]
    assert f"**{part}**" in lead and f"**{whole}**" in lead
    assert f"**{round(100 * part / whole)}%**" in lead and result.data.total == part


def test_which_voivodeship_has_the_most_groups_units_by_their_geonames_voivodeship(assistant, con):
    top = con.execute(
        "SELECT v.voivodeship, count(*) n FROM partnerships p JOIN places v ON v.key = p.unit_label "
        "AND v.side = 'unit' WHERE p.country = 'Ukraina' AND v.voivodeship IS NOT NULL "
        "GROUP BY v.voivodeship ORDER BY n DESC LIMIT 1"
    ).fetchone()
    result = ask(assistant, "Which voivodeship has the most partnerships with Ukraine?")
    lead = result.answer.split("\n")[0]
    assert top[0] in lead and f"**{top[1]}**" in lead and result.not_applied == []
