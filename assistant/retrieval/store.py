"""Passages in Chroma (embedded on disk, or a Chroma server), seen through LangChain's `Chroma`.

Boilerplate passages are never embedded. Each stored passage carries its provenance
(source, start_line, end_line, section) as metadata, and its verbatim text as the document.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:  # langchain_chroma takes seconds to import: only where it is used
    from langchain_chroma import Chroma

from assistant.retrieval.passages import Passage

_NAME = re.compile(r"^[a-zA-Z0-9._-]{3,512}$")
COSINE = {"hnsw:space": "cosine"}
BATCH = 500


def check_collection_name(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(
            f"Chroma collection name {name!r} must be 3-512 characters of [a-zA-Z0-9._-]."
        )
    return name


def chroma_client(*, persist_dir: Path | None = None, chroma_url: str | None = None):
    """A Chroma server client when `chroma_url` is set, else an embedded one in `persist_dir`."""
    # Chroma would otherwise try to send usage statistics over a network we do not have.
    os.environ["ANONYMIZED_TELEMETRY"] = "False"
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url)
        if not url.hostname:
            raise ValueError(
                f"ASSISTANT_CHROMA_URL {chroma_url!r} is not a URL like http://127.0.0.1:8000."
            )
        port = url.port or (443 if url.scheme == "https" else 8000)
        return chromadb.HttpClient(
            host=url.hostname, port=port, ssl=url.scheme == "https", settings=settings
        )
    if persist_dir is None:
        raise ValueError("Embedded Chroma needs a directory (persist_dir).")
    persist_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(persist_dir), settings=settings)


def passage_metadata(p: Passage) -> dict[str, str | int | bool]:
    return {
        "passage_id": p.id,
        "source": p.source,
        "start_line": p.start_line,
        "end_line": p.end_line,
        "section": p.section,
        "boilerplate": p.boilerplate,
        "context": p.context,
    }


def stored_passages(store: Chroma) -> list[Passage]:
    """The passages of a collection, read back from Chroma (what a Retriever is built from)."""
    got = store.get(include=["documents", "metadatas"])
    passages = [
        Passage(
            source=str(meta["source"]),
            start_line=int(meta["start_line"]),
            end_line=int(meta["end_line"]),
            text=text,
            section=str(meta.get("section", "")),
            boilerplate=bool(meta.get("boilerplate", False)),
            context=str(meta.get("context", "")),
        )
        for text, meta in zip(got["documents"], got["metadatas"], strict=True)
    ]
    return sorted(passages, key=lambda p: (p.source, p.start_line))


def build_collection(
    passages: list[Passage],
    embeddings: Embeddings,
    *,
    persist_dir: Path | None = None,
    chroma_url: str | None = None,
    name: str,
) -> int:
    """(Re)create collection `name` holding the content passages; returns how many were stored."""
    client = chroma_client(persist_dir=persist_dir, chroma_url=chroma_url)
    _drop(client, check_collection_name(name))
    collection = client.create_collection(name=name, metadata=COSINE, embedding_function=None)
    content = list({p.id: p for p in passages if not p.boilerplate}.values())
    for start in range(0, len(content), BATCH):
        batch = content[start : start + BATCH]
        collection.add(
            ids=[p.id for p in batch],
            embeddings=embeddings.embed_documents([p.search_text for p in batch]),
            documents=[p.text for p in batch],
            metadatas=[passage_metadata(p) for p in batch],
        )
    return len(content)


def open_collection(
    embeddings: Embeddings,
    *,
    persist_dir: Path | None = None,
    chroma_url: str | None = None,
    name: str,
) -> Chroma:
    """The LangChain vector store over an existing collection (ValueError if it is missing)."""
    client = chroma_client(persist_dir=persist_dir, chroma_url=chroma_url)
    check_collection_name(name)
    if name not in _names(client):
        raise ValueError(f"There is no Chroma collection {name!r}: run `assistant ingest`.")
    from langchain_chroma import Chroma

    return Chroma(
        collection_name=name,
        embedding_function=embeddings,
        client=client,
        create_collection_if_not_exists=False,
    )


def drop_collection(
    *, persist_dir: Path | None = None, chroma_url: str | None = None, name: str
) -> bool:
    """Delete collection `name`; False if there was none."""
    client = chroma_client(persist_dir=persist_dir, chroma_url=chroma_url)
    return _drop(client, check_collection_name(name))


def collection_names(
    *, persist_dir: Path | None = None, chroma_url: str | None = None
) -> list[str]:
    return _names(chroma_client(persist_dir=persist_dir, chroma_url=chroma_url))


def _names(client) -> list[str]:
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]


def _drop(client, name: str) -> bool:
    if name not in _names(client):
        return False
    client.delete_collection(name)
    return True
