"""Build `tests/gold/round5.jsonl`: a fifth round of held-out-style gold cases.

Written from the two survey tables and the kinds of questions alone (the package
is neither read nor run to write it), in Polish and English as visitors type them
in a chat widget: lower case, missing diacritics, typos, fragments, politeness,
and a few follow-up conversations. Every expected row set, count and name is
computed here from `reference.py`; nothing is typed by hand but the questions and
the place words they contain. Towns are taken across the whole table and, where
possible, differ from the ones of round 4.

    /work/main/.venv/bin/python tests/gold/build_round5.py

Meaning rules of this round (on top of README "What the table questions mean"):

- lang: `pl` for Polish questions, `en` for English and for every other language
  (German, Ukrainian, Czech, Lithuanian, French): the answer is in English.
- superlative: a row's year is the smaller of its agreement-cell and other-form
  cell years; rows with no year are ignored. "Oldest" = the rows with the
  smallest year, "newest / latest / most recent" = the largest; ties give all
  tied rows (`rows`, plus the year in the answer). Refused when the looser
  reading (every year written in a cell) picks other rows. "Which gmina / powiat
  has the most partnerships with C" and "which country has X the most partners
  in" = `top: [winner]`, `lead_contains: [winner, count]`; refused on a tie for
  first place. An English lead may name the country in English.
- comparison: `groups` = every compared unit (or country, Polish name as
  written) with its row count, exact; `lead_contains` = the larger one. Ties and
  zero counts are refused.
- distinct_count: distinct Polish units / distinct countries / distinct partner
  cells (not rows); `total` and `answer_contains` hold that number.
- yes_no: `answer_starts_with` ["Tak"] / ["Yes"] with `rows_include` of every
  evidence row, or ["Nie"] / ["No"] when no row matches.
- region: the survey records no voivodeship. Passes when the region word is
  reported in `not_applied`, or when the rows are a strict subset of the
  whole-country answer (the region really applied) with nothing reported.
- other_language: `rows` exact of the Polish unit named, answer in English.
- typed_names: lower case, no diacritics, at most one typo; `rows` exact.
- year_filters: README year rules; refused when the looser reading of the cells
  changes the rows. "in the 90s / lata 90." = 1990-1999, "the 2000s" =
  2000-2009.
- form_only: "informal / only another form / tylko inna forma" = a non-empty
  other-form cell that is not `b.d.` and no agreement year. "Without a formal
  agreement" = no agreement year (b.d. and empty rows included). "Only formal"
  = an agreement year.
- unsupported_constraint: the survey records no population, budget, geography
  (coast, mountains), universities, funding, mayors or capitals. The answer must
  report the constraint in `not_applied` (a stem of the question's words), and
  either list rows of the named unit only or return no data; a silently
  broadened list (nothing reported) fails.
- follow-ups: only the last turn is scored; the filters of the earlier turns stay
  unless the last turn replaces them.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reference as R  # noqa: E402
from expect import (  # noqa: E402
    ENGLISH,
    before,
    between,
    compare_exp,
    count_exp,
    distinct_countries,
    distinct_exp,
    distinct_partners,
    formal,
    narrowing,
    no_agreement,
    no_answer_exp,
    numbered,
    only_other_form,
    rows_exp,
    since,
    sup_exp,
    write_round,
    year,
    yes_exp,
)

OUT = HERE / "round5.jsonl"

ROWS = R.load_rows()
GM = R.of_type(ROWS, "gmina")
PW = R.of_type(ROWS, "powiat")
TYPES = {"gmina": GM, "powiat": PW, None: ROWS}


CASES: list[dict] = []


def add(category: str, lang: str, question: str | list[str], expect: dict) -> None:
    turns = [question] if isinstance(question, str) else question
    CASES.append({"category": category, "lang": lang, "turns": turns, "expect": expect})


# ------------------------------------------------------------------ selections


def unit(name: str) -> list[R.Row]:
    """Rows of one unit; raises when the name is ambiguous or unknown."""
    return R.rows_of_unit(ROWS, name)


def country(name: str, unit_type: str | None = None, rows: list[R.Row] | None = None):
    out = R.by_country(TYPES[unit_type] if rows is None else rows, name)
    if rows is None and not out:
        raise ValueError(f"no rows for country {name!r}")
    return out


def partner(place: str, unit_type: str | None = None, rows: list[R.Row] | None = None):
    return R.by_partner(TYPES[unit_type] if rows is None else rows, place)


def winner(groups: dict[str, int]) -> tuple[str, int]:
    ranked = sorted(groups.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        raise ValueError(f"tie for first place: {ranked[:3]}")
    return ranked[0]


# ---------------------------------------------------------------- expectations


def top_unit_exp(groups: dict[str, int]) -> dict:
    name, n = winner(groups)
    return {"route": "table", "top": [name], "lead_contains": [name, str(n)]}


def top_country_exp(groups: dict[str, int], lang: str) -> dict:
    name, n = winner(groups)
    exp = {"route": "table", "top": [name], "lead_contains": [name, str(n)]}
    if lang == "pl":
        return exp
    return {"any_of": [exp, {**exp, "lead_contains": [ENGLISH[name], str(n)]}]}


def units_compared(names: list[str], narrow=None) -> dict[str, int]:
    out = {}
    for name in names:
        rows = unit(name)
        full = rows[0].unit
        if narrow is not None:
            rows = narrow(rows)
        out[full] = len(rows)
    return out


def distinct_units(rows: list[R.Row], *, allow_equal: bool = False) -> dict:
    values = {r.unit for r in rows}
    if len(values) == len(rows) and not allow_equal:
        # still a distinct count, but a row count would pass too: prefer cases that differ
        raise ValueError("distinct units equal rows: not a test of distinctness")
    return distinct_exp(values)


UNIT_NAMES = {R.fold(r.unit) for r in ROWS}
ALL_TEXT = " | ".join(
    R.fold(x) for r in ROWS for x in (r.unit_written, r.country, r.partner, r.other_form)
)


def region_exp(word: str, stem: str, whole: list[R.Row]) -> dict:
    """The region word is reported, or the rows are a strict subset of the whole answer."""
    if R.fold(stem) not in R.fold(word):
        raise ValueError(f"{stem!r} is not a stem of {word!r}")
    hits = [u for u in UNIT_NAMES if R.fold(word) in u]
    if hits:
        raise ValueError(f"region word {word!r} is part of unit names {hits[:3]}")
    if len(whole) < 2:
        raise ValueError("whole-country answer too small to narrow")
    return {
        "any_of": [
            {"not_applied": [stem]},
            {"rows_within": R.keys(whole), "narrower": True, "not_applied": []},
        ]
    }


def unsupported_exp(stem: str, rows: list[R.Row], question: str) -> dict:
    """The constraint is reported; rows, if any, come from the named unit only."""
    if R.fold(stem) not in R.fold(question):
        raise ValueError(f"{stem!r} is not in the question {question!r}")
    if R.fold(stem) in ALL_TEXT and len(stem) > 3:
        # the constraint word occurs in the survey text: it might be appliable
        text = " | ".join(R.fold(r.other_form) + " " + R.fold(r.partner) for r in rows)
        if R.fold(stem) in text:
            raise ValueError(f"{stem!r} occurs in the rows of the unit: constraint may apply")
    if not rows:
        raise ValueError("the named unit has no rows")
    keys = R.keys(rows)
    return {
        "any_of": [
            {"not_applied": [stem], "rows_within": keys},
            {"not_applied": [stem], "no_data": True},
        ]
    }


# ======================================================================= cases


def superlative_cases() -> None:
    c = "superlative"
    add(c, "pl", "najstarsze partnerstwo czestochowy", sup_exp(unit("Częstochowa"), "min"))
    add(c, "pl", "Które partnerstwo Olecka jest najstarsze?", sup_exp(unit("Olecko"), "min"))
    add(c, "pl", "jaka jest najnowsza umowa partnerska radomia?", sup_exp(unit("Radom"), "max"))
    add(
        c,
        "pl",
        "Który powiat ma najwięcej partnerów na Słowacji?",
        top_unit_exp(R.group_by_unit(country("Słowacja", "powiat"))),
    )
    add(
        c,
        "pl",
        "ktora gmina ma najwiecej partnerstw ze slowacja",
        top_unit_exp(R.group_by_unit(country("Słowacja", "gmina"))),
    )
    add(
        c,
        "pl",
        "Z jakim krajem Kietrz ma najwięcej partnerów?",
        top_country_exp(R.group_by_country(unit("Kietrz")), "pl"),
    )
    add(
        c,
        "pl",
        ["Najstarsze partnerstwo Olsztyna?", "a Słupska?"],
        sup_exp(unit("Słupsk"), "min"),
    )
    add(c, "en", "oldest partnership of olsztyn", sup_exp(unit("Olsztyn"), "min"))
    add(
        c,
        "en",
        "What's the newest twinning of Mińsk Mazowiecki?",
        sup_exp(unit("Mińsk Mazowiecki"), "max"),
    )
    add(
        c,
        "en",
        "Which gmina has the most German partners?",
        top_unit_exp(R.group_by_unit(country("Niemcy", "gmina"))),
    )
    add(
        c,
        "en",
        "which country does przemysl have the most partners in",
        top_country_exp(R.group_by_country(unit("Przemyśl")), "en"),
    )
    add(c, "en", "Zabrze's oldest partnership, please", sup_exp(unit("Zabrze"), "min"))
    add(
        c,
        "en",
        "Which powiat has the most partnerships with Belarus?",
        top_unit_exp(R.group_by_unit(country("Białoruś", "powiat"))),
    )


def comparison_cases() -> None:
    c = "comparison"
    add(
        c,
        "pl",
        "Konin czy Tczew – kto ma więcej miast partnerskich?",
        compare_exp(units_compared(["Konin", "Tczew"])),
    )
    add(
        c,
        "pl",
        "czy radom ma wiecej partnerow niz kielce",
        compare_exp(units_compared(["Radom", "Kielce"])),
    )
    add(
        c,
        "pl",
        "Więcej jest partnerstw z Węgrami czy ze Słowacją?",
        compare_exp({k: len(country(k)) for k in ("Węgry", "Słowacja")}, countries=True),
    )
    add(
        c,
        "pl",
        "który powiat ma więcej partnerów: siedlecki czy olecki?",
        compare_exp(units_compared(["Powiat siedlecki", "Powiat olecki"])),
    )
    add(
        c,
        "pl",
        "Przemyśl czy Sanok: kto ma więcej partnerów na Ukrainie?",
        compare_exp(units_compared(["Przemyśl", "Sanok"], lambda rs: country("Ukraina", rows=rs))),
    )
    add(
        c,
        "pl",
        "Czy gminy mają więcej partnerów w Szwecji czy w Danii?",
        compare_exp({k: len(country(k, "gmina")) for k in ("Szwecja", "Dania")}, countries=True),
    )
    add(
        c,
        "pl",
        ["Porównaj Olsztyn i Białystok pod względem liczby partnerów", "a tylko w Rosji?"],
        compare_exp(units_compared(["Olsztyn", "Białystok"], lambda rs: country("Rosja", rows=rs))),
    )
    add(
        c,
        "en",
        "Which has more twin towns, Zabrze or Gliwice?",
        compare_exp(units_compared(["Zabrze", "Gliwice"])),
    )
    add(
        c,
        "en",
        "olsztyn or elk, who has more partner cities",
        compare_exp(units_compared(["Olsztyn", "Ełk"])),
    )
    add(
        c,
        "en",
        "Are there more partnerships with Italy or with France?",
        compare_exp({k: len(country(k)) for k in ("Włochy", "Francja")}, "en", countries=True),
    )
    add(
        c,
        "en",
        "Do powiats have more partners in Ukraine or in Germany?",
        compare_exp(
            {k: len(country(k, "powiat")) for k in ("Ukraina", "Niemcy")}, "en", countries=True
        ),
    )
    add(
        c,
        "en",
        "legnica vs walbrzych - who has more german partners?",
        compare_exp(
            units_compared(["Legnica", "Wałbrzych"], lambda rs: country("Niemcy", rows=rs))
        ),
    )
    add(
        c,
        "en",
        "Compare Puławy, Chełm and Mielec by number of partnerships",
        compare_exp(units_compared(["Puławy", "Chełm", "Mielec"])),
    )


def distinct_count_cases() -> None:
    c = "distinct_count"
    add(c, "pl", "Ile gmin współpracuje z Węgrami?", distinct_units(country("Węgry", "gmina")))
    add(c, "pl", "z ilu krajow sa partnerzy czestochowy", distinct_countries(unit("Częstochowa")))
    add(c, "pl", "Ile różnych miast partnerskich ma Kietrz?", distinct_partners(unit("Kietrz")))
    add(
        c,
        "pl",
        "Ile powiatów ma partnerów na Słowacji?",
        distinct_units(country("Słowacja", "powiat")),
    )
    add(c, "pl", "W ilu krajach ma partnerów Przemyśl?", distinct_countries(unit("Przemyśl")))
    add(
        c,
        "pl",
        "ile polskich samorządów ma partnera w Drohobyczu?",
        distinct_units(partner("Drohobycz"), allow_equal=True),
    )
    add(
        c,
        "pl",
        ["Partnerstwa powiatów z Litwą", "ile to jest różnych powiatów?"],
        distinct_units(country("Litwa", "powiat")),
    )
    add(
        c,
        "en",
        "How many gminas have partners in Belarus?",
        distinct_units(country("Białoruś", "gmina")),
    )
    add(c, "en", "how many countries are lomza's partners in", distinct_countries(unit("Łomża")))
    add(
        c,
        "en",
        "How many different Polish towns are twinned with Kaliningrad?",
        # "towns" may mean the cities-and-gminas table only (10) or every unit, the one
        # powiat included (11): both readings are accepted
        {
            "any_of": [
                distinct_units(partner("Kaliningrad", "gmina"), allow_equal=True),
                distinct_units(partner("Kaliningrad"), allow_equal=True),
            ]
        },
    )
    add(
        c,
        "en",
        "How many powiats cooperate with the Czech Republic?",
        distinct_units(country("Czechy", "powiat")),
    )
    add(
        c,
        "en",
        "How many distinct partner towns does Muszyna have?",
        distinct_partners(unit("Muszyna")),
    )
    add(
        c,
        "en",
        ["Which gminas have partners in Sweden?", "how many gminas is that?"],
        distinct_units(country("Szwecja", "gmina")),
    )


def yes_no_cases() -> None:
    c = "yes_no"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "Czy Radom współpracuje z Magdeburgiem?",
        yes_exp(partner("Magdeburg", rows=unit("Radom")), pl),
    )
    add(
        c,
        pl,
        "czy olsztyn ma partnera w hiszpanii",
        no_answer_exp(country("Hiszpania", rows=unit("Olsztyn")), pl),
    )
    add(
        c,
        pl,
        "Czy Przemyśl ma umowę partnerską ze Lwowem?",
        yes_exp(partner("Lwów", rows=unit("Przemyśl")), pl),
    )
    add(
        c,
        pl,
        "Czy Konin ma miasto partnerskie we Włoszech?",
        no_answer_exp(country("Włochy", rows=unit("Konin")), pl),
    )
    add(
        c,
        pl,
        "czy sanok ma partnerow w czechach?",
        no_answer_exp(country("Czechy", rows=unit("Sanok")), pl),
    )
    add(
        c,
        pl,
        "Czy Zabrze jest miastem partnerskim Dortmundu?",
        no_answer_exp(partner("Dortmund", rows=unit("Zabrze")), pl),
    )
    add(
        c,
        pl,
        ["Czy Chełm ma partnera na Ukrainie?", "a w Rosji?"],
        no_answer_exp(country("Rosja", rows=unit("Chełm")), pl),
    )
    add(
        c,
        en,
        "Is Olsztyn twinned with Rovaniemi?",
        yes_exp(partner("Rovaniemi", rows=unit("Olsztyn")), en),
    )
    add(
        c,
        en,
        "Does Puławy have a partner in Italy?",
        no_answer_exp(country("Włochy", rows=unit("Puławy")), en),
    )
    add(
        c,
        en,
        "is legnica twinned with dresden",
        no_answer_exp(partner("Dresden", rows=unit("Legnica")), en),
    )
    add(
        c,
        en,
        "Hi! Does Częstochowa have a sister city in Spain?",
        no_answer_exp(country("Hiszpania", rows=unit("Częstochowa")), en),
    )
    add(
        c,
        en,
        "Is Słupsk twinned with Flensburg?",
        yes_exp(partner("Flensburg", rows=unit("Słupsk")), en),
    )
    add(
        c,
        en,
        "Does Gniezno have any partner town in Germany?",
        no_answer_exp(country("Niemcy", rows=unit("Gniezno")), en),
    )
    add(
        c,
        en,
        "is mielec a partner of kaliningrad?",
        no_answer_exp(partner("Kaliningrad", rows=unit("Mielec")), en),
    )


REGIONS = [
    # (lang, question, region word as typed, stem, country, unit type)
    (
        "pl",
        "Gminy ze Świętokrzyskiego współpracujące z Niemcami",
        "Świętokrzyskiego",
        "Świętokrzysk",
        "Niemcy",
        "gmina",
    ),
    (
        "pl",
        "które powiaty w lubuskiem mają partnerów w niemczech",
        "lubuskiem",
        "lubusk",
        "Niemcy",
        "powiat",
    ),
    (
        "pl",
        "Miasta z województwa zachodniopomorskiego i ich partnerzy w Danii",
        "zachodniopomorskiego",
        "zachodniopomorsk",
        "Dania",
        None,
    ),
    (
        "pl",
        "gminy z kujawsko-pomorskiego z partnerami we francji",
        "kujawsko-pomorskiego",
        "kujawsk",
        "Francja",
        "gmina",
    ),
    (
        "pl",
        "Lubelszczyzna: partnerzy gmin na Ukrainie",
        "Lubelszczyzna",
        "Lubelszczyzn",
        "Ukraina",
        "gmina",
    ),
    (
        "pl",
        "Powiaty z Dolnego Śląska współpracujące z Czechami",
        "Dolnego Śląska",
        "Śląsk",
        "Czechy",
        "powiat",
    ),
    (
        "en",
        "Podkarpackie towns with Ukrainian partners",
        "Podkarpackie",
        "Podkarpack",
        "Ukraina",
        None,
    ),
    (
        "en",
        "Which gminas in Kuyavian-Pomeranian voivodeship have German partners?",
        "Kuyavian-Pomeranian",
        "Kuyavian",
        "Niemcy",
        "gmina",
    ),
    (
        "en",
        "counties in West Pomerania with German partners",
        "West Pomerania",
        "West Pomerania",
        "Niemcy",
        "powiat",
    ),
    (
        "en",
        "Lubusz Voivodeship gminas twinned with German towns",
        "Lubusz",
        "Lubusz",
        "Niemcy",
        "gmina",
    ),
    (
        "en",
        "Which powiats in Podlaskie cooperate with Belarus?",
        "Podlaskie",
        "Podlask",
        "Białoruś",
        "powiat",
    ),
    (
        "en",
        "subcarpathian gminas with slovak partners",
        "subcarpathian",
        "subcarpath",
        "Słowacja",
        "gmina",
    ),
]


def region_cases() -> None:
    for lang, question, word, stem, name, unit_type in REGIONS:
        add("region", lang, question, region_exp(word, stem, country(name, unit_type)))
    add(
        "region",
        "en",
        ["Which gminas have partners in Lithuania?", "only those in Podlaskie please"],
        region_exp("Podlaskie", "Podlask", country("Litwa", "gmina")),
    )


def other_language_cases() -> None:
    c = "other_language"
    en = "en"
    for question, name in [
        ("Welche Partnerstädte hat Tschenstochau?", "Częstochowa"),
        ("Mit welchen Städten arbeitet Przemyśl zusammen?", "Przemyśl"),
        ("Partnerstädte von Radom", "Radom"),
        ("Які міста-партнери має Перемишль?", "Przemyśl"),
        ("Міста-партнери Холма", "Chełm"),
        ("З якими містами співпрацює Сянік?", "Sanok"),
        ("Jaká partnerská města má Ratiboř?", "Racibórz"),
        ("S kterými městy spolupracuje Nysa?", "Nysa"),
        ("Kokius miestus partnerius turi Olecko?", "Olecko"),
        ("Su kuriais miestais bendradarbiauja Lomža?", "Łomża"),
        ("Quelles sont les villes jumelées avec Kielce ?", "Kielce"),
        ("villes jumelles de Konin", "Konin"),
    ]:
        add(c, en, question, rows_exp(unit(name)))
    add(
        c,
        en,
        ["Welche Partnerstädte hat Olsztyn?", "und Słupsk?"],
        rows_exp(unit("Słupsk")),
    )


def typed_names_cases() -> None:
    c = "typed_names"
    for lang, q, name in [
        ("pl", "partnerzy bialegostoku", "Białystok"),
        ("pl", "miasta partnerskie czestochowy", "Częstochowa"),
        ("pl", "z kim wspolpracuje olsztyyn", "Olsztyn"),
        ("pl", "partnerzy swinoujscia", "Świnoujście"),
        ("pl", "miasta partnerkie przemysla", "Przemyśl"),
        ("pl", "mnsk mazowiecki partnerzy", "Mińsk Mazowiecki"),
        ("pl", "piotrkow trybunalki", "Piotrków Trybunalski"),
        ("en", "partners of Gdnask", "Gdańsk"),
        ("en", "partners of swidnik", "Świdnik"),
        ("en", "zabrez twin towns", "Zabrze"),
        ("en", "niepolomice sister cities", "Niepołomice"),
        ("en", "sosnowec partners", "Sosnowiec"),
        ("en", "legnca partner towns", "Legnica"),
        ("en", "oswiecim twin towns?", "Oświęcim"),
    ]:
        add(c, lang, q, rows_exp(unit(name)))


def year_filter_cases() -> None:
    c = "year_filters"
    add(c, "pl", "Partnerzy Radomia od 2000 roku", rows_exp(since(unit("Radom"), 2000)))
    add(c, "pl", "partnerstwa zabrza przed 1995", rows_exp(before(unit("Zabrze"), 1995)))
    add(
        c,
        "pl",
        "Z kim Olsztyn nawiązał współpracę w latach 90.?",
        rows_exp(between(unit("Olsztyn"), 1990, 1999)),
    )
    add(
        c,
        "pl",
        "Partnerstwa Konina zawarte między 1995 a 2000",
        rows_exp(between(unit("Konin"), 1995, 2000)),
    )
    add(c, "pl", ["Partnerzy Przemyśla", "a w 2004?"], rows_exp(year(unit("Przemyśl"), 2004)))
    add(
        c,
        "pl",
        "Które gminy nawiązały współpracę z Białorusią w 2004 roku?",
        rows_exp(year(country("Białoruś", "gmina"), 2004)),
    )
    add(
        c,
        "en",
        "Mińsk Mazowiecki partnerships since 2005",
        rows_exp(since(unit("Mińsk Mazowiecki"), 2005)),
    )
    add(c, "en", "tczew partners before 2000", rows_exp(before(unit("Tczew"), 2000)))
    add(
        c,
        "en",
        "Which partnerships did Puławy start in the 2000s?",
        rows_exp(between(unit("Puławy"), 2000, 2009)),
    )
    add(
        c,
        "en",
        "Powiat siedlecki partnerships from 2006 on",
        rows_exp(since(unit("Powiat siedlecki"), 2006)),
    )
    add(
        c,
        "en",
        ["Who are Sanok's partners?", "only the ones since 2000"],
        rows_exp(since(unit("Sanok"), 2000)),
    )
    add(
        c,
        "en",
        "kobylnica partners between 2005 and 2008",
        rows_exp(between(unit("Kobylnica"), 2005, 2008)),
    )
    add(
        c,
        "en",
        ["Tczew partnerships since 2000", "how many is that?"],
        count_exp(since(unit("Tczew"), 2000)),
    )


def form_only_cases() -> None:
    c = "form_only"
    add(
        c,
        "pl",
        "Białystok – tylko współpraca nieformalna",
        rows_exp(narrowing(only_other_form(unit("Białystok")), unit("Białystok"))),
    )
    add(
        c,
        "pl",
        "z którymi miastami Łomża współpracuje tylko w innej formie niż umowa?",
        rows_exp(narrowing(only_other_form(unit("Łomża")), unit("Łomża"))),
    )
    add(
        c,
        "pl",
        "Partnerstwa Sosnowca bez formalnej umowy",
        rows_exp(narrowing(no_agreement(unit("Sosnowiec")), unit("Sosnowiec"))),
    )
    add(
        c,
        "pl",
        "tylko formalne umowy lęborka",
        rows_exp(narrowing(formal(unit("Lębork")), unit("Lębork"))),
    )
    add(
        c,
        "pl",
        ["Partnerzy Częstochowy", "tylko te z formalną umową"],
        rows_exp(narrowing(formal(unit("Częstochowa")), unit("Częstochowa"))),
    )
    add(
        c,
        "pl",
        "Które gminy współpracują z Rosją tylko nieformalnie?",
        rows_exp(narrowing(only_other_form(country("Rosja", "gmina")), country("Rosja", "gmina"))),
    )
    add(
        c,
        "en",
        "Legnica: informal cooperation only",
        rows_exp(narrowing(only_other_form(unit("Legnica")), unit("Legnica"))),
    )
    add(
        c,
        "en",
        "Which of Świdnik's partnerships have no formal agreement?",
        rows_exp(narrowing(no_agreement(unit("Świdnik")), unit("Świdnik"))),
    )
    add(
        c,
        "en",
        "formal agreements of oswiecim",
        rows_exp(narrowing(formal(unit("Oświęcim")), unit("Oświęcim"))),
    )
    add(
        c,
        "en",
        "Prudnik partnerships without a formal agreement",
        rows_exp(narrowing(no_agreement(unit("Prudnik")), unit("Prudnik"))),
    )
    add(
        c,
        "en",
        ["Partners of Sanok", "only the formal ones"],
        rows_exp(narrowing(formal(unit("Sanok")), unit("Sanok"))),
    )
    add(
        c,
        "en",
        "informal cooperation of polish powiats with germany",
        rows_exp(
            narrowing(only_other_form(country("Niemcy", "powiat")), country("Niemcy", "powiat"))
        ),
    )
    add(
        c,
        "en",
        "kielce informal partners",
        rows_exp(narrowing(only_other_form(unit("Kielce")), unit("Kielce"))),
    )


UNSUPPORTED = [
    # (lang, turns, stem of the unsupported constraint, unit named)
    ("pl", "Partnerzy Radomia liczący ponad 100 tys. mieszkańców", "mieszkańc", "Radom"),
    ("pl", "miasta partnerskie olsztyna lezace nad morzem", "morz", "Olsztyn"),
    (
        "pl",
        "Z którymi miastami Konin współpracuje w dziedzinie ochrony środowiska?",
        "środowisk",
        "Konin",
    ),
    ("pl", "Partnerstwa Tczewa podpisane przez burmistrza Jana Kowalskiego", "Kowalski", "Tczew"),
    ("pl", "Które partnerstwa Kielc mają budżet powyżej miliona złotych?", "budżet", "Kielce"),
    ("pl", "partnerzy zabrza ktore sa stolicami", "stolic", "Zabrze"),
    ("pl", ["Partnerzy Sanoka", "tylko te powyżej 20 tysięcy mieszkańców"], "mieszkańc", "Sanok"),
    ("en", "Partners of Puławy with a population above 50,000", "population", "Puławy"),
    ("en", "Which of Gniezno's partner towns have a university?", "universit", "Gniezno"),
    ("en", "Przemyśl partnerships signed by mayor Robert Choma", "Choma", "Przemyśl"),
    ("en", "sanok partners that are ski resorts", "ski resort", "Sanok"),
    ("en", "twin towns of Olecko with a budget over 10 million euros", "budget", "Olecko"),
    ("en", "Which partnerships of Mielec are funded by the EU?", "fund", "Mielec"),
    ("en", "Chełm partner towns on the coast", "coast", "Chełm"),
]


def unsupported_cases() -> None:
    for lang, turns, stem, name in UNSUPPORTED:
        last = turns if isinstance(turns, str) else turns[-1]
        add("unsupported_constraint", lang, turns, unsupported_exp(stem, unit(name), last))


# ======================================================================= output

BUILDERS = (
    superlative_cases,
    comparison_cases,
    distinct_count_cases,
    yes_no_cases,
    region_cases,
    other_language_cases,
    typed_names_cases,
    year_filter_cases,
    form_only_cases,
    unsupported_cases,
)


def build() -> list[dict]:
    CASES.clear()
    for make in BUILDERS:
        make()
    return numbered(CASES, "r5", OUT)


def main() -> None:
    cases = build()
    write_round(cases, OUT)


if __name__ == "__main__":
    main()
