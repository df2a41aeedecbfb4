"""GET /api/answers/{conversation_id}/{turn}/rows: every row behind an answer, a page at a time.

An aggregate cites a bounded number of rows per group; the full list of the partnerships it
counted (or of a list answer) is recomputed from the turn's stored plan and paged here, so a
million-row answer never travels or sits in the conversation store whole.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from assistant import core
from assistant.sql import query
from assistant.state import TurnState
from assistant.web.current import Leased
from assistant.web.export import ERRORS, Turn

router = APIRouter()
MAX_LIMIT = 1000


class RowPage(BaseModel):
    columns: list[str]
    rows: list[list]
    total: int
    offset: int
    limit: int


@router.get(
    "/api/answers/{conversation_id}/{turn}/rows",
    response_model=RowPage,
    responses=ERRORS,
    tags=["data"],
)
def answer_rows(
    conversation_id: str,
    turn: Turn,
    assistant: Leased,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> RowPage:
    """The partnership rows behind one answer (a list's rows, or the rows an aggregate counted)."""
    rt = assistant.runtime
    if not assistant.store.exists(conversation_id):
        raise HTTPException(404, f"Unknown conversation id: {conversation_id!r}.")
    stored = assistant.store.turn(conversation_id, turn)
    if stored is None:
        raise HTTPException(404, f"This conversation has no turn {turn}.")
    state = TurnState.load(stored.state)
    if state is None or state.intent is None or state.route != "table":
        raise HTTPException(404, f"Turn {turn} of this conversation has no survey rows.")
    sql, params = _rows_query(state, rt)
    cursor = rt.con.cursor()
    try:
        (total,) = cursor.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
        page = cursor.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
        columns = [d[0] for d in page.description]
        rows = [list(r) for r in page.fetchall()]
    finally:
        cursor.close()
    return RowPage(columns=columns, rows=rows, total=total, offset=offset, limit=limit)


def _rows_query(state: TurnState, rt) -> tuple[str, list]:
    """The rows' SQL: one plan's, or for a message of several questions every part's in turn,
    with a last column `part` (1, 2, … as asked), as the answer's data has them."""
    if len(state.parts) < 2:
        q = query.partnerships(_rows_plan(state, rt))
        return q.sql, list(q.params)
    selects, params = [], []
    for n, intent in enumerate(state.parts, 1):
        q = query.partnerships(_rows_plan(state.model_copy(update={"intent": intent}), rt))
        selects.append(f"SELECT *, {n} AS part FROM ({q.sql})")
        params += list(q.params)
    return " UNION ALL ".join(selects), params


def _rows_plan(state: TurnState, rt):
    """The plan whose rows an answer rests on: a comparison's rows are its compared units' or
    countries', a top N's those of its N groups; every other shape's are its filters' rows."""
    plan = state.intent.model_copy(update={"shape": "list", "limit": None, "extreme": None})
    if state.intent.limit and state.intent.shape in ("group_country", "group_unit"):
        data = core.turn_data(rt, state.model_dump(mode="json"))
        names = [row[0] for row in data.rows] if data else []
        key = "countries" if state.intent.shape == "group_country" else "units"
        plan = plan.model_copy(update={key: names})
    if plan.compare_units:
        plan = plan.model_copy(update={"units": plan.compare_units, "compare_units": []})
    if plan.compare_countries:
        plan = plan.model_copy(
            update={"countries": plan.compare_countries, "compare_countries": []}
        )
    return plan
