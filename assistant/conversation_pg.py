"""The conversation store in PostgreSQL (`ASSISTANT_DATABASE_URL=postgresql://...`), shared by
any number of servers: psycopg 3 with its connection pool, turn state and answers as JSONB.

A lost connection (the database restarted, the network away) becomes `StoreUnavailable`, which
the HTTP service answers with a 503 and a `detail`; the pool is then replaced, so the next
request connects afresh instead of waiting out the old pool's reconnection backoff.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from urllib.parse import urlparse

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolClosed, PoolTimeout

from assistant.conversation import SCHEMA_VERSION, ConversationStore, Query
from assistant.errors import AssistantError, StoreUnavailable

log = logging.getLogger(__name__)
# The pool logs every failed reconnection attempt; the outage is reported once per request (503).
logging.getLogger("psycopg.pool").setLevel(logging.ERROR)

LOCK_ID = 7_461_203  # advisory lock: servers starting together create the schema once
UNAVAILABLE = "The conversation database cannot be reached just now; please try again in a moment."

_SCHEMA = """
CREATE TABLE IF NOT EXISTS store_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
    id text PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    turns integer NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS conversations_updated ON conversations (updated);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    turn integer NOT NULL,
    message text NOT NULL,
    language text NOT NULL,
    state jsonb NOT NULL,
    answer jsonb NOT NULL,
    created timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, turn)
);
CREATE TABLE IF NOT EXISTS feedback (
    id bigserial PRIMARY KEY,
    conversation_id text NOT NULL,
    turn integer,
    rating text NOT NULL,
    comment text,
    question text,
    answer text,
    created timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created);
"""

# psycopg's errors for a connection that failed or went away (not a bad query of ours)
_LOST = (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout, PoolClosed)


def check_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("postgresql", "postgres"):
        raise AssistantError(
            f"ASSISTANT_DATABASE_URL must start with postgresql:// (got {parsed.scheme or url!r})."
        )
    return url


class PostgresStore(ConversationStore):
    def __init__(self, url: str, timeout: float = 5.0, max_size: int = 10):
        self.url = check_url(url)
        self.timeout = timeout
        self.max_size = max_size
        self._lock = threading.Lock()
        self._pool: ConnectionPool | None = None
        self._ready = False
        try:
            self._migrate()
        except StoreUnavailable as error:
            # Start anyway: each request reports the outage and tries again.
            log.info("%s", error)

    def _new_pool(self) -> ConnectionPool:
        return ConnectionPool(
            self.url,
            min_size=1,
            max_size=self.max_size,
            timeout=self.timeout,
            kwargs={"autocommit": True, "connect_timeout": max(1, round(self.timeout))},
            check=ConnectionPool.check_connection,
            open=True,
            name="assistant-conversations",
        )

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        with self._lock:
            if self._pool is None:
                self._pool = self._new_pool()
            pool = self._pool
        try:
            with pool.connection() as conn:
                yield conn
        except _LOST as error:
            # The next request starts a new pool: the old one may sit in its reconnection
            # backoff for a while after the database is back.
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            # closing waits for the pool's threads: not on this request's time
            threading.Thread(target=pool.close, daemon=True).start()
            raise StoreUnavailable(UNAVAILABLE) from error

    def _migrate(self) -> None:
        with self._connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_ID,))
            cur.execute("SELECT to_regclass('store_meta')")
            version = 0
            if cur.fetchone()[0] is not None:
                cur.execute("SELECT value FROM store_meta WHERE key = 'schema_version'")
                row = cur.fetchone()
                version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise AssistantError(
                    f"The conversation database has schema version {version}, newer than "
                    f"this program's {SCHEMA_VERSION}."
                )
            cur.execute(_SCHEMA)
            cur.execute(
                "INSERT INTO store_meta VALUES ('schema_version', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )
        self._ready = True

    @contextmanager
    def _transaction(self, write: bool = False) -> Iterator[Query]:
        if not self._ready:
            self._migrate()
        with self._connection() as conn, conn.cursor() as cur:

            def q(sql: str, *params) -> list[tuple]:
                cur.execute(sql.replace("?", "%s"), params)
                return cur.fetchall() if cur.description else []

            if write:
                with conn.transaction():
                    yield q
            else:
                yield q

    def _stamp(self, moment: datetime) -> datetime:
        return moment.astimezone(UTC)

    def _json(self, value: dict) -> Jsonb:
        return Jsonb(value)

    def _unjson(self, value: dict) -> dict:
        return value  # psycopg reads jsonb as Python objects

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
