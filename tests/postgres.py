"""Test helper (not a test): a real PostgreSQL server on a free loopback port in a temporary dir.

Uses Debian's binaries (/usr/lib/postgresql/*/bin, installed by `.ci/run`); as root, initdb and
the server run as the `postgres` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Postgres:
    bin_dir: Path
    data_dir: Path
    port: int
    user: str | None  # the OS user the server runs as (None: the current one)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return subprocess.run(
            [*prefix, *command], check=check, capture_output=True, text=True, timeout=60
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data_dir} -c listen_addresses=127.0.0.1"
        log = self.data_dir / "server.log"
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir / "db"), "-l", str(log),
            "-o", options, "-w", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir / "db"), "-m", mode, "-w",
            "stop", check=False,
        )  # fmt: skip

    def psql(self, sql: str) -> str:
        return self._run(
            str(self.bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
            "postgres", "-d", "postgres", "-At", "-c", sql,
        ).stdout.strip()  # fmt: skip


@contextmanager
def postgres_server() -> Iterator[Postgres]:
    """Start a throwaway PostgreSQL (skips the test when the binaries are not installed)."""
    bin_dir = binaries()
    if bin_dir is None:
        reason = "PostgreSQL is not installed (apt-get install postgresql; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI installs it: a skip there would hide the missing install
        pytest.skip(reason)
    data_dir = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
    user = None
    if os.geteuid() == 0:
        user = "postgres"
        entry = pwd.getpwnam(user)
        os.chown(data_dir, entry.pw_uid, entry.pw_gid)
    server = Postgres(bin_dir, data_dir, free_port(), user)
    try:
        server._run(
            str(bin_dir / "initdb"), "-D", str(data_dir / "db"), "-A", "trust", "-U",
            "postgres", "--no-sync", "-E", "UTF8",
        )  # fmt: skip
        server.start()
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(data_dir, ignore_errors=True)
