"""Mechanical checks of a rewritten answer against the answer it rewrites.

A language model may rephrase an answer (assistant.llm), but the answer rules
still hold, so a rewrite is accepted only when `check()` finds nothing:

- every number (digits or a number word) is in a cited quote, a data row or
  the original text; line numbers and source paths do not count as evidence;
- every capitalised, name-like word is in a quote, a data row or the original
  (Polish inflection is allowed: "Krakowa" is the name Kraków); a capitalised
  word opening a sentence passes when it is an ordinary word of either language;
- every citation marker [n] exists in `answer.citations`, and every marker of
  the original text is kept;
- the total of a list answer, when the original states it, is kept;
- the language is the answer's language.

The checks are deliberately strict: a rewrite that fails falls back to the
offline text, which is always correct and cited.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from assistant import vocabulary
from assistant.language import detect_language
from assistant.models import Answer
from assistant.text import fold, lemmas, words

PROMPTS = resources.files("assistant.prompts")  # package data: works from a wheel too
MARKER = re.compile(r"\[(\d+)\]")
# Thousands written with a comma or a thin/no-break space ("1,024") read as one number.
_NUMBER = re.compile(r"\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?!\d)|\d+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*(?:[-*+]\s+|\d+[.)]\s+)?)[*_\"„“(]*$")
_NOT_EVIDENCE = {"source", "line", "rows", "lines"}  # provenance columns: not facts to quote


@lru_cache(maxsize=1)
def _checker_words() -> dict[str, Any]:
    return tomllib.loads(PROMPTS.joinpath("checker.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    found: dict[str, int] = {}
    for table in _checker_words()["numbers"].values():
        found.update({fold(w): int(v) for w, v in table.items()})
    return found


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Ordinary words of both languages: a capitalised one may open a sentence."""
    common: set[str] = set()
    for lang in ("pl", "en"):
        for phrase in vocabulary.load(lang).get("vocabulary", {}).get("words", []):
            common.update(fold(w) for w in words(phrase))
        for value in vocabulary.load(f"answers_{lang}").get("answer", {}).values():
            common.update(fold(w) for w in words(str(value)) if not w[:1].isupper())
        common.update(fold(w) for w in _checker_words()["common"].get(lang, []))
    return frozenset(common)


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@dataclass
class Evidence:
    """What a rewrite may draw on: the original text, the cited quotes, the data rows."""

    numbers: set[int]
    words: set[str]  # folded
    prefixes: set[str]  # folded prefixes (5+ letters) of capitalised evidence words
    name_words: set[str]  # folded words of quotes and data only (the masking for language)
    markers: set[int]
    cited: set[int]
    total: int | None

    @classmethod
    def of(cls, answer: Answer) -> Evidence:
        texts = [c.quote for c in answer.citations]
        if answer.data:
            keep = [i for i, c in enumerate(answer.data.columns) if c not in _NOT_EVIDENCE]
            for row in answer.data.rows:
                texts += [str(row[i]) for i in keep if i < len(row) and _is_scalar(row[i])]
        original = MARKER.sub(" ", answer.answer)
        numbers = {_number(n) for t in [*texts, original] for n in _NUMBER.findall(t)}
        name_words = {fold(w) for t in texts for w in words(t)}
        original_words = {fold(w) for w in words(original)}
        capitalised = {fold(w) for t in [*texts, original] for w in words(t) if w[:1].isupper()}
        prefixes = {w[:n] for w in capitalised for n in range(5, len(w) + 1)}
        total = answer.data.total if answer.data else None
        if total is not None and total not in {_number(n) for n in _NUMBER.findall(original)}:
            total = None  # the original does not state it (an aggregate, a clarify list)
        return cls(
            numbers=numbers,
            words=name_words | original_words,
            prefixes=prefixes,
            name_words={w for w in name_words if w},
            markers={int(m) for m in MARKER.findall(answer.answer)},
            cited={c.id for c in answer.citations},
            total=total,
        )


def _is_scalar(value: Any) -> bool:
    return value is not None and not isinstance(value, list | tuple | dict)


def check(text: str, answer: Answer) -> list[str]:
    """Problems of `text` as a rewrite of `answer` (an empty list: the rewrite may be shown)."""
    if not text or not text.strip():
        return ["the rewrite is empty"]
    evidence = Evidence.of(answer)
    problems: list[str] = []
    problems += _check_markers(text, evidence)
    problems += _check_numbers(text, evidence, answer.language)
    problems += _check_names(text, evidence)
    problems += _check_language(text, answer, evidence)
    return problems


def _check_markers(text: str, evidence: Evidence) -> list[str]:
    used = {int(m) for m in MARKER.findall(text)}
    problems = [f"marker [{n}] cites nothing" for n in sorted(used - evidence.cited)]
    problems += [
        f"marker [{n}] of the original is dropped" for n in sorted(evidence.markers - used)
    ]
    return problems


def _check_numbers(text: str, evidence: Evidence, language: str) -> list[str]:
    plain = MARKER.sub(" ", text)
    found = [_number(n) for n in _NUMBER.findall(plain)]
    spelled = _number_words()
    found += [spelled[fold(w)] for w in words(plain) if fold(w) in spelled]
    problems = [
        f"number {n} is in no cited row or quote" for n in found if n not in evidence.numbers
    ]
    if evidence.total is not None and evidence.total not in found:
        problems.append(f"the total {evidence.total} of the original is dropped")
    return list(dict.fromkeys(problems))


def _known_word(word: str, evidence: Evidence) -> bool:
    folded = fold(word)
    if folded in evidence.words or (len(folded) >= 5 and folded in evidence.prefixes):
        return True
    # Polish inflection: "Krakowa", "Słowacji" name Kraków, Słowacja.
    return any(fold(lemma) in evidence.words for lemma in lemmas(word))


def _check_names(text: str, evidence: Evidence) -> list[str]:
    problems: list[str] = []
    plain = MARKER.sub(" ", text)
    common = _common_words()
    for match in re.finditer(r"[^\W\d_]+(?:[-'][^\W_]+)*", plain):
        word = match.group()
        if not any(c.isupper() for c in word) or _known_word(word, evidence):
            continue
        opens_sentence = bool(_SENTENCE_START.search(plain[: match.start()]))
        if opens_sentence and (fold(word) in common or _ordinary_polish(word)):
            continue
        problems.append(f"name {word!r} is in no cited row or quote")
    return list(dict.fromkeys(problems))


def _ordinary_polish(word: str) -> bool:
    """A capitalised ordinary Polish word ('Oto', 'Partnerami'): Morfeusz knows it, never as a name.

    'Warszawa' is also a common noun (the car) for Morfeusz; its proper-name reading rules it out.
    """
    from assistant.text import _morfeusz

    readings = [(lemma, tag) for _s, _e, (_f, lemma, tag, *_r) in _morfeusz().analyse(word)]
    return bool(readings) and not any(
        tag == "ign" or lemma[:1].isupper() for lemma, tag in readings
    )


def _mask_names(text: str, evidence: Evidence) -> str:
    """Names and quoted data say nothing of the answer's language ('Kraków' in English)."""

    def blank(match: re.Match) -> str:
        word = match.group()
        return " " * len(word) if fold(word) in evidence.name_words else word

    return re.sub(r"[^\W\d_]+(?:[-'][^\W_]+)*", blank, MARKER.sub(" ", text))


def _check_language(text: str, answer: Answer, evidence: Evidence) -> list[str]:
    found = detect_language(_mask_names(text, evidence))
    if found is None or found == answer.language:
        return []
    original = detect_language(_mask_names(answer.answer, evidence))
    if original != answer.language and original == found:
        return []  # the original itself reads so (a list of Polish cells): no evidence of a switch
    return [f"the rewrite is in {found!r}, the answer must be in {answer.language!r}"]
