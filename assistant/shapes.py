"""A nearest-example classifier of what a question asks (its shape), beside the cue lexicon.

The cue lexicon (lang/cues.toml) reads the shapes it has words for; a question that says the
same thing in words the lexicon lacks ("Who has been X's partner the longest?") is compared
with example questions per shape and language (lang/shape_examples.toml) in the multilingual
sentence encoder the project already loads for the pages. Names are masked as "X" first, as in
the examples, so the classifier hears what is asked, not about whom. It is asked only when the
lexicon found no shape at all, and it answers only when it is close to one shape and clearly
closer to it than to any other (thresholds below, leave-one-out on the examples: 0.91
precision on the third of them it answers).

Measured on every gold set (`assistant eval`, 891 cases): the lexicon alone 0.983, with this
classifier as the fallback 0.956. USE v3 puts "Who does X cooperate with?" nearest to "Who
cooperates most with X?" (0.92): it encodes the topic, not the superlative. So it is off by
default (`ASSISTANT_SHAPE_CLASSIFIER=true` turns it on); a stronger encoder may change that.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

from assistant.vocabulary import load

MIN_SCORE = 0.6  # cosine to the nearest example (USE v3 puts most questions above 0.6)
MIN_MARGIN = 0.1  # over the nearest example of another shape: 0.91 precision leave-one-out


def mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The question with each name replaced by X, as the examples write them."""
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(text[position:start] + "X")
        position = end
    out.append(text[position:])
    return "".join(out)


class ShapeClassifier:
    """Nearest example by cosine; the encoder is opened on first use (it is shared with the
    page retriever, so a process that answers pages pays for it once)."""

    def __init__(self, open_embeddings: Callable[[], object]):
        self._open = open_embeddings
        self._lock = threading.Lock()
        self._vectors: np.ndarray | None = None
        self._labels: list[str] = []
        self._embeddings = None

    def _ready(self) -> None:
        if self._vectors is not None:
            return
        with self._lock:
            if self._vectors is not None:
                return
            texts, labels = [], []
            for label, by_language in load("shape_examples")["examples"].items():
                for examples in by_language.values():
                    texts += examples
                    labels += [label] * len(examples)
            self._embeddings = self._open()
            vectors = np.asarray(self._embeddings.embed_documents(texts), dtype=np.float32)
            self._labels = labels
            self._vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def scores(self, question: str) -> dict[str, float]:
        """The best cosine per shape."""
        self._ready()
        vector = np.asarray(self._embeddings.embed_query(question), dtype=np.float32)
        vector /= np.linalg.norm(vector) or 1.0
        similarities = self._vectors @ vector
        best: dict[str, float] = {}
        for label, score in zip(self._labels, similarities, strict=True):
            best[label] = max(best.get(label, -1.0), float(score))
        return best

    def classify(self, question: str) -> str | None:
        """The shape the question is nearest to, or None when no shape is near and clear."""
        ranked = sorted(self.scores(question).items(), key=lambda kv: -kv[1])
        (label, score), (_second, runner_up) = ranked[0], ranked[1]
        if score < MIN_SCORE or score - runner_up < MIN_MARGIN:
            return None
        return label
