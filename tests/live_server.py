"""Test helper (not a test): a real uvicorn on a free loopback port with its own data dir."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
REAL_APP = "assistant.web.app:create_app"
SCRIPTED_APP = "scripted_core_app:create_app"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ASSISTANT_DATA_DIR=str(data_dir),
        ASSISTANT_CORPUS_DIR=str(REPO / "corpus"),
        PYTHONPATH=os.pathsep.join([str(REPO), str(TESTS), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class LiveServer:
    url: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def live_server(
    data_dir: Path, app: str = REAL_APP, startup_timeout: float = 180
) -> Iterator[LiveServer]:
    """Start `python -m uvicorn APP --factory` and wait until it answers HTTP."""
    port = free_port()
    log_path = data_dir / f"uvicorn-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                app,
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=REPO,
            env=server_env(data_dir),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", data_dir, log_path, process)
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {process.returncode}:\n{server.log()}")
            try:
                httpx.get(server.url + "/api/health", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"uvicorn did not start:\n{server.log()}") from None
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def parse_sse(text: str) -> list[tuple[str, str]]:
    """(event, data) pairs, following the SSE rules: data lines join with '\\n'."""
    events: list[tuple[str, str]] = []
    kind, data = "", []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line == "":
            if data:
                events.append((kind or "message", "\n".join(data)))
            kind, data = "", []
        elif line.startswith(":"):
            continue
        else:
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "data":
                data.append(value)
            elif field == "event":
                kind = value
    return events


def done_answer(events: list[tuple[str, str]]) -> dict:
    finals = [data for kind, data in events if kind == "done"]
    assert len(finals) == 1, events
    return json.loads(finals[0])
