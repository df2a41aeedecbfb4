"""The corpus on disk: which files are tables, which are pages, and the version of it all."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import CorpusError

TABLE_SUFFIXES = {".tsv", ".csv"}
PAGE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}


@dataclass(frozen=True)
class CorpusFile:
    path: Path  # on disk
    source: str  # as cited: 'corpus/tables/miasta-i-gminy-2009.tsv'
    kind: str  # 'table' or 'page'
    digest: str


def source_name(corpus_dir: Path, path: Path) -> str:
    return "corpus/" + path.relative_to(corpus_dir).as_posix()


def scan(corpus_dir: Path) -> list[CorpusFile]:
    if not corpus_dir.is_dir():
        raise CorpusError(f"The corpus folder {corpus_dir} does not exist.")
    found = []
    for folder, kind, suffixes in (
        ("tables", "table", TABLE_SUFFIXES),
        ("pages", "page", PAGE_SUFFIXES),
    ):
        for path in sorted((corpus_dir / folder).glob("*")):
            if path.is_file() and path.suffix.lower() in suffixes:
                # A sidecar description ('<file>.toml') is no source of its own, but part of the
                # file's version: a new title or year rebuilds the index.
                sidecar = path.with_name(path.name + ".toml")
                try:
                    data = path.read_bytes()
                    if sidecar.is_file():
                        data += b"\0sidecar\0" + sidecar.read_bytes()
                    digest = hashlib.sha256(data).hexdigest()
                except OSError as error:
                    raise CorpusError(f"Cannot read {path}: {error.strerror}.") from error
                found.append(CorpusFile(path, source_name(corpus_dir, path), kind, digest))
    return found


def version(files: list[CorpusFile], salt: str = "") -> str:
    """A hash of every corpus file's name and content (and of what builds from them)."""
    h = hashlib.sha256(salt.encode())
    for f in files:
        h.update(f"{f.source}\0{f.digest}\n".encode())
    return h.hexdigest()[:16]


def read_text(f: CorpusFile) -> str:
    """The file as text. Invalid UTF-8 is decoded with U+FFFD, which ingestion flags as damage."""
    try:
        data = f.path.read_bytes()
    except OSError as error:
        raise CorpusError(f"Cannot read {f.source}: {error.strerror}.") from error
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")
