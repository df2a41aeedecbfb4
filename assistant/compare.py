"""Both sources at once: a city's page partner list set against its survey rows.

Names are matched across languages and spellings through the exonym list
(Łuck / Lutsk, Kowno / Kaunas, Grodno / Hrodna) and the survey's own name variants.
"""

from __future__ import annotations

from functools import lru_cache

from assistant import sources as source_names
from assistant.compose import SHOWN, Draft, country_name, form_of
from assistant.documents import Fact, finished
from assistant.intent import Intent
from assistant.models import Answer, Data
from assistant.sql import query
from assistant.sql.rows import Rows, fetch
from assistant.sql.tables import partner_names
from assistant.text import fold
from assistant.vocabulary import load

COLUMNS = [
    "group",
    "partner",
    "country",
    "survey_source",
    "survey_line",
    "page_source",
    "page_line",
]


@lru_cache(maxsize=1)
def _exonyms() -> dict[str, frozenset[str]]:
    groups: dict[str, frozenset[str]] = {}
    for place in load("exonyms").get("place", []):
        names = frozenset(fold(n) for n in place["names"])
        for name in names:
            groups[name] = groups.get(name, frozenset()) | names
    return groups


def place_names(name: str) -> frozenset[str]:
    folded = fold(name).strip()
    return frozenset({folded}) | _exonyms().get(folded, frozenset())


def row_names(partner: str) -> frozenset[str]:
    """The names a survey partner cell is known by: each partner it lists, with exonyms."""
    return frozenset().union(*(place_names(n) for n in partner_names(partner) or [partner]))


def _positions(values: list[str]) -> dict[str, list[int]]:
    """Each distinct value -> the positions where it stands."""
    found: dict[str, list[int]] = {}
    for i, value in enumerate(values):
        found.setdefault(value, []).append(i)
    return found


def p(lang: str, key: str) -> str:
    return load(f"page_answers_{lang}")["compare"][key.removeprefix("compare_")]


def respond(u, rt, state: dict) -> tuple[Answer, dict]:
    """The 'both' route: a page owner's survey rows set against its page's partner list."""
    owner = u.intent.units[0]
    facts = [f for f in rt.facts if fold(f.owner) == fold(owner)]
    known = source_names.read_sources(rt.con)
    q = query.list_rows(Intent(units=[owner]))
    cursor = rt.con.cursor()
    try:
        rows = Rows(cursor, *fetch(q, cursor, rt.list_columns()))
        draft = compare(owner, u.language, facts, rows, known)
    finally:
        cursor.close()
    draft.sql = q.shown()
    state["intent"] = Intent(units=[owner], unit_query=owner).model_dump()
    return finished(draft, "both"), state


def compare(
    owner: str, lang: str, facts: list[Fact], found: Rows, known: dict | None = None
) -> Draft:
    """The comparison; of a long part, the first SHOWN rows are written out and cited.

    The owner's rows are read by column (a unit of a large table has thousands); only the
    rows written out become dicts."""
    draft = Draft(lang)
    known = known or {}
    partners, countries = found.column("partner"), found.column("country")
    sources, lines = found.column("source"), found.column("line")
    survey = source_names.describe_sources(known, list(dict.fromkeys(sources)), lang)
    page = source_names.describe_sources(known, [f.source for f in facts], lang)
    survey = survey or source_names.describe_sources(
        known, [s for s, d in known.items() if d.kind == "table"], lang
    )
    draft.lines.append(p(lang, "head").format(owner=owner, survey=survey, page=page))
    rows_named: dict[str, list[int]] = {}  # a name -> the rows (positions) that bear it
    for partner, at in _positions(partners).items():
        for name in row_names(partner):
            rows_named.setdefault(name, []).extend(at)
    matched_rows: set[int] = set()
    both: list[tuple[Fact, list[int]]] = []
    page_only: list[Fact] = []
    for fact in facts:
        hits = sorted({i for name in place_names(fact.partner) for i in rows_named.get(name, ())})
        if hits:
            both.append((fact, hits))
            matched_rows.update(hits)
        else:
            page_only.append(fact)
    survey_only = [i for i in range(len(partners)) if i not in matched_rows]
    written = [i for _fact, hits in both for i in hits[:SHOWN]] + survey_only[:SHOWN]
    found.read_details([int(found.ranks[i]) for i in written])  # their raw lines, in one query
    data_rows: list[list] = []

    def survey_cells(i: int) -> list:
        return [partners[i], countries[i], sources[i], lines[i]]

    draft.lines.append(p(lang, "both").format(n=len(both)))
    for fact, hits in both:
        page_marker = draft.cite(fact.source, fact.line, fact.line, fact.quote)
        for r in (found[i] for i in hits[:SHOWN]):
            draft.lines.append(
                "- "
                + p(lang, "compare_item_both").format(
                    partner=f"{fact.partner} / {r['partner']}",
                    survey_form=form_of(r, lang).removeprefix(": "),
                    survey_marker=draft.cite_row(r),
                    page_date=fact.date_text or fact.form or "",
                    page_marker=page_marker,
                )
            )
        _more(draft, len(hits))
        data_rows += [["both", *survey_cells(i), fact.source, fact.line] for i in hits]
    _none_if_empty(draft, both)

    draft.lines.append(p(lang, "survey").format(n=len(survey_only), survey=survey))
    for r in (found[i] for i in survey_only[:SHOWN]):
        draft.lines.append(
            "- "
            + p(lang, "compare_item_survey").format(
                partner=r["partner"],
                country=country_name(r, lang),
                survey_form=form_of(r, lang).removeprefix(": "),
                survey_marker=draft.cite_row(r),
            )  # fmt: skip
        )
    _more(draft, len(survey_only))
    data_rows += [["survey_only", *survey_cells(i), None, None] for i in survey_only]
    _none_if_empty(draft, survey_only)

    draft.lines.append(p(lang, "page").format(n=len(page_only)))
    for fact in page_only:
        draft.lines.append(
            "- "
            + p(lang, "compare_item_page").format(
                partner=fact.partner,
                country=fact.country or "?",
                page_date=fact.date_text or fact.form or "",
                page_marker=draft.cite(fact.source, fact.line, fact.line, fact.quote),
            )  # fmt: skip
        )
        data_rows.append(
            ["page_only", fact.partner, fact.country, None, None, fact.source, fact.line]
        )
    _none_if_empty(draft, page_only)
    draft.data = Data(columns=COLUMNS, rows=data_rows, total=len(data_rows))
    return draft


def _more(draft: Draft, total: int) -> None:
    """A long part of the comparison writes out (and cites) its first SHOWN rows and says how
    many more `data` holds: a unit of a large table can have thousands."""
    if total > SHOWN:
        draft.lines.append(p(draft.lang, "more").format(n=total - SHOWN, total=total))


def _none_if_empty(draft: Draft, items: list) -> None:
    if not items:
        draft.lines.append("- " + p(draft.lang, "compare_none"))
