"""Where the built index lives, and how a new build replaces the old one atomically.

data_dir/
  CURRENT            name of the index in use (replaced with os.replace: atomic)
  index/<name>/      index.duckdb, chroma/ (embedded mode), extracted/ (HTML/PDF text)
  cache/             embeddings already computed, keyed by model and text
"""

from __future__ import annotations

import atexit
import gc
import os
import shutil
import uuid
from pathlib import Path

from assistant.config import Settings

SCHEMA_VERSION = "10"  # bump when the stores' layout changes, so the corpus is rebuilt


def current_name(settings: Settings) -> str | None:
    pointer = settings.data_dir / "CURRENT"
    try:
        name = pointer.read_text("utf-8").strip()
    except OSError:
        return None
    return name if name and (settings.data_dir / "index" / name / "index.duckdb").exists() else None


def current_dir(settings: Settings) -> Path | None:
    name = current_name(settings)
    return settings.data_dir / "index" / name if name else None


def new_build_dir(settings: Settings) -> Path:
    path = settings.data_dir / "index" / f".build-{uuid.uuid4().hex[:12]}"
    path.mkdir(parents=True)
    return path


def publish(settings: Settings, build: Path, name: str) -> Path:
    """Give a finished build its name and point CURRENT at it; only then is it in use."""
    final = build.with_name(name)
    if final.exists():
        shutil.rmtree(final)
    build.rename(final)
    pointer = settings.data_dir / "CURRENT"
    tmp = pointer.with_name(f"CURRENT.{uuid.uuid4().hex[:8]}")
    tmp.write_text(name, "utf-8")
    os.replace(tmp, pointer)
    return final


def prune(settings: Settings, keep: int = 2) -> None:
    """Remove abandoned builds and all but the newest `keep` indexes (a running server may use the previous one)."""
    root = settings.data_dir / "index"
    if not root.exists():
        return
    current = current_name(settings)
    for path in root.glob(".build-*"):
        shutil.rmtree(path, ignore_errors=True)
    done = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for path in done[:-keep]:
        if path.name != current:
            shutil.rmtree(path, ignore_errors=True)


def settle_loaded() -> None:
    """After an index is opened: what it loaded (gazetteer, units, caches: about a million
    objects) lives as long as the process uses that index, so it is moved out of the garbage
    collector's reach (gc.freeze). Otherwise every full collection, which a 100k-row answer
    sets off, walks all of it again. What an earlier index had frozen is released first."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    # An Assistant never closed is still freed at exit (extensions then report no leak).
    atexit.unregister(gc.unfreeze)
    atexit.register(gc.unfreeze)


def release_loaded() -> None:
    """After an index is closed: the frozen objects can be collected again (and are freed
    before the interpreter exits, so no extension reports them as leaked)."""
    gc.unfreeze()
    gc.collect()
