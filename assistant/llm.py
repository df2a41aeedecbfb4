"""An optional language model (ASSISTANT_LLM), kept under the answer rules.

With `settings.llm` unset nothing here runs and the assistant is fully offline.
When set, a LangChain chat model (`init_chat_model("provider:model")`) may do
two things, and both are checked against the data before anything is used:

- understand: when the offline parser is not confident, the model fills the same
  `Intent` the parser produces (JSON reply, assistant/prompts/understand.md). Every name
  must resolve to a real unit, country or partner (`Known`), every year must be
  in the conversation; otherwise the result is None and the offline answer stands.
- phrase: the model may reword a composed answer (assistant/prompts/rephrase.md); the
  rewrite is shown only when `assistant.checker.check()` finds nothing wrong
  (numbers, names, markers, total, language), else the offline text is kept.

The model never adds a fact, a citation or a row: SQL, data and citations come
from the offline path. Every failure (missing package, unreachable server,
timeout, invalid JSON, a rejected rewrite) ends in None plus a logged event on
the "assistant.llm" logger.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from string import Template
from typing import Any, get_args

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from assistant.checker import PROMPTS, check
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.intent import Form, Intent, Shape
from assistant.models import Answer
from assistant.text import fold

log = logging.getLogger("assistant.llm")

# The provider packages behind each spec prefix, and the project extra that installs them.
_PACKAGES = {"openai": ("langchain-openai", "openai"), "ollama": ("langchain-ollama", "ollama")}
PROBE_SECONDS = 30.0  # how long a health probe's result is reused
_HISTORY_TURNS = 3
_PROMPT_ROWS = 20


class LLMUnavailable(AssistantError):
    """The configured language model cannot be used; the message says why in one sentence."""


@dataclass
class Model:
    """A chat model plus what calling it needs: the spec (for logs) and a hard time limit."""

    chat: BaseChatModel
    spec: str = "model"
    timeout: float = 20.0
    base_url: str | None = None


# ---------------------------------------------------------------- loading and health


def build(settings: Settings) -> Model:
    """The chat model of `settings.llm`; raises LLMUnavailable with a one-sentence reason."""
    spec = (settings.llm or "").strip()
    if not spec:
        raise LLMUnavailable("No language model is configured (ASSISTANT_LLM is unset).")
    provider = spec.split(":", 1)[0] if ":" in spec else ""
    try:
        from langchain.chat_models import init_chat_model

        chat = init_chat_model(spec, **_provider_options(provider, settings))
    except ImportError as exc:
        raise LLMUnavailable(_missing_package(provider, spec, exc)) from exc
    except AttributeError as exc:  # some LangChain versions fail this way on a missing extra
        raise LLMUnavailable(_missing_package(provider, spec, exc)) from exc
    except ValueError as exc:
        raise LLMUnavailable(
            f"ASSISTANT_LLM={spec!r} is not a LangChain chat-model spec such as "
            "'openai:gpt-4o-mini' or 'ollama:llama3.1'."
        ) from exc
    except Exception as exc:  # the provider's own construction error (a missing key, ...)
        if re.search(r"credential|api[_ ]key", str(exc), re.IGNORECASE):
            raise LLMUnavailable(
                f"The language model {spec!r} needs an API key: set ASSISTANT_LLM_API_KEY."
            ) from exc
        raise LLMUnavailable(
            f"The language model {spec!r} cannot be set up: {_first_sentence(exc)}"
        ) from exc
    return Model(chat=chat, spec=spec, timeout=settings.llm_timeout, base_url=settings.llm_base_url)


def _provider_options(provider: str, settings: Settings) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if provider == "ollama":
        if settings.llm_base_url:
            options["base_url"] = settings.llm_base_url
        options["client_kwargs"] = {"timeout": settings.llm_timeout}
        return options
    if settings.llm_base_url:
        options["base_url"] = settings.llm_base_url
    if settings.llm_api_key:
        options["api_key"] = settings.llm_api_key
    elif settings.llm_base_url and provider == "openai":
        options["api_key"] = "unused"  # local OpenAI-compatible servers accept any key
    options["timeout"] = settings.llm_timeout
    options["max_retries"] = 0
    return options


def _missing_package(provider: str, spec: str, exc: BaseException) -> str:
    package, extra = _PACKAGES.get(provider, (f"langchain-{provider}", None))
    how = f"pip install 'zmp-twinning-assistant[{extra}]'" if extra else f"pip install {package}"
    return f"ASSISTANT_LLM={spec!r} needs the {package} package, which is not installed: {how}."


def _first_sentence(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def load(settings: Settings) -> Model | None:
    """The configured model (the `Assistant` keeps it); None when unset or unusable.

    An unusable configuration (a missing provider package, a bad spec) is logged
    as a warning and the assistant stays offline; `status()` reports it.
    """
    if not settings.llm:
        return None
    try:
        model = build(settings)
    except LLMUnavailable as exc:
        log.warning("llm.unavailable spec=%s reason=%s", settings.llm, exc)
        return None
    log.info("llm.loaded spec=%s", settings.llm)
    return model


def status(settings: Settings) -> dict[str, str]:
    """For /api/health: {"llm": "off" | "ok" | "unavailable: <reason>"} (one probe call;
    `Assistant.llm_status` repeats it at most every PROBE_SECONDS)."""
    if not settings.llm:
        return {"llm": "off"}
    try:
        model = build(settings)
        _call(model, [HumanMessage("Reply with the word: ok")], task="probe")
        return {"llm": "ok"}
    except LLMUnavailable as exc:
        return {"llm": f"unavailable: {exc}"}


def _as_model(model: Model | BaseChatModel) -> Model:
    return model if isinstance(model, Model) else Model(chat=model, spec=type(model).__name__)


def _call(model: Model, messages: list[BaseMessage], task: str) -> str:
    """The reply's text; raises LLMUnavailable on any failure or when the time limit passes.

    The call runs in a daemon thread so that the limit holds even for a provider
    that ignores its own timeout setting.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["reply"] = model.chat.invoke(messages)
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    started = time.perf_counter()
    worker = threading.Thread(target=run, name=f"llm-{task}", daemon=True)
    worker.start()
    worker.join(model.timeout + 1.0)
    elapsed = (time.perf_counter() - started) * 1000
    if worker.is_alive() or _is_timeout(outcome.get("error")):
        log.warning("llm.timeout task=%s spec=%s ms=%.0f", task, model.spec, elapsed)
        raise LLMUnavailable(f"The language model did not answer within {model.timeout:g} s.")
    if "error" in outcome:
        exc = outcome["error"]
        log.warning("llm.error task=%s spec=%s ms=%.0f error=%s", task, model.spec, elapsed, exc)
        log.debug("llm.error traceback", exc_info=exc)
        raise LLMUnavailable(_describe(exc, model)) from exc
    reply = outcome["reply"]
    text = reply.text if isinstance(reply, AIMessage) else str(getattr(reply, "content", reply))
    log.info("llm.call task=%s spec=%s ms=%.0f chars=%d", task, model.spec, elapsed, len(text))
    return text


def _is_timeout(exc: BaseException | None) -> bool:
    return exc is not None and (
        isinstance(exc, TimeoutError) or "timeout" in type(exc).__name__.lower()
    )


def _describe(exc: BaseException, model: Model) -> str:
    """One sentence for an error of the provider's client (openai, httpx, ollama)."""
    name = type(exc).__name__
    if "Connection" in name or "ConnectError" in name or isinstance(exc, ConnectionError):
        where = f" at {model.base_url}" if model.base_url else ""
        return f"The language model server{where} cannot be reached."
    if "Authentication" in name or "PermissionDenied" in name:
        return "The language model server refused the API key."
    if "NotFound" in name:
        return "The language model server does not know this model."
    if "RateLimit" in name:
        return "The language model server is rate-limiting requests."
    return f"The language model failed: {_first_sentence(exc)}"


# ---------------------------------------------------------------- prompts


@lru_cache(maxsize=4)
def prompt(task: str) -> list[tuple[str, str]]:
    """assistant/prompts/<task>.md as (role, text) sections; the last user section is a $template."""
    text = PROMPTS.joinpath(f"{task}.md").read_text("utf-8")
    parts = re.split(r"^=== (system|user|assistant) ===\s*$", text, flags=re.MULTILINE)
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]


def messages(task: str, **values: str) -> list[BaseMessage]:
    built: list[BaseMessage] = []
    sections = prompt(task)
    for i, (role, text) in enumerate(sections):
        if i == len(sections) - 1:
            text = Template(text).safe_substitute(values)
        kind = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}[role]
        built.append(kind(text))
    return built


# ---------------------------------------------------------------- understanding


Resolver = Callable[[str], "str | Iterable[str] | None"] | Collection[str]


@dataclass
class Known:
    """What the data knows, to validate what a model names.

    Each field is either a collection of canonical names (matched as written, then
    folded: 'Krakow' -> 'Kraków') or a callable name -> canonical name(s) or None.
    """

    units: Resolver
    countries: Resolver
    partners: Resolver
    _folded: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def resolve(self, kind: str, name: str) -> list[str]:
        """Canonical names for `name` ([] when the data does not know it)."""
        resolver = getattr(self, kind)
        if callable(resolver):
            found = resolver(name)
            if found is None:
                return []
            return [found] if isinstance(found, str) else list(dict.fromkeys(found))
        if name in resolver:
            return [name]
        if kind not in self._folded:
            folded: dict[str, list[str]] = {}
            for canonical in resolver:
                folded.setdefault(fold(canonical), []).append(canonical)
            self._folded[kind] = folded
        return self._folded[kind].get(fold(name.strip()), [])

    @classmethod
    def from_index(cls, con, units, gazetteer=None) -> Known:
        """From the DuckDB index (`Runtime.con`, `Runtime.units`, `Runtime.gazetteer`)."""
        countries = {
            r[0] for r in con.execute("SELECT DISTINCT country FROM partnerships").fetchall()
        }
        partners = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT unnest(partner_names) FROM partnerships"
            ).fetchall()
        }  # fmt: skip
        unit_names = set(units.labels)
        plain = cls(units=unit_names, countries=countries, partners=partners)

        def via_gazetteer(kind: str) -> Callable[[str], list[str]]:
            def resolve(name: str) -> list[str]:
                found = plain.resolve(kind, name)
                if found:
                    return found
                if kind == "units" and name in units.by_written:
                    return [units.by_written[name]]
                if gazetteer is None:
                    return []
                want = {"units": "unit", "countries": "country", "partners": "partner"}[kind]
                whole = [
                    m
                    for m in gazetteer.find(name)
                    if m.kind == want and m.exact and m.span == (0, len(name))
                ]
                if kind == "units":
                    return sorted({units.label(w) for m in whole for w in m.units})
                return sorted({m.key for m in whole})

            return resolve

        return cls(
            units=via_gazetteer("units"),
            countries=via_gazetteer("countries"),
            partners=via_gazetteer("partners"),
        )


_SHAPES = set(get_args(Shape))
_FORMS = set(get_args(Form))
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def parse_json(text: str) -> dict | None:
    """The first JSON object in a reply (models like to add fences or a sentence)."""
    text = re.sub(r"```(?:json)?", " ", text)
    start = text.find("{")
    while start != -1:
        try:
            value, _end = json.JSONDecoder().raw_decode(text, start)
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
            continue
        return value if isinstance(value, dict) else None
    return None


def fill_intent(
    model: Model | BaseChatModel,
    question: str,
    history: Sequence[tuple[str, str]],
    candidates: Sequence[tuple[str, str]],
    known: Known,
) -> Intent | None:
    """The model's reading of `question` as an Intent, validated against the data.

    `history` is the conversation so far as (role, text) pairs; `candidates` the
    names the gazetteer found, as (kind, name) with kind unit | country | partner.
    None when the call fails, the reply is not JSON, the question is not about
    partnerships, a name is unknown to the data, or nothing usable is left.
    """
    model = _as_model(model)
    values = {
        "question": question.strip(),
        "history": "\n".join(f"{role}: {_short(text)}" for role, text in history) or "(none)",
        "candidates": "\n".join(f"- {kind}: {name}" for kind, name in candidates) or "(none)",
    }
    try:
        reply = _call(model, messages("understand", **values), task="understand")
    except LLMUnavailable:
        return None
    raw = parse_json(reply)
    if raw is None:
        log.warning("llm.rejected task=understand reason=no JSON object in the reply")
        return None
    context = question + "\n" + "\n".join(text for _role, text in history)
    intent, problems = validate_intent(raw, context, known)
    if problems:
        log.warning("llm.rejected task=understand problems=%s", "; ".join(problems))
        return None
    return intent


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + " ..."


def validate_intent(raw: dict, context: str, known: Known) -> tuple[Intent | None, list[str]]:
    """An Intent from a model's JSON, or the reasons it cannot be trusted.

    Names must resolve to the data (an unknown or ambiguous name rejects the whole
    reading: dropping it would answer a broader question than the one asked);
    years must be written in the question or the conversation; enumerations
    outside their values fall back to their defaults.
    """
    if raw.get("about_partnerships") is False:
        return None, ["the model says the question is not about partnerships"]
    problems: list[str] = []
    intent = Intent()
    shape = raw.get("shape")
    intent.shape = shape if shape in _SHAPES else "list"
    form = raw.get("form")
    intent.form = form if form in _FORMS else None
    unit_type = raw.get("unit_type")
    intent.unit_type = unit_type if unit_type in ("gmina", "powiat") else None
    names: dict[str, list[str]] = {}
    for kind in ("units", "countries", "partners"):
        found: list[str] = []
        for name in _strings(raw.get(kind)):
            resolved = known.resolve(kind, name)
            if not resolved:
                problems.append(f"{kind[:-1]} {name!r} is not in the data")
            elif kind == "units" and len(resolved) > 1:
                problems.append(f"unit {name!r} is ambiguous: {', '.join(resolved)}")
            else:
                found += [r for r in resolved if r not in found]
        names[kind] = found
    intent.units, intent.countries, intent.partners = (
        names["units"],
        names["countries"],
        names["partners"],
    )
    intent.unit_query = intent.units[0] if intent.units else None
    intent.partner_query = intent.partners[0] if intent.partners else None
    if intent.units and intent.unit_type:
        intent.unit_type = None  # a named unit has its own type
    written = {int(y) for y in _YEAR.findall(context)}
    for key in ("year", "year_from", "year_to"):
        year = _integer(raw.get(key))
        if year is None:
            continue
        if year in written or _decade_bound(key, year, raw, context):
            setattr(intent, key, year)
        else:
            problems.append(f"{key} {year} is not in the question")
    if intent.year is not None and (intent.year_from is not None or intent.year_to is not None):
        intent.year_from = intent.year_to = None
    if (
        intent.year_from is not None
        and intent.year_to is not None
        and intent.year_from > intent.year_to
    ):
        intent.year_from, intent.year_to = intent.year_to, intent.year_from
    limit = _integer(raw.get("limit"))
    intent.limit = limit if limit is not None and 1 <= limit <= 100 else None
    intent.show_all = raw.get("show_all") is True
    near = raw.get("near")
    if isinstance(near, str) and near.strip() and fold(near.strip()) in fold(context):
        intent.near = near.strip()
    if intent.shape == "rank" and not intent.countries and not intent.partners:
        problems.append("a partner search needs a country or a partner")
    if intent.shape == "yes_no" and not (intent.units and (intent.countries or intent.partners)):
        intent.shape = "list"
    if not problems and not intent.has_filters() and intent.shape in ("list", "count", "yes_no"):
        problems.append("the reading has no filter: it would list the whole survey")
    return (None if problems else intent), problems


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _decade_bound(key: str, year: int, raw: dict, context: str) -> bool:
    """'lata 90.', 'the 1990s': a decade range whose years the question does not spell out."""
    start = year if key == "year_from" else _integer(raw.get("year_from"))
    end = year if key == "year_to" else _integer(raw.get("year_to"))
    if start is None or end is None or start % 10 or end != start + 9:
        return False
    return bool(re.search(rf"(?<!\d)(?:{start // 100})?{start % 100:02d}(?!\d)", context))


def understand_with_model(
    model: Model | BaseChatModel | None,
    question: str,
    history: Sequence[tuple[str, str]],
    understanding,
    known: Known,
) -> Intent | None:
    """A second reading of a question the offline parser was not confident about.

    Call it only for route out_of_scope with reason "nothing" / "other_topic", or a
    table route whose intent has no filters; hostile questions never reach the model.
    """
    if model is None or getattr(understanding, "reason", "") == "hostile":
        return None
    return fill_intent(model, question, history, candidates_of(understanding, known), known)


def candidates_of(understanding, known: Known) -> list[tuple[str, str]]:
    """The gazetteer's matches as (kind, name), units by their label."""
    found: list[tuple[str, str]] = []
    for m in getattr(understanding, "matches", None) or []:
        if m.kind == "unit":
            names = [n for w in m.units for n in known.resolve("units", w)] or [m.key]
        else:
            names = [m.key]
        found += [(m.kind, n) for n in names if (m.kind, n) not in found]
    return found


def history_of(turns: Iterable) -> list[tuple[str, str]]:
    """(role, text) pairs from stored turns (`ConversationStore.turns()`), oldest first."""
    pairs: list[tuple[str, str]] = []
    for turn in list(turns)[-_HISTORY_TURNS:]:
        pairs.append(("user", turn.message))
        pairs.append(("assistant", (turn.answer or {}).get("answer", "")))
    return pairs


def needs_model(understanding) -> bool:
    """Whether the offline reading is unsure enough to ask the model: its coverage is
    incomplete (a phrase of the question it could not apply), or it found nothing to do."""
    intent = understanding.intent
    if (
        intent is not None
        and intent.not_applied
        and understanding.route in ("table", "out_of_scope")
    ):
        return True
    if understanding.route == "out_of_scope":
        return understanding.reason in ("nothing", "other_topic")
    if understanding.route == "table" and understanding.intent is not None:
        intent = understanding.intent
        return not intent.has_filters() and intent.shape == "list" and not intent.show_all
    return False


# ---------------------------------------------------------------- phrasing


def rephrase(model: Model | BaseChatModel, answer: Answer) -> str | None:
    """A rewording of `answer.answer` that passes `check()`, or None (keep the original)."""
    model = _as_model(model)
    columns, rows = _prompt_rows(answer)
    values = {
        "language": answer.language,
        "answer": answer.answer,
        "citations": "\n".join(f"[{c.id}] {c.quote}" for c in answer.citations) or "(none)",
        "columns": ", ".join(columns) or "(none)",
        "rows": "\n".join("\t".join(str(v) for v in r) for r in rows) or "(none)",
    }
    try:
        reply = _call(model, messages("rephrase", **values), task="rephrase")
    except LLMUnavailable:
        return None
    text = re.sub(r"^```(?:markdown|md)?\s*|\s*```$", "", reply.strip())
    problems = check(text, answer)
    if problems:
        log.warning("llm.rejected task=rephrase problems=%s", "; ".join(problems[:10]))
        return None
    return text


def _prompt_rows(answer: Answer) -> tuple[list[str], list[list[Any]]]:
    if not answer.data:
        return [], []
    keep = [
        i
        for i, c in enumerate(answer.data.columns)
        if c not in ("source", "line", "rows", "other_year")
    ]
    columns = [answer.data.columns[i] for i in keep]
    rows = [[r[i] for i in keep if i < len(r)] for r in answer.data.rows[:_PROMPT_ROWS]]
    return columns, rows


_PHRASED_ROUTES = ("table", "documents", "both")
_MAX_PHRASED_CHARS = 4000  # "show all" of a long list: rewording it costs much and adds nothing


def phrase(model: Model | BaseChatModel | None, answer: Answer) -> Answer:
    """The answer with a checked rewrite of its text, or unchanged.

    Clarify and out-of-scope answers keep their fixed wording (a clarify list is
    what the next message's number refers to), and so do very long answers.
    """
    if model is None or answer.route not in _PHRASED_ROUTES or not answer.citations:
        return answer
    if len(answer.answer) > _MAX_PHRASED_CHARS:
        return answer
    text = rephrase(model, answer)
    return answer.model_copy(update={"answer": text}) if text else answer
