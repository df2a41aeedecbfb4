"""Errors meant for users: one clear sentence, shown by the CLI and turned into 4xx over HTTP."""


class AssistantError(Exception):
    """Base class: the message is for the user."""


class InputError(AssistantError):
    """The question itself is unusable (empty, too long)."""


class UnknownConversation(AssistantError):
    """A conversation id that the store has never issued."""


class IndexMissing(AssistantError):
    """No index has been built yet: run `assistant ingest`."""


class CorpusError(AssistantError):
    """A corpus file cannot be read."""


class StoreUnavailable(AssistantError):
    """The conversation database cannot be reached just now; the next request tries again."""
