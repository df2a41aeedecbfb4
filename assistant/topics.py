"""What a cooperation is about: the words of the survey's other-form cells, by lemma.

The survey writes the subject of a cooperation into the other-form cell ("współpraca
szkół", "wymiana młodzieży", "porozumienie miast ośrodków pielgrzymkowych"). At start the
runtime indexes those cells' words by folded Polish lemma; a question word whose lemma (or,
for English, whose bridge entry in lang/topics.toml) is in the index becomes a topic filter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.text import fold, lemmas, strip_html
from assistant.vocabulary import load

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@lru_cache(maxsize=1)
def _bridge() -> dict[tuple[str, ...], tuple[str, ...]]:
    return {
        tuple(fold(key).split()): tuple(fold(v) for v in values)
        for key, values in load("topics")["bridge"].items()
    }


@dataclass
class TopicIndex:
    """folded lemma -> the folded words of the cells that have it."""

    words: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def from_cells(cls, cells: list[str]) -> TopicIndex:
        index = cls()
        for cell in cells:
            for word in _WORD.findall(strip_html(cell)):
                folded = fold(word)
                for lemma in {folded, *(fold(x) for x in lemmas(word.lower()))}:
                    index.words.setdefault(lemma, set()).add(folded)
        return index

    @classmethod
    def from_duckdb(cls, con) -> TopicIndex:
        """The index `store` wrote at ingestion."""
        index = cls()
        for lemma, word in con.execute("SELECT lemma, word FROM topic_words").fetchall():
            index.words.setdefault(lemma, set()).add(word)
        return index

    def forms(self, lemma_keys: set[str], prefixes: bool = False) -> set[str]:
        """The cell words with these lemmas; with `prefixes`, also words a key begins
        ("baseball" -> "baseballowej", "pilgrim" -> "pielgrzym..." does not: no bridge, no match)."""
        found: set[str] = set()
        for key in lemma_keys:
            found |= self.words.get(key, set())
            if prefixes and len(key) >= 5:
                # "szkoła" also finds "szkolna": a lemma without its last vowel is a stem
                stem = key.rstrip("aeiouy") if len(key) >= 6 else key
                stem = stem if len(stem) >= 5 else key
                for word, forms in self.words.items():
                    if word.startswith(stem) and len(word) - len(stem) <= 6:
                        found |= forms
        return found

    def read(self, tokens, free: list[int]) -> list[tuple[list[int], list[str]]]:
        """Topic filters from the free (not yet consumed) tokens: (token indexes, cell words)."""
        found: list[tuple[list[int], list[str]]] = []
        taken: set[int] = set()
        bridge = _bridge()
        free_set = set(free)
        for i in free:
            if i in taken:
                continue
            for n in (2, 1):
                span = list(range(i, i + n))
                if any(j not in free_set for j in span) or span[-1] >= len(tokens):
                    continue
                key = tuple(fold(tokens[j].text) for j in span)
                if n == 1:  # a Polish word's lemma may have a bridge entry too ("straży" -> straż)
                    key = next(
                        (k for k in [key, *((x,) for x in tokens[i].keys)] if k in bridge), key
                    )
                if key in bridge:
                    forms = self.forms(set(bridge[key]), prefixes=True)
                    if forms:
                        found.append((span, sorted(forms)))
                        taken.update(span)
                    break
            else:
                token = tokens[i]
                if len(token.text) < 4 or not token.text.isalpha() or _graded(token.text):
                    continue
                forms = self.forms(set(token.keys), prefixes=True)
                if forms:
                    found.append(([i], sorted(forms)))
                    taken.add(i)
        return _merged(found)


def _merged(found: list[tuple[list[int], list[str]]]) -> list[tuple[list[int], list[str]]]:
    """Each topic word must hold ("ośrodków pielgrzymkowych": both); two words that bridge to
    the same cell words ("straży pożarnych") are one topic."""
    out: list[tuple[list[int], list[str]]] = []
    for span, forms in found:
        same = next((o for o in out if o[1] == forms), None)
        if same:
            same[0].extend(span)
        else:
            out.append((list(span), forms))
    return out


def _graded(word: str) -> bool:
    """A comparative or superlative ('większej', 'najstarsze') says how much, not what about."""
    from assistant.gazetteer import _analyses

    return any(tag.endswith((":com", ":sup")) for _lemma, tag, _q in _analyses(word.lower()))


def pattern(forms: list[str]) -> str:
    """A regular expression matching any of these folded words as a whole word."""
    return r"(^|[^a-z])(" + "|".join(re.escape(f) for f in sorted(forms)) + r")([^a-z]|$)"


TOPIC_COLUMNS = [("lemma", "VARCHAR"), ("word", "VARCHAR")]


def store(con) -> None:
    """Index the other-form cells' words by lemma into the `topic_words` table (ingestion).

    Each distinct cell once: on a large table most cells repeat."""
    from assistant.sql.load import bulk_insert

    cells = [c for (c,) in con.execute(
        "SELECT DISTINCT other_form FROM partnerships WHERE other_form <> '' AND NOT no_data"
    ).fetchall()]  # fmt: skip
    index = TopicIndex.from_cells(cells)
    con.execute("CREATE TABLE topic_words (lemma VARCHAR, word VARCHAR)")
    rows = ((lemma, word) for lemma, words in index.words.items() for word in sorted(words))
    bulk_insert(con, "topic_words", TOPIC_COLUMNS, rows)
