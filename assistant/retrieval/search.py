"""Hybrid passage search: vector search (Chroma) and keyword search (BM25), fused by rank.

Keyword search compares folded words and their Polish lemmas, and a small bilingual
bridge (assistant/lang/retrieval.toml) maps "agreement" to "umowa", "Germany" to
"Niemcy", "Lutsk" to "Łuck", so a Polish question finds an English passage and back.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from assistant.retrieval.passages import Passage, clean
from assistant.text import fold, lemmas, words
from assistant.vocabulary import load

if TYPE_CHECKING:
    from langchain_chroma import Chroma

Mode = Literal["hybrid", "vector", "keyword"]
# Reciprocal rank fusion: score = sum of weight / (RRF_K + rank). The usual RRF_K = 60
# suits long result lists; ours are short (see the floors), so the top ranks must count more.
RRF_K = 10
# On a small corpus nearly every passage shares a word with the question, and a long
# tail of weak matches would outvote one strong match of the other search. Before
# fusing, keep the matches scoring at least this share of the best one's score.
KEYWORD_FLOOR = 0.5
VECTOR_FLOOR = 0.8
VECTOR_WEIGHT = 1.0
KEYWORD_WEIGHT = 3.0  # keyword matches are the more precise on these pages (bench/retrieval.py)
# Words of the title and headings above a passage count for less than its own words:
# they are shared by every passage under the heading.
CONTEXT_WEIGHT = 0.2
# A capitalised question word of at least NAME_MIN letters that no passage holds is matched
# to the most similar term (rapidfuzz ratio at least NAME_SIMILARITY): another spelling.
NAME_MIN = 5
NAME_SIMILARITY = 80
# Rank fusion forgets by how much the best keyword match leads; a passage also gets this
# weight times its keyword score's share of the best one (a rare name matched stands out).
MARGIN_WEIGHT = 0.15


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # fused score (higher is better); comparable only within one search
    matched: str  # 'vector', 'keyword' or 'both'
    similarity: float | None = None  # cosine similarity from the vector search
    keyword_score: float | None = None  # BM25 score


# --- words -> search terms -------------------------------------------------------------


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    data = load("retrieval").get("stopwords", {})
    return frozenset(fold(w) for ws in data.values() for w in ws)


@lru_cache(maxsize=1)
def bridge() -> dict[str, frozenset[str]]:
    """Folded word -> the concepts it stands for ('~0' for the first bridge group...)."""
    groups: list[list[str]] = list(load("retrieval").get("bridge", {}).get("groups", []))
    for polish, entry in load("countries").items():
        if isinstance(entry, dict):
            groups.append([polish, entry.get("en", "")] + _aliases(entry))
    groups.extend(place.get("names", []) for place in load("exonyms").get("place", []))
    index: dict[str, set[str]] = {}
    for number, group in enumerate(groups):
        for name in group:
            for word in _single_words(name):
                index.setdefault(word, set()).add(f"~{number}")
    return {word: frozenset(concepts) for word, concepts in index.items()}


def _aliases(entry: dict) -> list[str]:
    return [
        *entry.get("en_aliases", []),
        *entry.get("pl_aliases", []),
        *entry.get("pl_adjectives", []),
    ]


def _single_words(name: str) -> list[str]:
    """Only one-word names join the bridge: 'United States' would make 'united' a country."""
    if name.startswith("#"):  # a marker term, not a word ('#count')
        return [name]
    found = words(name)
    if len(found) != 1:
        return []
    folded = fold(found[0])
    forms = {folded, english_stem(folded)} | {fold(lemma) for lemma in lemmas(found[0])}
    return sorted(forms)


def english_stem(word: str) -> str:
    """A very light English stem: 'agreements' -> 'agreement', 'partnered' -> 'partner'."""
    for suffix, replacement in (
        ("ies", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("e", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word


@lru_cache(maxsize=65536)
def word_terms(word: str) -> tuple[str, ...]:
    """The terms one word contributes: its lemmas (Polish) or folded form and stem (other
    languages), and the bridge concepts of any of them."""
    folded = fold(word).removesuffix("'s")
    known = {fold(lemma) for lemma in lemmas(word)}
    forms = known if known != {fold(word)} else {folded, english_stem(folded)}
    if folded.isdigit() and not 1800 <= int(folded) <= 2099:
        forms.add("#count")  # a number that is not a year answers "how many"
    if "-" in word:  # 'polsko-niemieckich': its parts count too
        for part in word.split("-"):
            forms.update(word_terms(part))
    # Concepts first: a stop word may still stand for one ('ile' -> how many).
    concepts = set().union(*(bridge().get(form, frozenset()) for form in forms))
    if folded in stopwords():
        return tuple(sorted(concepts))
    forms = {f for f in forms - stopwords() if len(f) > 1 or f.isdigit()}
    return tuple(sorted(forms | concepts))


def terms(text: str) -> list[str]:
    """Search terms of a text (a question or a passage)."""
    return [term for word in words(clean(text)) for term in word_terms(word)]


# --- BM25 -------------------------------------------------------------------------------


class KeywordIndex:
    """Okapi BM25 over a fixed list of texts (small corpora: the postings fit in a dict)."""

    def __init__(
        self,
        texts: list[str],
        contexts: list[str] | None = None,
        k1: float = 1.2,
        b: float = 0.3,  # light length normalisation: long paragraphs are often the answer
        context_weight: float = CONTEXT_WEIGHT,
    ) -> None:
        self.k1, self.b = k1, b
        self._names: list[str] | None = None
        counts = [Counter(terms(t)) for t in texts]
        for counter, context in zip(counts, contexts or [], strict=False):
            for term in terms(context):
                counter[term] += context_weight
        self.lengths = [sum(c.values()) for c in counts]
        self.average = sum(self.lengths) / len(counts) if counts else 0.0
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for doc, counter in enumerate(counts):
            for term, tf in counter.items():
                self.postings.setdefault(term, []).append((doc, tf))
        n = len(counts)
        self.idf = {
            t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
        }

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(document number, score) of the best `k` documents that share a term with the query.

        Each query word scores by its best-matching term in a document (its form, a lemma,
        or a bridged concept), so a Polish word matching through the bridge counts as much
        as an English word matching itself.
        """
        scores: dict[int, float] = {}
        for alternatives in {self._known_terms(w) for w in words(clean(query))}:
            best: dict[int, float] = {}
            for term in alternatives:
                for doc, value in self._term_scores(term):
                    best[doc] = max(best.get(doc, 0.0), value)
            for doc, value in best.items():
                scores[doc] = scores.get(doc, 0.0) + value
        return sorted(scores.items(), key=lambda item: -item[1])[:k]

    def _known_terms(self, word: str) -> tuple[str, ...]:
        """The word's terms; a name the pages spell otherwise ('Jehud' for 'Yehud', one letter
        apart) is matched to the closest term of the index."""
        found = _query_terms(word)
        if not word[:1].isupper() or len(word) < NAME_MIN or any(t in self.postings for t in found):
            return found
        from rapidfuzz import fuzz, process

        closest = process.extractOne(
            fold(word), self.names(), scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY
        )
        return (closest[0],) if closest else found

    def names(self) -> list[str]:
        if self._names is None:
            self._names = [t for t in self.postings if len(t) >= NAME_MIN and t.isalpha()]
        return self._names

    def _term_scores(self, term: str) -> list[tuple[int, float]]:
        idf, k1 = self.idf.get(term, 0.0), self.k1
        found = []
        for doc, tf in self.postings.get(term, ()):
            norm = k1 * (1 - self.b + self.b * self.lengths[doc] / self.average)
            found.append((doc, idf * tf * (k1 + 1) / (tf + norm)))
        return found


def _query_terms(word: str) -> tuple[str, ...]:
    """A question word with a bridge concept is matched through it alone, so an English
    question finds a Polish passage as easily as an English one."""
    found = word_terms(word)
    concepts = tuple(t for t in found if t.startswith("~"))
    return concepts or found


# --- the retriever ----------------------------------------------------------------------


class Retriever:
    """Searches the content passages of the pages (boilerplate is never returned)."""

    def __init__(self, passages: list[Passage], store: Chroma | None, pool: int = 20) -> None:
        self.passages = list({p.id: p for p in passages if not p.boilerplate}.values())
        self.by_id = {p.id: n for n, p in enumerate(self.passages)}
        self.keywords = KeywordIndex(
            [clean(p.text) for p in self.passages], [p.context for p in self.passages]
        )
        self.store = store
        self.pool = pool  # candidates taken from each search before fusing

    def search(self, query: str, k: int = 3, mode: Mode = "hybrid") -> list[Hit]:
        if not query.strip() or not self.passages:
            return []
        vector = self._vector(query) if mode != "keyword" else []
        keyword = self.keywords.search(query, self.pool) if mode != "vector" else []
        if mode == "hybrid":
            vector, keyword = _strong(vector, VECTOR_FLOOR), _strong(keyword, KEYWORD_FLOOR)
        return fuse(self.passages, vector, keyword)[:k]

    def _vector(self, query: str) -> list[tuple[int, float]]:
        if self.store is None:
            return []
        embedding = self.store.embeddings.embed_query(query)
        found = self.store.similarity_search_by_vector_with_relevance_scores(embedding, k=self.pool)
        ranked = []
        for doc, distance in found:
            number = self.by_id.get(doc.metadata.get("passage_id", ""))
            if number is not None:
                ranked.append((number, 1.0 - distance))  # cosine space: distance = 1 - similarity
        return ranked


def _strong(ranked: list[tuple[int, float]], floor: float) -> list[tuple[int, float]]:
    if not ranked or ranked[0][1] <= 0:
        return ranked
    return [(n, score) for n, score in ranked if score >= floor * ranked[0][1]]


def fuse(
    passages: list[Passage], vector: list[tuple[int, float]], keyword: list[tuple[int, float]]
) -> list[Hit]:
    """Reciprocal rank fusion of two ranked lists of (passage number, score)."""
    fused: dict[int, float] = {}
    for ranked, weight in ((vector, VECTOR_WEIGHT), (keyword, KEYWORD_WEIGHT)):
        for rank, (number, _score) in enumerate(ranked, 1):
            fused[number] = fused.get(number, 0.0) + weight / (RRF_K + rank)
    similarity, keyword_score = dict(vector), dict(keyword)
    best_keyword = keyword[0][1] if keyword else 0.0
    if best_keyword > 0:
        for number, score in keyword:
            fused[number] += MARGIN_WEIGHT * (score / best_keyword) ** 4
    hits = []
    for number, score in sorted(fused.items(), key=lambda item: -item[1]):
        in_vector, in_keyword = number in similarity, number in keyword_score
        matched = "both" if in_vector and in_keyword else "vector" if in_vector else "keyword"
        hits.append(
            Hit(passages[number], score, matched, similarity.get(number), keyword_score.get(number))
        )
    return hits
