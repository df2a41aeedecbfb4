"""Small text helpers shared by every stage: folding, tokens, Polish lemmas."""

from __future__ import annotations

import itertools
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


# French and Italian elided articles and prepositions: the name after one is a word of its own
# ("avec l'Allemagne", "d'Italie", "dell'Ucraina").
_ELISION = re.compile(r"\b(?:l|d|j|qu|dell|dall|nell|all|sull)['’](?=[^\W\d_])", re.IGNORECASE)


def split_elisions(text: str) -> str:
    """'avec l'Allemagne' -> 'avec l' Allemagne' (the apostrophe kept, the name set apart)."""
    return _ELISION.sub(lambda m: m.group(0) + " ", text)


def strip_html(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).split())


def words(text: str) -> list[str]:
    """Words as written (hyphenated names stay one word: 'Bielsko-Biała')."""
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _morfeusz():
    import morfeusz2

    return morfeusz2.Morfeusz(generate=False, expand_tags=False)


# Letters a Polish word loses when typed without diacritics, and what they may have been.
_DIACRITIC_LETTERS = {
    "a": "ą",
    "c": "ć",
    "e": "ę",
    "l": "ł",
    "n": "ń",
    "o": "ó",
    "s": "ś",
    "z": "źż",
}


def _known(word: str) -> bool:
    return any(tag != "ign" for *_span, (_f, _l, tag, *_r) in _morfeusz().analyse(word))


@lru_cache(maxsize=65536)
def with_diacritics(word: str) -> str | None:
    """A Polish word typed without its diacritics, as Morfeusz knows it: 'polozone' ->
    'położone', 'nawiazano' -> 'nawiązano'; None for a known word or none found (up to three
    letters restored, the fewest first)."""
    lower = word.lower()
    if len(lower) < 4 or not lower.isascii() or not lower.isalpha() or _known(lower):
        return None
    positions = [i for i, c in enumerate(lower) if c in _DIACRITIC_LETTERS]
    for k in (1, 2, 3):
        for chosen in itertools.combinations(positions, k):
            for letters in itertools.product(*(_DIACRITIC_LETTERS[lower[i]] for i in chosen)):
                candidate = list(lower)
                for i, letter in zip(chosen, letters, strict=True):
                    candidate[i] = letter
                if _known(restored := "".join(candidate)):
                    return restored
    return None


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
