"""Build `tests/gold/round13.jsonl`: a thirteenth round of held-out gold cases ("gold round 13"),
typed as visitors of the ZMP site type them in the chat widget.

Written from the corpus (the two survey tables and the three pages), `SPEC.md`,
`tests/gold/README.md`, `reference.py`, `expect.py` and `build_round12.py` alone: the package is
neither read nor run to write it. Every expected row set, count, ranking and name is computed
here from the reference reader (through the helpers of `expect.py` and `build_round12.py`, which
are imported, not copied); only the questions are typed by hand. The kinds of question come in
roughly equal shares: a unit's partners, country / partner-place / voivodeship / continent
filters, yes/no questions (half of them answered No), superlatives, comparisons, distinct
counts, years and periods, exclusions, conversations of 2-3 turns, conditions the data does not
record, page questions, other languages and out-of-scope messages. Units, partner places and
countries are mostly ones the earlier rounds did not ask about; Polish names are typed inflected
("z Iwano-Frankowskiem", "w Prudniku", "dla Bolesławca"), often without diacritics.

    /work/main/.venv/bin/python tests/gold/build_round13.py

Meaning rules of this round: those of round 12 (see the docstring of `build_round12.py`), and:

- followups: "a od kiedy? / and since when with X?" after a yes/no or a list asks for the year
  of that pair: the pair's row among the rows, its year in the answer.
- country_region: a partner place the survey also writes otherwise (Opole's `Iwano - Frankiowsk`,
  Tomaszów Mazowiecki's `Stanisławów`, the former name of Ivano-Frankivsk) = the rows of its
  usual name required, those of the other spellings allowed.
- exclusion: "poza Europą / outside Europe" drops the rows of countries GeoNames puts in Europe;
  asked only where no country among the unit's rows has a disputed continent.
- unsupported: the condition the survey does not record (cost, money spent, a swimming pool,
  an underground, pottery, a lake, students, a cathedral, a termination, a website, a year
  after the tables' last) is reported in `not_applied` with the question's own word, and the
  rows, if any, come from the real filters only. Population is not asked (GeoNames holds it,
  SPEC "Place facts").
- out_of_scope: a message with nothing to do with town twinning: route `out_of_scope`, no data.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reference as R  # noqa: E402
from build_round12 import (  # noqa: E402
    BIALYSTOK_PAGE,
    CONTINENT,
    DISPUTED,
    GM,
    OLSZTYN_PAGE,
    UNPLACED_COUNTRIES,
    ZMP_PAGE,
    ambiguous_exp,
    but_none,
    by_country_exp,
    countries,
    country,
    future_exp,
    minus,
    on_continent,
    other_language,
    other_language_yes,
    page_exp,
    page_line,
    page_lines,
    page_or_survey,
    partner,
    region_exp,
    stems_unsupported,
    top_exp,
    towns_exp,
    typo_exp,
    unit,
    units_compared,
    years_compared,
)
from expect import (  # noqa: E402
    after,
    before,
    between,
    compare_exp,
    count_exp,
    distinct_countries,
    distinct_units,
    formal,
    narrowing,
    no_answer_exp,
    numbered,
    rows_exp,
    since,
    sup_exp,
    write_round,
    year,
    yes_exp,
)

OUT = HERE / "round13.jsonl"

CASES: list[dict] = []


def add(category: str, lang: str, question: str | list[str], expect: dict) -> None:
    turns = [question] if isinstance(question, str) else list(question)
    CASES.append({"category": category, "lang": lang, "turns": turns, "expect": expect})


# ------------------------------------------------------------------ selections and expectations


def outside_europe(rows: list[R.Row], *, european_russia: bool = False) -> list[R.Row]:
    """Rows whose country GeoNames puts on another continent than Europe; refused when a country
    of disputed or unknown continent is among the rows (a Russian partner only where the builder
    checked by hand that it lies in European Russia)."""
    doubtful = {r.country for r in rows} & (UNPLACED_COUNTRIES | DISPUTED)
    if european_russia:
        doubtful -= {"Rosja"}
    if doubtful:
        raise ValueError(f"disputed continent among the rows: {doubtful}")
    return narrowing([r for r in rows if CONTINENT[r.country] != "EU"], rows)


def pair_year_exp(rows: list[R.Row], place: str) -> dict:
    """'And since when (with X)?': the pair's row among the rows, its one year in the answer."""
    pair = partner(place, rows=rows)
    if len(pair) != 1:
        raise ValueError(f"{place!r}: {len(pair)} rows")
    years = pair[0].loose_years
    if len(years) != 1 or pair[0].years != years:
        raise ValueError(f"{place!r}: the pair's year is not one clear year: {years}")
    return {"route": "table", "rows_include": R.keys(pair), "answer_contains": [str(min(years))]}


def formal_no(rows: list[R.Row], lang: str) -> dict:
    """No formal agreement (not even a year written in the agreement cell) for a pair the survey
    holds: the No is about the form."""
    if not rows:
        raise ValueError("the pair is not in the survey: the No would not be about the form")
    return no_answer_exp(formal(rows) + [r for r in rows if R.cell_years(r.agreement)], lang)


def top_towns_exp(every: list[R.Row], towns: list[R.Row]) -> dict:
    """'Which town has the most': the winner over the gmina table or over every unit."""
    a, b = top_exp(R.group_by_unit(every)), top_exp(R.group_by_unit(towns))
    return a if a == b else {"any_of": [a, b]}


def page_only(source: str, needle: str, forms: list[str]) -> dict:
    """'Which page mentions X': the page cited, named in the lead (in any form of the name);
    the other pages must not mention X."""
    for other in (OLSZTYN_PAGE, BIALYSTOK_PAGE, ZMP_PAGE):
        if other != source and any(needle in line for line in page_lines(other)):
            raise ValueError(f"{other} mentions {needle!r} too")
    found = {"route": "documents", "cites": [[source, page_line(source, needle)]]}
    return {"any_of": [{**found, "lead_contains": [form]} for form in forms]}


def same_place_exp(exact: list[R.Row], spellings: list[str]) -> dict:
    """A partner place the survey also writes otherwise (a misspelling, a former name): the
    rows of its usual name are required, those of the other spellings allowed."""
    also = [r for name in spellings for r in partner(name, exact[0].unit_type)]
    if not also or {r.country for r in exact + also} != {exact[0].country}:
        raise ValueError(f"other spellings {spellings}: {R.keys(also)}")
    return {"route": "table", "rows_include": R.keys(exact), "rows_within": R.keys(exact + also)}


OUT_OF_SCOPE = {"route": "out_of_scope", "no_data": True}


# ======================================================================= cases


def unit_partner_cases() -> None:
    c = "unit_partners"
    pl, en = "pl", "en"
    add(c, pl, "jakie miasta partnerskie ma jelenia gora", rows_exp(unit("Jelenia Góra")))
    add(
        c,
        pl,
        "Dzień dobry, mieszkam w Prudniku i chciałbym wiedzieć, z jakimi miastami współpracuje "
        "nasza gmina.",
        rows_exp(unit("Prudnik")),
    )
    add(
        c,
        pl,
        "ile miast partnerskich ma piotrkow trybunalski",
        count_exp(unit("Piotrków Trybunalski")),
    )
    add(c, pl, "z kim wspolpracuje Sosnowiec?", rows_exp(unit("Sosnowiec")))
    add(c, pl, "partnerzy powiatu suwalskiego", rows_exp(unit("Powiat suwalski")))
    add(c, pl, "lista partnerow gminy weglinec", typo_exp("Węgliniec"))
    add(c, pl, "kołobrzeg - miasta partnerskie", ambiguous_exp("Kołobrzeg"))
    add(c, pl, "ile partnerow ma powiat lezajski", count_exp(unit("Powiat leżajski")))
    add(
        c,
        pl,
        "Jakie gminy i miasta za granicą są partnerami dla Bolesławca?",
        rows_exp(unit("Bolesławiec")),
    )
    add(c, en, "what are the twin towns of Gliwice?", rows_exp(unit("Gliwice")))
    add(c, en, "how many partnerhips does Ostroleka have", count_exp(unit("Ostrołęka")))
    add(c, en, "partners of Powiat opolski", rows_exp(unit("Powiat opolski")))
    add(
        c,
        en,
        "hello! I'm visiting from Genk - which towns is Cieszyn twinned with?",
        rows_exp(unit("Cieszyn")),
    )
    add(c, en, "list strzelce opolskie's partner towns", rows_exp(unit("Strzelce Opolskie")))


def country_region_cases() -> None:
    c = "country_region"
    pl, en = "pl", "en"
    add(c, pl, "ktore gminy wspolpracuja z irlandia", rows_exp(country("Irlandia", "gmina")))
    add(c, pl, "Polskie gminy z partnerami w Szwajcarii", rows_exp(country("Szwajcaria", "gmina")))
    add(c, pl, "powiaty, które mają partnerów w Rumunii", rows_exp(country("Rumunia", "powiat")))
    add(
        c,
        pl,
        "jakie miasta współpracują z Izraelem?",
        towns_exp(country("Izrael"), country("Izrael", "gmina")),
    )
    add(
        c,
        pl,
        "które polskie gminy współpracują z Iwano-Frankowskiem?",
        same_place_exp(partner("Iwano-Frankowsk", "gmina"), ["Iwano-Frankiowsk", "Stanisławów"]),
    )
    add(c, pl, "gminy z partnerami w ameryce poludniowej", rows_exp(on_continent("SA", GM)))
    add(
        c,
        pl,
        "gminy z województwa opolskiego współpracujące z Niemcami",
        region_exp("79", country("Niemcy", "gmina")),
    )
    add(
        c,
        pl,
        "gminy z lubelszczyzny ktore maja partnerow na bialorusi",
        region_exp("75", country("Białoruś", "gmina")),
    )
    add(
        c,
        pl,
        "małopolskie gminy współpracujące z Węgrami",
        region_exp("77", country("Węgry", "gmina")),
    )
    add(
        c,
        en,
        "which gminas are twinned with Norwegian towns?",
        rows_exp(country("Norwegia", "gmina")),
    )
    add(
        c,
        en,
        "polish towns with partners in Turkey",
        towns_exp(country("Turcja"), country("Turcja", "gmina")),
    )
    add(
        c,
        en,
        "polish towns partnered with bergen auf rugen",
        towns_exp(partner("Bergen auf Rügen"), partner("Bergen auf Rügen", "gmina")),
    )
    add(
        c,
        en,
        "gminas in the Silesian Voivodeship with Slovak partners",
        region_exp("83", country("Słowacja", "gmina")),
    )
    add(
        c,
        en,
        "Lodz Voivodeship gminas twinned with French towns",
        region_exp("74", country("Francja", "gmina")),
    )


def yes_no_cases() -> None:
    c = "yes_no"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "czy jelenia gora ma partnera w meksyku",
        yes_exp(country("Meksyk", rows=unit("Jelenia Góra")), pl),
    )
    add(
        c,
        pl,
        "czy prudnik wspolpracuje z jakims miastem w austrii?",
        no_answer_exp(country("Austria", rows=unit("Prudnik")), pl),
    )
    add(
        c,
        pl,
        "Czy Sosnowiec ma miasto partnerskie w Maroku?",
        yes_exp(country("Maroko", rows=unit("Sosnowiec")), pl),
    )
    add(
        c,
        pl,
        "czy gliwice maja partnera we fracji",
        yes_exp(country("Francja", rows=unit("Gliwice")), pl),
    )
    add(
        c,
        pl,
        "czy bolesławiec współpracuje z jakimś miastem w szwecji",
        no_answer_exp(country("Szwecja", rows=unit("Bolesławiec")), pl),
    )
    add(
        c,
        pl,
        "Czy powiat suwalski ma partnerów na Ukrainie?",
        no_answer_exp(country("Ukraina", rows=unit("Powiat suwalski")), pl),
    )
    add(
        c,
        pl,
        "czy ostrołęka podpisała coś z miastem w brazylii",
        yes_exp(country("Brazylia", rows=unit("Ostrołęka")), pl),
    )
    add(
        c,
        pl,
        "hej, czy cieszyn wspolpracuje z jakims miastem we wloszech?",
        no_answer_exp(country("Włochy", rows=unit("Cieszyn")), pl),
    )
    add(
        c,
        en,
        "does Wałcz have a partner town in Sweden?",
        yes_exp(country("Szwecja", rows=unit("Wałcz")), en),
    )
    add(
        c,
        en,
        "is Szamotuly twinned with any italian town?",
        yes_exp(country("Włochy", rows=unit("Szamotuły")), en),
    )
    add(
        c,
        en,
        "does Kępno have partners in Germany?",
        no_answer_exp(country("Niemcy", rows=unit("Kępno")), en),
    )
    add(
        c,
        en,
        "is strzelce opolskie twinned with an american town",
        yes_exp(country("USA", rows=unit("Strzelce Opolskie")), en),
    )
    add(
        c,
        en,
        "Did Piotrków Trybunalski sign a formal agreement with Žagubica?",
        formal_no(partner("Žagubica", rows=unit("Piotrków Trybunalski")), en),
    )
    lz = unit("Powiat leżajski")
    add(
        c,
        en,
        "has Powiat lezajski got any partner outside Ukraine?",
        no_answer_exp([r for r in lz if r.country != "Ukraina"], en),
    )


def superlative_cases() -> None:
    c = "superlative"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "ktora gmina ma najwiecej partnerow w bulgarii",
        top_exp(R.group_by_unit(country("Bułgaria", "gmina"))),
    )
    add(c, pl, "najstarsze partnerstwo jeleniej góry", sup_exp(unit("Jelenia Góra"), "min"))
    add(
        c,
        pl,
        "Który powiat ma najwięcej partnerów na Litwie?",
        top_exp(R.group_by_unit(country("Litwa", "powiat"))),
    )
    add(
        c,
        pl,
        "w jakim kraju prudnik ma najwiecej partnerow",
        top_exp(R.group_by_country(unit("Prudnik"))),
    )
    add(c, pl, "najnowsza umowa partnerska sosnowca", sup_exp(unit("Sosnowiec"), "max"))
    add(
        c,
        pl,
        "która gmina jako pierwsza nawiązała współpracę z Norwegią?",
        sup_exp(country("Norwegia", "gmina"), "min"),
    )
    add(
        c,
        pl,
        "hej, ktora gmina ma najwiecej partnerow w wielkiej brytanii",
        top_exp(R.group_by_unit(country("Wielka Brytania", "gmina"))),
    )
    add(
        c,
        en,
        "which country are most of Gliwice's partners in",
        top_exp(R.group_by_country(unit("Gliwice")), "en", countries=True),
    )
    add(c, en, "what's the oldest twinning Boleslawiec has?", sup_exp(unit("Bolesławiec"), "min"))
    add(
        c,
        en,
        "Which county has the most partners in Latvia?",
        top_exp(R.group_by_unit(country("Łotwa", "powiat"))),
    )
    add(
        c,
        en,
        "which polish town has the most partners in ukraine?",
        top_towns_exp(country("Ukraina"), country("Ukraina", "gmina")),
    )
    add(c, en, "most recent partnership of Ostrołęka", sup_exp(unit("Ostrołęka"), "max"))


def comparison_cases() -> None:
    c = "comparison"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "kto ma wiecej partnerow: jelenia gora czy prudnik?",
        compare_exp(units_compared(["Jelenia Góra", "Prudnik"])),
    )
    add(
        c,
        pl,
        "Sosnowiec czy Gliwice — które miasto ma więcej miast partnerskich?",
        compare_exp(units_compared(["Sosnowiec", "Gliwice"])),
    )
    add(
        c,
        pl,
        "czy gminy maja wiecej partnerow w norwegii czy w finlandii",
        compare_exp({k: len(country(k, "gmina")) for k in ("Norwegia", "Finlandia")}),
    )
    add(
        c,
        pl,
        "powiat suwalski vs powiat siemiatycki: kto ma wiecej partnerow na litwie",
        compare_exp(
            units_compared(
                ["Powiat suwalski", "Powiat siemiatycki"], lambda rs: country("Litwa", rows=rs)
            )
        ),
    )
    add(
        c,
        pl,
        "w którym roku powstało więcej partnerstw z Francją: w 1995 czy w 2005?",
        years_compared(country("Francja"), 1995, 2005),
    )
    add(
        c,
        pl,
        "czy bolesławiec ma więcej formalnych umów niż ostrołęka?",
        compare_exp(units_compared(["Bolesławiec", "Ostrołęka"], formal)),
    )
    add(
        c,
        en,
        "who has more twin towns, Cieszyn or Kępno?",
        compare_exp(units_compared(["Cieszyn", "Kępno"])),
    )
    add(
        c,
        en,
        "do gminas have more partnerships with belgium or with austria",
        compare_exp(
            {k: len(country(k, "gmina")) for k in ("Belgia", "Austria")}, en, countries=True
        ),
    )
    add(
        c,
        en,
        "Powiat opolski or Powiat oleski: which one has more German partners?",
        compare_exp(
            units_compared(
                ["Powiat opolski", "Powiat oleski"], lambda rs: country("Niemcy", rows=rs)
            )
        ),
    )
    add(
        c,
        en,
        "Strzelce Opolskie vs Węgliniec - who has more formal agreements?",
        compare_exp(units_compared(["Strzelce Opolskie", "Węgliniec"], formal)),
    )


def distinct_cases() -> None:
    c = "distinct_count"
    pl, en = "pl", "en"
    add(c, pl, "w ilu krajach jelenia góra ma partnerów", distinct_countries(unit("Jelenia Góra")))
    add(c, pl, "ile gmin wspolpracuje z dania", distinct_units(country("Dania", "gmina")))
    add(
        c,
        pl,
        "Ile powiatów ma partnerów w Szwecji?",
        distinct_units(country("Szwecja", "powiat")),
    )
    add(c, pl, "z ilu krajów są partnerzy prudnika", distinct_countries(unit("Prudnik")))
    add(c, pl, "ile gmin ma partnera w finlandii", distinct_units(country("Finlandia", "gmina")))
    add(
        c,
        pl,
        "ile różnych gmin współpracuje ze Szwecją?",
        distinct_units(country("Szwecja", "gmina")),
    )
    add(
        c,
        en,
        "in how many countries does Wałcz have partners?",
        distinct_countries(unit("Wałcz")),
    )
    add(c, en, "how many gminas have dutch partners?", distinct_units(country("Holandia", "gmina")))
    add(
        c,
        en,
        "How many different countries are Powiat suwalski's partners from?",
        distinct_countries(unit("Powiat suwalski")),
    )
    add(c, en, "how many powiats have latvian partners", distinct_units(country("Łotwa", "powiat")))


def year_period_cases() -> None:
    c = "year_period"
    pl, en = "pl", "en"
    add(c, pl, "partnerstwa z irlandią od 2000 roku", rows_exp(since(country("Irlandia"), 2000)))
    add(
        c,
        pl,
        "które gminy nawiązały współpracę z Turcją przed 2005?",
        rows_exp(before(country("Turcja", "gmina"), 2005)),
    )
    add(
        c,
        pl,
        "partnerzy jeleniej gory z lat 90.",
        rows_exp(between(unit("Jelenia Góra"), 1990, 1999)),
    )
    add(
        c,
        pl,
        "partnerstwa z Norwegią w latach 2000-2005",
        rows_exp(between(country("Norwegia"), 2000, 2005)),
    )
    add(c, pl, "jakie partnerstwa z belgia zawarto w 1999", rows_exp(year(country("Belgia"), 1999)))
    add(
        c,
        pl,
        "ile partnerstw z Estonią powstało po 2000 roku?",
        count_exp(after(country("Estonia"), 2000)),
    )
    add(c, pl, "partnerzy bolesławca sprzed 1995", rows_exp(before(unit("Bolesławiec"), 1995)))
    add(
        c,
        pl,
        "z kim sosnowiec zaczął współpracę w 2005 roku?",
        rows_exp(year(unit("Sosnowiec"), 2005)),
    )
    add(
        c,
        en,
        "partnerships with israeli towns since 2000",
        rows_exp(since(country("Izrael"), 2000)),
    )
    add(
        c,
        en,
        "which gminas twinned with danish towns in the 90s?",
        rows_exp(between(country("Dania", "gmina"), 1990, 1999)),
    )
    add(c, en, "Gliwice partnerships before 1995", rows_exp(before(unit("Gliwice"), 1995)))
    add(
        c,
        en,
        "which powiats started working with german partners in 2006?",
        rows_exp(year(country("Niemcy", "powiat"), 2006)),
    )


def exclusion_cases() -> None:
    c = "exclusion"
    pl, en = "pl", "en"
    jg = unit("Jelenia Góra")
    add(
        c,
        pl,
        "partnerzy jeleniej góry poza niemcami",
        rows_exp(minus(jg, country("Niemcy", rows=jg))),
    )
    pr = unit("Prudnik")
    add(
        c, pl, "partnerzy prudnika oprócz czeskich", rows_exp(minus(pr, country("Czechy", rows=pr)))
    )
    add(c, pl, "partnerzy ostrołęki spoza europy", rows_exp(outside_europe(unit("Ostrołęka"))))
    add(
        c,
        pl,
        "gminy, które mają partnerów w Norwegii, ale nie mają żadnego w Niemczech",
        but_none(GM, "Norwegia", "Niemcy"),
    )
    bo = unit("Bolesławiec")
    add(
        c,
        pl,
        "partnerzy bolesławca z wyjątkiem niemieckich i czeskich",
        rows_exp(minus(bo, countries(("Niemcy", "Czechy"), rows=bo))),
    )
    be = country("Belgia", "gmina")
    add(c, pl, "gminy z partnerami w belgii bez cieszyna", rows_exp(minus(be, unit("Cieszyn"))))
    add(
        c,
        en,
        "strzelce opolskie partners outside europe",
        rows_exp(outside_europe(unit("Strzelce Opolskie"))),
    )
    gl = unit("Gliwice")
    add(
        c,
        en,
        "Gliwice twin towns except the German ones",
        rows_exp(minus(gl, country("Niemcy", rows=gl))),
    )
    tr = country("Turcja", "gmina")
    add(
        c,
        en,
        "which gminas have partners in Turkey, apart from Kępno?",
        rows_exp(minus(tr, unit("Kępno"))),
    )
    il = country("Izrael")
    add(
        c,
        en,
        "polish partnerships with israel excluding chmielnik",
        rows_exp(minus(il, unit("Chmielnik"))),
    )


def followup_cases() -> None:
    c = "followups"
    pl, en = "pl", "en"
    so = unit("Sosnowiec")
    add(
        c,
        pl,
        ["z kim współpracuje sosnowiec", "a które z tych miast są we francji?"],
        rows_exp(narrowing(country("Francja", rows=so), so)),
    )
    add(
        c,
        pl,
        ["Czy Gliwice mają partnera w Szwecji?", "a od kiedy?"],
        pair_year_exp(unit("Gliwice"), "Nacka"),
    )
    add(
        c,
        pl,
        ["gminy z partnerami w norwegii", "a w irlandii?"],
        rows_exp(country("Irlandia", "gmina")),
    )
    add(c, pl, ["partnerzy prudnika", "ile to krajów?"], distinct_countries(unit("Prudnik")))
    add(
        c,
        pl,
        ["ktore powiaty wspolpracuja z rumunia", "a gminy?"],
        rows_exp(country("Rumunia", "gmina")),
    )
    ol = unit("Ostrołęka")
    add(
        c,
        pl,
        ["z kim współpracuje bolesławiec", "a ostrołęka?", "tylko listy intencyjne"],
        rows_exp(narrowing(R.letter_of_intent(ol), ol)),
    )
    tr = country("Turcja")
    add(
        c,
        pl,
        ["partnerstwa z turcją", "które z nich powstały po 2005?"],
        rows_exp(narrowing(after(tr, 2005), tr)),
    )
    add(c, pl, ["partnerzy cieszyna", "a który jest najstarszy?"], sup_exp(unit("Cieszyn"), "min"))
    add(
        c,
        pl,
        ["ile partnerów ma powiat suski", "a w jakich krajach?"],
        by_country_exp(unit("Powiat suski")),
    )
    add(
        c,
        en,
        ["who are Kępno's partners?", "and since when with Trutnov?"],
        pair_year_exp(unit("Kępno"), "Trutnov"),
    )
    be = country("Belgia", "gmina")
    add(
        c,
        en,
        ["gminas twinned with belgian towns", "only the ones since 2000"],
        rows_exp(narrowing(since(be, 2000), be)),
    )
    wa = unit("Wałcz")
    add(
        c,
        en,
        ["Wałcz partners", "which of them are formal agreements?"],
        rows_exp(narrowing(formal(wa), wa)),
    )
    add(
        c,
        en,
        ["partners of Powiat oleski", "and Powiat opolski?", "how many of them are German?"],
        count_exp(country("Niemcy", rows=unit("Powiat opolski"))),
    )
    add(
        c,
        en,
        ["powiats with czech partners", "which one has the most?"],
        top_exp(R.group_by_unit(country("Czechy", "powiat"))),
    )


def unsupported_cases() -> None:
    c = "unsupported"
    for lang, q, stems, real in [
        (
            "pl",
            "ile kosztowała umowa partnerska jeleniej góry z tequilą?",
            ["kosztow"],
            lambda: partner("Tequila", rows=unit("Jelenia Góra")),
        ),
        (
            "pl",
            "ktore miasta partnerskie prudnika maja basen",
            ["basen"],
            lambda: unit("Prudnik"),
        ),
        ("pl", "partnerzy sosnowca, w których jest metro", ["metro"], lambda: unit("Sosnowiec")),
        (
            "pl",
            "Które miasta partnerskie Bolesławca słyną z ceramiki?",
            ["ceramik", "słyn"],
            lambda: unit("Bolesławiec"),
        ),
        (
            "pl",
            "partnerstwa gliwic, które zostały wypowiedziane",
            ["wypowiedzian"],
            lambda: unit("Gliwice"),
        ),
        (
            "pl",
            "które partnerstwa cieszyna mają własną stronę internetową?",
            ["stron", "internet"],
            lambda: unit("Cieszyn"),
        ),
        (
            "en",
            "which of Wałcz's partner towns have a lake?",
            ["lake"],
            lambda: unit("Wałcz"),
        ),
        (
            "en",
            "how much money did Strzelce Opolskie spend on its twinning with Bandera?",
            ["money", "spend"],
            lambda: partner("Bandera", rows=unit("Strzelce Opolskie")),
        ),
        (
            "en",
            "Piotrkow Trybunalski partners with a cathedral",
            ["cathedral"],
            lambda: unit("Piotrków Trybunalski"),
        ),
    ]:
        add(c, lang, q, stems_unsupported(stems, real(), q))
    q = "partnerstwa kępna zawarte w 2019 roku"
    add(c, "pl", q, future_exp(["2019"], unit("Kępno"), q, 2019))


def document_cases() -> None:
    c = "documents"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "hej, kiedy powstal narodowy instytut samorzadu terytorialnego?",
        page_exp(BIALYSTOK_PAGE, "Narodowy Instytut Samorządu", ["2015"], window=0),
    )
    add(
        c,
        pl,
        "Komu podlega Narodowy Instytut Samorządu Terytorialnego?",
        page_exp(BIALYSTOK_PAGE, "podległą MSWiA", ["MSWiA"], window=0),
    )
    add(
        c,
        en,
        "According to the Olsztyn page, what is the aim of building friendly relations between "
        "local communities?",
        page_exp(OLSZTYN_PAGE, "overcome stereotypes", ["stereotypes"], window=0),
    )
    add(
        c,
        pl,
        "gdzie ma siedzibe zwiazek miast polskich",
        page_exp(ZMP_PAGE, "z siedzibą w Poznaniu", ["Pozna"], window=0),
    )
    add(
        c,
        en,
        "what's the e-mail address of ZMP's data protection inspector?",
        page_exp(ZMP_PAGE, "rodo@", ["rodo@zmp.poznan.pl"], window=0),
    )
    add(
        c,
        pl,
        "jak dlugo zmp przechowuje dane osob zapisanych do newslettera",
        page_exp(ZMP_PAGE, "do momentu odwołania", ["odwołania"], window=0),
    )
    add(
        c,
        en,
        "bialystok's partner city in turkey - which one is it?",
        page_exp(BIALYSTOK_PAGE, "Bornova (Turcja)", ["Bornova"], window=0),
    )
    add(
        c,
        pl,
        "w jakich dziedzinach miasta dziela sie doswiadczeniami wedlug zmp?",
        page_exp(ZMP_PAGE, "od edukacji i kultury", ["edukac"], window=0),
    )
    add(
        c,
        pl,
        "które miasto podpisało z białymstokiem list intencyjny w styczniu 2014?",
        page_exp(BIALYSTOK_PAGE, "Lusaka (Zambia)", ["Lusak"], window=0),
    )
    add(
        c,
        pl,
        "z jakim amerykanskim miastem bialystok ma memorandum",
        page_or_survey(
            BIALYSTOK_PAGE,
            "Milwaukee (USA)",
            ["Milwaukee"],
            partner("Milwaukee", rows=unit("Białystok")),
        ),
    )
    # the page is named in the lead, in any Polish case (Olsztyn, Olsztyna, Olsztynie)
    add(
        c,
        pl,
        "na ktorej stronie jest mowa o perugii?",
        page_only(OLSZTYN_PAGE, "Perugia", ["Olsztyn"]),
    )
    add(
        c,
        en,
        "where was the letter of intent with chongzuo signed?",
        page_exp(
            BIALYSTOK_PAGE,
            "Chongzuo (Chiny)",
            ["Białymstoku"],
            window=0,
            forms=[["Białyst"], ["Bialyst"]],
        ),
    )


def other_language_cases() -> None:
    c = "other_language"
    en = "en"
    add(
        c,
        en,
        "Mit welchen Städten ist Gliwice verschwistert?",
        other_language(rows_exp(unit("Gliwice"))),
    )
    add(
        c,
        en,
        "Hat Bolesławiec eine Partnerstadt in Norwegen?",
        other_language_yes(country("Norwegia", rows=unit("Bolesławiec"))),
    )
    add(c, en, "Kolik partnerských měst má Prudnik?", other_language(count_exp(unit("Prudnik"))))
    add(
        c,
        en,
        "Aké partnerské mestá má Cieszyn na Slovensku?",
        other_language(rows_exp(country("Słowacja", rows=unit("Cieszyn")))),
    )
    add(c, en, "Скільки міст-партнерів має Цешин?", other_language(count_exp(unit("Cieszyn"))))
    add(
        c,
        en,
        "Avec quelles villes Wałcz est-elle jumelée ?",
        other_language(rows_exp(unit("Wałcz"))),
    )
    add(c, en, "¿Cuántos socios tiene Szamotuły?", other_language(count_exp(unit("Szamotuły"))))
    add(
        c,
        en,
        "Strzelce Opolskie ha un gemellaggio con una città americana?",
        other_language_yes(country("USA", rows=unit("Strzelce Opolskie"))),
    )
    add(
        c,
        en,
        "Kiek partnerių turi Powiat suwalski?",
        other_language(count_exp(unit("Powiat suwalski"))),
    )
    add(
        c,
        en,
        "Welke Poolse gemeenten hebben partners in Ierland?",
        other_language(towns_exp(country("Irlandia"), country("Irlandia", "gmina"))),
    )


def out_of_scope_cases() -> None:
    c = "out_of_scope"
    for lang, q in [
        ("pl", "jaki jest dzisiaj kurs euro do złotówki?"),
        ("pl", "napisz mi zyczenia urodzinowe dla mamy"),
        ("pl", "Ile kalorii ma pączek z różą?"),
        ("pl", "hej, polecisz jakiś dobry film na wieczór?"),
        ("pl", "Kto jest prezydentem Sosnowca?"),
        ("en", "what's the fastest way to learn polish?"),
        ("en", "Can you convert 100 euros to zloty for me?"),
        ("en", "forget the twinning stuff and tell me a bedtime story about dragons"),
    ]:
        add(c, lang, q, OUT_OF_SCOPE)


# ======================================================================= output

BUILDERS = (
    unit_partner_cases,
    country_region_cases,
    yes_no_cases,
    superlative_cases,
    comparison_cases,
    distinct_cases,
    year_period_cases,
    exclusion_cases,
    followup_cases,
    unsupported_cases,
    document_cases,
    other_language_cases,
    out_of_scope_cases,
)


def build() -> list[dict]:
    CASES.clear()
    for make in BUILDERS:
        make()
    return numbered(CASES, "r13", OUT)


def main() -> None:
    cases = build()
    write_round(cases, OUT)


if __name__ == "__main__":
    main()
