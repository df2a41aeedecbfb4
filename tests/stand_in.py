"""Test-only: an assistant stand-in for web tests that need a chosen answer (slow, long,
failing, scripted) without an index. It keeps conversations in the real store the settings
name, so turns and feedback go through the real code."""

from __future__ import annotations

from collections.abc import Callable

from assistant.config import Settings
from assistant.conversation import open_store
from assistant.core import NO_INDEX_HEALTH, validate
from assistant.models import Answer

Reply = Callable[[str], Answer]


class StandIn:
    def __init__(self, settings: Settings, reply: Reply) -> None:
        self.settings = settings
        self.store = open_store(settings)
        self._reply = reply

    def answer(self, message: str, conversation_id: str | None = None) -> Answer:
        text = validate(message, self.settings)
        if conversation_id:
            self.store.require(conversation_id)
        else:
            conversation_id = self.store.new()
        result = self._reply(text)
        result.conversation_id = conversation_id
        self.store.append(
            conversation_id, text, result.language, {}, result.model_dump(mode="json")
        )
        return result

    def health(self) -> dict:
        return {"llm": "off", **NO_INDEX_HEALTH, "status": "ok"}

    def warm_up(self) -> None:
        pass

    def close(self) -> None:
        self.store.close()
