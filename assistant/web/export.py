"""GET /api/export/{conversation_id}/{turn}.csv: an answer's data as a spreadsheet-safe CSV.

UTF-8 with a byte-order mark (so spreadsheets read Polish letters right), every cell that
starts like a formula (= + - @, tab, CR) neutralised with a leading apostrophe, and for each
row its evidence (the cited survey line) and the place facts of both ends (GeoNames).
The conversation store keeps up to 50 rows per turn: a longer answer is recomputed from the
index with the turn's stored intent, read-only.
"""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import Response
from pydantic import BaseModel, Field

from assistant import places
from assistant.core import Assistant
from assistant.intent import Intent
from assistant.sql import query
from assistant.web.current import Leased

router = APIRouter(tags=["export"])


class ErrorDetail(BaseModel):
    detail: str = Field(description="What is wrong, as one readable sentence.")


# The error answers of these routes (the app's handlers send every error as {"detail": ...}).
ERRORS = {
    400: {"model": ErrorDetail, "description": "Unusable input"},
    404: {"model": ErrorDetail, "description": "Unknown conversation or turn, or no data"},
    422: {"model": ErrorDetail, "description": "The request does not have the expected shape"},
    429: {"model": ErrorDetail, "description": "Over the client's rate limit"},
    503: {"model": ErrorDetail, "description": "No index yet"},
}
Turn = Annotated[int, Path(ge=1, le=1_000_000, description="the answer's turn, from 1")]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLACE_COLUMNS = [
    ("unit_place", "unit place (GeoNames)"),
    ("unit_place_kind", "unit place match"),
    ("voivodeship", "unit voivodeship (GeoNames)"),
    ("unit_population", "unit population (GeoNames)"),
    ("unit_lat", "unit latitude"),
    ("unit_lon", "unit longitude"),
    ("partner_place", "partner place (GeoNames)"),
    ("partner_place_kind", "partner place match"),
    ("partner_population", "partner population (GeoNames)"),
    ("partner_lat", "partner latitude"),
    ("partner_lon", "partner longitude"),
]
_GROUP_BY = {"unit": "unit", "country": "country"}


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe ('=1+1 -> '=1+1)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return neutralise("" if value is None else value)


@router.get(
    "/api/export/{conversation_id}/{turn}.csv",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}, "description": "The turn's data rows as CSV."},
        **ERRORS,
    },
)
def export_csv(conversation_id: str, turn: Turn, assistant: Leased) -> Response:
    """One answer's data (every row, not only the 50 kept) with evidence and place facts, as CSV."""
    cursor = assistant.runtime.con.cursor()
    try:
        columns, rows = turn_rows(assistant, conversation_id, turn, cursor)
        body = _csv(columns, rows, cursor)
    finally:
        cursor.close()
    name = f"zmp-{conversation_id[:12]}-{turn}.csv"
    return Response(
        content="\ufeff" + body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def turn_rows(
    assistant: Assistant, conversation_id: str, turn: int, cursor
) -> tuple[list[str], list[list]]:
    """Every data row of one stored answer (404 with a detail for an unknown conversation or
    turn, or a turn without data)."""
    if not assistant.store.exists(conversation_id):
        raise HTTPException(404, f"Unknown conversation id: {conversation_id!r}.")
    stored = assistant.store.turn(conversation_id, turn)
    if stored is None:
        raise HTTPException(404, f"This conversation has no turn {turn}.")
    data = stored.answer.get("data")
    if not data or not data.get("columns"):
        raise HTTPException(404, f"Turn {turn} of this conversation has no data to export.")
    recomputed = assistant.turn_data(stored.state)  # the store keeps plans, not rows
    if recomputed is not None and recomputed.columns == data["columns"]:
        return recomputed.columns, recomputed.rows
    return _all_rows(data, stored.state, cursor)


def _all_rows(data: dict, state: dict, cursor) -> tuple[list[str], list[list]]:
    """The stored rows, or, when the store kept only the first ones, the same query again."""
    columns, rows = list(data["columns"]), list(data["rows"])
    total = data.get("total", len(rows))
    intent_data = (state or {}).get("intent")
    if total <= len(rows) or not intent_data:
        return columns, rows
    intent = Intent.model_validate(intent_data)
    if {"source", "line"} <= set(columns):
        q = query.partnerships(intent)
    elif columns[0] in _GROUP_BY and "partnerships" in columns:
        q = query.grouped(intent, _GROUP_BY[columns[0]])
    else:
        return columns, rows
    names, found = q.run(cursor)
    if len(found) != total or not set(columns) <= set(names):
        return columns, rows  # not the same question any more: export what was kept
    at = [names.index(c) for c in columns]
    return columns, [[row[i] for i in at] for row in found]


def _csv(columns: list[str], rows: list[list], cursor) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if {"source", "line"} <= set(columns):
        s, n = columns.index("source"), columns.index("line")
        facts = {
            (f["source"], f["line"]): f
            for f in places.partnership_places(cursor, [(r[s], int(r[n])) for r in rows])
        }
        extra = ["evidence (survey line)", *(title for _key, title in _PLACE_COLUMNS)]
        writer.writerow([_cell(c) for c in columns + extra])
        for row in rows:
            fact = facts.get((row[s], int(row[n])), {})
            evidence = [f"{row[s]}:{row[n]}: {fact.get('raw', '')}"]
            writer.writerow(
                [_cell(v) for v in row + evidence + [fact.get(k) for k, _t in _PLACE_COLUMNS]]
            )
    elif columns and columns[0] == "unit":
        labels = [str(r[0]) for r in rows]
        facts = _unit_facts(cursor, labels)
        extra = [
            "unit place (GeoNames)",
            "unit voivodeship (GeoNames)",
            "unit population (GeoNames)",
        ]
        writer.writerow([_cell(c) for c in columns + extra])
        for row in rows:
            writer.writerow([_cell(v) for v in row + list(facts.get(str(row[0]), (None,) * 3))])
    else:
        writer.writerow([_cell(c) for c in columns])
        writer.writerows([_cell(v) for v in row] for row in rows)
    writer.writerow([])
    writer.writerow([_cell(places.GEONAMES_CREDIT)])
    return out.getvalue()


def _unit_facts(cursor, labels: list[str]) -> dict[str, tuple]:
    if not labels:
        return {}
    rows = cursor.execute(
        "SELECT key, name, voivodeship, population FROM places WHERE side = 'unit' AND key IN "
        f"({', '.join('?' * len(labels))})",
        labels,
    ).fetchall()
    return {key: (name, region, population) for key, name, region, population in rows}
