"""One answer to a message that asked several questions: each part's answer in turn, their
citations numbered as one list (a row cited twice keeps one number), every part's rows in the
data, what no part could apply listed once."""

from __future__ import annotations

import re
from collections import deque
from itertools import repeat

from assistant.models import Answer, Citation, Data
from assistant.sql.query import LIST_COLUMNS
from assistant.sql.rows import RankedRows

_MARKER = re.compile(r"\[(\d+)\]")


def merged(answers: list[Answer]) -> Answer:
    """`answers` in the order asked, as one: their texts in turn, one list of citations, every
    part's rows in `data` (`merged_data`) and every part's SQL."""
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
        data=merged_data([a.data for a in answers]),
        sql=";\n".join(a.sql for a in answers if a.sql) or None,
        citations=citations,
        not_applied=not_applied,
    )


def merged_data(datas: list[Data | None]) -> Data | None:
    """Every part's rows: parts whose tables have the same columns are one table with a last
    column `part` (1, 2, … in the order asked); otherwise the partnership rows the parts were
    counted from (the first list of partnerships), else the first table."""
    found = [(n, d) for n, d in enumerate(datas, 1) if d is not None]
    if not found:
        return None
    if len(found) == 1:
        return found[0][1]
    columns = found[0][1].columns
    if all(d.columns == columns for _n, d in found):
        rows = _joined([(n, d.rows) for n, d in found])
        # built from rows already validated: no second validation of up to 100k rows
        return Data.model_construct(columns=[*columns, "part"], rows=rows, total=len(rows))
    lists = [d for _n, d in found if d.columns[: len(LIST_COLUMNS)] == LIST_COLUMNS]
    return lists[0] if lists else found[0][1]


def _joined(parts: list[tuple[int, list[list] | RankedRows]]) -> list[list] | RankedRows:
    """Every part's rows, each row ending with its part's number. Rows of one index not made
    yet stay so (`RankedRows.joined`); else the parts' own row lists get their part (no
    copies)."""
    lazy = [(n, rows) for n, rows in parts if isinstance(rows, RankedRows)]
    if len(lazy) == len(parts) and len({id(rows.columns) for _n, rows in lazy}) == 1:
        return RankedRows.joined(lazy)
    joined: list[list] = []
    for n, rows in parts:
        made = rows.made() if isinstance(rows, RankedRows) else rows
        _append_to_each(made, n)
        joined += made
    return joined


def _append_to_each(rows: list[list], value: int) -> None:
    """`value` appended to every row in one pass that list.append makes at C speed (the deque
    of length 0 only runs the map): a part of 100k rows is no Python loop of 100k steps."""
    deque(map(list.append, rows, repeat(value)), maxlen=0)


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
