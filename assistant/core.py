"""The one entry point: answer(message, conversation_id) -> Answer. (Being built.)"""

from __future__ import annotations

from assistant.config import Settings, get_settings
from assistant.conversation import ConversationStore
from assistant.errors import InputError
from assistant.models import Answer


def answer(message: str, conversation_id: str | None = None, settings: Settings | None = None) -> Answer:
    settings = settings or get_settings()
    text = (message or "").strip()
    if not text:
        raise InputError("The message is empty.")
    if len(message) > settings.max_message_chars:
        raise InputError(f"The message is longer than {settings.max_message_chars} characters.")
    store = ConversationStore(settings.conversations_path)
    if conversation_id:
        store.require(conversation_id)
    else:
        conversation_id = store.new()
    result = Answer(
        conversation_id=conversation_id,
        language="en",
        route="out_of_scope",
        answer="I can answer questions about partnerships of Polish towns, gminas and powiats.",
    )
    store.append(conversation_id, text, result.language, {}, result.model_dump())
    return result


def health(settings: Settings | None = None) -> dict:
    return {"status": "ok", "corpus_version": None, "rows": 0, "passages": 0}
