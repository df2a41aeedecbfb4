"""Conversations and feedback: one store, kept in a SQLite file or in PostgreSQL.

`open_store(settings)` gives the SQLite file of the data dir (WAL: safe for several workers on
one machine) unless `ASSISTANT_DATABASE_URL` names a PostgreSQL database, which any number of
servers on any number of machines may share (`assistant.conversation_pg`). Both keep the same
tables, created or migrated at start to `SCHEMA_VERSION`:

- conversations: id, created, updated (its latest turn), turns (how many so far);
- turns: the message, its language, the state a follow-up reads, the answer as sent;
- feedback: a rating and comment, with a copy of the question and the answer text it rates,
  so it outlives the conversation when `prune` deletes conversations idle for N days.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from assistant.errors import UnknownConversation

SCHEMA_VERSION = 2
PRUNE_INTERVAL = 3600.0  # seconds between two background prunes of a server

log = logging.getLogger(__name__)

Query = Callable[..., list[tuple]]  # (sql with ? placeholders, *params) -> rows


@dataclass
class Turn:
    turn: int
    message: str
    language: str
    state: dict[str, Any]
    answer: dict[str, Any]


@dataclass
class Rated:
    """One feedback entry as staff read it."""

    created: str  # UTC, "YYYY-MM-DD HH:MM:SS"
    conversation_id: str
    turn: int | None
    rating: str
    comment: str | None
    question: str | None
    answer: str | None

    @property
    def answer_first_line(self) -> str:
        return next((line for line in (self.answer or "").splitlines() if line.strip()), "")


@dataclass
class Pruned:
    conversations: int
    turns: int


class ConversationStore:
    """The store's operations, written once over `_transaction()`; the two backends differ in
    connections, column types and how a write takes its lock."""

    def _transaction(self, write: bool = False) -> Iterator[Query]:
        raise NotImplementedError

    def _stamp(self, moment: datetime) -> Any:
        """A UTC time as the database compares it."""
        raise NotImplementedError

    def _json(self, value: dict) -> Any:
        raise NotImplementedError

    def _unjson(self, value: Any) -> dict:
        raise NotImplementedError

    def _delete_turns_of_idle(self, q: Query, cutoff: Any) -> None:
        """Delete the turns of the conversations about to be pruned (PostgreSQL cascades)."""

    def close(self) -> None:
        pass

    def __enter__(self) -> ConversationStore:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # --- conversations and turns -------------------------------------------------------------

    def new(self) -> str:
        conversation_id = uuid.uuid4().hex
        now = self._stamp(_now())
        with self._transaction(write=True) as q:
            q(
                "INSERT INTO conversations (id, created, updated, turns) VALUES (?, ?, ?, 0)",
                conversation_id,
                now,
                now,
            )
        return conversation_id

    def exists(self, conversation_id: str) -> bool:
        with self._transaction() as q:
            return bool(q("SELECT 1 FROM conversations WHERE id = ?", conversation_id))

    def require(self, conversation_id: str) -> None:
        if not self.exists(conversation_id):
            raise UnknownConversation(f"Unknown conversation id: {conversation_id!r}.")

    def turns(self, conversation_id: str, limit: int = 10) -> list[Turn]:
        with self._transaction() as q:
            rows = q(
                "SELECT turn, message, language, state, answer FROM turns"
                " WHERE conversation_id = ? ORDER BY turn DESC LIMIT ?",
                conversation_id,
                limit,
            )
        return [Turn(t, m, lang, self._unjson(s), self._unjson(a)) for t, m, lang, s, a in rows][
            ::-1
        ]

    def turn(self, conversation_id: str, number: int) -> Turn | None:
        with self._transaction() as q:
            rows = q(
                "SELECT turn, message, language, state, answer FROM turns"
                " WHERE conversation_id = ? AND turn = ?",
                conversation_id,
                number,
            )
        return next(
            (Turn(t, m, lang, self._unjson(s), self._unjson(a)) for t, m, lang, s, a in rows), None
        )

    def last(self, conversation_id: str) -> Turn | None:
        turns = self.turns(conversation_id, limit=1)
        return turns[0] if turns else None

    def append(
        self, conversation_id: str, message: str, language: str, state: dict, answer: dict
    ) -> int:
        """Store the next turn; its number comes from the conversation's row, which the update
        locks, so two servers answering the same conversation never pick the same number."""
        now = self._stamp(_now())
        with self._transaction(write=True) as q:
            counted = q(
                "UPDATE conversations SET turns = turns + 1, updated = ? WHERE id = ?"
                " RETURNING turns",
                now,
                conversation_id,
            )
            if not counted:
                raise UnknownConversation(f"Unknown conversation id: {conversation_id!r}.")
            number = counted[0][0]
            q(
                "INSERT INTO turns (conversation_id, turn, message, language, state, answer,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                conversation_id,
                number,
                message,
                language,
                self._json(state),
                self._json(answer),
                now,
            )
        return number

    # --- feedback ----------------------------------------------------------------------------

    def add_feedback(
        self, conversation_id: str, turn: int | None, rating: str, comment: str | None
    ) -> None:
        """Keep a rating of one answer (the latest when `turn` is None) with a copy of the
        question and the answer text, which outlive the conversation."""
        self.require(conversation_id)
        rated = self.last(conversation_id) if turn is None else self.turn(conversation_id, turn)
        if turn is not None and rated is None:
            raise UnknownConversation(f"The conversation has no answer number {turn}.")
        with self._transaction(write=True) as q:
            q(
                "INSERT INTO feedback (conversation_id, turn, rating, comment, question, answer,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                conversation_id,
                rated.turn if rated else None,
                rating,
                comment,
                rated.message if rated else None,
                str(rated.answer.get("answer", "")) if rated else None,
                self._stamp(_now()),
            )

    def feedback_count(self) -> int:
        with self._transaction() as q:
            return q("SELECT count(*) FROM feedback")[0][0]

    def feedback(self, rating: str | None = None, since: date | None = None) -> list[Rated]:
        """Feedback entries, oldest first, optionally only one rating or from a day on."""
        sql = "SELECT created, conversation_id, turn, rating, comment, question, answer"
        sql += " FROM feedback WHERE 1 = 1"
        params: list[Any] = []
        if rating is not None:
            sql += " AND rating = ?"
            params.append(rating)
        if since is not None:
            sql += " AND created >= ?"
            params.append(self._stamp(datetime.combine(since, time(), UTC)))
        with self._transaction() as q:
            rows = q(sql + " ORDER BY created, conversation_id, turn", *params)
        return [Rated(_text_time(row[0]), *row[1:]) for row in rows]

    # --- retention ---------------------------------------------------------------------------

    def prune(self, days: int, now: datetime | None = None) -> Pruned:
        """Delete conversations whose latest turn is more than `days` days old; keep feedback."""
        cutoff = self._stamp((now or _now()) - timedelta(days=days))
        with self._transaction(write=True) as q:
            self._delete_turns_of_idle(q, cutoff)
            gone = q("DELETE FROM conversations WHERE updated < ? RETURNING turns", cutoff)
        return Pruned(conversations=len(gone), turns=sum(n for (n,) in gone))


def open_store(settings) -> ConversationStore:
    """The store that `settings` name: PostgreSQL when `database_url` is set, else SQLite."""
    if settings.database_url:
        from assistant.conversation_pg import PostgresStore

        return PostgresStore(settings.database_url, timeout=settings.database_timeout)
    return SQLiteStore(settings.conversations_path)


async def prune_periodically(
    store: Callable[[], ConversationStore], days: int, interval: float = PRUNE_INTERVAL
) -> None:
    """Prune now, then every `interval` seconds, until cancelled (a server's lifespan task).

    A failed prune (the database away, no index yet) is logged and tried again next time.
    """
    while True:
        try:
            pruned = await asyncio.to_thread(lambda: store().prune(days))
            if pruned.conversations:
                log.info(
                    "pruned %d conversations (%d turns) idle for over %d days",
                    pruned.conversations,
                    pruned.turns,
                    days,
                )
        except Exception as error:  # noqa: BLE001 - the next round tries again
            log.warning("pruning conversations failed: %s", error)
        await asyncio.sleep(interval)


def _now() -> datetime:
    return datetime.now(UTC)


def _text_time(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


# --- SQLite ----------------------------------------------------------------------------------

_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,  -- UTC "YYYY-MM-DD HH:MM:SS": the latest turn, what retention reads
    turns INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS conversations_updated ON conversations (updated);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    turn INTEGER NOT NULL,
    message TEXT NOT NULL,
    language TEXT NOT NULL,
    state TEXT NOT NULL,    -- JSON: the understood question and what it found
    answer TEXT NOT NULL,   -- JSON: the Answer as sent
    created TEXT NOT NULL,
    PRIMARY KEY (conversation_id, turn)
);
CREATE TABLE IF NOT EXISTS feedback (
    conversation_id TEXT NOT NULL,
    turn INTEGER,
    rating TEXT NOT NULL,
    comment TEXT,
    question TEXT,          -- copies: the conversation may be pruned, the feedback stays
    answer TEXT,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created);
"""

# Version 1 (no store_meta): conversations(id, created), feedback without the copies.
_SQLITE_FROM_1 = """
ALTER TABLE conversations ADD COLUMN updated TEXT;
ALTER TABLE conversations ADD COLUMN turns INTEGER NOT NULL DEFAULT 0;
UPDATE conversations SET
    turns = coalesce((SELECT max(turn) FROM turns WHERE conversation_id = id), 0),
    updated = coalesce((SELECT max(created) FROM turns WHERE conversation_id = id), created);
ALTER TABLE feedback ADD COLUMN question TEXT;
ALTER TABLE feedback ADD COLUMN answer TEXT;
UPDATE feedback SET
    turn = coalesce(turn, (SELECT max(t.turn) FROM turns t
                           WHERE t.conversation_id = feedback.conversation_id)),
    question = (SELECT t.message FROM turns t WHERE t.conversation_id = feedback.conversation_id
                AND t.turn = coalesce(feedback.turn, (SELECT max(u.turn) FROM turns u
                    WHERE u.conversation_id = feedback.conversation_id))),
    answer = (SELECT json_extract(t.answer, '$.answer') FROM turns t
              WHERE t.conversation_id = feedback.conversation_id
              AND t.turn = coalesce(feedback.turn, (SELECT max(u.turn) FROM turns u
                  WHERE u.conversation_id = feedback.conversation_id)));
"""


class SQLiteStore(ConversationStore):
    """One SQLite file in WAL mode: readers never block the writer, any worker sees every turn."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # one connection per thread: sqlite3 connections are not shareable
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._migrate()

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            # each connection serves one thread; close() may run on another
            db = sqlite3.connect(
                self.path, timeout=10, isolation_level=None, check_same_thread=False
            )
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA busy_timeout=10000")
            # WAL stays consistent; a power cut may lose the last turn
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
            self._connections.append(db)
        return db

    def _migrate(self) -> None:
        db = self._db
        db.execute("BEGIN IMMEDIATE")  # two workers starting together migrate once
        try:
            version = _sqlite_version(db)
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"The conversation store {self.path} has schema version {version}, newer "
                    f"than this program's {SCHEMA_VERSION}."
                )
            # executescript would commit first: run the statements one by one in this transaction
            script = (_SQLITE_FROM_1 if version == 1 else "") + _SQLITE_SCHEMA
            for statement in script.split(";\n"):
                if statement.strip():
                    db.execute(statement)
            db.execute(
                "INSERT OR REPLACE INTO store_meta VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @contextmanager
    def _transaction(self, write: bool = False) -> Iterator[Query]:
        db = self._db

        def q(sql: str, *params) -> list[tuple]:
            return db.execute(sql, params).fetchall()

        if not write:
            yield q
            return
        # BEGIN IMMEDIATE takes the write lock first: no two workers interleave their writes.
        db.execute("BEGIN IMMEDIATE")
        try:
            yield q
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _stamp(self, moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    def _json(self, value: dict) -> str:
        return json.dumps(value)

    def _unjson(self, value: str) -> dict:
        return json.loads(value)

    def _delete_turns_of_idle(self, q: Query, cutoff: str) -> None:
        q(
            "DELETE FROM turns WHERE conversation_id IN"
            " (SELECT id FROM conversations WHERE updated < ?)",
            cutoff,
        )

    def close(self) -> None:
        for db in self._connections:
            db.close()
        self._connections.clear()
        self._local = threading.local()


def _sqlite_version(db: sqlite3.Connection) -> int:
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "store_meta" in tables:
        row = db.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0
    return 1 if "conversations" in tables else 0
