"""Where one message asks several questions: 'Które miasto ma najwięcej partnerów we Francji,
a które w Niemczech?' is two ('… we Francji', 'a które w Niemczech?').

A message splits after a sentence that ends in ? ! ; (or . after a word of four letters or
more, so 'pow. żywiecki' stays whole), and before a joining word ('a', 'and', 'oraz') that,
after optional fillers ('też', 'also', 'me'), opens a question or a request ('które', 'how
many', 'tell'). Names and filters joined by 'and' ('Kraków i Wrocław', 'France and Germany')
stay one question, and a sentence that asks nothing (a greeting, context, 'Top 3') goes with
the question beside it. The words are in lang/cues.toml ([clauses]).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.coverage import strip_courtesy
from assistant.text import fold
from assistant.vocabulary import load

_SENTENCE_END = re.compile(r"(?<=[?!;])\s+(?=\S)|(?<=\w{4}\.)\s+(?=[^\W\d_])")


def _alternatives(key: str) -> str:
    phrases = sorted({fold(w) for w in load("cues")["clauses"][key]}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


@lru_cache(maxsize=1)
def _opening() -> re.Pattern:
    return re.compile(rf"\W*(?:{_alternatives('questions')}|{_alternatives('requests')})\b")


@lru_cache(maxsize=1)
def _request_only() -> re.Pattern:
    """A request with no question word in its first words ('List countries')."""
    return re.compile(
        rf"\W*(?:{_alternatives('requests')})\b(?!(?:\W+\w+){{0,3}}\W+(?:{_alternatives('questions')})\b)"
    )


@lru_cache(maxsize=1)
def _second_question() -> re.Pattern:
    """A joining word (with its comma), fillers, then a question's or request's opening word,
    matched on folded text (folding keeps every character's position)."""
    return re.compile(
        rf",?\s+(?:{_alternatives('joiners')})\s+(?:(?:{_alternatives('fillers')})\s+)*"
        rf"(?:{_alternatives('questions')}|{_alternatives('requests')})\b"
    )


def split(message: str) -> list[str]:
    """The questions of a message, in order, as written (one part when it asks one).

    A sentence that asks nothing (no question mark, no opening word) belongs to a question
    beside it: before the first question it is that question's context ('Rejon z obwodu
    kaliningradzkiego szuka partnera. Które powiaty…?'), after one it adds to it ('… ze
    Szwecją? Chodzi mi o liczbę partnerstw.', '…? Top 3'), and so does a request that asks
    nothing of its own ('…? List countries', '…? Podaj pierwszą trójkę')."""
    parts: list[str] = []
    pending = ""  # statements before the first question
    for sentence in _SENTENCE_END.split(message.strip()):
        if not sentence.strip():
            continue
        pieces = _split_sentence(sentence)
        if len(pieces) == 1 and (not _asks(sentence) or parts and _specifies(sentence)):
            if parts:
                parts[-1] = f"{parts[-1]} {pieces[0]}"
            else:
                pending = f"{pending} {pieces[0]}".strip()
            pieces = pieces[1:]
        for piece in pieces:
            parts.append(f"{pending} {piece}".strip() if pending else piece)
            pending = ""
    if pending:
        parts.append(pending)
    return parts


def asides(message: str) -> list[str]:
    """The sentences of a message that ask nothing ('My grandmother was born in Kamieniec
    Podolski.', 'Would be lovely to visit both'), when another one asks."""
    sentences = [s for s in _SENTENCE_END.split(message.strip()) if s.strip()]
    asking = [s for s in sentences if _asks(s) or len(_split_sentence(s)) > 1]
    return [s for s in sentences if s not in asking] if asking else []


_DASH = re.compile(r"\s+[-–—]\s+")


def context_spans(message: str) -> list[tuple[int, int]]:
    """Where a message tells something before it asks ('Mieszkam w Krakowie. Jakie miasta
    partnerskie ma Gdańsk?', 'I'm visiting from Genk - which towns is Cieszyn twinned with?'):
    the spans of the sentences, or of the statement before a dash, that ask nothing and come
    before the first one that does (none when nothing asks)."""
    pieces: list[tuple[int, int]] = []
    ends = [m.start() for m in _SENTENCE_END.finditer(message)] + [len(message)]
    start = 0
    for end in ends:
        for dash in _DASH.finditer(message, start, end):
            if _asks(message[dash.end() : end]):
                pieces.append((start, dash.start()))
                start = dash.end()
                break
        pieces.append((start, end))
        start = end
    context = []
    for a, b in pieces:
        if _asks(message[a:b]) or len(_split_sentence(message[a:b])) > 1:
            return context
        context.append((a, b))
    return []


def _specifies(sentence: str) -> bool:
    """'List countries', 'Podaj pierwszą trójkę' after a question: how to answer it."""
    text = strip_courtesy(sentence.strip())
    return not text.rstrip().endswith("?") and bool(_request_only().match(fold(text)))


def _asks(sentence: str) -> bool:
    """A sentence that is a question or a request: it ends in ?, or opens with a question's
    or request's word ('Kiedy …', 'Podaj …', 'Which …')."""
    text = strip_courtesy(sentence.strip())
    return text.rstrip().endswith("?") or bool(_opening().match(fold(text)))


def _split_sentence(sentence: str) -> list[str]:
    folded = fold(sentence)
    cuts = [m.start() for m in _second_question().finditer(folded) if m.start() > 0]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(sentence[start:cut].strip(" ,"))
        start = cut
    pieces.append(sentence[start:].strip(" ,"))
    return pieces
