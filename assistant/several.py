"""One answer to a message that asked several questions: each part's answer in turn, their
citations numbered as one list (a row cited twice keeps one number), what no part could apply
listed once."""

from __future__ import annotations

import re

from assistant.models import Answer, Citation

_MARKER = re.compile(r"\[(\d+)\]")


def merged(answers: list[Answer], shown: int) -> Answer:
    """`answers` in the order asked; `data` and `sql` are those of answers[shown] (the part the
    conversation's next turn goes on from)."""
    citations: list[Citation] = []
    texts: list[str] = []
    for answer in answers:
        numbers = {c.id: _number(c, citations) for c in answer.citations}
        texts.append(_renumbered(answer.answer, numbers))
    not_applied = list(dict.fromkeys(p for a in answers for p in a.not_applied))
    return Answer(
        language=answers[0].language,
        route=_route({a.route for a in answers}),
        answer="\n\n".join(texts),
        data=answers[shown].data,
        sql=answers[shown].sql,
        citations=citations,
        not_applied=not_applied,
    )


def _renumbered(text: str, numbers: dict[int, int]) -> str:
    return _MARKER.sub(lambda m: f"[{numbers.get(int(m.group(1)), m.group(1))}]", text)


def _number(citation: Citation, citations: list[Citation]) -> int:
    for kept in citations:
        if (kept.source, kept.lines) == (citation.source, citation.lines):
            return kept.id
    citations.append(citation.model_copy(update={"id": len(citations) + 1}))
    return len(citations)


def _route(routes: set[str]) -> str:
    answered = routes - {"out_of_scope"} or routes
    if len(answered) == 1:
        return next(iter(answered))
    if answered <= {"table", "documents", "both"}:
        return "both"
    return "table" if "table" in answered else sorted(answered)[0]
