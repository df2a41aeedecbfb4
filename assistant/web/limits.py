"""Bounds for a public endpoint, as ASGI middleware: requests per client, body size, time.

- `RateLimit`: per client address, `ASSISTANT_RATE_LIMIT` for /api/chat and /api/chat/stream
  and `ASSISTANT_RATE_LIMIT_OTHER` for every other route but /api/health, counted by the
  `limits` library (moving window; memory by default, Redis or Memcached through
  `ASSISTANT_RATE_LIMIT_STORAGE` to share the counts between servers). Over the limit: 429 with
  `Retry-After` and a `detail` sentence. The client address comes from `X-Forwarded-For` only
  when the peer is one of `ASSISTANT_TRUSTED_PROXIES`.
- `BodyLimit`: a body over `ASSISTANT_MAX_BODY_BYTES` gets 413 before it is read: at once when
  `Content-Length` says so, else as soon as the chunks received pass the bound.
- `TimeLimit`: a response that has not started within `ASSISTANT_REQUEST_TIMEOUT` seconds is
  replaced by a 503; the handler is cancelled (a thread already running finishes on its own,
  and whatever it sends is dropped).

They answer with the same JSON `{"detail": ...}` as the routes.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import math
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from limits import RateLimitItem, parse_many
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import ConfigurationError
from limits.storage import storage_from_string

from assistant.config import Settings

log = logging.getLogger("assistant.web")

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CHAT_PATHS = frozenset({"/api/chat", "/api/chat/stream"})
UNLIMITED_PATHS = frozenset({"/api/health"})
_OFF = {"", "off", "none", "0"}
_UNITS = {"second": "second", "minute": "minute", "hour": "hour", "day": "day"}


async def send_detail(
    send: Send, status: int, detail: str, headers: Iterable[tuple[str, str]] = ()
) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *((k.encode("latin-1"), v.encode("latin-1")) for k, v in headers),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


# --- client address ------------------------------------------------------------------------------


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or CIDR networks; a malformed entry is an error at start, not a silent miss."""
    found = []
    for entry in entries:
        try:
            found.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"ASSISTANT_TRUSTED_PROXIES: {entry!r} is not an IP address or network."
            ) from None
    return tuple(found)


def _trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(scope: Scope, trusted: tuple[Network, ...]) -> str:
    """The peer's address, or, when the peer is a trusted proxy, the forwarded client's.

    X-Forwarded-For lists the hops left to right, each proxy appending the address it saw:
    walking it from the right, the first address that is not a trusted proxy is the client
    (anything to its left was written by the client itself and proves nothing).
    """
    peer = (scope.get("client") or ("unknown", 0))[0]
    if not _trusted(peer, trusted):
        return peer
    forwarded = [
        hop.strip()
        for value in (
            v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"x-forwarded-for"
        )
        for hop in value.split(",")
        if hop.strip()
    ]
    client = peer
    for hop in reversed(forwarded):
        client = hop
        if not _trusted(hop, trusted):
            break
    return client


def bucket(address: str) -> str:
    """What a limit counts: an IPv4 address, or an IPv6 address's /64 (one subscriber's usual
    share, whose addresses cost nothing to change)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


# --- requests per client -------------------------------------------------------------------------


def rate(text: str | None) -> list[RateLimitItem]:
    """'30/minute' (or '10/minute;100/hour', all of them apply) as `limits` items; 'off' or
    empty means no limit."""
    if text is None or text.strip().lower() in _OFF:
        return []
    try:
        return parse_many(text)
    except ValueError:
        raise ValueError(
            f"A rate limit must look like '30/minute' or '5 per second', not {text!r}."
        ) from None


def storage(uri: str) -> Any:
    """A `limits` async storage: memory://, or redis:// and memcached:// for several servers."""
    try:
        return storage_from_string(uri if uri.startswith("async+") else "async+" + uri)
    except ConfigurationError as error:
        raise ValueError(f"ASSISTANT_RATE_LIMIT_STORAGE={uri!r} cannot be used: {error}") from None


def _per(item: RateLimitItem) -> str:
    unit = _UNITS.get(item.GRANULARITY.name, item.GRANULARITY.name)
    return unit if item.multiples == 1 else f"{item.multiples} {unit}s"


class RateLimit:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.chat = rate(settings.rate_limit)
        self.other = rate(settings.rate_limit_other)
        self.trusted = networks(settings.trusted_proxies)
        self.limiter = MovingWindowRateLimiter(storage(settings.rate_limit_storage))

    def _items(self, path: str) -> tuple[str, list[RateLimitItem]]:
        if path in CHAT_PATHS:
            return "chat", self.chat
        if path in UNLIMITED_PATHS:
            return "none", []
        return "other", self.other

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") == "OPTIONS":
            return await self.app(scope, receive, send)
        group, items = self._items(scope.get("path", ""))
        if not items:
            return await self.app(scope, receive, send)
        client = bucket(client_address(scope, self.trusted))
        try:
            item = None
            for limit in items:
                if not await self.limiter.hit(limit, group, client):
                    item = limit
                    break
        except Exception:
            # A shared storage that is down must not take the service with it.
            log.exception("rate limit storage failed; request let through")
            return await self.app(scope, receive, send)
        if item is None:
            return await self.app(scope, receive, send)
        stats = await self.limiter.get_window_stats(item, group, client)
        wait = max(1, math.ceil(stats.reset_time - time.time()))
        what = "questions" if group == "chat" else "requests"
        await send_detail(
            send,
            429,
            f"Too many {what} from your address: at most {item.amount} per {_per(item)}; "
            f"please try again in {wait} seconds.",
            [("retry-after", str(wait))],
        )


# --- body size -----------------------------------------------------------------------------------


class BodyLimit:
    """Buffers at most `limit` bytes of the body, then hands it to the app as one message."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _too_large(self) -> str:
        return f"The request body is too large: at most {self.limit} bytes are accepted."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                return await send_detail(send, 400, "The Content-Length header is not a number.")
            if int(declared) > self.limit:
                return await send_detail(send, 413, self._too_large(), [("connection", "close")])
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left before sending its body: nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return await send_detail(send, 413, self._too_large(), [("connection", "close")])
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            # The body once, then the real channel: a streamed answer must still hear the
            # client disconnect.
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


# --- time ----------------------------------------------------------------------------------------


class TimeLimit:
    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            return await self.app(scope, receive, send)
        started = asyncio.Event()
        expired = False

        async def guarded_send(message: Message) -> None:
            if expired:
                return  # the 503 went out already
            if message["type"] == "http.response.start":
                started.set()
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded_send))
        waiter = asyncio.ensure_future(started.wait())
        done, _ = await asyncio.wait(
            {task, waiter}, timeout=self.seconds, return_when=asyncio.FIRST_COMPLETED
        )
        if task in done or waiter in done:
            waiter.cancel()
            await task  # the response has started (or ended): let it finish
            return
        waiter.cancel()
        expired = True
        task.cancel()  # a thread in the pool finishes its call first; its result is dropped
        task.add_done_callback(_log_late_failure)
        log.warning(
            "%s %s took over %.0f s: answered 503",
            scope.get("method"),
            scope.get("path"),
            self.seconds,
        )
        await send_detail(
            send,
            503,
            f"The assistant could not answer within {self.seconds:g} seconds; "
            "please try again in a moment.",
            [("retry-after", "5")],
        )


def _log_late_failure(task: asyncio.Future) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("a timed-out request failed later: %r", task.exception())


def install(app: Any, settings: Settings) -> None:
    """Add the three bounds to a Starlette/FastAPI app (call before adding CORS, so that CORS
    stays outermost and a 429 or 413 still carries its headers for the widget)."""
    # Bad settings fail here, at start, not at the first request.
    rate(settings.rate_limit), rate(settings.rate_limit_other), networks(settings.trusted_proxies)
    storage(settings.rate_limit_storage)
    app.add_middleware(TimeLimit, seconds=settings.request_timeout)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(RateLimit, settings=settings)
