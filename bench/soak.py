"""Soak test: steady load on a real 2-worker server, plus one client far over the rate limit.

    python bench/soak.py --minutes 10

On loopback only. Starts `python -m assistant.web.server --workers 2` on a free port with the
configured data dir (ASSISTANT_DATA_DIR: use your own, the run adds its conversations to the
store there), a chat rate limit of --limit per client, then runs two phases of --minutes each:

1. well-behaved clients, each from its own loopback address (127.0.0.10, .11, ...), each
   sending one question (or follow-up) every 1/--rate seconds, alternating /api/chat and
   /api/chat/stream, plus one abusive client (127.0.0.2) sending --abuser-rate requests a
   second, far over the limit;
2. the same well-behaved clients alone, for the p99 comparison.

Prints, per phase: answers/s, latency p50/p95/p99 of the well-behaved clients, their errors,
the 429s served to each kind of client, worker RSS at the start and the end (after warm-up),
and the conversation store's bytes per turn (file growth and stored row size).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import (  # noqa: E402  (bench/load.py: the questions, the clients, the server)
    QUESTIONS,
    REPO,
    Stats,
    ask_json,
    ask_stream,
    children,
    free_port,
    memory,
    percentile,
    start_server,
    warm_up,
)

ABUSER = "127.0.0.2"


def polite_address(n: int) -> str:
    return f"127.0.0.{10 + n}"


def http_client(url: str, address: str) -> httpx.AsyncClient:
    """A client whose connections leave from `address`: each is its own client to the server."""
    transport = httpx.AsyncHTTPTransport(local_address=address)
    return httpx.AsyncClient(base_url=url, timeout=120, transport=transport)


async def polite_loop(url: str, n: int, rate: float, deadline: float, stats: Stats) -> None:
    rng = random.Random(n)
    interval = 1 / rate
    async with http_client(url, polite_address(n)) as client:
        next_at = time.monotonic() + rng.random() * interval  # spread the clients' phases
        turn = 0
        conversation, follow_up = None, None
        while True:
            next_at = max(next_at + interval, time.monotonic())
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            if time.monotonic() >= deadline:
                return
            if follow_up and conversation:
                message, follow_up = follow_up, None
            else:
                message, follow_up = rng.choice(QUESTIONS)
                conversation = None
            ask = ask_stream if turn % 2 else ask_json
            turn += 1
            try:
                conversation = await ask(client, message, conversation, stats)
            except httpx.HTTPError as error:
                stats.error(type(error).__name__)


@dataclass
class Abuse:
    sent: int = 0
    refused: int = 0
    answered: int = 0
    other: int = 0


async def abusive_loop(url: str, rate: float, deadline: float, abuse: Abuse) -> None:
    interval = 1 / rate if rate > 0 else 0.0
    async with http_client(url, ABUSER) as client:
        next_at = time.monotonic()
        while time.monotonic() < deadline:
            next_at = max(next_at + interval, time.monotonic())
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            abuse.sent += 1
            try:
                response = await client.post("/api/chat", json={"message": "partnerzy Krakowa"})
            except httpx.HTTPError:
                abuse.other += 1
                continue
            if response.status_code == 429:
                abuse.refused += 1
            elif response.status_code == 200:
                abuse.answered += 1
            else:
                abuse.other += 1


async def warm_every_kind(url: str, workers: int) -> None:
    """Every question kind on every worker (the passage model loads on the first page
    question), so that the RSS at the start is the warmed-up one."""
    for question, follow_up in QUESTIONS:
        for message in (question, follow_up):
            if message is None:
                continue
            clients = [httpx.AsyncClient(base_url=url, timeout=120) for _ in range(workers * 3)]
            try:  # separate connections, so that the kernel spreads them over the workers
                await asyncio.gather(
                    *(c.post("/api/chat", json={"message": message}) for c in clients)
                )
            finally:
                await asyncio.gather(*(c.aclose() for c in clients))


def workers(server: subprocess.Popen) -> dict[int, float]:
    """RSS (MB) of each uvicorn worker process."""
    found = {}
    for pid in children(server.pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
            rss, _peak, _cmd = memory(pid)
        except OSError:
            continue
        if b"spawn_main" in command:  # not multiprocessing's resource tracker
            found[pid] = rss
    return found


def store_figures(path: Path) -> tuple[int, int, float, int]:
    """(file bytes with the WAL, turns, mean stored bytes per turn row, largest row)."""
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    if not path.exists():
        return size, 0, 0.0, 0
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        columns = [row[1] for row in con.execute("PRAGMA table_info(turns)")]
        row_bytes = " + ".join(f"coalesce(length(CAST({c} AS BLOB)), 0)" for c in columns)
        turns, mean, largest = con.execute(
            f"SELECT count(*), avg({row_bytes}), max({row_bytes}) FROM turns"
        ).fetchone()
    return size, turns, mean or 0.0, largest or 0


def phase(
    url: str, args: argparse.Namespace, server: subprocess.Popen, store: Path, abusive: bool
) -> dict:
    stats, abuse = Stats(), Abuse()
    rss_start = workers(server)
    size0, turns0, _, _ = store_figures(store)
    deadline = time.monotonic() + args.minutes * 60
    began = time.perf_counter()

    async def run() -> None:
        loops = [polite_loop(url, n, args.rate, deadline, stats) for n in range(args.clients)]
        if abusive:
            loops.append(abusive_loop(url, args.abuser_rate, deadline, abuse))
        await asyncio.gather(*loops)

    asyncio.run(run())
    wall = time.perf_counter() - began
    size1, turns1, mean_row, largest_row = store_figures(store)
    new_turns = max(turns1 - turns0, 1)
    rss_end = workers(server)
    ms = lambda p: percentile(stats.latencies, p) * 1000  # noqa: E731
    polite_429 = stats.errors.get("HTTP 429", 0)
    errors = {k: v for k, v in stats.errors.items() if k != "HTTP 429"}
    title = "with the abusive client" if abusive else "without the abusive client"
    print(f"\n== {title}: {args.clients} clients x {args.rate:g}/s, {wall:.0f} s")
    print(f"answers {stats.answers}  ({stats.answers / wall:.2f} answers/s)")
    print(f"latency ms  p50 {ms(50):.0f}  p95 {ms(95):.0f}  p99 {ms(99):.0f}")
    print(f"errors (well-behaved) {sum(errors.values())} {errors or ''}")
    print(f"429s to well-behaved clients {polite_429}")
    if abusive:
        print(
            f"abusive client: sent {abuse.sent} ({abuse.sent / wall:.1f}/s), 429 {abuse.refused}, "
            f"answered {abuse.answered}, other {abuse.other}"
        )
    for pid in sorted(rss_end):
        start = rss_start.get(pid, float("nan"))
        growth = (rss_end[pid] - start) / start * 100
        print(f"worker {pid}: RSS {start:.0f} MB -> {rss_end[pid]:.0f} MB ({growth:+.1f} %)")
    print(
        f"store: {turns1 - turns0} turns, file {size0 / 2**20:.1f} -> {size1 / 2**20:.1f} MB "
        f"({(size1 - size0) / new_turns:.0f} bytes/turn); rows mean {mean_row:.0f} B, "
        f"largest {largest_row} B ({turns1} turns stored)"
    )
    return {"p99": ms(99), "answers_per_s": stats.answers / wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="length of each phase")
    parser.add_argument("--clients", type=int, default=8, help="well-behaved clients")
    parser.add_argument("--rate", type=float, default=2.0, help="requests/s per polite client")
    parser.add_argument("--limit", default="300/minute", help="ASSISTANT_RATE_LIMIT of the server")
    parser.add_argument("--abuser-rate", type=float, default=20.0, help="0: as fast as it can")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-baseline", action="store_true", help="skip the phase without abuse")
    args = parser.parse_args()

    os.environ["ASSISTANT_RATE_LIMIT"] = args.limit  # start_server keeps a limit that is set
    data_dir = Path(os.environ.get("ASSISTANT_DATA_DIR", REPO / "var")).resolve()
    os.environ["ASSISTANT_DATA_DIR"] = str(data_dir)
    store = data_dir / "conversations.sqlite"
    log_path = REPO / "bench" / "out" / "soak-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, args.workers, log_path)
    try:
        asyncio.run(warm_up(url, args.workers))
        asyncio.run(warm_every_kind(url, args.workers))
        print(
            f"server at {url}: {args.workers} workers, chat limit {args.limit} per client, "
            f"data dir {data_dir}"
        )
        loaded = phase(url, args, server, store, abusive=True)
        if not args.no_baseline:
            alone = phase(url, args, server, store, abusive=False)
            change = (loaded["p99"] - alone["p99"]) / alone["p99"] * 100
            print(
                f"\np99 with the abusive client {loaded['p99']:.0f} ms, without {alone['p99']:.0f}"
                f" ms ({change:+.0f} %)"
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
