"""Conversations and feedback in SQLite, shared safely by several server processes."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import UnknownConversation

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    turn INTEGER NOT NULL,
    message TEXT NOT NULL,
    language TEXT NOT NULL,
    state TEXT NOT NULL,    -- JSON: the understood question and what it found
    answer TEXT NOT NULL,   -- JSON: the Answer as sent
    created TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (conversation_id, turn)
);
CREATE TABLE IF NOT EXISTS feedback (
    conversation_id TEXT NOT NULL,
    turn INTEGER,
    rating TEXT NOT NULL,
    comment TEXT,
    created TEXT NOT NULL DEFAULT (datetime('now'))
);
"""


@dataclass
class Turn:
    turn: int
    message: str
    language: str
    state: dict[str, Any]
    answer: dict[str, Any]


class ConversationStore:
    """One SQLite file in WAL mode: readers never block the writer, any worker sees every turn."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = (
            threading.local()
        )  # one connection per thread: sqlite3 connections are not shareable
        self._db.executescript(_SCHEMA)

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA busy_timeout=10000")
            db.execute(
                "PRAGMA synchronous=NORMAL"
            )  # WAL stays consistent; a power cut may lose the last turn
            self._local.db = db
        return db

    def new(self) -> str:
        conversation_id = uuid.uuid4().hex
        self._db.execute("INSERT INTO conversations (id) VALUES (?)", (conversation_id,))
        return conversation_id

    def exists(self, conversation_id: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        return row is not None

    def require(self, conversation_id: str) -> None:
        if not self.exists(conversation_id):
            raise UnknownConversation(f"Unknown conversation id: {conversation_id!r}.")

    def turns(self, conversation_id: str, limit: int = 10) -> list[Turn]:
        rows = self._db.execute(
            "SELECT turn, message, language, state, answer FROM turns"
            " WHERE conversation_id = ? ORDER BY turn DESC LIMIT ?",
            (conversation_id, limit),
        ).fetchall()
        return [Turn(t, m, lang, json.loads(s), json.loads(a)) for t, m, lang, s, a in rows][::-1]

    def last(self, conversation_id: str) -> Turn | None:
        turns = self.turns(conversation_id, limit=1)
        return turns[0] if turns else None

    def append(
        self, conversation_id: str, message: str, language: str, state: dict, answer: dict
    ) -> int:
        # BEGIN IMMEDIATE takes the write lock first, so two workers never pick the same turn number.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            (last,) = self._db.execute(
                "SELECT coalesce(max(turn), 0) FROM turns WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchone()
            self._db.execute(
                "INSERT INTO turns (conversation_id, turn, message, language, state, answer)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    last + 1,
                    message,
                    language,
                    json.dumps(state),
                    json.dumps(answer),
                ),
            )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return last + 1

    def add_feedback(
        self, conversation_id: str, turn: int | None, rating: str, comment: str | None
    ):
        self.require(conversation_id)
        self._db.execute(
            "INSERT INTO feedback (conversation_id, turn, rating, comment) VALUES (?, ?, ?, ?)",
            (conversation_id, turn, rating, comment),
        )

    def feedback_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM feedback").fetchone()[0]
