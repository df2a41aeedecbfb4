"""The HTTP API and the demo page: every route is a thin shell over `assistant.core`.

The core is synchronous, so plain `def` routes (and `run_in_threadpool` for the
stream) keep it off the event loop. Errors meant for users become a 4xx with a
JSON `{"detail": "<one sentence>"}`; anything else is logged with its traceback
and answered with a JSON 500 that carries no internals.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import unquote

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, field_validator
from sse_starlette import EventSourceResponse, JSONServerSentEvent, ServerSentEvent
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import core, llm
from assistant.config import Settings, get_settings
from assistant.conversation import ConversationStore, prune_periodically
from assistant.core import Assistant
from assistant.errors import (
    AssistantError,
    CorpusError,
    IndexMissing,
    InputError,
    StoreUnavailable,
    UnknownConversation,
)
from assistant.models import Answer
from assistant.web import export, limits, maps, rows, security
from assistant.web.current import Current

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
CORPUS_PREFIX = "corpus/"
WORDS_PER_DELTA = 4  # a delta carries a few words
# The answer is ready before it streams; a short pause between deltas lets a reader see it being
# written, and the cap keeps a long answer from being slowed down by more than a quarter second.
STREAM_PAUSE = 0.01
STREAM_MAX_PAUSE = 0.25

_STATUS = {
    InputError: 400,
    UnknownConversation: 404,
    IndexMissing: 503,
    CorpusError: 503,
    StoreUnavailable: 503,
}


class ErrorDetail(BaseModel):
    detail: str = Field(description="What is wrong, as one readable sentence.")


class ChatRequest(BaseModel):
    message: str = Field(description="The question, in Polish or English.")
    conversation_id: str | None = Field(
        default=None,
        description="The id from a previous answer, for a follow-up; null starts anew.",
    )

    @field_validator("message", "conversation_id")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        # JSON may carry lone surrogates ("\ud800"); they cannot be stored or shown.
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("contains characters that are not valid Unicode text") from None
        return value


class FeedbackRequest(BaseModel):
    conversation_id: str
    turn: int | None = Field(
        default=None, ge=1, le=1_000_000, description="1-based number of the answer rated."
    )
    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=2000)

    @field_validator("conversation_id", "comment")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        return ChatRequest._encodable(value)


class FeedbackStored(BaseModel):
    stored: bool = True
    conversation_id: str
    turn: int | None


class SourceLine(BaseModel):
    line: int
    text: str


class SourceLines(BaseModel):
    source: str = Field(description="Corpus path, e.g. corpus/tables/powiaty-2009.tsv")
    lines: tuple[int, int] = Field(description="1-based inclusive range returned")
    total_lines: int
    text: list[SourceLine]


SSE_EVENT_SCHEMA = {
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["delta", "done"]},
        "data": {
            "type": "string",
            "description": "delta: a piece of the answer text; done: the full answer JSON.",
        },
    },
}

ERRORS = {
    400: {"model": ErrorDetail, "description": "Unusable input"},
    404: {"model": ErrorDetail, "description": "Not found"},
    413: {"model": ErrorDetail, "description": "Body over ASSISTANT_MAX_BODY_BYTES"},
    422: {"model": ErrorDetail, "description": "The request does not have the expected shape"},
    429: {"model": ErrorDetail, "description": "Over the client's rate limit (see Retry-After)"},
    503: {"model": ErrorDetail, "description": "No index yet, or no answer in time"},
}


# --- sources -------------------------------------------------------------------------------------


def safe_corpus_path(path: str, settings: Settings) -> tuple[str, Path]:
    """Check a requested source path; return its corpus name and file, or raise HTTP 400/404.

    Citations name files as `corpus/<relative path>`; the `corpus/` prefix is optional here.
    Anything that could leave the corpus directory is refused before touching the disk.
    """
    if (
        not path
        or "\\" in path
        or "\x00" in path
        or path.startswith("/")
        or re.match(r"^[A-Za-z]:", path)
    ):
        raise StarletteHTTPException(
            400, "The source path must be a relative path inside the corpus."
        )
    # The URL was decoded once already: a remaining %xx is a double encoding (%252e%252e).
    if unquote(path) != path:
        raise StarletteHTTPException(
            400, "The source path must not contain percent-encoded characters."
        )
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise StarletteHTTPException(
            400, "The source path must not contain '.', '..' or empty parts."
        )
    relative = path[len(CORPUS_PREFIX) :] if path.startswith(CORPUS_PREFIX) else path
    root = Path(settings.corpus_dir).resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise StarletteHTTPException(400, "The source path points outside the corpus.")
    return CORPUS_PREFIX + relative, target


def source_lines(source: str, settings: Settings) -> list[str]:
    """The lines of a corpus file as citations number them (line n is item n-1; HTML and
    PDF files by their extracted text), or a 404."""
    try:
        return core.source_lines(source, settings)
    except (KeyError, ValueError, FileNotFoundError) as error:
        raise StarletteHTTPException(404, f"There is no corpus source {source!r}.") from error


def parse_range(value: str | None, total: int) -> tuple[int, int]:
    if value is None or value == "":
        return (1, total) if total else (0, 0)
    match = re.fullmatch(r"\s*(\d{1,9})\s*(?:-\s*(\d{1,9})\s*)?", value)
    if not match:
        raise StarletteHTTPException(
            400, "The lines parameter must look like START-END, e.g. 12-14."
        )
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if start < 1 or end < start:
        raise StarletteHTTPException(
            400, "The line range must start at 1 or later and not end before it starts."
        )
    if start > total:
        raise StarletteHTTPException(404, f"The source has only {total} lines.")
    return start, min(end, total)


# --- streaming -----------------------------------------------------------------------------------


def split_for_stream(text: str, words_per_piece: int = WORDS_PER_DELTA) -> list[str]:
    """Pieces of a few words each, split after whitespace, that join back to exactly `text`."""
    tokens = re.findall(r"\s+|\S+\s*", text)
    pieces: list[str] = []
    current, count = "", 0
    for token in tokens:
        current += token
        if not token.isspace():
            count += 1
        if count >= words_per_piece:
            pieces.append(current)
            current, count = "", 0
    if current:
        pieces.append(current)
    return pieces


async def answer_events(result: Answer) -> AsyncIterator[ServerSentEvent]:
    pieces = split_for_stream(result.answer)
    pause = min(STREAM_PAUSE, STREAM_MAX_PAUSE / max(len(pieces), 1))
    for piece in pieces:
        yield ServerSentEvent(data=piece, event="delta")
        await asyncio.sleep(pause)
    yield JSONServerSentEvent(data=result.model_dump(mode="json"), event="done")


# --- errors --------------------------------------------------------------------------------------


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts)


def readable_validation_error(error: RequestValidationError) -> str:
    sentences = []
    for item in error.errors():
        kind = item.get("type", "")
        field = _field_name(tuple(item.get("loc", ())))
        if kind == "json_invalid":
            sentences.append("The request body is not valid JSON.")
        elif kind == "missing" and not field:
            sentences.append('The request needs a JSON body, e.g. {"message": "..."}.')
        elif kind == "missing":
            sentences.append(f"The field '{field}' is required.")
        elif kind in ("model_attributes_type", "dict_type") and not field:
            sentences.append("The request body must be a JSON object.")
        else:
            message = str(item.get("msg", "is invalid")).removeprefix("Value error, ")
            where = f"The field '{field}'" if field else "The request"
            sentences.append(
                f"{where}: {message[0].lower() + message[1:] if message else message}."
            )
    unique = list(dict.fromkeys(sentences))
    return " ".join(unique) or "The request is invalid."


# Starlette's and FastAPI's own short phrases, as sentences a person can act on.
_PLAIN_DETAILS = {
    "Not Found": "There is no such page or API route.",
    "Method Not Allowed": "This route does not accept this HTTP method.",
    "There was an error parsing the body": "The request body could not be read: send UTF-8 JSON.",
}


INTERNAL_DETAIL = "The assistant failed on this request; the error has been logged."


def _answer(current: Current, message: str, conversation_id: str | None) -> Answer:
    core.validate(message, current.settings)  # a bad message is the visitor's 400, index or not
    with current.lease() as assistant:
        return assistant.answer(message, conversation_id)


def _health(current: Current) -> dict:
    try:
        with current.lease() as assistant:
            return assistant.health()
    except IndexMissing:
        return {**llm.status(current.settings), **core.NO_INDEX_HEALTH}


def _warm_up(current: Current) -> None:
    with current.lease() as assistant:
        assistant.warm_up()


def guarded(function, *args):
    """Call into the core: users' errors pass through, anything else becomes a logged JSON 500."""
    try:
        return function(*args)
    except (AssistantError, StarletteHTTPException):
        raise
    except Exception as error:
        log.exception("%s failed", getattr(function, "__name__", function))
        raise StarletteHTTPException(500, INTERNAL_DETAIL) from error


def store_feedback(request: FeedbackRequest, store: ConversationStore) -> None:
    # the store checks the conversation and the turn (404) and copies the rated answer
    store.add_feedback(request.conversation_id, request.turn, request.rating, request.comment)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def assistant_error(_request: Request, error: AssistantError) -> JSONResponse:
        status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 400)
        return JSONResponse({"detail": str(error) or type(error).__name__}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": readable_validation_error(error)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = _PLAIN_DETAILS.get(str(error.detail), str(error.detail))
        return JSONResponse(
            {"detail": detail}, status_code=error.status_code, headers=error.headers
        )

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
        # Last resort only: Starlette re-raises after this and uvicorn then drops the
        # keep-alive connection; `guarded` catches the core's failures before that.
        log.exception("Unhandled error on %s %s", request.method, request.url.path, exc_info=error)
        return JSONResponse({"detail": INTERNAL_DETAIL}, status_code=500)


# --- the app -------------------------------------------------------------------------------------

DEMO_TEXT = {
    "pl": {
        "title": "Współpraca miast partnerskich — asystent ZMP",
        "heading": "Asystent współpracy miast partnerskich",
        "intro": "Zapytaj, z kim współpracują polskie miasta, gminy i powiaty, od kiedy i w jakiej formie. "
        "Odpowiedzi pochodzą z ankiety ZMP z 2009 roku i stron miast, z odnośnikami do źródeł.",
        "hint": "Przycisk asystenta jest w prawym dolnym rogu strony.",
        "switch": "Język strony",
    },
    "en": {
        "title": "Town twinning — ZMP assistant",
        "heading": "Town twinning assistant",
        "intro": "Ask which Polish towns, gminas and powiats partner with whom, since when and in what form. "
        "Answers come from the 2009 ZMP survey and city pages, with links to their sources.",
        "hint": "The assistant's button is in the bottom right corner of the page.",
        "switch": "Page language",
    },
}


def demo_page(lang: str) -> str:
    text = DEMO_TEXT[lang]
    current = ' aria-current="page"'
    other = [
        f'<a href="?lang={code}" hreflang="{code}"{current if code == lang else ""}>{name}</a>'
        for code, name in (("pl", "Polski"), ("en", "English"))
    ]
    esc = html.escape
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(text["title"])}</title>
<link rel="stylesheet" href="demo.css">
</head>
<body>
<main>
<nav aria-label="{esc(text["switch"])}">{" ".join(other)}</nav>
<h1>{esc(text["heading"])}</h1>
<p>{esc(text["intro"])}</p>
<p>{esc(text["hint"])}</p>
</main>
<script src="widget.js" defer></script>
</body>
</html>
"""


def create_app(assistant: Assistant | None = None, *, settings: Settings | None = None) -> FastAPI:
    """The HTTP service over `assistant` (the caller closes it), or over an assistant the app
    opens from `settings` itself and replaces when a new index is published (web/current.py)."""
    if isinstance(assistant, Settings):
        raise TypeError("create_app takes an Assistant; pass settings as create_app(settings=...).")
    settings = assistant.settings if assistant is not None else settings or get_settings()
    current = Current(settings, assistant)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # Open the index, the model and Chroma before the first visitor (a missing index is
        # reported per request instead, as a 503 with a clear detail).
        try:
            await run_in_threadpool(_warm_up, current)
        except AssistantError as error:
            logging.getLogger("assistant.web").warning("not warmed up: %s", error)
        # Retention: conversations idle for ASSISTANT_CONVERSATION_DAYS go, now and hourly.
        pruning = asyncio.create_task(prune_periodically(current.store, settings.conversation_days))
        yield
        pruning.cancel()
        current.close()

    app = FastAPI(
        lifespan=lifespan,
        title="ZMP town twinning assistant",
        description="Answers questions about partnerships of Polish towns, gminas and powiats, "
        "in Polish or English, with citations of corpus lines.",
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.current = current
    # Bounds and headers for a public endpoint; CORS is added last so that it stays outermost.
    limits.install(app, settings)
    security.install(app, settings)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.allowed_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
    )
    _install_error_handlers(app)
    # GET /api/export/{conversation_id}/{turn}.csv, GET /map, GET /api/map; added as plain routes
    # (include_router would nest them in one _IncludedRouter entry, without .path, in app.routes).
    app.router.routes.extend([*export.router.routes, *maps.router.routes, *rows.router.routes])

    @app.post("/api/chat", response_model=Answer, responses=ERRORS, tags=["chat"])
    def chat(request: ChatRequest) -> Answer:
        """Answer one message; send the returned conversation_id back for a follow-up."""
        return guarded(_answer, current, request.message, request.conversation_id)

    @app.post(
        "/api/chat/stream",
        responses={
            **ERRORS,
            200: {
                "description": "Server-Sent Events: `delta` events with pieces of the answer "
                "text, then one `done` event whose data is the full answer JSON.",
                # OpenAPI 3.1: for an event stream, `schema` describes each event.
                "content": {"text/event-stream": {"schema": SSE_EVENT_SCHEMA}},
            },
        },
        response_class=EventSourceResponse,
        tags=["chat"],
    )
    async def chat_stream(request: ChatRequest) -> EventSourceResponse:
        """The same answer as /api/chat, streamed as Server-Sent Events."""
        # Errors surface here, before the stream starts, as ordinary 4xx JSON responses.
        result = await run_in_threadpool(
            guarded, _answer, current, request.message, request.conversation_id
        )
        return EventSourceResponse(answer_events(result), headers={"Cache-Control": "no-store"})

    @app.get("/api/health", tags=["service"])
    def health() -> dict:
        """Status, corpus version, row and passage counts."""
        return guarded(_health, current)

    @app.get(
        "/api/sources/{path:path}", response_model=SourceLines, responses=ERRORS, tags=["sources"]
    )
    def sources(
        path: str,
        lines: Annotated[
            str | None, Query(description="START-END (1-based, inclusive), e.g. 2373-2375")
        ] = None,
    ) -> SourceLines:
        """Lines of a corpus file, as cited by answers."""
        source, _target = safe_corpus_path(path, settings)
        all_lines = guarded(source_lines, source, settings)
        start, end = parse_range(lines, len(all_lines))
        numbered = (
            [SourceLine(line=n, text=all_lines[n - 1]) for n in range(start, end + 1)]
            if start
            else []
        )
        return SourceLines(
            source=source, lines=(start, end), total_lines=len(all_lines), text=numbered
        )

    @app.post(
        "/api/feedback",
        status_code=201,
        response_model=FeedbackStored,
        responses=ERRORS,
        tags=["chat"],
    )
    def feedback(request: FeedbackRequest) -> FeedbackStored:
        """Store a thumbs up or down (and an optional comment) for one answer of a conversation."""
        guarded(store_feedback, request, current.store())
        return FeedbackStored(conversation_id=request.conversation_id, turn=request.turn)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(lang: str = "pl") -> HTMLResponse:
        return HTMLResponse(demo_page(lang if lang in DEMO_TEXT else "pl"))

    def static(name: str, media_type: str) -> FileResponse:
        return FileResponse(
            STATIC_DIR / name,
            media_type=f"{media_type}; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @app.get("/demo.css", include_in_schema=False)
    def demo_css() -> FileResponse:
        return static("demo.css", "text/css")

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> FileResponse:
        return static("widget.js", "text/javascript")

    return app
