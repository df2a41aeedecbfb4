"""Build `tests/gold/round9.jsonl`: a ninth round of held-out gold cases, as a chat widget is used.

Written from the corpus (the two survey tables and the three pages), `README.md`,
`reference.py`, `places_reference.py` and `expect.py` alone: the package is neither read nor
run to write it. Every expected row set, count, ranking and name is computed here from the
reference readers; only the questions are typed by hand. The emphasis of this round is the
way ZMP staff and visitors use the widget: conversations of two to four turns (only the last
is scored), foreign towns asking for a Polish partner, casual typing (lower case, no Polish
diacritics, no question mark, typos in words and names, fragments), and two questions in one
message.

    /work/main/.venv/bin/python tests/gold/build_round9.py

Meaning rules of this round (on top of README "What the table questions mean" and the rules
of round 6, whose helpers `expect.py` shares):

- lang: `pl` for Polish questions, `en` for English and every other language (Czech, Slovak,
  German): the answer is in English, and its first line may say that the assistant answers in
  Polish and English, so names and figures of other-language questions are expected in the
  answer (`top`, `rows`, `answer_contains`), never in the lead.
- followups_chat: only the last turn is scored. The filters of the earlier turns stay unless
  the last turn replaces them ("a Sopotu?" replaces the unit, "a powiaty?" the unit type,
  "a ze Szwecją?" the country). "ile to jest" / "how many is that" after a list of units is
  asked only where rows and distinct units agree; "how many gminas is that" counts distinct
  gminas. "Sort by year" keeps the rows. "The first one, all its partners" after a
  partner-search ranking is the first unit of the ranking, every partnership of it; after a
  plain list of units (no partner-search request, no order defined) the first of the ranking
  or the first unit by name. "chodzi mi o gminę" after an ambiguous town picks the unit with
  the `(gmina)` disambiguator. A name shared by several units may be clarified (options) or
  answered for all of them.
- partner_search: "which Polish units have experience with <country>" = README partner search:
  `top` = the first units of the ranking (rows in that country, then a formal agreement, then
  the latest year), cut at the first tie the criteria do not order. "gminy / gminas" = the
  cities-and-gminas table, "powiaty / powiats" = the powiat table, otherwise both.
- casual_typing: the question is typed casually. A name typed with a typo, or spelled
  correctly where the survey misspells it (`Nowogrodzic`, `Mragowo`), may be answered (`rows`
  exact) or met by a clarify question offering the unit.
- superlative / comparison / distinct_count / yes_no: as round 6 (`sup_exp`, `top`,
  `compare_exp`, distinct units / countries, `answer_starts_with` with evidence rows).
- exclusion: "poza Niemcami", "except", "bez formalnej umowy", "without": the rows of the
  positive filters minus the excluded ones; exact `rows`.
- year_range: README year rules; "umowy / agreements signed" with years = an agreement year
  that passes the test (refused where the agreement cell and README reading differ).
- region: voivodeships come from GeoNames (`places_reference.py`): the rows of units surely
  in the voivodeship must be in the answer, and every row must be of a unit that may be there.
  "towns" may mean the gmina table or every unit: both readings accepted.
- unknown_place: a Polish unit or foreign town that is not in the survey: no rows (no data,
  an empty result, or a clarify question); never rows of another place.
- unsupported: a constraint the survey does not record must be in `not_applied`, and rows, if
  any, come from the real filters only (`unsupported_exp`).
- two_questions: two questions in one message: the union of the two row sets, or the two
  counts as an aggregate; two document questions: both facts in the answer, with citations.
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
    no_agreement,
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

OUT = HERE / "round9.jsonl"

ROWS = R.load_rows()
GM = R.of_type(ROWS, "gmina")
PW = R.of_type(ROWS, "powiat")
TYPES = {"gmina": GM, "powiat": PW, None: ROWS}

OLSZTYN_PAGE = "corpus/pages/olsztyn-partner-cities.txt"
BIALYSTOK_PAGE = "corpus/pages/bialystok-relacje-partnerskie.txt"
ZMP_PAGE = "corpus/pages/zmp-wspolpraca-miast-partnerskich.txt"

CASES: list[dict] = []


def add(category: str, lang: str, question: str | list[str], expect: dict) -> None:
    turns = [question] if isinstance(question, str) else question
    CASES.append({"category": category, "lang": lang, "turns": turns, "expect": expect})


# ------------------------------------------------------------------ selections


def unit(name: str) -> list[R.Row]:
    """Rows of one unit; raises when the name is ambiguous or unknown."""
    return R.rows_of_unit(ROWS, name)


def units(name: str) -> list[str]:
    return R.units_named(ROWS, name)


def country(name: str, unit_type: str | None = None, rows: list[R.Row] | None = None):
    out = R.by_country(TYPES[unit_type] if rows is None else rows, name)
    if not out:
        raise ValueError(f"no rows for country {name!r}")
    return out


def not_country(names: tuple[str, ...], rows: list[R.Row]) -> list[R.Row]:
    keys = {R.fold(n) for n in names}
    return narrowing([r for r in rows if R.fold(r.country) not in keys], rows)


def partner(place: str, unit_type: str | None = None, rows: list[R.Row] | None = None):
    return R.by_partner(TYPES[unit_type] if rows is None else rows, place)


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


def page_line(source: str, needle: str) -> int:
    lines = (R.PROJECT / source).read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines, start=1) if needle in line]
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
    if "top" in exp:
        english["top"] = exp["top"]
    return {"any_of": [exp, english]}


def search_exp(country_name: str, unit_type: str | None) -> dict:
    """README partner search: the first units of the ranking, in order."""
    _, top = R.partner_search(ROWS, country_name, unit_type)
    _, loose = R.partner_search(ROWS, country_name, unit_type, loose=True)
    if top != loose:
        raise ValueError(f"fragile partner search {country_name}: {top} vs {loose}")
    if not top:
        raise ValueError(f"partner search {country_name}/{unit_type}: no defined first unit")
    return {"route": "table", "top": top}


def towns_exp(every: list[R.Row], towns: list[R.Row], make=rows_exp) -> dict:
    """'towns' may mean the cities-and-gminas table or every unit."""
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
    return {
        "any_of": [
            rows_exp(rows),
            {"route": "clarify", "options": [rows[0].unit]},
        ]
    }


def unknown_exp(question: str, name: str) -> dict:
    """A place that is not in the survey: no rows, whatever the route."""
    key = R.fold(name)
    if any(
        key in R.fold(r.unit_written) or key in " ".join(R.fold(v) for v in r.variants)
        for r in ROWS
    ):
        raise ValueError(f"{name!r} is in the survey")
    return {
        "any_of": [
            {"no_data": True},
            {"route": "table", "total": 0},
            {"route": "clarify"},
        ]
    }


def region_exp(code: str, rows: list[R.Row]) -> dict:
    sure, maybe = REF.in_region(code, rows)
    if not sure:
        raise ValueError(f"no unit surely in {VOIVODESHIPS[code]}")
    if len(maybe) == len(rows):
        raise ValueError("every row may be in the region: not a test")
    return {"route": "table", "rows_include": R.keys(sure), "rows_within": R.keys(maybe)}


def groups_or_rows(groups: dict[str, int], rows: list[R.Row]) -> dict:
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


REF = Reference()


# ======================================================================= cases


def followup_cases() -> None:
    c = "followups_chat"
    pl, en = "pl", "en"
    # ---- Polish
    add(
        c,
        pl,
        ["z kim wspolpracuje raciborz", "a tylko umowy?"],
        rows_exp(narrowing(formal(unit("Racibórz")), unit("Racibórz"))),
    )
    glogow_riesa = partner("Riesa", rows=unit("Głogów"))
    add(
        c,
        pl,
        ["Partnerzy Głogowa", "a od kiedy z Riesą?"],
        {**rows_exp(glogow_riesa), "answer_contains": [str(glogow_riesa[0].agreement_year)]},
    )
    add(
        c,
        pl,
        ["gminy współpracujące z Chorwacją", "a powiaty?"],
        rows_exp(country("Chorwacja", "powiat")),
    )
    add(c, pl, ["partnerzy skierniewic", "posortuj wg roku"], rows_exp(unit("Skierniewice")))
    add(
        c,
        pl,
        ["ktore gminy maja partnerow w grecji", "ile to jest"],
        count_exp(same_units(country("Grecja", "gmina"))),
    )
    add(c, pl, ["Partnerzy Gdyni", "a Sopotu?"], rows_exp(unit("Sopot")))
    add(
        c,
        pl,
        ["z kim współpracuje Olkusz", "a które z nich są we Włoszech?"],
        rows_exp(country("Włochy", rows=unit("Olkusz"))),
    )
    add(c, pl, ["partnerzy wadowic", "a przed 2000?"], rows_exp(before(unit("Wadowice"), 2000)))
    kalisz_erfurt = partner("Erfurt", rows=country("Niemcy", rows=unit("Kalisz")))
    add(
        c,
        pl,
        ["partnerstwa Kalisza", "tylko te z Niemiec", "a od kiedy z Erfurtem?"],
        {**rows_exp(kalisz_erfurt), "answer_contains": [str(kalisz_erfurt[0].agreement_year)]},
    )
    sweden = country("Szwecja", "gmina")
    add(
        c,
        pl,
        ["gminy współpracujące z Norwegią", "a ze Szwecją?", "tylko formalne umowy"],
        rows_exp(narrowing(formal(sweden), sweden)),
    )
    if units("Limanowa") != ["Limanowa", "Limanowa (gmina)"]:
        raise ValueError(units("Limanowa"))
    add(c, pl, ["partnerzy limanowej", "chodzi mi o gminę"], rows_exp(unit("Limanowa (gmina)")))
    add(
        c,
        pl,
        [
            "Szukamy partnera dla miasta z Francji. Które powiaty mają już partnerów francuskich?",
            "a ten pierwszy - jakich ma wszystkich partnerów?",
        ],
        rows_exp(unit(R.partner_search(ROWS, "Francja", "powiat")[1][0])),
    )
    krosno = unit("Krosno")
    add(
        c,
        pl,
        ["partnerzy krosna", "ile z nich to formalne umowy?"],
        count_exp(narrowing(formal(krosno), krosno)),
    )
    add(
        c,
        pl,
        ["ktore powiaty maja partnerow na litwie", "a w estonii?"],
        rows_exp(country("Estonia", "powiat")),
    )
    add(c, pl, ["Płock partnerzy", "a w latach 90.?"], rows_exp(between(unit("Płock"), 1990, 1999)))
    add(
        c,
        pl,
        [
            "które gminy mają partnerów w Izraelu",
            "a tylko przed 1995 rokiem",
            "posortuj od najstarszego",
        ],
        rows_exp(before(country("Izrael", "gmina"), 1995)),
    )
    add(
        c,
        pl,
        ["Partnerzy Opola", "bez niemieckich"],
        rows_exp(not_country(("Niemcy",), unit("Opole"))),
    )
    add(
        c,
        pl,
        ["z kim wspolpracuje kalisz", "a koszalin?", "z ilu to krajów?"],
        distinct_countries(unit("Koszalin")),
    )
    add(
        c,
        pl,
        ["która gmina ma najwięcej partnerów na Ukrainie?", "a we Włoszech?"],
        top_exp(R.group_by_unit(country("Włochy", "gmina"))),
    )
    add(
        c,
        pl,
        ["czy sieradz ma partnerów w chorwacji", "a od kiedy?"],
        rows_exp(country("Chorwacja", rows=unit("Sieradz"))),
    )
    # page follow-up: the city page lists Russian partners the 2009 survey does not
    tomsk = page_line(BIALYSTOK_PAGE, "Tomsk (Rosja)")
    irkuck = page_line(BIALYSTOK_PAGE, "Irkuck (Rosja)")
    add(
        c,
        pl,
        [
            "Jakie miasta partnerskie ma Białystok według strony miasta?",
            "a które z nich są w Rosji?",
        ],
        {
            "answer_contains": ["Tomsk", "Irkuck"],
            "cites": [[BIALYSTOK_PAGE, tomsk], [BIALYSTOK_PAGE, irkuck]],
        },
    )
    # ---- English
    add(
        c,
        en,
        ["gdynia twin towns", "only the ones before 1990"],
        rows_exp(before(unit("Gdynia"), 1990)),
    )
    add(
        c,
        en,
        ["Which gminas have partners in Ireland?", "and in Portugal?", "how many is that"],
        count_exp(same_units(country("Portugalia", "gmina"))),
    )
    add(c, en, ["gryfino partners", "sort them by year please"], rows_exp(unit("Gryfino")))
    add(c, en, ["Partners of Toruń", "and Elbląg?"], ambiguous_exp("Elbląg"))
    kal = partner("Kaliningrad")
    add(
        c,
        en,
        [
            "Which Polish towns are twinned with Kaliningrad?",
            "only formal agreements",
            "and before 1995?",
        ],
        rows_exp(formal_years(kal, lambda y: y < 1995)),
    )
    add(
        c,
        en,
        ["rybnik partner towns", "which of them are french?"],
        rows_exp(country("Francja", rows=unit("Rybnik"))),
    )
    add(
        c,
        en,
        ["Does Konin have partners in Spain?", "and in Portugal?"],
        no_answer_exp(R.by_country(unit("Konin"), "Portugalia"), en),
    )
    # a plain list (not a partner-search request): its order is not defined by the README, so
    # "the first one" is the first of the ranking or the first unit of the list by name
    listed = sorted({r.unit for r in country("Szwecja", "powiat")}, key=R.fold)
    ranked_first = R.partner_search(ROWS, "Szwecja", "powiat")[1][0]
    if ranked_first == listed[0]:
        raise ValueError("both readings agree: no need for two")
    add(
        c,
        en,
        ["powiats with partners in Sweden", "the first one - what are all its partners?"],
        {"any_of": [rows_exp(unit(ranked_first)), rows_exp(unit(listed[0]))]},
    )
    add(
        c,
        en,
        ["Which gminas cooperate with Romanian towns?", "and the powiats?"],
        rows_exp(country("Rumunia", "powiat")),
    )
    torun = unit("Toruń")
    add(
        c,
        en,
        ["Toruń partners", "how many of them have a formal agreement?"],
        count_exp(narrowing(formal(torun), torun)),
    )
    add(
        c, en, ["szczawnica partners", "and after 2000?"], rows_exp(after(unit("Szczawnica"), 2000))
    )
    add(
        c,
        en,
        ["Which Polish units partner with Lviv?", "only the ones since 2000"],
        rows_exp(since(partner("Lwów"), 2000)),
    )
    add(
        c,
        en,
        [
            "we're a french commune looking for a polish partner. which powiats already work with "
            "french towns?",
            "and which gminas?",
            "how many gminas is that",
        ],
        distinct_units(country("Francja", "gmina")),
    )
    add(c, en, ["Kalisz partner cities", "the oldest one?"], sup_exp(unit("Kalisz"), "min"))
    walcz_kyritz = partner("Kyritz", rows=country("Niemcy", rows=unit("Wałcz")))
    add(
        c,
        en,
        ["walcz partners", "which ones in germany", "and since when with Kyritz?"],
        {**rows_exp(walcz_kyritz), "answer_contains": [str(walcz_kyritz[0].agreement_year)]},
    )
    add(
        c,
        en,
        ["olsztyn's partner cities", "which of them are in germany?"],
        {"rows": R.keys(country("Niemcy", rows=unit("Olsztyn")))},
    )
    bial = unit("Białystok")
    add(
        c,
        en,
        ["partners of bialystok", "only letters of intent"],
        {"rows": R.keys(narrowing(R.letter_of_intent(bial), bial))},
    )
    add(
        c,
        en,
        ["How many partnerships do Polish gminas have with Canada?", "and with Mexico?"],
        count_exp(country("Meksyk", "gmina")),
    )
    add(c, en, ["Gołuchów partners", "what about Odolanów?"], rows_exp(unit("Odolanów")))
    add(
        c,
        en,
        ["Which gminas have the most partners in Slovakia?", "and among powiats?"],
        top_exp(R.group_by_unit(country("Słowacja", "powiat"))),
    )
    answered = page_line(ZMP_PAGE, "Odpowiedzi udzieliło ponad 1000")
    add(
        c,
        en,
        ["how many units answered the 2009 zmp survey?", "and how many was it sent to?"],
        {"answer_contains": ["3000"], "cites": [[ZMP_PAGE, answered]]},
    )


def partner_search_cases() -> None:
    c = "partner_search"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "Jesteśmy miastem z Moraw i szukamy partnera w Polsce. Które gminy współpracują "
        "już z czeskimi miastami?",
        search_exp("Czechy", "gmina"),
    )
    add(
        c,
        pl,
        "szukamy polskiego partnera dla gminy z chorwacji, kto ma doswiadczenie z "
        "chorwackimi partnerami",
        search_exp("Chorwacja", None),
    )
    add(
        c,
        pl,
        "Miasto z Łotwy szuka partnera – które powiaty mają partnerów na Łotwie?",
        search_exp("Łotwa", "powiat"),
    )
    add(
        c,
        pl,
        "gmina z bawarii szuka partnera: ktore polskie gminy maja najwiecej partnerow w niemczech",
        search_exp("Niemcy", "gmina"),
    )
    add(
        c,
        pl,
        "Zgłosiła się do nas gmina z Rumunii. Które powiaty mają już partnerów w Rumunii?",
        search_exp("Rumunia", "powiat"),
    )
    add(
        c,
        pl,
        "slowacka obec szuka partnera, ktore powiaty wspolpracuja ze slowacja",
        search_exp("Słowacja", "powiat"),
    )
    add(
        c,
        en,
        "Hello, we're a small town in South Moravia looking for a Polish partner - which "
        "Polish gminas already work with Czech towns?",
        search_exp("Czechy", "gmina"),
    )
    add(
        c,
        en,
        "Our municipality in Sweden wants a Polish twin town. Which Polish gminas have "
        "Swedish partners?",
        search_exp("Szwecja", "gmina"),
    )
    add(
        c,
        en,
        "a dutch town looking for polish partners, who has experience with the netherlands",
        search_exp("Holandia", None),
    )
    add(
        c,
        en,
        "Finnish municipality seeks a Polish partner gmina - good candidates?",
        search_exp("Finlandia", "gmina"),
    )
    add(
        c,
        en,
        "Hľadáme partnera v Poľsku. Ktoré poľské gminy majú partnerov na Slovensku?",
        search_exp("Słowacja", "gmina"),
    )
    add(
        c,
        en,
        "We are a Hungarian town near Eger - which Polish gminas have the most Hungarian partners?",
        search_exp("Węgry", "gmina"),
    )
    add(
        c,
        en,
        "Wir sind eine Stadt in Österreich und suchen eine polnische Partnergemeinde. "
        "Welche Gemeinden haben schon Partner in Österreich?",
        search_exp("Austria", "gmina"),
    )


def casual_cases() -> None:
    c = "casual_typing"
    pl, en = "pl", "en"
    add(c, pl, "olsztyn partnerzy", {"rows": R.keys(unit("Olsztyn"))})
    add(
        c,
        pl,
        "partnerzy bialegostoku na bialorusi",
        {"rows": R.keys(country("Białoruś", rows=unit("Białystok")))},
    )
    add(c, pl, "z kim wspolpracuje ostroleka", rows_exp(unit("Ostrołęka")))
    add(c, pl, "miasta partnerskie gorzowa wielkopolskeigo", typo_exp("Gorzów Wielkopolski"))
    add(
        c,
        pl,
        "z kim wspólpracuje szczawnica na słowacj",
        rows_exp(country("Słowacja", rows=unit("Szczawnica"))),
    )
    add(c, pl, "wałcz niemcy", rows_exp(country("Niemcy", rows=unit("Wałcz"))))
    if units("Mrągowo") != ["Mragowo"]:
        raise ValueError(units("Mrągowo"))
    add(c, pl, "partnerzy mrągowa", typo_exp("Mragowo"))
    add(
        c,
        en,
        "bialystok partners in belarus",
        {"rows": R.keys(country("Białoruś", rows=unit("Białystok")))},
    )
    add(c, en, "glogow sister cities", rows_exp(unit("Głogów")))
    add(c, en, "partnrs of skierniewice", rows_exp(unit("Skierniewice")))
    add(c, en, "olkusz italy", rows_exp(country("Włochy", rows=unit("Olkusz"))))
    add(c, en, "towns twinned w/ kaunas", towns_exp(partner("Kaunas"), partner("Kaunas", "gmina")))
    add(c, en, "Nowogrodziec partners", typo_exp("Nowogrodzic"))
    add(c, en, "darlowo partners befor 2000", rows_exp(before(unit("Darłowo"), 2000)))


def superlative_cases() -> None:
    c = "superlative"
    pl, en = "pl", "en"
    add(c, pl, "najstarsze partnerstwo opola", sup_exp(unit("Opole"), "min"))
    add(c, pl, "Jaka jest najnowsza umowa partnerska Konina?", sup_exp(unit("Konin"), "max"))
    add(
        c,
        pl,
        "z ktorym krajem gdynia ma najwiecej partnerow",
        top_exp(R.group_by_country(unit("Gdynia")), pl, countries=True),
    )
    add(
        c,
        pl,
        "ktora gmina ma najwiecej partnerow w wielkiej brytanii",
        top_exp(R.group_by_unit(country("Wielka Brytania", "gmina"))),
    )
    add(
        c,
        en,
        "which powiat has the most partners in lithuania",
        top_exp(R.group_by_unit(country("Litwa", "powiat"))),
    )
    add(c, en, "Newest partnership of Koszalin?", sup_exp(unit("Koszalin"), "max"))
    add(
        c,
        en,
        "Which country do Polish units have the most letters of intent with?",
        top_exp(R.group_by_country(R.letter_of_intent(ROWS)), en, countries=True),
    )
    add(c, en, "oldest partnership of tarnowo podgorne", sup_exp(unit("Tarnowo Podgórne"), "min"))


def comparison_cases() -> None:
    c = "comparison"
    pl, en = "pl", "en"

    def units_compared(names, narrow=None):
        out = {}
        for name in names:
            rows = unit(name)
            out[rows[0].unit] = len(narrow(rows) if narrow else rows)
        return out

    add(
        c,
        pl,
        "płock czy toruń – kto ma więcej partnerów?",
        compare_exp(units_compared(["Płock", "Toruń"])),
    )
    add(
        c,
        pl,
        "Czy powiaty mają więcej partnerów w Czechach czy na Słowacji?",
        compare_exp({k: len(country(k, "powiat")) for k in ("Czechy", "Słowacja")}, countries=True),
    )
    add(
        c,
        pl,
        "raciborz czy glogow, kto ma wiecej partnerow",
        compare_exp(units_compared(["Racibórz", "Głogów"])),
    )
    add(
        c,
        en,
        "krosno vs rybnik: which has more partners in slovakia?",
        compare_exp(units_compared(["Krosno", "Rybnik"], lambda rs: country("Słowacja", rows=rs))),
    )
    add(
        c,
        en,
        "Do Polish gminas have more partners in Denmark or in Norway?",
        compare_exp(
            {k: len(country(k, "gmina")) for k in ("Dania", "Norwegia")}, en, countries=True
        ),
    )
    add(
        c,
        en,
        "Which has more partner towns, Opole or Koszalin?",
        compare_exp(units_compared(["Opole", "Koszalin"])),
    )


def distinct_cases() -> None:
    c = "distinct_count"
    pl, en = "pl", "en"
    add(c, pl, "z ilu krajów są partnerzy opola", distinct_countries(unit("Opole")))
    add(
        c,
        pl,
        "Ile różnych gmin współpracuje z Ukrainą?",
        distinct_units(country("Ukraina", "gmina")),
    )
    add(
        c,
        pl,
        "ile polskich gmin ma partnerstwo z kaliningradem",
        distinct_units(partner("Kaliningrad", "gmina"), allow_equal=True),
    )
    add(
        c,
        en,
        "how many different countries are gdynia's partners in",
        distinct_countries(unit("Gdynia")),
    )
    add(
        c,
        en,
        "How many gminas have partners in Sweden?",
        distinct_units(country("Szwecja", "gmina")),
    )
    add(
        c,
        en,
        "How many distinct Polish gminas have a Lithuanian partner?",
        distinct_units(country("Litwa", "gmina")),
    )


def yes_no_cases() -> None:
    c = "yes_no"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "czy głogów ma partnera w holandii",
        yes_exp(country("Holandia", rows=unit("Głogów")), pl),
    )
    add(
        c,
        pl,
        "Czy Wadowice współpracują z kimś we Francji?",
        no_answer_exp(R.by_country(unit("Wadowice"), "Francja"), pl),
    )
    add(
        c,
        pl,
        "czy skierniewice maja partnera w rosji",
        no_answer_exp(R.by_country(unit("Skierniewice"), "Rosja"), pl),
    )
    add(
        c,
        pl,
        "Czy Racibórz ma podpisaną umowę z jakimś miastem w Czechach?",
        yes_exp(formal(country("Czechy", rows=unit("Racibórz"))), pl),
    )
    add(
        c,
        en,
        "is koszalin twinned with any town in russia?",
        no_answer_exp(R.by_country(unit("Koszalin"), "Rosja"), en),
    )
    add(
        c,
        en,
        "Does Konin have a partner in Moldova?",
        yes_exp(country("Mołdawia", rows=unit("Konin")), en),
    )
    add(
        c,
        en,
        "does gryfino have a formal agreement with schwedt",
        yes_exp(formal(partner("Schwedt/Oder", rows=unit("Gryfino"))), en),
    )
    add(
        c,
        en,
        "Is Sopot twinned with anything in France?",
        no_answer_exp(R.by_country(unit("Sopot"), "Francja"), en),
    )


def exclusion_cases() -> None:
    c = "exclusion"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "partnerzy mikolowa poza niemcami",
        rows_exp(not_country(("Niemcy",), unit("Mikołów"))),
    )
    add(
        c,
        pl,
        "gminy z partnerami na litwie bez formalnej umowy",
        rows_exp(no_agreement(country("Litwa", "gmina"))),
    )
    ukr = country("Ukraina", "powiat")
    add(
        c,
        pl,
        "Powiaty współpracujące z Ukrainą nie na podstawie umowy, tylko w innej formie",
        rows_exp(narrowing(only_other_form(ukr), ukr)),
    )
    add(c, en, "Gdynia partners excluding the USA", rows_exp(not_country(("USA",), unit("Gdynia"))))
    cz = country("Czechy", "powiat")
    add(
        c,
        en,
        "Which powiats have Czech partners but without a formal agreement?",
        rows_exp(narrowing(no_agreement(cz), cz)),
    )
    add(
        c,
        en,
        "partners of konin except ukraine and russia",
        rows_exp(not_country(("Ukraina", "Rosja"), unit("Konin"))),
    )


def year_cases() -> None:
    c = "year_range"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "ktore gminy nawiazaly wspolprace z holandia w latach 1990-1995",
        rows_exp(between(country("Holandia", "gmina"), 1990, 1995)),
    )
    add(
        c,
        pl,
        "partnerstwa powiatów z Węgrami od 2005 roku",
        rows_exp(since(country("Węgry", "powiat"), 2005)),
    )
    add(
        c,
        pl,
        "umowy z belgijskimi miastami podpisane przed 2000 rokiem",
        rows_exp(formal_years(country("Belgia"), lambda y: y < 2000)),
    )
    add(
        c,
        en,
        "partnerships with Finland between 1985 and 1995",
        rows_exp(between(country("Finlandia"), 1985, 1995)),
    )
    add(
        c,
        en,
        "gminas that started cooperating with Estonia after 2003",
        rows_exp(after(country("Estonia", "gmina"), 2003)),
    )
    add(
        c,
        en,
        "which powiats partnered with belarusian towns in 2006?",
        rows_exp(year(country("Białoruś", "powiat"), 2006)),
    )


def region_cases() -> None:
    c = "region"
    pl, en = "pl", "en"
    add(
        c,
        pl,
        "gminy z województwa opolskiego współpracujące z Czechami",
        region_exp("79", country("Czechy", "gmina")),
    )
    add(
        c,
        pl,
        "ktore gminy z malopolski maja partnerow na slowacji",
        region_exp("77", country("Słowacja", "gmina")),
    )
    add(
        c,
        pl,
        "Partnerzy z Francji gmin z województwa pomorskiego",
        region_exp("82", country("Francja", "gmina")),
    )
    add(
        c,
        en,
        "gminas in podlaskie voivodeship with lithuanian partners",
        region_exp("81", country("Litwa", "gmina")),
    )
    add(
        c,
        en,
        "Which towns in Warmia-Masuria have Russian partners?",
        {
            "any_of": [
                region_exp("85", country("Rosja")),
                region_exp("85", country("Rosja", "gmina")),
            ]
        },
    )
    add(
        c,
        en,
        "gminas in the Lower Silesian Voivodeship with Czech partners",
        region_exp("72", country("Czechy", "gmina")),
    )


def unknown_cases() -> None:
    c = "unknown_place"
    for lang, question, name in [
        ("pl", "partnerzy gminy Pcim", "Pcim"),
        ("pl", "Które polskie miasta współpracują z Lizboną?", "Lizbon"),
        ("en", "wachock twin towns", "Wachock"),
        ("en", "Which Polish towns are twinned with Helsinki?", "Helsinki"),
    ]:
        add(c, lang, question, unknown_exp(question, name))


UNSUPPORTED = [
    # (lang, question, stem of the unsupported constraint, real rows)
    ("pl", "partnerzy opola, które mają port morski", "port", lambda: unit("Opole")),
    (
        "pl",
        "partnerstwa głogowa finansowane z funduszy unijnych",
        "fundusz",
        lambda: unit("Głogów"),
    ),
    (
        "pl",
        "Które partnerstwa Konina na Litwie zostały zerwane?",
        "zerwan",
        lambda: country("Litwa", rows=unit("Konin")),
    ),
    (
        "en",
        "Which of Rybnik's partner towns have a football club in the top league?",
        "football",
        lambda: unit("Rybnik"),
    ),
    ("en", "partners of torun with an airport", "airport", lambda: unit("Toruń")),
    (
        "en",
        "Which Polish gminas partner with Slovak towns that have a ski resort?",
        "ski resort",
        lambda: country("Słowacja", "gmina"),
    ),
]


def unsupported_cases() -> None:
    for lang, question, stem, real in UNSUPPORTED:
        add("unsupported", lang, question, unsupported_exp(stem, real(), question))


def two_question_cases() -> None:
    c = "two_questions"
    pl, en = "pl", "en"
    add(c, pl, "partnerzy darłowa i szczawnicy", rows_exp(unit("Darłowo") + unit("Szczawnica")))
    add(
        c,
        pl,
        "Ile partnerów ma Głogów, a ile Olkusz?",
        groups_or_rows(
            {"Głogów": len(unit("Głogów")), "Olkusz": len(unit("Olkusz"))},
            unit("Głogów") + unit("Olkusz"),
        ),
    )
    eurocities = page_line(BIALYSTOK_PAGE, "Eurocities (2005)")
    aviama = page_line(BIALYSTOK_PAGE, "AVIAMA")
    add(
        c,
        pl,
        "Od kiedy Olsztyn współpracuje z Rovaniemi i do jakich stowarzyszeń "
        "międzynarodowych należy Białystok?",
        {
            "answer_contains": ["1976", "Eurocities", "AVIAMA"],
            "cites": [[BIALYSTOK_PAGE, eurocities], [BIALYSTOK_PAGE, aviama]],
        },
    )
    add(
        c,
        en,
        "Which gminas have partners in Malta, and which in Luxembourg?",
        rows_exp(country("Malta", "gmina") + country("Luksemburg", "gmina")),
    )
    lv, ee = country("Łotwa", "gmina"), country("Estonia", "gmina")
    add(
        c,
        en,
        "How many partnerships do Polish gminas have with Latvia and how many with Estonia?",
        groups_or_rows({"Łotwa": len(lv), "Estonia": len(ee)}, lv + ee),
    )


# ======================================================================= output

BUILDERS = (
    followup_cases,
    partner_search_cases,
    casual_cases,
    superlative_cases,
    comparison_cases,
    distinct_cases,
    yes_no_cases,
    exclusion_cases,
    year_cases,
    region_cases,
    unknown_cases,
    unsupported_cases,
    two_question_cases,
)


def build() -> list[dict]:
    CASES.clear()
    for make in BUILDERS:
        make()
    return numbered(CASES, "r9", OUT)


def main() -> None:
    cases = build()
    write_round(cases, OUT)


if __name__ == "__main__":
    main()
