"""The gazetteer finds units, partners and countries in questions, inflected, folded, misspelt or in English."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from assistant.gazetteer import GAZETTEER_COLUMNS, GAZETTEER_DDL, Gazetteer, build_entries
from assistant.text import strip_html

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "corpus" / "tables"
_QUALIFIED = re.compile(r"^(.*?)\s*\((.*)\)\)?\s*$")


def _parse_tables():
    """A deliberately simple reading of the two survey tables (the real loader lives in ingestion)."""
    units, partners, countries = [], [], set()
    for path, offset in ((TABLES / "miasta-i-gminy-2009.tsv", 0), (TABLES / "powiaty-2009.tsv", 1)):
        for line in path.read_text("utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) < offset + 3:
                continue
            unit, country, partner = (c.strip() for c in cells[offset : offset + 3])
            if not unit or unit.startswith("polskie") or country == "kraj partnera":
                continue
            qualified = _QUALIFIED.match(unit)
            base, qualifier = qualified.groups() if qualified else (unit, None)
            units.append((unit, base, qualifier, "powiat" if offset else "gmina"))
            if country:
                countries.add(country)
            for variant in re.split(r"\s*[()]\s*", strip_html(partner)):
                if variant.strip(" ,;"):
                    partners.append((variant.strip(" ,;"), country))
    return units, partners, sorted(countries)


@pytest.fixture(scope="module")
def tables():
    return _parse_tables()


@pytest.fixture(scope="module")
def gazetteer(tables):
    return Gazetteer(build_entries(*tables))


def _keys(gazetteer, question, kind=None):
    return {m.key for m in gazetteer.find(question) if kind is None or m.kind == kind}


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("partnerzy Częstochowy", "Częstochowa"),
        ("partnerzy Czestochowy", "Częstochowa"),
        ("Z kim współpracuje miasto z Krakowem?", "Kraków"),
        ("partnerzy Wrocławia", "Wrocław"),
        ("Czy dane ankiety zgadzają się z listą partnerów Białegostoku?", "Białystok"),
        ("Grodzisk Mazowiecki", "Grodzisk Mazowiecki"),
        ("partnerzy Grodziska Mazowieckiego", "Grodzisk Mazowiecki"),
        ("Bielsko-Biała", "Bielsko-Biała"),
        ("z kim współpracuje Bielsko Biała", "Bielsko-Biała"),
        ("partnerzy Bielska-Białej", "Bielsko-Biała"),
        ("Stanach Zjednoczonych i Gorzowa Wielkopolskiego", "Gorzów Wielkopolski"),
    ],
)
def test_inflected_and_unaccented_polish_unit_names_find_the_unit(gazetteer, question, unit):
    assert unit in _keys(gazetteer, question, "unit")


def test_one_typo_in_a_long_name_is_a_fuzzy_match(gazetteer):
    [match] = [m for m in gazetteer.find("partnerzy Czestohowy") if m.kind == "unit"]
    assert match.key == "Częstochowa"
    assert match.text == "Czestohowy"
    assert not match.exact and 0 < match.score < 1


def test_a_typo_in_an_ordinary_word_is_not_a_name(gazetteer):
    assert gazetteer.find("Which towns have the most partnres?") == []


def test_longest_name_wins_over_its_first_word(gazetteer):
    matches = gazetteer.find("partnerzy Grodziska Mazowieckiego")
    assert {m.key for m in matches} == {"Grodzisk Mazowiecki"}
    assert matches[0].text == "Grodziska Mazowieckiego"


@pytest.mark.parametrize(
    "question",
    ["Powiat żywiecki", "partnerzy powiatu żywieckiego", "powiat zywiecki", "w powiecie żywieckim"],
)
def test_powiat_names_match_inflected_and_unaccented(gazetteer, question):
    [match] = gazetteer.find(question)
    assert (match.kind, match.key, match.units) == ("unit", "Powiat żywiecki", ("Powiat żywiecki",))


def test_powiat_in_an_english_question_is_a_unit_and_the_country_is_found_too(gazetteer):
    matches = gazetteer.find("how many partnerships does Powiat żywiecki have with Hungary?")
    assert [(m.kind, m.key) for m in matches] == [("unit", "Powiat żywiecki"), ("country", "Węgry")]


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("A z Czechami?", "Czechy"),
        ("partnerzy na Słowacji", "Słowacja"),
        ("gminy współpracujące ze Słowacją", "Słowacja"),
        ("współpraca ze słowackimi miastami", "Słowacja"),
        ("which gminas partnered Slovak towns in 2008?", "Słowacja"),
        ("partners in Slovakia", "Słowacja"),
        ("partnerzy na Ukrainie", "Ukraina"),
        ("partnerzy z niemiec", "Niemcy"),
        ("partnerstwa polsko-niemieckie", "Niemcy"),
        ("towns twinned with Dutch towns", "Holandia"),
        ("partners in the UK", "Wielka Brytania"),
        ("partners in the US", "USA"),
        ("w Stanach Zjednoczonych", "USA"),
        ("partnerzy z Tajwanu", "Chiny (Tajwan)"),
    ],
)
def test_country_names_and_adjectives_in_both_languages_give_the_polish_country(
    gazetteer, question, country
):
    assert _keys(gazetteer, question, "country") == {country}


def test_us_in_lower_case_is_a_pronoun_not_a_country(gazetteer):
    assert gazetteer.find("tell us about it") == []


def test_polish_compound_adjective_does_not_name_poland(gazetteer):
    assert "Polska" not in _keys(gazetteer, "partnerstwa polsko-niemieckie")


@pytest.mark.parametrize(
    ("question", "partner"),
    [
        ("Wien-Donaustadt", "Wien-Donaustadt"),
        ("Polish towns twinned with Vienna", "Wiedeń"),
        ("kto współpracuje z Wiedniem", "Wiedeń"),
        ("Lviv", "Lwów"),
        ("partnerzy Lwowa", "Lwów"),
        ("Kowno", "Kaunas"),
        ("Brześć", "Brześć"),
        ("Brest", "Brest"),
        ("Grodno", "Hrodna"),
        ("Mohylew", "Mahiloŭ"),
        ("Cologne", "Köln"),
        ("Prague", "Praha"),
        ("Sankt Petersburgu", "Sankt Petersburg"),
    ],
)
def test_partner_names_and_exonyms_find_variants_that_exist_in_the_tables(
    gazetteer, question, partner
):
    assert partner in _keys(gazetteer, question, "partner")


def test_wien_donaustadt_is_not_vienna(gazetteer):
    assert _keys(gazetteer, "Wien-Donaustadt") == {"Wien-Donaustadt"}


def test_polish_and_towns_in_an_english_question_name_nothing(gazetteer):
    matches = gazetteer.find("Polish towns twinned with Vienna")
    assert [(m.kind, m.text) for m in matches] == [("partner", "Vienna")]


def test_ambiguous_unit_name_lists_every_unit_it_may_mean(gazetteer):
    units = [m for m in gazetteer.find("partnerzy Brody") if m.kind == "unit"]
    assert [m.units for m in units] == [("Brody (pow. starachowicki)", "Brody (pow. żarski)")]
    # Brody is also a partner town in Ukraine: both come back, same span.
    assert "Brody" in _keys(gazetteer, "partnerzy Brody", "partner")


def test_city_and_gmina_of_the_same_name_are_both_offered(gazetteer):
    [match] = gazetteer.find("Suwałki")
    assert match.units == ("Suwałki", "Suwałki (gmina)")


def test_full_name_with_disambiguator_names_only_that_unit(gazetteer):
    [match] = gazetteer.find("Czernichów (pow. żywiecki)")
    assert match.key == "Czernichów"
    assert match.units == ("Czernichów (pow. żywiecki)",)
    assert match.text == "Czernichów (pow. żywiecki)"


def test_a_name_that_is_a_unit_and_a_domestic_partner_returns_both(gazetteer):
    kinds = {
        m.kind
        for m in gazetteer.find("Since when is Olsztyn partnered with Rovaniemi?")
        if m.key == "Olsztyn"
    }
    assert kinds == {"unit", "partner"}


@pytest.mark.parametrize(
    "question",
    [
        "Which towns have the most partners?",
        "Pokaż wszystkie",
        "top 10 countries",
        "Show all of them",
        "Which of them are formal agreements?",
        "Tell me more about the first one",
        "which powiats signed only a letter of intent?",
        "Nowe partnerstwa w 2009 roku",
        "Jakie miasta mają najwięcej partnerów?",
        "A ten drugi?",
        "Which partners are in most countries?",
    ],
)
def test_plain_questions_name_no_place(gazetteer, question):
    assert gazetteer.find(question) == []


def test_common_word_names_need_a_capital_or_a_cue(gazetteer):
    assert gazetteer.find("biała flaga") == []
    assert "Biała" in _keys(gazetteer, "partnerzy gminy biała", "unit")
    assert "Biała" in _keys(gazetteer, "Jakich partnerów ma Biała?", "unit")


def test_match_span_points_into_the_question(gazetteer):
    question = "Z jakimi miastami współpracuje Kraków?"
    [match] = gazetteer.find(question)
    assert question[match.span[0] : match.span[1]] == match.text == "Kraków"


def test_every_country_of_the_tables_has_vocabulary(tables):
    table = tomllib.loads((ROOT / "assistant" / "lang" / "countries.toml").read_text("utf-8"))
    assert set(tables[2]) <= set(table)


def test_entries_round_trip_through_duckdb(tables):
    duckdb = pytest.importorskip("duckdb")
    entries = build_entries(*tables)
    connection = duckdb.connect()
    connection.execute(GAZETTEER_DDL)
    placeholders = ", ".join("?" for _ in GAZETTEER_COLUMNS)
    connection.executemany(
        f"INSERT INTO gazetteer VALUES ({placeholders})", [e.as_row() for e in entries]
    )
    loaded = Gazetteer.from_duckdb(connection)
    assert loaded.size == len(entries)
    assert _keys(loaded, "partnerzy Czestochowy") == {"Częstochowa"}
    assert {m.units for m in loaded.find("partnerzy Brody") if m.kind == "unit"} == {
        ("Brody (pow. starachowicki)", "Brody (pow. żarski)")
    }


QUESTIONS = [
    "partnerzy Częstochowy",
    "partnerzy Czestohowy",
    "Z jakimi miastami współpracuje Kraków?",
    "w jakich krajach Wrocław ma partnerów?",
    "Polish towns twinned with Vienna",
    "how many partnerships does Powiat żywiecki have with Hungary?",
    "top 10 countries by number of partnerships",
    "which gminas partnered Slovak towns in 2008?",
    "which powiats signed only a letter of intent?",
    "partnerships started between 1990 and 1995 with Ukraine",
    "Since when is Olsztyn partnered with Rovaniemi?",
    "Do jakich stowarzyszeń międzynarodowych należy Białystok?",
    "How many twinning partnerships do Polish local governments have?",
    "List all of Olsztyn's partners and how they are documented",
    "Czy dane ankiety zgadzają się z listą partnerów Białegostoku?",
    "And in 2009?",
    "A z Czechami?",
    "Which of them are formal agreements?",
    "Show all of them",
    "Tell me more about the first one",
    "A town in Slovakia near Žilina seeks a Polish partner: which Polish gminas have experience with Slovak partners?",
    "partnerzy Grodziska Mazowieckiego",
    "Bielsko-Biała",
    "partnerzy Bielska-Białej",
    "Wien-Donaustadt",
    "partnerzy powiatu żywieckiego",
    "kto współpracuje z Wiedniem",
    "Lviv",
    "Kowno",
    "Brześć",
    "partnerzy Brody",
    "Suwałki",
    "Which towns have the most partners?",
    "Pokaż wszystkie",
    "na Słowacji",
    "słowackimi",
    "na Ukrainie",
    "Krakowem",
    "Wrocławia",
    "Białegostoku",
    "Tell me about Białystok",
    "list Wrocław partners",
    "partnerstwa polsko-niemieckie z lat dziewięćdziesiątych",
    "Ile partnerstw mają gminy z Francją?",
    "Which Polish gminas have partners in the Czech Republic and in Slovakia?",
    "partners in the US",
    "Jakie gminy współpracują z Litwą od 2005 roku?",
    "Czernichów (pow. żywiecki)",
    "top 5 powiats",
    "Is Gdańsk twinned with Bremen?",
]


def test_lookup_cost_does_not_grow_with_the_number_of_names(gazetteer, tables):
    """Matching is indexed by first word: ten thousand more names change nothing for a question."""
    from assistant.gazetteer import Gazetteer, GazetteerEntry

    padding = [
        GazetteerEntry(f"zzplace{n}", "partner", f"Zzplace{n}", (), f"Zzplace{n}", "partner")
        for n in range(10_000)
    ]
    bigger = Gazetteer([*build_entries(*tables), *padding])
    for question in QUESTIONS:
        assert bigger.find(question) == gazetteer.find(question)
    assert len(bigger._by_first.get("krakow", [])) == len(gazetteer._by_first.get("krakow", []))
