"""Shared fixtures: one real index (DuckDB + Chroma + the real embedding model) per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# The suite sends hundreds of requests from one address (apps and live servers inherit this);
# tests/test_limits.py sets its own limits.
os.environ.setdefault("ASSISTANT_RATE_LIMIT", "off")
os.environ.setdefault("ASSISTANT_RATE_LIMIT_OTHER", "off")

from assistant.config import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory) -> Settings:
    """Settings pointing at a data dir holding a fresh index of the shipped corpus."""
    from assistant.ingest import ingest

    data_dir = tmp_path_factory.mktemp("data")
    settings = Settings(data_dir=data_dir, corpus_dir=CORPUS)
    ingest(settings)
    return settings


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the corpus, for tests that add or break files."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def assistant(built_settings):
    """One `Assistant` over the session's index; conversations keep tests apart."""
    from assistant.core import Assistant

    with Assistant.open(built_settings) as opened:
        yield opened
