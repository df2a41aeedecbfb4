"""Build `tests/gold/round4.jsonl`: a fourth round of held-out-style gold cases.

Written from the corpus and the kinds of questions alone (the package is not read),
in Polish and English as visitors and staff type them. Every expected row set,
count and name is computed by `reference.py` (through the helpers of
`build_gold.py` and `build_followups.py`); nothing is typed by hand but the
questions and the place words they contain.

    /work/main/.venv/bin/python tests/gold/build_round4.py

Meaning rules of this round (on top of README "What the table questions mean"):

- lang: the expected answer language: `pl` for Polish questions, `en` for English
  and for every other language (German, Ukrainian, Russian, Czech, Slovak,
  Lithuanian, French).
- superlative: a row's year is the smaller of its agreement-cell year and its
  other-form-cell year; rows with no year are ignored. "The oldest partnership of
  X" = X's rows with the smallest year, "the most recent / latest / newest" = the
  largest; ties give all tied rows (`rows`, plus the year in the answer). The
  case is refused when a looser reading of the cells (every year written in them)
  picks other rows. "Which powiat / gmina / country has the most partnerships
  (with Y)" = `top: [winner]` and `lead_contains: [winner, count]`; refused when
  first place is tied. (A country's name in an English lead may be the English
  one: both are accepted.)
- comparison: `groups` = every compared unit (or country, Polish name as written)
  with its row count, exact; `lead_contains` = the larger one. Ties are refused.
- distinct_count: "how many powiats / gminas / local governments have partners in
  C" = distinct Polish units; "from how many countries" = distinct countries;
  "how many different partners" = distinct partner cells. `total` and
  `answer_contains` hold that number.
- yes_no: `answer_starts_with` ["Tak"] / ["Yes"] or ["Nie"] / ["No"]; a Yes
  carries `rows_include` of every evidence row.
- form_only: "only in another form", "informal cooperation", "współpraca
  nieformalna" = a non-empty other-form cell that is not `b.d.` and no agreement
  year. "Without a formal agreement" = no agreement year (b.d. rows included).
- form_topic: the other-form cell's free text names what a cooperation is about
  (fire brigades, schools, pilgrimage towns, youth exchange, sport, culture...);
  `rows` exact for a narrow topic, `rows_include` for a broad one.
- unit_type_mix: "towns or counties" / "gminy i powiaty" = both tables; "gminas
  (not powiats)" = the cities-and-gminas table only; "only powiats" = the powiat
  table only.
- region: the survey records no voivodeship. A region question passes when the
  region word is reported in `not_applied`, or when the rows (placed through
  GeoNames) are a subset of the whole-country answer with nothing reported.
- other_language: the answer is in English; `rows` exact of the unit (or of the
  partner place) named, in an exonym or a Cyrillic spelling.
- typed_names: lower case, no diacritics, one typo; `rows` exact.
- unknown_place: a place with no row must not be fuzzed into a real one: the name
  is reported in `not_applied`, or the route is `clarify` or `out_of_scope`; and
  the nearest real lookalike is not named in the answer.
- intersection: "units with partners in both A and B" = the rows, in A or B, of
  the units with at least one row in each; `rows` exact.
- followup_plan: only the last turn is scored; the filters of the earlier turns
  stay unless the last turn replaces them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_followups as F  # noqa: E402
import build_gold as G  # noqa: E402
import reference as R  # noqa: E402
from expect import (  # noqa: E402
    count_exp,
    distinct_exp,
    distinct_partners,
    no_answer_exp,
    numbered,
    row_year,
    write_round,
    yes_exp,
)

OUT = HERE / "round4.jsonl"
ROWS, GM, PW = G.ROWS, G.GM, G.PW
unit, country, partner = G.unit, G.country, G.partner
since, formal, rows_exp = G.since, G.formal, G.rows_exp

# English names of the countries used in leads (an English answer may use either)
ENGLISH = {
    "Niemcy": "Germany",
    "Francja": "France",
    "Ukraina": "Ukraine",
    "Czechy": "Czech",
    "Litwa": "Lithuania",
    "Białoruś": "Belarus",
    "Włochy": "Italy",
    "Słowacja": "Slovakia",
    "Węgry": "Hungary",
    "USA": "USA",
    "Rosja": "Russia",
    "Szwecja": "Sweden",
}

CASES: list[dict] = []


def add(category: str, lang: str, question: str | list[str], expect: dict) -> None:
    turns = [question] if isinstance(question, str) else question
    CASES.append({"category": category, "lang": lang, "turns": turns, "expect": expect})


# ------------------------------------------------------------------ selections


def extreme(rows: list[R.Row], which: str) -> tuple[int, list[R.Row]]:
    """The rows with the smallest (`min`) or largest (`max`) year; refused when fragile."""
    pick = min if which == "min" else max
    out = []
    for loose in (False, True):
        dated = [r for r in rows if row_year(r, loose=loose) is not None]
        best = pick(row_year(r, loose=loose) for r in dated)
        out.append((best, R.keys(r for r in dated if row_year(r, loose=loose) == best)))
    if out[0] != out[1]:
        raise ValueError(f"fragile superlative {which}: {out}")
    best = out[0][0]
    return best, [r for r in rows if row_year(r) == best]


def winner(groups: dict[str, int]) -> tuple[str, int]:
    ranked = sorted(groups.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        raise ValueError(f"tie for first place: {ranked[:3]}")
    return ranked[0]


def only_other_form(rows: list[R.Row]) -> list[R.Row]:
    """Only in another form: other-form cell non-empty, not b.d., and no agreement year."""
    out = [
        r
        for r in rows
        if R.clean(r.other_form) and r.other_form.strip() != "b.d." and r.agreement_year is None
    ]
    if any(R.YEAR_RE.search(r.agreement) for r in out):
        raise ValueError("fragile: an agreement cell holds a year that is not read as one")
    return out


def no_agreement(rows: list[R.Row]) -> list[R.Row]:
    """Without a formal agreement: no agreement year (b.d. rows included)."""
    out = [r for r in rows if not r.formal]
    if R.keys(out) != R.keys(r for r in rows if r.agreement_year is None):
        raise ValueError("fragile formal-agreement reading")
    return out


def topic(pattern: str, pool: list[R.Row] | None = None) -> list[R.Row]:
    """Rows whose other-form cell (HTML stripped) matches `pattern` (case-insensitive)."""
    out = [
        r
        for r in (ROWS if pool is None else pool)
        if re.search(pattern, R.clean(r.other_form), re.I)
    ]
    if not out:
        raise ValueError(f"no rows for topic {pattern!r}")
    return out


def both(a: str, b: str, pool: list[R.Row]) -> list[R.Row]:
    """Rows in country a or b of the units with at least one row in each."""
    units = {r.unit for r in R.by_country(pool, a)} & {r.unit for r in R.by_country(pool, b)}
    out = [r for r in pool if r.unit in units and r.country in (a, b)]
    if not out:
        raise ValueError(f"no unit with partners in both {a} and {b}")
    return out


# ---------------------------------------------------------------- expectations


def sup_exp(rows: list[R.Row], which: str) -> dict:
    best, picked = extreme(rows, which)
    return {"route": "table", "rows": R.keys(picked), "answer_contains": [str(best)]}


def top_unit_exp(groups: dict[str, int]) -> dict:
    name, n = winner(groups)
    return {"route": "table", "top": [name], "lead_contains": [name, str(n)]}


def top_country_exp(groups: dict[str, int], lang: str) -> dict:
    name, n = winner(groups)
    exp = {"route": "table", "top": [name], "lead_contains": [name, str(n)]}
    if lang == "pl":
        return exp
    return {"any_of": [exp, {**exp, "lead_contains": [ENGLISH[name], str(n)]}]}


def compare_exp(groups: dict[str, int], lang: str = "pl", *, countries: bool = False) -> dict:
    """Every compared name with its count; the larger one leads. Ties refused."""
    name, _ = winner(groups)
    if min(groups.values()) == 0 or len(groups) < 2:
        raise ValueError(f"a compared name has no rows (an aggregate may leave it out): {groups}")
    exp = {"route": "table", "groups": dict(sorted(groups.items())), "lead_contains": [name]}
    if countries and lang != "pl":
        return {"any_of": [exp, {**exp, "lead_contains": [ENGLISH[name]]}]}
    return exp


def units_compared(names: list[str], narrow=None) -> dict[str, int]:
    out = {}
    for name in names:
        rows = unit(name)
        if narrow is not None:
            rows = narrow(rows)
        out[rows[0].unit if rows else name] = len(rows)
    return out


def distinct_units(rows: list[R.Row]) -> dict:
    return distinct_exp({r.unit for r in rows})


def distinct_countries(rows: list[R.Row]) -> dict:
    values = {r.country for r in rows}
    if values & {"Polska", "Europa"}:
        raise ValueError("'countries' unclear: Polska or Europa among them")
    return distinct_exp(values)


def fold_all_units() -> set[str]:
    return {R.fold(r.unit) for r in ROWS}


UNIT_NAMES = fold_all_units()
ALL_TEXT = " | ".join(
    R.fold(x) for r in ROWS for x in (r.unit_written, r.country, r.partner, r.other_form)
)


def region_exp(word: str, stem: str, whole: list[R.Row]) -> dict:
    """The region word must be reported, or the rows lie within the whole-country answer."""
    if R.fold(stem) not in R.fold(word):
        raise ValueError(f"{stem!r} is not a stem of {word!r}")
    hits = [u for u in UNIT_NAMES if R.fold(word) in u]
    if hits:
        raise ValueError(f"region word {word!r} is part of unit names {hits[:3]}")
    if not whole:
        raise ValueError("empty whole-country answer")
    return {
        "any_of": [
            {"not_applied": [stem]},
            # applied for real: a strict subset of the whole-country rows, never all of them
            {"rows_within": R.keys(whole), "narrower": True, "not_applied": []},
        ]
    }


def unknown_exp(name: str, lookalike: str | None = None) -> dict:
    """A place no row mentions: reported, clarified or out of scope; never fuzzed."""
    if R.fold(name) in ALL_TEXT:
        raise ValueError(f"{name!r} occurs in the survey")
    exp: dict = {
        "any_of": [{"not_applied": [name]}, {"route": "clarify"}, {"route": "out_of_scope"}]
    }
    if lookalike is not None:
        if not R.rows_of_unit(ROWS, lookalike) and not R.by_partner(ROWS, lookalike):
            raise ValueError(f"lookalike {lookalike!r} has no rows")
        if R.fold(lookalike) in R.fold(name):
            raise ValueError(f"lookalike {lookalike!r} is part of {name!r}")
        exp["answer_excludes"] = [lookalike]
    return exp


def other_lang_exp(rows: list[R.Row]) -> dict:
    return {**rows_exp(rows), "answer_contains": []}


# ======================================================================= cases


def superlative_cases() -> None:
    c = "superlative"
    add(c, "pl", "Jakie jest najstarsze partnerstwo Krakowa?", sup_exp(unit("Kraków"), "min"))
    add(c, "pl", "najnowsze partnerstwo lublina", sup_exp(unit("Lublin"), "max"))
    add(c, "pl", "Które partnerstwo Poznania jest najstarsze?", sup_exp(unit("Poznań"), "min"))
    add(c, "pl", "Najmłodsze partnerstwo Gdańska", sup_exp(unit("Gdańsk"), "max"))
    add(
        c,
        "pl",
        "Który powiat ma najwięcej partnerstw z Czechami?",
        top_unit_exp(R.group_by_unit(country("Czechy", "powiat"))),
    )
    add(
        c,
        "pl",
        "Która gmina ma najwięcej partnerów we Włoszech?",
        top_unit_exp(R.group_by_unit(country("Włochy", "gmina"))),
    )
    add(
        c,
        "pl",
        "Z którym krajem Szczecin ma najwięcej partnerstw?",
        top_country_exp(R.group_by_country(unit("Szczecin")), "pl"),
    )
    add(
        c,
        "pl",
        "z jakim krajem lublin ma najwiecej miast partnerskich",
        top_country_exp(R.group_by_country(unit("Lublin")), "pl"),
    )
    add(c, "en", "What is Wrocław's oldest partnership?", sup_exp(unit("Wrocław"), "min"))
    add(c, "en", "most recent twinning of Rzeszow", sup_exp(unit("Rzeszów"), "max"))
    add(c, "en", "Which is the newest partnership of Katowice?", sup_exp(unit("Katowice"), "max"))
    add(c, "en", "Oldest partnership of Bydgoszcz?", sup_exp(unit("Bydgoszcz"), "min"))
    add(
        c,
        "en",
        "Which powiat has the most partnerships with Russia?",
        top_unit_exp(R.group_by_unit(country("Rosja", "powiat"))),
    )
    add(
        c,
        "en",
        "Which gmina has the largest number of Czech partners?",
        top_unit_exp(R.group_by_unit(country("Czechy", "gmina"))),
    )
    add(
        c,
        "en",
        "Which country do Polish powiats have the most partnerships with?",
        top_country_exp(R.group_by_country(PW), "en"),
    )
    add(
        c,
        "en",
        "Which country has the most partnerships with Koszalin?",
        top_country_exp(R.group_by_country(unit("Koszalin")), "en"),
    )
    add(c, "en", "Gdynia's latest partnership", sup_exp(unit("Gdynia"), "max"))


def comparison_cases() -> None:
    c = "comparison"
    add(
        c,
        "pl",
        "Kraków czy Wrocław: kto ma więcej partnerów?",
        compare_exp(units_compared(["Kraków", "Wrocław"])),
    )
    add(
        c,
        "pl",
        "porównaj Lublin i Rzeszów pod względem liczby partnerstw",
        compare_exp(units_compared(["Lublin", "Rzeszów"])),
    )
    add(
        c,
        "pl",
        "Kto ma więcej partnerów na Ukrainie: Lublin czy Rzeszów?",
        compare_exp(units_compared(["Lublin", "Rzeszów"], lambda rs: country("Ukraina", rows=rs))),
    )
    add(
        c,
        "pl",
        "Więcej jest partnerstw z Niemcami czy z Francją?",
        compare_exp({k: len(country(k)) for k in ("Niemcy", "Francja")}, countries=True),
    )
    add(
        c,
        "pl",
        "Porównaj powiat żywiecki i powiat kłodzki – który ma więcej partnerów?",
        compare_exp(units_compared(["Powiat żywiecki", "Powiat kłodzki"])),
    )
    add(
        c,
        "pl",
        "czy opole ma wiecej partnerow w niemczech niz katowice",
        compare_exp(units_compared(["Opole", "Katowice"], lambda rs: country("Niemcy", rows=rs))),
    )
    add(
        c,
        "pl",
        "Z kim polskie gminy mają więcej partnerstw: z Litwą czy z Białorusią?",
        compare_exp({k: len(country(k, "gmina")) for k in ("Litwa", "Białoruś")}, countries=True),
    )
    add(
        c,
        "pl",
        "Gdynia czy Sopot – kto ma więcej miast partnerskich?",
        compare_exp(units_compared(["Gdynia", "Sopot"])),
    )
    add(
        c,
        "en",
        "Warsaw or Łódź: which has more twin towns?",
        compare_exp(units_compared(["Warszawa", "Łódź"])),
    )
    add(
        c,
        "en",
        "Which has more sister cities, Gdansk or Gdynia?",
        compare_exp(units_compared(["Gdańsk", "Gdynia"])),
    )
    add(
        c,
        "en",
        "Does Kraków have more partners in Germany than Poznań?",
        compare_exp(units_compared(["Kraków", "Poznań"], lambda rs: country("Niemcy", rows=rs))),
    )
    add(
        c,
        "en",
        "Are there more partnerships with Ukraine or with the Czech Republic?",
        compare_exp({k: len(country(k)) for k in ("Ukraina", "Czechy")}, "en", countries=True),
    )
    add(
        c,
        "en",
        "Compare Nowy Sącz, Tarnów and Krosno by number of partners",
        compare_exp(units_compared(["Nowy Sącz", "Tarnów", "Krosno"])),
    )
    add(
        c,
        "en",
        "Do Polish counties have more partnerships with Slovakia or with Hungary?",
        compare_exp(
            {k: len(country(k, "powiat")) for k in ("Słowacja", "Węgry")}, "en", countries=True
        ),
    )
    add(
        c,
        "en",
        "katowice vs rybnik - who has more partnerships in france",
        compare_exp(units_compared(["Katowice", "Rybnik"], lambda rs: country("Francja", rows=rs))),
    )


def distinct_count_cases() -> None:
    c = "distinct_count"
    add(
        c,
        "pl",
        "Ile powiatów ma partnerów na Ukrainie?",
        distinct_units(country("Ukraina", "powiat")),
    )
    add(c, "pl", "Z ilu krajów pochodzą partnerzy Krakowa?", distinct_countries(unit("Kraków")))
    add(c, "pl", "ile gmin wspolpracuje z litwa", distinct_units(country("Litwa", "gmina")))
    add(c, "pl", "Ile różnych miast partnerskich ma Lublin?", distinct_partners(unit("Lublin")))
    add(c, "pl", "Ile samorządów ma partnerów w USA?", distinct_units(country("USA")))
    add(
        c,
        "pl",
        "W ilu krajach mają partnerów Katowice?",
        distinct_countries(unit("Katowice")),
    )
    add(c, "pl", "Z ilu krajów są partnerzy Rybnika?", distinct_countries(unit("Rybnik")))
    add(
        c, "pl", "Ile gmin ma partnerstwa z Holandią?", distinct_units(country("Holandia", "gmina"))
    )
    add(
        c,
        "en",
        "How many counties have partners in Germany?",
        distinct_units(country("Niemcy", "powiat")),
    )
    add(
        c,
        "en",
        "How many countries do Warsaw's partners come from?",
        distinct_countries(unit("Warszawa")),
    )
    add(
        c,
        "en",
        "How many different Polish gminas are twinned with French towns?",
        distinct_units(country("Francja", "gmina")),
    )
    add(
        c,
        "en",
        "How many different Polish local governments have a partner in Lviv?",
        distinct_units(partner("Lviv")),
    )
    add(
        c,
        "en",
        "how many polish towns and counties cooperate with sweden? count the towns, not the partnerships",
        distinct_units(country("Szwecja")),
    )
    add(
        c,
        "en",
        "In how many countries does Gdańsk have partners?",
        distinct_countries(unit("Gdańsk")),
    )
    add(
        c,
        "en",
        "How many different partners does Powiat żywiecki have?",
        distinct_partners(unit("Powiat żywiecki")),
    )


def yes_no_cases() -> None:
    c = "yes_no"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "Czy Sopot ma partnera w Szwecji?",
        yes_exp(country("Szwecja", rows=unit("Sopot")), pl),
    )
    add(
        c,
        pl,
        "Czy Toruń współpracuje z Gottingen?",
        yes_exp(partner("Göttingen", rows=unit("Toruń")), pl),
    )
    add(
        c,
        pl,
        "czy rzeszow ma miasto partnerskie w usa",
        yes_exp(country("USA", rows=unit("Rzeszów")), pl),
    )
    add(
        c,
        pl,
        "Czy Lublin ma partnera w Kanadzie?",
        yes_exp(country("Kanada", rows=unit("Lublin")), pl),
    )
    add(
        c,
        pl,
        "Czy Sopot ma partnera we Francji?",
        no_answer_exp(country("Francja", rows=unit("Sopot")), pl),
    )
    add(
        c,
        pl,
        "Czy Opole współpracuje z Wiedniem?",
        no_answer_exp(partner("Wiedeń", rows=unit("Opole")), pl),
    )
    add(
        c,
        pl,
        "Czy Poznań ma miasto partnerskie w Rosji?",
        no_answer_exp(country("Rosja", rows=unit("Poznań")), pl),
    )
    add(
        c,
        pl,
        "czy zakopane ma partnerow w czechach",
        no_answer_exp(country("Czechy", rows=unit("Zakopane")), pl),
    )
    add(
        c,
        en,
        "Is Kraków twinned with Edinburgh?",
        yes_exp(partner("Edinburgh", rows=unit("Kraków")), en),
    )
    add(
        c, en, "Is Wroclaw a partner of Breda?", yes_exp(partner("Breda", rows=unit("Wrocław")), en)
    )
    add(
        c,
        en,
        "Does Opole have a twin town in France?",
        yes_exp(country("Francja", rows=unit("Opole")), en),
    )
    add(
        c,
        en,
        "is zakopane twinned with poprad",
        yes_exp(partner("Poprad", rows=unit("Zakopane")), en),
    )
    add(
        c,
        en,
        "Is Kraków twinned with Kyoto?",
        no_answer_exp(partner("Kyoto", rows=unit("Kraków")), en),
    )
    add(
        c,
        en,
        "Does Wrocław have a partner city in Italy?",
        no_answer_exp(country("Włochy", rows=unit("Wrocław")), en),
    )
    add(
        c,
        en,
        "Is Gdynia twinned with Hamburg?",
        no_answer_exp(partner("Hamburg", rows=unit("Gdynia")), en),
    )
    add(
        c,
        en,
        "Does Katowice have a sister city in Spain?",
        no_answer_exp(country("Hiszpania", rows=unit("Katowice")), en),
    )


def form_only_cases() -> None:
    c = "form_only"
    add(
        c,
        "pl",
        "Z którymi miastami Gdańsk współpracuje tylko w innej formie?",
        rows_exp(only_other_form(unit("Gdańsk"))),
    )
    add(c, "pl", "Partnerstwa Lublina bez formalnej umowy", rows_exp(no_agreement(unit("Lublin"))))
    add(
        c,
        "pl",
        "współpraca nieformalna z Białorusią – które samorządy?",
        rows_exp(only_other_form(country("Białoruś"))),
    )
    add(
        c,
        "pl",
        "Gminy współpracujące z Łotwą tylko w innej formie niż umowa",
        rows_exp(only_other_form(country("Łotwa", "gmina"))),
    )
    add(
        c,
        "pl",
        "partnerzy zakopanego z ktorymi nie ma formalnej umowy",
        rows_exp(no_agreement(unit("Zakopane"))),
    )
    add(
        c,
        "pl",
        "Partnerstwa powiatów z Białorusią bez umowy formalnej",
        rows_exp(no_agreement(country("Białoruś", "powiat"))),
    )
    add(
        c,
        "en",
        "Which of Kraków's partnerships exist only in another form?",
        rows_exp(only_other_form(unit("Kraków"))),
    )
    add(
        c,
        "en",
        "Kraków partnerships without a formal agreement",
        rows_exp(no_agreement(unit("Kraków"))),
    )
    add(
        c,
        "en",
        "informal cooperation of Polish powiats with Ukraine",
        rows_exp(only_other_form(country("Ukraina", "powiat"))),
    )
    add(
        c,
        "en",
        "Which powiats cooperate with Lithuania without a formal agreement?",
        rows_exp(no_agreement(country("Litwa", "powiat"))),
    )
    add(
        c,
        "en",
        "Toruń: which partnerships are not based on a formal agreement?",
        rows_exp(no_agreement(unit("Toruń"))),
    )
    add(
        c,
        "en",
        "Katowice's informal partnerships (no signed agreement, just some other form)",
        rows_exp(only_other_form(unit("Katowice"))),
    )


def form_topic_cases() -> None:
    c = "form_topic"
    fire = topic(r"\bOSP\b|straż")
    pilgrim = topic(r"pielgrzym")
    schools = topic(r"szkół|szkoln|gimnazj")
    youth = topic(r"wymian\w* młodzież")
    sport = topic(r"sport")
    culture = topic(r"kultur")
    add(c, "pl", "Które partnerstwa dotyczą współpracy straży pożarnych?", rows_exp(fire))
    add(c, "en", "Which partnerships involve fire brigades?", rows_exp(fire))
    add(c, "pl", "współpraca ośrodków pielgrzymkowych - kto w niej uczestniczy?", rows_exp(pilgrim))
    add(c, "en", "Which Polish towns cooperate as pilgrimage towns?", rows_exp(pilgrim))
    add(c, "pl", "współpraca szkół", {"route": "table", "rows_include": R.keys(schools)})
    add(
        c,
        "en",
        "Which twinnings are about cooperation between schools?",
        {"route": "table", "rows_include": R.keys(schools)},
    )
    add(
        c,
        "pl",
        "Gdzie prowadzi się wymianę młodzieży z partnerami?",
        {"route": "table", "rows_include": R.keys(youth)},
    )
    add(c, "en", "youth exchange partnerships", {"route": "table", "rows_include": R.keys(youth)})
    add(
        c,
        "en",
        "Which partnerships include sport?",
        {"route": "table", "rows_include": R.keys(sport)},
    )
    add(
        c,
        "pl",
        "partnerstwa dotyczące kultury",
        {"route": "table", "rows_include": R.keys(culture)},
    )
    add(c, "pl", "Kto bierze udział w zawodach drwali?", rows_exp(topic(r"drwal")))
    add(
        c,
        "en",
        "Which Polish town has an agreement about a Little League baseball centre?",
        rows_exp(topic(r"baseball")),
    )
    add(
        c,
        "en",
        "Which partnerships are within the Visegrad Group?",
        rows_exp(topic(r"wyszehradzk")),
    )
    add(
        c,
        "pl",
        "Komu Kraków nadał tytuł Honorowego Miasta Bliźniaczego?",
        rows_exp(topic(r"honorowego miasta bliźniaczego", unit("Kraków"))),
    )


def unit_type_mix_cases() -> None:
    c = "unit_type_mix"

    def mixed(name: str, unit_type: str | None = None) -> list[R.Row]:
        """Rows in a country of one table (or both); both tables must have some."""
        if not country(name, "powiat") or not country(name, "gmina"):
            raise ValueError(f"{name}: one table has no rows, the case would not test the mix")
        return country(name, unit_type)

    add(c, "pl", "Miasta lub powiaty z partnerami w Bułgarii", rows_exp(mixed("Bułgaria")))
    add(
        c, "pl", "gminy (nie powiaty) współpracujące z Rumunią", rows_exp(mixed("Rumunia", "gmina"))
    )
    add(c, "pl", "Same powiaty: partnerstwa z Belgią", rows_exp(mixed("Belgia", "powiat")))
    add(c, "pl", "Które gminy i powiaty współpracują z Chorwacją?", rows_exp(mixed("Chorwacja")))
    add(
        c, "pl", "samorzady gminne i powiatowe z partnerami w slowenii", rows_exp(mixed("Słowenia"))
    )
    add(
        c,
        "pl",
        "Tylko gminy, bez powiatów – partnerzy w Turcji",
        rows_exp(mixed("Turcja", "gmina")),
    )
    add(c, "en", "towns or counties with partners in Moldova", rows_exp(mixed("Mołdawia")))
    add(
        c,
        "en",
        "Only gminas, not powiats: who has partners in Estonia?",
        rows_exp(mixed("Estonia", "gmina")),
    )
    add(c, "en", "Both gminas and powiats partnered with Brazil", rows_exp(mixed("Brazylia")))
    add(
        c,
        "en",
        "Which powiats, and not gminas, have partners in Austria?",
        rows_exp(mixed("Austria", "powiat")),
    )
    add(c, "en", "counties (powiaty) twinned with Latvia", rows_exp(mixed("Łotwa", "powiat")))
    add(
        c,
        "en",
        "Polish municipalities and counties with partners in Armenia",
        rows_exp(mixed("Armenia")),
    )


def region_cases() -> None:
    for lang, question, word, stem, name, unit_type in [
        ("pl", "Gminy z Warmii mające partnerów w Rosji", "Warmii", "Warmi", "Rosja", "gmina"),
        (
            "pl",
            "Które powiaty w Małopolsce współpracują ze Słowacją?",
            "Małopolsce",
            "Małopol",
            "Słowacja",
            "powiat",
        ),
        (
            "pl",
            "Które gminy na Podkarpaciu współpracują z Ukrainą?",
            "Podkarpaciu",
            "Podkarpa",
            "Ukraina",
            "gmina",
        ),
        (
            "pl",
            "gminy z pomorza i ich partnerzy w szwecji",
            "pomorza",
            "pomorz",
            "Szwecja",
            "gmina",
        ),
        (
            "pl",
            "Gminy w Wielkopolsce współpracujące z Francją",
            "Wielkopolsce",
            "Wielkopol",
            "Francja",
            "gmina",
        ),
        (
            "pl",
            "Powiaty na Mazowszu z partnerami na Ukrainie",
            "Mazowszu",
            "Mazowsz",
            "Ukraina",
            "powiat",
        ),
        # "towns": the whole-country rows of both tables bound the answer
        (
            "en",
            "towns in Lower Silesia twinned with Czech towns",
            "Lower Silesia",
            "Silesia",
            "Czechy",
            None,
        ),
        (
            "en",
            "Which counties in the Silesian Voivodeship have German partners?",
            "Silesian",
            "Silesia",
            "Niemcy",
            "powiat",
        ),
        (
            "en",
            "Which gminas in Greater Poland have Dutch partners?",
            "Greater Poland",
            "Greater Poland",
            "Holandia",
            "gmina",
        ),
        ("en", "Masurian towns with partners in Germany", "Masurian", "Masuri", "Niemcy", None),
        (
            "en",
            "Pomeranian towns twinned with Swedish ones",
            "Pomeranian",
            "Pomerani",
            "Szwecja",
            None,
        ),
        (
            "en",
            "Which Lesser Poland gminas cooperate with Slovakia?",
            "Lesser Poland",
            "Lesser Poland",
            "Słowacja",
            "gmina",
        ),
    ]:
        add("region", lang, question, region_exp(word, stem, country(name, unit_type)))


def other_language_cases() -> None:
    c = "other_language"
    en = "en"
    add(c, en, "Welche Partnerstädte hat Krakau?", other_lang_exp(unit("Kraków")))
    add(c, en, "Partnerstädte von Danzig", other_lang_exp(unit("Gdańsk")))
    add(c, en, "Mit welchen Städten ist Breslau verschwistert?", other_lang_exp(unit("Wrocław")))
    add(
        c,
        en,
        "Welche polnischen Städte sind Partnerstädte von Bremen?",
        other_lang_exp(partner("Bremen")),
    )
    add(c, en, "Які міста-партнери у Любліна?", other_lang_exp(unit("Lublin")))
    add(c, en, "Міста-партнери Ряшева", other_lang_exp(unit("Rzeszów")))
    add(c, en, "Какие города-побратимы у Гданьска?", other_lang_exp(unit("Gdańsk")))
    add(c, en, "Города-побратимы Варшавы", other_lang_exp(unit("Warszawa")))
    add(c, en, "Jaká partnerská města má Opole?", other_lang_exp(unit("Opole")))
    add(c, en, "Která polská města spolupracují s Ostravou?", other_lang_exp(partner("Ostrava")))
    add(c, en, "Ktoré poľské mestá spolupracujú s Košicami?", other_lang_exp(partner("Košice")))
    add(c, en, "Partnerské mestá Zakopaného", other_lang_exp(unit("Zakopane")))
    add(
        c, en, "Kokie Lenkijos miestai bendradarbiauja su Kaunu?", other_lang_exp(partner("Kaunas"))
    )
    add(c, en, "Quelles sont les villes jumelées avec Poznań ?", other_lang_exp(unit("Poznań")))
    add(
        c,
        en,
        "Quelles villes polonaises sont jumelées avec Nancy ?",
        other_lang_exp(partner("Nancy")),
    )


def typed_names_cases() -> None:
    c = "typed_names"
    for lang, q, name in [
        ("pl", "miasta partnerkie bielska bialej", "Bielsko-Biała"),
        ("pl", "rzeszow", "Rzeszów"),
        ("pl", "partnerzy wroclawia", "Wrocław"),
        ("pl", "miasta partnerkie szczecina", "Szczecin"),
        ("pl", "z kim wspolpracuje bydgoszcz", "Bydgoszcz"),
        ("pl", "powiat zywiecki partnerzy", "Powiat żywiecki"),
        ("pl", "partnerzy tarnowa", "Tarnów"),
        ("pl", "gizalki", "Gizałki"),
        ("pl", "jelenia gora miasta partnreskie", "Jelenia Góra"),
        ("en", "gdansk sister citys", "Gdańsk"),
        ("en", "lodz partner cities", "Łódź"),
        ("en", "katowce partners", "Katowice"),
        ("en", "torun twin towns", "Toruń"),
        ("en", "kalisz", "Kalisz"),
        ("en", "nowy sacz partner towns", "Nowy Sącz"),
        ("en", "koszalin partnrs", "Koszalin"),
        ("en", "plock twin cites", "Płock"),
    ]:
        add(c, lang, q, rows_exp(unit(name)))


def unknown_place_cases() -> None:
    c = "unknown_place"
    add(c, "pl", "Partnerzy Wielkiego Zadupia Górnego", unknown_exp("Zadupi"))
    add(c, "en", "Who are the twin towns of Atlantis?", unknown_exp("Atlantis"))
    add(c, "en", "Gotham partner cities", unknown_exp("Gotham"))
    add(c, "pl", "Z kim współpracuje Gdyniów?", unknown_exp("Gdyniów", "Gdynia"))
    add(c, "en", "Which Polish towns are twinned with Buenos Aires?", unknown_exp("Buenos Aires"))
    add(c, "pl", "Czy Kielczyn ma miasta partnerskie?", unknown_exp("Kielczyn", "Kielce"))
    add(c, "en", "Partners of Katowicze", unknown_exp("Katowicze", "Katowice"))
    add(c, "pl", "Miasta partnerskie gminy Zakopanie Wielkie", unknown_exp("Zakopanie", "Zakopane"))
    add(c, "en", "Which Polish gminas partner with Reykjavik?", unknown_exp("Reykjavik"))
    add(c, "pl", "Polskie gminy współpracujące z Nairobi", unknown_exp("Nairobi"))
    add(c, "en", "twin towns of Narnia", unknown_exp("Narnia"))
    add(c, "pl", "Czy Mordor ma miasta partnerskie w Polsce?", unknown_exp("Mordor"))
    add(c, "pl", "Partnerzy miasta Springfield", unknown_exp("Springfield"))
    add(c, "en", "Partner towns of Opolanka Mała", unknown_exp("Opolanka", "Opole"))


def intersection_cases() -> None:
    c = "intersection"
    add(
        c,
        "pl",
        "Które samorządy mają partnerów zarówno w Szwecji, jak i w Danii?",
        rows_exp(both("Szwecja", "Dania", ROWS)),
    )
    add(
        c,
        "pl",
        "gminy z partnerami i na litwie i w estonii",
        rows_exp(both("Litwa", "Estonia", GM)),
    )
    add(
        c,
        "pl",
        "Kto ma partnerów jednocześnie na Łotwie i w Estonii?",
        rows_exp(both("Łotwa", "Estonia", ROWS)),
    )
    add(
        c,
        "pl",
        "Które gminy współpracują i z Węgrami, i z Rumunią?",
        rows_exp(both("Węgry", "Rumunia", GM)),
    )
    add(
        c,
        "pl",
        "Powiaty i gminy mające partnerów w Holandii oraz w Belgii",
        rows_exp(both("Holandia", "Belgia", ROWS)),
    )
    add(
        c,
        "pl",
        "które powiaty mają partnerów i w niemczech i na słowacji",
        rows_exp(both("Niemcy", "Słowacja", PW)),
    )
    add(
        c,
        "en",
        "Which Polish local governments have partners in both Finland and Estonia?",
        rows_exp(both("Finlandia", "Estonia", ROWS)),
    )
    add(
        c,
        "en",
        "Which gminas have partners in both Italy and Spain?",
        rows_exp(both("Włochy", "Hiszpania", GM)),
    )
    add(
        c,
        "en",
        "gminas twinned with both a British and an American town",
        rows_exp(both("Wielka Brytania", "USA", GM)),
    )
    add(
        c,
        "en",
        "Which gminas cooperate with Belarus and also with Latvia?",
        rows_exp(both("Białoruś", "Łotwa", GM)),
    )
    add(
        c,
        "en",
        "Polish towns and counties with partners in Turkey as well as in China",
        rows_exp(both("Turcja", "Chiny", ROWS)),
    )


def followup_plan_cases() -> None:
    c = "followup_plan"

    def pronoun_exp(rows: list[R.Row]) -> dict:
        if len(rows) != 1 or row_year(rows[0]) is None:
            raise ValueError(f"a pronoun case needs one dated row: {R.keys(rows)}")
        return {"route": "table", "answer_contains": [str(row_year(rows[0]))]}

    add(
        c,
        "en",
        ["Partners of Kraków in Germany?", "and Wrocław?"],
        rows_exp(country("Niemcy", rows=unit("Wrocław"))),
    )
    add(
        c,
        "pl",
        ["Partnerzy Lublina na Ukrainie", "a Rzeszowa?"],
        rows_exp(country("Ukraina", rows=unit("Rzeszów"))),
    )
    add(
        c,
        "en",
        ["Gdańsk's partners in Russia", "what about Gdynia?"],
        rows_exp(country("Rosja", rows=unit("Gdynia"))),
    )
    add(c, "pl", ["Partnerzy Łodzi", "tylko od 2000 roku"], rows_exp(since(unit("Łódź"), 2000)))
    add(
        c,
        "en",
        ["Sister cities of Warsaw", "only since 2000"],
        rows_exp(since(unit("Warszawa"), 2000)),
    )
    add(
        c,
        "pl",
        ["Partnerstwa gmin z Estonią", "a tylko umowy formalne?"],
        rows_exp(formal(country("Estonia", "gmina"))),
    )
    add(
        c,
        "en",
        ["Which powiats cooperate with Slovakia?", "only formal ones"],
        rows_exp(formal(country("Słowacja", "powiat"))),
    )
    add(
        c,
        "en",
        ["Partners of Kraków in Italy", "how many is that?"],
        count_exp(country("Włochy", rows=unit("Kraków"))),
    )
    add(c, "pl", ["Partnerzy Gdyni", "ile ich jest?"], count_exp(unit("Gdynia")))
    add(
        c,
        "pl",
        ["Gminy współpracujące z Danią", "ile to jest?"],
        count_exp(country("Dania", "gmina")),
    )
    add(
        c,
        "en",
        ["Who are Opole's partners?", "tell me more about the second one"],
        rows_exp(F.nth_partnership(unit("Opole"), 1)),
    )
    add(
        c,
        "pl",
        ["Partnerzy Katowic", "opowiedz więcej o trzecim"],
        rows_exp(F.nth_partnership(unit("Katowice"), 2)),
    )
    add(
        c,
        "en",
        ["Is Gdynia twinned with Seattle?", "When did it start?"],
        pronoun_exp(partner("Seattle", rows=unit("Gdynia"))),
    )
    add(
        c,
        "pl",
        ["Czy Wrocław współpracuje z Bredą?", "Od kiedy?"],
        pronoun_exp(partner("Breda", rows=unit("Wrocław"))),
    )
    add(
        c,
        "en",
        ["Partners of Poznań in Germany", "and in France?"],
        rows_exp(country("Francja", rows=unit("Poznań"))),
    )
    add(
        c,
        "pl",
        ["Partnerzy Lublina", "a które z nich bez formalnej umowy?"],
        rows_exp(no_agreement(unit("Lublin"))),
    )
    add(
        c,
        "en",
        ["Which gminas are twinned with Dutch towns?", "and the powiats?"],
        rows_exp(country("Holandia", "powiat")),
    )
    add(
        c,
        "pl",
        ["Partnerstwa gmin z Austrią", "a powiatów?"],
        rows_exp(country("Austria", "powiat")),
    )


# ======================================================================= output

BUILDERS = (
    superlative_cases,
    comparison_cases,
    distinct_count_cases,
    yes_no_cases,
    form_only_cases,
    form_topic_cases,
    unit_type_mix_cases,
    region_cases,
    other_language_cases,
    typed_names_cases,
    unknown_place_cases,
    intersection_cases,
    followup_plan_cases,
)


def build() -> list[dict]:
    """Every case with its id `r4-<lang>-NNN`; refuses a question asked twice or elsewhere."""
    CASES.clear()
    for make in BUILDERS:
        make()
    return numbered(CASES, "r4", OUT)


def main() -> None:
    cases = build()
    write_round(cases, OUT, width=16)


if __name__ == "__main__":
    main()
