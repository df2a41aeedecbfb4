"""Load test: N concurrent clients against a real 2-worker server for a bounded time.

    python bench/load.py --clients 8 --duration 60

Starts `python -m assistant.web.server --workers 2` on a free loopback port with the
configured data dir (ASSISTANT_DATA_DIR; build the index first with `assistant ingest`),
then each client alternates POST /api/chat and POST /api/chat/stream over a fixed set of
Polish and English questions, follow-ups included. Prints answers/s, latency percentiles,
errors, time to the first streamed delta, and the RSS of each server process.

    python bench/load.py --servers 2 --workers 1 --postgres

Several servers (`--servers N`) share one conversation store: the data dir's SQLite file, or
PostgreSQL with `--database-url postgresql://...` or `--postgres` (a throwaway server from
Debian's binaries, as the tests start one). A question goes to one server and its follow-up to
the next, so every follow-up crosses servers.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]

QUESTIONS = [
    ("Z jakimi miastami współpracuje Kraków?", "A z Niemcami?"),
    ("partnerzy Czestochowy", "Które z nich mają formalną umowę?"),
    ("Which gminas partnered Slovak towns in 2008?", "And in 2009?"),
    ("Since when is Olsztyn partnered with Rovaniemi?", None),
    ("w jakich krajach Wrocław ma partnerów?", None),
    ("top 10 countries by number of partnerships", None),
    ("Do jakich stowarzyszeń międzynarodowych należy Białystok?", None),
    ("Polish towns twinned with Vienna", "Show all of them"),
    ("How many twinning partnerships do Polish local governments have?", None),
    ("What is the weather in Paris?", None),
]


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    first_delta: list[float] = field(default_factory=list)
    answers: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def memory(pid: int) -> tuple[float, float, str]:
    """(RSS MB, peak RSS MB, command line) from /proc, or psutil when installed."""
    try:
        import psutil

        process = psutil.Process(pid)
        info = process.memory_info()
        peak = getattr(info, "peak_wset", None) or info.rss
        return info.rss / 2**20, peak / 2**20, " ".join(process.cmdline())[:60]
    except ImportError:
        pass
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    kb = lambda name: int(fields.get(name, "0 kB").split()[0])  # noqa: E731
    cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:60]
    return kb("VmRSS") / 1024, kb("VmHWM") / 1024, cmd


async def ask_json(client: httpx.AsyncClient, message: str, conversation: str | None, stats: Stats):
    start = time.perf_counter()
    response = await client.post(
        "/api/chat", json={"message": message, "conversation_id": conversation}
    )
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        stats.error(f"HTTP {response.status_code}")
        return None
    stats.latencies.append(elapsed)
    stats.answers += 1
    return response.json()["conversation_id"]


async def ask_stream(
    client: httpx.AsyncClient, message: str, conversation: str | None, stats: Stats
):
    start = time.perf_counter()
    first = None
    done = None
    async with client.stream(
        "POST", "/api/chat/stream", json={"message": message, "conversation_id": conversation}
    ) as response:
        if response.status_code != 200:
            await response.aread()
            stats.error(f"HTTP {response.status_code}")
            return None
        event = ""
        async for line in response.aiter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
                if event == "delta" and first is None:
                    first = time.perf_counter() - start
            elif line.startswith("data:") and event == "done":
                import json

                done = json.loads(line[5:].strip())
    elapsed = time.perf_counter() - start
    if done is None:
        stats.error("stream without done")
        return None
    stats.latencies.append(elapsed)
    if first is not None:
        stats.first_delta.append(first)
    stats.answers += 1
    return done["conversation_id"]


async def client_loop(urls: list[str], deadline: float, stats: Stats, seed: int) -> None:
    rng = random.Random(seed)
    clients = [httpx.AsyncClient(base_url=url, timeout=120) for url in urls]
    try:
        turn = 0
        while time.monotonic() < deadline:
            question, follow_up = rng.choice(QUESTIONS)
            ask = ask_stream if turn % 2 else ask_json
            first, then = clients[turn % len(clients)], clients[(turn + 1) % len(clients)]
            turn += 1
            try:
                conversation = await ask(first, question, None, stats)
                if follow_up and conversation and time.monotonic() < deadline:
                    await ask(then, follow_up, conversation, stats)
            except httpx.HTTPError as error:
                stats.error(type(error).__name__)
    finally:
        for client in clients:
            await client.aclose()


def start_server(
    port: int, workers: int, log_path: Path, database_url: str | None = None
) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    if database_url:
        env["ASSISTANT_DATABASE_URL"] = database_url
    # All clients share one loopback address: measure throughput, not the per-client limit.
    env.setdefault("ASSISTANT_RATE_LIMIT", "off")
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "assistant.web.server",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


async def warm_up(url: str, workers: int) -> None:
    """Wait for the server, then make sure every worker has loaded the index once."""
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        for _ in range(600):
            try:
                await client.get("/api/health")
                break
            except httpx.TransportError:
                await asyncio.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        await asyncio.gather(
            *(
                client.post("/api/chat", json={"message": "partnerzy Olsztyna"})
                for _ in range(workers * 4)
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--url", help="use a running server instead of starting one")
    parser.add_argument("--servers", type=int, default=1, help="servers sharing one store")
    parser.add_argument("--database-url", help="PostgreSQL for the conversation store")
    parser.add_argument(
        "--postgres", action="store_true", help="start a throwaway PostgreSQL for the store"
    )
    args = parser.parse_args()

    servers: list[subprocess.Popen] = []
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    urls = [args.url] if args.url else []
    with contextlib.ExitStack() as stack:
        database_url = args.database_url
        if args.postgres:
            sys.path.insert(0, str(REPO / "tests"))
            from postgres import postgres_server

            database_url = stack.enter_context(postgres_server()).url
        if not urls:
            for n in range(args.servers):
                port = free_port()
                urls.append(f"http://127.0.0.1:{port}")
                log_path = out / ("load-server.log" if n == 0 else f"load-server-{n + 1}.log")
                servers.append(start_server(port, args.workers, log_path, database_url))
        run_load(args, urls, servers, "postgresql" if database_url else "sqlite")


def run_load(args, urls: list[str], servers: list[subprocess.Popen], store: str) -> None:
    try:
        started = time.monotonic()
        for url in urls:
            asyncio.run(warm_up(url, args.workers))
        print(
            f"{len(urls)} server(s) ready in {time.monotonic() - started:.1f} s at "
            f"{', '.join(urls)} ({args.workers} workers each, conversation store: {store})"
        )
        stats = Stats()
        deadline = time.monotonic() + args.duration
        began = time.perf_counter()

        async def run() -> None:
            await asyncio.gather(
                *(client_loop(urls, deadline, stats, seed) for seed in range(args.clients))
            )

        asyncio.run(run())
        wall = time.perf_counter() - began
        ms = lambda values, p: percentile(values, p) * 1000  # noqa: E731
        print(f"clients {args.clients}, {wall:.1f} s")
        print(f"answers {stats.answers}  ({stats.answers / wall:.2f} answers/s)")
        print(
            f"latency ms  p50 {ms(stats.latencies, 50):.0f}  p95 {ms(stats.latencies, 95):.0f}  "
            f"p99 {ms(stats.latencies, 99):.0f}  mean {statistics.fmean(stats.latencies or [0]) * 1000:.0f}"
        )
        print(
            f"first delta ms  p50 {ms(stats.first_delta, 50):.0f}  p95 {ms(stats.first_delta, 95):.0f}  "
            f"p99 {ms(stats.first_delta, 99):.0f}"
        )
        print(f"errors {sum(stats.errors.values())} {stats.errors or ''}")
        for server in servers:
            for pid in [server.pid, *children(server.pid)]:
                try:
                    rss, peak, cmd = memory(pid)
                except OSError:
                    continue
                print(f"pid {pid}: RSS {rss:.0f} MB (peak {peak:.0f} MB)  {cmd}")
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
