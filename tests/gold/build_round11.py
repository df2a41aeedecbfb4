"""Build `tests/gold/round11.jsonl`: an eleventh round of held-out gold cases, typed as visitors
type them in the chat widget.

Written from the corpus (the two survey tables and the three pages), `SPEC.md`, `README.md`,
`tests/gold/README.md`, `reference.py`, `places_reference.py` and `expect.py` alone: the package
is neither read nor run to write it. Every expected row set, count, ranking and name is computed
here from the reference readers; only the questions are typed by hand. The emphasis of this
round: page questions (specific facts of the Olsztyn, Białystok and ZMP pages: dates, names,
places, numbers, associations, events, programmes) answered with the fact first;
conversations of two or three turns whose last turn refines, switches the unit, country or
unit type, counts or asks for the extreme; superlatives, comparisons, distinct counts, yes/no
questions (many answered No), voivodeships in every form, year periods (decades, ranges,
"po 2000", "przed 1995"), exclusions, other languages; and conditions the data cannot answer.
Units and countries are mostly ones the earlier rounds did not ask about.

    /work/main/.venv/bin/python tests/gold/build_round11.py

Meaning rules of this round (on top of README "What the table questions mean" and the rules of
rounds 6-10, whose helpers `expect.py` shares):

- lang: `pl` for Polish questions, `en` for English and every other language (German, Czech,
  Slovak, Ukrainian, Lithuanian, French, Spanish, Italian): the answer is in English and its
  first line may be the sentence on the answer languages, so the names and figures of an
  other-language question are expected in the answer (`answer_contains`), never in the lead; a
  Yes may come after that sentence (then the data must be the evidence only). No other-language
  question is answered No.
- documents: a page question is answered from the page, the fact first: `route` documents,
  `cites` the page line that holds the fact, the fact's key word or number, as written on the
  page, in the lead (`lead_contains`). Page dates (30.06.2012) may be written back in words, so
  a date is expected by its year. A pair the survey also holds may be answered from the survey
  (`any_of`: the page line cited with the fact in the lead, or the survey row in `data`), with
  the fact in the answer. "Which pages mention X" leads with the page; "a partner of both
  Olsztyn and Białystok" gives every such city (Kaliningrad, Lutsk / Łuck), with both pages
  cited.
- followups: only the last turn is scored; the filters of the earlier turns stay unless the last
  turn replaces them ("a gminy?" the unit type, "a w irlandii?" the country, "and what about X?"
  the unit). "how many is that" after a list of units is asked only where rows and distinct
  units agree; "ile to gmin" counts distinct gminas; "w jakich krajach" is the breakdown by
  country; "sort" keeps the rows.
- superlative: "which unit / country has the most" = `top: [winner]` with the winner and its
  count in the lead (ties: every tied name and the count in the lead); "oldest / newest / first /
  most recent" = the rows with the smallest / largest year (a row's year is the smaller of its
  cells' years), every tied row, the year in the answer.
- comparison: `groups` exact (the unit with its disambiguator, Polish country names as
  written), the larger in the lead; ties and zeros refused. Two years compared: both counts in
  the answer and the larger year in the lead.
- distinct_count: distinct units / distinct countries, `total` and the number in the answer.
- yes_no: `answer_starts_with` Tak/Yes with `rows_include` of every evidence row, or Nie/No
  when no row matches (by unit, country, partner name variants and exonyms, form and years,
  the looser reading of the year cells for "before").
- region: voivodeships come from GeoNames (`places_reference.py`): the rows of units surely in
  the voivodeship must be in the answer, and every row must be of a unit that may be there.
  "Śląsk / na Śląsku" is the śląskie voivodeship (README: the regional names of the 16
  voivodeships); "towns / miasta" may mean the gmina table or every unit: both accepted.
- year_period: "w latach 90. / the nineties" = 1990-1999, "the eighties / lata 80." =
  1980-1989, "the 2000s" = 2000-2009, "po / after Y" strictly after, "przed / before Y"
  strictly before, "od / since Y" inclusive, "A-B" inclusive; either cell's year (README);
  refused where the looser reading of the cells picks other rows.
- exclusion: "oprócz", "poza", "bez", "except", "leaving out": the rows of the positive
  filters minus the excluded ones, `rows` exact; "units with X but none in Y": the X rows of
  those units, or their aggregate by unit.
- unsupported: a constraint the survey does not record (costs, mayors, train or ferry links,
  spas, hospitals, breweries, religion, budgets, stadiums, tourists, suspension by war, a year
  after the tables' last) must be in `not_applied` with the question's own word, and the rows,
  if any, come from the real filters only. Population is not asked (README answers it from
  GeoNames), nor plain distance.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reference as R  # noqa: E402
from expect import (  # noqa: E402
    ENGLISH,
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

OUT = HERE / "round11.jsonl"

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


def but_none(pool: list[R.Row], has: str, lacks: str) -> dict:
    """Units with partners in `has` but none in `lacks`: their `has` rows, or the aggregate."""
    with_has = country(has, rows=pool)
    lacking = {r.unit for r in country(lacks, rows=pool)}
    picked = narrowing([r for r in with_has if r.unit not in lacking], with_has)
    return {"any_of": [rows_exp(picked), {"route": "table", "groups": R.group_by_unit(picked)}]}


def page_lines(source: str) -> list[str]:
    return (R.PROJECT / source).read_text(encoding="utf-8").split("\n")


def page_line(source: str, needle: str) -> int:
    hits = [i for i, line in enumerate(page_lines(source), start=1) if needle in line]
    if len(hits) != 1:
        raise ValueError(f"{needle!r} on lines {hits} of {source}")
    return hits[0]


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
    a, b = make(every), make(towns)
    return a if a == b else {"any_of": [a, b]}


def by_country_exp(rows: list[R.Row]) -> dict:
    """'In which countries': the breakdown by country, exact."""
    groups = R.group_by_country(rows)
    if len(groups) < 2:
        raise ValueError("one country: not a breakdown")
    return {"route": "table", "groups": dict(sorted(groups.items()))}


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
        out["answer_contains"] = list(dict.fromkeys([*out.get("answer_contains", []), *lead]))
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


def page_exp(source: str, needle: str, facts: list[str], *, window: int = 2) -> dict:
    """A page fact: answered from the page, cited, the fact first (in the lead)."""
    line = page_line(source, needle)
    text = page_lines(source)
    near = " ".join(text[line - 1 : line + window])
    for fact in facts:
        if fact.lower() not in near.lower():
            raise ValueError(f"{fact!r} is not on or just after line {line} of {source}")
    return {
        "route": "documents",
        "cites": [[source, line]],
        "answer_contains": facts,
        "lead_contains": facts,
    }


def page_or_survey(source: str, needle: str, facts: list[str], rows: list[R.Row]) -> dict:
    """A pair the page and the survey both hold: the page (cited, the fact in the lead) or the
    survey row; the fact in the answer either way."""
    if not rows:
        raise ValueError("the survey does not hold the pair")
    page = page_exp(source, needle, facts)
    for fact in facts:
        if not any(
            R.fold(fact) in R.fold(f"{r.partner} {r.agreement} {r.other_form}") for r in rows
        ):
            raise ValueError(f"{fact!r} is not in the survey rows {R.keys(rows)}")
    return {
        "answer_contains": facts,
        "any_of": [
            {k: v for k, v in page.items() if k != "answer_contains"},
            {"route": "table", "rows_include": R.keys(rows)},
        ],
    }


# ======================================================================= cases


def document_cases() -> None:
    c = "documents"
    pl, en = "pl", "en"
    # ---- Olsztyn (the page is in English)
    if partner("Halmstadt", rows=unit("Olsztyn")) or partner("Halmstad", rows=unit("Olsztyn")):
        raise ValueError("the survey holds Olsztyn - Halmstad: not a page-only fact")
    add(
        c,
        pl,
        "olsztyn i halmstadt - w ktorym roku podpisali umowe o wspolpracy",
        page_exp(OLSZTYN_PAGE, "Halmstadt in Sweden (2003)", ["2003"]),
    )
    add(
        c,
        en,
        "hi, which italian province did olsztyn sign a cooperation agreement with?",
        page_or_survey(
            OLSZTYN_PAGE,
            "province of Perugia",
            ["Perugia"],
            country("Włochy", rows=unit("Olsztyn")),
        ),
    )
    _, oldest = sup_rows(unit("Olsztyn"), "min")
    add(
        c,
        en,
        "what is olsztyn's oldest twin town",
        page_or_survey(OLSZTYN_PAGE, "Rovaniemi (Finland)", ["Rovaniemi", "1976"], oldest),
    )
    add(
        c,
        pl,
        "ktore miasto partnerskie olsztyna lezy we francji",
        page_or_survey(
            OLSZTYN_PAGE,
            "Châteauroux (France)",
            ["Châteauroux"],
            country("Francja", rows=unit("Olsztyn")),
        ),
    )
    add(
        c,
        en,
        "Olsztyn's partner in Ukraine: since what year, according to the city's own website?",
        page_exp(OLSZTYN_PAGE, "Lutsk (Ukraine)", ["Lutsk", "1997"]),
    )
    add(
        c,
        en,
        "what do doctors and teachers from olsztyn do in its partner cities",
        page_exp(OLSZTYN_PAGE, "vocational training trips", ["vocational training"], window=1),
    )
    add(
        c,
        pl,
        "dzien dobry, czy olsztyn ma miasto partnerskie w rosji? jakie",
        page_or_survey(
            OLSZTYN_PAGE,
            "Kaliningrad (Russia)",
            ["Kaliningrad"],
            country("Rosja", rows=unit("Olsztyn")),
        ),
    )
    # ---- Białystok (the page is in Polish)
    add(
        c,
        pl,
        "gdzie bialystok podpisal list intencyjny z irkuckiem",
        page_exp(BIALYSTOK_PAGE, "Irkuck (Rosja)", ["Białymstoku"], window=1),
    )
    add(
        c,
        en,
        "which city did bialystok sign a letter of intent with in 2010",
        page_exp(BIALYSTOK_PAGE, "Yehud (Izrael)", ["Yehud"], window=1),
    )
    add(
        c,
        pl,
        "Z którym miastem Białystok podpisał umowę o współpracy w 2013 r.?",
        page_exp(BIALYSTOK_PAGE, "Łuck (Ukraina)", ["Łuck"], window=1),
    )
    add(
        c,
        pl,
        "bialystok i azerbejdzan - jakie to miasto",
        page_exp(BIALYSTOK_PAGE, "Sumqayit (Azerbejdżan)", ["Sumqayit"], window=1),
    )
    add(
        c,
        en,
        "When was Białystok's cooperation agreement with Kaliningrad renewed?",
        page_exp(BIALYSTOK_PAGE, "Kaliningrad (Rosja)", ["2009"], window=1),
    )
    add(
        c,
        pl,
        "kiedy białystok odnowił umowę o współpracy z grodnem?",
        page_exp(BIALYSTOK_PAGE, "Grodno (Białoruś)", ["2009"], window=1),
    )
    add(
        c,
        en,
        "what festival in grodno did bialystok take part in in 2014",
        page_exp(BIALYSTOK_PAGE, "Republikański Festiwal", ["Kultur Narodowych"], window=1),
    )
    add(
        c,
        pl,
        "Jak nazywało się forum w Gori w 2016 roku, w którym brał udział Białystok?",
        page_exp(BIALYSTOK_PAGE, "Rola samorządów", ["Rola samorządów"], window=1),
    )
    add(
        c,
        en,
        "hello! what was the photo exhibition about jelgava that was shown in bialystok called?",
        page_exp(BIALYSTOK_PAGE, "Jełgawa w obiektywie", ["w obiektywie"], window=1),
    )
    add(
        c,
        pl,
        "w jakim miescie na malcie pokazano zdjecia bialegostoku",
        page_exp(BIALYSTOK_PAGE, "w Mdinie", ["Mdin"], window=1),
    )
    add(
        c,
        en,
        "When did Białystok host the Poland-Belarus partner cities forum?",
        page_exp(BIALYSTOK_PAGE, "Forum Miast Partnerskich Polska", ["2014"]),
    )
    add(
        c,
        pl,
        "w ktorych latach odbyl sie wyscig kolarski juniorow niemen",
        page_exp(BIALYSTOK_PAGE, "Wyścig Kolarski", ["2016", "2017"], window=1),
    )
    add(
        c,
        en,
        "the francisco peralta puppet collection project - which museum is it linked to",
        page_exp(BIALYSTOK_PAGE, "Muzeum Marionetek", ["Segovi"], window=1),
    )
    add(
        c,
        pl,
        "z jaka instytucja o podobnym profilu bialystok wymienia doswiadczenia w ramach aviamy?",
        page_exp(BIALYSTOK_PAGE, "UNIMA", ["UNIMA"], window=1),
    )
    add(
        c,
        en,
        "Which yearly Eurocities meetings does Białystok attend?",
        page_exp(BIALYSTOK_PAGE, "Cooperation Platform", ["Cooperation Platform"], window=1),
    )
    add(
        c,
        pl,
        "czy list intencyjny bialegostoku z jelgawa z 1994 jest jeszcze wazny",
        page_exp(BIALYSTOK_PAGE, "Jełgawa (Łotwa)", ["wygas"], window=1),
    )
    add(
        c,
        en,
        "bornova and bialystok first signed a letter of intent - in what year did the actual "
        "cooperation agreement follow?",
        page_exp(BIALYSTOK_PAGE, "Bornova (Turcja)", ["2015"], window=1),
    )
    add(
        c,
        pl,
        "Kiedy i gdzie Białystok podpisał list intencyjny z Łuckiem?",
        page_exp(BIALYSTOK_PAGE, "Łuck (Ukraina)", ["2011"], window=1),
    )
    add(
        c,
        en,
        "Seit wann ist Białystok Mitglied bei Eurocities?",
        other_language(page_exp(BIALYSTOK_PAGE, "Eurocities (2005)", ["2005"], window=1)),
    )
    # ---- the ZMP page (in Polish)
    add(
        c,
        pl,
        "jak brzmi pelna polska nazwa CEMR?",
        page_exp(ZMP_PAGE, "(CEMR)", ["Rada Gmin i Regionów Europy"], window=1),
    )
    add(
        c,
        pl,
        "w ramach jakiego programu komisji europejskiej opracowano w 2009 bazy partnerstw",
        page_exp(ZMP_PAGE, "Bazy danych zostały opracowane", ["Europa dla Obywateli"], window=1),
    )
    add(
        c,
        pl,
        "jakie listy partnerstw mozna pobrac ze strony zmp",
        page_exp(ZMP_PAGE, "Listy partnerstw dostępne", ["powiaty", "województwa"], window=1),
    )
    add(
        c,
        pl,
        "Pod jakim adresem znajdę interaktywną mapę polsko-niemieckich partnerstw?",
        page_exp(ZMP_PAGE, "miasto.lh.pl", ["miasto.lh.pl"], window=1),
    )
    add(
        c,
        pl,
        "hej, ile mniej wiecej par miast blizniaczych maja polskie samorzady wedlug zmp",
        page_exp(ZMP_PAGE, "blisko 4 000", ["4 000"], window=1),
    )
    add(
        c,
        pl,
        "W czym według ZMP pomaga współpraca partnerska miast?",
        page_exp(ZMP_PAGE, "poczucia jedności europejskiej", ["jedności europejskiej"], window=1),
    )
    add(
        c,
        pl,
        "do ilu gmin, miast i powiatów rozesłano ankietę w 2009 roku?",
        page_exp(ZMP_PAGE, "Bazy danych zostały opracowane", ["3000"], window=1),
    )
    add(
        c,
        en,
        "where are the publications about the europe for citizens programme? need the link",
        page_exp(ZMP_PAGE, "mediateka", ["mediateka"], window=1),
    )
    add(
        c,
        en,
        "Which foundation co-funded the interactive Polish-German partnership map?",
        page_exp(ZMP_PAGE, "Fundacji Współpracy", ["Współpracy Polsko"], window=1),
    )
    # ---- across the pages
    kal_o = page_line(OLSZTYN_PAGE, "Kaliningrad (Russia)")
    kal_b = page_line(BIALYSTOK_PAGE, "Kaliningrad (Rosja)")
    add(
        c,
        en,
        "do olsztyn and bialystok share a partner city? which one(s)",
        {
            "cites": [[OLSZTYN_PAGE, kal_o], [BIALYSTOK_PAGE, kal_b]],
            "answer_contains": ["Kaliningrad"],
            "any_of": [{"answer_contains": ["Lutsk"]}, {"answer_contains": ["Łuck"]}],
        },
    )
    for source in (OLSZTYN_PAGE, ZMP_PAGE):
        if any("Holandia" in line or "Netherlands" in line for line in page_lines(source)):
            raise ValueError(f"{source} mentions the Netherlands too")
    add(
        c,
        pl,
        "na ktorej stronie jest mowa o miescie w holandii",
        {
            "route": "documents",
            "cites": [[BIALYSTOK_PAGE, page_line(BIALYSTOK_PAGE, "Eindhoven (Holandia)")]],
            "lead_contains": ["Białyst"],
            "answer_contains": ["Eindhoven"],
        },
    )


def sup_rows(rows: list[R.Row], which: str) -> tuple[int, list[R.Row]]:
    exp = sup_exp(rows, which)
    keys = exp["rows"]
    return int(exp["answer_contains"][0]), [r for r in rows if r.key in keys]


def followup_cases() -> None:
    c = "followups"
    pl, en = "pl", "en"
    pt = unit("Piotrków Trybunalski")
    add(
        c,
        pl,
        ["partnerzy piotrkowa trybunalskiego", "a te z ukrainy i bialorusi?"],
        rows_exp(narrowing(countries(("Ukraina", "Białoruś"), rows=pt), pt)),
    )
    si = country("Słowenia", "gmina")
    add(
        c,
        pl,
        ["Które gminy mają partnerów w Słowenii?", "a które z nich mają formalną umowę?"],
        rows_exp(narrowing(formal(si), si)),
    )
    lb = unit("Lębork")
    add(
        c,
        pl,
        ["partnerzy lęborka", "ile z nich to umowy formalne?"],
        count_exp(narrowing(formal(lb), lb)),
    )
    add(
        c,
        pl,
        ["powiaty z partnerami we włoszech", "a gminy?"],
        rows_exp(country("Włochy", "gmina")),
    )
    add(
        c,
        pl,
        ["z kim wspolpracuje tymbark", "a ktory partner jest najstarszy"],
        sup_exp(unit("Tymbark"), "min"),
    )
    add(
        c,
        pl,
        ["gminy z partnerami w szwajcarii", "a w irlandii?"],
        rows_exp(country("Irlandia", "gmina")),
    )
    add(
        c,
        pl,
        ["partnerzy wałbrzycha", "a piotrkowa trybunalskiego?", "tylko te od 2000 roku"],
        rows_exp(since(pt, 2000)),
    )
    add(
        c,
        pl,
        ["ktore powiaty wspolpracuja z rumunia", "a z bulgaria?"],
        rows_exp(country("Bułgaria", "powiat")),
    )
    add(
        c,
        pl,
        ["partnerstwa kobylnicy", "posortuj od najnowszego"],
        rows_exp(unit("Kobylnica")),
    )
    add(
        c,
        pl,
        ["Partnerzy Świnoujścia", "a po 2000?"],
        rows_exp(after(unit("Świnoujście"), 2000)),
    )
    add(
        c,
        pl,
        ["gminy wspolpracujace z turcja", "ile to gmin"],
        count_exp(same_units(country("Turcja", "gmina"))),
    )
    add(c, pl, ["partnerzy ełku", "a w jakich to krajach?"], by_country_exp(unit("Ełk")))
    add(
        c,
        pl,
        ["które gminy mają partnerów w finlandii", "a która ma ich najwięcej?"],
        top_exp(R.group_by_unit(country("Finlandia", "gmina"))),
    )
    le = unit("Leszno")
    add(
        c,
        pl,
        ["z kim współpracuje leszno", "a które z tego to tylko inna forma, bez umowy?"],
        rows_exp(narrowing(only_other_form(le), le)),
    )
    ni = unit("Niepołomice")
    add(
        c,
        en,
        ["Niepołomice partner towns", "which of them are only letters of intent?"],
        rows_exp(narrowing(R.only_letter_of_intent(ni), ni)),
    )
    add(
        c,
        en,
        ["which gminas partner with towns in slovenia?", "and the powiats?"],
        rows_exp(country("Słowenia", "powiat")),
    )
    za = unit("Zarszyn")
    add(
        c,
        en,
        ["partners of zarszyn", "only the ukrainian ones"],
        rows_exp(narrowing(country("Ukraina", rows=za), za)),
    )
    add(
        c,
        en,
        ["Which powiats have partners in Belarus?", "which one has the most?"],
        top_exp(R.group_by_unit(country("Białoruś", "powiat"))),
    )
    add(
        c,
        en,
        ["krapkowice twin towns", "and what about szklarska poreba?"],
        rows_exp(unit("Szklarska Poręba")),
    )
    add(
        c,
        en,
        ["gminas cooperating with norwegian towns", "only before 2000"],
        rows_exp(before(country("Norwegia", "gmina"), 2000)),
    )
    add(
        c,
        en,
        ["swinoujscie partners", "how many countries is that?"],
        distinct_countries(unit("Świnoujście")),
    )
    add(
        c,
        en,
        ["Which gminas have partners in Austria?", "and in Switzerland?", "how many is that?"],
        count_exp(same_units(country("Szwajcaria", "gmina"))),
    )
    add(c, en, ["Biały Bór partners", "the oldest one?"], sup_exp(unit("Biały Bór"), "min"))
    in_2000s = lambda y: 2000 <= y <= 2009  # noqa: E731
    add(
        c,
        en,
        [
            "polish towns twinned with estonian towns",
            "only formal agreements",
            "and from the 2000s?",
        ],
        towns_exp(
            formal_years(country("Estonia"), in_2000s),
            formal_years(country("Estonia", "gmina"), in_2000s),
        ),
    )
    wa = unit("Wałbrzych")
    add(
        c,
        en,
        ["partners of wałbrzych", "except the german ones"],
        rows_exp(minus(wa, country("Niemcy", rows=wa))),
    )
    add(
        c,
        pl,
        [
            "ktore powiaty maja partnerow na lotwie",
            "a ktory z nich najwczesniej zaczal wspolprace?",
        ],
        sup_exp(country("Łotwa", "powiat"), "min"),
    )


def superlative_cases() -> None:
    c = "superlative"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "najstarsze partnerstwo ze szwedzkim miastem - kto i kiedy?",
        sup_exp(country("Szwecja"), "min"),
    )
    add(
        c,
        pl,
        "ktory powiat pierwszy nawiazal wspolprace z wegrami",
        sup_exp(country("Węgry", "powiat"), "min"),
    )
    add(
        c,
        pl,
        "z jakim krajem lebork ma najwiecej partnerow",
        top_exp(R.group_by_country(unit("Lębork"))),
    )
    add(
        c,
        pl,
        "najstarsze partnerstwo piotrkowa trybunalskiego",
        sup_exp(unit("Piotrków Trybunalski"), "min"),
    )
    add(
        c,
        pl,
        "Który powiat ma najwięcej partnerów w Rosji?",
        top_exp(R.group_by_unit(country("Rosja", "powiat"))),
    )
    add(c, pl, "najnowsza umowa kobylnicy?", sup_exp(unit("Kobylnica"), "max"))
    add(c, en, "newest partnership with an irish town?", sup_exp(country("Irlandia"), "max"))
    add(c, en, "what's the most recent twinning of zawiercie", sup_exp(unit("Zawiercie"), "max"))
    add(
        c,
        en,
        "which polish town was the first to partner with a belgian one",
        towns_exp(country("Belgia"), country("Belgia", "gmina"), lambda rs: sup_exp(rs, "min")),
    )
    add(
        c,
        en,
        "Which country does Tymbark have the most partners in?",
        top_exp(R.group_by_country(unit("Tymbark")), en, countries=True),
    )
    add(
        c,
        en,
        "which powiat most recently partnered with a lithuanian district?",
        sup_exp(country("Litwa", "powiat"), "max"),
    )


def comparison_cases() -> None:
    c = "comparison"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "niepolomice czy walbrzych - kto ma wiecej partnerow",
        compare_exp(units_compared(["Niepołomice", "Wałbrzych"])),
    )
    add(
        c,
        pl,
        "Gminy mają więcej partnerstw z Rumunią czy z Bułgarią?",
        compare_exp({k: len(country(k, "gmina")) for k in ("Rumunia", "Bułgaria")}, countries=True),
    )
    add(
        c,
        pl,
        "piotrków trybunalski, wałbrzych i krapkowice – porównaj liczbę partnerów",
        compare_exp(units_compared(["Piotrków Trybunalski", "Wałbrzych", "Krapkowice"])),
    )
    add(
        c,
        pl,
        "w ktorym roku gminy nawiazaly wiecej partnerstw z ukraina, w 2001 czy w 2005?",
        years_compared(country("Ukraina", "gmina"), 2001, 2005),
    )
    add(
        c,
        pl,
        "powiat goleniowski czy kętrzyński: który ma więcej partnerów?",
        compare_exp(units_compared(["Powiat goleniowski", "Powiat kętrzyński"])),
    )
    add(
        c,
        en,
        "do powiats have more partners in germany or in ukraine",
        compare_exp(
            {k: len(country(k, "powiat")) for k in ("Niemcy", "Ukraina")}, en, countries=True
        ),
    )
    add(
        c,
        en,
        "kobylnica or zarszyn: who has more slovak partners?",
        compare_exp(
            units_compared(["Kobylnica", "Zarszyn"], lambda rs: country("Słowacja", rows=rs))
        ),
    )
    add(
        c,
        en,
        "Świnoujście vs Leszno - which one has more formal agreements?",
        compare_exp(units_compared(["Świnoujście", "Leszno"], formal)),
    )


def distinct_cases() -> None:
    c = "distinct_count"
    pl, en = "pl", "en"
    add(c, pl, "ile polskich gmin ma partnera w rosji", distinct_units(country("Rosja", "gmina")))
    add(c, pl, "z ilu krajow sa partnerzy tymbarku", distinct_countries(unit("Tymbark")))
    add(
        c,
        pl,
        "Ile różnych gmin podpisało formalną umowę z duńskim miastem?",
        distinct_units(formal(country("Dania", "gmina"))),
    )
    add(
        c,
        pl,
        "ile gmin nawiazalo wspolprace z lotwa po 2000 roku",
        distinct_units(after(country("Łotwa", "gmina"), 2000), allow_equal=True),
    )
    add(
        c,
        en,
        "how many distinct polish gminas are twinned with american towns?",
        distinct_units(country("USA", "gmina")),
    )
    add(
        c, en, "in how many countries does lebork have partners", distinct_countries(unit("Lębork"))
    )
    add(
        c,
        en,
        "How many powiats have Lithuanian partners?",
        distinct_units(country("Litwa", "powiat")),
    )


def yes_no_cases() -> None:
    c = "yes_no"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "czy tymbark ma partnera w niemczech",
        yes_exp(country("Niemcy", rows=unit("Tymbark")), pl),
    )
    add(
        c,
        pl,
        "czy dobre miasto wspolpracuje z kims na bialorusi?",
        no_answer_exp(country("Białoruś", rows=unit("Dobre Miasto")), pl),
    )
    add(
        c,
        pl,
        "Czy Wałbrzych ma miasto partnerskie na Malcie?",
        yes_exp(country("Malta", rows=unit("Wałbrzych")), pl),
    )
    if not country("Chiny", "gmina"):
        raise ValueError("the No must be about the unit type")
    add(
        c,
        pl,
        "czy ktorys polski powiat wspolpracuje z chinami",
        no_answer_exp(country("Chiny", rows=PW), pl),
    )
    add(
        c,
        pl,
        "Czy Krapkowice podpisały umowę z jakimś miastem w USA jeszcze przed 2000 rokiem?",
        no_answer_exp(R.before(country("USA", rows=unit("Krapkowice")), 2000, loose=True), pl),
    )
    alytus = partner("Alytus", rows=unit("Ełk"))
    if not alytus:
        raise ValueError("Ełk - Alytus is in the survey: the No is about the form")
    add(
        c,
        pl,
        "czy elk ma formalna umowe z alytusem",
        no_answer_exp(formal(alytus) + [r for r in alytus if R.cell_years(r.agreement)], pl),
    )
    add(
        c,
        pl,
        "hej, czy piaseczno ma jakiegos partnera w niemczech?",
        no_answer_exp(country("Niemcy", rows=unit("Piaseczno")), pl),
    )
    add(
        c,
        pl,
        "czy korfantów współpracuje z jakimś miastem w austrii",
        no_answer_exp(country("Austria", rows=unit("Korfantów")), pl),
    )
    if not country("Norwegia", "gmina"):
        raise ValueError("the No must be about the unit type")
    add(
        c,
        en,
        "does any polish powiat have a partner in norway",
        no_answer_exp(country("Norwegia", rows=PW), en),
    )
    add(
        c,
        en,
        "is jastrzebie zdroj twinned with a town in spain?",
        no_answer_exp(country("Hiszpania", rows=unit("Jastrzębie Zdrój")), en),
    )
    add(
        c,
        en,
        "Does Świnoujście have a partner in Russia?",
        yes_exp(country("Rosja", rows=unit("Świnoujście")), en),
    )
    add(
        c,
        en,
        "is zarszyn twinned with anything in the czech republic",
        no_answer_exp(country("Czechy", rows=unit("Zarszyn")), en),
    )
    add(
        c,
        en,
        "Is Biały Bór partnered with Lviv?",
        yes_exp(partner("Lviv", rows=unit("Biały Bór")), en),
    )


def region_cases() -> None:
    c = "region"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "gminy na slasku z partnerami na slowacji",
        region_exp("83", country("Słowacja", "gmina")),
    )
    add(
        c,
        pl,
        "Które gminy w Wielkopolsce współpracują z Węgrami?",
        region_exp("86", country("Węgry", "gmina")),
    )
    add(
        c,
        pl,
        "gminy w zachodniopomorskim z partnerami w szwecji",
        region_exp("87", country("Szwecja", "gmina")),
    )
    add(
        c,
        pl,
        "gminy z małopolski współpracujące z włochami",
        region_exp("77", country("Włochy", "gmina")),
    )
    add(
        c,
        pl,
        "mazowieckie gminy, ktore maja partnerow we francji",
        region_exp("78", country("Francja", "gmina")),
    )
    add(
        c,
        pl,
        "gminy z łódzkiego, które współpracują z Niemcami",
        region_exp("74", country("Niemcy", "gmina")),
    )
    add(
        c,
        en,
        "gminas in the Pomeranian Voivodeship with Lithuanian partners",
        region_exp("82", country("Litwa", "gmina")),
    )
    add(
        c,
        en,
        "which gminas in subcarpathia have hungarian partners",
        region_exp("80", country("Węgry", "gmina")),
    )
    add(
        c,
        en,
        "opole voivodeship gminas twinned with ukrainian towns",
        region_exp("79", country("Ukraina", "gmina")),
    )
    add(
        c,
        en,
        "Gminas of the Lublin Voivodeship with German partners?",
        region_exp("75", country("Niemcy", "gmina")),
    )


def year_period_cases() -> None:
    c = "year_period"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "partnerstwa gmin z wegrami w latach 90.",
        rows_exp(between(country("Węgry", "gmina"), 1990, 1999)),
    )
    add(
        c,
        pl,
        "Które gminy nawiązały współpracę z Rosją po 2000 roku?",
        rows_exp(after(country("Rosja", "gmina"), 2000)),
    )
    add(c, pl, "partnerstwa z litwa sprzed 1995 roku", rows_exp(before(country("Litwa"), 1995)))
    add(
        c,
        pl,
        "partnerzy wałbrzycha z lat 1995-2005",
        rows_exp(between(unit("Wałbrzych"), 1995, 2005)),
    )
    add(
        c,
        pl,
        "ile partnerstw z czechami nawiazaly powiaty w latach 2000-2009",
        count_exp(between(country("Czechy", "powiat"), 2000, 2009)),
    )
    add(
        c,
        pl,
        "w latach 80. - jakie gminy zaczely wspolprace ze szwecja?",
        rows_exp(between(country("Szwecja", "gmina"), 1980, 1989)),
    )
    add(
        c,
        en,
        "partnerships with dutch towns from the eighties",
        rows_exp(between(country("Holandia"), 1980, 1989)),
    )
    add(
        c,
        en,
        "Which gminas started working with Belgian towns in the 2000s?",
        rows_exp(between(country("Belgia", "gmina"), 2000, 2009)),
    )
    add(c, en, "polish-austrian twinnings since 2004", rows_exp(since(country("Austria"), 2004)))
    add(
        c,
        en,
        "powiats and lithuania: partnerships between 1998 and 2003",
        rows_exp(between(country("Litwa", "powiat"), 1998, 2003)),
    )


def exclusion_cases() -> None:
    c = "exclusion"
    pl, en = "pl", "en"
    kp = unit("Kamień Pomorski")
    add(
        c,
        pl,
        "partnerzy kamienia pomorskiego oprócz niemieckich",
        rows_exp(minus(kp, country("Niemcy", rows=kp))),
    )
    lb = unit("Lębork")
    add(
        c,
        pl,
        "partnerzy lęborka bez niemiec i francji",
        rows_exp(minus(lb, countries(("Niemcy", "Francja"), rows=lb))),
    )
    kb = unit("Kobylnica")
    add(
        c,
        pl,
        "kobylnica - partnerzy, ale bez tych krajowych",
        rows_exp(minus(kb, country("Polska", rows=kb))),
    )
    add(
        c,
        pl,
        "Które powiaty mają partnerów na Litwie, ale żadnego na Ukrainie?",
        but_none(PW, "Litwa", "Ukraina"),
    )
    il = country("Izrael", "gmina")
    add(
        c,
        pl,
        "gminy wspolpracujace z izraelem oprocz warszawy i lublina",
        rows_exp(minus(il, unit("Warszawa") + unit("Lublin"))),
    )
    add(
        c,
        en,
        "Leszno's partners except the ones in France and the Netherlands",
        rows_exp(minus(unit("Leszno"), countries(("Francja", "Holandia"), rows=unit("Leszno")))),
    )
    dk = country("Dania", "gmina")
    add(
        c,
        en,
        "gminas with danish partners, leaving out strzelce krajenskie",
        rows_exp(minus(dk, unit("Strzelce Krajeńskie"))),
    )
    add(
        c,
        en,
        "Which gminas have partners in Latvia but none in Lithuania?",
        but_none(GM, "Łotwa", "Litwa"),
    )


def other_language_cases() -> None:
    c = "other_language"
    en = "en"
    add(
        c,
        en,
        "Hat Wolsztyn eine Partnerstadt in den Niederlanden?",
        other_language_yes(country("Holandia", rows=unit("Wolsztyn"))),
    )
    add(
        c, en, "Kolik partnerských měst má Czaplinek?", other_language(count_exp(unit("Czaplinek")))
    )
    add(
        c,
        en,
        "Má Zarszyn partnerov na Slovensku?",
        other_language_yes(country("Słowacja", rows=unit("Zarszyn"))),
    )
    add(c, en, "З якими містами співпрацює Валбжих?", other_language(rows_exp(unit("Wałbrzych"))))
    add(
        c,
        en,
        "Kokius partnerius Lietuvoje turi Ełk?",
        other_language(rows_exp(country("Litwa", rows=unit("Ełk")))),
    )
    add(
        c,
        en,
        "Quelles villes polonaises sont jumelées avec des villes irlandaises ?",
        other_language(towns_exp(country("Irlandia"), country("Irlandia", "gmina"))),
    )
    add(
        c,
        en,
        "¿Cuál es el hermanamiento más antiguo de Kamień Pomorski?",
        other_language(sup_exp(unit("Kamień Pomorski"), "min")),
    )
    add(
        c,
        en,
        "Quante città gemellate ha Niepołomice?",
        other_language(count_exp(unit("Niepołomice"))),
    )
    add(
        c,
        en,
        "Wie viele polnische Landkreise haben Partner in Lettland?",
        other_language(distinct_units(country("Łotwa", "powiat"))),
    )
    add(
        c,
        en,
        "Která polská města mají partnera v Bulharsku?",
        other_language(towns_exp(country("Bułgaria"), country("Bułgaria", "gmina"))),
    )
    add(
        c,
        en,
        "Jastrzębie Zdrój a-t-elle une ville jumelle en France ?",
        other_language_yes(country("Francja", rows=unit("Jastrzębie Zdrój"))),
    )


def unsupported_cases() -> None:
    c = "unsupported"
    for lang, q, stems, real in [
        (
            "pl",
            "ktore miasta partnerskie tymbarku maja uzdrowisko",
            ["uzdrowisk"],
            lambda: unit("Tymbark"),
        ),
        (
            "pl",
            "ile kosztuje wyjazd do miasta partnerskiego lęborka?",
            ["kosztuje", "koszt"],
            lambda: unit("Lębork"),
        ),
        (
            "pl",
            "jak nazywaja sie burmistrzowie miast partnerskich krapkowic",
            ["burmistrz"],
            lambda: unit("Krapkowice"),
        ),
        (
            "pl",
            "Do których partnerów Piaseczna dojadę pociągiem w mniej niż 5 godzin?",
            ["pociąg", "pociagiem", "dojadę"],
            lambda: unit("Piaseczno"),
        ),
        (
            "pl",
            "partnerzy świnoujścia, które mają port promowy",
            ["promow", "port"],
            lambda: unit("Świnoujście"),
        ),
        (
            "pl",
            "jakim językiem mówi się w miastach partnerskich wolsztyna",
            ["język", "mówi"],
            lambda: unit("Wolsztyn"),
        ),
        (
            "pl",
            "partnerstwa ełku zawieszone z powodu wojny",
            ["zawiesz", "wojn"],
            lambda: unit("Ełk"),
        ),
        (
            "pl",
            "ilu turystów z miast partnerskich przyjeżdża co roku do szklarskiej poręby",
            ["turyst"],
            lambda: unit("Szklarska Poręba"),
        ),
        (
            "en",
            "Which of Kobylnica's partner towns have a hospital?",
            ["hospital"],
            lambda: unit("Kobylnica"),
        ),
        ("en", "zarszyn partner villages with a brewery", ["brewer"], lambda: unit("Zarszyn")),
        ("en", "czaplinek partners i can get to by ferry", ["ferry"], lambda: unit("Czaplinek")),
        (
            "en",
            "which of walbrzych's twin towns have a catholic majority",
            ["catholic"],
            lambda: unit("Wałbrzych"),
        ),
        (
            "en",
            "Biały Bór partnerships and their yearly budgets",
            ["budget"],
            lambda: unit("Biały Bór"),
        ),
        (
            "en",
            "which korfantow partners have a football stadium?",
            ["stadium", "football"],
            lambda: unit("Korfantów"),
        ),
    ]:
        add(c, lang, q, stems_unsupported(stems, real(), q))
    q = "które partnerstwa niepołomic były nadal aktywne w 2022 roku?"
    add(c, "pl", q, future_exp(["2022", "aktywn"], unit("Niepołomice"), q, 2022))
    q = "Leszno partnerships that will still be running in 2030"
    add(c, "en", q, future_exp(["2030", "running"], unit("Leszno"), q, 2030))


# ======================================================================= output

BUILDERS = (
    document_cases,
    followup_cases,
    superlative_cases,
    comparison_cases,
    distinct_cases,
    yes_no_cases,
    region_cases,
    year_period_cases,
    exclusion_cases,
    other_language_cases,
    unsupported_cases,
)


def build() -> list[dict]:
    CASES.clear()
    for make in BUILDERS:
        make()
    return numbered(CASES, "r11", OUT)


def main() -> None:
    cases = build()
    write_round(cases, OUT)


if __name__ == "__main__":
    main()
