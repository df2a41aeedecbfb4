"""`assistant eval`: run a gold question set and score it by category and language.

Cases are JSON lines {"id", "category", "lang", "turns": [...], "expect": {...}}; only the
last turn is scored. What `expect` may hold is documented in tests/gold/README.md.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.models import Answer
from assistant.text import fold

DEFAULT_GOLD = Path("tests/gold")


@dataclass
class Report:
    results: list[tuple[dict, list[str]]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(1 for _, f in self.results if not f) / len(self.results) if self.results else 0.0

    def by(self, key: str) -> dict[str, tuple[int, int]]:
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for case, failures in self.results:
            table[case.get(key, "?")][0] += not failures
            table[case.get(key, "?")][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(table.items())}


def load_cases(path: Path | None) -> list[dict]:
    files = [path] if path else sorted(DEFAULT_GOLD.glob("*.jsonl"))
    if not files:
        raise AssistantError(f"No gold files found in {DEFAULT_GOLD}/.")
    cases = []
    for f in files:
        try:
            lines = f.read_text("utf-8").splitlines()
        except OSError as error:
            raise AssistantError(f"Cannot read {f}: {error.strerror}.") from error
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as error:
                raise AssistantError(f"{f}:{number} is not valid JSON ({error.msg}).") from error
            if isinstance(case, dict) and "turns" in case and "expect" in case:
                cases.append(case)
    return cases


def run_case(case: dict, assistant: Assistant) -> tuple[Answer | None, list[str]]:
    conversation = None
    result = None
    try:
        for turn in case["turns"]:
            result = assistant.answer(turn, conversation)
            conversation = result.conversation_id
    except AssistantError as error:
        return None, [f"error: {error}"]
    failures = check(case["expect"], result, assistant)
    if result.language != case.get("lang", result.language):
        failures.append(f"language {result.language} != {case['lang']}")
    return result, failures


def check(expect: dict[str, Any], result: Answer, assistant: Assistant) -> list[str]:
    if "any_of" in expect:
        options = [check(alt, result, assistant) for alt in expect["any_of"]]
        if any(not o for o in options):
            rest = {k: v for k, v in expect.items() if k != "any_of"}
            return check(rest, result, assistant) if rest else []
        return ["none of the alternatives held: " + " | ".join("; ".join(o) for o in options)]
    failures = []
    if "route" in expect and result.route != expect["route"]:
        failures.append(f"route {result.route} != {expect['route']}")
    refs = _row_refs(result)
    if "rows" in expect:
        want = {(s, int(n)) for s, n in expect["rows"]}
        if refs != want:
            failures.append(f"rows: {len(refs - want)} unexpected, {len(want - refs)} missing")
    if "rows_include" in expect:
        missing = {(s, int(n)) for s, n in expect["rows_include"]} - refs
        if missing:
            failures.append(f"rows missing: {sorted(missing)[:3]}")
    if "total" in expect:
        total = result.data.total if result.data else 0
        if total != expect["total"]:
            failures.append(f"total {total} != {expect['total']}")
    if "groups" in expect:
        got = _groups(result)
        want = {_name(k): v for k, v in expect["groups"].items()}
        if got != want:
            diff = {
                k: (got.get(k), want.get(k))
                for k in set(got) | set(want)
                if got.get(k) != want.get(k)
            }
            failures.append(f"groups differ: {dict(list(diff.items())[:4])}")
    if "top" in expect:
        names = [_name(r[0]) for r in (result.data.rows if result.data else [])]
        want = [_name(n) for n in expect["top"]]
        if names[: len(want)] != want:
            failures.append(f"top {names[: len(want)]} != {want}")
    if "options" in expect:
        options = {fold(str(r[0])) for r in (result.data.rows if result.data else [])}
        missing = [o for o in expect["options"] if fold(o) not in options]
        if result.route != "clarify" or missing:
            failures.append(f"clarify options missing {missing}")
    if "cites" in expect:
        for source, line in expect["cites"]:
            if not any(
                c.source == source and c.lines[0] <= line <= c.lines[1] for c in result.citations
            ):
                failures.append(f"no citation of {source}:{line}")
    for text in expect.get("answer_contains", []):
        if fold(text) not in fold(result.answer):
            failures.append(f"answer lacks {text!r}")
    for text in expect.get("answer_excludes", []):
        if fold(text) in fold(result.answer):
            failures.append(f"answer has {text!r}")
    if "rows_within" in expect:
        allowed = {(s, int(n)) for s, n in expect["rows_within"]}
        if not refs or not refs <= allowed:
            failures.append(f"rows_within: {len(refs - allowed)} outside, {len(refs)} in all")
        if expect.get("narrower") and len(refs) >= len(allowed):
            failures.append("rows_within: not narrower than the unfiltered rows")
    if "not_applied" in expect:
        phrases = [fold(x) for x in result.not_applied]
        if expect["not_applied"] == [] and phrases:
            failures.append(f"not_applied should be empty: {result.not_applied}")
        for text in expect["not_applied"]:
            if not any(fold(text) in phrase for phrase in phrases):
                failures.append(f"not_applied lacks {text!r}: {result.not_applied}")
    lead = result.answer.split("\n", 1)[0]
    for text in expect.get("lead_contains", []):
        if fold(text) not in fold(lead):
            failures.append(f"lead lacks {text!r}")
    starts = expect.get("answer_starts_with")
    if starts and not any(fold(result.answer).startswith(fold(s)) for s in starts):
        failures.append(f"answer does not start with {starts}")
    if expect.get("no_data") and result.data is not None:
        failures.append("data should be null")
    failures += verify_citations(result, assistant)
    return failures


def verify_citations(result: Answer, assistant: Assistant) -> list[str]:
    """Every quote must be verbatim text of the cited lines; every marker must exist."""
    failures = []
    for c in result.citations:
        try:
            lines = assistant.source_lines(c.source)
        except KeyError:
            failures.append(f"citation {c.id}: unknown source {c.source}")
            continue
        cited = "\n".join(lines[c.lines[0] - 1 : c.lines[1]])
        if not c.quote or c.quote not in cited:
            failures.append(
                f"citation {c.id}: quote is not in {c.source}:{c.lines[0]}-{c.lines[1]}"
            )
    ids = {c.id for c in result.citations}
    for marker in {int(m) for m in re.findall(r"\[(\d+)\]", result.answer)}:
        if marker not in ids:
            failures.append(f"marker [{marker}] has no citation")
    return failures


def _row_refs(result: Answer) -> set[tuple[str, int]]:
    if not result.data or "source" not in result.data.columns or "line" not in result.data.columns:
        return set()
    s, n = result.data.columns.index("source"), result.data.columns.index("line")
    return {(row[s], int(row[n])) for row in result.data.rows}


def _name(value: Any) -> str:
    """Names compare folded, and a doubled closing bracket of the source ('strzelecki))') is one."""
    return re.sub(r"\)+$", ")", fold(str(value)).strip())


def _groups(result: Answer) -> dict[str, int]:
    if not result.data or len(result.data.columns) < 2:
        return {}
    return {_name(r[0]): r[1] for r in result.data.rows}


def run_eval(
    assistant: Assistant, path: Path | None, console: Console, show_failures: int = 20
) -> Report:
    report = Report()
    for case in load_cases(path):
        _result, failures = run_case(case, assistant)
        report.results.append((case, failures))
    for key in ("category", "lang"):
        table = Table(title=f"Accuracy by {key}")
        table.add_column(key)
        table.add_column("passed", justify="right")
        table.add_column("cases", justify="right")
        table.add_column("accuracy", justify="right")
        for name, (ok, n) in report.by(key).items():
            table.add_row(name, str(ok), str(n), f"{ok / n:.3f}")
        console.print(table)
    failed = [(c, f) for c, f in report.results if f]
    for case, failures in failed[:show_failures]:
        console.print(
            f"[red]FAIL[/red] {case['id']} ({case['lang']}) {case['turns'][-1]!r}: {'; '.join(failures)}",
            highlight=False,
        )
    console.print(
        f"Overall accuracy: {report.accuracy:.3f} ({len(report.results) - len(failed)}/{len(report.results)})"
    )
    return report


# --------------------------------------------------------------------------- perturbations

_GREETING = {"pl": "Dzień dobry, ", "en": "Hello, "}
_FILLER = {"pl": "Mam pytanie: ", "en": "I was wondering: "}


def perturbations(text: str, lang: str) -> dict[str, str]:
    """The same question under surface changes visitors make: lower case without diacritics,
    one typo in a non-name word, a greeting, no question mark, a filler clause."""
    from assistant.gazetteer import stop_words

    variants = {
        "lower_no_diacritics": fold(text),
        "greeting": _GREETING.get(lang, "Hello, ") + text[:1].lower() + text[1:],
        "no_question_mark": text.rstrip(" ?？"),
        "filler": _FILLER.get(lang, "I was wondering: ") + text,
    }
    # One typo (a letter dropped) in the longest common word: a function or domain word.
    known = stop_words()
    candidates = [w for w in re.findall(r"[^\W\d_]{6,}", text) if fold(w) in known]
    if candidates:
        word = max(candidates, key=len)
        middle = len(word) // 2
        variants["typo"] = text.replace(word, word[:middle] + word[middle + 1 :], 1)
    return {k: v for k, v in variants.items() if v != text}


def _signature(result: Answer) -> tuple:
    data = result.data
    refs = tuple(sorted(_row_refs(result)))
    groups = tuple(sorted(_groups(result).items())) if data and not refs else ()
    return (result.route, refs, groups, data.total if data else None)


def run_perturb(assistant: Assistant, path: Path | None, console: Console, show: int = 20) -> float:
    """The share of perturbed questions whose answer (route, rows, groups) stays the same."""
    kept: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    changed: list[str] = []
    for case in load_cases(path):
        original, failures = run_case(case, assistant)
        if original is None or failures:
            continue  # only questions answered right are perturbed
        for kind, text in perturbations(case["turns"][-1], case.get("lang", "en")).items():
            perturbed = {**case, "turns": [*case["turns"][:-1], text]}
            result, _ = run_case({**perturbed, "expect": {}}, assistant)
            same = result is not None and _signature(result) == _signature(original)
            kept[kind][0] += same
            kept[kind][1] += 1
            if not same:
                changed.append(f"{case['id']} {kind}: {text!r}")
    table = Table(title="Perturbations: answers that stay the same")
    for column in ("perturbation", "same", "asked", "share"):
        table.add_column(column, justify="left" if column == "perturbation" else "right")
    for kind, (same, n) in sorted(kept.items()):
        table.add_row(kind, str(same), str(n), f"{same / n:.3f}")
    console.print(table)
    for line in changed[:show]:
        console.print(f"[yellow]CHANGED[/yellow] {line}", highlight=False)
    same = sum(v[0] for v in kept.values())
    total = sum(v[1] for v in kept.values())
    share = same / total if total else 0.0
    console.print(f"Stable under perturbation: {share:.3f} ({same}/{total})")
    return share
