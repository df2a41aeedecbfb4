"""What a page question wants: a date, a number, a list, a name or place, yes/no, a definition.

The words of each type live in assistant/lang/page_answers_<lang>.toml [types]; a phrase's
words are folded and '*' matches any one word. The question's own language is tried first.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.text import fold, words
from assistant.vocabulary import load

TYPES = ("pages", "date", "number", "definition", "name", "yes_no", "list", "other")


@lru_cache(maxsize=2)
def _phrases(lang: str) -> tuple[list[str], dict[str, list[tuple[str, ...]]]]:
    data = load(f"page_answers_{lang}")["types"]
    order = data["order"]
    return order, {t: [tuple(fold(p).split()) for p in data[t]] for t in order}


def _at(tokens: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    return all(p == "*" or tokens[i + n] == p for n, p in enumerate(phrase))


def classify(question: str, lang: str) -> str:
    """One of TYPES. Yes/no counts only when the question opens with its word ('Is ...', 'Czy ...')."""
    tokens = [fold(w) for w in words(question.replace("’", "'"))]
    for language in (lang, "en" if lang == "pl" else "pl"):
        order, phrases = _phrases(language)
        for kind in order:
            for phrase in phrases[kind]:
                if kind == "yes_no":
                    if _at(tokens, 0, phrase):
                        return kind
                elif any(_at(tokens, i, phrase) for i in range(len(tokens))):
                    return kind
    return "other"
