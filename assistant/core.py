"""The one entry point: answer(message, conversation_id) -> Answer.

message ──understand──▶ route + Intent ──survey / documents──▶ Draft ──▶ Answer (+ stored turn)
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from assistant import index, survey
from assistant.compose import Draft, p, plural
from assistant.config import Settings, get_settings
from assistant.conversation import ConversationStore
from assistant.errors import IndexMissing, InputError
from assistant.gazetteer import Gazetteer
from assistant.intent import Intent
from assistant.models import Answer, Data
from assistant.sql import query
from assistant.understand import Understanding, Units, understand


@dataclass
class Runtime:
    """What answering needs, opened once per process per index."""

    index_dir: Path
    con: duckdb.DuckDBPyConnection
    gazetteer: Gazetteer
    units: Units
    store: ConversationStore
    version: str


_lock = threading.Lock()
_runtimes: dict[tuple[Path, str], Runtime] = {}


def runtime(settings: Settings) -> Runtime:
    name = index.current_name(settings)
    if name is None:
        raise IndexMissing("There is no index yet: run `assistant ingest` first.")
    key = (settings.data_dir.resolve(), name)
    with _lock:
        if key not in _runtimes:
            _runtimes.clear()
            _runtimes[key] = _open(settings, settings.data_dir / "index" / name)
        return _runtimes[key]


def _open(settings: Settings, index_dir: Path) -> Runtime:
    con = duckdb.connect(str(index_dir / "index.duckdb"), read_only=True)
    written = query.unit_labels(con)
    labels = {label: (kind, n) for label, kind, n in written.values()}
    units = Units(labels=labels, by_written={w: v[0] for w, v in written.items()})
    version = con.execute("SELECT value FROM meta WHERE key = 'corpus_version'").fetchone()[0]
    return Runtime(
        index_dir=index_dir,
        con=con,
        gazetteer=Gazetteer.from_duckdb(con),
        units=units,
        store=ConversationStore(settings.conversations_path),
        version=version,
    )


def validate(message: Any, settings: Settings) -> str:
    if not isinstance(message, str) or not message.strip():
        raise InputError("The message is empty: ask a question about partnerships of Polish towns.")
    if len(message) > settings.max_message_chars:
        raise InputError(f"The message is longer than {settings.max_message_chars} characters.")
    return message.strip()


def answer(
    message: str, conversation_id: str | None = None, settings: Settings | None = None
) -> Answer:
    settings = settings or get_settings()
    text = validate(message, settings)
    rt = runtime(settings)
    if conversation_id:
        rt.store.require(conversation_id)
        last = rt.store.last(conversation_id)
        previous = last.state if last else None
    else:
        conversation_id = rt.store.new()
        previous = None
    understood = understand(text, previous, rt.units, rt.gazetteer)
    result, state = respond(understood, rt, previous)
    result.conversation_id = conversation_id
    rt.store.append(conversation_id, text, result.language, state, result.model_dump(mode="json"))
    return result


def respond(u: Understanding, rt: Runtime, previous: dict | None) -> tuple[Answer, dict]:
    lang = u.language
    state: dict[str, Any] = {"language": lang, "route": u.route, "intent": None}
    if u.route == "clarify":
        return _clarify(u, rt, state)
    if u.route == "out_of_scope":
        key = "hostile" if u.reason == "hostile" else "out_of_scope"
        return Answer(language=lang, route="out_of_scope", answer=p(lang, key)), state
    intent = u.intent
    if u.pick:
        intent = _picked_intent(u.pick, intent, previous) or intent
    cursor = rt.con.cursor()
    try:
        draft, found = survey.answer(intent, cursor, lang)
    finally:
        cursor.close()
    if u.pick and previous and previous.get("items"):
        # "a ten drugi?" after "the first one" still means the second of the original list.
        state["intent"], state["items"] = previous["intent"], previous["items"]
    else:
        state["intent"] = intent.model_dump()
        state["items"] = _items(intent, found)
    return _finish(draft, "table"), state


def _finish(draft: Draft, route: str) -> Answer:
    return Answer(
        language=draft.lang,
        route=route,
        answer=draft.text(),
        data=draft.data,
        sql=draft.sql,
        citations=draft.citations,
    )


def _items(intent: Intent, found: list[dict]) -> list:
    """What 'the first one', 'a ten drugi?' will refer to in the next turn."""
    if intent.shape == "group_country":
        return [["country", g["country"]] for g in found[:50]]
    if intent.shape in ("group_unit", "rank"):
        return [["unit", g["unit"]] for g in found[:50]]
    return [["partner", r["partner"], r["unit"], r["country"]] for r in found[:50]]


def _picked_intent(pick: int, base: Intent, previous: dict | None) -> Intent | None:
    items = (previous or {}).get("items") or []
    if not 1 <= pick <= len(items):
        return None
    kind, value, *rest = items[pick - 1]
    if kind == "country":
        return base.model_copy(update={"countries": [value], "shape": "list", "limit": None})
    if kind == "unit":
        return base.model_copy(
            update={"units": [value], "unit_query": value, "shape": "list", "limit": None}
        )
    unit, country = rest
    from assistant.sql.tables import partner_names

    return Intent(units=[unit], unit_query=unit, partners=partner_names(value), partner_query=value,
                  countries=[country])  # fmt: skip


def _clarify(u: Understanding, rt: Runtime, state: dict) -> tuple[Answer, dict]:
    lang = u.language
    lines = [p(lang, "clarify").format(name=u.name)]
    rows = []
    for i, option in enumerate(u.options, 1):
        kind, count = rt.units.labels.get(option, ("gmina", 0))
        lines.append(
            p(lang, "clarify_item").format(
                i=i, option=option, kind=p(lang, "kinds")[kind], count=count,
                partnerships=plural(lang, "partnership", count),
            )
        )  # fmt: skip
        rows.append([option, kind, count])
    state["options"] = u.options
    state["intent"] = u.intent.model_dump() if u.intent else None
    data = Data(columns=["option", "unit_type", "partnerships"], rows=rows, total=len(rows))
    return Answer(language=lang, route="clarify", answer="\n".join(lines), data=data), state


def health(settings: Settings | None = None) -> dict:
    settings = settings or get_settings()
    try:
        rt = runtime(settings)
    except IndexMissing:
        return {"status": "no_index", "corpus_version": None, "rows": 0, "passages": 0}
    cursor = rt.con.cursor()
    try:
        rows = cursor.execute("SELECT count(*) FROM partnerships").fetchone()[0]
    finally:
        cursor.close()
    return {"status": "ok", "corpus_version": rt.version, "rows": rows, "passages": 0}


_TEXT_SUFFIXES = {".txt", ".md", ".tsv", ".csv"}


def source_lines(source: str, settings: Settings | None = None) -> list[str]:
    """The lines of a corpus file as citations number them (HTML/PDF: their extracted text).

    `source` is a corpus path such as 'corpus/pages/olsztyn-partner-cities.txt'. Anything that
    is not a file inside the corpus (../, absolute paths, unknown files) raises KeyError.
    """
    from assistant.sql.tables import split_lines

    settings = settings or get_settings()
    if not isinstance(source, str) or "\\" in source or "\x00" in source:
        raise KeyError(source)
    parts = source.split("/")
    if len(parts) < 2 or parts[0] != "corpus" or any(part in ("", ".", "..") for part in parts[1:]):
        raise KeyError(source)
    corpus_dir = settings.corpus_dir.resolve()
    path = (corpus_dir / "/".join(parts[1:])).resolve()
    if corpus_dir not in path.parents or not path.is_file():
        raise KeyError(source)
    if path.suffix.lower() in _TEXT_SUFFIXES:
        return split_lines(
            path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
        )
    current = index.current_dir(settings)
    extracted = current / "extracted" / (source + ".txt") if current else None
    if extracted is None or not extracted.is_file():
        raise KeyError(source)
    return split_lines(extracted.read_text("utf-8"))
