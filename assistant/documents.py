"""Answers from the narrative pages: the passages that answer, quoted verbatim and cited.

With no language model the answer stays extractive: a one-line lead in the question's
language, then the lines themselves. A lead that states a fact (a partner and its date)
is built only from a page fact, whose parts are verbatim pieces of the cited line.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.compose import Draft, p
from assistant.retrieval.search import Hit

# A passage is quoted when it scores at least this share of the best hit's fused score.
RELATIVE_FLOOR = 0.6
MAX_PASSAGES = 3


@dataclass(frozen=True)
class Fact:
    """A partner line of a page, as stored in the page_facts table."""

    source: str
    line: int
    owner: str
    partner: str
    country: str | None
    date_text: str | None
    year: int | None
    form: str | None
    status: str | None
    quote: str


def relevant(hits: list[Hit]) -> list[Hit]:
    """The hits worth quoting: the best one, and those close to it."""
    if not hits:
        return []
    best = hits[0].score
    return [h for h in hits if h.score >= RELATIVE_FLOOR * best][:MAX_PASSAGES]


def _adds(part: str | None, fact: Fact) -> bool:
    """A part of the lead is shown only if the cited line says it, and the date does not already."""
    return bool(part) and part in fact.quote and part not in (fact.date_text or "")


def answer(lang: str, hits: list[Hit], facts: list[Fact]) -> Draft:
    draft = Draft(lang)
    for fact in facts:
        marker = draft.cite(fact.source, fact.line, fact.line, fact.quote)
        draft.lines.append(
            p(lang, "docs_fact").format(
                owner=fact.owner,
                partner=fact.partner,
                country=f" ({fact.country})" if fact.country else "",
                date=fact.date_text or "",
                form=f", {fact.form}" if _adds(fact.form, fact) else "",
                status=f" ({fact.status})" if _adds(fact.status, fact) else "",
                marker=marker,
            )
        )
    # A page fact already quotes the line that answers; other passages would only distract.
    chosen = [] if facts else relevant(hits)
    if not chosen and not facts:
        draft.say("docs_none")
        return draft
    if chosen:
        draft.say("docs_lead")
        for hit in chosen:
            passage = hit.passage
            marker = draft.cite(passage.source, passage.start_line, passage.end_line, passage.text)
            quoted = "\n".join(
                f"> {line}" if line.strip() else ">" for line in passage.text.split("\n")
            )
            draft.lines.append(f"{quoted} {marker}\n")
    return draft
