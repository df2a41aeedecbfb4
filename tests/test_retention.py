"""Retention and staff's view: the server prunes idle conversations in the background, feedback
over HTTP keeps its question and answer, `assistant prune` and `assistant feedback` work."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from live_server import REPO, server_env
from postgres import postgres_server
from test_store import backdate, talk

from assistant.config import Settings
from assistant.conversation import open_store
from assistant.web.app import create_app

ASSISTANT = str(Path(sys.executable).parent / "assistant")


@pytest.fixture(scope="module")
def postgres():
    with postgres_server() as server:
        yield server


def run(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    extra = {"ASSISTANT_DATABASE_URL": settings.database_url} if settings.database_url else {}
    return subprocess.run(
        [ASSISTANT, *args], cwd=REPO, env=server_env(settings.data_dir, **extra),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_server_prunes_idle_conversations_in_the_background(built_settings):
    with open_store(built_settings) as store:
        idle, recent = talk(store, "partnerzy Łodzi"), talk(store, "partners of Kraków")
        backdate(store, idle, days=built_settings.conversation_days + 1)
        with TestClient(create_app(settings=built_settings)):
            deadline = time.monotonic() + 60
            while store.exists(idle) and time.monotonic() < deadline:
                time.sleep(0.2)
        assert not store.exists(idle)
        assert store.exists(recent)


def test_feedback_over_http_keeps_a_copy_of_the_rated_answer(built_settings):
    with TestClient(create_app(settings=built_settings)) as client:
        asked = client.post("/api/chat", json={"message": "partnerzy Krakowa"}).json()
        conversation = asked["conversation_id"]
        rated = {"conversation_id": conversation, "turn": 1, "rating": "down", "comment": "?"}
        assert client.post("/api/feedback", json=rated).status_code == 201
        missing = client.post("/api/feedback", json={**rated, "turn": 9})
        assert missing.status_code == 404 and "no answer number 9" in missing.json()["detail"]
    with open_store(built_settings) as store:
        (kept,) = [r for r in store.feedback() if r.conversation_id == conversation]
    assert (kept.turn, kept.question, kept.comment) == (1, "partnerzy Krakowa", "?")
    assert kept.answer_first_line == asked["answer"].splitlines()[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request, tmp_path) -> Settings:
    if request.param == "sqlite":
        return Settings(data_dir=tmp_path)
    return Settings(data_dir=tmp_path, database_url=request.getfixturevalue("postgres").url)


def test_assistant_prune_deletes_idle_conversations_and_keeps_feedback(settings):
    with open_store(settings) as store:
        idle = talk(store, "partnerzy Łodzi", "A w 2005?")
        store.add_feedback(idle, 1, "down", "brak Lyonu")
        recent = talk(store, "partners of Kraków")
        backdate(store, idle, days=10)
        done = run(settings, "prune", "--days", "7")
        assert done.returncode == 0, done.stderr
        assert "Deleted 1 conversation(s) (2 turn(s)) idle for over 7 days" in done.stdout
        assert not store.exists(idle) and store.exists(recent)
        assert [r.comment for r in store.feedback() if r.conversation_id == idle] == ["brak Lyonu"]


def test_assistant_feedback_lists_rated_answers(settings):
    with open_store(settings) as store:
        conversation = talk(store, "partnerzy Łodzi", "A w 2005?")
        store.add_feedback(conversation, 1, "down", "brak Lyonu")
        store.add_feedback(conversation, 2, "up", None)
    listed = run(settings, "feedback", "--rating", "down", "--csv")
    assert listed.returncode == 0, listed.stderr
    rows = [
        r for r in csv.DictReader(io.StringIO(listed.stdout)) if r["conversation"] == conversation
    ]
    assert [(r["question"], r["answer"], r["comment"]) for r in rows] == [
        ("partnerzy Łodzi", "Odpowiedź 1.", "brak Lyonu")
    ]
    table = run(settings, "feedback")
    assert "A w 2005?" in table.stdout and "brak Lyonu" in table.stdout
    assert "No feedback matches" in run(settings, "feedback", "--since", "2999-01-01").stdout
    bad = run(settings, "feedback", "--since", "yesterday")
    assert bad.returncode == 1 and "--since must be a date" in bad.stderr
    assert "Traceback" not in bad.stderr
