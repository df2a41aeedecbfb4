"""The words that point to the pages, taken from the indexed pages themselves at ingestion.

A page's content words ('stowarzyszenie', 'wystawa', 'Esperanto', 'mapa'), as search terms
(folded forms and Polish lemmas; read back with the bilingual bridge concepts they stand for,
so 'exhibitions' meets 'wystawa'), minus every term a survey question uses too (the cue phrases, the countries, stop
words). What is left is stored in the
DuckDB table `page_terms`; the router asks it whether a question is about page content.
"""

from __future__ import annotations

from functools import lru_cache

import duckdb

from assistant.retrieval.passages import Passage
from assistant.retrieval.search import terms, word_terms
from assistant.text import fold, words
from assistant.vocabulary import load

DDL = "CREATE TABLE page_terms (term VARCHAR, source VARCHAR, passages INTEGER)"
MIN_LETTERS = 4


@lru_cache(maxsize=1)
def survey_terms() -> frozenset[str]:
    """Terms of the words a table question is made of: these never point to the pages."""
    found: set[str] = set()
    phrases: list[str] = []
    for cue in load("cues")["cues"].values():
        phrases += cue
    for lang in ("pl", "en"):  # the words that ask ('podaj', 'which', 'how many')
        types = load(f"page_answers_{lang}").get("types", {})
        for kind in types.get("order", []) + ["requests"]:
            phrases += types.get(kind, [])
    for polish, entry in load("countries").items():
        if isinstance(entry, dict):
            phrases += [polish, entry.get("en", ""), *entry.get("en_aliases", [])]
            phrases += [*entry.get("pl_aliases", []), *entry.get("pl_adjectives", [])]
    for phrase in phrases:
        for word in words(phrase.replace("~", "")):
            found.update(word_terms(word))
            found.add(fold(word))
    return frozenset(found)


def page_terms(passages: list[Passage]) -> list[tuple[str, str, int]]:
    """(term, source, number of passages holding it) for the content words of the pages."""
    common = survey_terms()
    counts: dict[tuple[str, str], int] = {}
    for p in passages:
        if p.boilerplate:
            continue
        # Words only: the bridge concepts ('~4') are added when the index is read, so a
        # change of lang/retrieval.toml needs no new ingestion.
        seen = {
            t
            for t in terms(p.text)
            if t not in common and not t.startswith("~") and len(t) >= MIN_LETTERS and t.isalpha()
        }
        for t in seen:
            counts[(t, p.source)] = counts.get((t, p.source), 0) + 1
    return [(t, s, n) for (t, s), n in sorted(counts.items())]


def store(con: duckdb.DuckDBPyConnection, passages: list[Passage]) -> None:
    con.execute(DDL)
    rows = page_terms(passages)
    if rows:
        con.executemany("INSERT INTO page_terms VALUES (?, ?, ?)", rows)


def read(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The stored page words with the bridge concepts they stand for ({} for an older index)."""
    cursor = con.cursor()
    try:
        stored = [t for (t,) in cursor.execute("SELECT DISTINCT term FROM page_terms").fetchall()]
    except duckdb.Error:
        return frozenset()
    finally:
        cursor.close()
    common = survey_terms()
    concepts = {c for t in stored for c in word_terms(t) if c.startswith("~") and c not in common}
    return frozenset(stored) | concepts


def page_words(question_words: list[str], vocabulary: frozenset[str]) -> list[str]:
    """The words of a question that only the pages explain ('exhibitions', 'Esperanto')."""
    common = survey_terms()
    found = []
    for word in question_words:
        if len(word) < MIN_LETTERS or word.isdigit():
            continue
        mine = set(word_terms(word))
        if mine & vocabulary and not mine & common and fold(word) not in common:
            found.append(word)
    return found
