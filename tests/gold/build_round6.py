"""Build `tests/gold/round6.jsonl`: a sixth round of held-out-style gold cases.

Written from the two survey tables and the README alone (the package is neither
read nor run to write it). Questions are typed the way chat-widget visitors type
them: lower case, missing diacritics, typos, fragments, polite openings, long
questions with context, and follow-ups of two or three turns. Every expected row
set, count and name is computed here from `reference.py`; only the questions and
the place words in them are typed by hand. The Polish units and the foreign
partner towns asked about are checked not to occur in the questions of rounds 4
and 5.

    /work/main/.venv/bin/python tests/gold/build_round6.py

Meaning rules of this round (on top of README "What the table questions mean"):

- lang: `pl` for Polish questions, `en` for English and for every other language
  (German, Ukrainian, Russian, Czech, Slovak, Lithuanian, French, Spanish,
  Italian): the answer is in English.
- superlative_more: a row's year is the smaller of its agreement-cell and
  other-form-cell years; rows with no year are ignored. "Oldest" = the rows with
  the smallest year, "newest" = the largest; ties give all tied rows (`rows`,
  plus the year in the answer); refused when the looser reading (every year
  written in a cell) picks other rows. "Which unit / country has the most ..." =
  `top: [winner]` and `lead_contains: [winner, count]`; on a tie for first place
  every tied name and the count are expected in the lead (no `top`). An English
  lead may name a country in English.
- comparison_more: `groups` = every compared unit (or country, Polish name as
  written) with its row count, exact; `lead_contains` = the larger one. Ties and
  zero counts are refused.
- distinct_count_more: distinct Polish units / distinct countries / distinct
  partner cells (not rows); `total` and `answer_contains` hold that number.
  Refused when the distinct count equals the row count (unless the question is
  about one partner town) or when "countries" would include Polska/Europa.
- yes_no_more: `answer_starts_with` ["Tak"] / ["Yes"] with `rows_include` of every
  evidence row, or ["Nie"] / ["No"] when no row matches.
- other_language_more: `rows` exact of the Polish unit named, or of the partner
  town named (matched by README partner rules); answer in English.
- lowercase_names: the whole question is lower case without diacritics; `rows`
  exact.
- followups_more: only the last turn is scored; the filters of the earlier turns
  stay unless the last turn replaces them. "how many is that" = rows, and is only
  asked where rows and distinct units agree.
- unsupported_more: the survey records no population, budget, geography (coast,
  mountains), transport, universities, funding, mayors, or whether a partnership
  is still active. The answer must report the constraint in `not_applied` (a
  stem of the question's words) and either list rows among those of the real
  filters (unit, country, form) or return no data; a broadened list fails.
- mixed_filters: 3+ filters (unit type, country, year, form). "Formal agreement
  from <years>" = an agreement year and the README year rule; refused when
  reading the year from the agreement cell only would give other rows. Year
  selections are refused when the looser reading of the cells changes them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reference as R  # noqa: E402
from expect import (  # noqa: E402
    ENGLISH,
    between,
    compare_exp,
    count_exp,
    distinct_countries,
    distinct_partners,
    distinct_units,
    formal,
    narrowing,
    no_agreement,
    no_answer_exp,
    numbered,
    ranked,
    rows_exp,
    since,
    sup_exp,
    unsupported_exp,
    write_round,
    year,
    yes_exp,
)

OUT = HERE / "round6.jsonl"

ROWS = R.load_rows()
GM = R.of_type(ROWS, "gmina")
PW = R.of_type(ROWS, "powiat")
TYPES = {"gmina": GM, "powiat": PW, None: ROWS}


CASES: list[dict] = []
# Polish units and foreign partner places named in the questions: checked against
# rounds 4 and 5 (a stem of the folded name must not occur in their questions)
NAMED: list[tuple[str, str]] = []


def add(category: str, lang: str, question: str | list[str], expect: dict) -> None:
    turns = [question] if isinstance(question, str) else question
    CASES.append({"category": category, "lang": lang, "turns": turns, "expect": expect})


# ------------------------------------------------------------------ selections


def unit(name: str) -> list[R.Row]:
    """Rows of one unit; raises when the name is ambiguous or unknown."""
    NAMED.append(("unit", name))
    return R.rows_of_unit(ROWS, name)


def country(name: str, unit_type: str | None = None, rows: list[R.Row] | None = None):
    out = R.by_country(TYPES[unit_type] if rows is None else rows, name)
    if rows is None and not out:
        raise ValueError(f"no rows for country {name!r}")
    return out


def partner(place: str, unit_type: str | None = None, rows: list[R.Row] | None = None):
    if rows is None:
        NAMED.append(("partner", place))
    return R.by_partner(TYPES[unit_type] if rows is None else rows, place)


def formal_years(rows, test):
    """Formal agreements whose year passes `test`, read both ways: README (either
    cell) and agreement cell only; refused when the readings differ."""
    readme = [r for r in formal(rows) if any(test(y) for y in r.loose_years)]
    strict = [r for r in rows if r.agreement_year is not None and test(r.agreement_year)]
    if R.keys(readme) != R.keys(strict):
        raise ValueError(f"fragile formal-with-year selection {R.keys(readme)} vs {R.keys(strict)}")
    if not readme or len(readme) == len(rows):
        raise ValueError(f"formal-with-year keeps {len(readme)} of {len(rows)}: not a test")
    return readme


# ---------------------------------------------------------------- expectations


def top_exp(groups: dict[str, int], lang: str = "pl", *, countries: bool = False) -> dict:
    """The winner first (with its count in the lead); on a tie every tied name."""
    order = ranked(groups)
    best = order[0][1]
    tied = [name for name, n in order if n == best]
    if len(order) == len(tied):
        raise ValueError(f"every name ties: {order}")
    if len(tied) == 1:
        exp = {"route": "table", "top": tied, "lead_contains": [tied[0], str(best)]}
    else:
        exp = {"route": "table", "lead_contains": [*tied, str(best)]}
    if not countries or lang == "pl":
        return exp
    english = {**exp, "lead_contains": [ENGLISH[n] for n in tied] + [str(best)]}
    return {"any_of": [exp, english]}


def units_compared(names: list[str], narrow=None) -> dict[str, int]:
    out = {}
    for name in names:
        rows = unit(name)
        full = rows[0].unit
        if narrow is not None:
            rows = narrow(rows)
        out[full] = len(rows)
    return out


ALL_TEXT = " | ".join(
    R.fold(x) for r in ROWS for x in (r.unit_written, r.country, r.partner, r.other_form)
)


# ======================================================================= cases


def superlative_cases() -> None:
    c = "superlative_more"
    pl, en = "pl", "en"
    add(c, pl, "ktory powiat ma najwiecej partnerow?", top_exp(R.group_by_unit(PW)))
    add(
        c,
        pl,
        "Z jakim krajem polskie gminy mają najwięcej partnerstw?",
        top_exp(R.group_by_country(GM), pl, countries=True),
    )
    add(
        c,
        pl,
        "ktora gmina ma najwiecej partnerow w czechach",
        top_exp(R.group_by_unit(country("Czechy", "gmina"))),
    )
    add(c, pl, "najstarsze partnerstwo mieroszowa", sup_exp(unit("Mieroszów"), "min"))
    add(
        c,
        pl,
        "Dzień dobry, jaka jest najnowsza umowa partnerska Płońska?",
        sup_exp(unit("Płońsk"), "max"),
    )
    add(
        c,
        pl,
        "który powiat ma najstarsze partnerstwo z ukrainą?",
        sup_exp(country("Ukraina", "powiat"), "min"),
    )
    add(
        c,
        pl,
        "Która gmina ma najwięcej partnerów w Austrii?",
        top_exp(R.group_by_unit(country("Austria", "gmina"))),
    )
    add(
        c,
        pl,
        "hej, ktora gmina ma najwiecej partnerow w samej polsce (krajowych)?",
        top_exp(R.group_by_unit(country("Polska", "gmina"))),
    )
    add(
        c,
        en,
        "who has the oldest agreement with france?",
        sup_exp(country("Francja"), "min"),
    )
    add(
        c,
        en,
        "which polish town has the most partner towns of all?",
        top_exp(R.group_by_unit(GM)),
    )
    add(
        c,
        en,
        "Which country do Polish powiats partner with most often?",
        top_exp(R.group_by_country(PW), en, countries=True),
    )
    add(
        c,
        en,
        "stary sacz - what's its oldest twin town?",
        sup_exp(unit("Stary Sącz"), "min"),
    )
    add(
        c,
        en,
        "which powiat has the most partners in ukraine",
        top_exp(R.group_by_unit(country("Ukraina", "powiat"))),
    )
    add(
        c,
        en,
        "Which gmina has the most Dutch partners?",
        top_exp(R.group_by_unit(country("Holandia", "gmina"))),
    )
    add(
        c,
        en,
        "Most recent partnership of Bolesławiec?",
        sup_exp(unit("Bolesławiec"), "max"),
    )


def comparison_cases() -> None:
    c = "comparison_more"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "radkow czy mieroszow, kto ma wiecej partnerow",
        compare_exp(units_compared(["Radków", "Mieroszów"])),
    )
    add(
        c,
        pl,
        "Kto ma więcej partnerów w Niemczech – Chojnice czy Międzyrzecz?",
        compare_exp(
            units_compared(["Chojnice", "Międzyrzecz"], lambda rs: country("Niemcy", rows=rs))
        ),
    )
    add(
        c,
        pl,
        "Czy gminy mają więcej partnerów na Litwie, czy na Węgrzech?",
        compare_exp({k: len(country(k, "gmina")) for k in ("Litwa", "Węgry")}, countries=True),
    )
    add(
        c,
        pl,
        "Powiat głubczycki czy powiat jeleniogórski – który ma więcej partnerstw?",
        compare_exp(units_compared(["Powiat głubczycki", "Powiat jeleniogórski"])),
    )
    add(
        c,
        pl,
        "Ukraina czy Białoruś: z którym krajem powiaty mają więcej partnerstw?",
        compare_exp(
            {k: len(country(k, "powiat")) for k in ("Ukraina", "Białoruś")}, countries=True
        ),
    )
    add(
        c,
        pl,
        "kto ma wiecej partnerow na slowacji: jaworze czy stary sacz?",
        compare_exp(
            units_compared(["Jaworze", "Stary Sącz"], lambda rs: country("Słowacja", rows=rs))
        ),
    )
    add(
        c,
        pl,
        "Porównaj Łądek Zdrój, Duszniki-Zdrój i Świeradów Zdrój pod względem liczby partnerów",
        compare_exp(units_compared(["Łądek Zdrój", "Duszniki-Zdrój", "Świeradów Zdrój"])),
    )
    add(
        c,
        pl,
        "gminy: wiecej partnerstw z holandia czy z rosja?",
        compare_exp({k: len(country(k, "gmina")) for k in ("Holandia", "Rosja")}, countries=True),
    )
    add(
        c,
        en,
        "Lithuania or Slovakia: which has more partnerships with Polish powiats?",
        compare_exp(
            {k: len(country(k, "powiat")) for k in ("Litwa", "Słowacja")}, en, countries=True
        ),
    )
    add(
        c,
        en,
        "jaworze vs lesnica, which one has more partner towns",
        compare_exp(units_compared(["Jaworze", "Leśnica"])),
    )
    add(
        c,
        en,
        "Do gminas have more partners in Austria or in Belgium?",
        compare_exp(
            {k: len(country(k, "gmina")) for k in ("Austria", "Belgia")}, en, countries=True
        ),
    )
    add(
        c,
        en,
        "Łańcut or Stary Sącz - who has more Hungarian partners?",
        compare_exp(units_compared(["Łańcut", "Stary Sącz"], lambda rs: country("Węgry", rows=rs))),
    )
    add(
        c,
        en,
        "compare bolkow and pleszew by number of partnerships",
        compare_exp(units_compared(["Bolków", "Pleszew"])),
    )
    add(
        c,
        en,
        "Which has more partners, Kraśnik or Żnin?",
        compare_exp(units_compared(["Kraśnik", "Żnin"])),
    )


def distinct_count_cases() -> None:
    c = "distinct_count_more"
    pl, en = "pl", "en"
    add(c, pl, "ile gmin ma partnerow w chorwacji?", distinct_units(country("Chorwacja", "gmina")))
    add(
        c,
        pl,
        "Z ilu różnych krajów są partnerzy Starego Sącza?",
        distinct_countries(unit("Stary Sącz")),
    )
    add(
        c,
        pl,
        "ile roznych miast partnerskich ma radkow w czechach",
        distinct_partners(country("Czechy", rows=unit("Radków"))),
    )
    add(
        c,
        pl,
        "Ile powiatów współpracuje z Rosją?",
        distinct_units(country("Rosja", "powiat")),
    )
    add(
        c,
        pl,
        "z ilu krajow sa partnerzy, z ktorymi powiaty maja tylko list intencyjny?",
        distinct_countries(R.only_letter_of_intent(PW)),
    )
    add(
        c,
        pl,
        "Ile gmin nawiązało współpracę z Francją w latach 2000-2005?",
        distinct_units(between(country("Francja", "gmina"), 2000, 2005)),
    )
    add(
        c,
        pl,
        "ile polskich gmin wspolpracuje z alytusem",
        distinct_units(partner("Alytus", "gmina"), allow_equal=True),
    )
    add(
        c,
        pl,
        "W ilu krajach mają partnerów gminy, które podpisały umowę przed 1980 rokiem?",
        distinct_countries(formal_years(GM, lambda y: y < 1980)),
    )
    add(
        c,
        en,
        "how many distinct powiats signed a formal agreement with a ukrainian partner?",
        distinct_units(formal(country("Ukraina", "powiat"))),
    )
    add(
        c,
        en,
        "How many countries are Jarosław's partners in?",
        distinct_countries(unit("Jarosław")),
    )
    add(
        c,
        en,
        "How many different gminas have partners in Latvia?",
        distinct_units(country("Łotwa", "gmina")),
    )
    add(
        c,
        en,
        "number of distinct polish gminas twinned with Kowel?",
        distinct_units(partner("Kowel", "gmina"), allow_equal=True),
    )
    add(
        c,
        en,
        "How many powiats have partners in Belarus since 2005?",
        distinct_units(since(country("Białoruś", "powiat"), 2005), allow_equal=True),
    )
    add(
        c,
        en,
        "In how many different countries does Wągrowiec have partners?",
        distinct_countries(unit("Wągrowiec")),
    )


def yes_no_cases() -> None:
    c = "yes_no_more"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "czy radkow ma partnera we francji",
        no_answer_exp(country("Francja", rows=unit("Radków")), pl),
    )
    add(
        c,
        pl,
        "Czy Płońsk ma jakiegoś partnera w Niemczech?",
        no_answer_exp(country("Niemcy", rows=unit("Płońsk")), pl),
    )
    add(
        c,
        pl,
        "czy cieszyn ma miasto partnerskie na ukrainie?",
        no_answer_exp(country("Ukraina", rows=unit("Cieszyn")), pl),
    )
    add(
        c,
        pl,
        "Czy powiat głubczycki współpracuje z kimś na Słowacji?",
        no_answer_exp(country("Słowacja", rows=unit("Powiat głubczycki")), pl),
    )
    add(
        c,
        pl,
        "czy łeba ma partnera w szwecji",
        yes_exp(country("Szwecja", rows=unit("Łeba")), pl),
    )
    add(
        c,
        pl,
        "Czy Bełchatów jest miastem partnerskim Myślenic?",
        yes_exp(partner("Myślenice", rows=unit("Bełchatów")), pl),
    )
    add(
        c,
        pl,
        "czy kozienice maja partnera na litwie?",
        no_answer_exp(country("Litwa", rows=unit("Kozienice")), pl),
    )
    add(
        c,
        pl,
        "Czy Krotoszyn współpracuje z jakimś miastem w Turcji?",
        yes_exp(country("Turcja", rows=unit("Krotoszyn")), pl),
    )
    add(
        c,
        en,
        "Does Starachowice have a partner in Italy?",
        yes_exp(country("Włochy", rows=unit("Starachowice")), en),
    )
    add(
        c,
        en,
        "is cieszyn twinned with anything in germany?",
        no_answer_exp(country("Niemcy", rows=unit("Cieszyn")), en),
    )
    add(
        c,
        en,
        "Does Powiat kętrzyński have any German partner?",
        no_answer_exp(country("Niemcy", rows=unit("Powiat kętrzyński")), en),
    )
    add(
        c,
        en,
        "hello, is Łeba twinned with Władysławowo?",
        no_answer_exp(partner("Władysławowo", rows=unit("Łeba")), en),
    )
    add(
        c,
        en,
        "does koscielisko have partners in norway",
        no_answer_exp(country("Norwegia", rows=unit("Kościelisko")), en),
    )
    add(
        c,
        en,
        "Is Tuchów a partner town of Mikulov?",
        yes_exp(partner("Mikulov", rows=unit("Tuchów")), en),
    )
    add(
        c,
        en,
        "Does Piła have a partner in Russia?",
        yes_exp(country("Rosja", rows=unit("Piła")), en),
    )


def other_language_cases() -> None:
    c = "other_language_more"
    en = "en"
    for question, name in [
        ("Welche Partnerstädte hat Bolesławiec?", "Bolesławiec"),
        ("Міста-партнери Ярослава", "Jarosław"),
        ("С какими городами сотрудничает Бартошице?", "Bartoszyce"),
        ("S kterými obcemi spolupracuje Radków?", "Radków"),
        ("Quels sont les jumelages de Płońsk ?", "Płońsk"),
        ("¿Con qué ciudades está hermanada Starachowice?", "Starachowice"),
    ]:
        add(c, en, question, rows_exp(unit(name)))
    for question, place in [
        ("Какие польские города – побратимы Санкт-Петербурга?", "Sankt Petersburg"),
        ("Která polská města mají partnerství s městem Karviná?", "Karviná"),
        ("Ktoré poľské mestá spolupracujú s mestom Kežmarok?", "Kežmarok"),
        ("Alytus – kurie Lenkijos miestai yra jo partneriai?", "Alytus"),
        ("Quali città polacche sono gemellate con Priverno?", "Priverno"),
    ]:
        add(c, en, question, rows_exp(partner(place)))
    # "towns / cities" may mean the cities-and-gminas table only or every unit (the
    # powiat row included): both readings are accepted
    for question, place in [
        ("Welche polnischen Städte sind Partner von Görlitz?", "Görlitz"),
        ("Які польські міста є партнерами міста Самбір (Sambor)?", "Sambor"),
    ]:
        every, towns = partner(place), partner(place, "gmina")
        if len(towns) == len(every):
            raise ValueError(f"{place}: no powiat row, no need for two readings")
        add(c, en, question, {"any_of": [rows_exp(every), rows_exp(towns)]})


def lowercase_cases() -> None:
    c = "lowercase_names"
    for lang, q, name in [
        ("pl", "z kim wspolpracuje ladek zdroj", "Łądek Zdrój"),
        ("pl", "miasta partnerskie swieradowa zdroju", "Świeradów Zdrój"),
        ("pl", "partnerzy konstancina-jeziorny", "Konstancin-Jeziorna"),
        (
            "pl",
            "jakie partnerstwa ma powiat ropczycko-sedziszowski",
            "Powiat ropczycko-sędziszowski",
        ),
        ("pl", "zabkowice slaskie partnerzy", "Ząbkowice Śląskie"),
        ("pl", "partnerzy gminy murowana goslina", "Murowana Goślina"),
        ("pl", "z kim wspolpracuje powiat hajnowski", "Powiat hajnowski"),
        ("en", "partners of siemianowice slaskie", "Siemianowice Śląskie"),
        ("en", "lwowek slaski twin towns", "Lwówek Śląski"),
        ("en", "who is tomaszow lubelski twinned with", "Tomaszów Lubelski"),
        ("en", "duszniki-zdroj partner cities pls", "Duszniki-Zdrój"),
        ("en", "sister cities of krynica-zdroj", "Krynica-Zdrój"),
    ]:
        add(c, lang, q, rows_exp(unit(name)))
    add(
        c,
        "pl",
        "ktore polskie gminy wspolpracuja z trutnovem",
        rows_exp(partner("Trutnov", "gmina")),
    )
    add(
        c,
        "en",
        "polish towns twinned with hradec kralove?",
        rows_exp(partner("Hradec Králové")),
    )


def followup_cases() -> None:
    c = "followups_more"
    pl, en = "pl", "en"
    add(c, pl, ["partnerzy mieroszowa", "a radkowa?"], rows_exp(unit("Radków")))
    add(
        c,
        pl,
        ["z kim wspolpracuje jaroslaw na ukrainie", "a na slowacji?"],
        rows_exp(country("Słowacja", rows=unit("Jarosław"))),
    )
    add(
        c,
        pl,
        ["Partnerzy Żnina", "tylko te od 2000 roku"],
        rows_exp(since(unit("Żnin"), 2000)),
    )
    add(
        c,
        pl,
        ["gminy współpracujące z Estonią", "ile ich jest?"],
        count_exp(same_units(country("Estonia", "gmina"))),
    )
    add(
        c,
        pl,
        ["partnerstwa starachowic", "posortuj według roku"],
        rows_exp(unit("Starachowice")),
    )
    add(c, pl, ["Powiaty współpracujące z Łotwą", "a gminy?"], rows_exp(country("Łotwa", "gmina")))
    add(
        c,
        pl,
        ["Partnerzy Chojnic", "a Bartoszyc?", "tylko w Niemczech"],
        rows_exp(country("Niemcy", rows=unit("Bartoszyce"))),
    )
    add(
        c,
        pl,
        ["ktore gminy maja partnerow w irlandii", "a w grecji?", "tylko te z umowa formalna"],
        rows_exp(narrowing(formal(country("Grecja", "gmina")), country("Grecja", "gmina"))),
    )
    add(
        c,
        en,
        ["Which gminas cooperate with Norway?", "only the formal ones"],
        rows_exp(narrowing(formal(country("Norwegia", "gmina")), country("Norwegia", "gmina"))),
    )
    add(c, en, ["Partners of Łowicz", "what about Kozienice?"], rows_exp(unit("Kozienice")))
    add(
        c,
        en,
        ["which polish units have partners in portugal?", "how many is that"],
        count_exp(same_units(country("Portugalia"))),
    )
    add(
        c,
        en,
        ["powiats with partners in belarus", "and the gminas?"],
        rows_exp(country("Białoruś", "gmina")),
    )
    add(
        c,
        en,
        ["Szamotuły partnerships", "which of them are in the Netherlands?"],
        rows_exp(country("Holandia", rows=unit("Szamotuły"))),
    )
    add(
        c,
        en,
        ["Does Mysłakowice have partners?", "which ones in germany", "only the formal agreements"],
        rows_exp(formal(country("Niemcy", rows=unit("Mysłakowice")))),
    )
    add(
        c,
        en,
        ["Gołdap twin towns", "and in 2004?"],
        rows_exp(year(unit("Gołdap"), 2004)),
    )


def same_units(rows: list[R.Row]) -> list[R.Row]:
    """ "How many is that" after a list of units: asked only where rows = units."""
    if len({r.unit for r in rows}) != len(rows):
        raise ValueError("rows and distinct units differ: the count is ambiguous")
    return rows


UNSUPPORTED = [
    # (lang, turns, stem of the unsupported constraint, real rows)
    (
        "pl",
        "Partnerzy Łowicza, w których burmistrzem jest kobieta",
        "burmistrz",
        lambda: unit("Łowicz"),
    ),
    (
        "pl",
        "które miasta partnerskie bolesławca leżą w górach?",
        "górach",
        lambda: unit("Bolesławiec"),
    ),
    (
        "pl",
        "partnerstwa zabkowic slaskich ktore sa nadal aktywne w 2020",
        "aktywn",
        lambda: unit("Ząbkowice Śląskie"),
    ),
    (
        "pl",
        "Do których partnerów Wągrowca w Niemczech dojadę pociągiem?",
        "pociąg",
        lambda: country("Niemcy", rows=unit("Wągrowiec")),
    ),
    (
        "pl",
        "miasta partnerskie krotoszyna z uniwersytetem, tylko formalne umowy",
        "uniwersyt",
        lambda: formal(unit("Krotoszyn")),
    ),
    (
        "pl",
        "Które partnerstwa Kraśnika na Ukrainie mają budżet powyżej miliona zł?",
        "budżet",
        lambda: country("Ukraina", rows=unit("Kraśnik")),
    ),
    (
        "pl",
        ["Partnerzy Siemianowic Śląskich", "tylko te nad morzem"],
        "morz",
        lambda: unit("Siemianowice Śląskie"),
    ),
    ("en", "Partners of Pleszew that are on the coast", "coast", lambda: unit("Pleszew")),
    (
        "en",
        "Which of Legionowo's partner cities have more than a million inhabitants?",
        "inhabitant",
        lambda: unit("Legionowo"),
    ),
    (
        "en",
        "Gołdap partner towns in Russia whose mayor is a woman",
        "mayor",
        lambda: country("Rosja", rows=unit("Gołdap")),
    ),
    (
        "en",
        "which bełchatów partnerships are still active in 2020?",
        "activ",
        lambda: unit("Bełchatów"),
    ),
    (
        "en",
        "Which partner towns of Ustka can I reach by train from Gdańsk?",
        "train",
        lambda: unit("Ustka"),
    ),
    (
        "en",
        "Węgorzewo partners with a university, formal agreements only",
        "universit",
        lambda: formal(unit("Węgorzewo")),
    ),
    (
        "en",
        "Hi! We run an EU-funded youth project. Which of Piła's German partners have an EU budget line?",
        "budget",
        lambda: country("Niemcy", rows=unit("Piła")),
    ),
]


def unsupported_cases() -> None:
    for lang, turns, stem, real in UNSUPPORTED:
        last = turns if isinstance(turns, str) else turns[-1]
        whole = " ".join([turns] if isinstance(turns, str) else turns)
        if R.fold(stem) not in R.fold(last):
            raise ValueError(f"{stem!r} not in the last turn {last!r}")
        add("unsupported_more", lang, turns, unsupported_exp(stem, real(), whole))


def mixed_cases() -> None:
    c = "mixed_filters"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "powiaty z partnerami na ukrainie, formalne umowy z lat 2000-2005",
        rows_exp(formal_years(country("Ukraina", "powiat"), lambda y: 2000 <= y <= 2005)),
    )
    add(
        c,
        pl,
        "Gminy współpracujące z Francją od 2005 roku, tylko z formalną umową",
        rows_exp(formal_years(country("Francja", "gmina"), lambda y: y >= 2005)),
    )
    add(
        c,
        pl,
        "gminy z partnerami w czechach, umowy podpisane przed 1991",
        rows_exp(formal_years(country("Czechy", "gmina"), lambda y: y < 1991)),
    )
    add(
        c,
        pl,
        "Powiaty, które z partnerami z Niemiec mają tylko list intencyjny",
        rows_exp(
            narrowing(
                R.only_letter_of_intent(country("Niemcy", "powiat")), country("Niemcy", "powiat")
            )
        ),
    )
    add(
        c,
        pl,
        "gminy ze slowackimi partnerami z lat 2004-2006 bez formalnej umowy",
        rows_exp(no_agreement(between(country("Słowacja", "gmina"), 2004, 2006))),
    )
    add(
        c,
        pl,
        "Ile formalnych umów zawarły gminy z partnerami z Austrii w latach 2000-2009?",
        count_exp(formal_years(country("Austria", "gmina"), lambda y: 2000 <= y <= 2009)),
    )
    add(
        c,
        pl,
        "powiaty i litwa, formalne umowy po 2003 roku",
        rows_exp(formal_years(country("Litwa", "powiat"), lambda y: y > 2003)),
    )
    add(
        c,
        pl,
        "Szukam gmin, które mają partnerów na Litwie, ale bez formalnej umowy, od 2005 roku",
        rows_exp(no_agreement(since(country("Litwa", "gmina"), 2005))),
    )
    add(
        c,
        en,
        "gminas with hungarian partners, formal agreements signed between 1995 and 1999",
        rows_exp(formal_years(country("Węgry", "gmina"), lambda y: 1995 <= y <= 1999)),
    )
    add(
        c,
        en,
        "Which powiats signed a formal agreement with a Belarusian partner after 2003?",
        rows_exp(formal_years(country("Białoruś", "powiat"), lambda y: y > 2003)),
    )
    add(
        c,
        en,
        "gminas partnered with Italy since 2006 but without a formal agreement",
        rows_exp(no_agreement(since(country("Włochy", "gmina"), 2006))),
    )
    add(
        c,
        en,
        "Only gminas, not powiats: formal agreements with Swedish towns from the 90s",
        rows_exp(formal_years(country("Szwecja", "gmina"), lambda y: 1990 <= y <= 1999)),
    )
    add(
        c,
        en,
        "Hi, we're a small town in Bavaria looking for a Polish partner. Which Polish gminas "
        "signed formal agreements with German towns in 2008? Just want to see who is active lately",
        rows_exp(formal_years(country("Niemcy", "gmina"), lambda y: y == 2008)),
    )
    add(
        c,
        en,
        "powiats with slovak partners, formal agreement, from 2001 on",
        rows_exp(formal_years(country("Słowacja", "powiat"), lambda y: y >= 2001)),
    )


# ======================================================================= output

BUILDERS = (
    superlative_cases,
    comparison_cases,
    distinct_count_cases,
    yes_no_cases,
    other_language_cases,
    lowercase_cases,
    followup_cases,
    unsupported_cases,
    mixed_cases,
)


def previous_questions(names=("round4.jsonl", "round5.jsonl")) -> str:
    text = []
    for name in names:
        for obj in map(json.loads, (HERE / name).read_text(encoding="utf-8").splitlines()):
            text.append(" ".join(obj.get("turns") or [obj.get("question", "")]))
    return R.fold(" | ".join(text))


def check_named() -> None:
    """Units and partner places of this round must not be asked in rounds 4 and 5."""
    asked = previous_questions()
    clash = []
    for kind, name in dict.fromkeys(NAMED):
        folded = R.fold(name.removeprefix("Powiat "))
        stem = folded[: max(4, len(folded) - 3)]
        if stem in asked:
            clash.append(f"{kind} {name}")
    if clash:
        raise ValueError(f"names asked in rounds 4/5: {clash}")


def build() -> list[dict]:
    CASES.clear()
    NAMED.clear()
    for make in BUILDERS:
        make()
    check_named()
    return numbered(CASES, "r6", OUT)


def main() -> None:
    cases = build()
    write_round(cases, OUT)


if __name__ == "__main__":
    main()
