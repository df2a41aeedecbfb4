"""Security headers, as ASGI middleware, on every HTML page the service serves (`/`, `/map`).

An HTML response gets a Content-Security-Policy that allows only the service's own scripts,
styles, images and API (no inline script or style, no eval, no plugins), plus map tiles when
`ASSISTANT_MAP_TILES` names a tile server; may be framed only by `ASSISTANT_ALLOWED_ORIGINS`.
Every response gets `X-Content-Type-Options: nosniff`. The OpenAPI pages (/docs, /redoc) are
FastAPI's own and load their viewer from a CDN, so they keep nosniff only. The widget script
is JavaScript, not a page: it gets no CSP of its own and stays embeddable wherever CORS allows.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from assistant.config import Settings
from assistant.web.limits import ASGIApp, Message, Receive, Scope, Send

UNPOLICED_PAGES = ("/docs", "/redoc")


def tile_source(template: str | None) -> str | None:
    """A CSP source for a tile URL template: https://{s}.tile.example.org/{z}/{x}/{y}.png ->
    https://*.tile.example.org."""
    if not template:
        return None
    parts = urlsplit(template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = re.sub(r"^\{[a-z]+\}\.", "*.", parts.netloc)
    if "{" in host:
        return None
    return f"{parts.scheme}://{host}"


def content_security_policy(settings: Settings) -> str:
    images = ["'self'", "data:"]
    tiles = tile_source(getattr(settings, "map_tiles", None))
    if tiles:
        images.append(tiles)
    origins = [o for o in settings.allowed_origins if o != "*"]
    framing = "*" if "*" in settings.allowed_origins else " ".join(["'self'", *origins])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {' '.join(images)}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {framing}",
        ]
    )


class SecurityHeaders:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.policy = content_security_policy(settings).encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        policed = not scope.get("path", "").startswith(UNPOLICED_PAGES)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                names = {key.lower() for key, _ in headers}
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                if policed and content_type.startswith(b"text/html"):
                    if b"content-security-policy" not in names:
                        headers.append((b"content-security-policy", self.policy))
                    headers.append((b"referrer-policy", b"strict-origin-when-cross-origin"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def install(app: Any, settings: Settings) -> None:
    app.add_middleware(SecurityHeaders, settings=settings)
