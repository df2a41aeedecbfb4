"""The conversation store, SQLite and PostgreSQL alike: turns, feedback with its copies, retention,
schema versions and migration, and a lost PostgreSQL connection (a 503, then a retry)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from postgres import postgres_server

from assistant.config import Settings
from assistant.conversation import SCHEMA_VERSION, SQLiteStore, open_store
from assistant.errors import StoreUnavailable, UnknownConversation


@pytest.fixture(scope="module")
def postgres():
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path)
    else:
        server = request.getfixturevalue("postgres")
        database = f"t{abs(hash(request.node.name))}"
        server.psql(f"CREATE DATABASE {database}")
        settings = Settings(
            data_dir=tmp_path, database_url=server.url.rsplit("/", 1)[0] + "/" + database
        )
    with open_store(settings) as opened:
        yield opened


def backdate(store, conversation_id: str, days: int) -> None:
    """Make a conversation look idle for `days` days."""
    with store._transaction(write=True) as q:
        then = store._stamp(datetime.now(UTC) - timedelta(days=days))
        q(
            "UPDATE conversations SET updated = ?, created = ? WHERE id = ?",
            then,
            then,
            conversation_id,
        )


def talk(store, *messages: str) -> str:
    conversation = store.new()
    for n, message in enumerate(messages, 1):
        store.append(conversation, message, "pl", {"intent": {"year": n}, "unit": "Łódź"},
                     {"answer": f"Odpowiedź {n}.\nDruga linia.", "route": "table"})  # fmt: skip
    return conversation


def test_turns_are_numbered_in_order_and_keep_their_state(store):
    conversation = talk(store, "partnerzy Łodzi", "A w 2005?")
    turns = store.turns(conversation)
    assert [t.turn for t in turns] == [1, 2]
    assert turns[1].state == {"intent": {"year": 2}, "unit": "Łódź"}
    assert store.last(conversation).message == "A w 2005?"
    assert store.turns(conversation, limit=1)[0].turn == 2
    assert store.last(store.new()) is None


def test_an_unknown_conversation_is_refused(store):
    with pytest.raises(UnknownConversation):
        store.require("no-such-conversation")
    with pytest.raises(UnknownConversation):
        store.append("no-such-conversation", "x", "en", {}, {})
    with pytest.raises(UnknownConversation):
        store.add_feedback("no-such-conversation", 1, "up", None)


def test_concurrent_appends_to_one_conversation_get_distinct_turn_numbers(store):
    conversation = store.new()
    numbers: list[int] = []

    def add(k: int) -> None:
        for i in range(5):
            numbers.append(store.append(conversation, f"q{k}.{i}", "en", {}, {"answer": "a"}))

    threads = [threading.Thread(target=add, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == list(range(1, 21))
    assert [t.turn for t in store.turns(conversation, limit=50)] == list(range(1, 21))


def test_feedback_keeps_a_copy_of_the_question_and_answer_it_rates(store):
    conversation = talk(store, "partnerzy Łodzi", "A w 2005?")
    store.add_feedback(conversation, 1, "down", "brak Lyonu")
    store.add_feedback(conversation, None, "up", None)  # no turn: the latest answer
    with pytest.raises(UnknownConversation, match="no answer number 3"):
        store.add_feedback(conversation, 3, "up", None)
    down, up = store.feedback()
    assert (down.turn, down.question, down.comment) == (1, "partnerzy Łodzi", "brak Lyonu")
    assert down.answer_first_line == "Odpowiedź 1."
    assert (up.turn, up.question, up.rating) == (2, "A w 2005?", "up")
    assert [r.rating for r in store.feedback(rating="down")] == ["down"]
    assert store.feedback(since=date.today() + timedelta(days=2)) == []
    assert len(store.feedback(since=date.today() - timedelta(days=1))) == 2
    assert store.feedback_count() == 2


def test_prune_removes_idle_conversations_and_keeps_feedback(store):
    old = talk(store, "partnerzy Łodzi", "A w 2005?")
    store.add_feedback(old, 2, "down", "za mało")
    recent = talk(store, "partners of Kraków")
    backdate(store, old, days=31)
    pruned = store.prune(days=30)
    assert (pruned.conversations, pruned.turns) == (1, 2)
    assert not store.exists(old) and store.turns(old) == []
    assert store.exists(recent) and len(store.turns(recent)) == 1
    (kept,) = store.feedback()
    assert (kept.conversation_id, kept.question, kept.comment) == (old, "A w 2005?", "za mało")
    assert store.prune(days=30).conversations == 0


def test_a_new_turn_keeps_an_old_conversation_alive(store):
    conversation = talk(store, "partnerzy Łodzi")
    backdate(store, conversation, days=40)
    store.append(conversation, "A w 2005?", "pl", {}, {"answer": "a"})
    assert store.prune(days=30).conversations == 0


def test_the_schema_version_is_recorded(store):
    with store._transaction() as q:
        assert q("SELECT value FROM store_meta WHERE key = 'schema_version'") == [
            (str(SCHEMA_VERSION),)
        ]


def test_postgresql_keeps_turn_state_as_jsonb(postgres, tmp_path):
    settings = Settings(data_dir=tmp_path, database_url=postgres.url)
    with open_store(settings) as store:
        conversation = talk(store, "partnerzy Łodzi")
    assert (
        postgres.psql(
            "SELECT pg_typeof(state)::text || ' ' || (state->'intent'->>'year') FROM turns"
            f" WHERE conversation_id = '{conversation}'"
        )
        == "jsonb 1"
    )


VERSION_1 = """
CREATE TABLE conversations (id TEXT PRIMARY KEY, created TEXT NOT NULL DEFAULT (datetime('now')));
CREATE TABLE turns (conversation_id TEXT NOT NULL REFERENCES conversations(id), turn INTEGER NOT NULL,
    message TEXT NOT NULL, language TEXT NOT NULL, state TEXT NOT NULL, answer TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (conversation_id, turn));
CREATE TABLE feedback (conversation_id TEXT NOT NULL, turn INTEGER, rating TEXT NOT NULL,
    comment TEXT, created TEXT NOT NULL DEFAULT (datetime('now')));
INSERT INTO conversations (id, created) VALUES ('c1', '2026-01-01 10:00:00');
INSERT INTO turns VALUES ('c1', 1, 'partnerzy Łodzi', 'pl', '{"route": "table"}',
    '{"answer": "Łódź ma 20 partnerów."}', '2026-01-01 10:00:00');
INSERT INTO turns VALUES ('c1', 2, 'A w 2005?', 'pl', '{}', '{"answer": "W 2005: 2."}',
    '2026-01-01 10:01:00');
INSERT INTO feedback VALUES ('c1', 1, 'down', 'stare', '2026-01-01 10:02:00');
INSERT INTO feedback VALUES ('c1', NULL, 'up', NULL, '2026-01-01 10:03:00');
"""


def test_a_version_1_sqlite_file_is_migrated_in_place(tmp_path):
    path = tmp_path / "conversations.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(VERSION_1)
    with SQLiteStore(path) as store:
        assert [t.message for t in store.turns("c1")] == ["partnerzy Łodzi", "A w 2005?"]
        assert store.append("c1", "A z Niemcami?", "pl", {}, {"answer": "a"}) == 3
        first, second = store.feedback()
        assert (first.question, first.answer) == ("partnerzy Łodzi", "Łódź ma 20 partnerów.")
        assert (second.turn, second.question) == (2, "A w 2005?")
    with SQLiteStore(path) as again:  # opening a current file changes nothing
        assert len(again.turns("c1")) == 3


def test_a_lost_postgresql_connection_is_unavailable_then_retried(postgres, tmp_path):
    settings = Settings(data_dir=tmp_path, database_url=postgres.url, database_timeout=1)
    with open_store(settings) as store:
        conversation = talk(store, "partnerzy Łodzi")
        postgres.stop()
        try:
            with pytest.raises(StoreUnavailable, match="cannot be reached"):
                store.last(conversation)
            with pytest.raises(StoreUnavailable):
                store.new()
        finally:
            postgres.start()
        assert store.last(conversation).message == "partnerzy Łodzi"
        assert store.append(conversation, "A w 2005?", "pl", {}, {"answer": "a"}) == 2


def test_a_database_url_that_is_not_postgresql_is_refused(tmp_path):
    with pytest.raises(Exception, match="must start with postgresql://"):
        open_store(Settings(data_dir=tmp_path, database_url="mysql://localhost/x"))
