"""The one entry point: `Assistant.open(settings)`, then `.answer(message, conversation_id)`.

message ──understand──▶ route + Intent ──survey / documents──▶ Draft ──▶ Answer (+ stored turn)

An `Assistant` owns everything answering needs: the opened index (`Runtime`: DuckDB, the
gazetteer, the retriever), the conversation store and the optional language model. There is
no module-level state; a new index is picked up by opening a new `Assistant` and closing the
old one (the web app does that per request, `assistant/web/current.py`).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from assistant import clauses, compare, documents, index, llm, several, survey
from assistant.compose import Draft, p, plural
from assistant.config import Settings, get_settings
from assistant.conversation import ConversationStore, open_store
from assistant.documents import Fact
from assistant.errors import IndexMissing, InputError
from assistant.gazetteer import Gazetteer
from assistant.intent import Intent
from assistant.models import Answer, Data
from assistant.retrieval import vocabulary as page_vocabulary
from assistant.sql import query
from assistant.sql.rows import ListColumns
from assistant.state import Item, TurnState
from assistant.text import fold
from assistant.topics import TopicIndex
from assistant.understand import Understanding, Units, understand
from assistant.vocabulary import country_names


@dataclass
class Runtime:
    """One opened index: its read-only DuckDB connection and what is read from it at open."""

    index_dir: Path
    con: duckdb.DuckDBPyConnection
    gazetteer: Gazetteer
    units: Units
    version: str
    facts: list[Fact]
    settings: Settings
    _retriever: object = None
    _known: llm.Known | None = None
    _list_columns: ListColumns | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def name(self) -> str:
        return self.index_dir.name

    def retriever(self):
        """Passages and their vectors, opened once (the embedding model takes a second to load)."""
        if self._retriever is None:
            with self._lock:  # Chroma's client must not be opened by two threads at once
                if self._retriever is None:
                    self._retriever = _open_retriever(self)
        return self._retriever

    def list_columns(self) -> ListColumns:
        """The data columns of every row, read into memory on the first list (rows.ListColumns):
        a list of a large table then queries only its ranks."""
        if self._list_columns is None:
            with self._lock:
                if self._list_columns is None:
                    cursor = self.con.cursor()
                    try:
                        self._list_columns = ListColumns(cursor)
                    finally:
                        cursor.close()
        return self._list_columns

    def known(self) -> llm.Known:
        """The names the model's reading is checked against (built on the model's first call)."""
        if self._known is None:
            self._known = llm.Known.from_index(self.con, self.units, self.gazetteer)
        return self._known

    def close(self) -> None:
        self.con.close()


class Assistant:
    """The opened index, the conversation store and the optional model; safe to share between
    threads. Open one with `Assistant.open(settings)` and close it when done (or use `with`)."""

    def __init__(
        self,
        settings: Settings,
        runtime: Runtime,
        store: ConversationStore,
        model: llm.Model | None = None,
        *,
        owns_store: bool = True,
    ) -> None:
        self.settings = settings
        self.runtime = runtime
        self.store = store
        self.model = model
        self._owns_store = owns_store
        self._llm_status: tuple[float, dict[str, str]] | None = None

    @classmethod
    def open(
        cls, settings: Settings | None = None, store: ConversationStore | None = None
    ) -> Assistant:
        """The current index of `settings.data_dir` (IndexMissing when there is none), with
        `store` (borrowed, left open by `close`) or the store the settings name."""
        settings = settings or get_settings()
        name = index.current_name(settings)
        if name is None:
            raise IndexMissing("There is no index yet: run `assistant ingest` first.")
        runtime = _open(settings, settings.data_dir / "index" / name)
        try:
            owns_store = store is None
            store = store or open_store(settings)
            model = llm.load(settings)  # None unless ASSISTANT_LLM is set (and usable)
        except BaseException:
            runtime.close()
            raise
        return cls(settings, runtime, store, model, owns_store=owns_store)

    @property
    def index_name(self) -> str:
        return self.runtime.name

    def warm_up(self) -> None:
        """Open what the first answers would otherwise wait for (the embeddings, lingua)."""
        self.runtime.retriever().search("partner", k=1)
        self.runtime.list_columns()
        from assistant.language import detect_language

        detect_language("partnerzy Krakowa")

    def answer(self, message: str, conversation_id: str | None = None) -> Answer:
        return answer_turn(self, message, conversation_id)

    def turn_data(self, state: dict | None) -> Data | None:
        return turn_data(self.runtime, state)

    def health(self) -> dict:
        return {**self.llm_status(), **health(self.runtime)}

    def llm_status(self) -> dict[str, str]:
        """{"llm": "off" | "ok" | "unavailable: <reason>"}, probed at most every 30 s."""
        cached = self._llm_status
        if cached and time.monotonic() - cached[0] < llm.PROBE_SECONDS:
            return cached[1]
        status = llm.status(self.settings)
        self._llm_status = (time.monotonic(), status)
        return status

    def source_lines(self, source: str) -> list[str]:
        return source_lines(source, self.settings, self.runtime.index_dir)

    def close(self) -> None:
        self.runtime.close()
        if self._owns_store:
            self.store.close()
        index.release_loaded()  # what opening froze is the collector's again

    def __enter__(self) -> Assistant:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _open(settings: Settings, index_dir: Path) -> Runtime:
    con = duckdb.connect(str(index_dir / "index.duckdb"), read_only=True)
    stored = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if not stored or stored[0] != index.SCHEMA_VERSION:
        con.close()
        raise IndexMissing(
            "The index was built by an older version: run `assistant ingest --force`."
        )
    written = query.unit_labels(con)
    labels = {label: (kind, n) for label, kind, n in written.values()}
    units = Units(labels=labels, by_written={w: v[0] for w, v in written.items()})
    version = con.execute("SELECT value FROM meta WHERE key = 'corpus_version'").fetchone()[0]
    facts = [Fact(*row) for row in con.execute(
        "SELECT source, line, owner, partner, country, date_text, year, form, status, quote "
        "FROM page_facts ORDER BY source, line"
    ).fetchall()]  # fmt: skip
    owners = {fold(f.owner) for f in facts}
    units.page_owners = frozenset(label for label in labels if fold(label) in owners)
    units.page_named = _named_on_pages(con, labels)
    units.last_year = (
        con.execute(
            "SELECT max(greatest(coalesce(agreement_year, 0), coalesce(other_year, 0))) FROM partnerships"
        ).fetchone()[0]
        or None
    )
    units.page_terms = page_vocabulary.read(con)  # words only the pages explain (ingestion)
    country_en = {fold(pl): fold(en) for pl, en in country_names().items()}
    for label in units.page_owners:
        rows = con.execute(
            "SELECT DISTINCT country FROM partnerships WHERE unit_label = ?", [label]
        )
        units.survey_countries[label] = frozenset(
            name for (c,) in rows.fetchall() for name in _country_names(c, country_en)
        )
        units.survey_partners[label] = frozenset().union(*(
            compare.place_names(n) for (n,) in con.execute(
                "SELECT DISTINCT unnest(partner_names) FROM partnerships WHERE unit_label = ?", [label]
            ).fetchall()
        ))  # fmt: skip
        units.page_partners[label] = [
            (compare.place_names(f.partner), _country_names(f.country, country_en))
            for f in facts
            if fold(f.owner) == fold(label)
        ]
        units.survey_years[label] = frozenset(
            y for (y,) in con.execute(
                "SELECT DISTINCT y FROM (SELECT agreement_year AS y FROM partnerships WHERE "
                "unit_label = ? UNION SELECT other_year FROM partnerships WHERE unit_label = ?) "
                "WHERE y IS NOT NULL", [label, label]
            ).fetchall()
        )  # fmt: skip
        units.page_years[label] = frozenset(
            int(e.date.iso[:4]) for f in facts if fold(f.owner) == fold(label)
            for e in documents.events(f) if e.date.iso[:4].isdigit()
        )  # fmt: skip
    units.topics = TopicIndex.from_duckdb(con)  # the other-form cells' words (ingestion)
    if settings.shape_classifier:
        from assistant.retrieval.embeddings import make_embeddings
        from assistant.shapes import ShapeClassifier

        units.classifier = ShapeClassifier(lambda: make_embeddings(settings.embeddings))
    units.placed = bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'places'"
    ).fetchone()[0]) and bool(con.execute(
        "SELECT count(*) FROM places WHERE side = 'unit' AND voivodeship_code IS NOT NULL"
    ).fetchone()[0])  # fmt: skip
    units.locate = _locator(con) if units.placed else None
    from assistant.sources import read_sources

    units.sources = read_sources(con)
    opened = Runtime(
        index_dir=index_dir,
        con=con,
        gazetteer=Gazetteer.from_duckdb(con),
        units=units,
        version=version,
        facts=facts,
        settings=settings,
    )
    index.settle_loaded()  # what was loaded stays: out of the collector's full passes
    return opened


def _named_on_pages(con: duckdb.DuckDBPyConnection, labels) -> frozenset[str]:
    """Units whose name a page's text holds: only for them can a page word ('Eurocities',
    'training') be about the unit; 'Ustka by train' stays with the survey."""
    text = fold(
        " ".join(t for (t,) in con.execute("SELECT coalesce(text, '') FROM passages").fetchall())
    )
    return frozenset(
        label for label in labels if re.search(rf"\b{re.escape(fold(label.split(' (')[0]))}", text)
    )


def _locator(con: duckdb.DuckDBPyConnection):
    """Places by name from the index (GeoNames facts matched at ingestion), one cursor a call."""
    from assistant.places import place_of

    def locate(name: str, kind: str = "any"):
        cursor = con.cursor()
        try:
            return place_of(cursor, name, kind)
        finally:
            cursor.close()

    return locate


def _country_names(country: str | None, country_en: dict[str, str]) -> frozenset[str]:
    """A page's country as written ('Rosja' or 'Russia'), with its Polish and English names, folded."""
    if not country:
        return frozenset()
    folded = fold(country)
    names = {folded, country_en.get(folded, folded)}
    names.update(pl for pl, en in country_en.items() if en == folded)
    return frozenset(names)


def _open_retriever(rt: Runtime):
    from assistant.retrieval.embeddings import make_embeddings
    from assistant.retrieval.passages import Passage
    from assistant.retrieval.search import Retriever
    from assistant.retrieval.store import open_collection

    cursor = rt.con.cursor()
    try:
        rows = cursor.execute(
            "SELECT source, start_line, end_line, coalesce(text, ''), coalesce(section, ''), "
            "boilerplate, coalesce(context, '') FROM passages"
        ).fetchall()
        stored = cursor.execute("SELECT value FROM meta WHERE key = 'collection'").fetchone()
    finally:
        cursor.close()
    passages = [Passage(*row) for row in rows]
    if not stored:
        return Retriever([], None)  # a corpus of tables only: no pages to search
    embeddings = make_embeddings(rt.settings.embeddings, cache_dir=rt.settings.data_dir / "cache")
    store = open_collection(
        embeddings,
        name=stored[0],
        chroma_url=rt.settings.chroma_url,
        persist_dir=None if rt.settings.chroma_url else rt.index_dir / "chroma",
    )
    return Retriever(passages, store)


def validate(message: Any, settings: Settings) -> str:
    if not isinstance(message, str) or not message.strip():
        raise InputError("The message is empty: ask a question about partnerships of Polish towns.")
    if len(message) > settings.max_message_chars:
        raise InputError(f"The message is longer than {settings.max_message_chars} characters.")
    return message.strip()


def answer_turn(assistant: Assistant, message: str, conversation_id: str | None = None) -> Answer:
    """One turn: understand, answer from the index, say what could not be applied, let the
    optional model read or reword, and store the turn's plan."""
    text = validate(message, assistant.settings)
    rt, store = assistant.runtime, assistant.store
    if conversation_id:
        store.require(conversation_id)
        last = store.last(conversation_id)
        previous = TurnState.load(last.state) if last else None
    else:
        conversation_id = store.new()
        previous = None
    understood = understand(text, previous, rt.units, rt.gazetteer)
    several = _several(text, understood, rt, previous)
    if several is not None:
        result, state = several
    else:
        result, state = respond(understood, rt, previous, text)
        result = _with_coverage(understood, result, text)
        if assistant.model is not None:
            history = store.turns(conversation_id, limit=3)
            result, state = _with_model(
                assistant.model, understood, result, state, rt, previous, text, history
            )
    result.conversation_id = conversation_id
    stored_state = TurnState.model_validate(state).compact()
    store.append(conversation_id, text, result.language, stored_state, _stored(result))
    return result


def _several(
    text: str, whole: Understanding, rt: Runtime, previous: TurnState | None
) -> tuple[Answer, dict] | None:
    """A message of several questions: each answered in turn, a later one read as a follow-up
    of the one before ('…we Francji, a które w Niemczech?'); a part about another subject is
    said not to be answered. None when the message is one question, or when its first part is
    no question alone ('Kto i kiedy…'): then the message is answered as `whole` read it."""
    parts = clauses.split(text)
    if len(parts) < 2:
        return None
    if whole.route in ("documents", "both"):
        return None  # the pages' answer is composed for the whole message
    answers: list[Answer] = []
    states: list[dict] = []
    unanswered: list[str] = []
    replaced = 0
    context = previous
    for part in parts:
        u = understand(part, context, rt.units, rt.gazetteer)
        if u.reason == "hostile" or (
            not answers and u.route == "out_of_scope" and u.reason != "other_topic"
        ):
            return None
        if u.route == "out_of_scope" and u.reason in ("other_topic", "nothing"):
            unanswered.append(part.strip(" ,.;:!?"))
            continue
        result, state = respond(u, rt, context, part)
        if states and _counted_by(states[-1], state):
            replaced += 1  # "…, i ile ma tam partnerów?" after a breakdown: its counts say it
            continue
        if states and _same_rows(state, states[-1]):
            # '… and when were they signed?': the same rows again (in another order) replace
            # the answer before instead of repeating it
            answers.pop(), states.pop()
            replaced += 1
        answers.append(_with_coverage(u, result, part))
        states.append(state)
        context = TurnState.model_validate(state)
    if not answers or len(answers) + len(unanswered) + replaced < 2:
        return None
    result = several.merged(answers)
    if unanswered:
        lang = result.language
        quoted = ", ".join(_quoted(lang, x) for x in unanswered)
        result.answer = p(lang, "not_applied_content").format(phrases=quoted) + "\n" + result.answer
        result.not_applied = [*unanswered, *result.not_applied]
    # the next turn goes on from the last part; the rows of every part are recomputed for export
    last = {**states[-1], "parts": [st["intent"] for st in states if st.get("intent")]}
    return result, last


def _counted_by(before: dict, state: dict) -> bool:
    """A count of the rows a breakdown before it already counts, group by group."""
    first, then = before.get("intent") or {}, state.get("intent") or {}
    if not str(first.get("shape", "")).startswith("group_") or then.get("shape") != "count":
        return False
    if then.get("measure", "partnerships") != "partnerships":
        return False
    ignored = {"shape", "order", "show_all", "not_applied", "limit", "measure", "group_by"}
    return {k: v for k, v in first.items() if k not in ignored} == {
        k: v for k, v in then.items() if k not in ignored
    }


def _same_rows(state: dict, before: dict) -> bool:
    """Two parts' plans that differ at most in the order of the same rows."""
    if state["route"] != before["route"] or not state.get("intent") or not before.get("intent"):
        return state["route"] == before["route"] and state.get("intent") == before.get("intent")
    ignored = {"order", "show_all", "not_applied"}
    return {k: v for k, v in state["intent"].items() if k not in ignored} == {
        k: v for k, v in before["intent"].items() if k not in ignored
    }


def _with_coverage(u: Understanding, result: Answer, text: str = "") -> Answer:
    """What could not be applied is said first and listed in `not_applied`; a question in
    another language is answered in English, saying so."""
    lead: list[str] = []
    intent = u.intent
    after: list[str] = []
    if intent and intent.not_applied and result.route in ("table", "clarify", "out_of_scope"):
        result.not_applied = list(intent.not_applied)
        if u.reason != "unknown_place":
            # words only of sentences that ask nothing ("My grandmother was born in …") do not
            # change what is answered: said after the answer, not before it
            aside = fold(" ".join(clauses.asides(text)))
            if aside and all(
                re.search(rf"\b{re.escape(fold(x))}\b", aside) for x in intent.not_applied
            ):
                quoted = ", ".join(_quoted(result.language, x) for x in intent.not_applied)
                after.append(p(result.language, "not_applied_aside").format(phrases=quoted))
            else:
                lead += _not_applied_sentences(result.language, intent)
    if intent and intent.within_powiat and result.route == "table":
        # the survey records a gmina's powiat only where the name needs it: said first
        powiat = _quoted(result.language, intent.within_powiat)
        lead.insert(0, p(result.language, "within_powiat").format(powiat=powiat))
    if u.foreign_language:
        lead.insert(0, p(result.language, "other_language"))
    if lead:
        result.answer = "\n".join([*lead, result.answer])
    if after:
        result.answer = "\n\n".join([result.answer, *after])
    return result


def _quoted(lang: str, phrase: str) -> str:
    return f"“{phrase}”" if lang == "en" else f"„{phrase}”"


def _not_applied_sentences(lang: str, intent: Intent) -> list[str]:
    quoted = {x: _quoted(lang, x) for x in intent.not_applied}
    unknown = [quoted[x] for x in intent.not_applied if x in intent.unknown_names]
    region = [quoted[x] for x in intent.not_applied if x == intent.region]
    topic = [quoted[x] for x in intent.not_applied if x in intent.unmatched_topics]
    later = [quoted[x] for x in intent.not_applied if intent.after_data and x.isdigit()]
    rest = [
        quoted[x]
        for x in intent.not_applied
        if x not in intent.unknown_names
        and x != intent.region
        and x not in intent.unmatched_topics
        and not (intent.after_data and x.isdigit())
    ]
    sentences = []
    for key, items in (("not_applied_region", region), ("not_applied_unknown", unknown),
                       ("not_applied_topic", topic), ("not_applied_after_data", later),
                       ("not_applied_content", rest)):  # fmt: skip
        if items:
            sentences.append(p(lang, key).format(phrases=", ".join(items), last=intent.after_data))
    return sentences


_STORED_TEXT = 8000  # characters of an answer's text kept (a "show all" list can be 50 KB)


def _stored(result: Answer) -> dict:
    """The answer as kept in the conversation store: its text (for feedback and the model's
    history), route, SQL and the shape of its data, never its rows or quotes; the rows are
    recomputed from the turn's plan (`turn_data`), so a turn stays well under 2 KB."""
    text = result.answer
    if len(text) > _STORED_TEXT:
        text = text[:_STORED_TEXT] + " …"
    stored = {"language": result.language, "route": result.route, "answer": text,
              "sql": result.sql, "not_applied": result.not_applied}  # fmt: skip
    if result.data is not None:
        stored["data"] = {"columns": result.data.columns, "rows": [], "total": result.data.total}
    return stored


def _recall_items(previous: TurnState, rt: Runtime) -> None:
    """The items of the previous list ("the second one"), recomputed from its plan: the store
    keeps plans, not rows. Only the first 50 are items (`_items`), so only those are read."""
    if previous.items or previous.route != "table" or previous.intent is None:
        return
    cursor = rt.con.cursor()
    try:
        found = survey.first_found(previous.intent, cursor, previous.language, 50)
    finally:
        cursor.close()
    previous.items = [Item.model_validate(i) for i in _items(previous.intent, found)]


def turn_data(rt: Runtime, state: dict | None) -> Data | None:
    """A stored turn's data, all of it, recomputed from its plan (None for a page answer or a
    turn whose plan the index can no longer answer)."""
    turn = TurnState.load(state)
    if turn is None or turn.intent is None or turn.route != "table":
        return None
    cursor = rt.con.cursor()
    try:
        datas = [
            survey.answer(i, cursor, turn.language, rt.list_columns())[0].data
            for i in turn.parts or [turn.intent]
        ]
    finally:
        cursor.close()
    return several.merged_data(datas)


def _with_model(model, understood, result, state, rt, previous, text, turns):
    """A language model may read what the offline parser could not, and reword the answer.

    Our code validates what it reads and builds the SQL; a rewording that the checker
    rejects is replaced by the offline text.
    """
    if result.route in ("out_of_scope", "table") and llm.needs_model(understood):
        history = llm.history_of(turns)
        intent = llm.understand_with_model(model, text, history, understood, rt.known())
        if intent is not None:
            understood.route, understood.intent, understood.reason = "table", intent, ""
            result, state = respond(understood, rt, previous, text)
            result = _with_coverage(understood, result, text)
    return llm.phrase(model, result), state


def respond(
    u: Understanding, rt: Runtime, previous: TurnState | None, text: str
) -> tuple[Answer, dict]:
    lang = u.language
    state: dict[str, Any] = {"language": lang, "route": u.route, "intent": None}
    if u.route == "clarify":
        return _clarify(u, rt, state)
    if (
        u.route == "out_of_scope"
        and u.reason == "nothing"
        and u.signals
        and u.signals.has("partnership")
    ):
        # About twinning but not a table question ("Jak wygląda współpraca partnerska?"): the pages may answer.
        hits = [h for h in rt.retriever().search(text, k=5) if h.matched == "both"]
        if hits:
            state["route"] = "documents"
            return documents.respond(u, rt, text, state)
    if u.route == "out_of_scope" and u.reason == "unknown_place":
        names = ", ".join(f"“{n}”" if lang == "en" else f"„{n}”" for n in u.intent.unknown_names)
        state["intent"] = u.intent.model_dump()
        return Answer(
            language=lang,
            route="out_of_scope",
            answer=p(lang, "unknown_place").format(phrases=names),
        ), state
    if u.route == "out_of_scope":
        key = "hostile" if u.reason == "hostile" else "out_of_scope"
        return Answer(language=lang, route="out_of_scope", answer=p(lang, key)), state
    if u.route == "documents":
        return _documents(u, rt, text, state)
    if u.route == "both":
        return _both(u, rt, state)
    intent = u.intent
    if u.pick and previous is not None:
        _recall_items(previous, rt)  # only a pick needs the previous list's items again
        intent = _picked_intent(u.pick, intent, previous, whole=u.whole) or intent
    cursor = rt.con.cursor()
    try:
        draft, found = survey.answer(intent, cursor, lang, rt.list_columns())
        if (
            intent.topics
            and not found
            and intent.shape == "list"
            and (intent.units or intent.partners)
        ):
            intent, draft, found = _without_topics(
                intent, draft, found, cursor, lang, rt.list_columns()
            )
    finally:
        cursor.close()
    if intent.unmatched_topics and u.intent is not None:
        u.intent.not_applied = [*u.intent.not_applied, *intent.unmatched_topics]
        u.intent.unmatched_topics = intent.unmatched_topics
    _name_sources(draft, rt.units.sources)
    if u.pick and previous and previous.items:
        # "a ten drugi?" after "the first one" still means the second of the original list.
        state["intent"] = previous.intent.model_dump() if previous.intent else None
        state["items"] = [item.model_dump() for item in previous.items]
    else:
        state["intent"] = intent.model_dump()
        state["items"] = _items(intent, found)
    return _finish(draft, "table"), state


def _without_topics(intent: Intent, draft: Draft, found: list, cursor, lang: str, columns):
    """'Konin's partnerships in the field of environmental protection', 'partnerzy Zabrza, które
    są stolicami': when no row of the other filters mentions the topic words, the list without
    them, the words reported as not applied (never an empty list that reads like a No)."""
    broader = intent.model_copy(
        update={"topics": [], "topic_words": [], "unmatched_topics": intent.topic_words}
    )
    wider_draft, wider_found = survey.answer(broader, cursor, lang, columns)
    if not wider_found:
        return intent, draft, found
    return broader, wider_draft, wider_found


def _facts_about(rt: Runtime, intent: Intent | None) -> list[Fact]:
    return documents.facts_about(rt.facts, intent)


def _documents(u: Understanding, rt: Runtime, text: str, state: dict) -> tuple[Answer, dict]:
    return documents.respond(u, rt, text, state)


def _both(u: Understanding, rt: Runtime, state: dict) -> tuple[Answer, dict]:
    return compare.respond(u, rt, state)


def _name_sources(draft: Draft, known: dict) -> None:
    """Rows from a table other than the described 2009 survey (a newer table dropped into the
    corpus) are named truthfully from the files' descriptions, not as 'the ZMP 2009 survey'."""
    from assistant.sources import describe_sources, source_year

    tables = sorted({c.source for c in draft.citations if "/tables/" in c.source})
    other = [s for s in tables if not (known.get(s) and known[s].described and
                                       source_year(known, s) == 2009)]  # fmt: skip
    if not other:
        return
    named = describe_sources(known, tables, draft.lang)
    years = ", ".join(
        sorted({str(source_year(known, s) or "?") for s in tables}, key=lambda y: (y == "?", y))
    )
    forms = p(draft.lang, "survey_forms")
    values = {"sources": named, "Sources": named[:1].upper() + named[1:], "years": years}
    for i, line in enumerate(draft.lines):
        for fixed, said in forms.items():
            line = line.replace(fixed, said.format(**values))
        draft.lines[i] = line


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
    if not found:
        return []
    first = found[0]
    if "line" in first and "partner" in first:
        return [{"kind": "partner", "value": r["partner"], "unit": r["unit"],
                 "country": r["country"]} for r in found[:50]]  # fmt: skip
    if "name" in first:
        kind = "unit" if intent.compare_units else "country"
        return [{"kind": kind, "value": g["name"]} for g in found[:50]]
    for kind in ("unit", "country"):
        if kind in first:
            return [{"kind": kind, "value": g[kind]} for g in found[:50]]
    return []


def _picked_intent(
    pick: int, base: Intent, previous: TurnState | None, *, whole: bool = False
) -> Intent | None:
    items = previous.items if previous else []
    if not 1 <= pick <= len(items):
        return None
    item = items[pick - 1]
    kind, value, rest = item.kind, item.value, [item.unit, item.country]
    if whole and kind in ("unit", "partner"):
        unit = value if kind == "unit" else item.unit  # "… all its partners?": its whole list
        return Intent(units=[unit], unit_query=unit)
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


def health(rt: Runtime) -> dict:
    cursor = rt.con.cursor()
    try:
        rows = cursor.execute("SELECT count(*) FROM partnerships").fetchone()[0]
        passages = cursor.execute("SELECT count(*) FROM passages WHERE NOT boilerplate").fetchone()[
            0
        ]
    finally:
        cursor.close()
    return {"status": "ok", "corpus_version": rt.version, "rows": rows, "passages": passages,
            "page_facts": len(rt.facts), "embeddings": rt.settings.embeddings}  # fmt: skip


NO_INDEX_HEALTH = {"status": "no_index", "corpus_version": None, "rows": 0, "passages": 0}


_TEXT_SUFFIXES = {".txt", ".md", ".tsv", ".csv"}


def source_lines(
    source: str, settings: Settings | None = None, index_dir: Path | None = None
) -> list[str]:
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
    current = index_dir or index.current_dir(settings)
    extracted = current / "extracted" / (source + ".txt") if current else None
    if extracted is None or not extracted.is_file():
        raise KeyError(source)
    return split_lines(extracted.read_text("utf-8"))
