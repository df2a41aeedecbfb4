"""Run the HTTP service with uvicorn: one process, or several workers sharing the data dir."""

from __future__ import annotations

import argparse
import json
import os

import uvicorn

from assistant.config import Settings, get_settings

APP_FACTORY = "assistant.web.app:create_app"
# uvicorn's own X-Forwarded-For handling is off: ASSISTANT_TRUSTED_PROXIES alone decides
# (assistant/web/limits.py).


def _export(settings: Settings) -> None:
    """Hand the settings to worker processes, which build their app from ASSISTANT_* variables."""
    for name, value in settings.model_dump(mode="json").items():
        if value is None:
            continue
        text = json.dumps(value) if isinstance(value, list | dict) else str(value)
        os.environ[f"ASSISTANT_{name.upper()}"] = text


def serve(
    settings: Settings | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    log_level: str = "info",
) -> None:
    settings = settings or get_settings()
    if workers > 1:
        # Workers import the app themselves: uvicorn needs an import string and a factory.
        _export(settings)
        uvicorn.run(
            APP_FACTORY,
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            proxy_headers=False,
        )
    else:
        from assistant.web.app import create_app

        uvicorn.run(
            create_app(settings=settings),
            host=host,
            port=port,
            log_level=log_level,
            proxy_headers=False,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the twinning assistant over HTTP.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    serve(get_settings(), args.host, args.port, args.workers, args.log_level)


if __name__ == "__main__":
    main()
