"""Build `tests/gold/followups.jsonl`: multi-turn (follow-up) gold cases.

Only the last turn of a case is scored; the earlier turns set up the
conversation. Expected answers are computed by `reference.py` (through the
helpers of `build_gold.py`) under these follow-up rules:

- A message that names no Polish unit and no partner, but adds or changes a
  filter (country, year or range, form, unit type), refines the previous
  question: the previous filters, with that kind of filter replaced.
- "Show all of them" / "Pokaż wszystkie": the same rows as the previous turn.
- "How many?" / "Ile ich jest?": the previous filters, counted.
- "the first one" / "a ten drugi?": the Nth item of the previous answer's list
  (list answers ordered by unit, country, partner, source, line; aggregates by
  count desc then name). A partnership -> that unit's rows with that partner in
  that country; a country of a by-country aggregate -> previous filters plus the
  country; a unit of a ranking -> that unit plus the previous filters.
- After a clarify question, a number, the option's full name or its kind picks
  that option: the previous question answered for that unit.
- A question naming a new unit starts a new topic.
- The answer's language is the last turn's language.

The script refuses (raises) a case whose Nth item depends on collation (plain
code-point order vs. diacritic-folded order) or on whether the previous filters
are kept when a partnership is picked, and any empty answer.

    /work/venv/bin/python tests/gold/build_followups.py
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

OUT = HERE / "followups.jsonl"
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
rows_exp, count_exp, groups_exp = G.rows_exp, G.count_exp, G.groups_exp

CASES: list[dict] = []


def add(kind: str, lang: str, turns: list[str], expect: dict) -> None:
    CASES.append({"kind": kind, "lang": lang, "turns": turns, "expect": expect})


# ------------------------------------------------------------ ordinal helpers


def _agree(orders: list[list], n: int):
    picks = {repr(o[n]) for o in orders}
    if len(picks) != 1:
        raise ValueError(f"item {n + 1} depends on collation: {picks}")
    return orders[0][n]


def nth_partnership(rows: list[R.Row], n: int) -> list[R.Row]:
    """Item n (0-based) of a partnership list, picked: that unit's rows with that partner."""
    raw = sorted(rows, key=lambda r: (r.unit, r.country, r.partner, r.source, r.line))
    folded = sorted(
        rows, key=lambda r: (R.fold(r.unit), R.fold(r.country), R.fold(r.partner), r.source, r.line)
    )
    item = _agree([raw, folded], n)
    names = set().union(*(R.place_names(v) for v in item.variants))

    def pick(pool):
        return [
            r
            for r in pool
            if r.unit == item.unit
            and r.country == item.country
            and names & {R.fold(v) for v in r.variants}
        ]

    picked, narrowed = pick(ROWS), pick(rows)
    if R.keys(picked) != R.keys(narrowed):
        raise ValueError(f"picking {item.partner!r} depends on the previous filters")
    return picked


def nth_group(groups: dict[str, int], n: int) -> str:
    raw = sorted(groups, key=lambda k: (-groups[k], k))
    folded = sorted(groups, key=lambda k: (-groups[k], R.fold(k)))
    return _agree([raw, folded], n)


def nth_country(rows: list[R.Row], n: int) -> list[R.Row]:
    """Item n of a by-country aggregate of `rows`, picked: those rows in that country."""
    return R.by_country(rows, nth_group(R.group_by_country(rows), n))


def nth_unit(rows: list[R.Row], n: int) -> list[R.Row]:
    """Item n of a by-unit ranking of `rows`, picked: those rows of that unit."""
    name = nth_group(R.group_by_unit(rows), n)
    return [r for r in rows if r.unit == name]


def option(name: str, n: int, unit_type: str | None = None) -> str:
    """Clarify option n of an ambiguous name: name order and count order must agree."""
    pool = G.TYPES[unit_type]
    units = R.units_named(pool, name)
    counts = Counter(r.unit for r in pool if r.unit in units)
    orders = [
        sorted(units),
        sorted(units, key=R.fold),
        sorted(units, key=lambda u: (-counts[u], u)),
        sorted(units, key=lambda u: (-counts[u], R.fold(u))),
    ]
    return _agree(orders, n)


def exact(name: str) -> list[R.Row]:
    rows = [r for r in ROWS if r.unit == name]
    if not rows:
        raise KeyError(name)
    return rows


# ====================================================================== cases


def refine_country() -> None:
    k = "country"
    add(
        k,
        "pl",
        ["Z kim współpracuje Gdynia?", "A z Niemcami?"],
        rows_exp(country("Niemcy", rows=unit("Gdynia"))),
    )
    add(
        k,
        "pl",
        ["Partnerzy Krakowa we Włoszech", "A we Francji?"],
        rows_exp(country("Francja", rows=unit("Kraków"))),
    )
    add(
        k,
        "en",
        ["Kraków's partners in Italy", "What about Germany?"],
        rows_exp(country("Niemcy", rows=unit("Kraków"))),
    )
    add(
        k,
        "en",
        ["Which gminas have partners in Hungary?", "And Slovakia?"],
        rows_exp(country("Słowacja", "gmina")),
    )
    add(
        k,
        "pl",
        ["Które powiaty współpracują z Litwą?", "A z Białorusią?"],
        rows_exp(country("Białoruś", "powiat")),
    )
    add(
        k,
        "en",
        ["Opole partners in Germany", "What about Finland?"],
        rows_exp(country("Finlandia", rows=unit("Opole"))),
    )
    add(
        k,
        "pl",
        ["Partnerzy Lublina na Ukrainie", "a na Litwie?"],
        rows_exp(country("Litwa", rows=unit("Lublin"))),
    )
    add(
        k,
        "pl",
        ["Które gminy nawiązały współpracę z Czechami w 2001 roku?", "A ze Słowacją?"],
        rows_exp(year(country("Słowacja", "gmina"), 2001)),
    )
    add(
        k,
        "en",
        ["Which powiats partnered with Slovakia between 2000 and 2005?", "And Ukraine?"],
        rows_exp(between(country("Ukraina", "powiat"), 2000, 2005)),
    )
    add(
        k,
        "pl",
        ["Partnerzy Rzeszowa na Ukrainie", "A ze Słowacją?"],
        rows_exp(country("Słowacja", rows=unit("Rzeszów"))),
    )
    add(
        k,
        "en",
        ["Which partners does Szczecin have in Germany?", "And in Denmark?"],
        rows_exp(country("Dania", rows=unit("Szczecin"))),
    )


def refine_year() -> None:
    k = "year"
    add(
        k,
        "pl",
        ["Jakie partnerstwa nawiązały powiaty w 2009 roku?", "A w 2006?"],
        rows_exp(year(PW, 2006)),
    )
    add(
        k,
        "en",
        ["Which powiats started partnerships in 2009?", "And in 2007?"],
        rows_exp(year(PW, 2007)),
    )
    add(
        k,
        "en",
        ["Partnerships with Denmark established in 1991", "And in 1992?"],
        rows_exp(year(country("Dania"), 1992)),
    )
    add(
        k,
        "pl",
        ["Partnerstwa z Holandią z 1991 roku", "A w 1995?"],
        rows_exp(year(country("Holandia"), 1995)),
    )
    add(
        k,
        "en",
        ["Which partners does Kraków have?", "And in 2009?"],
        rows_exp(year(unit("Kraków"), 2009)),
    )
    add(k, "pl", ["Partnerzy Łodzi", "a przed 2000?"], rows_exp(before(unit("Łódź"), 2000)))
    add(
        k,
        "pl",
        ["Partnerstwa z Ukrainą nawiązane w latach 1990–1995", "A w 2009?"],
        rows_exp(year(country("Ukraina"), 2009)),
    )
    add(
        k,
        "en",
        ["Partnerships with Belarus from 2006 to 2008", "And since 2007?"],
        rows_exp(since(country("Białoruś"), 2007)),
    )
    add(
        k,
        "pl",
        ["Współpraca z Litwą w latach 2000-2003", "a od 2005?"],
        rows_exp(since(country("Litwa"), 2005)),
    )
    add(
        k,
        "en",
        [
            "Which gminas started cooperating with Russia in 1993?",
            "What about between 1994 and 1996?",
        ],
        rows_exp(between(country("Rosja", "gmina"), 1994, 1996)),
    )
    add(
        k,
        "pl",
        ["Z kim współpracuje Warszawa?", "A w latach 1990-1995?"],
        rows_exp(between(unit("Warszawa"), 1990, 1995)),
    )


def refine_form() -> None:
    k = "form"
    add(
        k,
        "en",
        ["Who are Gdańsk's partners?", "Which of them are formal agreements?"],
        rows_exp(formal(unit("Gdańsk"))),
    )
    add(
        k,
        "pl",
        ["Partnerzy powiatu łomżyńskiego", "A które z nich to listy intencyjne?"],
        rows_exp(R.letter_of_intent(unit("Powiat łomżyński"))),
    )
    add(
        k,
        "pl",
        ["Które powiaty współpracują z Ukrainą?", "Które z nich to formalne umowy?"],
        rows_exp(formal(country("Ukraina", "powiat"))),
    )
    add(
        k,
        "en",
        ["Which powiats cooperate with Belarus?", "Which of them are only letters of intent?"],
        rows_exp(R.only_letter_of_intent(country("Białoruś", "powiat"))),
    )
    add(
        k,
        "pl",
        ["Partnerzy Lublina", "A które z nich to formalne umowy?"],
        rows_exp(formal(unit("Lublin"))),
    )
    add(
        k,
        "en",
        ["Partnerships with Turkey", "Which of them are formal agreements?"],
        rows_exp(formal(country("Turcja"))),
    )


def refine_unit_type() -> None:
    k = "unit_type"
    add(
        k,
        "pl",
        ["Które gminy współpracują z Łotwą?", "A powiaty?"],
        rows_exp(country("Łotwa", "powiat")),
    )
    add(
        k,
        "en",
        ["Which gminas have partners in Romania?", "And powiats?"],
        rows_exp(country("Rumunia", "powiat")),
    )
    add(
        k,
        "en",
        ["Which powiats have partners in Latvia?", "What about gminas?"],
        rows_exp(country("Łotwa", "gmina")),
    )
    add(
        k,
        "pl",
        ["Jakie powiaty współpracują z Białorusią?", "A gminy?"],
        rows_exp(country("Białoruś", "gmina")),
    )


def show_all() -> None:
    k = "show_all"
    add(k, "pl", ["Partnerzy Muszyny", "Pokaż wszystkie"], rows_exp(unit("Muszyna")))
    add(
        k,
        "en",
        ["Which gminas have partners in Norway?", "Show all of them"],
        rows_exp(country("Norwegia", "gmina")),
    )
    add(k, "pl", ["Partnerzy Krakowa", "Pokaż wszystkie"], rows_exp(unit("Kraków")))
    add(
        k,
        "en",
        ["Lublin partners", "And in Ukraine?", "Show all of them"],
        rows_exp(country("Ukraina", rows=unit("Lublin"))),
    )
    add(
        k,
        "pl",
        ["Partnerstwa powiatów z Niemcami", "pokaż wszystkie"],
        rows_exp(country("Niemcy", "powiat")),
    )


def how_many() -> None:
    k = "how_many"
    add(
        k,
        "pl",
        ["Które gminy mają partnerów w Irlandii?", "Ile ich jest?"],
        count_exp(country("Irlandia", "gmina")),
    )
    add(
        k,
        "en",
        ["Partners of Wrocław in Germany", "How many?"],
        count_exp(country("Niemcy", rows=unit("Wrocław"))),
    )
    add(k, "pl", ["Partnerzy Nowego Sącza", "Ile ich jest?"], count_exp(unit("Nowy Sącz")))
    add(
        k,
        "en",
        ["Which powiats started partnerships in 2009?", "How many?"],
        count_exp(year(PW, 2009)),
    )
    add(
        k,
        "pl",
        ["Partnerzy Opola", "A w Niemczech?", "Ile ich jest?"],
        count_exp(country("Niemcy", rows=unit("Opole"))),
    )
    add(
        k,
        "en",
        ["Which gminas cooperate with Greece?", "How many?"],
        count_exp(country("Grecja", "gmina")),
    )


def nth_item() -> None:
    k = "nth"
    gd = unit("Gdańsk")
    add(
        k,
        "en",
        ["In which countries does Gdańsk have partners?", "Tell me more about the first one"],
        rows_exp(nth_country(gd, 0)),
    )
    add(
        k,
        "pl",
        ["w jakich krajach Wrocław ma partnerów?", "a ten drugi?"],
        rows_exp(nth_country(unit("Wrocław"), 1)),
    )
    add(
        k,
        "pl",
        ["Kraje partnerskie Lublina z liczbą partnerstw", "Powiedz mi więcej o pierwszym"],
        rows_exp(nth_country(unit("Lublin"), 0)),
    )
    add(
        k,
        "en",
        [
            "Which gminas have the most partners in Slovakia? Top 3",
            "Tell me more about the first one",
        ],
        rows_exp(nth_unit(country("Słowacja", "gmina"), 0)),
    )
    add(
        k,
        "pl",
        ["Które 3 gminy mają najwięcej partnerów?", "a ten drugi?"],
        rows_exp(nth_unit(GM, 1)),
    )
    add(
        k,
        "en",
        ["Who are Gdynia's partners?", "Tell me more about the first one"],
        rows_exp(nth_partnership(unit("Gdynia"), 0)),
    )
    add(
        k,
        "pl",
        ["Partnerzy Przemyśla", "a ten drugi?"],
        rows_exp(nth_partnership(unit("Przemyśl"), 1)),
    )
    add(
        k,
        "en",
        ["Which powiats cooperate with Lithuania?", "And the third?"],
        rows_exp(nth_partnership(country("Litwa", "powiat"), 2)),
    )
    add(
        k,
        "en",
        ["Top 5 partner countries of Polish powiats", "Tell me more about the second one"],
        rows_exp(nth_country(PW, 1)),
    )
    add(
        k,
        "pl",
        ["Z którymi 5 krajami powiaty mają najwięcej partnerstw?", "Pokaż więcej o pierwszym"],
        rows_exp(nth_country(PW, 0)),
    )
    add(
        k,
        "pl",
        ["Partnerzy Torunia", "Opowiedz więcej o pierwszym"],
        rows_exp(nth_partnership(unit("Toruń"), 0)),
    )


def clarify_pick() -> None:
    k = "clarify_pick"
    add(k, "pl", ["Partnerzy Suwałk", "2"], rows_exp(exact(option("Suwałki", 1))))
    add(k, "en", ["partners of Suwałki", "the city"], rows_exp(exact("Suwałki")))
    add(k, "pl", ["Z kim współpracują Suwałki?", "ta gmina"], rows_exp(exact("Suwałki (gmina)")))
    add(
        k,
        "pl",
        ["Z kim współpracuje Czernichów?", "Czernichów (pow. żywiecki)"],
        rows_exp(exact("Czernichów (pow. żywiecki)")),
    )
    add(
        k,
        "en",
        ["Partners of Powiat bielski", "1"],
        rows_exp(exact(option("Powiat bielski", 0, "powiat"))),
    )
    add(k, "pl", ["Partnerzy Jasła", "1"], rows_exp(exact(option("Jasło", 0))))
    add(
        k,
        "en",
        ["Partners of Jasło in Slovakia", "2"],
        rows_exp(country("Słowacja", rows=exact(option("Jasło", 1)))),
    )
    add(
        k,
        "pl",
        ["Partnerzy Zamościa na Ukrainie", "ta gmina"],
        rows_exp(country("Ukraina", rows=exact("Zamość (gmina)"))),
    )
    add(
        k,
        "pl",
        ["Partnerzy Jasła na Słowacji", "Jasło (gmina)"],
        rows_exp(country("Słowacja", rows=exact("Jasło (gmina)"))),
    )
    add(
        k,
        "en",
        ["Which partners does Łagów have?", "Łagów (pow. świebodziński)"],
        rows_exp(exact("Łagów (pow. świebodziński)")),
    )
    add(k, "pl", ["Partnerzy Zamościa", "2"], rows_exp(exact(option("Zamość", 1))))
    add(
        k,
        "en",
        ["Who does Michałowice partner with?", "2"],
        rows_exp(exact(option("Michałowice", 1))),
    )


def new_topic() -> None:
    k = "new_topic"
    add(
        k,
        "pl",
        ["Partnerzy Gdyni w Niemczech", "Z kim współpracuje Rzeszów?"],
        rows_exp(unit("Rzeszów")),
    )
    add(
        k,
        "en",
        ["Kraków's partners in Italy", "Who are Toruń's partners?"],
        rows_exp(unit("Toruń")),
    )
    add(
        k,
        "en",
        ["Which powiats started partnerships in 2009?", "Partners of Kietrz"],
        rows_exp(unit("Kietrz")),
    )
    add(
        k,
        "pl",
        ["Partnerzy Opola sprzed 1990 roku", "A partnerzy Poznania?"],
        rows_exp(unit("Poznań")),
    )
    add(
        k,
        "pl",
        ["Które gminy współpracują z Grecją?", "Z kim współpracuje Sulejówek?"],
        rows_exp(unit("Sulejówek")),
    )


def language_switch() -> None:
    k = "language"
    add(
        k,
        "pl",
        ["Who are Gdynia's partners?", "A z Finlandią?"],
        rows_exp(country("Finlandia", rows=unit("Gdynia"))),
    )
    add(
        k,
        "en",
        ["Partnerzy Lublina", "And in Germany?"],
        rows_exp(country("Niemcy", rows=unit("Lublin"))),
    )
    add(
        k,
        "pl",
        ["Which powiats cooperate with Lithuania?", "Ile ich jest?"],
        count_exp(country("Litwa", "powiat")),
    )
    add(
        k,
        "en",
        ["Partnerzy Krakowa we Włoszech", "How many?"],
        count_exp(country("Włochy", rows=unit("Kraków"))),
    )
    add(
        k,
        "pl",
        ["Which gminas have partners in Norway?", "Pokaż wszystkie"],
        rows_exp(country("Norwegia", "gmina")),
    )
    add(
        k,
        "en",
        ["Partnerzy Łodzi", "And in Russia?"],
        rows_exp(country("Rosja", rows=unit("Łódź"))),
    )


def chains() -> None:
    k = "chain"
    add(
        k,
        "pl",
        ["Partnerzy Łodzi", "A na Ukrainie?", "A przed 2000?"],
        rows_exp(before(country("Ukraina", rows=unit("Łódź")), 2000)),
    )
    add(
        k,
        "en",
        ["Which gminas have partners in Slovakia?", "And in 2008?", "And Czech Republic?"],
        rows_exp(year(country("Czechy", "gmina"), 2008)),
    )
    add(
        k,
        "pl",
        ["Które powiaty współpracują z Niemcami?", "A w 2007?", "Ile ich jest?"],
        count_exp(year(country("Niemcy", "powiat"), 2007)),
    )


# ===================================================================== output


def build() -> list[dict]:
    CASES.clear()
    for fn in (
        refine_country,
        refine_year,
        refine_form,
        refine_unit_type,
        show_all,
        how_many,
        nth_item,
        clarify_pick,
        new_topic,
        language_switch,
        chains,
    ):
        fn()
    numbers: Counter = Counter()
    out = []
    for case in CASES:
        lang = case["lang"]
        numbers[lang] += 1
        kind = case.pop("kind")
        out.append({"id": f"fu-{lang}-{numbers[lang]:03d}-{kind}", "category": "followup", **case})
    dup = [t for t, n in Counter(tuple(c["turns"]) for c in out).items() if n > 1]
    if dup:
        raise ValueError(f"duplicate conversations: {dup}")
    return out


def main() -> None:
    cases = build()
    with OUT.open("w", encoding="utf-8") as f:
        for case in cases:
            f.write(json.dumps(case, ensure_ascii=False) + "\n")
    by_lang = Counter(c["lang"] for c in cases)
    print(f"wrote {len(cases)} cases to {OUT.relative_to(R.PROJECT)}: {dict(by_lang)}")


if __name__ == "__main__":
    main()
