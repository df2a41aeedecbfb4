"""Small text helpers shared by every stage: folding, tokens, Polish lemmas."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter plus a mark.
_EXTRA_FOLDS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "đ": "d"}
)
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case ASCII form: 'Częstochowa' -> 'czestochowa', 'Łódź' -> 'lodz'."""
    text = text.translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def strip_html(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).split())


def words(text: str) -> list[str]:
    """Words as written (hyphenated names stay one word: 'Bielsko-Biała')."""
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _morfeusz():
    import morfeusz2

    return morfeusz2.Morfeusz(generate=False, expand_tags=False)


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """Every lemma Morfeusz proposes for a word (ambiguous words keep all), without tags.

    Unknown words come back as themselves, so foreign names pass through.
    """
    found: list[str] = []
    for _start, _end, (_form, lemma, _tag, *_rest) in _morfeusz().analyse(word):
        base = lemma.split(":", 1)[0]
        if base not in found:
            found.append(base)
    return tuple(found) or (word,)
