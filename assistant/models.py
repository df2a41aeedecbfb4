"""Typed values at the seams: what an answer is made of."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, field_serializer

Route = Literal["table", "documents", "both", "clarify", "out_of_scope"]
Language = Literal["pl", "en"]


class Citation(BaseModel):
    id: int
    source: str = Field(description="Corpus path, e.g. corpus/tables/miasta-i-gminy-2009.tsv")
    lines: tuple[int, int] = Field(description="1-based inclusive line range")
    quote: str = Field(description="Verbatim text of the cited lines")


class Data(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    total: int

    @field_serializer("rows")
    def _every_row(self, rows: Any) -> list[list[Any]]:
        """A list's rows may be made only when read (`sql.rows.RankedRows`): here, when sent."""
        return rows if isinstance(rows, list) else list(rows)


class Answer(BaseModel):
    conversation_id: str = ""
    language: Language = "en"
    route: Route = "out_of_scope"
    answer: str = ""
    data: Data | None = None
    sql: str | None = None
    citations: list[Citation] = []
    not_applied: list[str] = Field(
        default=[],
        description="The question's own phrases that the answer could not apply (empty when all applied)",
    )
