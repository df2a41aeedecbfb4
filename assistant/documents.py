"""Answers from the narrative pages: the passages that answer, quoted verbatim and cited.

With no language model the answer stays extractive: a one-line lead in the question's
language, then the lines themselves. A lead that states a fact (a partner and its date)
is built only from a page fact, whose parts are verbatim pieces of the cited line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.compose import Draft, p
from assistant.retrieval.search import Hit

# A passage is quoted when it scores at least this share of the best hit's fused score.
RELATIVE_FLOOR = 0.6
MAX_PASSAGES = 3
_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*\.\s*")
MAX_SECTION_ITEMS = 14


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


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.split("\n"))


def _passage_of(fact: Fact, passages: list):
    """The passage holding a fact's line (None for a one-line item or an unknown page)."""
    for passage in passages:
        if passage.source == fact.source and passage.start_line <= fact.line <= passage.end_line:
            return None if passage.boilerplate else passage
    return None


def with_sections(chosen: list, passages: list) -> list:
    """A heading that answers ('2. Partnerstwo Wschodnie:') brings the items of its section along."""
    result = list(chosen)
    for passage in chosen:
        section = passage.section
        if not section or not section.replace(".", "").isdigit() or section.count(".") > 1:
            continue
        prefix = section.rstrip(".") + "."
        items = [
            q for q in passages
            if q.source == passage.source and q.section.startswith(prefix) and q.section != section
            and q.section.count(".") == prefix.count(".")
        ]  # fmt: skip
        result += [q for q in items if q not in result][:MAX_SECTION_ITEMS]
    return result


def answer(lang: str, hits: list[Hit], facts: list[Fact], passages: list | None = None) -> Draft:
    draft = Draft(lang)
    for fact in facts:
        # The lead frames the cited line in the question's language and quotes it verbatim; an
        # item that runs on over more lines ("rozwi- / jania") is cited and quoted whole.
        passage = _passage_of(fact, passages or [])
        if passage and passage.end_line > passage.start_line:
            marker = draft.cite(passage.source, passage.start_line, passage.end_line, passage.text)
        else:
            marker = draft.cite(fact.source, fact.line, fact.line, fact.quote)
        line = _NUMBERING.sub("", fact.quote).strip()
        draft.lines.append(
            p(lang, "docs_fact").format(
                owner=fact.owner, partner=fact.partner, line=line, marker=marker
            )
        )
        if passage and passage.end_line > passage.start_line:
            draft.lines.append(_blockquote(passage.text) + f" {marker}\n")
    chosen = relevant(hits)
    if not chosen and not facts:
        draft.say("docs_none")
        return draft
    if chosen:
        draft.say("docs_lead")
        shown = [hit.passage for hit in chosen]
        if passages:
            shown = with_sections(shown, passages)
        for passage in shown:
            marker = draft.cite(passage.source, passage.start_line, passage.end_line, passage.text)
            quoted = "\n".join(
                f"> {line}" if line.strip() else ">" for line in passage.text.split("\n")
            )
            draft.lines.append(f"{quoted} {marker}\n")
    return draft
