"""Two `assistant serve` processes sharing one PostgreSQL and one Chroma server: a follow-up may
reach either, feedback from both lands in the one database, a killed server loses no turn, and
a database outage is a 503 that the next request recovers from."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest
from live_server import REPO, free_port, server_env
from postgres import postgres_server

from assistant.config import Settings

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not start:\n{log.read_text()}")
        time.sleep(0.2)


@contextmanager
def process(command: list[str], log: Path, env: dict[str, str]) -> Iterator[subprocess.Popen]:
    with open(log, "wb") as out:
        running = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        yield running
    finally:
        if running.poll() is None:
            os.killpg(running.pid, signal.SIGTERM)
            try:
                running.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(running.pid, signal.SIGKILL)
                running.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """PostgreSQL, a Chroma server, an index ingested into it and copied to a second replica,
    and one `assistant serve` per replica."""
    from assistant.ingest import ingest

    root = tmp_path_factory.mktemp("cluster")
    with ExitStack() as stack:
        postgres = stack.enter_context(postgres_server())
        chroma_port = free_port()
        chroma_url = f"http://127.0.0.1:{chroma_port}"
        chroma = [str(BIN / "chroma"), "run", "--path", str(root / "chroma"), "--host",
                  "127.0.0.1", "--port", str(chroma_port)]  # fmt: skip
        env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
        chroma_process = stack.enter_context(process(chroma, root / "chroma.log", env))
        wait_for(f"{chroma_url}/api/v2/heartbeat", chroma_process, root / "chroma.log", 60)

        first_dir = root / "replica-1"
        ingest(Settings(data_dir=first_dir, corpus_dir=REPO / "corpus", chroma_url=chroma_url))
        second_dir = root / "replica-2"
        shutil.copytree(first_dir, second_dir)  # a replica receives the built index

        servers = []
        for data_dir in (first_dir, second_dir):
            port = free_port()
            shared = {"ASSISTANT_DATABASE_URL": postgres.url, "ASSISTANT_CHROMA_URL": chroma_url,
                      "ASSISTANT_DATABASE_TIMEOUT": "2"}  # fmt: skip
            command = [str(BIN / "assistant"), "serve", "--host", "127.0.0.1", "--port", str(port)]
            log = root / f"serve-{port}.log"
            running = stack.enter_context(process(command, log, server_env(data_dir, **shared)))
            servers.append((f"http://127.0.0.1:{port}", running, log))
        for url, running, log in servers:
            wait_for(f"{url}/api/health", running, log)
        yield postgres, servers


def chat(url: str, message: str, conversation: str | None = None) -> dict:
    response = httpx.post(
        f"{url}/api/chat", json={"message": message, "conversation_id": conversation}, timeout=60
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_two_servers_share_conversations_feedback_and_passages(cluster):
    postgres, [(first, first_process, _), (second, _, _)] = cluster
    asked = chat(first, "Which gminas partnered Slovak towns in 2008?")
    conversation = asked["conversation_id"]
    follow_up = chat(second, "And in 2009?", conversation)
    assert follow_up["conversation_id"] == conversation and follow_up["route"] == "table"
    assert {row[2] for row in follow_up["data"]["rows"]} == {"Słowacja"}
    assert follow_up["data"]["total"] != asked["data"]["total"]
    page = chat(first, "Since when is Olsztyn partnered with Rovaniemi?")  # Chroma's passages
    assert "1976" in page["answer"] and page["citations"]

    for url, turn, rating in ((first, 2, "down"), (second, 1, "up")):
        response = httpx.post(
            f"{url}/api/feedback",
            json={"conversation_id": conversation, "turn": turn, "rating": rating,
                  "comment": f"from {url}"},
        )  # fmt: skip
        assert response.status_code == 201, response.text
    assert postgres.psql(
        "SELECT string_agg(turn || ' ' || rating || ' ' || question, '|' ORDER BY turn)"
        f" FROM feedback WHERE conversation_id = '{conversation}'"
    ) == ("1 up Which gminas partnered Slovak towns in 2008?|2 down And in 2009?")

    os.killpg(first_process.pid, signal.SIGKILL)
    first_process.wait()
    after = chat(second, "A z Czechami?", conversation)
    assert {row[2] for row in after["data"]["rows"]} == {"Czechy"}
    kept = postgres.psql(
        "SELECT string_agg(conversation_id || ':' || turn, ',' ORDER BY conversation_id, turn)"
        f" FROM turns WHERE conversation_id IN ('{conversation}', '{page['conversation_id']}')"
    )
    expected = [f"{conversation}:{n}" for n in (1, 2, 3)] + [f"{page['conversation_id']}:1"]
    assert kept == ",".join(sorted(expected))


def test_a_database_outage_is_a_503_and_the_next_request_recovers(cluster):
    postgres, servers = cluster
    url = next(url for url, running, _ in servers if running.poll() is None)
    conversation = chat(url, "partnerzy Krakowa")["conversation_id"]
    postgres.stop()
    try:
        response = httpx.post(
            f"{url}/api/chat",
            json={"message": "A z Niemcami?", "conversation_id": conversation},
            timeout=60,
        )
    finally:
        postgres.start()
    assert response.status_code == 503
    assert "database" in response.json()["detail"]
    again = chat(url, "A z Niemcami?", conversation)
    assert {row[2] for row in again["data"]["rows"]} == {"Niemcy"}
