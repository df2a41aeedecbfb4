"""The HTTP API answers every request with JSON: answers, streams, sources, feedback, or a readable 4xx."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from live_server import REPO, done_answer, live_server, parse_sse

from assistant.config import Settings
from assistant.web.app import create_app, split_for_stream

CORPUS = REPO / "corpus"
OLSZTYN = "corpus/pages/olsztyn-partner-cities.txt"


@pytest.fixture(scope="module")
def data_dir(built_settings) -> Path:
    return built_settings.data_dir


@pytest.fixture(scope="module")
def client(assistant) -> TestClient:
    return TestClient(create_app(assistant), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def server(data_dir):
    with live_server(data_dir) as running:
        yield running


def assert_readable_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.endswith("."), detail
    assert "Traceback" not in detail
    return detail


def new_conversation(client: TestClient) -> str:
    response = client.post("/api/chat", json={"message": "Z jakimi miastami współpracuje Kraków?"})
    assert response.status_code == 200, response.text
    return response.json()["conversation_id"]


# --- chat ---------------------------------------------------------------------------------------


def test_chat_answers_with_the_contract_fields(client):
    response = client.post(
        "/api/chat", json={"message": "Partners of Olsztyn?", "conversation_id": None}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {
        "conversation_id",
        "language",
        "route",
        "answer",
        "data",
        "sql",
        "citations",
    }
    assert body["route"] in {"table", "documents", "both", "clarify", "out_of_scope"}
    assert body["language"] in {"pl", "en"}


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"message": ""}, 400, "empty"),
        ({"message": "   "}, 400, "empty"),
        ({"message": "x" * 2001}, 400, "2000"),
        ({"message": 42}, 422, "message"),
        ({"message": None}, 422, "message"),
        ({"message": ["a"]}, 422, "message"),
        ({"conversation_id": "abc"}, 422, "required"),
        ({"message": "hi", "conversation_id": 7}, 422, "conversation_id"),
        ({"message": "hi", "conversation_id": "no-such-conversation"}, 404, "conversation"),
        ([], 422, "object"),
        ("hello", 422, "object"),
    ],
)
def test_bad_chat_input_gets_a_readable_4xx(client, body, status, words):
    for route in ("/api/chat", "/api/chat/stream"):
        detail = assert_readable_error(client.post(route, json=body), status)
        assert words in detail.lower()


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"", "application/json"),
        (b"message=hi", "application/x-www-form-urlencoded"),
        (b'{"message": "\\ud800"}', "application/json"),
    ],
)
def test_non_json_or_broken_bodies_get_a_readable_422(client, content, content_type):
    for route in ("/api/chat", "/api/chat/stream"):
        response = client.post(route, content=content, headers={"content-type": content_type})
        assert_readable_error(response, 422)


def test_undecodable_bytes_get_a_readable_400(client):
    response = client.post(
        "/api/chat", content=b"\xff\xfe\x00", headers={"content-type": "application/json"}
    )
    assert "UTF-8 JSON" in assert_readable_error(response, 400)


def test_unknown_routes_and_methods_answer_json(client):
    assert_readable_error(client.get("/api/nowhere"), 404)
    assert_readable_error(client.get("/api/chat"), 405)


def test_an_unexpected_core_failure_is_a_json_500_without_traceback(assistant, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internal state /etc/shadow")

    monkeypatch.setattr(assistant, "answer", broken)
    app = create_app(assistant)
    response = TestClient(app, raise_server_exceptions=False).post(
        "/api/chat", json={"message": "hi"}
    )
    assert response.status_code == 500
    assert response.json() == {
        "detail": "The assistant failed on this request; the error has been logged."
    }
    stream = TestClient(app, raise_server_exceptions=False).post(
        "/api/chat/stream", json={"message": "hi"}
    )
    assert stream.status_code == 500 and "secret" not in stream.text
    assert "secret" not in response.text
    assert "secret internal state" in caplog.text


def test_stream_pieces_join_back_to_the_exact_answer():
    text = "**Kraków** ma 3 partnerów [1]:\n- Norymberga\n\n- Lipsk  [2]\n"
    pieces = split_for_stream(text, words_per_piece=2)
    assert len(pieces) > 3
    assert "".join(pieces) == text


# --- a real server, real SSE ------------------------------------------------------------------------


def test_real_server_streams_deltas_then_the_full_answer(server):
    with httpx.stream(
        "POST",
        server.url + "/api/chat/stream",
        json={"message": "Since when is Olsztyn partnered with Rovaniemi?"},
        timeout=120,
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = "".join(response.iter_text())
    events = parse_sse(raw)
    deltas = [data for kind, data in events if kind == "delta"]
    answer = done_answer(events)
    assert events[-1][0] == "done"
    assert len(deltas) >= 2
    assert "".join(deltas) == answer["answer"].replace("\r\n", "\n")

    # A follow-up in the same conversation, through the plain JSON route of the same server.
    follow = httpx.post(
        server.url + "/api/chat",
        json={"message": "And in 2009?", "conversation_id": answer["conversation_id"]},
        timeout=120,
    )
    assert follow.status_code == 200
    assert follow.json()["conversation_id"] == answer["conversation_id"]


def test_real_server_answers_concurrent_conversations(server):
    async def ask_all() -> list[int]:
        async with httpx.AsyncClient(base_url=server.url, timeout=120) as http:
            questions = [
                "partnerzy Olsztyna",
                "Partners of Kraków?",
                "Z kim współpracuje Wrocław?",
            ] * 8
            responses = await asyncio.gather(
                *(http.post("/api/chat", json={"message": q}) for q in questions)
            )
            return [r.status_code for r in responses]

    assert asyncio.run(ask_all()) == [200] * 24


def test_real_server_refuses_bad_stream_input_before_streaming(server):
    response = httpx.post(server.url + "/api/chat/stream", json={"message": ""}, timeout=30)
    assert_readable_error(response, 400)
    response = httpx.post(
        server.url + "/api/chat/stream",
        content=b"nope",
        headers={"content-type": "application/json"},
        timeout=30,
    )
    assert_readable_error(response, 422)


@pytest.mark.parametrize(
    "raw_path",
    [
        "/api/sources/../../etc/passwd",
        "/api/sources/..%2f..%2fetc%2fpasswd",
        "/api/sources/%2e%2e/%2e%2e/etc/passwd",
        "/api/sources/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/sources/corpus/%2e%2e/pyproject.toml",
        "/api/sources/%252e%252e/pyproject.toml",
        "/api/sources//etc/passwd",
        "/api/sources/%2fetc%2fpasswd",
        "/api/sources/..%5c..%5cpyproject.toml",
        "/api/sources/corpus%5c..%5c..%5cpyproject.toml",
        "/api/sources/C:%5cWindows%5cwin.ini",
        "/api/sources/corpus/pages/%00.txt",
    ],
)
def test_real_server_refuses_path_traversal(server, raw_path):
    # Sent byte for byte: the client must not normalise the dots away.
    with httpx.Client(base_url=server.url) as http:
        request = http.build_request("GET", "http://placeholder")
        request.url = httpx.URL(server.url).copy_with(raw_path=raw_path.encode())
        response = http.send(request)
    assert response.status_code in (400, 404), response.text
    assert response.json()["detail"]
    assert "root:" not in response.text and "[project]" not in response.text


# --- sources -------------------------------------------------------------------------------------


def test_sources_serve_a_numbered_line_range(client):
    lines = (CORPUS / "pages/olsztyn-partner-cities.txt").read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines, 1) if "Rovaniemi" in line)
    response = client.get(f"/api/sources/{OLSZTYN}", params={"lines": f"{n}-{n + 1}"})
    assert response.status_code == 200
    body = response.json()
    assert body["source"] == OLSZTYN
    assert body["lines"] == [n, n + 1]
    assert body["text"] == [{"line": n, "text": lines[n - 1]}, {"line": n + 1, "text": lines[n]}]


def test_sources_accept_a_single_line_the_whole_file_and_a_path_without_prefix(client):
    assert client.get(f"/api/sources/{OLSZTYN}?lines=3").json()["lines"] == [3, 3]
    whole = client.get("/api/sources/pages/olsztyn-partner-cities.txt").json()
    assert (
        whole["lines"] == [1, whole["total_lines"]] and len(whole["text"]) == whole["total_lines"]
    )


def test_a_tsv_row_is_served_verbatim_with_its_tabs(client):
    response = client.get("/api/sources/corpus/tables/miasta-i-gminy-2009.tsv?lines=2373-2373")
    assert response.json()["text"][0]["text"].startswith("Bukowno\tSłowacja\tRudnany\t2008")


@pytest.mark.parametrize(
    ("query", "status"),
    [("a-b", 400), ("0-3", 400), ("5-2", 400), ("-3", 400), ("99999-100000", 404)],
)
def test_bad_line_ranges_are_refused(client, query, status):
    assert_readable_error(client.get(f"/api/sources/{OLSZTYN}?lines={query}"), status)


def test_unknown_and_non_file_sources_are_404(client):
    assert_readable_error(client.get("/api/sources/corpus/pages/nope.txt"), 404)
    assert_readable_error(client.get("/api/sources/corpus/pages"), 404)


# --- feedback and health ------------------------------------------------------------------------------


def feedback_rows(data_dir: Path) -> list[tuple]:
    with sqlite3.connect(data_dir / "conversations.sqlite") as db:
        return db.execute("SELECT conversation_id, turn, rating, comment FROM feedback").fetchall()


def test_feedback_is_stored(client, data_dir):
    conversation = new_conversation(client)
    response = client.post(
        "/api/feedback",
        json={"conversation_id": conversation, "turn": 1, "rating": "down", "comment": "za mało"},
    )
    assert response.status_code == 201, response.text
    assert (conversation, 1, "down", "za mało") in feedback_rows(data_dir)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"conversation_id": "unknown", "turn": 1, "rating": "up"}, 404),
        ({"turn": 1, "rating": "up"}, 422),
        ({"conversation_id": "CID", "turn": 1, "rating": "meh"}, 422),
        ({"conversation_id": "CID", "turn": 0, "rating": "up"}, 422),
        ({"conversation_id": "CID", "turn": 99, "rating": "up"}, 404),
        ({"conversation_id": "CID", "turn": "one", "rating": "up"}, 422),
    ],
)
def test_bad_feedback_gets_a_readable_4xx(client, body, status):
    if body.get("conversation_id") == "CID":
        body = {**body, "conversation_id": new_conversation(client)}
    assert_readable_error(client.post("/api/feedback", json=body), status)


def test_health_reports_status_and_counts(client):
    body = client.get("/api/health").json()
    assert {"status", "corpus_version", "rows", "passages"} <= set(body)


def test_demo_page_widget_and_docs_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and '<html lang="pl">' in page.text and "widget.js" in page.text
    assert '<html lang="en">' in client.get("/?lang=en").text
    assert '<html lang="pl">' in client.get("/?lang=<script>").text
    widget = client.get("/widget.js")
    assert widget.status_code == 200 and "javascript" in widget.headers["content-type"]
    assert "attachShadow" in widget.text
    assert client.get("/docs").status_code == 200
    assert "/api/chat/stream" in client.get("/openapi.json").json()["paths"]


def test_cors_allows_the_configured_origins_only(data_dir):
    settings = Settings(
        data_dir=data_dir, corpus_dir=CORPUS, allowed_origins=["https://www.zmp.poznan.pl"]
    )
    http = TestClient(create_app(settings=settings))
    headers = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = http.options("/api/chat", headers={"Origin": "https://www.zmp.poznan.pl", **headers})
    assert allowed.headers.get("access-control-allow-origin") == "https://www.zmp.poznan.pl"
    refused = http.options("/api/chat", headers={"Origin": "https://evil.example", **headers})
    assert "access-control-allow-origin" not in refused.headers


# --- fuzzing -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_schemathesis_finds_no_server_error(server, tmp_path):
    report = tmp_path / "schemathesis"
    log_before = len(server.log())
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            server.url + "/openapi.json",
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            "--max-examples",
            "50",
            "--workers",
            "1",
            "--phases",
            "examples,coverage,fuzzing",
            "--request-timeout",
            "60",
            "--report",
            "ndjson",
            "--report-dir",
            str(report),
            "--suppress-health-check",
            "too_slow",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
        env={"SCHEMATHESIS_TELEMETRY": "false", "PATH": str(Path(sys.executable).parent)},
    )
    output = done.stdout + done.stderr
    print(output[-3000:])
    assert done.returncode == 0, output[-6000:]
    during = server.log()[log_before:]
    assert "Traceback" not in during, during[-4000:]


def test_the_rows_behind_an_aggregate_are_paged_from_its_plan(assistant):
    client = TestClient(create_app(assistant))
    answer = client.post("/api/chat", json={"message": "top 3 countries"}).json()
    cid = answer["conversation_id"]
    counted = sum(row[1] for row in answer["data"]["rows"])
    first = client.get(f"/api/answers/{cid}/1/rows", params={"limit": 50}).json()
    assert first["total"] == counted  # every row the three countries' counts rest on
    assert len(first["rows"]) == 50 and {"source", "line"} <= set(first["columns"])
    second = client.get(f"/api/answers/{cid}/1/rows", params={"offset": 50, "limit": 50}).json()
    assert not {(r[6], r[7]) for r in first["rows"]} & {(r[6], r[7]) for r in second["rows"]}
    assert client.get(f"/api/answers/{cid}/9/rows").status_code == 404
    bad = client.get(f"/api/answers/{cid}/1/rows", params={"limit": 100000})
    assert bad.status_code == 422 and "detail" in bad.json()


def test_the_rows_of_a_message_of_several_questions_are_every_parts(assistant):
    client = TestClient(create_app(assistant))
    answer = client.post(
        "/api/chat", json={"message": "Ile partnerów ma Kraków, a ile Wrocław?"}
    ).json()
    cid = answer["conversation_id"]
    page = client.get(f"/api/answers/{cid}/1/rows", params={"limit": 100}).json()
    assert page["columns"][-1] == "part" and page["total"] == answer["data"]["total"]
    assert {(r[0], r[-1]) for r in page["rows"]} == {("Kraków", 1), ("Wrocław", 2)}
    csv = client.get(f"/api/export/{cid}/1.csv").text
    assert "Kraków" in csv and "Wrocław" in csv
