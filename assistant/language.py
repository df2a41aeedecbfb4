"""The language of a question: Polish or English, or None when it gives no evidence.

Place names say nothing about the asker's language ("Tell me about Białystok"
is English), so the caller passes the spans the gazetteer found and they are
masked first. Two kinds of evidence are then added up:

- a vote of the question's words: each word that only Polish knows (lang/pl.toml
  [vocabulary], by form or Morfeusz lemma) or that carries Polish letters
  (ą, ę, ł, ...) counts for Polish; each word only English knows (lang/en.toml)
  counts for English; words both know ("a", "list", "to") do not vote;
- lingua, restricted to Polish and English, whose confidence counts for less in
  very short questions, where it guesses.

`detect_language()` returns None when there is no evidence at all ("2", "OK?",
a bare place name): the caller then keeps the conversation's language (or its
default).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from assistant import vocabulary
from assistant.text import fold, lemmas, words

_POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
_SHORT = 3  # questions of at most this many words are decided mainly by vocabulary
_LINGUA_WEIGHT_SHORT = 1.0
_LINGUA_WEIGHT = 1.5


@lru_cache(maxsize=2)
def _vocabulary(language: str) -> frozenset[str]:
    found: set[str] = set()
    for phrase in vocabulary.load(language).get("vocabulary", {}).get("words", []):
        found.update(fold(w) for w in words(phrase))
    return frozenset(found)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.POLISH, Language.ENGLISH).build()


def _mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def vocabulary_vote(text: str) -> tuple[int, int]:
    """(Polish evidence, English evidence) from the words of the text."""
    polish_words, english_words = _vocabulary("pl"), _vocabulary("en")
    pl = en = 0
    for word in words(text):
        folded = fold(word)
        in_pl = folded in polish_words or any(
            fold(lemma) in polish_words for lemma in lemmas(word.lower())
        )
        in_en = folded in english_words
        if in_pl and not in_en:
            pl += 1
        elif in_en and not in_pl:
            en += 1
        if _POLISH_LETTERS & set(word):
            pl += 1
    return pl, en


def _conjunction_before_name(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """ "A Lwów?", "a Kraków?": Polish "a" (and / what about) opening a question before a name.

    The English article never stands right before a place name, so this one
    word both languages know counts for Polish here.
    """
    stripped = text.lstrip()
    if stripped[:2].lower() != "a ":
        return False
    offset = len(text) - len(stripped) + 1
    rest = len(text[offset:]) - len(text[offset:].lstrip())
    return any(start == offset + rest for start, _end in spans)


def _lingua_polish_confidence(text: str) -> float:
    """Lingua's confidence that the text is Polish (0..1); 0.5 when it cannot say."""
    values = {
        str(v.language.name): v.value for v in _detector().compute_language_confidence_values(text)
    }
    if not values:
        return 0.5
    return values.get("POLISH", 0.0)


def detect_language(
    text: str, name_spans: Sequence[tuple[int, int]] = ()
) -> Literal["pl", "en"] | None:
    """'pl' or 'en' for a question, or None when nothing in it (outside the names) tells."""
    masked = _mask(text, name_spans)
    tokens = [w for w in words(masked) if any(c.isalpha() for c in w)]
    if not tokens:
        return None
    pl, en = vocabulary_vote(masked)
    if _conjunction_before_name(text, name_spans):
        pl += 1
    letters = sum(c.isalpha() for c in masked)
    if pl == en == 0 and letters < 4:
        return None  # "ok", "?", "x": lingua would only guess
    weight = _LINGUA_WEIGHT_SHORT if len(tokens) <= _SHORT else _LINGUA_WEIGHT
    lingua = (2 * _lingua_polish_confidence(masked) - 1) * weight if letters >= 2 else 0.0
    score = (pl - en) + lingua
    if score > 0:
        return "pl"
    if score < 0:
        return "en"
    return None
