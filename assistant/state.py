"""The per-turn state a conversation keeps: what a follow-up needs, typed.

A turn stores its query plan, the items an answer listed (so that "the second one" can
be resolved), the options of a clarify question, and its language and route; never the
rendered answer. It is persisted as JSON (JSONB on PostgreSQL) and read back through
`TurnState.model_validate`, so the next turn reads fields, not positions in a list.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.intent import Intent
from assistant.models import Route


class Item(BaseModel):
    """One item of an answer's list: a partnership (partner, unit, country), a unit or a country."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["partner", "unit", "country"]
    value: str
    unit: str | None = None
    country: str | None = None


class TurnState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: Literal["pl", "en"] = "pl"
    route: Route = "out_of_scope"
    intent: Intent | None = None
    items: list[Item] = []
    options: list[str] = []
    parts: list[Intent] = []  # a message of several questions: each part's plan, in order

    def compact(self) -> dict:
        """What the store keeps: the plan without its defaults, the clarify options, and no
        items (they are recomputed from the plan when a follow-up needs them)."""
        kept: dict = {"language": self.language, "route": self.route}
        if self.intent is not None:
            kept["intent"] = self.intent.model_dump(mode="json", exclude_defaults=True)
        if self.options:
            kept["options"] = self.options
        if len(self.parts) > 1:
            kept["parts"] = [p.model_dump(mode="json", exclude_defaults=True) for p in self.parts]
        if self.items and (self.route != "table" or len(self.items) <= 3):
            # a short list is kept ("When did it start?" after one partnership reads it);
            # a longer one is recomputed from the plan when a follow-up picks from it
            kept["items"] = [item.model_dump(mode="json", exclude_none=True) for item in self.items]
        return kept

    @classmethod
    def load(cls, raw: dict | None) -> TurnState | None:
        """A stored state, or None when there is none or it was written by an older version."""
        if not raw:
            return None
        try:
            return cls.model_validate(_upgraded(raw))
        except ValueError:
            return None


def _upgraded(raw: dict) -> dict:
    """States written before items were typed kept them as lists: [kind, value, unit, country]."""
    items = []
    for item in raw.get("items") or []:
        if isinstance(item, list | tuple):
            kind, value, *rest = item
            items.append({"kind": kind, "value": value, "unit": rest[0] if rest else None,
                          "country": rest[1] if len(rest) > 1 else None})  # fmt: skip
        else:
            items.append(item)
    return {**raw, "items": items}
