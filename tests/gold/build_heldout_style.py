"""Build `tests/gold/tables_more.jsonl`: more table questions, worded like a held-out set.

The categories and the semantics are those of `tables.jsonl` (see README.md and
`build_gold.py`, whose helpers compute every expected answer from
`reference.py`); only the wording differs: other phrasings, lower case and no
diacritics, one-letter typos, English questions with Polish names, exonyms,
questions with two filters. No question repeats one of `tables.jsonl`.

    /work/venv/bin/python tests/gold/build_heldout_style.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_gold as G  # noqa: E402
import reference as R  # noqa: E402

OUT = HERE / "tables_more.jsonl"
ROWS, GM, PW = G.ROWS, G.GM, G.PW
unit, country, partner = G.unit, G.country, G.partner
year, between, since, before, after, formal = (
    G.year,
    G.between,
    G.since,
    G.before,
    G.after,
    G.formal,
)
rows_exp, count_exp, groups_exp, top_exp = G.rows_exp, G.count_exp, G.groups_exp, G.top_exp
no_exp, not_found_exp, clarify_exp, search_exp = (
    G.no_exp,
    G.not_found_exp,
    G.clarify_exp,
    G.search_exp,
)
table_or_both = G.table_or_both
OUT_OF_SCOPE = G.OUT_OF_SCOPE

CASES: list[dict] = []


def add(category: str, lang: str, question: str, expect: dict) -> None:
    CASES.append({"category": category, "lang": lang, "turns": [question], "expect": expect})


def foreign(rows: list[R.Row]) -> list[R.Row]:
    return [r for r in rows if r.country != "Polska"]


# ======================================================================= cases


def unit_partners_cases() -> None:
    c = "unit_partners"
    add(
        c, "pl", "Gdzie za granicą Gdynia ma miasta partnerskie?", rows_exp(foreign(unit("Gdynia")))
    )
    add(c, "pl", "jakie sa miasta partnerskie poznania", rows_exp(unit("Poznań")))
    add(c, "pl", "Miasta bliźniacze Torunia", rows_exp(unit("Toruń")))
    add(c, "pl", "Wymień partnerów Szczecina", rows_exp(unit("Szczecin")))
    add(c, "pl", "partnerzy katowic", rows_exp(unit("Katowice")))
    add(c, "pl", "Partnerzy Bydgosczy", rows_exp(unit("Bydgoszcz")))
    add(c, "pl", "Zagraniczni partnerzy Tarnowa", rows_exp(foreign(unit("Tarnów"))))
    add(c, "pl", "Z jakimi miastami utrzymuje kontakty Koszalin?", rows_exp(unit("Koszalin")))
    add(c, "pl", "miasta partnerskie gniezna", rows_exp(unit("Gniezno")))
    add(c, "en", "partners of Wroclaw", rows_exp(unit("Wrocław")))
    add(c, "en", "Lodz twin towns", rows_exp(unit("Łódź")))
    add(c, "en", "Who are Poznan's sister cities?", rows_exp(unit("Poznań")))
    add(c, "en", "Warsaw partner cities", rows_exp(unit("Warszawa")))
    add(c, "en", "twin towns of Gdansk", rows_exp(unit("Gdańsk")))
    add(c, "en", "Breslau partner cities", rows_exp(unit("Wrocław")))
    add(c, "en", "Which cities is Kielce twinned with?", rows_exp(unit("Kielce")))
    add(c, "en", "Tell me the partner towns of Plock", rows_exp(unit("Płock")))


def unit_country_cases() -> None:
    c = "unit_country"
    add(
        c,
        "pl",
        "Gdzie na Ukrainie ma partnerów Lublin?",
        rows_exp(country("Ukraina", rows=unit("Lublin"))),
    )
    add(
        c, "pl", "niemieccy partnerzy szczecina", rows_exp(country("Niemcy", rows=unit("Szczecin")))
    )
    add(
        c,
        "pl",
        "Z jakimi francuskimi miastami współpracuje Gdańsk?",
        rows_exp(country("Francja", rows=unit("Gdańsk"))),
    )
    add(
        c,
        "pl",
        "Które miasta w Rosji są partnerami Łodzi?",
        rows_exp(country("Rosja", rows=unit("Łódź"))),
    )
    add(c, "pl", "partnerzy opola w niemczech", rows_exp(country("Niemcy", rows=unit("Opole"))))
    add(
        c,
        "pl",
        "Ukraińscy partnerzy Tarnowa",
        rows_exp(country("Ukraina", rows=unit("Tarnów"))),
    )
    add(
        c,
        "pl",
        "Z kim w Niemczech współpracuje Legnica?",
        rows_exp(country("Niemcy", rows=unit("Legnica"))),
    )
    add(
        c,
        "pl",
        "Krajowi partnerzy Nowego Sącza",
        rows_exp(country("Polska", rows=unit("Nowy Sącz"))),
    )
    add(
        c,
        "en",
        "Nowy Sacz partners in Slovakia",
        rows_exp(country("Słowacja", rows=unit("Nowy Sącz"))),
    )
    add(
        c,
        "en",
        "Which American cities are partnered with Gdynia?",
        rows_exp(country("USA", rows=unit("Gdynia"))),
    )
    add(c, "en", "Lodz partners in Ukraine", rows_exp(country("Ukraina", rows=unit("Łódź"))))
    add(
        c,
        "en",
        "What are the Ukrainian partner cities of Przemysl?",
        rows_exp(country("Ukraina", rows=unit("Przemyśl"))),
    )
    add(
        c,
        "en",
        "German twin towns of Koszalin",
        rows_exp(country("Niemcy", rows=unit("Koszalin"))),
    )
    add(
        c,
        "en",
        "Which partners in Poland does Powiat żywiecki have?",
        rows_exp(country("Polska", rows=unit("Powiat żywiecki"))),
    )


def country_cases() -> None:
    c = "country"
    # "How many gminas" counts gminas, not their partnerships (issue 10).
    gminas = len({r.unit for r in country("Litwa", "gmina")})
    add(c, "pl", "Ile gmin współpracuje z Litwą?",
        {"route": "table", "total": gminas, "answer_contains": [str(gminas)]})  # fmt: skip
    add(
        c,
        "en",
        "List the Hungarian partners of Polish powiats",
        rows_exp(country("Węgry", "powiat")),
    )
    add(c, "pl", "samorządy współpracujące z Estonią", rows_exp(country("Estonia")))
    add(
        c,
        "pl",
        "z kim w chorwacji wspolpracuja polskie gminy",
        rows_exp(country("Chorwacja", "gmina")),
    )
    add(
        c,
        "en",
        "Polish municipalities with partners in Croatia",
        rows_exp(country("Chorwacja", "gmina")),
    )
    add(
        c,
        "en",
        "Which Polish counties cooperate with Czech partners?",
        rows_exp(country("Czechy", "powiat")),
    )
    add(c, "en", "Show partnerships with Slovenia", rows_exp(country("Słowenia")))
    add(
        c,
        "pl",
        "Jakie polskie gminy mają partnerów w Kanadzie?",
        rows_exp(country("Kanada", "gmina")),
    )
    add(c, "pl", "Partnerstwa z Bułgarią", rows_exp(country("Bułgaria")))
    add(c, "pl", "które powiaty mają partnerów w austrii", rows_exp(country("Austria", "powiat")))
    add(
        c,
        "en",
        "Which Polish local governments cooperate with Armenia?",
        rows_exp(country("Armenia")),
    )
    add(c, "pl", "Kto w Polsce współpracuje z Brazylią?", rows_exp(country("Brazylia")))
    add(c, "en", "Polish local authorities partnered with Moldova", rows_exp(country("Mołdawia")))
    add(
        c, "en", "powiats with partners in the netherlands", rows_exp(country("Holandia", "powiat"))
    )


def partner_place_cases() -> None:
    c = "partner_place"
    add(c, "pl", "Kto w Polsce współpracuje z Pragą czeską?", rows_exp(partner("Praha")))
    add(c, "en", "Which Polish cities are twinned with Prague?", rows_exp(partner("Prague")))
    add(c, "pl", "Polskie miasta partnerskie Budapesztu", rows_exp(partner("Budapeszt")))
    add(c, "en", "Who in Poland partners with Budapest?", rows_exp(partner("Budapest")))
    add(c, "pl", "Które polskie miasta współpracują z Moskwą?", rows_exp(partner("Moskwa")))
    add(c, "en", "Polish twin towns of Moscow", rows_exp(partner("Moscow")))
    add(c, "pl", "kto wspolpracuje z koszycami", rows_exp(partner("Košice")))
    add(c, "en", "Which Polish towns partner with Lemberg?", rows_exp(partner("Lemberg")))
    add(c, "pl", "Kto jest partnerem Kijowa w Polsce?", rows_exp(partner("Kijów")))
    add(c, "pl", "Które gminy współpracują z Żyliną?", rows_exp(partner("Žilina", "gmina")))
    add(c, "en", "Polish partners of Saint Petersburg", rows_exp(partner("Sankt Petersburg")))
    add(c, "pl", "Kto współpracuje z Preszowem?", rows_exp(partner("Prešov")))
    add(c, "en", "Which Polish gminas and powiats work with Ostrava?", rows_exp(partner("Ostrava")))
    add(c, "pl", "polscy partnerzy lipska", rows_exp(partner("Lipsk")))


def year_cases() -> None:
    c = "year"
    add(
        c,
        "pl",
        "Jakie partnerstwa z Czechami zawiązano w 2004 r.?",
        rows_exp(year(country("Czechy"), 2004)),
    )
    add(c, "pl", "partnerstwa z niemcami z 2003", rows_exp(year(country("Niemcy"), 2003)))
    add(
        c,
        "pl",
        "Które powiaty rozpoczęły współpracę z Litwą w 2004?",
        rows_exp(year(country("Litwa", "powiat"), 2004)),
    )
    add(
        c,
        "pl",
        "Co nowego w partnerstwach gmin ze Słowacją w roku 2005?",
        rows_exp(year(country("Słowacja", "gmina"), 2005)),
    )
    add(c, "pl", "Z kim Lublin nawiązał współpracę w 2004?", rows_exp(year(unit("Lublin"), 2004)))
    add(
        c,
        "en",
        "Which Polish gminas started partnerships with Spain in 2005?",
        rows_exp(year(country("Hiszpania", "gmina"), 2005)),
    )
    add(c, "en", "New powiat partnerships in 2005", rows_exp(year(PW, 2005)))
    add(
        c,
        "en",
        "Partnerships with Lithuania dated 2001",
        rows_exp(year(country("Litwa"), 2001)),
    )
    add(
        c,
        "en",
        "Which Hungarian partnerships of Polish gminas were established in 2004?",
        rows_exp(year(country("Węgry", "gmina"), 2004)),
    )
    add(
        c,
        "en",
        "What did Polish powiats sign with Ukraine in 2004?",
        rows_exp(year(country("Ukraina", "powiat"), 2004)),
    )


def year_range_cases() -> None:
    c = "year_range"
    add(
        c,
        "pl",
        "Partnerstwa z Danią z lat 1990-1999",
        rows_exp(between(country("Dania"), 1990, 1999)),
    )
    add(
        c,
        "pl",
        "jakie gminy nawiazaly wspolprace z holandia w latach 1995-2000",
        rows_exp(between(country("Holandia", "gmina"), 1995, 2000)),
    )
    add(
        c,
        "pl",
        "Partnerzy Gdańska z okresu od 1990 do 2000 roku",
        rows_exp(between(unit("Gdańsk"), 1990, 2000)),
    )
    add(
        c,
        "pl",
        "Partnerstwa powiatów z Czechami w latach 2001–2003",
        rows_exp(between(country("Czechy", "powiat"), 2001, 2003)),
    )
    add(
        c,
        "en",
        "Partnerships with Finland from 1990 to 1999",
        rows_exp(between(country("Finlandia"), 1990, 1999)),
    )
    add(
        c,
        "en",
        "Lodz partnerships between 1990 and 2000",
        rows_exp(between(unit("Łódź"), 1990, 2000)),
    )
    add(
        c,
        "en",
        "Which powiats partnered with Lithuanian districts in 2000-2002?",
        rows_exp(between(country("Litwa", "powiat"), 2000, 2002)),
    )
    add(
        c,
        "en",
        "Romanian partnerships started in the years 2000 to 2009",
        rows_exp(between(country("Rumunia"), 2000, 2009)),
    )


def since_before_cases() -> None:
    c = "since_before"
    add(
        c,
        "pl",
        "Które miasta mają umowy z miastami w Szwecji podpisane po 2000 roku?",
        {
            "any_of": [
                rows_exp(after(country("Szwecja", "gmina"), 2000)),
                rows_exp(
                    [
                        r
                        for r in country("Szwecja", "gmina")
                        if r.agreement_year and r.agreement_year > 2000
                    ]
                ),
            ]
        },
    )
    add(
        c,
        "pl",
        "partnerstwa z francja przed 1975",
        rows_exp(before(country("Francja"), 1975)),
    )
    add(
        c,
        "pl",
        "Z kim Gdańsk współpracuje od 1995 roku?",
        rows_exp(since(unit("Gdańsk"), 1995)),
    )
    add(
        c,
        "pl",
        "Które gminy współpracują z Estonią od 2000 r.?",
        rows_exp(since(country("Estonia", "gmina"), 2000)),
    )
    add(
        c,
        "pl",
        "Partnerstwa z Wielką Brytanią zawarte przed 1995 rokiem",
        rows_exp(before(country("Wielka Brytania"), 1995)),
    )
    add(
        c,
        "en",
        "Which of Lublin's partnerships date from after 2000?",
        rows_exp(after(unit("Lublin"), 2000)),
    )
    add(
        c,
        "en",
        "Partnerships with Hungary older than 1990",
        rows_exp(before(country("Węgry"), 1990)),
    )
    add(
        c,
        "en",
        "Powiat partnerships with Belarus since 2005",
        rows_exp(since(country("Białoruś", "powiat"), 2005)),
    )
    add(
        c,
        "en",
        "Which Polish gminas partnered with Dutch towns before 1995?",
        rows_exp(before(country("Holandia", "gmina"), 1995)),
    )


def form_cases() -> None:
    c = "form"
    add(
        c,
        "pl",
        "Które partnerstwa Gdańska mają formalną umowę?",
        rows_exp(formal(unit("Gdańsk"))),
    )
    add(
        c,
        "pl",
        "gminy ktore maja tylko list intencyjny z partnerem z wegier",
        rows_exp(R.only_letter_of_intent(country("Węgry", "gmina"))),
    )
    add(
        c,
        "pl",
        "Listy intencyjne powiatów z partnerami z Ukrainy",
        rows_exp(R.letter_of_intent(country("Ukraina", "powiat"))),
    )
    add(
        c,
        "pl",
        "Partnerstwa Tarnowa bez formalnej umowy",
        rows_exp([r for r in unit("Tarnów") if not r.formal]),
    )
    add(
        c,
        "pl",
        "Formalne umowy partnerskie Łodzi",
        rows_exp(formal(unit("Łódź"))),
    )
    add(
        c,
        "en",
        "Which gminas have only a letter of intent with a Czech partner?",
        rows_exp(R.only_letter_of_intent(country("Czechy", "gmina"))),
    )
    add(
        c,
        "en",
        "Formal twinning agreements of Lodz",
        rows_exp(formal(unit("Łódź"))),
    )
    add(
        c,
        "en",
        "Powiat partnerships with Germany with no data on the form",
        rows_exp(R.no_data(country("Niemcy", "powiat"))),
    )
    add(
        c,
        "en",
        "Letters of intent signed by gminas with Lithuanian partners",
        rows_exp(R.letter_of_intent(country("Litwa", "gmina"))),
    )


def count_cases() -> None:
    c = "count"
    add(c, "pl", "ile partnerstw ma gdynia", count_exp(unit("Gdynia")))
    add(c, "pl", "Ilu partnerów zagranicznych ma Tarnów?", count_exp(foreign(unit("Tarnów"))))
    add(
        c,
        "pl",
        "Ile partnerstw z Ukrainą mają polskie powiaty?",
        count_exp(country("Ukraina", "powiat")),
    )
    add(c, "pl", "Ile jest partnerstw z Chorwacją?", count_exp(country("Chorwacja")))
    add(
        c,
        "pl",
        "Ilu partnerów w Niemczech ma Legnica?",
        count_exp(country("Niemcy", rows=unit("Legnica"))),
    )
    add(
        c,
        "pl",
        "Ile partnerstw gmin z Czechami powstało w 2004 roku?",
        count_exp(year(country("Czechy", "gmina"), 2004)),
    )
    add(c, "en", "How many partner towns has Poznan got?", count_exp(unit("Poznań")))
    add(c, "en", "Number of partnerships with Romania", count_exp(country("Rumunia")))
    add(
        c,
        "en",
        "How many Ukrainian partners does Lublin have?",
        count_exp(country("Ukraina", rows=unit("Lublin"))),
    )
    add(
        c,
        "en",
        "How many powiat partnerships with Slovakia are only letters of intent?",
        count_exp(R.only_letter_of_intent(country("Słowacja", "powiat"))),
    )


def top_n_cases() -> None:
    c = "top_n"
    add(
        c,
        "pl",
        "Z jakimi krajami jest najwięcej partnerstw? Podaj pierwszą trójkę",
        top_exp(R.group_by_country(ROWS), 3),
    )
    add(c, "pl", "ranking gmin wedlug liczby partnerow - top 5", top_exp(R.group_by_unit(GM), 5))
    add(c, "pl", "Które dwa powiaty mają najwięcej partnerstw?", top_exp(R.group_by_unit(PW), 2))
    add(
        c,
        "en",
        "Which three countries have the most partnerships with Polish towns and gminas?",
        top_exp(R.group_by_country(GM), 3),
    )
    add(c, "en", "The two powiats with the most partners", top_exp(R.group_by_unit(PW), 2))
    add(
        c,
        "en",
        "Top 2 gminas by number of Ukrainian partners",
        top_exp(R.group_by_unit(country("Ukraina", "gmina")), 2),
    )


def group_by_country_cases() -> None:
    c = "group_by_country"
    add(
        c,
        "pl",
        "W jakich krajach ma partnerów Gdynia?",
        groups_exp(R.group_by_country(unit("Gdynia"))),
    )
    add(
        c,
        "pl",
        "Z jakimi państwami współpracuje Kalisz?",
        groups_exp(R.group_by_country(unit("Kalisz"))),
    )
    add(
        c,
        "pl",
        "liczba partnerstw legnicy wedlug krajow",
        groups_exp(R.group_by_country(unit("Legnica"))),
    )
    add(
        c,
        "pl",
        "Podział partnerstw Tarnowa na kraje",
        groups_exp(R.group_by_country(unit("Tarnów"))),
    )
    add(
        c,
        "en",
        "Where abroad are Poznan's partners? List countries",
        groups_exp(R.group_by_country(foreign(unit("Poznań")))),
    )
    add(
        c,
        "en",
        "Which countries are Lodz's partners in, with counts?",
        groups_exp(R.group_by_country(unit("Łódź"))),
    )
    add(
        c,
        "en",
        "Number of partnerships per country for Szczecin",
        groups_exp(R.group_by_country(unit("Szczecin"))),
    )
    add(
        c,
        "en",
        "Powiat partnerships of 2004 broken down by country",
        groups_exp(R.group_by_country(year(PW, 2004))),
    )


def yes_no_cases() -> None:
    c = "yes_no"
    add(
        c,
        "en",
        "Has Poznań got a partner in Hungary?",
        rows_exp(country("Węgry", rows=unit("Poznań"))),
    )
    add(
        c,
        "pl",
        "Czy Poznań ma partnera na Węgrzech?",
        rows_exp(country("Węgry", rows=unit("Poznań"))),
    )
    add(
        c,
        "pl",
        "czy krakow wspolpracuje z norymberga",
        rows_exp(partner("Norymberga", rows=unit("Kraków"))),
    )
    add(
        c,
        "pl",
        "Czy Gdańsk ma partnerów we Włoszech?",
        rows_exp(country("Włochy", rows=unit("Gdańsk"))),
    )
    add(
        c,
        "pl",
        "Czy Legnica współpracuje z kimś w Hiszpanii?",
        no_exp(country("Hiszpania", rows=unit("Legnica"))),
    )
    add(
        c,
        "pl",
        "Czy Warszawa jest miastem partnerskim Moskwy?",
        rows_exp(partner("Moskwa", rows=unit("Warszawa"))),
    )
    add(
        c,
        "pl",
        "Czy Przemyśl ma partnera na Węgrzech?",
        rows_exp(country("Węgry", rows=unit("Przemyśl"))),
    )
    add(
        c,
        "en",
        "Is Cracow twinned with Edinburgh?",
        rows_exp(partner("Edinburgh", rows=unit("Kraków"))),
    )
    add(
        c,
        "en",
        "Does Lodz have any partner in Mexico?",
        rows_exp(country("Meksyk", rows=unit("Łódź"))),
    )
    add(
        c,
        "en",
        "Is Szczecin partnered with any Danish town?",
        rows_exp(country("Dania", rows=unit("Szczecin"))),
    )
    add(
        c,
        "en",
        "Does Kalisz have partners in Austria?",
        no_exp(country("Austria", rows=unit("Kalisz"))),
    )
    add(c, "en", "Is Gdynia a twin town of Kiel?", rows_exp(partner("Kiel", rows=unit("Gdynia"))))


def partner_search_cases() -> None:
    c = "partner_search"
    add(
        c,
        "pl",
        "Gmina z Litwy chce nawiązać współpracę z Polską. Które polskie gminy mają już partnerów na Litwie?",
        search_exp("Litwa", "gmina"),
    )
    add(
        c,
        "en",
        "A Czech district is looking for a Polish powiat partner - which powiats have the most Czech partners?",
        search_exp("Czechy", "powiat"),
    )
    add(
        c,
        "pl",
        "szukamy partnera dla gminy z Rumunii - ktore gminy maja doswiadczenie z Rumunia?",
        search_exp("Rumunia", "gmina"),
    )
    add(
        c,
        "en",
        "Staff request: a Swedish kommun wants a Polish twin. Suggest gminas experienced with Sweden",
        search_exp("Szwecja", "gmina"),
    )


def not_found_cases() -> None:
    c = "not_found"
    add(
        c,
        "pl",
        "Partnerzy Legnicy w Hiszpanii",
        not_found_exp(country("Hiszpania", rows=unit("Legnica"))),
    )
    add(
        c,
        "pl",
        "Jakie partnerstwa zawarł Toruń w 2007 roku?",
        not_found_exp(year(unit("Toruń"), 2007)),
    )
    add(
        c,
        "pl",
        "Które powiaty współpracują z Meksykiem?",
        not_found_exp(country("Meksyk", "powiat")),
    )
    add(c, "en", "Gdynia partners in Italy", not_found_exp(country("Włochy", rows=unit("Gdynia"))))
    add(
        c,
        "en",
        "Which powiats have partners in Canada?",
        not_found_exp(country("Kanada", "powiat")),
    )
    add(
        c,
        "en",
        "Poznan's partnerships started in 1970",
        not_found_exp(year(unit("Poznań"), 1970)),
    )


def clarify_cases() -> None:
    c = "clarify"
    add(c, "pl", "partnerzy elblaga", G.clarify_exp("Elbląg"))
    add(c, "pl", "Z kim współpracuje Zielona Góra?", G.clarify_exp("Zielona Góra"))
    add(c, "pl", "miasta partnerskie Brodow", G.clarify_exp("Brody"))
    add(c, "en", "Zamosc partner towns", G.clarify_exp("Zamość"))
    add(c, "en", "Who are Swidnica's partners?", G.clarify_exp("Świdnica"))
    add(
        c,
        "en",
        "Partners of Elblag in Russia",
        G.clarify_exp("Elbląg", narrow=lambda rs: country("Rosja", rows=rs)),
    )


def out_of_scope_cases() -> None:
    c = "out_of_scope"
    for lang, q in [
        ("pl", "Jak dojechać z Krakowa do Zakopanego?"),
        ("en", "Translate 'twin town' into German"),
        ("pl", "Napisz mi wypracowanie o Mickiewiczu"),
        ("en", "What time is it in Warsaw?"),
        ("pl", "Kto jest burmistrzem Gdyni?"),
        ("en", "Which is the best hotel in Kraków?"),
    ]:
        add(c, lang, q, OUT_OF_SCOPE)


# ======================================================================= output


def build() -> list[dict]:
    CASES.clear()
    for fn in (
        unit_partners_cases,
        unit_country_cases,
        country_cases,
        partner_place_cases,
        year_cases,
        year_range_cases,
        since_before_cases,
        form_cases,
        count_cases,
        top_n_cases,
        group_by_country_cases,
        yes_no_cases,
        partner_search_cases,
        not_found_cases,
        clarify_cases,
        out_of_scope_cases,
    ):
        fn()
    numbers: Counter = Counter()
    out = []
    for case in CASES:
        numbers[case["lang"]] += 1
        out.append({"id": f"more-{case['lang']}-{numbers[case['lang']]:03d}", **case})
    questions = [c["turns"][-1] for c in out]
    seen = {
        json.loads(line)["turns"][-1] for line in (HERE / "tables.jsonl").open(encoding="utf-8")
    }
    repeats = [q for q in questions if q in seen]
    duplicates = [q for q, n in Counter(questions).items() if n > 1]
    if duplicates or repeats:
        raise ValueError(f"duplicate questions: {duplicates} {repeats}")
    return out


def main() -> None:
    cases = build()
    with OUT.open("w", encoding="utf-8") as f:
        for case in cases:
            f.write(json.dumps(case, ensure_ascii=False) + "\n")
    by_cat = Counter(c["category"] for c in cases)
    by_lang = Counter(c["lang"] for c in cases)
    print(f"wrote {len(cases)} cases to {OUT.relative_to(R.PROJECT)}")
    for cat, n in by_cat.items():
        langs = Counter(c["lang"] for c in cases if c["category"] == cat)
        print(f"  {cat:18} {n:3}  pl={langs['pl']:2} en={langs['en']:2}")
    print(f"  {'total':18} {len(cases):3}  pl={by_lang['pl']} en={by_lang['en']}")


if __name__ == "__main__":
    main()
