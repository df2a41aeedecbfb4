"""A scripted OpenAI-compatible chat server on a loopback port, for end-to-end tests of assistant.llm.

    with StubLLM() as stub:
        stub.reply('{"about_partnerships": true, "units": ["Kraków"]}')
        stub.reply("too late", delay=5)               # a server that times out
        stub.reply(lambda request: "...")             # computed from the request
        stub.fail(503)                                # an HTTP error
        settings = Settings(llm="openai:stub-model", llm_base_url=stub.url, llm_api_key="dummy")

Replies are served in order; once the script is used up, `default` is served.
Every request body is kept in `stub.requests`. `"stream": true` is answered
with Server-Sent Events in the OpenAI chunk format.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Content = str | Callable[[dict[str, Any]], str]


@dataclass
class Step:
    content: Content = ""
    delay: float = 0.0
    status: int = 200


class StubLLM:
    def __init__(self, default: Content = "ok") -> None:
        self.default = Step(default)
        self.script: deque[Step] = deque()
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def reply(self, content: Content, delay: float = 0.0) -> StubLLM:
        self.script.append(Step(content, delay))
        return self

    def fail(self, status: int = 500) -> StubLLM:
        self.script.append(Step("", 0.0, status))
        return self

    def start(self) -> StubLLM:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> StubLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _next(self, request: dict[str, Any]) -> tuple[Step, str]:
        with self._lock:
            self.requests.append(request)
            step = self.script.popleft() if self.script else self.default
        content = step.content(request) if callable(step.content) else step.content
        return step, content

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in separate writes: without this, Nagle's algorithm
                # and delayed ACKs add ~40 ms to every reply and the bench measures the stub.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "stub-model"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    request = json.loads(self.rfile.read(length) or b"{}")
                except json.JSONDecodeError:
                    self._json(400, {"error": {"message": "body is not JSON"}})
                    return
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._json(404, {"error": {"message": "not found"}})
                    return
                step, content = stub._next(request)
                if step.delay:
                    time.sleep(step.delay)
                try:
                    if step.status != 200:
                        self._json(step.status, {"error": {"message": "scripted failure"}})
                    elif request.get("stream"):
                        self._stream(request, content)
                    else:
                        self._json(200, _completion(request, content))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, request: dict[str, Any], content: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = [content[i : i + 8] for i in range(0, len(content), 8)] or [""]
                for i, piece in enumerate(pieces):
                    chunk = _chunk(
                        request,
                        {"content": piece} if i else {"role": "assistant", "content": piece},
                    )
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                final = _chunk(request, {}, finish="stop")
                self.wfile.write(f"data: {json.dumps(final)}\n\ndata: [DONE]\n\n".encode())
                self.wfile.flush()
                self.close_connection = True

        return Handler


def _completion(request: dict[str, Any], content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "stub-model"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(request: dict[str, Any], delta: dict[str, Any], finish: str | None = None) -> dict:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": request.get("model", "stub-model"),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
