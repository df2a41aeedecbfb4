"""Periods a question names without a four-digit year: decades and centuries.

'z lat 90', 'w latach dziewięćdziesiątych', 'the early 1990s', 'mid-80s', 'XXI wiek',
'the 20th century'. Each is read as an inclusive range of years, with the span of text that
said it (coverage counts those words as applied). Words live in lang/periods.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import fold
from assistant.vocabulary import load


@dataclass(frozen=True)
class Period:
    year_from: int
    year_to: int | None  # None: the current century, open-ended
    span: tuple[int, int]  # in the question's text


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_DIGITS = re.compile(r"(?<![\w'’])(?:(19|20)|['’])?(\d)0(['’]?s|-?tych|-?te|-ych|-?er|\.)?(?!\w)")
_ROMAN = {"xix": 19, "xx": 20, "xxi": 21}
_ORDINAL = re.compile(r"\b(19|20|21)\s*(?:st|nd|rd|th|\.)?(?=\s)", re.IGNORECASE)


def _matches(word: str, entry: str) -> bool:
    return word.startswith(entry[:-1]) if entry.endswith("~") else word == entry


@lru_cache(maxsize=1)
def _words() -> dict:
    return load("periods")


def _word_before(text: str, position: int) -> re.Match | None:
    found = list(_WORD.finditer(text[:position]))
    return found[-1] if found else None


def _part(text: str, start: int) -> tuple[tuple[int, int], int] | None:
    """'early', 'na początku', 'pod koniec', 'mid-' before a decade: (its years, its start)."""
    for _ in range(2):  # "na początku lat", "in the late": the part is one of two words back
        before = _word_before(text, start)
        if before is None:
            return None
        word = fold(before.group()).split("-")[0]
        for part in _words()["parts"].values():
            if any(_matches(word, w) for w in part["words"]):
                return (part["years"][0], part["years"][1]), before.start()
        start = before.start()
    return None


def _decade(first: int, span: tuple[int, int], text: str, head_start: int) -> Period:
    part = _part(text, head_start)
    if part is None:
        return Period(first, first + 9, span)
    (a, b), start = part
    return Period(first + a, first + b, (start, span[1]))


def _decades_in_digits(text: str) -> list[Period]:
    heads, found = _words()["heads"]["words"], []
    for m in _DIGITS.finditer(text):
        century, digit, suffix = m.group(1), int(m.group(2)), m.group(3) or ""
        before = _word_before(text, m.start())
        headed = before is not None and fold(before.group()) in heads
        mid_prefix = text[max(0, m.start() - 4) : m.start()].lower().endswith("mid-")
        listed = bool(found) and suffix == "."  # "lat 70. i 80.": the second of a list
        if not (headed or mid_prefix or listed or suffix not in ("", ".")):
            continue
        if century:
            first = int(century) * 100 + digit * 10
        else:
            first = 1900 + digit * 10
            first = first if first >= 1950 else first + 100  # "the 00s", "lata 20." of 2020s
        start = before.start() if headed else m.start()
        found.append(_decade(first, (start, m.end()), text, start))
    return found


def _decades_in_words(text: str) -> list[Period]:
    found = []
    for m in _WORD.finditer(text):
        word = fold(m.group()).split("-")[-1]
        first = next((y for entry, y in _words()["decades"].items() if _matches(word, entry)), None)
        if first is None:
            continue
        before = _word_before(text, m.start())
        headed = before is not None and fold(before.group()) in _words()["heads"]["words"]
        start = before.start() if headed else m.start()
        found.append(_decade(first, (start, m.end()), text, start))
    return found


def _of_century(number: int, span: tuple[int, int]) -> Period:
    """The 20th century is 1901-2000; the 21st is 'since 2001'."""
    return Period((number - 1) * 100 + 1, number * 100 if number < 21 else None, span)


def _century(text: str) -> Period | None:
    words = _words()["centuries"]
    for m in _WORD.finditer(text):
        after = _WORD.search(text, m.end())
        if after is None or not any(_matches(fold(after.group()), w) for w in words["words"]):
            continue
        word = fold(m.group())
        number = _ROMAN.get(word) or next(
            (n for entry, n in words["ordinals"].items() if _matches(word, entry)), None
        )
        if number and (fold(after.group()) != "w" or m.group().isupper()):  # "XX w."
            return _of_century(number, (m.start(), after.end()))
    for m in _ORDINAL.finditer(text):
        after = _WORD.search(text, m.end())
        if after and any(_matches(fold(after.group()), w) for w in words["words"][1:]):
            return _of_century(int(m.group(1)), (m.start(), after.end()))
    return None


def read_periods(text: str) -> list[Period]:
    """The decades or century a question names (where it has no year in digits). Decades
    that follow on ('lata 70. i 80.', 'from the seventies to the nineties') make one period;
    others stay apart, and the plan applies the first."""
    century = _century(text)
    if century:
        return [century]
    found = sorted(_decades_in_digits(text) + _decades_in_words(text), key=lambda p: p.span)
    if len(found) == 2:
        a, b = found
        between = fold(text[a.span[1] : b.span[0]]).split()
        ranged = set(between) & set(_words()["heads"]["joining"])
        if b.year_from == a.year_to + 1 or (ranged and b.year_from > a.year_to):
            return [Period(a.year_from, b.year_to, (a.span[0], b.span[1]))]
    return found
