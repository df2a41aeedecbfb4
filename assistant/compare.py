"""Both sources at once: a city's page partner list set against its survey rows.

Names are matched across languages and spellings through the exonym list
(Łuck / Lutsk, Kowno / Kaunas, Grodno / Hrodna) and the survey's own name variants.
"""

from __future__ import annotations

from functools import lru_cache

from assistant import sources as source_names
from assistant.compose import Draft, country_name, form_of
from assistant.documents import Fact, finished
from assistant.intent import Intent
from assistant.models import Answer, Data
from assistant.sql import query
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


def row_names(row: dict) -> frozenset[str]:
    return frozenset().union(
        *(place_names(n) for n in partner_names(row["partner"]) or [row["partner"]])
    )


def p(lang: str, key: str) -> str:
    return load(f"page_answers_{lang}")["compare"][key.removeprefix("compare_")]


def respond(u, rt, state: dict) -> tuple[Answer, dict]:
    """The 'both' route: a page owner's survey rows set against its page's partner list."""
    owner = u.intent.units[0]
    facts = [f for f in rt.facts if fold(f.owner) == fold(owner)]
    cursor = rt.con.cursor()
    try:
        q = query.partnerships(Intent(units=[owner]))
        columns, rows = q.run(cursor)
    finally:
        cursor.close()
    known = source_names.read_sources(rt.con)
    found = [dict(zip(columns, r, strict=True)) for r in rows]
    draft = compare(owner, u.language, facts, found, known)
    draft.sql = q.shown()
    state["intent"] = Intent(units=[owner], unit_query=owner).model_dump()
    return finished(draft, "both"), state


def compare(
    owner: str, lang: str, facts: list[Fact], rows: list[dict], known: dict | None = None
) -> Draft:
    draft = Draft(lang)
    known = known or {}
    survey = source_names.describe_sources(known, [r["source"] for r in rows], lang)
    page = source_names.describe_sources(known, [f.source for f in facts], lang)
    survey = survey or source_names.describe_sources(
        known, [s for s, d in known.items() if d.kind == "table"], lang
    )
    draft.lines.append(p(lang, "head").format(owner=owner, survey=survey, page=page))
    matched_rows: set[int] = set()
    both: list[tuple[Fact, list[dict]]] = []
    page_only: list[Fact] = []
    names_of_rows = [row_names(r) for r in rows]  # once a row, not once a row and fact
    for fact in facts:
        names = place_names(fact.partner)
        hits = [i for i, r_names in enumerate(names_of_rows) if r_names & names]
        if hits:
            both.append((fact, [rows[i] for i in hits]))
            matched_rows.update(hits)
        else:
            page_only.append(fact)
    survey_only = [r for i, r in enumerate(rows) if i not in matched_rows]
    data_rows: list[list] = []

    draft.lines.append(p(lang, "both").format(n=len(both)))
    for fact, survey_rows in both:
        page_marker = draft.cite(fact.source, fact.line, fact.line, fact.quote)
        for r in survey_rows:
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
            data_rows.append(
                ["both", r["partner"], r["country"], r["source"], r["line"], fact.source, fact.line]
            )
    _none_if_empty(draft, both)

    draft.lines.append(p(lang, "survey").format(n=len(survey_only), survey=survey))
    for r in survey_only:
        draft.lines.append(
            "- "
            + p(lang, "compare_item_survey").format(
                partner=r["partner"],
                country=country_name(r, lang),
                survey_form=form_of(r, lang).removeprefix(": "),
                survey_marker=draft.cite_row(r),
            )  # fmt: skip
        )
        data_rows.append(
            ["survey_only", r["partner"], r["country"], r["source"], r["line"], None, None]
        )
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


def _none_if_empty(draft: Draft, items: list) -> None:
    if not items:
        draft.lines.append("- " + p(draft.lang, "compare_none"))
