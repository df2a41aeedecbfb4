"""Build `tests/gold/round8.jsonl`: an eighth round of held-out-style gold cases.

Written from the two survey tables, the pages and the README alone (the package is
neither read nor run to write it). Questions are typed the way chat-widget visitors
type them: lower case without diacritics, one typo, greetings and thanks, long chatty
messages with the question inside, terse fragments, other languages (answered in
English), and follow-ups of two or three turns. Every expected row set, count and name
is computed here from `reference.py` / `expect.py`; only the questions are typed by hand.

    /work/main/.venv/bin/python tests/gold/build_round8.py

Meaning rules of this round (on top of README "What the table questions mean" and the
rules of round 6):

- lang: `pl` for Polish questions, `en` for English and every other language.
- superlative: "most" = `top: [winner]` + winner and count in the lead (ties: every tied
  name and the count in the lead); "least/fewest" among named candidates = `groups` of
  the candidates, exact, with the smallest name and count in the lead; "oldest/newest"
  = the rows with the smallest/largest year (a row's year is the smaller of its cells'
  years), ties give every tied row.
- comparison: `groups` exact (Polish names as written), the larger first in the lead.
- distinct: distinct units / countries / partner cells, `total` and the number.
- yes_no: `answer_starts_with` Tak/Yes with `rows_include` of the evidence, or Nie/No.
- region: a voivodeship (GeoNames, derived): `rows_within` the rows of the other
  filters, `narrower` (the region really applied), and `rows_include` of rows of big
  cities that are in that voivodeship beyond doubt.
- two_in_one: every part answered (`answer_contains` every figure), or the other parts
  answered and the missing part in `not_applied`. A part about something the survey does
  not record must be in `not_applied` while the table part is answered.
- exclusion: `rows` exact after the exclusion; "units with X but no Y": the X rows of
  those units, or their aggregate by unit.
- unsupported: `not_applied` holds the stem; rows (if any) among the real filters'.
- unknown_unit: a real Polish town that occurs in no cell of the tables and no page:
  `not_applied` names it and no data is shown (or out_of_scope).
- names: `rows` exact of the unit typed (inflected, hyphenated, with qualifier, lower
  case, one typo); a base name shared by units: clarify with both, or both answered.
- followup: only the last turn is scored; earlier filters stay unless replaced.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reference as R  # noqa: E402
from expect import (  # noqa: E402
    ENGLISH,
    compare_exp,
    count_exp,
    distinct_countries,
    distinct_partners,
    distinct_units,
    formal,
    narrowing,
    no_answer_exp,
    numbered,
    ranked,
    rows_exp,
    since,
    sup_exp,
    unsupported_exp,
    write_round,
    yes_exp,
)

OUT = HERE / "round8.jsonl"

ROWS = R.load_rows()
GM = R.of_type(ROWS, "gmina")
PW = R.of_type(ROWS, "powiat")
TYPES = {"gmina": GM, "powiat": PW, None: ROWS}
ENGLISH = {
    **ENGLISH,
    "Rumunia": "Romania",
    "Serbia": "Serbia",
    "Irlandia": "Ireland",
    "Chiny": "China",
    "Grecja": "Greece",
}

CASES: list[dict] = []


def add(category: str, lang: str, question, expect: dict) -> None:
    turns = [question] if isinstance(question, str) else list(question)
    CASES.append({"category": category, "lang": lang, "turns": turns, "expect": expect})


# ------------------------------------------------------------------ selections


def unit(name: str) -> list[R.Row]:
    return R.rows_of_unit(ROWS, name)


def country(name: str, unit_type: str | None = None, rows=None) -> list[R.Row]:
    out = R.by_country(TYPES[unit_type] if rows is None else rows, name)
    if rows is None and not out:
        raise ValueError(f"no rows for country {name!r}")
    return out


def partner(place: str, unit_type: str | None = None, rows=None) -> list[R.Row]:
    return R.by_partner(TYPES[unit_type] if rows is None else rows, place)


def minus(rows: list[R.Row], drop: list[R.Row]) -> list[R.Row]:
    gone = {tuple(r.key) for r in drop}
    return narrowing([r for r in rows if tuple(r.key) not in gone], rows)


def same_units(rows: list[R.Row]) -> list[R.Row]:
    if len({r.unit for r in rows}) != len(rows):
        raise ValueError("rows and distinct units differ: the count is ambiguous")
    return rows


ALL_TEXT = " | ".join(
    R.fold(x) for r in ROWS for x in (r.unit_written, r.country, r.partner, r.other_form)
)
PAGES_TEXT = " | ".join(
    R.fold(p.read_text(encoding="utf-8"))
    for p in sorted((R.PROJECT / "corpus/pages").glob("*.txt"))
)


# every cell and page, hyphens read as spaces (`Busko Zdrój` is `Busko-Zdrój`)
UNKNOWN_TEXT = (ALL_TEXT + " | " + PAGES_TEXT).replace("-", " ")


# ---------------------------------------------------------------- expectations


def top_exp(groups: dict[str, int], lang: str = "pl", *, countries: bool = False) -> dict:
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


def least_exp(groups: dict[str, int], lang: str = "pl", *, countries: bool = False) -> dict:
    order = ranked(groups)
    low = order[-1][1]
    if min(groups.values()) == 0 or len(order) < 2 or order[-2][1] == low:
        raise ValueError(f"no single least: {order}")
    name = order[-1][0]
    exp = {
        "route": "table",
        "groups": dict(sorted(groups.items())),
        "lead_contains": [name, str(low)],
    }
    if countries and lang != "pl":
        return {"any_of": [exp, {**exp, "lead_contains": [ENGLISH[name], str(low)]}]}
    return exp


def units_compared(names: list[str], narrow=None) -> dict[str, int]:
    out = {}
    for name in names:
        rows = unit(name)
        full = rows[0].unit
        if narrow is not None:
            rows = narrow(rows)
        out[full] = len(rows)
    return out


def region_exp(whole: list[R.Row], include: list[R.Row]) -> dict:
    keys = {tuple(r.key) for r in whole}
    if not include or any(tuple(r.key) not in keys for r in include):
        raise ValueError("region evidence rows outside the other filters")
    if len(include) >= len(whole):
        raise ValueError("region evidence is every row: not a test")
    return {
        "route": "table",
        "rows_within": R.keys(whole),
        "narrower": True,
        "rows_include": R.keys(include),
    }


def other_language(exp: dict) -> dict:
    """A question in another language: its answer opens with one sentence saying that the
    assistant answers in Polish and English (contract), so the lead's names and figures
    are looked for in the answer."""
    if "any_of" in exp:
        return {"any_of": [other_language(e) for e in exp["any_of"]]}
    out = dict(exp)
    lead = out.pop("lead_contains", [])
    if lead:
        out["answer_contains"] = [*out.get("answer_contains", []), *lead]
    return out


def other_language_yes(rows: list[R.Row]) -> dict:
    """A Yes in another language: it may come after the sentence on the answer languages;
    then the data must be the evidence only (the filter applied)."""
    evidence = yes_exp(rows, "en")["rows_include"]
    return {
        "rows_include": evidence,
        "any_of": [
            {"answer_starts_with": ["Yes"]},
            {"answer_contains": ["Yes"], "rows_within": evidence},
        ],
    }


def two_exp(question: str, parts: list[tuple[list[str], str | None]]) -> dict:
    """parts: (figures a full answer of this part contains, stem naming the part in the
    question for not_applied, or None when it cannot be left out)."""
    every = [f for figs, _ in parts for f in figs]
    alts = [{"answer_contains": every}]
    for i, (_, stem) in enumerate(parts):
        if stem is None:
            continue
        if R.fold(stem) not in R.fold(question):
            raise ValueError(f"{stem!r} not in {question!r}")
        others = [f for j, (figs, _) in enumerate(parts) if j != i for f in figs]
        alts.append({"answer_contains": others, "not_applied": [stem]})
    return {"any_of": alts} if len(alts) > 1 else alts[0]


def unknown_exp(name: str, stem: str, question: str) -> dict:
    folded = R.fold(name).replace("-", " ")
    words = [w for w in folded.split() if len(w) >= 4]
    probes = {folded, folded[: max(4, len(folded) - 2)]} | {w[: max(4, len(w) - 2)] for w in words}
    for probe in probes:
        if probe in UNKNOWN_TEXT:
            raise ValueError(f"{name!r} ({probe!r}) occurs in the corpus: not unknown")
    if stem not in question:
        raise ValueError(f"{stem!r} not typed in {question!r}")
    return {
        "any_of": [
            {"not_applied": [stem], "no_data": True},
            {"not_applied": [stem], "total": 0},
            {"route": "out_of_scope", "no_data": True},
        ]
    }


def stems_unsupported(stems: list[str], real, question: str) -> dict:
    """unsupported_exp, with every reasonable stem of the unrecorded phrase."""
    alts = []
    for stem in stems:
        alts.extend(unsupported_exp(stem, real, question)["any_of"])
    return {"any_of": alts}


def ambiguous_exp(name: str, options: list[str]) -> dict:
    rows = R.rows_of_unit(ROWS, name, allow_ambiguous=True)
    units = sorted({r.unit for r in rows})
    if units != sorted(options):
        raise ValueError(f"{name}: {units}")
    return {"any_of": [{"route": "clarify", "options": options}, rows_exp(rows)]}


# ======================================================================= cases


def superlative_cases() -> None:
    c = "superlative"
    add(
        c,
        "pl",
        "ktora gmina ma najwiecej partnerow na wegrzech?",
        top_exp(R.group_by_unit(country("Węgry", "gmina"))),
    )
    add(
        c,
        "pl",
        "Dzień dobry! Jakie jest najstarsze partnerstwo Gdyni?",
        sup_exp(unit("Gdynia"), "min"),
    )
    add(c, "pl", "najnowsze partnerstwa wroclawia", sup_exp(unit("Wrocław"), "max"))
    add(
        c,
        "pl",
        "Który powiat ma najwięcej partnerów w Niemczech?",
        top_exp(R.group_by_unit(country("Niemcy", "powiat"))),
    )
    add(
        c,
        "pl",
        "ktora gmina podpisala najwiecej formalnych umow z francuskimi miastami",
        top_exp(R.group_by_unit(formal(country("Francja", "gmina")))),
    )
    add(
        c,
        "pl",
        "Z którym z tych krajów gminy mają najmniej partnerstw: Norwegia, Portugalia czy Irlandia?",
        least_exp({k: len(country(k, "gmina")) for k in ("Norwegia", "Portugalia", "Irlandia")}),
    )
    add(
        c,
        "pl",
        "najstarsza umowa partnerska z wlochami - kto i kiedy?",
        sup_exp(country("Włochy"), "min"),
    )
    add(
        c,
        "en",
        "Which gmina has the most partners in Lithuania?",
        top_exp(R.group_by_unit(country("Litwa", "gmina"))),
    )
    add(c, "en", "hi, whats the most recent partnership of rybnik", sup_exp(unit("Rybnik"), "max"))
    add(
        c,
        "en",
        "Which Polish gmina has the newest partnership with a Chinese city?",
        sup_exp(country("Chiny", "gmina"), "max"),
    )
    add(
        c,
        "en",
        "oldest swedish partnership of any powiat?",
        sup_exp(country("Szwecja", "powiat"), "min"),
    )
    add(
        c,
        "en",
        "Of Estonia, Latvia and Lithuania, which has the fewest partnerships with Polish powiats?",
        least_exp(
            {k: len(country(k, "powiat")) for k in ("Estonia", "Łotwa", "Litwa")},
            "en",
            countries=True,
        ),
    )
    add(
        c,
        "en",
        "Welche Gemeinde hat die meisten Partner in Italien?",
        other_language(top_exp(R.group_by_unit(country("Włochy", "gmina")))),
    )


def comparison_cases() -> None:
    c = "comparison"
    add(
        c,
        "pl",
        "Gdańsk czy Gdynia – kto ma więcej miast partnerskich?",
        compare_exp(units_compared(["Gdańsk", "Gdynia"])),
    )
    add(
        c,
        "pl",
        "porownaj lodz, poznan i wroclaw pod wzgledem liczby partnerow",
        compare_exp(units_compared(["Łódź", "Poznań", "Wrocław"])),
    )
    add(
        c,
        "pl",
        "kto ma wiecej partnerow na ukrainie: rzeszow czy lublin?",
        compare_exp(units_compared(["Rzeszów", "Lublin"], lambda rs: country("Ukraina", rows=rs))),
    )
    add(
        c,
        "pl",
        "Czy powiaty mają więcej partnerstw z Czechami, czy ze Słowacją?",
        compare_exp({k: len(country(k, "powiat")) for k in ("Czechy", "Słowacja")}, countries=True),
    )
    add(
        c,
        "pl",
        "opole vs katowice ile partnerow",
        compare_exp(units_compared(["Opole", "Katowice"])),
    )
    add(
        c,
        "pl",
        "Które miasto ma więcej formalnych umów: Zakopane czy Krosno?",
        compare_exp(units_compared(["Zakopane", "Krosno"], formal)),
    )
    add(
        c,
        "pl",
        "Powiat siedlecki czy powiat leski, który ma więcej partnerów?",
        compare_exp(units_compared(["Powiat siedlecki", "Powiat leski"])),
    )
    add(
        c,
        "en",
        "Which has more partners in Germany: Szczecin or Koszalin?",
        compare_exp(
            units_compared(["Szczecin", "Koszalin"], lambda rs: country("Niemcy", rows=rs))
        ),
    )
    add(
        c,
        "en",
        "Do Polish gminas have more partners in the USA or in Great Britain?",
        compare_exp(
            {k: len(country(k, "gmina")) for k in ("USA", "Wielka Brytania")}, "en", countries=True
        ),
    )
    add(
        c,
        "en",
        "compare konin, kalisz and plock by number of partner towns",
        compare_exp(units_compared(["Konin", "Kalisz", "Płock"])),
    )
    add(
        c,
        "en",
        "Does Lublin have more partners in Ukraine or in Germany?",
        compare_exp(
            {k: len(country(k, rows=unit("Lublin"))) for k in ("Ukraina", "Niemcy")},
            "en",
            countries=True,
        ),
    )
    add(
        c,
        "en",
        "France or Italy - which country has more partnerships with Polish gminas?",
        compare_exp(
            {k: len(country(k, "gmina")) for k in ("Francja", "Włochy")}, "en", countries=True
        ),
    )
    add(
        c,
        "en",
        "Хто має більше партнерів: Тарнів чи Ряшів?",
        other_language(compare_exp(units_compared(["Tarnów", "Rzeszów"]))),
    )


def distinct_cases() -> None:
    c = "distinct"
    add(c, "pl", "z ilu krajow sa partnerzy gdanska?", distinct_countries(unit("Gdańsk")))
    add(
        c,
        "pl",
        "Ile gmin ma partnerów w Irlandii?",
        distinct_units(country("Irlandia", "gmina"), allow_equal=True),
    )
    add(c, "pl", "ile powiatow wspolpracuje z litwa", distinct_units(country("Litwa", "powiat")))
    add(
        c,
        "pl",
        "Ile różnych miast partnerskich mają gminy w Norwegii?",
        distinct_partners(country("Norwegia", "gmina")),
    )
    add(c, "pl", "ile gmin ma partnerow na lotwie", distinct_units(country("Łotwa", "gmina")))
    add(
        c,
        "pl",
        "Ile powiatów współpracuje z Węgrami od 2000 roku?",
        distinct_units(since(country("Węgry", "powiat"), 2000), allow_equal=True),
    )
    add(
        c,
        "en",
        "How many different countries does Łódź have partners in?",
        distinct_countries(unit("Łódź")),
    )
    add(
        c,
        "en",
        "how many gminas have partners in slovakia",
        distinct_units(country("Słowacja", "gmina")),
    )
    add(
        c,
        "en",
        "How many distinct partner towns do Polish gminas have in Israel?",
        distinct_partners(country("Izrael", "gmina")),
    )
    add(
        c,
        "en",
        "In how many countries does Lublin have partner cities?",
        distinct_countries(unit("Lublin")),
    )
    add(
        c,
        "en",
        "How many powiats cooperate with Belarus?",
        distinct_units(country("Białoruś", "powiat")),
    )
    add(
        c,
        "en",
        "Kiek Lenkijos valsčių (gminų) turi partnerių Estijoje?",
        distinct_units(country("Estonia", "gmina"), allow_equal=True),
    )


def yes_no_cases() -> None:
    c = "yes_no"
    add(
        c,
        "pl",
        "czy gdynia ma partnera w norwegii?",
        yes_exp(country("Norwegia", rows=unit("Gdynia")), "pl"),
    )
    add(
        c,
        "pl",
        "Czy Łódź jest miastem partnerskim Tampere?",
        yes_exp(partner("Tampere", rows=unit("Łódź")), "pl"),
    )
    add(
        c,
        "pl",
        "czy opole wspolpracuje z jakims miastem w hiszpanii",
        no_answer_exp(country("Hiszpania", rows=unit("Opole")), "pl"),
    )
    add(
        c,
        "pl",
        "Czy Zakopane ma partnera na Słowacji?",
        yes_exp(country("Słowacja", rows=unit("Zakopane")), "pl"),
    )
    add(
        c,
        "pl",
        "czy kalisz ma partnera w danii",
        no_answer_exp(country("Dania", rows=unit("Kalisz")), "pl"),
    )
    add(
        c,
        "pl",
        "Hej, czy Radom współpracuje z Magdeburgiem?",
        yes_exp(partner("Magdeburg", rows=unit("Radom")), "pl"),
    )
    add(
        c,
        "pl",
        "czy powiat zywiecki ma partnerow we francji?",
        yes_exp(country("Francja", rows=unit("Powiat żywiecki")), "pl"),
    )
    add(
        c,
        "en",
        "Is Szczecin twinned with Malmö?",
        yes_exp(partner("Malmö", rows=unit("Szczecin")), "en"),
    )
    add(
        c,
        "en",
        "does bydgoszcz have a partner in france",
        no_answer_exp(country("Francja", rows=unit("Bydgoszcz")), "en"),
    )
    add(
        c,
        "en",
        "Is Koszalin twinned with Kiel?",
        no_answer_exp(partner("Kiel", rows=unit("Koszalin")), "en"),
    )
    add(
        c,
        "en",
        "Does Tarnów have any German partner town?",
        no_answer_exp(country("Niemcy", rows=unit("Tarnów")), "en"),
    )
    add(
        c,
        "en",
        "is rybnik partnered with karvina",
        yes_exp(partner("Karvina", rows=unit("Rybnik")), "en"),
    )
    add(
        c,
        "en",
        "Hat Toruń eine Partnerstadt in Russland?",
        other_language_yes(country("Rosja", rows=unit("Toruń"))),
    )


def region_cases() -> None:
    c = "region"
    hu = country("Węgry", "gmina")
    add(
        c,
        "pl",
        "gminy z malopolski z partnerami na wegrzech",
        region_exp(hu, country("Węgry", rows=unit("Kraków"))),
    )
    de = country("Niemcy", "gmina")
    add(
        c,
        "pl",
        "Które gminy z województwa pomorskiego mają partnerów w Niemczech?",
        region_exp(de, country("Niemcy", rows=unit("Gdańsk") + unit("Gdynia"))),
    )
    dk = country("Dania", "gmina")
    add(
        c,
        "pl",
        "zachodniopomorskie gminy i ich partnerzy w danii",
        region_exp(dk, country("Dania", rows=unit("Szczecin") + unit("Koszalin"))),
    )
    add(
        c,
        "pl",
        "Miasta z Wielkopolski współpracujące z Niemcami",
        region_exp(de, country("Niemcy", rows=unit("Poznań") + unit("Kalisz") + unit("Konin"))),
    )
    ua = country("Ukraina", "gmina")
    add(
        c,
        "pl",
        "gminy z mazowsza ktore maja partnerow na ukrainie",
        region_exp(ua, country("Ukraina", rows=unit("Warszawa") + unit("Radom"))),
    )
    fr = country("Francja", "gmina")
    add(
        c,
        "en",
        "Which towns in the Silesian Voivodeship have French partners?",
        region_exp(fr, country("Francja", rows=unit("Katowice") + unit("Rybnik"))),
    )
    ru = country("Rosja", "gmina")
    add(
        c,
        "en",
        "gminas in Łódź Voivodeship with partners in Russia",
        region_exp(ru, country("Rosja", rows=unit("Łódź"))),
    )
    lt = country("Litwa", "gmina")
    add(
        c,
        "en",
        "Lublin Voivodeship towns twinned with Lithuanian towns",
        region_exp(lt, country("Litwa", rows=unit("Lublin"))),
    )
    add(
        c,
        "en",
        "Lower Silesian gminas with German partners, please",
        region_exp(de, country("Niemcy", rows=unit("Wrocław"))),
    )
    sk = country("Słowacja", "gmina")
    add(
        c,
        "en",
        ["Which gminas have partners in Slovakia?", "only those in Lesser Poland"],
        region_exp(sk, country("Słowacja", rows=unit("Kraków") + unit("Zakopane"))),
    )
    add(
        c,
        "pl",
        ["gminy z partnerami w wielkiej brytanii", "a tylko z kujawsko-pomorskiego?"],
        region_exp(
            country("Wielka Brytania", "gmina"),
            country("Wielka Brytania", rows=unit("Bydgoszcz") + unit("Toruń")),
        ),
    )


def two_in_one_cases() -> None:
    c = "two_in_one"
    q = "Ile partnerów ma Gdańsk, a ile Gdynia?"
    add(
        c,
        "pl",
        q,
        two_exp(q, [([str(len(unit("Gdańsk")))], "Gdańsk"), ([str(len(unit("Gdynia")))], "Gdyni")]),
    )
    q = "ile partnerstw maja gminy z francja, a ile z wlochami?"
    add(
        c,
        "pl",
        q,
        two_exp(
            q,
            [
                ([str(len(country("Francja", "gmina")))], "francja"),
                ([str(len(country("Włochy", "gmina")))], "wlochami"),
            ],
        ),
    )
    q = "ile partnerow ma karpacz w polsce, a ile w czechach?"
    add(
        c,
        "pl",
        q,
        two_exp(
            q,
            [
                ([str(len(country("Polska", rows=unit("Karpacz"))))], "polsce"),
                ([str(len(country("Czechy", rows=unit("Karpacz"))))], "czechach"),
            ],
        ),
    )
    q = "Z jakimi miastami współpracuje Bydgoszcz i jaka jest teraz pogoda w Ningbo?"
    add(
        c,
        "pl",
        q,
        {
            "any_of": [
                {"not_applied": [s], "rows_include": R.keys(unit("Bydgoszcz"))}
                for s in ("pogod", "Ningbo")
            ]
        },
    )
    q = "Partnerzy Rzeszowa na Ukrainie. Chodzi mi o miasto Rzeszów, nie o powiat."
    add(c, "pl", q, rows_exp(country("Ukraina", rows=unit("Rzeszów"))))
    q = "ile partnerow ma wroclaw a ile krakow"
    add(
        c,
        "pl",
        q,
        two_exp(
            q, [([str(len(unit("Wrocław")))], "wroclaw"), ([str(len(unit("Kraków")))], "krakow")]
        ),
    )
    q = "Partnerzy Tczewa – a ile kosztuje bilet lotniczy do Izraela?"
    add(
        c,
        "pl",
        q,
        {
            "any_of": [
                {"not_applied": [s], "rows_include": R.keys(unit("Tczew"))}
                for s in ("bilet", "koszt")
            ]
        },
    )
    q = "How many partners does Katowice have, and which of them are in France?"
    add(
        c, "en", q, {"answer_contains": [str(len(unit("Katowice"))), "Saint-Etienne", "Strasbourg"]}
    )
    q = "How many partners does Karpacz have in the Czech Republic, and how many in Poland itself?"
    add(
        c,
        "en",
        q,
        two_exp(
            q,
            [
                ([str(len(country("Czechy", rows=unit("Karpacz"))))], "Czech"),
                ([str(len(country("Polska", rows=unit("Karpacz"))))], "Poland"),
            ],
        ),
    )
    q = (
        "Which gminas have partners in Latvia? I mean only formal agreements, "
        "not letters of intent or other forms."
    )
    add(
        c,
        "en",
        q,
        rows_exp(narrowing(formal(country("Łotwa", "gmina")), country("Łotwa", "gmina"))),
    )
    q = "Gdynia's partners in the USA - and who is the mayor of Seattle now?"
    add(
        c,
        "en",
        q,
        {
            "any_of": [
                {
                    "not_applied": ["mayor"],
                    "rows_include": R.keys(country("USA", rows=unit("Gdynia"))),
                }
            ]
        },
    )
    q = "how many partnerships do powiats have with ukraine, and how many with belarus?"
    add(
        c,
        "en",
        q,
        two_exp(
            q,
            [
                ([str(len(country("Ukraina", "powiat")))], "ukraine"),
                ([str(len(country("Białoruś", "powiat")))], "belarus"),
            ],
        ),
    )
    q = "Partners of Toruń, and since when with Leiden?"
    add(
        c,
        "en",
        q,
        {
            "answer_contains": ["Leiden", "1989"],
            "rows_include": R.keys(partner("Leiden", rows=unit("Toruń"))),
        },
    )


def exclusion_cases() -> None:
    c = "exclusion"
    lodz = unit("Łódź")
    add(
        c,
        "pl",
        "partnerzy lodzi poza niemcami i rosja",
        rows_exp(minus(lodz, country("Niemcy", rows=lodz) + country("Rosja", rows=lodz))),
    )
    sk = country("Słowacja", "gmina")
    add(
        c,
        "pl",
        "Które gminy mają partnerów na Słowacji, nie licząc Muszyny?",
        rows_exp(minus(sk, unit("Muszyna"))),
    )
    se = country("Szwecja", "gmina")
    add(
        c,
        "pl",
        "gminy ze szwedzkimi partnerami oprocz gdanska i gdyni",
        rows_exp(minus(se, unit("Gdańsk") + unit("Gdynia"))),
    )
    kp = unit("Karpacz")
    add(
        c,
        "pl",
        "Partnerzy Karpacza bez partnerów krajowych (z Polski)",
        rows_exp(minus(kp, country("Polska", rows=kp))),
    )
    lub = unit("Lublin")
    add(
        c,
        "pl",
        "lublin partnerzy oprocz ukrainy",
        rows_exp(minus(lub, country("Ukraina", rows=lub))),
    )
    # units with X but no Y
    cz_units = {r.unit for r in country("Czechy", "powiat")}
    de_units = {r.unit for r in country("Niemcy", "powiat")}
    keep = cz_units - de_units
    picked = [r for r in country("Czechy", "powiat") if r.unit in keep]
    narrowing(picked, country("Czechy", "powiat"))
    add(
        c,
        "pl",
        "Które powiaty mają partnerów w Czechach, ale żadnego w Niemczech?",
        {"any_of": [rows_exp(picked), {"route": "table", "groups": R.group_by_unit(picked)}]},
    )
    gd = unit("Gdańsk")
    add(
        c,
        "en",
        "Gdańsk's partners except those in France, the UK and Russia",
        rows_exp(
            minus(
                gd,
                country("Francja", rows=gd)
                + country("Wielka Brytania", rows=gd)
                + country("Rosja", rows=gd),
            )
        ),
    )
    wr = unit("Wrocław")
    add(
        c,
        "en",
        "wroclaw partner cities excluding germany",
        rows_exp(minus(wr, country("Niemcy", rows=wr))),
    )
    tr = unit("Toruń")
    add(
        c,
        "en",
        "Toruń: all partners except the American and Chinese ones",
        rows_exp(minus(tr, country("USA", rows=tr) + country("Chiny", rows=tr))),
    )
    by = country("Białoruś", "powiat")
    ua_units = {r.unit for r in country("Ukraina", "powiat")}
    picked = narrowing([r for r in by if r.unit not in ua_units], by)
    add(
        c,
        "en",
        "Which powiats have partners in Belarus but none in Ukraine?",
        {"any_of": [rows_exp(picked), {"route": "table", "groups": R.group_by_unit(picked)}]},
    )
    il = country("Izrael", "gmina")
    add(
        c,
        "en",
        "gminas with Israeli partners, but leave out Łódź and Tczew",
        rows_exp(minus(il, unit("Łódź") + unit("Tczew"))),
    )
    rz = unit("Rzeszów")
    add(
        c,
        "en",
        "Partnerská města Řešova kromě Ukrajiny",
        rows_exp(minus(rz, country("Ukraina", rows=rz))),
    )


def unsupported_cases() -> None:
    c = "unsupported"
    for lang, q, stems, real in [
        (
            "pl",
            "Które miasta partnerskie Koszalina mają lotnisko?",
            ["lotnisk"],
            lambda: unit("Koszalin"),
        ),
        (
            "pl",
            "partnerzy opola w niemczech z druzyna w bundeslidze",
            ["bundesli", "druzyn"],
            lambda: country("Niemcy", rows=unit("Opole")),
        ),
        (
            "pl",
            "Które partnerstwa Płocka są finansowane z funduszy UE?",
            ["fundusz", "finansow"],
            lambda: unit("Płock"),
        ),
        (
            "pl",
            "miasta partnerskie krosna ze stokiem narciarskim",
            ["narciarsk", "stok"],
            lambda: unit("Krosno"),
        ),
        (
            "pl",
            "Partnerzy Konina, w których rządzi prezydent z lewicy",
            ["lewic", "prezydent", "rządzi"],
            lambda: unit("Konin"),
        ),
        (
            "pl",
            "gdynia partnerzy z zamkiem krzyzackim",
            ["zamk", "krzyzack"],
            lambda: unit("Gdynia"),
        ),
        (
            "en",
            "Which of Rzeszów's partner cities have an airport?",
            ["airport"],
            lambda: unit("Rzeszów"),
        ),
        (
            "en",
            "Partners of Szczecin that have a football club in the top league",
            ["football", "league"],
            lambda: unit("Szczecin"),
        ),
        (
            "en",
            "Katowice partners with a jazz festival, formal agreements only",
            ["jazz", "festival"],
            lambda: formal(unit("Katowice")),
        ),
        (
            "en",
            "which of Tarnów's Ukrainian partners are famous for wine?",
            ["wine", "famous"],
            lambda: country("Ukraina", rows=unit("Tarnów")),
        ),
        (
            "en",
            "Hello! Which partner cities of Konin have a Catholic cathedral? Thanks a lot",
            ["cathedral", "catholic"],
            lambda: unit("Konin"),
        ),
        (
            "en",
            "Kalisz partners whose mayor speaks Polish",
            ["mayor", "speak"],
            lambda: unit("Kalisz"),
        ),
    ]:
        add(c, lang, q, stems_unsupported(stems, real(), q))


def unknown_cases() -> None:
    c = "unknown_unit"
    for lang, q, name, stem in [
        ("pl", "partnerzy kruszwicy", "Kruszwica", "kruszwic"),
        ("pl", "Z kim współpracuje Iłża?", "Iłża", "Iłża"),
        ("pl", "miasta partnerskie biecza", "Biecz", "biecz"),
        ("pl", "Czy Więcbork ma partnera w Niemczech?", "Więcbork", "Więcbork"),
        ("pl", "Dzień dobry, jakie miasta partnerskie ma Włoszczowa?", "Włoszczowa", "Włoszczow"),
        ("en", "Does Tykocin have twin towns?", "Tykocin", "Tykocin"),
        ("en", "przasnysz sister cities in germany", "Przasnysz", "przasnysz"),
        ("en", "Who are the partners of Myszyniec?", "Myszyniec", "Myszyniec"),
        ("en", "zuromin twin towns", "Żuromin", "zuromin"),
        ("en", "Welche Partnerstädte hat Kcynia?", "Kcynia", "Kcynia"),
    ]:
        add(c, lang, q, unknown_exp(name, stem, q))


def names_cases() -> None:
    c = "names"
    for lang, q, name in [
        ("pl", "partnerzy Bielska-Białej", "Bielsko-Biała"),
        ("pl", "miasta partnerskie gorzowa wielkopolskiego", "Gorzów Wielkopolski"),
        ("pl", "Z jakimi gminami współpracuje Grodzisk Mazowiecki?", "Grodzisk Mazowiecki"),
        ("pl", "jakie partnerstwa ma grodzisk wielkopolski", "Grodzisk Wielkopolski"),
        ("pl", "partnerzy Mińska Mazowieckiego", "Mińsk Mazowiecki"),
        ("pl", "z kim wspolpracuja czechowice-dziedzice", "Czechowice - Dziedzice"),
        ("pl", "partnerzy Skarżyska-Kamiennej", "Skarżysko-Kamienna"),
        ("pl", "bydgoscz partnerzy", "Bydgoszcz"),
        ("en", "partner towns of piotrkow trybunalski", "Piotrków Trybunalski"),
        ("en", "Who is Tomaszów Mazowiecki twinned with?", "Tomaszów Mazowiecki"),
        ("en", "koszlin partner cities", "Koszalin"),
        ("en", "jelcz-laskowice partners", "Jelcz- Laskowice"),
        ("en", "Партнери Руди Шльонської", "Ruda Śląska"),
    ]:
        add(c, lang, q, rows_exp(unit(name)))
    add(
        c,
        "pl",
        "partnerzy ostrowa wielkopolskiego",
        ambiguous_exp(
            "Ostrów Wielkopolski", ["Ostrów Wielkopolski", "Ostrów Wielkopolski (gmina)"]
        ),
    )
    # no unit is called just "Grodzisk": both Grodzisk units are the candidates
    add(
        c,
        "en",
        "Grodzisk partner towns",
        {
            "any_of": [
                {"route": "clarify", "options": ["Grodzisk Mazowiecki", "Grodzisk Wielkopolski"]},
                rows_exp(unit("Grodzisk Mazowiecki") + unit("Grodzisk Wielkopolski")),
            ]
        },
    )


def followup_cases() -> None:
    c = "followup"
    add(c, "pl", ["partnerzy gdanska", "a gdyni?"], rows_exp(unit("Gdynia")))
    add(
        c,
        "en",
        ["Partners of Poznań in Germany", "and Wrocław?"],
        rows_exp(country("Niemcy", rows=unit("Wrocław"))),
    )
    add(
        c,
        "pl",
        ["gminy wspolpracujace z rumunia", "a powiaty?"],
        rows_exp(country("Rumunia", "powiat")),
    )
    add(
        c,
        "en",
        ["Zakopane twin towns", "only the formal ones"],
        rows_exp(narrowing(formal(unit("Zakopane")), unit("Zakopane"))),
    )
    add(c, "pl", ["partnerzy torunia", "posortuj wg roku"], rows_exp(unit("Toruń")))
    add(
        c,
        "en",
        ["Which gminas cooperate with Greece?", "how many is that?"],
        count_exp(same_units(country("Grecja", "gmina"))),
    )
    add(
        c,
        "pl",
        ["Partnerzy Koszalina", "które z nich są w Niemczech?"],
        rows_exp(country("Niemcy", rows=unit("Koszalin"))),
    )
    usa = sorted(country("USA", rows=unit("Gdynia")), key=lambda r: R.cell_year(r.agreement))
    if R.cell_year(usa[0].agreement) == R.cell_year(usa[1].agreement):
        raise ValueError("Gdynia USA: tie")
    add(
        c,
        "en",
        ["Gdynia partners in the USA, sorted by year", "tell me about the second one"],
        {"answer_contains": [usa[1].partner], "rows_include": [usa[1].key]},
    )
    ros = partner("Rostock", rows=unit("Szczecin"))
    add(
        c,
        "pl",
        ["z kim wspolpracuje szczecin", "a od kiedy z rostockiem?"],
        {"answer_contains": [str(ros[0].agreement_year)], "rows_include": R.keys(ros)},
    )
    add(
        c,
        "en",
        ["Which gminas have partners in Serbia?", "which of them are formal agreements?"],
        rows_exp(narrowing(formal(country("Serbia", "gmina")), country("Serbia", "gmina"))),
    )
    add(c, "pl", ["Partnerzy Rybnika", "a powiat raciborski?"], rows_exp(unit("Powiat raciborski")))
    add(
        c,
        "en",
        ["Which powiats have partners in Hungary?", "only since 2000"],
        rows_exp(since(country("Węgry", "powiat"), 2000)),
    )
    add(
        c,
        "en",
        ["partners of opole", "how many of them are in germany?"],
        count_exp(country("Niemcy", rows=unit("Opole"))),
    )
    add(
        c,
        "pl",
        ["partnerzy katowic", "a bydgoszczy?", "tylko te w niemczech"],
        rows_exp(country("Niemcy", rows=unit("Bydgoszcz"))),
    )
    add(
        c,
        "en",
        ["Lublin partnerships", "which of them are in Ukraine?", "sort them by year"],
        rows_exp(country("Ukraina", rows=unit("Lublin"))),
    )
    add(
        c,
        "pl",
        ["Które gminy mają partnerów w Chorwacji?", "ile to gmin?"],
        distinct_units(country("Chorwacja", "gmina"), allow_equal=True),
    )


def chatty_cases() -> None:
    """Long messages with the question inside, terse fragments and one-typo words; added
    after the first run, at the end so that the ids of the earlier cases stay."""
    add(
        "superlative",
        "en",
        "Hi there! I'm writing an article about Polish-Ukrainian ties for our local paper in "
        "Lviv and my editor wants one number: which Polish powiat has the most partnerships "
        "with Ukraine? Thanks in advance",
        top_exp(R.group_by_unit(country("Ukraina", "powiat"))),
    )
    add(
        "comparison",
        "pl",
        "Cześć, kłócimy się ze znajomym przy piwie – ja mówię, że Bydgoszcz ma więcej miast "
        "partnerskich niż Toruń, on że odwrotnie. Kto ma rację?",
        compare_exp(units_compared(["Bydgoszcz", "Toruń"])),
    )
    add(
        "yes_no",
        "en",
        "My grandmother was born in Kamieniec Podolski and we are planning a trip to Poland "
        "next summer. Is Kalisz twinned with Kamieniec Podolski? Would be lovely to visit both",
        yes_exp(partner("Kamieniec Podolski", rows=unit("Kalisz")), "en"),
    )
    add("names", "pl", "gdansk partnerzy niemcy", rows_exp(country("Niemcy", rows=unit("Gdańsk"))))
    add("names", "pl", "partnerzy czestohowy", rows_exp(unit("Częstochowa")))
    add(
        "distinct",
        "en",
        "wich countries does szczecin have partners in, how many?",
        distinct_countries(unit("Szczecin")),
    )


BUILDERS = (
    superlative_cases,
    comparison_cases,
    distinct_cases,
    yes_no_cases,
    region_cases,
    two_in_one_cases,
    exclusion_cases,
    unsupported_cases,
    unknown_cases,
    names_cases,
    followup_cases,
    chatty_cases,
)


def build() -> list[dict]:
    CASES.clear()
    for make in BUILDERS:
        make()
    return numbered(CASES, "r8", OUT)


def main() -> None:
    write_round(build(), OUT)


if __name__ == "__main__":
    main()
