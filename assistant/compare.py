"""Both sources at once: a city's page partner list set against its survey rows.

Names are matched across languages and spellings through the exonym list
(Łuck / Lutsk, Kowno / Kaunas, Grodno / Hrodna) and the survey's own name variants.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.compose import Draft, country_name, form_of, p
from assistant.documents import Fact
from assistant.models import Data
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


def compare(owner: str, lang: str, facts: list[Fact], rows: list[dict]) -> Draft:
    draft = Draft(lang)
    draft.say("compare_head", owner=owner)
    matched_rows: set[int] = set()
    both: list[tuple[Fact, list[dict]]] = []
    page_only: list[Fact] = []
    for fact in facts:
        names = place_names(fact.partner)
        hits = [i for i, r in enumerate(rows) if row_names(r) & names]
        if hits:
            both.append((fact, [rows[i] for i in hits]))
            matched_rows.update(hits)
        else:
            page_only.append(fact)
    survey_only = [r for i, r in enumerate(rows) if i not in matched_rows]
    data_rows: list[list] = []

    draft.say("compare_both", n=len(both))
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

    draft.say("compare_survey", n=len(survey_only))
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

    draft.say("compare_page", n=len(page_only))
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
