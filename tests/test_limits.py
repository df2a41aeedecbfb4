"""A public endpoint stays bounded: per-client rate limits, body and time limits, security headers."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from live_server import REPO, free_port, server_env
from stand_in import StandIn

from assistant.config import Settings
from assistant.models import Answer
from assistant.web.app import create_app
from assistant.web.limits import bucket, client_address, networks

CORPUS = REPO / "corpus"
QUESTION = {"message": "Z jakimi miastami współpracuje Kraków?"}


@contextmanager
def served(data_dir: Path, **settings: str) -> Iterator[str]:
    """`python -m assistant.web.server` (the path `assistant serve` takes) on a free port."""
    port = free_port()
    env = server_env(data_dir, **{f"ASSISTANT_{k.upper()}": v for k, v in settings.items()})
    log = data_dir / f"serve-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "assistant.web.server", "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert process.poll() is None, log.read_text(errors="replace")
            try:
                httpx.get(url + "/api/health", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, log.read_text(errors="replace")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def limited(built_settings) -> Iterator[str]:
    """The real index behind 3 questions and 5 other requests a minute per client; loopback is
    a trusted proxy, so each test speaks as its own forwarded address."""
    with served(
        built_settings.data_dir,
        rate_limit="3/minute",
        rate_limit_other="5/minute",
        trusted_proxies='["127.0.0.1"]',
    ) as url:
        yield url


@pytest.fixture(scope="module")
def untrusting(tmp_path_factory) -> Iterator[str]:
    """No index and no trusted proxy: what a server on the open internet sees."""
    with served(
        tmp_path_factory.mktemp("untrusting"),
        rate_limit="3/minute",
        rate_limit_other="4/minute",
        trusted_proxies="[]",
        max_body_bytes="65536",
    ) as url:
        yield url


def as_client(address: str) -> dict[str, str]:
    return {"X-Forwarded-For": address}


def assert_detail(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.endswith("."), detail
    return detail


# --- rate limits ---------------------------------------------------------------------------------


def test_a_client_past_the_chat_limit_gets_429_with_retry_after_while_others_still_get_answers(
    limited,
):
    with httpx.Client(base_url=limited, timeout=60) as http:
        me, other = as_client("203.0.113.7"), as_client("203.0.113.8")
        assert http.post("/api/chat", json=QUESTION, headers=me).status_code == 200
        assert http.post("/api/chat", json=QUESTION, headers=me).status_code == 200
        with http.stream("POST", "/api/chat/stream", json=QUESTION, headers=me) as stream:
            assert stream.status_code == 200
            assert "event: done" in "".join(stream.iter_text())
        refused = http.post("/api/chat/stream", json=QUESTION, headers=me)
        detail = assert_detail(refused, 429)
        assert "3 per minute" in detail
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert http.post("/api/chat", json=QUESTION, headers=other).status_code == 200
        # Health is never limited (load balancers poll it); other routes count on their own.
        assert all(http.get("/api/health", headers=me).status_code == 200 for _ in range(8))
        assert http.get("/", headers=me).status_code == 200


def test_other_routes_have_their_own_wider_limit(limited):
    with httpx.Client(base_url=limited, timeout=30) as http:
        me = as_client("203.0.113.20")
        statuses = [
            http.get("/api/sources/corpus/pages/olsztyn-partner-cities.txt?lines=1-2", headers=me)
            for _ in range(6)
        ]
        assert [r.status_code for r in statuses] == [200] * 5 + [429]
        assert "requests" in assert_detail(statuses[-1], 429)


def test_forwarded_for_is_honoured_from_a_trusted_proxy(limited):
    with httpx.Client(base_url=limited, timeout=30) as http:
        statuses = {
            http.get("/", headers=as_client(f"198.51.100.{n}")).status_code for n in range(8)
        }
        assert statuses == {200}  # eight clients, one request each


def test_forwarded_for_is_ignored_from_a_peer_that_is_not_a_trusted_proxy(untrusting):
    with httpx.Client(base_url=untrusting, timeout=30) as http:
        statuses = [
            http.get("/", headers=as_client(f"198.51.100.{n}")).status_code for n in range(5)
        ]
        assert statuses == [200] * 4 + [429]  # one client (the peer) whatever it claims


def test_the_client_is_the_first_untrusted_hop_from_the_right():
    trusted = networks(["127.0.0.1", "10.0.0.0/8"])

    def scope(peer: str, forwarded: str | None) -> dict:
        headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
        return {"client": (peer, 1234), "headers": headers}

    # A client cannot choose its address by writing one first: the proxy appends the real one.
    assert client_address(scope("127.0.0.1", "6.6.6.6, 192.0.2.1"), trusted) == "192.0.2.1"
    assert client_address(scope("127.0.0.1", "192.0.2.1, 10.1.2.3"), trusted) == "192.0.2.1"
    assert client_address(scope("192.0.2.9", "192.0.2.1"), trusted) == "192.0.2.9"
    assert client_address(scope("127.0.0.1", None), trusted) == "127.0.0.1"
    with pytest.raises(ValueError, match="not an IP address"):
        networks(["proxy.example.org"])
    # An IPv6 client is counted by its /64: changing the last bits does not reset its limit.
    assert bucket("2001:db8:1:2::5") == bucket("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert bucket("::ffff:192.0.2.1") == "192.0.2.1"
    assert bucket("192.0.2.1") == "192.0.2.1" and bucket("testclient") == "testclient"


def test_a_malformed_rate_limit_setting_is_refused_with_a_sentence(tmp_path):
    with pytest.raises(ValueError, match="30/minute"):
        create_app(settings=Settings(data_dir=tmp_path, corpus_dir=CORPUS, rate_limit="lots"))
    with pytest.raises(ValueError, match="ASSISTANT_RATE_LIMIT_STORAGE='bogus://x'"):
        create_app(
            settings=Settings(data_dir=tmp_path, corpus_dir=CORPUS, rate_limit_storage="bogus://x")
        )


def test_every_part_of_a_combined_limit_applies(tmp_path):
    settings = Settings(
        data_dir=tmp_path, corpus_dir=CORPUS, rate_limit_other="10/minute;2 per 10 seconds"
    )
    client = TestClient(create_app(settings=settings), client=("192.0.2.50", 1234))
    statuses = [client.get("/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert "2 per 10 seconds" in client.get("/").json()["detail"]


# --- body and time limits ------------------------------------------------------------------------


def chat_head(url: str, length_header: str) -> bytes:
    host = url.removeprefix("http://")
    return (
        f"POST /api/chat HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"{length_header}\r\n\r\n"
    ).encode()


def raw_request(url: str, head: bytes, first_chunk: bytes, wait: float = 10) -> tuple[bytes, float]:
    """Send a request's head and a first piece of its body, then read what the server says
    without sending anything more. Returns the reply and the seconds it took."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        started = time.monotonic()
        sock.sendall(head + first_chunk)
        reply = b""
        while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
            piece = sock.recv(65536)
            if not piece:
                break
            reply += piece
        return reply, time.monotonic() - started


def parse_reply(reply: bytes) -> tuple[int, dict[str, str], dict]:
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, json.loads(body)


def test_an_oversized_body_is_refused_with_413_before_it_is_read(untrusting):
    head = chat_head(untrusting, "Content-Length: 50000000")
    reply, seconds = raw_request(untrusting, head, b'{"message": "' + b"a" * 1000)
    status, headers, body = parse_reply(reply)
    # 1 KB of a declared 50 MB sent, and the answer is already there.
    assert status == 413, reply
    assert "65536 bytes" in body["detail"]
    assert headers["connection"] == "close"
    assert seconds < 5


def test_a_chunked_body_is_refused_once_its_chunks_pass_the_bound(untrusting):
    head = chat_head(untrusting, "Transfer-Encoding: chunked")
    chunk = b"a" * 40000
    piece = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    # Two chunks (80 KB) and no final zero-length chunk: the body never ends.
    reply, seconds = raw_request(untrusting, head, piece * 2)
    status, _, body = parse_reply(reply)
    assert status == 413, reply
    assert "too large" in body["detail"]
    assert seconds < 5


def test_a_body_within_the_bound_is_read_whole(tmp_path):
    client = TestClient(
        create_app(settings=Settings(data_dir=tmp_path, corpus_dir=CORPUS, max_body_bytes=100)),
        raise_server_exceptions=False,
    )
    small = client.post("/api/chat", json={"message": ""})
    assert small.status_code == 400, small.text  # reached the route: an empty message
    large = client.post("/api/chat", json={"message": "x" * 200})
    assert_detail(large, 413)


def test_a_handler_past_the_time_bound_gets_503_at_the_bound(tmp_path):
    def slow_answer(_text):
        time.sleep(3)
        return Answer(answer="too late")

    settings = Settings(data_dir=tmp_path, corpus_dir=CORPUS, request_timeout=0.5)
    client = TestClient(create_app(StandIn(settings, slow_answer)), raise_server_exceptions=False)
    for route in ("/api/chat", "/api/chat/stream"):
        started = time.monotonic()
        response = client.post(route, json=QUESTION)
        assert "0.5 seconds" in assert_detail(response, 503)
        assert time.monotonic() - started < 2.5


def test_a_stream_the_client_abandons_stops_sending(tmp_path):
    words = " ".join(f"word{n}" for n in range(4000))
    settings = Settings(data_dir=tmp_path, corpus_dir=CORPUS)
    app = create_app(StandIn(settings, lambda _text: Answer(answer=words, route="table")))

    async def run() -> int:
        first_delta = asyncio.Event()
        sent: list[dict] = []
        body = json.dumps(QUESTION).encode()
        messages = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> dict:
            if messages:
                return messages.pop()
            await first_delta.wait()
            return {"type": "http.disconnect"}  # the visitor closed the tab

        async def send(message: dict) -> None:
            sent.append(message)
            if b"event: delta" in message.get("body", b""):
                first_delta.set()

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/api/chat/stream",
            "raw_path": b"/api/chat/stream",
            "query_string": b"",
            "root_path": "",
            "headers": [(b"content-type", b"application/json"), (b"host", b"test")],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }
        await asyncio.wait_for(app(scope, receive, send), timeout=10)
        return sum(b"event: delta" in m.get("body", b"") for m in sent)

    deltas = asyncio.run(run())
    assert 1 <= deltas < 100  # of the 1,000 the whole answer takes


# --- security headers ----------------------------------------------------------------------------


class InlineCode(HTMLParser):
    """Finds what a strict CSP would block: inline scripts, style elements, style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        if "style" in names or any(name.startswith("on") for name in names):
            self.found.append(f"<{tag}> with inline style or handler")


def test_the_pages_forbid_foreign_and_inline_code_and_sniffing(tmp_path):
    settings = Settings(
        data_dir=tmp_path, corpus_dir=CORPUS, allowed_origins=["https://www.zmp.example"]
    )
    app = create_app(settings=settings)
    client = TestClient(app, raise_server_exceptions=False)
    pages = ["/", "/?lang=en"] + (["/map"] if any(r.path == "/map" for r in app.routes) else [])
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, page.text
        policy = dict(
            part.strip().split(" ", 1)
            for part in page.headers["content-security-policy"].split(";")
        )
        assert policy["script-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'self' https://www.zmp.example"
        assert page.headers["x-content-type-options"] == "nosniff"
        parser = InlineCode()
        parser.feed(page.text)
        assert parser.found == [], (path, parser.found)
    css = client.get("/demo.css")
    assert css.headers["content-type"].startswith("text/css")
    assert "hotpink" in css.text  # the host page's aggressive styles now come from a file


def test_the_widget_stays_embeddable_from_an_allowed_origin(tmp_path):
    settings = Settings(
        data_dir=tmp_path, corpus_dir=CORPUS, allowed_origins=["https://www.zmp.example"]
    )
    client = TestClient(create_app(settings=settings), raise_server_exceptions=False)
    widget = client.get("/widget.js", headers={"Origin": "https://www.zmp.example"})
    assert widget.status_code == 200
    assert widget.headers["content-type"].startswith("text/javascript")
    assert widget.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in widget.headers
    assert widget.headers["access-control-allow-origin"] == "https://www.zmp.example"
    assert re.search(r"adoptedStyleSheets", widget.text)  # no inline style needed on the host
    stranger = client.get("/widget.js", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in stranger.headers


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_the_demo_page_runs_under_its_policy_with_no_violation(tmp_path):
    from live_server import SCRIPTED_APP, live_server

    sync_api = pytest.importorskip("playwright.sync_api")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    args += ["--disable-component-update", "--no-first-run", "--disable-sync"]
    with (
        live_server(tmp_path, app=SCRIPTED_APP) as server,
        sync_api.sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "Refused" in m.text else None)
        page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.goto(server.url + "/?lang=en")
        launcher = page.locator("#zmp-twinning-assistant .launcher")
        launcher.wait_for()
        styles = launcher.evaluate(
            "b => [getComputedStyle(b).position, getComputedStyle(b).backgroundColor]"
        )
        host_button = page.evaluate(
            "() => { const b = document.createElement('button'); document.body.append(b);"
            " return getComputedStyle(b).backgroundColor; }"
        )
        launcher.click()
        page.locator("#zmp-twinning-assistant textarea").fill("Since when Rovaniemi?")
        page.keyboard.press("Enter")
        page.locator("#zmp-twinning-assistant [aria-live]").get_by_text(
            "Rovaniemi"
        ).first.wait_for()
        violations = page.evaluate("window.__violations")
        browser.close()
    assert violations == [] and refused == [], (violations, refused)
    assert styles[0] == "fixed"  # the widget's own stylesheet applied in its shadow root
    assert host_button == "rgb(255, 105, 180)" != styles[1]  # demo.css (hotpink) applied too
